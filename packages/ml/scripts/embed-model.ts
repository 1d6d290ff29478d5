/**
 * Pure, deterministic steps of the embedder build (see build-embedder.ts for the CLI and
 * packages/ml/src/embed/README.md for the measurements behind the defaults).
 *
 * Determinism: fixed iteration orders, float64 accumulation, only + - * / and sqrt (IEEE
 * correctly rounded everywhere; no Math.log/exp/pow whose last bit may differ between engines),
 * FNV hashing via Math.imul. The same inputs therefore give the same bytes on every machine.
 */
import { DATA_TYPE_CODE, GraphBuilder, type Graph } from '../src/onnx/index';
import { EmbedTokenizer, forEachNgramBucket, type TokenizerParams } from '../src/embed/tokenizer';
import type { GloveVectors } from './embed-glove';

export interface EmbedderBuildParams {
  /** bump whenever anything below (or the build code) changes the output */
  version: string;
  /** number of GloVe words kept as whole-word rows (most frequent valid tokens first) */
  vocabSize: number;
  /** SIF smoothing a in a / (a + p(w)) */
  sifA: number;
  /** vocabulary size used for the Zipf estimate p(rank) = 1 / ((rank + 1) * H_N); GloVe 6B has 400k */
  zipfN: number;
  tokenizer: TokenizerParams;
  /** GloVe words (by frequency) used to fit the n-gram rows */
  ngramTrainWords: number;
  /** conjugate-gradient (CGLS) iterations for the n-gram fit */
  ngramIterations: number;
  /** subtract the frequency-weighted mean word vector before anything else */
  centre: boolean;
  /** principal components of (expected) sentence vectors removed at the end of pooling */
  commonComponents: number;
  /** sentence length assumed for the expected sentence covariance */
  ccSentenceLength: number;
  quantization: 'int8' | 'int4';
}

export const DEFAULT_BUILD_PARAMS: EmbedderBuildParams = {
  version: '3',
  vocabSize: 150_000,
  sifA: 1e-3,
  zipfN: 400_000,
  tokenizer: {
    buckets: 32_768,
    minN: 3,
    maxN: 5,
    oovWeight: 1,
    maxChars: 32_768,
    maxTokens: 1024,
    maxWordLength: 32,
    compoundMaxRank: 50_000,
    compoundMinPart: 2,
    spellMaxRank: 30_000,
    spellMinLength: 5,
  },
  ngramTrainWords: 100_000,
  ngramIterations: 4,
  centre: true,
  commonComponents: 2,
  ccSentenceLength: 10,
  quantization: 'int4',
};

