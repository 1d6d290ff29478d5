import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blobs';

let root: string | undefined;
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function store(): BlobStore {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-blobs-'));
  return new BlobStore(path.join(root, 'blobs'));
}

async function* chunks(count: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i++) yield crypto.randomBytes(size);
}

describe('BlobStore.putStream', () => {
  it('stores a stream under its sha256 and finds the same bytes again', async () => {
    const blobs = store();
    const bytes = crypto.randomBytes(200_000);
    async function* once() {
      yield bytes.subarray(0, 70_000);
      yield bytes.subarray(70_000);
    }
    const a = await blobs.putStream(once());
    expect(a.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(a.existed).toBe(false);
    expect(blobs.read(a.sha256).equals(bytes)).toBe(true);
    const b = await blobs.putStream(once());
    expect(b).toMatchObject({ sha256: a.sha256, existed: true });
  });

  it('refuses an oversize stream (small chunks, writes still queued) and leaves no temp file', async () => {
    const blobs = store();
    // Chunks below the write stream's buffer size: write() returns true and writes may still be queued
    // when the limit is crossed and the stream is torn down.
    for (let round = 0; round < 20; round++) {
      await expect(blobs.putStream(chunks(50, 4096), 20 * 4096)).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect(fs.readdirSync(blobs.root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
