/**
 * In-thread embedder: loads and verifies the model, tokenizes, runs onnxruntime-node.
 * Use createEmbedderWorker (worker-client.ts) from anything that must not block, e.g. Electron main
 * or the backend process; this class is what runs inside the worker.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readModelMetadata } from '../onnx/index';
import { ModelError } from './errors';
import { EMBEDDER_FILES, EMBEDDER_NAME, sha256, type EmbedderManifest } from './manifest';
import { EmbedTokenizer, TOKENIZER_VERSION, type Bag } from './tokenizer';

export interface EmbedderInfo {
  name: string;
  version: string;
  tokenizerVersion: number;
  /**
   * Changes whenever any vector could change (model version, tokenizer version, model bytes).
   * Store it with persisted vectors and re-embed when it differs.
   */
  id: string;
  /** sha256 of embedder.onnx */
  sha256: string;
  vocabSize: number;
  dim: number;
  buckets: number;
  quantization: 'int8' | 'int4';
  /** word tokens read per text; the rest of a longer text does not affect its vector */
  maxTokens: number;
  maxChars: number;
}

export interface Embedder {
  readonly dim: number;
  /** = info.id: changes whenever vectors could change (fits core's EmbedderService as is) */
  readonly version: string;
  readonly info: EmbedderInfo;
  /**
   * One L2-normalised Float32Array per text, in order. Never rejects because of the text: empty,
   * symbol-only or non-Latin-only text (e.g. Chinese) gives an all-zero vector (see isZeroVector).
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  embedOne(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export interface LoadEmbedderOptions {
  /** directory holding embedder.onnx, embedder.vocab.txt and embedder.json */
  modelDir: string;
  /** onnxruntime intra-op threads (default 1: parallelism comes from workers) */
  threads?: number;
  /** texts per onnxruntime call (default 64) */
  batchSize?: number;
}

/** True for the all-zero vector returned for texts with nothing to embed; skip these in vector search. */
export function isZeroVector(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

/** Upper bound on padded cells (texts x rows) per onnxruntime call, to keep memory flat. */
const MAX_CELLS_PER_RUN = 64 * 512;

async function readRequired(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ModelError(
        'model_missing',
        `The embedding model is not installed (${what} not found at ${file}). Build it with "npm run build -w @folio/ml". Keyword search still works.`,
        file,
      );
    }
    throw new ModelError('model_corrupt', `The embedding model ${what} at ${file} cannot be read (${code ?? String(e)}).`, file);
  }
}

function corrupt(file: string, detail: string): ModelError {
  return new ModelError(
    'model_corrupt',
    `The embedding model file ${file} is damaged (${detail}). Rebuild it with "npm run build -w @folio/ml". Keyword search still works.`,
    file,
  );
}

