import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { EMBEDDER_FILES, type EmbedderLock } from './manifest';
import { isZeroVector, loadEmbedder, type Embedder } from './embedder';
import { BUILD_TIMEOUT_MS, ensureEmbedderModel } from './test-support';

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(cos(a, a));

let modelDir = '';
let embedder: Embedder;

beforeAll(async () => {
  modelDir = await ensureEmbedderModel();
  embedder = await loadEmbedder({ modelDir });
}, BUILD_TIMEOUT_MS);

afterAll(async () => {
  await embedder?.dispose();
});

describe('loadEmbedder', () => {
  it('loads the built model and reports what it is', () => {
    const lock = JSON.parse(readFileSync(path.join(modelDir, EMBEDDER_FILES.lock), 'utf8')) as EmbedderLock;
    expect(embedder.dim).toBe(100);
    expect(embedder.info.version).toBe(lock.version);
    expect(embedder.info.sha256).toBe(lock.sha256[EMBEDDER_FILES.model]);
    expect(embedder.info.vocabSize).toBeGreaterThan(10_000);
    expect(embedder.info.id).toContain(embedder.info.sha256.slice(0, 12));
    expect(embedder.version).toBe(embedder.info.id);
  });
});

describe('embed', () => {
  it('returns one L2-normalised vector per text, deterministically', async () => {
    const texts = ['Profiling the attention kernel with Nsight', 'Sourdough loaf with an open crumb', 'sleep'];
    const a = await embedder.embed(texts);
    const b = await embedder.embed(texts);
    expect(a).toHaveLength(3);
    a.forEach((v, i) => {
      expect(v).toHaveLength(100);
      expect(norm(v)).toBeCloseTo(1, 5);
      expect(Array.from(v)).toEqual(Array.from(b[i]!));
    });
    // batch composition does not change a text's vector beyond float noise
    const alone = await embedder.embedOne(texts[0]!);
    for (let d = 0; d < 100; d++) expect(alone[d]).toBeCloseTo(a[0]![d]!, 5);
  });

  const related: [string, string, string][] = [
    ['GPU kernel debugging', 'CUDA crash in my attention kernel', 'grocery shopping list'],
    [
      'the training run diverged and the loss blew up',
      'optimizer instability made the neural network training fail',
      'baked a loaf of sourdough bread',
    ],
    [
      'reviewing a paper about speculative decoding',
      'reading research on faster text generation with a draft model',
      'planted tomatoes in the garden',
    ],
    [
      'reading a paper on quantization of neural networks',
      'notes on 4-bit weight compression for language models',
      'walked the dog in the park',
    ],
    [
      'applying to PhD programs this fall',
      'graduate school admissions and recommendation letters',
      'fixed a memory leak in the router',
    ],
    [
      'long run on Sunday, 18 km at easy pace',
      'marathon training with a slow weekend jog',
      'wrote the rebuttal for the reviewers',
    ],
    ['could not fall asleep until 3 am', 'insomnia and tossing in bed all night', 'benchmark of the batch scheduler'],
    [
      'cooked dumplings with friends for dinner',
      'we made pork and cabbage dumplings together',
      'distributed training with all-reduce',
    ],
    ['called my mom and grandma on the weekend', 'a long phone call with family back home', 'tensor core matrix multiply'],
  ];
  it.each(related)('"%s" is closer to "%s" than to "%s"', async (a, b, c) => {
    const [va, vb, vc] = await embedder.embed([a, b, c]);
    expect(cos(va!, vb!)).toBeGreaterThan(cos(va!, vc!) + 0.1);
  });

  it('gives out-of-vocabulary words (sglang, hicache, misspellings) non-zero vectors near sensible words', async () => {
    const [sglang, hicache, runnning] = await embedder.embed(['sglang', 'hicache', 'runnning']);
    for (const v of [sglang!, hicache!, runnning!]) {
      expect(isZeroVector(v)).toBe(false);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    const words = ['cache', 'language', 'running', 'banana', 'football', 'election', 'river', 'guitar'];
    const vecs = await embedder.embed(words);
    const nearest = (v: Float32Array) => words[vecs.map((w) => cos(v, w)).reduce((bi, s, i, arr) => (s > arr[bi]! ? i : bi), 0)];
    expect(nearest(hicache!)).toBe('cache');
    expect(nearest(sglang!)).toBe('language');
    expect(nearest(runnning!)).toBe('running');
    // and a system written about with the OOV name lands near notes about the same thing
    const [note, other] = await embedder.embed(['hicache spills the prefix cache to host memory', 'went hiking by the lake']);
    expect(cos(hicache!, note!)).toBeGreaterThan(cos(hicache!, other!));
  });

  it('never throws on bad input and keeps the English part of mixed text', async () => {
    const huge = 'the quick brown fox jumps over the lazy dog '.repeat(25_000); // ~1.1 MB
    const binary = String.fromCharCode(...Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 65536));
    const inputs = [
      '',
      '   \n\t',
      huge,
      binary,
      '🚀🔥😀 🎉',
      '只有中文的句子，没有英文。',
      '今天调试 GPU kernel 崩溃了',
      '\u0000\ud800\udfff',
    ];
    const out = await embedder.embed(inputs);
    expect(out).toHaveLength(inputs.length);
    for (const v of out) {
      expect(v).toHaveLength(100);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(isZeroVector(out[0]!)).toBe(true);
    expect(isZeroVector(out[4]!)).toBe(true); // emoji only
    expect(isZeroVector(out[5]!)).toBe(true); // Chinese only: found through full-text search instead
    expect(isZeroVector(out[2]!)).toBe(false);
    const english = await embedder.embedOne('GPU kernel');
    expect(cos(out[6]!, english)).toBeGreaterThan(0.999);
    // non-string values from untyped callers are coerced, not thrown on
    const odd = await embedder.embed([undefined as unknown as string, 42 as unknown as string]);
    expect(odd).toHaveLength(2);
  });

  it('handles a large batch with mixed lengths', async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `note ${i}: ${'kernel cache sleep run '.repeat(i % 40)}`);
    const out = await embedder.embed(texts);
    expect(out).toHaveLength(300);
    const again = await embedder.embedOne(texts[123]!);
    for (let d = 0; d < 100; d++) expect(again[d]).toBeCloseTo(out[123]![d]!, 5);
  });
});

