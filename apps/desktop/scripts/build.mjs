// `npm run build` for the desktop app: bundles the Node side with esbuild and the renderer with Vite.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { bundle } from './bundle.mjs';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await bundle();
await viteBuild({ configFile: path.join(appRoot, 'vite.config.ts'), logLevel: 'warn' });
console.log(`[folio] desktop built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
