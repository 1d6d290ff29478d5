import { createHash } from 'node:crypto';
import type { TokenizerParams } from './tokenizer';

/** File names inside the model directory (resources/models in the repo). */
export const EMBEDDER_FILES = {
  model: 'embedder.onnx',
  vocab: 'embedder.vocab.txt',
  manifest: 'embedder.json',
  lock: 'embedder.lock.json',
} as const;

export const EMBEDDER_NAME = 'folio-embedder';

/** embedder.json: written by the build next to the model; the runtime trusts nothing else. */
export interface EmbedderManifest {
  name: typeof EMBEDDER_NAME;
  version: string;
  /** TOKENIZER_VERSION the model was built with */
  tokenizerVersion: number;
  dim: number;
  vocabSize: number;
  /** vocabulary rows + n-gram buckets */
  rows: number;
  quantization: 'int8' | 'int4';
  tokenizer: TokenizerParams;
  pooling: {
    sifA: number;
    zipfN: number;
    centre: boolean;
    commonComponents: number;
    ccSentenceLength: number;
  };
  ngramFit: { trainWords: number; iterations: number };
  source: { package: string; version: string; sha256: string };
  files: Record<string, { sha256: string; bytes: number }>;
}

/** embedder.lock.json: committed; the build must reproduce these hashes exactly. */
export interface EmbedderLock {
  name: typeof EMBEDDER_NAME;
  version: string;
  tokenizerVersion: number;
  /** sha256 of the build parameters (JSON), so a parameter change without a version bump is caught */
  paramsSha256: string;
  sha256: Record<string, string>;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