const VOCAB_TOKEN = /^(?:[a-z0-9]+(?:['.-][a-z0-9]+)*|'[a-z]+|n't)$/;

/** A GloVe token is usable only if our tokenizer can ever produce it. */
export function isVocabToken(word: string): boolean {
  return VOCAB_TOKEN.test(word);
}

/** First `size` usable GloVe tokens in frequency order; returns their GloVe row indices. */
export function selectVocabulary(glove: GloveVectors, size: number): { words: string[]; rows: Int32Array } {
  const words: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < glove.words.length && words.length < size; i++) {
    const w = glove.words[i]!;
    if (isVocabToken(w)) {
      words.push(w);
      rows.push(i);
    }
  }
  return { words, rows: Int32Array.from(rows) };
}

/** Harmonic number H_n by plain summation (deterministic, no log). */
export function harmonic(n: number): number {
  let h = 0;
  for (let k = n; k >= 1; k--) h += 1 / k; // small terms first for accuracy
  return h;
}

/** Zipf estimate of unigram probability from GloVe's frequency rank. */
export function zipfProbabilities(ranks: Int32Array, zipfN: number): Float64Array {
  const h = harmonic(zipfN);
  const p = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) p[i] = 1 / ((ranks[i]! + 1) * h);
  return p;
}

/** Build-time tables in float64 before quantization. */
export interface FloatModel {
  dim: number;
  vocab: string[];
  /** rows: vocab words then n-gram buckets, [rows x dim] */
  table: Float64Array;
  /** per-row pooling weight (SIF for words, 1 for n-gram buckets) */
  rowWeight: Float64Array;
  /** common components to remove, [k x dim], orthonormal */
  components: Float64Array;
  componentCount: number;
  /** diagnostics */
  stats: Record<string, number>;
}

function sqrtDot(a: Float64Array, off: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[off + d]! * a[off + d]!;
  return Math.sqrt(s);
}

/**
 * Fit hashed character n-gram rows Z so that the mean of a word's n-gram rows reproduces its
 * vector: min ||A Z - V||^2 with A[w, b] = count(b in w) / |grams(w)|. Starts from the per-bucket
 * average of the vectors of the words containing the n-gram, then runs a few CGLS iterations
 * (per dimension; stopping early acts as ridge regularisation for rarely seen buckets).
 */
export function fitNgrams(
  words: readonly string[],
  vectors: Float32Array,
  dim: number,
  tok: Pick<TokenizerParams, 'buckets' | 'minN' | 'maxN'>,
  iterations: number,
  log: (msg: string) => void = () => {},
): { rows: Float64Array; residual: number } {
  const W = words.length;
  const B = tok.buckets;
  // CSR incidence; duplicates (repeated or colliding n-grams) are kept, which matches the runtime sum
  const offsets = new Int32Array(W + 1);
  let cols = new Int32Array(W * 16);
  let nnz = 0;
  const tmp: number[] = [];
  for (let w = 0; w < W; w++) {
    tmp.length = 0;
    forEachNgramBucket(words[w]!, tok.minN, tok.maxN, B, (b) => tmp.push(b));
    if (nnz + tmp.length > cols.length) {
      const next = new Int32Array(cols.length * 2);
      next.set(cols);
      cols = next;
    }
    for (const b of tmp) cols[nnz++] = b;
    offsets[w + 1] = nnz;
  }
  const col = cols.subarray(0, nnz);
  const inv = new Float64Array(W);
  for (let w = 0; w < W; w++) {
    const n = offsets[w + 1]! - offsets[w]!;
    inv[w] = n ? 1 / n : 0;
  }
  log(`n-gram fit: ${W} words, ${nnz} incidences, ${B} buckets`);

  // A^T src (src: W x dim, float32) -> dst (B x dim, float64)
  const atMul = (src: Float32Array, dst: Float64Array) => {
    dst.fill(0);
    for (let w = 0; w < W; w++) {
      const ro = w * dim;
      const a = inv[w]!;
      for (let j = offsets[w]!, end = offsets[w + 1]!; j < end; j++) {
        const bo = col[j]! * dim;
        for (let d = 0; d < dim; d++) dst[bo + d] = dst[bo + d]! + a * src[ro + d]!;
      }
    }
  };
  // A src (src: B x dim) -> dst (W x dim, float32)
  const acc = new Float64Array(dim);
  const aMul = (src: Float64Array, dst: Float32Array) => {
    for (let w = 0; w < W; w++) {
      acc.fill(0);
      for (let j = offsets[w]!, end = offsets[w + 1]!; j < end; j++) {
        const bo = col[j]! * dim;
        for (let d = 0; d < dim; d++) acc[d] = acc[d]! + src[bo + d]!;
      }
      const a = inv[w]!;
      const ro = w * dim;
      for (let d = 0; d < dim; d++) dst[ro + d] = a * acc[d]!;
    }
  };

  // warm start: Z_b = mean of the vectors of the words that contain b
  const Z = new Float64Array(B * dim);
  const count = new Float64Array(B);
  for (let w = 0; w < W; w++) {
    const ro = w * dim;
    for (let j = offsets[w]!, end = offsets[w + 1]!; j < end; j++) {
      const b = col[j]!;
      count[b] = count[b]! + 1;
      for (let d = 0; d < dim; d++) Z[b * dim + d] = Z[b * dim + d]! + vectors[ro + d]!;
    }
  }
  for (let b = 0; b < B; b++) if (count[b]! > 0) for (let d = 0; d < dim; d++) Z[b * dim + d] = Z[b * dim + d]! / count[b]!;

  const R = new Float32Array(W * dim);
  aMul(Z, R);
  for (let i = 0; i < W * dim; i++) R[i] = vectors[i]! - R[i]!;
  if (iterations > 0) {
    const S = new Float64Array(B * dim);
    const P = new Float64Array(B * dim);
    const Q = new Float32Array(W * dim);
    const gamma = new Float64Array(dim);
    const colNorms = (m: Float64Array | Float32Array, rows: number, out: Float64Array) => {
      out.fill(0);
      for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) out[d] = out[d]! + m[r * dim + d]! * m[r * dim + d]!;
    };
    atMul(R, S);
    P.set(S);
    colNorms(S, B, gamma);
    const qq = new Float64Array(dim);
    const alpha = new Float64Array(dim);
    const next = new Float64Array(dim);
    for (let it = 0; it < iterations; it++) {
      aMul(P, Q);
      colNorms(Q, W, qq);
      for (let d = 0; d < dim; d++) alpha[d] = qq[d]! > 0 ? gamma[d]! / qq[d]! : 0;
      for (let b = 0; b < B; b++) for (let d = 0; d < dim; d++) Z[b * dim + d] = Z[b * dim + d]! + alpha[d]! * P[b * dim + d]!;
      for (let w = 0; w < W; w++) for (let d = 0; d < dim; d++) R[w * dim + d] = R[w * dim + d]! - alpha[d]! * Q[w * dim + d]!;
      atMul(R, S);
      colNorms(S, B, next);
      for (let d = 0; d < dim; d++) {
        const beta = gamma[d]! > 0 ? next[d]! / gamma[d]! : 0;
        for (let b = 0; b < B; b++) P[b * dim + d] = S[b * dim + d]! + beta * P[b * dim + d]!;
      }
      gamma.set(next);
    }
  }
  let res = 0;
  let tot = 0;
  for (let i = 0; i < W * dim; i++) {
    res += R[i]! * R[i]!;
    tot += vectors[i]! * vectors[i]!;
  }
  return { rows: Z, residual: tot > 0 ? res / tot : 0 };
}

