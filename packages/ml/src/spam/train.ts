/**
 * L2-regularised logistic regression on sparse hashed features, trained with L-BFGS (full batch,
 * so results are deterministic: no shuffling, no seeds, the same data gives the same bits), plus
 * Platt scaling for calibrated probabilities.
 *
 * The objective is the weighted mean log loss plus (l2/2)·||w - prior||² (bias penalised with
 * biasL2). A zero prior is ordinary ridge; a base model's weights as prior is the warm-started
 * fine-tuning used for learning from a user's own labels: the model stays near the base except
 * where the user's examples pull it.
 */
import type { SparseFeatures } from './features';
import type { Label } from './metrics';

/** Examples in compressed sparse row form. */
export interface SparseDataset {
  dim: number;
  /** Row i spans indices[indptr[i] .. indptr[i+1]). */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Uint8Array;
  weights: Float32Array;
}

export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

export function buildDataset(
  dim: number,
  rows: readonly SparseFeatures[],
  labels: readonly Label[],
  weights?: readonly number[],
): SparseDataset {
  if (rows.length !== labels.length) throw new RangeError('rows and labels differ in length');
  let nnz = 0;
  for (const r of rows) nnz += r.indices.length;
  const indptr = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let at = 0;
  rows.forEach((r, i) => {
    indices.set(r.indices, at);
    values.set(r.values, at);
    at += r.indices.length;
    indptr[i + 1] = at;
    for (const index of r.indices)
      if (index < 0 || index >= dim) throw new RangeError(`feature index ${index} outside [0, ${dim})`);
  });
  return {
    dim,
    indptr,
    indices,
    values,
    labels: Uint8Array.from(labels),
    weights: Float32Array.from(weights ?? labels.map(() => 1)),
  };
}

/** Concatenate datasets of the same dimension. */
export function concatDatasets(parts: readonly SparseDataset[]): SparseDataset {
  const dim = parts[0]?.dim ?? 0;
  const rows = parts.reduce((s, p) => s + p.labels.length, 0);
  const nnz = parts.reduce((s, p) => s + p.indices.length, 0);
  const out: SparseDataset = {
    dim,
    indptr: new Int32Array(rows + 1),
    indices: new Int32Array(nnz),
    values: new Float32Array(nnz),
    labels: new Uint8Array(rows),
    weights: new Float32Array(rows),
  };
  let row = 0;
  let at = 0;
  for (const p of parts) {
    if (p.dim !== dim) throw new RangeError('datasets differ in dimension');
    out.indices.set(p.indices, at);
    out.values.set(p.values, at);
    out.labels.set(p.labels, row);
    out.weights.set(p.weights, row);
    for (let i = 0; i < p.labels.length; i++) out.indptr[row + i + 1] = at + p.indptr[i + 1]!;
    row += p.labels.length;
    at += p.indices.length;
  }
  return out;
}

/** Rows of a dataset selected by position, as a new dataset. */
export function subsetDataset(d: SparseDataset, rows: readonly number[]): SparseDataset {
  let nnz = 0;
  for (const r of rows) nnz += d.indptr[r + 1]! - d.indptr[r]!;
  const out: SparseDataset = {
    dim: d.dim,
    indptr: new Int32Array(rows.length + 1),
    indices: new Int32Array(nnz),
    values: new Float32Array(nnz),
    labels: new Uint8Array(rows.length),
    weights: new Float32Array(rows.length),
  };
  let at = 0;
  rows.forEach((r, i) => {
    const start = d.indptr[r]!;
    const end = d.indptr[r + 1]!;
    out.indices.set(d.indices.subarray(start, end), at);
    out.values.set(d.values.subarray(start, end), at);
    at += end - start;
    out.indptr[i + 1] = at;
    out.labels[i] = d.labels[r]!;
    out.weights[i] = d.weights[r]!;
  });
  return out;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Raw logits w·x + b for every row. */
export function datasetLogits(d: SparseDataset, model: { weights: ArrayLike<number>; bias: number }): Float64Array {
  const n = d.labels.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.bias;
    for (let k = d.indptr[i]!; k < d.indptr[i + 1]!; k++) z += model.weights[d.indices[k]!]! * d.values[k]!;
    out[i] = z;
  }
  return out;
}

