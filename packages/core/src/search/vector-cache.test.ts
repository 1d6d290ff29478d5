import { describe, expect, it } from 'vitest';
import { scanScores } from './vector-cache';

/** Deterministic pseudo-random unit vectors (with some exact zeros, negative zeros and repeats). */
function vectors(n: number, dim: number, seed: number): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const r = rand();
      const v = Math.abs(r) < 0.05 ? (r < 0 ? -0 : 0) : r;
      out[i * dim + j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) out[i * dim + j]! /= norm;
  }
  out.copyWithin(dim, 0, dim); // row 1 = row 0
  return out;
}

describe('vector scan', () => {
  it.each([4, 8, 64, 100, 384])('the WebAssembly scan gives the JavaScript scan’s scores to the bit (dim %i)', (dim) => {
    const n = 1500;
    const vecs = vectors(n, dim, dim);
    const q = vectors(1, dim, 7 * dim);
    const js = scanScores(vecs, q, n, dim, 'js')!;
    const wasm = scanScores(vecs, q, n, dim, 'wasm');
    expect(wasm).not.toBeNull();
    expect(wasm!.length).toBe(n);
    let differing = 0;
    for (let i = 0; i < n; i++) if (!Object.is(js[i], wasm![i])) differing++;
    expect(differing).toBe(0);
    expect(js[0]).toBe(js[1]);
    expect(Math.max(...js)).toBeGreaterThan(0);
  });

  it('dimensions the WebAssembly scan does not take fall back to the JavaScript one', () => {
    expect(scanScores(vectors(3, 6, 1), vectors(1, 6, 2), 3, 6, 'wasm')).toBeNull();
    expect(scanScores(vectors(3, 6, 1), vectors(1, 6, 2), 3, 6, 'js')).toHaveLength(3);
  });
});
