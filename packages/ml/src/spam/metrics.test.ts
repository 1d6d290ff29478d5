import { describe, expect, it } from 'vitest';
import {
  LabelParseError,
  calibrationBins,
  confusionAt,
  evaluate,
  parseLabel,
  precisionAtRecall,
  recallAtPrecision,
  rocAuc,
  thresholdSweep,
  type Label,
} from './metrics';

describe('metrics on a hand-computed example', () => {
  // scores sorted: 0.9(1) 0.8(1) 0.7(0) 0.6(1) 0.4(0) 0.3(1) 0.2(0) 0.1(0)
  const labels: Label[] = [1, 1, 0, 1, 0, 1, 0, 0];
  const scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];

  it('counts the confusion matrix at a threshold', () => {
    expect(confusionAt(labels, scores, 0.5)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(confusionAt(labels, scores, 0.6)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 }); // >= threshold
    expect(confusionAt(labels, scores, 0.95)).toEqual({ tp: 0, fp: 0, tn: 4, fn: 4 });
  });

  it('computes precision, recall, f1, accuracy, brier and log loss', () => {
    const m = evaluate(labels, scores, 0.5);
    expect(m.precision).toBeCloseTo(0.75, 12);
    expect(m.recall).toBeCloseTo(0.75, 12);
    expect(m.f1).toBeCloseTo(0.75, 12);
    expect(m.accuracy).toBeCloseTo(0.75, 12);
    expect(m.n).toBe(8);
    expect(m.positives).toBe(4);
    const brier = (0.01 + 0.04 + 0.49 + 0.16 + 0.16 + 0.49 + 0.04 + 0.01) / 8;
    expect(m.brier).toBeCloseTo(brier, 12);
    const ll =
      -(
        Math.log(0.9) +
        Math.log(0.8) +
        Math.log(0.3) +
        Math.log(0.6) +
        Math.log(0.6) +
        Math.log(0.3) +
        Math.log(0.8) +
        Math.log(0.9)
      ) / 8;
    expect(m.logLoss).toBeCloseTo(ll, 12);
  });

  it('computes ROC AUC as pairwise ordering', () => {
    // Pairs (pos, neg) correctly ordered: 0.9>all 4, 0.8>all 4, 0.6>{0.4,0.2,0.1}=3, 0.3>{0.2,0.1}=2 -> 13/16
    expect(rocAuc(labels, scores)).toBeCloseTo(13 / 16, 12);
  });

  it('counts ties as one half in ROC AUC', () => {
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 1, 0, 0], [0.7, 0.5, 0.5, 0.1])).toBeCloseTo((2 + 1 + 0.5) / 4, 12);
    expect(rocAuc([1, 1], [0.1, 0.2])).toBeNull();
  });

  it('sweeps thresholds and finds precision at recall', () => {
    const sweep = thresholdSweep(labels, scores);
    expect(sweep.map((p) => p.threshold)).toEqual(scores);
    expect(sweep[1]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(sweep[3]).toMatchObject({ precision: 0.75, recall: 0.75 });
    const atRecall = precisionAtRecall(labels, scores, 0.75)!;
    expect(atRecall.threshold).toBe(0.6);
    expect(atRecall.precision).toBeCloseTo(0.75, 12);
    const full = precisionAtRecall(labels, scores, 1)!;
    expect(full.precision).toBeCloseTo(4 / 6, 12);
    const atPrecision = recallAtPrecision(labels, scores, 1)!;
    expect(atPrecision.recall).toBe(0.5);
    expect(atPrecision.threshold).toBe(0.8);
  });

  it('sweeps tied scores as one threshold', () => {
    const sweep = thresholdSweep([1, 0, 1], [0.5, 0.5, 0.2]);
    expect(sweep).toHaveLength(2);
    expect(sweep[0]).toMatchObject({ threshold: 0.5, precision: 0.5, recall: 0.5 });
  });

  it('handles degenerate inputs', () => {
    const m = evaluate([], [], 0.5);
    expect(m).toMatchObject({ n: 0, precision: 0, recall: 0, f1: 0, rocAuc: null });
    expect(() => evaluate([1], [0.1, 0.2])).toThrow(RangeError);
    expect(precisionAtRecall([0, 0], [0.1, 0.2], 0.5)).toBeNull();
  });

  it('bins scores for calibration', () => {
    const { bins, ece } = calibrationBins([1, 0, 1, 1], [0.95, 0.05, 0.9, 0.15], 10);
    expect(bins[9]).toMatchObject({ count: 2, fractionPositive: 1 });
    expect(bins[0]).toMatchObject({ count: 1, fractionPositive: 0 });
    // |0.925-1|*2/4 + |0.05-0|/4 + |0.15-1|/4
    expect(ece).toBeCloseTo(0.075 * 0.5 + 0.05 / 4 + 0.85 / 4, 12);
  });
});

describe('parseLabel', () => {
  it('accepts spam/ham, 1/0, true/false in any case', () => {
    for (const v of ['spam', 'SPAM', ' Spam ', '1', '1.0', 'true', 'TRUE', 'yes']) expect(parseLabel(v)).toBe(1);
    for (const v of ['ham', 'Ham', '0', '0.0', 'false', 'False', 'no', 'not spam']) expect(parseLabel(v)).toBe(0);
  });

  it('rejects unknown labels with the line number', () => {
    expect(() => parseLabel('maybe', 17)).toThrow(LabelParseError);
    expect(() => parseLabel('maybe', 17)).toThrow(/^line 17: unknown label "maybe"/);
    expect(() => parseLabel('', 3)).toThrow(/line 3: unknown label ""/);
    expect(() => parseLabel('2')).toThrow(/unknown label "2"/);
  });
});