export interface TrainOptions {
  /** Strength of the L2 penalty on the weights (default 1e-4 for mean-loss scaling). */
  l2?: number;
  /** Strength of the penalty on the bias (default 1e-6: nearly free). */
  biasL2?: number;
  /** Centre of the penalty: a base model for warm-started fine-tuning. Also the starting point. */
  prior?: { weights: ArrayLike<number>; bias: number };
  /** Starting point (default: the prior, or zero). Does not change the objective, only the path. */
  init?: { weights: ArrayLike<number>; bias: number };
  maxIterations?: number;
  /** Stop when the gradient norm falls below this relative to its start (default 1e-5). */
  tolerance?: number;
  /** L-BFGS history length (default 10). */
  memory?: number;
  onIteration?: (iteration: number, loss: number) => void;
}

export interface TrainResult extends LinearModel {
  iterations: number;
  loss: number;
  converged: boolean;
}

/**
 * Fit the model. Parameters live in one Float64Array [w_0..w_{dim-1}, b]. Only the coordinates that
 * some row touches, or where the prior is non-zero, can move away from the prior; the rest are
 * skipped in the vector algebra to keep iterations cheap on a 2^18-wide space.
 */
export function trainLogistic(data: SparseDataset, options: TrainOptions = {}): TrainResult {
  const dim = data.dim;
  const l2 = options.l2 ?? 1e-4;
  const biasL2 = options.biasL2 ?? 1e-6;
  const maxIterations = options.maxIterations ?? 300;
  const tolerance = options.tolerance ?? 1e-5;
  const memory = options.memory ?? 10;
  const n = data.labels.length;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += data.weights[i]!;
  if (n === 0 || totalWeight <= 0) throw new RangeError('cannot train on an empty dataset');

  // Active coordinates: those used by some row (others have zero gradient from the loss and sit at the prior).
  const used = new Uint8Array(dim);
  for (let k = 0; k < data.indices.length; k++) used[data.indices[k]!] = 1;
  const activeList: number[] = [];
  for (let j = 0; j < dim; j++) if (used[j]) activeList.push(j);
  const active = Int32Array.from(activeList);
  const m = active.length;
  // Local position of each global index.
  const local = new Int32Array(dim).fill(-1);
  for (let a = 0; a < m; a++) local[active[a]!] = a;
  const localIndices = new Int32Array(data.indices.length);
  for (let k = 0; k < data.indices.length; k++) localIndices[k] = local[data.indices[k]!]!;

  // x = [active weights..., bias]
  const size = m + 1;
  const center = new Float64Array(size);
  if (options.prior) {
    for (let a = 0; a < m; a++) center[a] = options.prior.weights[active[a]!]!;
    center[m] = options.prior.bias;
  }
  const x = Float64Array.from(center);
  if (options.init) {
    for (let a = 0; a < m; a++) x[a] = options.init.weights[active[a]!]!;
    x[m] = options.init.bias;
  }

  const z = new Float64Array(n);
  const evaluate = (params: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const bias = params[m]!;
    for (let i = 0; i < n; i++) {
      let s = bias;
      const end = data.indptr[i + 1]!;
      for (let k = data.indptr[i]!; k < end; k++) s += params[localIndices[k]!]! * data.values[k]!;
      z[i] = s;
      const y = data.labels[i]!;
      const w = data.weights[i]! / totalWeight;
      // log(1 + exp(-yz')) with y' = ±1, computed stably.
      const margin = y === 1 ? s : -s;
      loss += w * (margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin)));
      const g = w * (sigmoid(s) - y);
      if (g !== 0) {
        for (let k = data.indptr[i]!; k < end; k++) grad[localIndices[k]!]! += g * data.values[k]!;
        grad[m]! += g;
      }
    }
    for (let a = 0; a < m; a++) {
      const d = params[a]! - center[a]!;
      loss += 0.5 * l2 * d * d;
      grad[a]! += l2 * d;
    }
    const db = params[m]! - center[m]!;
    loss += 0.5 * biasL2 * db * db;
    grad[m]! += biasL2 * db;
    return loss;
  };

  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < size; i++) s += a[i]! * b[i]!;
    return s;
  };

  let grad = new Float64Array(size);
  let loss = evaluate(x, grad);
  const g0 = Math.sqrt(dot(grad, grad));
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const direction = new Float64Array(size);
  const alpha = new Float64Array(memory);
  const trial = new Float64Array(size);
  let trialGrad = new Float64Array(size);
  let iterations = 0;
  let converged = g0 === 0;

  while (!converged && iterations < maxIterations) {
    // Two-loop recursion: direction = -H·grad.
    for (let i = 0; i < size; i++) direction[i] = -grad[i]!;
    for (let h = sHist.length - 1; h >= 0; h--) {
      alpha[h] = rhoHist[h]! * dot(sHist[h]!, direction);
      const yh = yHist[h]!;
      const a = alpha[h]!;
      for (let i = 0; i < size; i++) direction[i]! -= a * yh[i]!;
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = dot(sHist[last]!, yHist[last]!) / dot(yHist[last]!, yHist[last]!);
      for (let i = 0; i < size; i++) direction[i]! *= gamma;
    } else {
      const gnorm = Math.sqrt(dot(grad, grad));
      for (let i = 0; i < size; i++) direction[i]! /= Math.max(1, gnorm);
    }
    for (let h = 0; h < sHist.length; h++) {
      const beta = rhoHist[h]! * dot(yHist[h]!, direction);
      const sh = sHist[h]!;
      const c = alpha[h]! - beta;
      for (let i = 0; i < size; i++) direction[i]! += c * sh[i]!;
    }
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -grad[i]!;
      slope = dot(grad, direction);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    let trialLoss = Infinity;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) trial[i] = x[i]! + step * direction[i]!;
      trialLoss = evaluate(trial, trialGrad);
      if (trialLoss <= loss + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = trial[i]! - x[i]!;
      y[i] = trialGrad[i]! - grad[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    x.set(trial);
    const previousLoss = loss;
    loss = trialLoss;
    const swap = grad;
    grad = trialGrad;
    trialGrad = swap;
    options.onIteration?.(iterations, loss);
    const gnorm = Math.sqrt(dot(grad, grad));
    if (gnorm <= tolerance * Math.max(1, g0) || Math.abs(previousLoss - loss) <= 1e-12 * Math.max(1, Math.abs(loss))) {
      converged = true;
    }
  }

  const weights = new Float32Array(dim);
  if (options.prior) for (let j = 0; j < dim; j++) weights[j] = options.prior.weights[j]!;
  for (let a = 0; a < m; a++) weights[active[a]!] = x[a]!;
  return { weights, bias: x[m]!, iterations, loss, converged };
}

