/**
 * Learning from the user's own decisions: every approve/spam click is a label. Retraining fine-tunes
 * the base model's (calibrated) weights on those labels with a Gaussian prior centred on the base
 * weights (MAP estimation), so a few dozen labels move the model where they disagree with it and
 * leave it alone elsewhere. No base training data is needed at run time.
 *
 * Before/after figures are honest: the base model and the fine-tuned model are compared on labels the
 * fine-tuned model did not see, by stratified k-fold when there are few labels (pooled out-of-fold
 * predictions) and by a 25% hash-chosen hold-out when there are many.
 */
import { extractFeatures } from './features';
import { murmur3 } from './hash';
import { evaluate, type Label, type Metrics } from './metrics';
import { buildDataset, datasetLogits, sigmoid, stratifiedFolds, subsetDataset, trainLogistic, type SparseDataset } from './train';
import { foldCalibration, type SpamWeights } from './weights';

export interface UserLabel {
  text: string;
  label: Label;
}

export interface RetrainOptions {
  /**
   * Strength of the pull back towards the base model, as a Gaussian prior precision on the weights
   * (the penalty is priorStrength/2 · ||w - w_base||² against the summed log loss of the labels).
   * Smaller = learn faster from few labels. Default 0.02 (chosen on an email-only base fine-tuned with
   * 24-100 comment labels: lower strengths ranked held-out comments better, 0.02 kept log loss low too).
   */
  priorStrength?: number;
  /** Threshold used for precision/recall/f1 in the before/after figures (default: the base model's spam threshold). */
  threshold?: number;
  /** Folds for the before/after estimate when labels are few (default 5). */
  folds?: number;
  /** From this many distinct labels on, evaluate on a 25% hold-out instead of k-fold (default 200). */
  holdoutFrom?: number;
  /** Extra provenance to record in the new model (e.g. the parent model's checksum). */
  provenance?: Record<string, string>;
}

export interface RetrainEvaluation {
  /** 'k-fold' and 'holdout' are out-of-sample; 'in-sample' (fewer than 2 labels of a class) is optimistic. */
  method: 'k-fold' | 'holdout' | 'in-sample';
  folds: number;
  /** Labels the before/after figures were computed on. */
  evaluated: number;
}

export interface RetrainResult {
  weights: SpamWeights;
  before: Metrics;
  after: Metrics;
  evaluation: RetrainEvaluation;
  labels: {
    received: number;
    /** Distinct texts used for training. */
    used: number;
    duplicates: number;
    /** Texts labelled both ways; the last label given wins. */
    conflicts: number;
  };
  iterations: number;
  elapsedMs: number;
}

export const DEFAULT_PRIOR_STRENGTH = 0.02;

/** Collapse duplicate texts (last label wins) and validate labels. */
export function dedupeLabels(labels: readonly UserLabel[]): { unique: UserLabel[]; duplicates: number; conflicts: number } {
  const byText = new Map<string, UserLabel>();
  let duplicates = 0;
  let conflicts = 0;
  labels.forEach((l, i) => {
    if (l.label !== 0 && l.label !== 1) throw new RangeError(`label ${i} is ${JSON.stringify(l.label)}, expected 0 or 1`);
    const text = typeof l.text === 'string' ? l.text : String(l.text ?? '');
    const key = text.trim();
    const previous = byText.get(key);
    if (previous) {
      duplicates++;
      if (previous.label !== l.label) conflicts++;
      byText.delete(key); // re-insert so the order reflects the latest decision
    }
    byText.set(key, { text, label: l.label });
  });
  return { unique: [...byText.values()], duplicates, conflicts };
}

function fineTune(start: { weights: Float32Array; bias: number }, data: SparseDataset, priorStrength: number) {
  let total = 0;
  for (let i = 0; i < data.weights.length; i++) total += data.weights[i]!;
  // trainLogistic minimises the *mean* loss; dividing the prior by the label count turns that into
  // summed loss + fixed prior, so more labels mean more trust in the labels.
  const l2 = priorStrength / Math.max(1, total);
  return trainLogistic(data, { l2, biasL2: l2, prior: start, maxIterations: 200, tolerance: 1e-6 });
}

