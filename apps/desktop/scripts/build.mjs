// `npm run build` for the desktop app: bundles the Node side with esbuild and the renderer with Vite.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { bundle } from './bundle.mjs';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await bundle();
await viteBuild({ configFile: path.join(appRoot, 'vite.config.ts'), logLevel: 'warn' });
// pdf.js needs its CMaps (CJK text), standard fonts, wasm decoders and ICC profiles beside the page; the
// reader receives their URLs (./pdfjs/<folder>/).
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
for (const folder of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
  const from = path.join(pdfjsRoot, folder);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(appRoot, 'dist', 'renderer', 'pdfjs', folder), { recursive: true });
}
console.log(`[folio] desktop built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