/** Load and verify the model files; throws ModelError ('model_missing' | 'model_corrupt'). */
export async function loadEmbedder(options: LoadEmbedderOptions): Promise<Embedder> {
  const dir = options.modelDir;
  const manifestPath = path.join(dir, EMBEDDER_FILES.manifest);
  const modelPath = path.join(dir, EMBEDDER_FILES.model);
  const vocabPath = path.join(dir, EMBEDDER_FILES.vocab);

  const manifestBytes = await readRequired(manifestPath, 'manifest');
  let manifest: EmbedderManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as EmbedderManifest;
    if (manifest.name !== EMBEDDER_NAME || !manifest.files || !manifest.tokenizer || !(manifest.dim > 0)) {
      throw new Error('not a Folio embedder manifest');
    }
  } catch (e) {
    throw corrupt(manifestPath, (e as Error).message);
  }
  const [modelBytes, vocabBytes] = await Promise.all([readRequired(modelPath, 'model'), readRequired(vocabPath, 'vocabulary')]);
  const modelSha = sha256(modelBytes);
  const vocabSha = sha256(vocabBytes);
  const expectModel = manifest.files[EMBEDDER_FILES.model]?.sha256;
  const expectVocab = manifest.files[EMBEDDER_FILES.vocab]?.sha256;
  if (modelSha !== expectModel)
    throw corrupt(modelPath, `sha256 ${modelSha.slice(0, 12)}…, expected ${String(expectModel).slice(0, 12)}…`);
  if (vocabSha !== expectVocab)
    throw corrupt(vocabPath, `sha256 ${vocabSha.slice(0, 12)}…, expected ${String(expectVocab).slice(0, 12)}…`);

  let metadata: Record<string, string>;
  try {
    metadata = readModelMetadata(modelBytes);
  } catch (e) {
    throw corrupt(modelPath, (e as Error).message);
  }
  if (metadata['folio.vocab_sha256'] !== vocabSha) throw corrupt(vocabPath, 'vocabulary does not belong to this model');

  if (manifest.tokenizerVersion !== TOKENIZER_VERSION) {
    throw new ModelError(
      'model_corrupt',
      `The embedding model in ${dir} was built for tokenizer version ${manifest.tokenizerVersion}, this app uses ${TOKENIZER_VERSION}. Rebuild it with "npm run build -w @folio/ml". Keyword search still works.`,
      manifestPath,
    );
  }
  const vocab = vocabBytes.toString('utf8').split('\n');
  if (vocab[vocab.length - 1] === '') vocab.pop();
  if (vocab.length !== manifest.vocabSize) throw corrupt(vocabPath, `${vocab.length} words, expected ${manifest.vocabSize}`);
  const tokenizer = new EmbedTokenizer(vocab, manifest.tokenizer);

  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelBytes, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw corrupt(modelPath, `onnxruntime cannot load it: ${(e as Error).message}`);
  }

  const info: EmbedderInfo = {
    name: manifest.name,
    version: manifest.version,
    tokenizerVersion: TOKENIZER_VERSION,
    id: `${manifest.version}-t${TOKENIZER_VERSION}-${modelSha.slice(0, 12)}`,
    sha256: modelSha,
    vocabSize: manifest.vocabSize,
    dim: manifest.dim,
    buckets: manifest.tokenizer.buckets,
    quantization: manifest.quantization,
    maxTokens: manifest.tokenizer.maxTokens,
    maxChars: manifest.tokenizer.maxChars,
  };
  return new OrtEmbedder(session, tokenizer, info, options.batchSize ?? 64);
}

class OrtEmbedder implements Embedder {
  private disposed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: EmbedTokenizer,
    readonly info: EmbedderInfo,
    private readonly batchSize: number,
  ) {}

  get dim(): number {
    return this.info.dim;
  }

  get version(): string {
    return this.info.id;
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    // serialise calls: one onnxruntime run at a time per session keeps memory predictable
    const job = this.queue.then(() => this.embedNow(texts));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async embedOne(text: string): Promise<Float32Array> {
    const [v] = await this.embed([text]);
    return v!;
  }

  private encodeSafe(text: unknown): Bag {
    try {
      return this.tokenizer.encode(typeof text === 'string' ? text : String(text ?? ''));
    } catch {
      return { ids: [], weights: [], tokens: 0, oov: 0 };
    }
  }

  private async embedNow(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.disposed) throw new Error('embedder has been disposed');
    const dim = this.info.dim;
    const bags = texts.map((t) => this.encodeSafe(t));
    const out: Float32Array[] = new Array(texts.length);
    // group texts of similar bag size to limit padding
    const order = bags.map((_, i) => i).sort((a, b) => bags[a]!.ids.length - bags[b]!.ids.length || a - b);
    let start = 0;
    while (start < order.length) {
      let end = start;
      let width = 1;
      while (end < order.length && end - start < this.batchSize) {
        const w = Math.max(width, bags[order[end]!]!.ids.length);
        if (end > start && w * (end - start + 1) > MAX_CELLS_PER_RUN) break;
        width = w;
        end++;
      }
      const idx = order.slice(start, end);
      const vectors = await this.run(
        idx.map((i) => bags[i]!),
        width,
      );
      idx.forEach((i, k) => (out[i] = vectors.slice(k * dim, (k + 1) * dim)));
      start = end;
    }
    return out;
  }

  private async run(bags: Bag[], width: number): Promise<Float32Array> {
    const n = bags.length;
    const ids = new BigInt64Array(n * width);
    const ids32 = new Int32Array(ids.buffer); // little-endian low words; ids are < 2^31
    const weights = new Float32Array(n * width);
    bags.forEach((bag, b) => {
      const off = b * width;
      for (let t = 0; t < bag.ids.length; t++) {
        ids32[2 * (off + t)] = bag.ids[t]!;
        weights[off + t] = bag.weights[t]!;
      }
    });
    const result = await this.session.run({
      ids: new ort.Tensor('int64', ids, [n, width]),
      weights: new ort.Tensor('float32', weights, [n, width]),
    });
    const emb = result.embedding;
    if (!emb) throw new Error('embedder graph returned no embedding');
    return emb.data as Float32Array;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    await this.session.release();
  }
}
