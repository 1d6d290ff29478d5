/**
 * Runtime spam model: onnxruntime-node for scoring, the same weights in memory for explanations,
 * nearest-neighbour lookups and retraining. Paths are always passed in.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { extractFeatures, featureLabel, type SparseFeatures } from './features';
import { SpamModelError, spamWeightsFromOnnx, spamWeightsToOnnx } from './onnx-graph';
import { sigmoid } from './train';
import { calibratedLogit, type SpamThresholds, type SpamWeights } from './weights';

export interface SpamModelInfo {
  kind: 'folio-spam-classifier';
  /** sha256 of the ONNX bytes. */
  sha256: string;
  bytes: number;
  featureSchema: number;
  hashBits: number;
  thresholds: SpamThresholds;
  provenance: Record<string, string>;
  /** Where it was loaded from, if from a file. */
  path?: string;
}

export interface ExplainedFeature {
  /** Stable key, e.g. `w:viagra`, `dense:url_any`, `d:bit.ly`. */
  key: string;
  /** Human-readable description ("word \"viagra\"", "contains a link"). */
  name: string;
  /** Contribution to the calibrated logit: positive pushes towards spam. */
  weight: number;
}

export interface SpamExplanation {
  probability: number;
  logit: number;
  /** The calibrated intercept (what an empty comment would get before length features). */
  intercept: number;
  /** Top contributions by absolute size. */
  features: ExplainedFeature[];
}

export interface SpamModel {
  readonly info: SpamModelInfo;
  /** Calibrated spam probabilities, one per text, via onnxruntime. Never throws on odd text. */
  score(texts: readonly string[]): Promise<number[]>;
  /** The same probabilities computed in TypeScript (reference; also a fallback). */
  scoreReference(texts: readonly string[]): number[];
  /** The features that weighed most for this text. */
  explain(text: string, options?: { top?: number }): SpamExplanation;
  /** The weights, calibration and config (for retraining and saving). Do not mutate. */
  readonly weights: SpamWeights;
  /** The model as ONNX bytes (what `saveSpamModel` writes). */
  toOnnx(): Uint8Array;
  dispose(): Promise<void>;
}

export interface SpamManifest {
  kind: 'folio-spam-classifier';
  file: string;
  sha256: string;
  bytes: number;
  featureSchema: number;
  featureConfig: SpamWeights['config'];
  thresholds: SpamThresholds;
  provenance: Record<string, string>;
  /** Figures recorded at build time (held-out metrics...). */
  figures?: Record<string, unknown>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Largest number of (index, value) cells fed to one onnxruntime call. */
const MAX_CELLS_PER_RUN = 1 << 20;

class OnnxSpamModel implements SpamModel {
  readonly info: SpamModelInfo;
  private readonly bytes: Uint8Array;

  constructor(
    private readonly session: ort.InferenceSession,
    readonly weights: SpamWeights,
    bytes: Uint8Array,
    filePath?: string,
  ) {
    this.bytes = bytes;
    this.info = {
      kind: 'folio-spam-classifier',
      sha256: sha256Hex(bytes),
      bytes: bytes.byteLength,
      featureSchema: weights.config.schema,
      hashBits: weights.config.hashBits,
      thresholds: { ...weights.thresholds },
      provenance: { ...weights.provenance },
      ...(filePath ? { path: filePath } : {}),
    };
  }

  private features(texts: readonly string[]): { unique: SparseFeatures[]; slot: number[] } {
    // Identical texts (thousands of duplicates happen) are featurised and scored once.
    const seen = new Map<string, number>();
    const unique: SparseFeatures[] = [];
    const slot = texts.map((raw) => {
      const text = typeof raw === 'string' ? raw : String(raw ?? '');
      let at = seen.get(text);
      if (at === undefined) {
        at = unique.length;
        seen.set(text, at);
        unique.push(extractFeatures(text, this.weights.config));
      }
      return at;
    });
    return { unique, slot };
  }

  async score(texts: readonly string[]): Promise<number[]> {
    if (texts.length === 0) return [];
    const { unique, slot } = this.features(texts);
    const probabilities = new Float64Array(unique.length);
    // Group into runs whose padded size stays bounded, longest rows together to limit padding.
    const order = unique.map((_, i) => i).sort((a, b) => unique[a]!.indices.length - unique[b]!.indices.length);
    let start = 0;
    while (start < order.length) {
      let end = start;
      let width = 1;
      while (end < order.length) {
        const w = Math.max(width, unique[order[end]!]!.indices.length);
        if ((end - start + 1) * w > MAX_CELLS_PER_RUN && end > start) break;
        width = w;
        end++;
      }
      const batch = order.slice(start, end);
      const indices = new BigInt64Array(batch.length * width);
      const values = new Float32Array(batch.length * width);
      batch.forEach((row, r) => {
        const f = unique[row]!;
        for (let k = 0; k < f.indices.length; k++) {
          indices[r * width + k] = BigInt(f.indices[k]!);
          values[r * width + k] = f.values[k]!;
        }
      });
      let output: ort.InferenceSession.OnnxValueMapType;
      try {
        output = await this.session.run({
          indices: new ort.Tensor('int64', indices, [batch.length, width]),
          values: new ort.Tensor('float32', values, [batch.length, width]),
        });
      } catch (err) {
        throw new SpamModelError('runtime', `onnxruntime failed to score: ${(err as Error).message}`, { cause: err });
      }
      const p = output.probability!.data as Float32Array;
      batch.forEach((row, r) => (probabilities[row] = p[r]!));
      start = end;
    }
    return slot.map((s) => probabilities[s]!);
  }

