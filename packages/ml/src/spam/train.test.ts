import { describe, expect, it } from 'vitest';
import { mulberry32, seededShuffle } from './hash';
import {
  buildDataset,
  concatDatasets,
  datasetLogits,
  fitPlatt,
  sigmoid,
  stratifiedFolds,
  subsetDataset,
  trainLogistic,
} from './train';

/** Synthetic sparse data: 40 features, the first 5 carry signal with known signs. */
function synthetic(n: number, seed: number) {
  const rand = mulberry32(seed);
  const trueW = [2, -2, 1.5, -1.5, 1];
  const rows = [];
  const labels: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const idx = new Set<number>();
    while (idx.size < 6) idx.add(1 + Math.floor(rand() * 40));
    const indices = Int32Array.from([...idx].sort((a, b) => a - b));
    const values = Float32Array.from(indices, () => 0.5 + rand());
    let z = -0.2;
    indices.forEach((j, k) => (z += (trueW[j - 1] ?? 0) * values[k]!));
    labels.push(rand() < sigmoid(z) ? 1 : 0);
    rows.push({ indices, values });
  }
  return { rows, labels };
}

describe('trainLogistic', () => {
  const { rows, labels } = synthetic(2000, 7);
  const data = buildDataset(64, rows, labels);

  it('is deterministic to the bit', () => {
    const a = trainLogistic(data, { l2: 1e-3 });
    const b = trainLogistic(data, { l2: 1e-3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
    expect(a.converged).toBe(true);
  });

  it('recovers the signs and rough size of the true weights', () => {
    const m = trainLogistic(data, { l2: 1e-4 });
    expect(m.weights[1]!).toBeGreaterThan(1.2);
    expect(m.weights[2]!).toBeLessThan(-1.2);
    expect(m.weights[3]!).toBeGreaterThan(0.8);
    expect(m.weights[4]!).toBeLessThan(-0.8);
    for (let j = 6; j <= 40; j++) expect(Math.abs(m.weights[j]!)).toBeLessThan(0.35);
    expect(m.weights[0]).toBe(0);
  });

  it('reaches a stationary point of the regularised objective', () => {
    const l2 = 1e-3;
    const m = trainLogistic(data, { l2, tolerance: 1e-8 });
    // Gradient of mean log loss + l2 penalty at the solution, feature 1.
    const z = datasetLogits(data, m);
    let g = 0;
    for (let i = 0; i < labels.length; i++) {
      for (let k = data.indptr[i]!; k < data.indptr[i + 1]!; k++) {
        if (data.indices[k] === 1) g += (sigmoid(z[i]!) - labels[i]!) * data.values[k]!;
      }
    }
    g = g / labels.length + l2 * m.weights[1]!;
    expect(Math.abs(g)).toBeLessThan(1e-4);
  });

  it('stays at the prior when the penalty dominates, and moves with the data when it does not', () => {
    const prior = { weights: new Float32Array(64).fill(0.7), bias: 0.3 };
    const stiff = trainLogistic(data, { l2: 1e3, biasL2: 1e3, prior });
    expect(stiff.weights[1]!).toBeCloseTo(0.7, 2);
    expect(stiff.weights[50]!).toBeCloseTo(0.7, 6); // untouched coordinate keeps the prior exactly
    const loose = trainLogistic(data, { l2: 1e-4, prior });
    expect(loose.weights[2]!).toBeLessThan(-1);
  });

  it('respects example weights', () => {
    const rowsA = [{ indices: Int32Array.from([1]), values: Float32Array.from([1]) }];
    const one = buildDataset(4, [...rowsA, ...rowsA], [1, 0], [3, 1]);
    const m = trainLogistic(one, { l2: 1e-6, biasL2: 1e6 });
    // weighted MLE: sigmoid(w) = 3/4
    expect(sigmoid(m.weights[1]!)).toBeCloseTo(0.75, 2);
  });

  it('rejects empty data and out-of-range indices', () => {
    expect(() => trainLogistic(buildDataset(4, [], []))).toThrow(/empty/);
    expect(() => buildDataset(4, [{ indices: Int32Array.from([9]), values: Float32Array.from([1]) }], [1])).toThrow(RangeError);
  });

  it('splits and joins datasets consistently', () => {
    const a = subsetDataset(data, [0, 1, 2]);
    const b = subsetDataset(data, [3, 4]);
    const joined = concatDatasets([a, b]);
    expect(Array.from(joined.labels)).toEqual(labels.slice(0, 5));
    expect(Array.from(datasetLogits(joined, { weights: new Float32Array(64).fill(1), bias: 0 }))).toEqual(
      Array.from(datasetLogits(subsetDataset(data, [0, 1, 2, 3, 4]), { weights: new Float32Array(64).fill(1), bias: 0 })),
    );
  });
});

describe('fitPlatt', () => {
  it('recovers a known logistic mapping', () => {
    const rand = mulberry32(3);
    const logits: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const z = (rand() - 0.5) * 8;
      logits.push(z);
      labels.push(rand() < sigmoid(2 * z - 1) ? 1 : 0);
    }
    const { a, b } = fitPlatt(logits, labels);
    expect(a).toBeCloseTo(2, 0);
    expect(Math.abs(a - 2)).toBeLessThan(0.15);
    expect(Math.abs(b + 1)).toBeLessThan(0.15);
  });

  it('stays finite on separable data and is identity with one class', () => {
    const p = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(p.a) && Number.isFinite(p.b)).toBe(true);
    expect(p.a).toBeGreaterThan(0);
    expect(sigmoid(p.a * 3 + p.b)).toBeLessThan(1);
    expect(fitPlatt([1, 2], [1, 1])).toEqual({ a: 1, b: 0 });
  });
});

describe('stratifiedFolds and seededShuffle', () => {
  it('balances classes across folds', () => {
    const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const folds = stratifiedFolds(labels, 2);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    for (const f of folds) expect(f.filter((i) => labels[i] === 1).length).toBe(2);
  });

  it('shuffles deterministically', () => {
    expect(seededShuffle([1, 2, 3, 4, 5], 1)).toEqual(seededShuffle([1, 2, 3, 4, 5], 1));
    expect(seededShuffle([1, 2, 3, 4, 5], 1).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