/** Top-k eigenvectors of a symmetric dim x dim matrix by power iteration with deflation. */
export function topEigenvectors(m: Float64Array, dim: number, k: number, iterations = 200): Float64Array {
  const out = new Float64Array(k * dim);
  const a = Float64Array.from(m);
  for (let c = 0; c < k; c++) {
    let v = new Float64Array(dim);
    for (let d = 0; d < dim; d++) v[d] = 1 / Math.sqrt(dim) + (d % 7) * 1e-3; // fixed, non-degenerate start
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const nv = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += a[i * dim + j]! * v[j]!;
        nv[i] = s;
      }
      const n = sqrtDot(nv, 0, dim);
      if (n === 0) break;
      for (let d = 0; d < dim; d++) nv[d] = nv[d]! / n;
      lambda = n;
      v = nv;
    }
    // sign convention: largest-magnitude entry positive
    let best = 0;
    for (let d = 1; d < dim; d++) if (Math.abs(v[d]!) > Math.abs(v[best]!)) best = d;
    if (v[best]! < 0) for (let d = 0; d < dim; d++) v[d] = -v[d]!;
    out.set(v, c * dim);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) a[i * dim + j] = a[i * dim + j]! - lambda * v[i]! * v[j]!;
  }
  return out;
}

export function buildFloatModel(
  glove: GloveVectors,
  params: EmbedderBuildParams,
  log: (msg: string) => void = () => {},
  options: {
    holdout?: (word: string) => boolean;
    /** reuse n-gram fits across builds that only differ in other parameters (experiments) */
    ngramCache?: Map<string, { rows: Float64Array; residual: number }>;
  } = {},
): FloatModel {
  const dim = glove.dim;
  const { words: vocab, rows: vocabRows } = selectVocabulary(glove, params.vocabSize);
  const V = vocab.length;
  const B = params.tokenizer.buckets;
  const p = zipfProbabilities(vocabRows, params.zipfN);

  // Frequency-weighted mean over all usable GloVe tokens (not just the kept vocabulary).
  const allUsable = selectVocabulary(glove, glove.words.length);
  const mean = new Float64Array(dim);
  if (params.centre) {
    const pAll = zipfProbabilities(allUsable.rows, params.zipfN);
    let mass = 0;
    for (let i = 0; i < allUsable.rows.length; i++) {
      const off = allUsable.rows[i]! * dim;
      const wgt = pAll[i]!;
      mass += wgt;
      for (let d = 0; d < dim; d++) mean[d] = mean[d]! + wgt * glove.vectors[off + d]!;
    }
    for (let d = 0; d < dim; d++) mean[d] = mean[d]! / mass;
  }
  const vec = (gloveRow: number, out: Float64Array | Float32Array, outOff: number) => {
    const off = gloveRow * dim;
    for (let d = 0; d < dim; d++) out[outOff + d] = glove.vectors[off + d]! - mean[d]!;
  };

  const table = new Float64Array((V + B) * dim);
  const rowWeight = new Float64Array(V + B);
  for (let i = 0; i < V; i++) {
    vec(vocabRows[i]!, table, i * dim);
    rowWeight[i] = params.sifA / (params.sifA + p[i]!);
  }

  // n-gram rows, fitted on plain alphanumeric words (the only shape that reaches the n-gram path)
  const trainWords: string[] = [];
  const trainRows: number[] = [];
  for (let i = 0; i < allUsable.words.length && trainRows.length < params.ngramTrainWords; i++) {
    const w = allUsable.words[i]!;
    if (!/^[a-z0-9]*[a-z][a-z0-9]*$/.test(w) || w.length < 2) continue;
    if (options.holdout?.(w)) continue;
    trainWords.push(w);
    trainRows.push(allUsable.rows[i]!);
  }
  // n-gram rows model each word's deviation from the training words' mean: the shared part
  // carries no meaning and would otherwise dominate every reconstruction
  const targets = new Float32Array(trainWords.length * dim);
  trainRows.forEach((r, i) => vec(r, targets, i * dim));
  const trainMean = new Float64Array(dim);
  for (let i = 0; i < trainWords.length; i++) for (let d = 0; d < dim; d++) trainMean[d] = trainMean[d]! + targets[i * dim + d]!;
  for (let d = 0; d < dim; d++) trainMean[d] = trainMean[d]! / Math.max(trainWords.length, 1);
  for (let i = 0; i < trainWords.length; i++)
    for (let d = 0; d < dim; d++) targets[i * dim + d] = targets[i * dim + d]! - trainMean[d]!;
  const t = params.tokenizer;
  const cacheKey = [
    params.centre,
    params.ngramTrainWords,
    params.ngramIterations,
    t.buckets,
    t.minN,
    t.maxN,
    trainWords.length,
  ].join('/');
  const fit =
    options.ngramCache?.get(cacheKey) ?? fitNgrams(trainWords, targets, dim, params.tokenizer, params.ngramIterations, log);
  options.ngramCache?.set(cacheKey, fit);
  table.set(fit.rows, V * dim);
  for (let b = 0; b < B; b++) rowWeight[V + b] = 1;
  log(`n-gram fit relative residual ${fit.residual.toFixed(4)}`);

  // Expected second moment of a SIF sentence vector of n iid Zipf words: mu mu^T + (E[x x^T] - mu mu^T) / n
  const k = params.commonComponents;
  let components: Float64Array = new Float64Array(0);
  if (k > 0) {
    const mu = new Float64Array(dim);
    const exx = new Float64Array(dim * dim);
    let mass = 0;
    // the 50k most frequent words carry nearly all of the probability mass
    const ccWords = Math.min(V, 50_000);
    for (let i = 0; i < ccWords; i++) mass += p[i]!;
    for (let i = 0; i < ccWords; i++) {
      const pw = p[i]! / mass;
      const s = rowWeight[i]!;
      const off = i * dim;
      for (let a = 0; a < dim; a++) {
        const xa = s * table[off + a]!;
        mu[a] = mu[a]! + pw * xa;
        const f = pw * xa * s;
        for (let b = a; b < dim; b++) exx[a * dim + b] = exx[a * dim + b]! + f * table[off + b]!;
      }
    }
    const n = params.ccSentenceLength;
    const m = new Float64Array(dim * dim);
    for (let a = 0; a < dim; a++) {
      for (let b = a; b < dim; b++) {
        const v = mu[a]! * mu[b]! + (exx[a * dim + b]! - mu[a]! * mu[b]!) / n;
        m[a * dim + b] = v;
        m[b * dim + a] = v;
      }
    }
    components = topEigenvectors(m, dim, k);
  }
  return {
    dim,
    vocab,
    table,
    rowWeight,
    components,
    componentCount: k,
    stats: { vocab: V, buckets: B, ngramResidual: fit.residual, ngramTrainWords: trainWords.length },
  };
}

