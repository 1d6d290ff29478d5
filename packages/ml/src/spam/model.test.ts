import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../onnx';
import { extractFeatures } from './features';
import { commentOnlyModel, commentSplits } from './fixture';
import { calibrationBins, evaluate, precisionAtRecall, type Label } from './metrics';
import {
  createSpamModel,
  explainWithWeights,
  loadSpamModel,
  manifestPathFor,
  saveSpamModel,
  sha256Hex,
  spamModelFromBytes,
  type SpamModel,
} from './model';
import { SpamModelError, spamWeightsFromOnnx, spamWeightsToOnnx } from './onnx-graph';
import { sigmoid } from './train';
import { calibratedLogit } from './weights';

let model: SpamModel;
let dir: string;

beforeAll(async () => {
  model = await createSpamModel(commentOnlyModel());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-spam-'));
});

afterAll(async () => {
  await model?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SAMPLES = [
  'Thanks for the write-up, the part about WAL mode saved me an afternoon.',
  'Great post! Visit my site http://cheap-pills.ru for the best v1agra prices!!!',
  '加微信 abc888 日赚500元',
  '',
  '<script>alert(document.cookie)</script>',
  'CONGRATULATIONS you WON a $1000 gift card, claim now at bit.ly/xyz',
  '我也遇到过同样的问题，谢谢分享。',
];

describe('ONNX export', () => {
  it('scores exactly like the TypeScript reference (within 1e-5)', async () => {
    const { heldOut } = commentSplits();
    const texts = [...SAMPLES, ...heldOut.map((e) => e.text)];
    const onnx = await model.score(texts);
    const reference = model.scoreReference(texts);
    const fromWeights = texts.map((t) => sigmoid(calibratedLogit(model.weights, extractFeatures(t, model.weights.config))));
    expect(onnx).toHaveLength(texts.length);
    for (let i = 0; i < texts.length; i++) {
      expect(Math.abs(onnx[i]! - reference[i]!)).toBeLessThan(1e-5);
      expect(Math.abs(reference[i]! - fromWeights[i]!)).toBeLessThan(1e-12);
    }
  });

  it('writes the graph, calibration and metadata the loader expects', () => {
    const bytes = model.toOnnx();
    const decoded = decodeModel(bytes);
    expect(decoded.graph.nodes.map((n) => n.opType)).toEqual(['Gather', 'Mul', 'ReduceSum', 'Add', 'Mul', 'Add', 'Sigmoid']);
    expect(decoded.graph.inputs.map((i) => [i.name, i.type])).toEqual([
      ['indices', 'int64'],
      ['values', 'float32'],
    ]);
    expect(decoded.metadata['folio.kind']).toBe('folio-spam-classifier');
    const back = spamWeightsFromOnnx(bytes);
    expect(back.platt).toEqual(model.weights.platt);
    expect(back.thresholds).toEqual(model.weights.thresholds);
    // Deterministic encoding.
    expect(sha256Hex(spamWeightsToOnnx(back))).toBe(sha256Hex(bytes));
  });

  it('separates the held-out comments of the repository set', async () => {
    const { heldOut } = commentSplits();
    const labels = heldOut.map((e) => e.label) as Label[];
    const scores = await model.score(heldOut.map((e) => e.text));
    const m = evaluate(labels, scores, model.weights.thresholds.spam);
    expect(m.rocAuc!).toBeGreaterThan(0.95);
    expect(precisionAtRecall(labels, scores, 0.85)!.precision).toBeGreaterThan(0.9);
  });

  it('is roughly calibrated on held-out comments', async () => {
    const { heldOut } = commentSplits();
    const labels = heldOut.map((e) => e.label) as Label[];
    const scores = await model.score(heldOut.map((e) => e.text));
    const mean = scores.reduce((s, p) => s + p, 0) / scores.length;
    const rate = labels.reduce<number>((s, y) => s + y, 0) / labels.length;
    expect(Math.abs(mean - rate)).toBeLessThan(0.1);
    expect(calibrationBins(labels, scores).ece).toBeLessThan(0.15);
    // Calibration must not just squash everything to the base rate.
    expect(Math.max(...scores)).toBeGreaterThan(0.9);
    expect(Math.min(...scores)).toBeLessThan(0.1);
  });
});

describe('bad input', () => {
  it('never throws, and gives clean probabilities', async () => {
    const texts = [
      '',
      ' ',
      '<script>while(1){}</script>',
      'a'.repeat(100_000),
      '💰'.repeat(20_000),
      '\u0000\uD800',
      '<a href="'.repeat(5000),
    ];
    const scores = await model.score(texts);
    expect(scores).toHaveLength(texts.length);
    for (const p of scores) expect(p >= 0 && p <= 1 && Number.isFinite(p)).toBe(true);
    expect(await model.score([])).toEqual([]);
  });

  it('scores thousands of duplicates once each, and identically', async () => {
    const texts = Array.from({ length: 5000 }, (_, i) =>
      i % 2 ? 'Buy cheap followers at followers-shop.xyz' : 'Lovely photos, thanks!',
    );
    const scores = await model.score(texts);
    expect(new Set(scores.filter((_, i) => i % 2)).size).toBe(1);
    expect(new Set(scores.filter((_, i) => i % 2 === 0)).size).toBe(1);
    expect(scores[1]!).toBeGreaterThan(scores[0]!);
  });

  it('treats HTML as text: a script is scored, not run', async () => {
    (globalThis as Record<string, unknown>).__folioSpamRan = false;
    const [p] = await model.score([
      '<script>globalThis.__folioSpamRan = true</script><img src=x onerror="globalThis.__folioSpamRan=true">',
    ]);
    expect((globalThis as Record<string, unknown>).__folioSpamRan).toBe(false);
    expect(p!).toBeGreaterThan(0.5);
  });
});

describe('explain', () => {
  it('lists the features that weighed most, signed towards spam', () => {
    const e = model.explain('Great post! Visit my site http://cheap-pills.ru for cheap v1agra!!!', { top: 5 });
    expect(e.features).toHaveLength(5);
    expect(e.features[0]!.weight).toBeGreaterThan(0);
    for (let i = 1; i < e.features.length; i++) {
      expect(Math.abs(e.features[i]!.weight)).toBeLessThanOrEqual(Math.abs(e.features[i - 1]!.weight));
    }
    for (const f of e.features) expect(f.name.length).toBeGreaterThan(0);
    const total = explainWithWeights(
      model.weights,
      'Great post! Visit my site http://cheap-pills.ru for cheap v1agra!!!',
      10_000,
    );
    const sum = total.features.reduce((s, f) => s + f.weight, total.intercept);
    expect(sum).toBeCloseTo(total.logit, 4); // contributions add up to the logit (float32 feature values)
    expect(e.probability).toBeCloseTo(
      model.scoreReference(['Great post! Visit my site http://cheap-pills.ru for cheap v1agra!!!'])[0]!,
      9,
    );
  });

  it('explains empty text without throwing', () => {
    const e = model.explain('');
    expect(Number.isFinite(e.probability)).toBe(true);
  });
});

describe('loading and saving', () => {
  it('round-trips through a file with a manifest', async () => {
    const file = path.join(dir, 'user-spam.onnx');
    const manifest = await saveSpamModel(model, file, { note: 'test' });
    expect(fs.existsSync(manifestPathFor(file))).toBe(true);
    expect(manifest.sha256).toBe(model.info.sha256);
    const loaded = await loadSpamModel({ modelPath: file });
    expect(loaded.info.sha256).toBe(model.info.sha256);
    expect(await loaded.score(SAMPLES)).toEqual(await model.score(SAMPLES));
    await loaded.dispose();
  });

  it('reports a missing model', async () => {
    await expect(loadSpamModel({ modelPath: path.join(dir, 'nope.onnx') })).rejects.toMatchObject({
      name: 'SpamModelError',
      code: 'missing',
    });
  });

  it('reports a corrupt model', async () => {
    const file = path.join(dir, 'corrupt.onnx');
    fs.writeFileSync(file, Buffer.from('this is not protobuf at all \xff\xff\xff'));
    await expect(loadSpamModel({ modelPath: file })).rejects.toBeInstanceOf(SpamModelError);
    const truncated = path.join(dir, 'truncated.onnx');
    fs.writeFileSync(truncated, model.toOnnx().subarray(0, 5000));
    await expect(loadSpamModel({ modelPath: truncated })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('reports a checksum mismatch', async () => {
    const file = path.join(dir, 'tampered.onnx');
    await saveSpamModel(model, file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    fs.writeFileSync(file, bytes);
    await expect(loadSpamModel({ modelPath: file })).rejects.toMatchObject({ code: 'checksum' });
    await expect(loadSpamModel({ modelPath: path.join(dir, 'user-spam.onnx'), sha256: '0'.repeat(64) })).rejects.toMatchObject({
      code: 'checksum',
    });
  });

  it('refuses an ONNX model that is not a spam model', async () => {
    const bytes = model.toOnnx();
    const decoded = decodeModel(bytes);
    const other = encodeModel({ graph: decoded.graph, opsetVersion: 17, metadata: { 'folio.kind': 'something-else' } });
    await expect(spamModelFromBytes(other)).rejects.toMatchObject({ code: 'incompatible' });
    const wrongSchema = encodeModel({
      graph: decoded.graph,
      opsetVersion: 17,
      metadata: { ...decoded.metadata, 'folio.feature_config': JSON.stringify({ ...model.weights.config, schema: 999 }) },
    });
    await expect(spamModelFromBytes(wrongSchema)).rejects.toMatchObject({ code: 'incompatible' });
  });
});
