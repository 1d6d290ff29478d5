/**
 * Tuning sweep for the embedder build parameters (the measurements behind
 * packages/ml/src/embed/README.md). Builds float/quantized models in memory (no ONNX), scores them
 * on the search-quality corpus (vector-only and hybrid with FTS5) and on held-out OOV words.
 *
 *   npx tsx bench/ml-embed-tune.ts [sweep...]     sweeps: vocab quant sif cc ngram oov all
 *
 * Caches the parsed GloVe vectors in the OS temp dir to skip the 4 s JSON parse on reruns.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadGlove, type GloveVectors } from '../packages/ml/scripts/embed-glove';
import {
  DEFAULT_BUILD_PARAMS,
  buildFloatModel,
  dequantizeRow,
  floatRow,
  makeTokenizer,
  poolReference,
  quantize,
  type EmbedderBuildParams,
  type FloatModel,
} from '../packages/ml/scripts/embed-model';
import { forEachNgramBucket } from '../packages/ml/src/embed/tokenizer';
import { createFtsRanker, createVectorRanker, evaluate, hybridRanker, loadCorpus, loadQueries } from './search-quality';

function cachedGlove(): GloveVectors {
  const base = path.join(os.tmpdir(), 'folio-glove-cache');
  if (existsSync(`${base}.bin`) && existsSync(`${base}.json`)) {
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Omit<GloveVectors, 'vectors'>;
    const buf = readFileSync(`${base}.bin`);
    return { ...meta, vectors: new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4) };
  }
  const g = loadGlove();
  writeFileSync(`${base}.json`, JSON.stringify({ words: g.words, dim: g.dim, packageVersion: g.packageVersion }));
  writeFileSync(`${base}.bin`, Buffer.from(g.vectors.buffer, g.vectors.byteOffset, g.vectors.byteLength));
  return g;
}

const holdout = (w: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 50 === 0;
};

interface Scores {
  vecExact: number;
  vecPara: number;
  vecMrr: number;
  hybExact: number;
  hybPara: number;
  hybMrr: number;
  /** hybrid paraphrase recall@10 when fusing only each ranker's top 10 */
  hyb10Para: number;
}

const docs = loadCorpus();
const queries = loadQueries();
const fts = createFtsRanker(docs);

async function score(model: FloatModel, params: EmbedderBuildParams, quant: 'float' | 'int8' | 'int4'): Promise<Scores> {
  const tok = makeTokenizer(model, params);
  let row = floatRow(model);
  if (quant !== 'float') {
    const q = quantize(model, quant);
    row = (id, out) => dequantizeRow(q, id, out);
  }
  const embed = async (texts: string[]) =>
    texts.map((t) => poolReference(tok.encode(t), row, model.dim, model.components, model.componentCount));
  const vec = await createVectorRanker(docs, embed);
  const v = await evaluate(vec, queries);
  const h = await evaluate(hybridRanker([fts.rank, vec]), queries);
  const h10 = await evaluate(hybridRanker([fts.rank, vec], 60, 10), queries);
  return {
    vecExact: v.exact.recallAt10,
    vecPara: v.paraphrase.recallAt10,
    vecMrr: v.all.mrr,
    hybExact: h.exact.recallAt10,
    hybPara: h.paraphrase.recallAt10,
    hybMrr: h.all.mrr,
    hyb10Para: h10.paraphrase.recallAt10,
  };
}

/** Shipped bytes: table codes + row scales + vocabulary file (graph and metadata are a few KB). */
function sizeMB(model: FloatModel, quantization: 'int8' | 'int4', buckets: number): number {
  const rows = model.vocab.length + buckets;
  const bytesPerRow = (quantization === 'int8' ? model.dim : model.dim / 2) + 4;
  const vocabBytes = model.vocab.reduce((s, w) => s + Buffer.byteLength(w) + 1, 0);
  return (rows * bytesPerRow + vocabBytes) / 1e6;
}

const fmt = (x: number) => (100 * x).toFixed(1).padStart(5);
function line(label: string, s: Scores, extra = ''): void {
  console.log(
    `${label.padEnd(34)} vec R@10 ex ${fmt(s.vecExact)} para ${fmt(s.vecPara)} mrr ${s.vecMrr.toFixed(3)} | hyb ex ${fmt(s.hybExact)} para ${fmt(s.hybPara)} mrr ${s.hybMrr.toFixed(3)} (top-10 fusion para ${fmt(s.hyb10Para)}) ${extra}`,
  );
}