/** Fine-tune `base` on user labels (pure and synchronous; see `retrainInWorker` for the threaded version). */
export function retrainWeights(base: SpamWeights, labels: readonly UserLabel[], options: RetrainOptions = {}): RetrainResult {
  const started = performance.now();
  const priorStrength = options.priorStrength ?? DEFAULT_PRIOR_STRENGTH;
  const threshold = options.threshold ?? base.thresholds.spam;
  const { unique, duplicates, conflicts } = dedupeLabels(labels);
  if (unique.length === 0) throw new RangeError('retraining needs at least one labelled comment');

  const start = foldCalibration(base);
  const dim = 2 ** base.config.hashBits;
  // Deterministic order independent of how the caller listed the labels.
  const ordered = unique
    .map((l) => ({ ...l, h: murmur3(l.text) }))
    .sort((a, b) => a.h - b.h || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const data = buildDataset(
    dim,
    ordered.map((l) => extractFeatures(l.text, base.config)),
    ordered.map((l) => l.label),
  );
  const y = Array.from(data.labels) as Label[];
  const positives = y.filter((v) => v === 1).length;
  const negatives = y.length - positives;
  const baseProbabilities = Array.from(datasetLogits(data, start), sigmoid);

  let evaluation: RetrainEvaluation;
  let evalRows: number[];
  const afterProbabilities = new Float64Array(y.length);
  const holdoutFrom = options.holdoutFrom ?? 200;
  if (y.length >= holdoutFrom && positives >= 4 && negatives >= 4) {
    const heldOut = ordered.map((l, i) => [l.h % 100 < 25, i] as const);
    evalRows = heldOut.filter(([h]) => h).map(([, i]) => i);
    const trainRows = heldOut.filter(([h]) => !h).map(([, i]) => i);
    const model = fineTune(start, subsetDataset(data, trainRows), priorStrength);
    const logits = datasetLogits(subsetDataset(data, evalRows), model);
    evalRows.forEach((row, i) => (afterProbabilities[row] = sigmoid(logits[i]!)));
    evaluation = { method: 'holdout', folds: 1, evaluated: evalRows.length };
  } else {
    const k = Math.min(options.folds ?? 5, positives, negatives);
    if (k >= 2) {
      evalRows = y.map((_, i) => i);
      for (const fold of stratifiedFolds(data.labels, k)) {
        const inFold = new Set(fold);
        const model = fineTune(
          start,
          subsetDataset(
            data,
            evalRows.filter((i) => !inFold.has(i)),
          ),
          priorStrength,
        );
        const logits = datasetLogits(subsetDataset(data, fold), model);
        fold.forEach((row, i) => (afterProbabilities[row] = sigmoid(logits[i]!)));
      }
      evaluation = { method: 'k-fold', folds: k, evaluated: y.length };
    } else {
      evalRows = [];
      evaluation = { method: 'in-sample', folds: 0, evaluated: y.length };
    }
  }

  const final = fineTune(start, data, priorStrength);
  if (evaluation.method === 'in-sample') {
    evalRows = y.map((_, i) => i);
    datasetLogits(data, final).forEach((z, i) => (afterProbabilities[i] = sigmoid(z)));
  }
  const evalLabels = evalRows.map((i) => y[i]!);
  const before = evaluate(
    evalLabels,
    evalRows.map((i) => baseProbabilities[i]!),
    threshold,
  );
  const after = evaluate(
    evalLabels,
    evalRows.map((i) => afterProbabilities[i]!),
    threshold,
  );

  const weights: SpamWeights = {
    config: base.config,
    weights: final.weights,
    bias: Math.fround(final.bias),
    platt: { a: 1, b: 0 },
    thresholds: { ...base.thresholds },
    provenance: {
      ...base.provenance,
      ...options.provenance,
      retrainedOn: `${unique.length} user labels (${positives} spam, ${negatives} ham)`,
      priorStrength: String(priorStrength),
    },
  };
  return {
    weights,
    before,
    after,
    evaluation,
    labels: { received: labels.length, used: unique.length, duplicates, conflicts },
    iterations: final.iterations,
    elapsedMs: Math.round(performance.now() - started),
  };
}
