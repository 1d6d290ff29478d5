import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '@folio/core/blobs';
import { CONTENT_SECURITY_POLICY } from '../serve/csp';
import { APP_ORIGIN, createFolioProtocolHandler, FOLIO_SCHEME_PRIVILEGES, grantPermission, isAppUrl } from './folio-protocol';

// Stands in for Electron's net.fetch on file:// URLs (Node's fetch has no file: support).
async function readFileUrl(url: string): Promise<Response> {
  const file = fileURLToPath(url);
  const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
  return new Response(fs.readFileSync(file), { status: 200, headers: { 'Content-Type': type } });
}

let root: string;
let handler: (request: Request) => Promise<Response>;
let pdfSha: string;
const pdfBytes = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(1000) + '\n%%EOF\n');

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-protocol-'));
  const renderer = path.join(root, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Folio</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  const blobs = new BlobStore(path.join(root, 'blobs'));
  pdfSha = blobs.put(pdfBytes).sha256;
  handler = createFolioProtocolHandler({ rendererDir: renderer, blobs, csp: CONTENT_SECURITY_POLICY, fetchFile: readFileUrl });
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => handler(new Request(url, { method, headers }));

describe('folio://app', () => {
  it('serves the renderer with the CSP on HTML pages only', async () => {
    const page = await get('folio://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Folio</title>');
    const root = await get('folio://app/');
    expect(await root.text()).toContain('<title>Folio</title>');
    const script = await get('folio://app/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript');
    expect(script.headers.get('content-security-policy')).toBeNull();
  });

  it('never serves a file outside the renderer folder, a folder, or a malformed path', async () => {
    for (const url of [
      'folio://app/..%2Fsecret.txt',
      'folio://app/%2e%2e/secret.txt',
      'folio://app/assets/..%2F..%2Fsecret.txt',
      'folio://app/assets',
      'folio://app/%E0%A4%A',
      'folio://app/missing.js',
      'folio://elsewhere/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
    }
  });
});

describe('folio://blob', () => {
  it('serves a blob to the app origin with CORS headers pdf.js can read', async () => {
    const res = await get(`folio://blob/${pdfSha}`, { Origin: APP_ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Accept-Ranges/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(pdfBytes.length));
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdfBytes);
  });

  it('answers range requests like an HTTP server', async () => {
    const part = await get(`folio://blob/${pdfSha}`, { Range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${pdfBytes.length}`);
    expect(await part.text()).toBe('%PDF');
    const tail = await get(`folio://blob/${pdfSha}`, { Range: 'bytes=-6' });
    expect(tail.status).toBe(206);
    expect(await tail.text()).toBe('%%EOF\n');
    const past = await get(`folio://blob/${pdfSha}`, { Range: `bytes=${pdfBytes.length + 10}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${pdfBytes.length}`);
  });

  it('answers a CORS preflight and HEAD without a body', async () => {
    const pre = await get(`folio://blob/${pdfSha}`, { Origin: APP_ORIGIN }, 'OPTIONS');
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Range/);
    const head = await get(`folio://blob/${pdfSha}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(pdfBytes.length));
    expect(await head.text()).toBe('');
  });

  it('refuses anything that is not the sha256 of a stored blob', async () => {
    for (const id of ['../../secret.txt', '..%2F..%2Fsecret.txt', 'a'.repeat(64), pdfSha.toUpperCase() + 'x']) {
      expect((await get(`folio://blob/${id}`)).status, id).toBe(404);
    }
  });
});

describe('the folio scheme', () => {
  it('is a secure standard scheme that fetch/XHR may read across folio:// origins (app → blob)', () => {
    expect(FOLIO_SCHEME_PRIVILEGES.scheme).toBe('folio');
    expect(FOLIO_SCHEME_PRIVILEGES.privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
    });
    expect(FOLIO_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });

  it('only the app origin counts as a Folio page', () => {
    expect(isAppUrl('folio://app/index.html')).toBe(true);
    expect(isAppUrl('folio://app/index.html#/papers')).toBe(true);
    expect(isAppUrl('folio://blob/abc')).toBe(false);
    expect(isAppUrl('folio://app.evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/folio://app/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('permission requests', () => {
  it('grant the app only clipboard writes and full screen', () => {
    expect(grantPermission('clipboard-sanitized-write', 'folio://app/index.html')).toBe(true);
    expect(grantPermission('fullscreen', 'folio://app/index.html')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'usb', 'unknown'])
      expect(grantPermission(p, 'folio://app/index.html'), p).toBe(false);
    expect(grantPermission('fullscreen', 'folio://blob/' + 'a'.repeat(64))).toBe(false);
    expect(grantPermission('fullscreen', 'https://example.com/')).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it("lets the renderer run its own scripts, pdf.js's module worker and wasm, but no eval", () => {
    expect(directives.get('script-src')).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('worker-src')).toEqual(expect.arrayContaining(["'self'", 'blob:']));
  });

  it('lets the page load blobs from folio://blob (images, and PDFs by XHR)', () => {
    expect(directives.get('img-src')).toContain('folio:');
    expect(directives.get('connect-src')).toContain('folio:');
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });
});