describe('missing or corrupt model', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'folio-embedder-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const copyModel = (name: string) => {
    const d = path.join(dir, name);
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d);
    for (const f of [EMBEDDER_FILES.model, EMBEDDER_FILES.vocab, EMBEDDER_FILES.manifest]) {
      copyFileSync(path.join(modelDir, f), path.join(d, f));
    }
    return d;
  };

  async function expectModelError(d: string, code: 'model_missing' | 'model_corrupt') {
    const err = await loadEmbedder({ modelDir: d }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).code).toBe(code);
    expect((err as ModelError).message).toMatch(/npm run build/);
    return err as ModelError;
  }

  it('reports a missing directory or file as model_missing', async () => {
    await expectModelError(path.join(dir, 'nope'), 'model_missing');
    const d = copyModel('no-onnx');
    unlinkSync(path.join(d, EMBEDDER_FILES.model));
    const e = await expectModelError(d, 'model_missing');
    expect(e.file).toBe(path.join(d, EMBEDDER_FILES.model));
  });

  it('reports a flipped byte, a truncated file, a foreign vocabulary or a bad manifest as model_corrupt', async () => {
    const flipped = copyModel('flipped');
    const bytes = readFileSync(path.join(flipped, EMBEDDER_FILES.model));
    const mid = bytes.length >> 1;
    bytes[mid] = bytes[mid]! ^ 0xff;
    writeFileSync(path.join(flipped, EMBEDDER_FILES.model), bytes);
    await expectModelError(flipped, 'model_corrupt');

    const truncated = copyModel('truncated');
    writeFileSync(path.join(truncated, EMBEDDER_FILES.model), bytes.subarray(0, 1000));
    await expectModelError(truncated, 'model_corrupt');

    const vocab = copyModel('vocab');
    writeFileSync(path.join(vocab, EMBEDDER_FILES.vocab), 'a\nb\n');
    await expectModelError(vocab, 'model_corrupt');

    const manifest = copyModel('manifest');
    writeFileSync(path.join(manifest, EMBEDDER_FILES.manifest), '{"name": "folio-embedder", "trunc');
    await expectModelError(manifest, 'model_corrupt');
  });

  it('is a plain serialisable error for IPC', () => {
    const e = new ModelError('model_missing', 'gone', '/x');
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'ModelError', code: 'model_missing', message: 'gone', file: '/x' });
    expect(ModelError.isModelError({ name: 'ModelError', code: 'model_corrupt', message: '' })).toBe(true);
    expect(ModelError.isModelError(new Error('x'))).toBe(false);
  });
});