export interface QuantizedModel {
  dim: number;
  rows: number;
  quantization: 'int8' | 'int4';
  /** int8: [rows x dim] int8; int4: [rows x dim/2] uint8, high nibble = column c, low = column c + dim/2, value = nibble - 8 */
  codes: Int8Array | Uint8Array;
  /** dequantised row = rowScale * codes (already includes the pooling weight) */
  rowScale: Float32Array;
  components: Float32Array;
  componentCount: number;
}

/** Symmetric per-row quantization with the pooling weight folded into the row scale. */
export function quantize(model: FloatModel, quantization: 'int8' | 'int4'): QuantizedModel {
  const { dim } = model;
  const rows = model.rowWeight.length;
  const levels = quantization === 'int8' ? 127 : 7;
  const half = dim / 2;
  if (quantization === 'int4' && dim % 2 !== 0) throw new Error('int4 needs an even dimension');
  const codes = quantization === 'int8' ? new Int8Array(rows * dim) : new Uint8Array(rows * half);
  const rowScale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const off = r * dim;
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(model.table[off + d]!));
    const scale = max > 0 ? max / levels : 0;
    const q = (d: number) => {
      if (scale === 0) return 0;
      const v = Math.round(model.table[off + d]! / scale);
      return v > levels ? levels : v < -levels ? -levels : v;
    };
    if (codes instanceof Int8Array) {
      for (let d = 0; d < dim; d++) codes[off + d] = q(d);
    } else {
      for (let c = 0; c < half; c++) codes[r * half + c] = ((q(c) + 8) << 4) | (q(c + half) + 8);
    }
    rowScale[r] = Math.fround(scale * model.rowWeight[r]!);
  }
  return {
    dim,
    rows,
    quantization,
    codes,
    rowScale,
    components: Float32Array.from(model.components),
    componentCount: model.componentCount,
  };
}

