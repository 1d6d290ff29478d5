/**
 * "Nearest labelled comments" for explanations: cosine similarity between hashed token vectors
 * (words, bigrams, spelling n-grams, link domains; the dense comment features are left out so that
 * two unrelated short comments do not look alike just for being short). Linear in the number of
 * labelled comments, which is fine for the thousands a person labels by hand.
 */
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type SpamFeatureConfig } from './features';
import type { Label } from './metrics';

export interface LabelledComment {
  id?: string;
  text: string;
  label: Label;
}

export interface Neighbour extends LabelledComment {
  similarity: number;
}

interface Vector {
  indices: Int32Array;
  values: Float32Array;
}

function tokenVector(text: string, config: SpamFeatureConfig): Vector {
  const f = extractFeatures(text, config);
  let start = 0;
  while (start < f.indices.length && f.indices[start]! < config.denseSlots) start++;
  const indices = f.indices.subarray(start);
  const values = f.values.subarray(start);
  let norm = 0;
  for (const v of values) norm += v * v;
  const scaled = new Float32Array(values.length);
  const k = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) scaled[i] = values[i]! * k;
  return { indices, values: scaled };
}

function cosine(a: Vector, b: Vector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i]!;
    const y = b.indices[j]!;
    if (x === y) s += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

export interface NeighbourIndex {
  readonly size: number;
  add(comment: LabelledComment): void;
  /** The k most similar labelled comments with similarity above minSimilarity (default 0.2). */
  nearest(text: string, k?: number, minSimilarity?: number): Neighbour[];
}

export function createNeighbourIndex(
  comments: readonly LabelledComment[] = [],
  config: SpamFeatureConfig = DEFAULT_FEATURE_CONFIG,
): NeighbourIndex {
  const entries: { comment: LabelledComment; vector: Vector }[] = [];
  const index: NeighbourIndex = {
    get size() {
      return entries.length;
    },
    add(comment) {
      entries.push({ comment, vector: tokenVector(comment.text, config) });
    },
    nearest(text, k = 3, minSimilarity = 0.2) {
      const query = tokenVector(text, config);
      const scored: Neighbour[] = [];
      for (const e of entries) {
        const similarity = cosine(query, e.vector);
        if (similarity >= minSimilarity) scored.push({ ...e.comment, similarity });
      }
      return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k);
    },
  };
  for (const c of comments) index.add(c);
  return index;
}
