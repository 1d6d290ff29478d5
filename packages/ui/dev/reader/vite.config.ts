import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';

// Dev harness for the PDF reader: `npx vite --config packages/ui/dev/reader/vite.config.ts`
// (or `vite build` + `vite preview` with the same config). FOLIO_READER_PUBLIC names a folder of PDFs
// served at /files/ with HTTP range support, the way the app should serve them (check.ts fills a temp
// folder). pdf.js's cMaps, standard fonts and wasm decoders are served at /pdfjs-dist/.
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const pdfjsDist = path.join(repoRoot, 'node_modules/pdfjs-dist');
const filesDir = process.env.FOLIO_READER_PUBLIC ? path.resolve(process.env.FOLIO_READER_PUBLIC) : null;

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.icc': 'application/vnd.iccprofile',
};

/** Sends a file, honouring a single `Range: bytes=a-b` and always advertising `Accept-Ranges` (pdf.js checks it on the first GET). */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const size = statSync(file).size;
  res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'no-cache');
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (m && (m[1] || m[2])) {
    const start = m[1] ? Number(m[1]) : Math.max(0, size - Number(m[2]));
    const end = m[1] && m[2] ? Math.min(size - 1, Number(m[2])) : size - 1;
    if (start > end || start >= size) {
      res.statusCode = 416;
      res.setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', end - start + 1);
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.setHeader('Content-Length', size);
  createReadStream(file).pipe(res);
}

function serveFolder(root: string, allowed: RegExp): Connect.NextHandleFunction {
  return (req, res, next) => {
    const rel = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !allowed.test(rel) || !existsSync(file) || !statSync(file).isFile()) return next();
    sendFile(req, res, file);
  };
}

function files(): Plugin {
  const install = (middlewares: Connect.Server) => {
    middlewares.use('/pdfjs-dist/', serveFolder(pdfjsDist, /^\/(cmaps|standard_fonts|wasm|iccs)\//));
    if (filesDir) middlewares.use('/files/', serveFolder(filesDir, /^\/[^/]+\.pdf$/));
  };
  return {
    name: 'folio-reader-files',
    configureServer: (server) => install(server.middlewares),
    configurePreviewServer: (server) => install(server.middlewares),
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  // check.ts uses its own dependency cache so it never races a running dev server over the shared one.
  ...(process.env.FOLIO_READER_CACHE_DIR ? { cacheDir: process.env.FOLIO_READER_CACHE_DIR } : {}),
  plugins: [react(), files()],
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1' },
  build: { outDir: process.env.FOLIO_READER_OUT_DIR ?? path.join(here, 'dist'), emptyOutDir: true, target: 'es2023' },
  logLevel: process.env.FOLIO_READER_QUIET ? 'warn' : 'info',
});