/** Row r of the quantized table, dequantised (times its pooling weight). */
export function dequantizeRow(q: QuantizedModel, r: number, out: Float64Array): void {
  const s = q.rowScale[r]!;
  if (q.codes instanceof Int8Array) {
    for (let d = 0; d < q.dim; d++) out[d] = s * q.codes[r * q.dim + d]!;
  } else {
    const half = q.dim / 2;
    for (let c = 0; c < half; c++) {
      const byte = q.codes[r * half + c]!;
      out[c] = s * ((byte >> 4) - 8);
      out[c + half] = s * ((byte & 15) - 8);
    }
  }
}

/**
 * Reference pooling in plain TypeScript (float64): weighted sum of rows, remove common components,
 * L2-normalise. The ONNX graph computes the same thing; tests compare the two.
 */
export function poolReference(
  bag: { ids: number[]; weights: number[] },
  row: (id: number, out: Float64Array) => void,
  dim: number,
  components: Float64Array | Float32Array,
  k: number,
): Float32Array {
  const acc = new Float64Array(dim);
  const tmp = new Float64Array(dim);
  bag.ids.forEach((id, i) => {
    row(id, tmp);
    const w = bag.weights[i]!;
    for (let d = 0; d < dim; d++) acc[d] = acc[d]! + w * tmp[d]!;
  });
  for (let c = 0; c < k; c++) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += acc[d]! * components[c * dim + d]!;
    for (let d = 0; d < dim; d++) acc[d] = acc[d]! - dot * components[c * dim + d]!;
  }
  let n = 0;
  for (let d = 0; d < dim; d++) n += acc[d]! * acc[d]!;
  n = Math.sqrt(Math.max(n, 1e-12));
  const out = new Float32Array(dim);
  for (let d = 0; d < dim; d++) out[d] = acc[d]! / n;
  return out;
}

export function floatRow(model: FloatModel): (id: number, out: Float64Array) => void {
  return (id, out) => {
    const w = model.rowWeight[id]!;
    for (let d = 0; d < model.dim; d++) out[d] = w * model.table[id * model.dim + d]!;
  };
}

export function makeTokenizer(model: { vocab: string[] }, params: EmbedderBuildParams): EmbedTokenizer {
  return new EmbedTokenizer(model.vocab, params.tokenizer);
}

// ------------------------------------------------------------------ ONNX graph

