import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '@folio/core/testing/core';
import { startServer, type RunningServer } from './server';

let server: RunningServer | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.close();
  await cleanup?.();
  server = undefined;
  cleanup = undefined;
});

async function serve() {
  const core = await makeTestCore();
  cleanup = core.cleanup;
  server = await startServer({
    dispatch: core.dispatch,
    events: core.events,
    blobs: core.context.blobs,
    maxUploadBytes: 4 * 1024 * 1024,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };
  return { core, base, auth };
}

describe('serve mode', () => {
  it('answers 401 to every request without the token, and 403 to a foreign Host header', async () => {
    const { base, auth } = await serve();
    for (const p of ['/', '/api/call/system:ping', '/api/events', '/api/blobs', `/blobs/${'a'.repeat(64)}`]) {
      const r = await fetch(base + p, { method: p.startsWith('/api/call') || p === '/api/blobs' ? 'POST' : 'GET' });
      expect(r.status, p).toBe(401);
    }
    const ok = await fetch(`${base}/api/call/system:ping`, { method: 'POST', headers: auth, body: '{}' });
    expect(ok.status).toBe(200);
    const cookie = await fetch(`${base}/?token=${server!.token}`, { redirect: 'manual' });
    expect(cookie.headers.get('set-cookie')).toMatch(/folio_token=.*HttpOnly.*SameSite=Strict/);
  });

  it('streams uploads into the blob store, serves them back with ranges, and refuses oversize uploads', async () => {
    const { core, base, auth } = await serve();
    const bytes = crypto.randomBytes(3 * 1024 * 1024);
    bytes.write('%PDF-1.7', 0, 'latin1');
    const up = await fetch(`${base}/api/blobs`, { method: 'POST', headers: auth, body: bytes });
    const body = (await up.json()) as { ok: boolean; value: { sha256: string; sizeBytes: number; mime: string } };
    expect(body.ok).toBe(true);
    expect(body.value.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(body.value).toMatchObject({ sizeBytes: bytes.length, mime: 'application/pdf' });
    expect(core.context.blobs.read(body.value.sha256).equals(bytes)).toBe(true);

    const part = await fetch(`${base}/blobs/${body.value.sha256}`, { headers: { ...auth, Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const big = await fetch(`${base}/api/blobs`, {
      method: 'POST',
      headers: auth,
      body: crypto.randomBytes(5 * 1024 * 1024),
    }).catch(() => null);
    if (big) expect(big.status).toBe(413);
    // Nothing half-written is left behind.
    const leftovers = fs.readdirSync(core.context.blobs.root).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    expect(fs.existsSync(path.join(core.context.blobs.root))).toBe(true);
  });
});