  scoreReference(texts: readonly string[]): number[] {
    const { unique, slot } = this.features(texts);
    const p = unique.map((f) => sigmoid(calibratedLogit(this.weights, f)));
    return slot.map((s) => p[s]!);
  }

  explain(text: string, options: { top?: number } = {}): SpamExplanation {
    return explainWithWeights(this.weights, text, options.top ?? 8);
  }

  toOnnx(): Uint8Array {
    return this.bytes;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** Explanation from weights alone (no onnxruntime needed). */
export function explainWithWeights(model: SpamWeights, text: string, top = 8): SpamExplanation {
  const f = extractFeatures(typeof text === 'string' ? text : String(text ?? ''), model.config, { names: true });
  const a = model.platt.a;
  const byKey = new Map<string, number>();
  for (const n of f.named ?? []) {
    byKey.set(n.key, (byKey.get(n.key) ?? 0) + a * model.weights[n.index]! * n.value);
  }
  const logit = calibratedLogit(model, f);
  const features = [...byKey.entries()]
    .filter(([, w]) => Math.abs(w) > 1e-6)
    .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || (x[0] < y[0] ? -1 : 1))
    .slice(0, Math.max(0, top))
    .map(([key, weight]) => ({ key, name: featureLabel(key), weight }));
  return { probability: sigmoid(logit), logit, intercept: a * model.bias + model.platt.b, features };
}

async function sessionFor(bytes: Uint8Array): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(bytes, {
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
  } catch (err) {
    throw new SpamModelError('corrupt', `onnxruntime could not load the spam model: ${(err as Error).message}`, { cause: err });
  }
}

/** A SpamModel from in-memory weights (after training or retraining). */
export async function createSpamModel(weights: SpamWeights): Promise<SpamModel> {
  const bytes = spamWeightsToOnnx(weights);
  // Reading the weights back from the bytes keeps the TS reference and the ONNX graph on identical float32 values.
  return new OnnxSpamModel(await sessionFor(bytes), spamWeightsFromOnnx(bytes), bytes);
}

/** A SpamModel from ONNX bytes. */
export async function spamModelFromBytes(bytes: Uint8Array, filePath?: string): Promise<SpamModel> {
  const weights = spamWeightsFromOnnx(bytes);
  return new OnnxSpamModel(await sessionFor(bytes), weights, bytes, filePath);
}

export interface LoadSpamModelOptions {
  /** Path to the .onnx file. */
  modelPath: string;
  /**
   * Expected sha256 of the file. When omitted, the sidecar manifest (`<name>.json` beside the model)
   * is used if present; a mismatch either way is a 'checksum' error.
   */
  sha256?: string;
}

export function manifestPathFor(modelPath: string): string {
  return modelPath.replace(/\.onnx$/i, '') + '.json';
}

/** Load a spam model from disk. Throws SpamModelError (code missing/corrupt/incompatible/checksum). */
export async function loadSpamModel(options: LoadSpamModelOptions): Promise<SpamModel> {
  const modelPath = path.resolve(options.modelPath);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(modelPath));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SpamModelError(
      'missing',
      code === 'ENOENT'
        ? `spam model not found at ${modelPath} (build it with \`npm run build -w @folio/ml\`)`
        : `cannot read spam model at ${modelPath}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  let expected = options.sha256;
  if (!expected) {
    try {
      const manifest = JSON.parse(await fs.readFile(manifestPathFor(modelPath), 'utf8')) as Partial<SpamManifest>;
      if (typeof manifest.sha256 === 'string') expected = manifest.sha256;
    } catch {
      // No or unreadable manifest: the model still has to decode and load below.
    }
  }
  if (expected) {
    const actual = sha256Hex(bytes);
    if (actual !== expected.toLowerCase()) {
      throw new SpamModelError('checksum', `spam model at ${modelPath} has sha256 ${actual}, expected ${expected}`);
    }
  }
  return spamModelFromBytes(bytes, modelPath);
}

/** Write a model as `<path>.onnx` plus its manifest `<path>.json`; returns the manifest. */
export async function saveSpamModel(
  model: SpamModel | SpamWeights,
  modelPath: string,
  figures?: Record<string, unknown>,
): Promise<SpamManifest> {
  const bytes = 'toOnnx' in model ? model.toOnnx() : spamWeightsToOnnx(model);
  const weights = 'toOnnx' in model ? model.weights : model;
  const manifest: SpamManifest = {
    kind: 'folio-spam-classifier',
    file: path.basename(modelPath),
    sha256: sha256Hex(bytes),
    bytes: bytes.byteLength,
    featureSchema: weights.config.schema,
    featureConfig: weights.config,
    thresholds: weights.thresholds,
    provenance: weights.provenance,
    ...(figures ? { figures } : {}),
  };
  await fs.mkdir(path.dirname(modelPath), { recursive: true });
  // Write to temporary names and rename, so a crash never leaves a half-written model behind.
  const tmpModel = `${modelPath}.tmp-${process.pid}`;
  const manifestPath = manifestPathFor(modelPath);
  const tmpManifest = `${manifestPath}.tmp-${process.pid}`;
  await fs.writeFile(tmpModel, bytes);
  await fs.writeFile(tmpManifest, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.rename(tmpModel, modelPath);
  await fs.rename(tmpManifest, manifestPath);
  return manifest;
}