/**
 * The embedding graph. Inputs are a padded bag of rows per text:
 *   ids     int64 [batch, tokens]   table rows (vocabulary words, then n-gram buckets); pad with 0
 *   weights float [batch, tokens]   occurrence weights; pad with 0
 * Output: embedding float [batch, dim], L2-normalised (all zeros for an empty bag).
 *
 * pooled = sum_t weights[t] * rowScale[id_t] * dequant(codes[id_t]); then remove the projection on
 * the common components; then divide by max(||pooled||, 1e-6).
 */
export function buildEmbedderGraph(q: QuantizedModel): Graph {
  const g = new GraphBuilder('folio_embedder', 'SIF-weighted bag of GloVe words and hashed character n-grams');
  const D = q.dim;
  g.input('ids', 'int64', ['batch', 'tokens']);
  g.input('weights', 'float32', ['batch', 'tokens']);
  g.output('embedding', 'float32', ['batch', D]);

  g.initializer('row_scale', 'float32', [q.rows], q.rowScale);
  g.initializer('axis1', 'int64', [1], [1]);
  g.initializer('eps', 'float32', [], [1e-12]);

  let x: string;
  if (q.quantization === 'int8') {
    g.initializer('codes', 'int8', [q.rows, D], q.codes);
    const [rows] = g.node('Gather', ['codes', 'ids'], ['rows_q'], { axis: 0 });
    [x] = g.node('Cast', [rows!], ['rows_f'], { to: DATA_TYPE_CODE.float32 }) as [string];
  } else {
    // two 4-bit codes per byte: high nibble = column c, low nibble = column c + D/2, value = nibble - 8
    g.initializer('codes', 'uint8', [q.rows, D / 2], q.codes);
    g.initializer('sixteenth', 'float32', [], [1 / 16]);
    g.initializer('sixteen', 'float32', [], [16]);
    g.node('Gather', ['codes', 'ids'], ['packed'], { axis: 0 });
    g.node('Cast', ['packed'], ['packed_f'], { to: DATA_TYPE_CODE.float32 });
    g.node('Mul', ['packed_f', 'sixteenth'], ['packed_div']);
    g.node('Floor', ['packed_div'], ['hi']);
    g.node('Mul', ['hi', 'sixteen'], ['hi16']);
    g.node('Sub', ['packed_f', 'hi16'], ['lo']);
    [x] = g.node('Concat', ['hi', 'lo'], ['nibbles'], { axis: -1 }) as [string];
  }
  // weights * row scale, as [batch, 1, tokens] for a batched MatMul with [batch, tokens, D]
  g.node('Gather', ['row_scale', 'ids'], ['scale_t'], { axis: 0 });
  g.node('Mul', ['weights', 'scale_t'], ['w']);
  g.node('Unsqueeze', ['w', 'axis1'], ['w3']);
  g.node('MatMul', ['w3', x], ['pooled3']);
  g.node('Squeeze', ['pooled3', 'axis1'], ['pooled_raw']);
  let pooled = 'pooled_raw';
  if (q.quantization === 'int4') {
    // sum_t w_t (nibble - 8) = sum_t w_t nibble - 8 sum_t w_t
    g.initializer('eight', 'float32', [], [8]);
    g.node('ReduceSum', ['w', 'axis1'], ['w_sum'], { keepdims: 1 });
    g.node('Mul', ['w_sum', 'eight'], ['offset']);
    g.node('Sub', ['pooled_raw', 'offset'], ['pooled_centred']);
    pooled = 'pooled_centred';
  }
  if (q.componentCount > 0) {
    const k = q.componentCount;
    const U = new Float32Array(D * k); // [D, k]
    for (let c = 0; c < k; c++) for (let d = 0; d < D; d++) U[d * k + c] = q.components[c * D + d]!;
    g.initializer('cc_u', 'float32', [D, k], U);
    g.initializer('cc_ut', 'float32', [k, D], q.components);
    g.node('MatMul', [pooled, 'cc_u'], ['cc_proj']);
    g.node('MatMul', ['cc_proj', 'cc_ut'], ['cc_part']);
    g.node('Sub', [pooled, 'cc_part'], ['pooled_cc']);
    pooled = 'pooled_cc';
  }
  g.node('ReduceSumSquare', [pooled], ['sq'], { axes: [1], keepdims: 1 });
  g.node('Max', ['sq', 'eps'], ['sq_safe']);
  g.node('Sqrt', ['sq_safe'], ['norm']);
  g.node('Div', [pooled, 'norm'], ['embedding']);
  return g.build();
}
