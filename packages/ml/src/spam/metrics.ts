/**
 * Binary classification metrics for the spam classifier and the `folio comments eval` command.
 * Label 1 = spam (positive), 0 = ham. Scores are probabilities (or any monotone score for AUC).
 *
 * Conventions: a prediction is positive when score >= threshold. Precision and recall are 0 when
 * their denominator is 0 (nothing predicted / no positives); rocAuc is null when only one class is
 * present, since it is undefined there.
 */

export type Label = 0 | 1;

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Metrics {
  n: number;
  positives: number;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Area under the ROC curve with ties counted half; null when only one class is present. */
  rocAuc: number | null;
  /** Mean squared error of the probabilities (lower is better calibrated). */
  brier: number;
  /** Mean log loss (probabilities clipped to [1e-7, 1-1e-7]). */
  logLoss: number;
  confusion: Confusion;
}

function check(labels: readonly number[], scores: readonly number[]): void {
  if (labels.length !== scores.length) {
    throw new RangeError(`labels (${labels.length}) and scores (${scores.length}) differ in length`);
  }
}

export function confusionAt(labels: readonly Label[], scores: readonly number[], threshold = 0.5): Confusion {
  check(labels, scores);
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (predicted) c.tp++;
      else c.fn++;
    } else if (predicted) c.fp++;
    else c.tn++;
  }
  return c;
}

export function precisionOf(c: Confusion): number {
  return c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
}
export function recallOf(c: Confusion): number {
  return c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
}
export function f1Of(c: Confusion): number {
  const p = precisionOf(c);
  const r = recallOf(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/**
 * ROC AUC as the Mann-Whitney statistic: the probability that a random spam scores above a random
 * ham, ties counting one half. O(n log n).
 */
export function rocAuc(labels: readonly Label[], scores: readonly number[]): number | null {
  check(labels, scores);
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const averageRank = (i + j) / 2 + 1; // 1-based ranks, ties get their average
    for (let k = i; k <= j; k++) {
      if (labels[order[k]![1]] === 1) {
        pos++;
        rankSumPos += averageRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function evaluate(labels: readonly Label[], scores: readonly number[], threshold = 0.5): Metrics {
  check(labels, scores);
  const confusion = confusionAt(labels, scores, threshold);
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]!));
    const y = labels[i]!;
    brier += (p - y) ** 2;
    logLoss -= y === 1 ? Math.log(p) : Math.log(1 - p);
  }
  const n = labels.length;
  return {
    n,
    positives: confusion.tp + confusion.fn,
    threshold,
    precision: precisionOf(confusion),
    recall: recallOf(confusion),
    f1: f1Of(confusion),
    accuracy: n === 0 ? 0 : (confusion.tp + confusion.tn) / n,
    rocAuc: rocAuc(labels, scores),
    brier: n === 0 ? 0 : brier / n,
    logLoss: n === 0 ? 0 : logLoss / n,
    confusion,
  };
}

export interface SweepPoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  confusion: Confusion;
}

/** Precision/recall at every distinct score used as threshold, from the highest threshold down. */
export function thresholdSweep(labels: readonly Label[], scores: readonly number[]): SweepPoint[] {
  check(labels, scores);
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => b[0] - a[0]);
  const positives = labels.reduce<number>((s, y) => s + y, 0);
  const negatives = labels.length - positives;
  const points: SweepPoint[] = [];
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < order.length) {
    const threshold = order[i]![0];
    while (i < order.length && order[i]![0] === threshold) {
      if (order[i]![1] === 1) tp++;
      else fp++;
      i++;
    }
    const confusion = { tp, fp, tn: negatives - fp, fn: positives - tp };
    points.push({ threshold, precision: precisionOf(confusion), recall: recallOf(confusion), f1: f1Of(confusion), confusion });
  }
  return points;
}

/**
 * The best precision reachable with recall >= minRecall, and the highest threshold achieving it.
 * Returns null when no threshold reaches the recall (e.g. no positives).
 */
export function precisionAtRecall(labels: readonly Label[], scores: readonly number[], minRecall: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const p of thresholdSweep(labels, scores)) {
    if (p.recall + 1e-12 < minRecall) continue;
    if (!best || p.precision > best.precision) best = p;
  }
  return best;
}

/** The best recall reachable with precision >= minPrecision (the lowest such threshold). */
export function recallAtPrecision(labels: readonly Label[], scores: readonly number[], minPrecision: number): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const p of thresholdSweep(labels, scores)) {
    if (p.precision + 1e-12 < minPrecision) continue;
    if (!best || p.recall > best.recall) best = p;
  }
  return best;
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanScore: number;
  fractionPositive: number;
}

/** Reliability diagram bins and the expected calibration error (count-weighted |score - rate|). */
export function calibrationBins(
  labels: readonly Label[],
  scores: readonly number[],
  bins = 10,
): { bins: CalibrationBin[]; ece: number } {
  check(labels, scores);
  const out: CalibrationBin[] = Array.from({ length: bins }, (_, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: 0,
    meanScore: 0,
    fractionPositive: 0,
  }));
  for (let i = 0; i < labels.length; i++) {
    const s = Math.min(1, Math.max(0, scores[i]!));
    const bin = out[Math.min(bins - 1, Math.floor(s * bins))]!;
    bin.count++;
    bin.meanScore += s;
    bin.fractionPositive += labels[i]!;
  }
  let ece = 0;
  for (const bin of out) {
    if (bin.count === 0) continue;
    bin.meanScore /= bin.count;
    bin.fractionPositive /= bin.count;
    ece += (bin.count / Math.max(1, labels.length)) * Math.abs(bin.meanScore - bin.fractionPositive);
  }
  return { bins: out, ece };
}

export class LabelParseError extends Error {
  override readonly name = 'LabelParseError';
  constructor(
    readonly value: string,
    readonly line: number | undefined,
  ) {
    super(
      `${line !== undefined ? `line ${line}: ` : ''}unknown label ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` +
        ' (expected spam/ham, 1/0, true/false, yes/no)',
    );
  }
}

const SPAM_LABELS = new Set(['spam', '1', 'true', 'yes', 'y', 't', 'junk', 'positive', 'pos']);
const HAM_LABELS = new Set(['ham', '0', 'false', 'no', 'n', 'f', 'not spam', 'notspam', 'not_spam', 'legit', 'negative', 'neg']);

/** Parse a label cell: spam/ham, 1/0 (also 1.0/0.0), true/false, yes/no, case-insensitive. */
export function parseLabel(raw: string, line?: number): Label {
  const v = raw.trim().toLowerCase().replace(/^"|"$/g, '');
  if (SPAM_LABELS.has(v)) return 1;
  if (HAM_LABELS.has(v)) return 0;
  if (/^[01]\.0+$/.test(v)) return v.startsWith('1') ? 1 : 0;
  throw new LabelParseError(raw, line);
}
