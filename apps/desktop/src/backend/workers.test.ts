import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool } from './workers';

let pool: ReturnType<typeof createWorkerPool> | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('worker pool', () => {
  it('runs a job on another thread with progress, and reports unknown jobs as errors', async () => {
    pool = createWorkerPool({ size: 2 });
    const progress: number[] = [];
    const r = await pool.run<{ sum: number }>('system:selftest', { n: 5000 }, (done) => progress.push(done));
    expect(r.sum).toBe((5000 * 4999) / 2);
    expect(progress.at(-1)).toBe(5000);
    await expect(pool.run('nope', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('Unknown worker job nope'),
    });
  });

  it('runs jobs in parallel on up to `size` threads', async () => {
    pool = createWorkerPool({ size: 2 });
    const results = await Promise.all([1, 2, 3, 4].map((k) => pool!.run<{ sum: number }>('system:selftest', { n: k * 1000 })));
    expect(results.map((r) => r.sum)).toEqual([1, 2, 3, 4].map((k) => (k * 1000 * (k * 1000 - 1)) / 2));
  });
});
