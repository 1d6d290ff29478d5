import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { BlobStore, sniffMime, type Dispatch, type EventBus, type Events } from '@folio/core';
import { CONTENT_SECURITY_POLICY } from './csp';

export interface ServeOptions {
  dispatch: Dispatch;
  events: EventBus<Events>;
  blobs: BlobStore;
  /** Built renderer files; when absent only the API is served. */
  staticDir?: string;
  port?: number;
  /** Defaults to a fresh random token per run. */
  token?: string;
  /** Largest JSON call body, in bytes. */
  maxBodyBytes?: number;
  /** Largest blob upload, in bytes. */
  maxUploadBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

const COOKIE = 'folio_token';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function tokenFrom(req: http.IncomingMessage, url: URL): { token: string | null; viaQuery: boolean } {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), viaQuery: false };
  const header = req.headers['x-folio-token'];
  if (typeof header === 'string') return { token: header, viaQuery: false };
  const q = url.searchParams.get('token');
  if (q) return { token: q, viaQuery: true };
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return { token: decodeURIComponent(v.join('=')), viaQuery: false };
  }
  return { token: null, viaQuery: false };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

function statusFor(code: string): number {
  switch (code) {
    case 'bad_request':
    case 'invalid_file':
      return 400;
    case 'unauthorized':
      return 401;
    case 'read_only':
      return 403;
    case 'not_found':
    case 'unknown_method':
      return 404;
    case 'conflict':
      return 409;
    case 'model_unavailable':
    case 'db_locked':
      return 503;
    default:
      return 500;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error(`Request body is larger than ${Math.round(limit / 1e6)} MB`), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Serve mode: Folio's whole API over loopback HTTP for the browser fallback, e2e tests and scripts.
 * Bound to 127.0.0.1 only; every request needs the per-run token (header, cookie, or `?token=` on
 * first load, which sets an HttpOnly SameSite=Strict cookie); the Host header must be ours
 * (DNS-rebinding guard).
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  const maxUpload = opts.maxUploadBytes ?? 1024 * 1024 * 1024;
  const sse = new Set<http.ServerResponse>();
  let port = 0;

  const forward = opts.events.onAny((name, payload) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const res of sse) res.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const res of sse) res.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        sendJson(res, 403, { ok: false, error: { code: 'unauthorized', message: 'Wrong Host header' } });
        return;
      }
      const { token: given, viaQuery } = tokenFrom(req, url);
      if (!given || !safeEqual(given, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="folio"');
        sendJson(res, 401, {
          ok: false,
          error: {
            code: 'unauthorized',
            message: 'Folio serve mode needs the token printed at start-up (open the URL it printed).',
          },
        });
        return;
      }
      if (viaQuery) res.setHeader('Set-Cookie', `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);

      if (url.pathname.startsWith('/api/call/')) {
        if (req.method !== 'POST') {
          sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST for API calls' } });
          return;
        }
        const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
        let payload: unknown;
        try {
          const body = await readBody(req, maxBody);
          payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch (err) {
          const status = (err as { status?: number }).status ?? 400;
          sendJson(res, status, {
            ok: false,
            error: { code: 'bad_request', message: `Malformed request body: ${(err as Error).message}` },
          });
          return;
        }
        const result = await opts.dispatch(name, payload);
        sendJson(res, result.ok ? 200 : statusFor(result.error.code), result);
        return;
      }

      if (url.pathname === '/api/events') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        res.write(': connected\n\n');
        sse.add(res);
        req.on('close', () => sse.delete(res));
        return;
      }

      if (url.pathname === '/api/blobs') {
        if (req.method !== 'POST') {
          sendJson(res, 405, { ok: false, error: { code: 'bad_request', message: 'Use POST to upload' } });
          return;
        }
        // A client that gives up mid-upload resets the socket after the loop below has stopped listening:
        // that is the client's choice, not an error of the server (putStream already cleaned up).
        req.on('error', () => {});
        try {
          // Streamed to disk while hashed: a 200 MB PDF never sits in memory or blocks the event loop.
          // destroyOnReturn: false — an oversize upload stops the loop, but the socket must stay up for the 413.
          const info = await opts.blobs.putStream(req.iterator({ destroyOnReturn: false }), maxUpload);
          sendJson(res, 200, { ok: true, value: { sha256: info.sha256, sizeBytes: info.sizeBytes, mime: sniffMime(info.head) } });
        } catch (err) {
          const e = err as { code?: string; message: string };
          const status = e.code === 'bad_request' ? 413 : 500;
          if (status === 413) {
            // The rest of an oversize body is not read: answer, then close the connection.
            res.shouldKeepAlive = false;
            res.on('error', () => {});
            res.once('close', () => req.destroy());
          }
          sendJson(res, status, { ok: false, error: { code: e.code ?? 'io_error', message: e.message } });
        }
        return;
      }

      if (url.pathname.startsWith('/blobs/')) {
        serveBlob(opts.blobs, url.pathname.slice('/blobs/'.length), req, res);
        return;
      }

      serveStatic(opts.staticDir, url.pathname, res);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: (err as Error).message } });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      forward.dispose();
      clearInterval(heartbeat);
      for (const res of sse) res.end();
      sse.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}

function serveBlob(blobs: BlobStore, id: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!BlobStore.isSha256(id) || !blobs.has(id)) {
    sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such file' } });
    return;
  }
  const file = blobs.pathFor(id);
  const size = fs.statSync(file).size;
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  const headers: Record<string, string | number> = {
    'Content-Type': sniffMime(head),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    // A blob is data, never a document that can run script.
    'Content-Security-Policy': "sandbox; default-src 'none'",
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(size - 1, end);
    if (start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` });
      res.end();
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
    fs.createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': size });
  fs.createReadStream(file).pipe(res);
}

function serveStatic(root: string | undefined, pathname: string, res: http.ServerResponse): void {
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The Folio UI is not built. Run `npm run build` (npm start does this for you).');
    return;
  }
  const rel = decodeURIComponent(pathname).replace(/^\/+/, '');
  let file = path.resolve(root, rel);
  // Never serve anything outside the renderer folder.
  if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const ext = path.extname(file);
  const isHtml = ext === '.html';
  res.writeHead(200, {
    'Content-Type': MIME[ext] ?? 'application/octet-stream',
    'Cache-Control': isHtml ? 'no-store' : 'private, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
  });
  fs.createReadStream(file).pipe(res);
}
