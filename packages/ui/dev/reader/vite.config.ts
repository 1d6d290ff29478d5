import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Dev harness for the PDF reader: `npx vite --config packages/ui/dev/reader/vite.config.ts`.
// FOLIO_READER_PUBLIC points at a folder of PDFs to serve at / (check.ts fills a temp folder;
// Vite's static server answers Range requests, so pdf.js streams big files as it would in the app).
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const pdfjsDist = path.join(repoRoot, 'node_modules/pdfjs-dist');

/** Serves pdf.js's cMaps, standard fonts and wasm decoders at /pdfjs-dist/ (the app copies these next to its bundle). */
function pdfjsAssets(): Plugin {
  const types: Record<string, string> = { '.bcmap': 'application/octet-stream', '.pfb': 'application/octet-stream', '.ttf': 'font/ttf', '.wasm': 'application/wasm', '.icc': 'application/vnd.iccprofile' };
  return {
    name: 'folio-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use('/pdfjs-dist/', (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const file = path.join(pdfjsDist, rel);
        if (!file.startsWith(pdfjsDist + path.sep) || !/^\/(cmaps|standard_fonts|wasm|iccs)\//.test(rel) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: process.env.FOLIO_READER_PUBLIC || false,
  plugins: [react(), pdfjsAssets()],
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  logLevel: process.env.FOLIO_READER_QUIET ? 'warn' : 'info',
});
