// A deterministic EmbedderService for tests: the injected interface's test double (core never loads
// the real model; apps/desktop's tests run the real ONNX embedder). Words (Latin letters only, like
// the real model, which reads English) are hashed into `dim` buckets with light stemming, so texts
// sharing words are close; text without Latin words gets the all-zero vector, like the real one.
import type { EmbedderService } from '../app/services';

export interface TestEmbedder extends EmbedderService {
  /** Texts embedded so far, in order. */
  readonly texts: string[];
  calls: number;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function createTestEmbedder(
  opts: { dim?: number; version?: string; synonyms?: Record<string, string> } = {},
): TestEmbedder {
  const dim = opts.dim ?? 64;
  const synonyms = opts.synonyms ?? {};
  const texts: string[] = [];
  const e: TestEmbedder = {
    dim,
    version: opts.version ?? 'test-1',
    texts,
    calls: 0,
    async embed(batch: string[]) {
      e.calls++;
      texts.push(...batch);
      return batch.map((t) => {
        const v = new Float32Array(dim);
        for (const raw of t.toLowerCase().match(/[a-z]+/g) ?? []) {
          let w = raw.replace(/(ing|ed|es|s)$/, '') || raw;
          w = synonyms[w] ?? w;
          v[hash(w) % dim]! += 1;
        }
        let n = 0;
        for (const x of v) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (let i = 0; i < dim; i++) v[i]! /= n;
        return v;
      });
    },
  };
  return e;
}
