import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from './embedder';
import { ModelError } from './errors';
import { BUILD_TIMEOUT_MS, ensureEmbedderModel } from './test-support';
import { createEmbedderWorker } from './worker-client';

let modelDir = '';
let local: Embedder;
let pool: Embedder;

beforeAll(async () => {
  modelDir = await ensureEmbedderModel();
  local = await loadEmbedder({ modelDir });
  pool = await createEmbedderWorker({ modelDir, workers: 2 });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await pool?.dispose();
  await local?.dispose();
});

describe('createEmbedderWorker', () => {
  it('exposes the same model info as the in-thread embedder', () => {
    expect(pool.info).toEqual(local.info);
    expect(pool.dim).toBe(100);
  });

  it('returns the same vectors as the in-thread embedder, in input order, across two workers', async () => {
    const texts = Array.from(
      { length: 101 },
      (_, i) => `entry ${i} about ${['kernels', 'sourdough', 'sleep', 'running'][i % 4]} and ${'notes '.repeat(i % 7)}`,
    );
    const [a, b] = await Promise.all([pool.embed(texts), local.embed(texts)]);
    expect(a).toHaveLength(101);
    a.forEach((v, i) => {
      for (let d = 0; d < 100; d++) expect(v[d]).toBeCloseTo(b[i]![d]!, 5);
    });
    expect(await pool.embed([])).toEqual([]);
  });

  it('handles concurrent calls and hostile input without failing', async () => {
    const calls = await Promise.all([
      pool.embedOne(''),
      pool.embedOne('x'.repeat(1_000_000)),
      pool.embedOne('中文 and English'),
      pool.embed(['🙂', 'GPU']),
    ]);
    expect(calls).toHaveLength(4);
  });

  it('rejects with a ModelError when the model is missing, across the thread boundary', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-embedder-empty-'));
    try {
      const err = await createEmbedderWorker({ modelDir: dir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ModelError);
      expect((err as ModelError).code).toBe('model_missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses work after dispose', async () => {
    const one = await createEmbedderWorker({ modelDir });
    await one.dispose();
    await expect(one.embedOne('late')).rejects.toThrow(/disposed/);
  });
});
