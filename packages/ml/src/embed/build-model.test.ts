import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { GloveVectors } from '../../scripts/embed-glove';
import {
  DEFAULT_BUILD_PARAMS,
  buildEmbedderGraph,
  buildFloatModel,
  dequantizeRow,
  floatRow,
  poolReference,
  quantize,
  selectVocabulary,
  topEigenvectors,
  type EmbedderBuildParams,
} from '../../scripts/embed-model';
import { encodeModel } from '../onnx/index';
import { EmbedTokenizer } from './tokenizer';

/** Small deterministic stand-in for the GloVe package (mulberry32 PRNG, fixed seed). */
function fakeGlove(): GloveVectors {
  let s = 12345;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const syll = ['ka', 'ro', 'mi', 'tan', 'sel', 'gpu', 'ker', 'nel', 'bre', 'ad', 'run', 'ning'];
  const words: string[] = ['the', ',', 'of', 'and'];
  for (let i = 0; words.length < 600; i++) {
    words.push(syll[i % 12]! + syll[(i * 7 + 3) % 12]! + (i > 143 ? syll[(i * 5 + 1) % 12]! : ''));
  }
  const unique = [...new Set(words)];
  const dim = 8;
  const vectors = new Float32Array(unique.length * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = rand();
  return { words: unique, dim, vectors, packageVersion: 'test' };
}

const PARAMS: EmbedderBuildParams = {
  ...DEFAULT_BUILD_PARAMS,
  vocabSize: 300,
  ngramTrainWords: 10_000,
  tokenizer: { ...DEFAULT_BUILD_PARAMS.tokenizer, buckets: 128 },
  commonComponents: 2,
};

function build(params: EmbedderBuildParams) {
  const glove = fakeGlove();
  const model = buildFloatModel(glove, params);
  const q = quantize(model, params.quantization);
  const bytes = encodeModel({ graph: buildEmbedderGraph(q), opsetVersion: 17, metadata: { v: '1' } });
  return { model, q, bytes };
}

describe('embedder build steps', () => {
  it('keeps only tokens the tokenizer can produce', () => {
    const { words } = selectVocabulary(fakeGlove(), 5);
    expect(words).toEqual(['the', 'of', 'and', ...words.slice(3)]);
    expect(words).not.toContain(',');
  });

  it('is deterministic byte for byte', () => {
    const a = build(PARAMS).bytes;
    const b = build(PARAMS).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('finds orthonormal principal components', () => {
    // diag(5, 3, 1) rotated by nothing: components are the axes, sign-normalised
    const m = new Float64Array([5, 0, 0, 0, 3, 0, 0, 0, 1]);
    expect(Array.from(topEigenvectors(m, 3, 2)).map((x) => Math.round(x * 1e6) / 1e6 + 0)).toEqual([1, 0, 0, 0, 1, 0]);
  });

  for (const quantization of ['int8', 'int4'] as const) {
    it(`ONNX graph (${quantization}) equals the TypeScript reference pooling`, async () => {
      const params = { ...PARAMS, quantization };
      const { model, q, bytes } = build(params);
      const tok = new EmbedTokenizer(model.vocab, params.tokenizer);
      const texts = [model.vocab.slice(5, 9).join(' '), `${model.vocab[20]} unknownword ${model.vocab[20]}`, '', 'zzqx'];
      const bags = texts.map((t) => tok.encode(t));
      const width = Math.max(1, ...bags.map((b) => b.ids.length));
      const ids = new BigInt64Array(texts.length * width);
      const weights = new Float32Array(texts.length * width);
      bags.forEach((b, i) =>
        b.ids.forEach((id, t) => {
          ids[i * width + t] = BigInt(id);
          weights[i * width + t] = b.weights[t]!;
        }),
      );
      const session = await ort.InferenceSession.create(bytes);
      const out = await session.run({
        ids: new ort.Tensor('int64', ids, [texts.length, width]),
        weights: new ort.Tensor('float32', weights, [texts.length, width]),
      });
      const got = out.embedding!.data as Float32Array;
      bags.forEach((bag, i) => {
        const ref = poolReference(bag, (id, o) => dequantizeRow(q, id, o), q.dim, q.components, q.componentCount);
        for (let d = 0; d < q.dim; d++) expect(got[i * q.dim + d]).toBeCloseTo(ref[d]!, 4);
      });
      // empty text -> zero vector, others unit length
      expect(Array.from(got.subarray(2 * q.dim, 3 * q.dim)).every((x) => x === 0)).toBe(true);
      const norm = Math.hypot(...got.subarray(0, q.dim));
      expect(norm).toBeCloseTo(1, 5);
      await session.release();
    });
  }

  it('quantization keeps pooled vectors close to float', () => {
    const { model } = build(PARAMS);
    const tok = new EmbedTokenizer(model.vocab, PARAMS.tokenizer);
    const bag = tok.encode(model.vocab.slice(10, 30).join(' '));
    const ref = poolReference(bag, floatRow(model), model.dim, model.components, model.componentCount);
    for (const [quantization, min] of [
      ['int8', 0.999],
      ['int4', 0.98],
    ] as const) {
      const q = quantize(model, quantization);
      const v = poolReference(bag, (id, o) => dequantizeRow(q, id, o), q.dim, q.components, q.componentCount);
      const cos = v.reduce((s, x, i) => s + x * ref[i]!, 0);
      expect(cos).toBeGreaterThan(min);
    }
  });
});