/** Mean cosine between n-gram reconstruction and true vector for held-out GloVe words, by rank band. */
function oovQuality(glove: GloveVectors, model: FloatModel, params: EmbedderBuildParams): string {
  const V = model.vocab.length;
  const dim = model.dim;
  const bands: [number, number][] = [
    [10_000, 50_000],
    [50_000, 150_000],
    [150_000, 341_479],
  ];
  const mean = new Float64Array(dim);
  const out: string[] = [];
  // recover centring: the table row of a vocab word = glove - mean
  const first = model.vocab[0]!;
  const gi = glove.words.indexOf(first);
  for (let d = 0; d < dim; d++) mean[d] = glove.vectors[gi * dim + d]! - model.table[d]!;
  for (const [lo, hi] of bands) {
    let sum = 0;
    let n = 0;
    for (let r = lo; r < hi && r < glove.words.length; r++) {
      const w = glove.words[r]!;
      if (!holdout(w) || !/^[a-z]+$/.test(w)) continue;
      const rec = new Float64Array(dim);
      let cnt = 0;
      forEachNgramBucket(w, params.tokenizer.minN, params.tokenizer.maxN, params.tokenizer.buckets, (b) => {
        cnt++;
        for (let d = 0; d < dim; d++) rec[d] = rec[d]! + model.table[(V + b) * dim + d]!;
      });
      let dotv = 0;
      let na = 0;
      let nb = 0;
      for (let d = 0; d < dim; d++) {
        const t = glove.vectors[r * dim + d]! - mean[d]!;
        const x = rec[d]! / Math.max(cnt, 1);
        dotv += t * x;
        na += t * t;
        nb += x * x;
      }
      if (na > 0 && nb > 0) {
        sum += dotv / Math.sqrt(na * nb);
        n++;
      }
    }
    out.push(`rank ${lo / 1000}k-${Math.round(hi / 1000)}k cos ${(sum / n).toFixed(3)} (n=${n})`);
  }
  return out.join('; ');
}

export async function main(sweeps: string[]): Promise<void> {
  const t0 = Date.now();
  const glove = cachedGlove();
  console.log(`glove loaded in ${Date.now() - t0} ms`);
  const ngramCache = new Map<string, { rows: Float64Array; residual: number }>();
  const base = DEFAULT_BUILD_PARAMS;
  const build = (p: EmbedderBuildParams) => {
    const t = Date.now();
    const m = buildFloatModel(glove, p, () => {}, { holdout, ngramCache });
    return { m, ms: Date.now() - t };
  };
  const all = sweeps.includes('all');

  if (all || sweeps.includes('vocab')) {
    console.log('\n# vocabulary size (int8 and int4), other params default');
    for (const vocabSize of [10_000, 25_000, 50_000, 100_000, 150_000, 200_000, 250_000, 341_479]) {
      const p = { ...base, vocabSize };
      const { m } = build(p);
      for (const q of ['int8', 'int4'] as const) {
        const s = await score(m, p, q);
        line(`vocab ${vocabSize} ${q}`, s, `size ${sizeMB(m, q, p.tokenizer.buckets).toFixed(1)} MB`);
      }
    }
  }
  if (all || sweeps.includes('quant')) {
    console.log('\n# quantization at default vocab');
    const { m } = build(base);
    for (const q of ['float', 'int8', 'int4'] as const) line(`quant ${q}`, await score(m, base, q));
  }
  if (all || sweeps.includes('sif')) {
    console.log('\n# SIF a');
    for (const sifA of [1e-4, 3e-4, 1e-3, 3e-3, 1e-2]) {
      const p = { ...base, sifA };
      line(`sif a=${sifA}`, await score(build(p).m, p, 'int4'));
    }
  }
  if (all || sweeps.includes('cc')) {
    console.log('\n# centring and common components');
    for (const centre of [true]) {
      for (const commonComponents of [0, 1, 2, 3, 5]) {
        for (const ccSentenceLength of [10]) {
          const p = { ...base, centre, commonComponents, ccSentenceLength };
          line(`centre ${centre} cc ${commonComponents} n ${ccSentenceLength}`, await score(build(p).m, p, 'int4'));
        }
      }
    }
  }
  if (all || sweeps.includes('ngram')) {
    console.log('\n# n-gram buckets / iterations (OOV reconstruction on held-out words)');
    for (const buckets of [16_384, 32_768, 65_536]) {
      for (const ngramIterations of [0, 2, 6]) {
        const p = { ...base, ngramIterations, tokenizer: { ...base.tokenizer, buckets } };
        const { m, ms } = build(p);
        line(`buckets ${buckets} it ${ngramIterations}`, await score(m, p, 'int4'), `${oovQuality(glove, m, p)} build ${ms} ms`);
      }
    }
  }
  if (all || sweeps.includes('oov')) {
    console.log('\n# OOV weight');
    for (const oovWeight of [0, 0.5, 1, 1.5, 2]) {
      const p = { ...base, tokenizer: { ...base.tokenizer, oovWeight } };
      line(`oovWeight ${oovWeight}`, await score(build(p).m, p, 'int4'));
    }
  }
  console.log(`\ntotal ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2).length ? process.argv.slice(2) : ['quant']).finally(() => fts.close());
}