export interface PlattScaling {
  /** Calibrated logit = a · rawLogit + b. */
  a: number;
  b: number;
}

/**
 * Platt scaling fitted by Newton's method on (logit, label) pairs, with Platt's smoothed targets
 * (N+ + 1)/(N+ + 2) and 1/(N- + 2) so a separable calibration set does not blow the slope up.
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>, weights?: ArrayLike<number>): PlattScaling {
  const n = logits.length;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    if (labels[i] === 1) pos += w;
    else neg += w;
  }
  if (pos === 0 || neg === 0) return { a: 1, b: 0 };
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-12;
    let h01 = 0;
    let h11 = 1e-12;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const t = labels[i] === 1 ? hi : lo;
      const f = logits[i]!;
      const p = sigmoid(a * f + b);
      const d = w * (p - t);
      g0 += d * f;
      g1 += d;
      const q = w * p * (1 - p);
      h00 += q * f * f;
      h01 += q * f;
      h11 += q;
    }
    const det = h00 * h11 - h01 * h01;
    if (Math.abs(det) < 1e-18) break;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    // Damped step: halve until the loss does not increase.
    const lossAt = (aa: number, bb: number) => {
      let l = 0;
      for (let i = 0; i < n; i++) {
        const w = weights ? weights[i]! : 1;
        const t = labels[i] === 1 ? hi : lo;
        const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(aa * logits[i]! + bb)));
        l -= w * (t * Math.log(p) + (1 - t) * Math.log(1 - p));
      }
      return l;
    };
    const current = lossAt(a, b);
    let step = 1;
    while (step > 1e-6 && lossAt(a - step * da, b - step * db) > current) step /= 2;
    a -= step * da;
    b -= step * db;
    if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) break;
  }
  return { a, b };
}

/** Indices of k stratified folds, deterministic given the order of the labels. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) folds[p++ % k]!.push(i);
    else folds[q++ % k]!.push(i);
  }
  return folds;
}
