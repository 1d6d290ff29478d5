// The folio:// protocol of the Electron window, kept free of Electron imports so it can be tested in
// Node: folio://app/<file> serves the built renderer, folio://blob/<sha256> serves content-addressed files.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { CustomScheme } from 'electron';
import { BlobStore, sniffMime } from '@folio/core/blobs';

export const FOLIO_SCHEME = 'folio';
/** The renderer's origin; every page that may call the backend lives under it. */
export const APP_ORIGIN = 'folio://app';

/**
 * `standard` gives folio://app a real origin (relative URLs, 'self' in the CSP, storage); `secure`
 * makes it a secure context; `supportFetchAPI` lets fetch/XHR use the scheme. `corsEnabled` is needed
 * because the page (folio://app) reads PDFs from folio://blob, another origin: since Electron 40 a
 * cross-origin fetch or XHR to a scheme without it is refused (electron/electron#51152), and pdf.js
 * loads a folio:// URL by XHR.
 */
export const FOLIO_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: FOLIO_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
};

/** True for a frame of Folio's own renderer (not a blob, not anything else). */
export function isAppUrl(url: string | undefined): boolean {
  return !!url && url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Permissions Folio's pages may be granted when they ask (Electron grants every request unless a
 * handler says otherwise): copying to the clipboard and full screen. Camera, location, notifications,
 * USB, opening external protocols and the rest are refused, and nothing outside folio://app gets any.
 */
const GRANTED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function grantPermission(permission: string, requestingUrl: string | undefined): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

export interface FolioProtocolOptions {
  /** The built renderer folder (index.html + assets). */
  rendererDir: string;
  blobs: BlobStore;
  /** The Content-Security-Policy sent with every HTML page. */
  csp: string;
  /** Reads a file:// URL (Electron's `net.fetch`, which also knows the MIME types). */
  fetchFile: (fileUrl: string) => Promise<Response>;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': APP_ORIGIN,
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Range',
  // pdf.js reads these to decide on range requests; cross-origin they are hidden unless exposed.
  'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length, Content-Type',
};

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The handler for `protocol.handle('folio', ...)`. */
export function createFolioProtocolHandler(opts: FolioProtocolOptions): (request: Request) => Promise<Response> {
  const renderer = path.resolve(opts.rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host === 'app') return serveApp(url, renderer, opts);
    if (url.host === 'blob') return serveBlob(url, request, opts.blobs);
    return notFound();
  };
}

async function serveApp(url: URL, renderer: string, opts: FolioProtocolOptions): Promise<Response> {
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return notFound(); // malformed %-escape
  }
  const file = path.resolve(renderer, rel);
  if (!file.startsWith(renderer + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return notFound();
  const res = await opts.fetchFile(pathToFileURL(file).toString());
  const headers = new Headers(res.headers);
  if (file.endsWith('.html')) headers.set('Content-Security-Policy', opts.csp);
  return new Response(res.body, { status: res.status, headers });
}

function serveBlob(url: URL, request: Request, blobs: BlobStore): Response {
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
  const sha = url.pathname.replace(/^\/+/, '');
  // The id is checked to be a sha256 before it becomes a path, so it cannot escape the data folder.
  if (!BlobStore.isSha256(sha) || !blobs.has(sha)) return notFound();
  const file = blobs.pathFor(sha);
  const size = fs.statSync(file).size;
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  const headers = new Headers({
    ...CORS_HEADERS,
    'Content-Type': sniffMime(head),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=31536000, immutable',
    // A blob is data, never a document that can run script.
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  const body = (start?: number, end?: number) =>
    request.method === 'HEAD' ? null : (Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream);
  // pdf.js fetches big PDFs by range, so a 200 MB file never has to be read whole.
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  if (range && (range[1] || range[2])) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
    if (start > end) return new Response(null, { status: 416, headers: { ...CORS_HEADERS, 'Content-Range': `bytes */${size}` } });
    headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
    headers.set('Content-Length', String(end - start + 1));
    return new Response(body(start, end), { status: 206, headers });
  }
  headers.set('Content-Length', String(size));
  return new Response(body(), { status: 200, headers });
}
