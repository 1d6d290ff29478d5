/**
 * Training the shipped base model: SpamAssassin (as email-domain examples) plus the train part of the
 * hand-written comment set (comment domain, weighted up), then Platt scaling fitted on out-of-fold
 * logits of the comments, so the probabilities are calibrated for comments rather than for email.
 */
import type { CorpusExample } from './data';
import { DEFAULT_FEATURE_CONFIG, extractFeatures, type SpamFeatureConfig, type TextDomain } from './features';
import { evaluate, precisionAtRecall, recallAtPrecision, type Label, type Metrics } from './metrics';
import {
  buildDataset,
  concatDatasets,
  datasetLogits,
  fitPlatt,
  sigmoid,
  stratifiedFolds,
  subsetDataset,
  trainLogistic,
  type PlattScaling,
  type SparseDataset,
} from './train';
import type { SpamThresholds, SpamWeights } from './weights';

export interface BaseTrainingOptions {
  config?: SpamFeatureConfig;
  /** Total weight of the comment examples relative to the total weight of the emails (default 1). */
  commentShare?: number;
  /** L2 strength (default 3e-5). */
  l2?: number;
  /** Folds for the out-of-fold calibration logits (default 3). */
  folds?: number;
  /** Target precision used to pick the default spam threshold (default 0.97). */
  targetPrecision?: number;
  onProgress?: (message: string) => void;
}

export interface BaseTrainingReport {
  emails: number;
  comments: number;
  iterations: number;
  converged: boolean;
  platt: PlattScaling;
  thresholds: SpamThresholds;
  /** Out-of-fold metrics on the comment training examples (calibrated, at the spam threshold). */
  commentsOutOfFold: Metrics;
  timings: Record<string, number>;
}

export const DEFAULT_BASE_TRAINING = {
  commentShare: 1,
  l2: 3e-5,
  folds: 3,
  targetPrecision: 0.97,
} as const;

function featurize(
  examples: readonly CorpusExample[],
  domain: TextDomain,
  config: SpamFeatureConfig,
  weight: number,
): SparseDataset {
  return buildDataset(
    2 ** config.hashBits,
    examples.map((e) => extractFeatures(e.text, config, { domain })),
    examples.map((e) => e.label),
    examples.map(() => weight),
  );
}

export function trainBaseModel(
  emails: readonly CorpusExample[],
  comments: readonly CorpusExample[],
  options: BaseTrainingOptions = {},
): { model: SpamWeights; report: BaseTrainingReport } {
  const config = options.config ?? DEFAULT_FEATURE_CONFIG;
  const commentShare = options.commentShare ?? DEFAULT_BASE_TRAINING.commentShare;
  const l2 = options.l2 ?? DEFAULT_BASE_TRAINING.l2;
  const k = options.folds ?? DEFAULT_BASE_TRAINING.folds;
  const targetPrecision = options.targetPrecision ?? DEFAULT_BASE_TRAINING.targetPrecision;
  const log = options.onProgress ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  const commentWeight = comments.length > 0 ? (commentShare * Math.max(1, emails.length)) / comments.length : 1;
  const emailData = featurize(emails, 'email', config, 1);
  const commentData = featurize(comments, 'comment', config, commentWeight);
  lap('featuresMs');
  log(`features: ${emails.length} emails, ${comments.length} comments (weight ${commentWeight.toFixed(2)} each)`);

  const full = trainLogistic(concatDatasets([emailData, commentData]), { l2 });
  lap('trainMs');
  log(`trained in ${full.iterations} iterations (converged: ${full.converged}, loss ${full.loss.toFixed(5)})`);

  // Out-of-fold logits for the comments; each fold starts from the full model to converge quickly.
  const commentLabels = Array.from(commentData.labels) as Label[];
  const oof = new Float64Array(comments.length);
  if (comments.length >= 2 * k && commentLabels.some((y) => y === 1) && commentLabels.some((y) => y === 0)) {
    const folds = stratifiedFolds(commentData.labels, k);
    folds.forEach((fold, f) => {
      const inFold = new Set(fold);
      const trainRows = commentLabels.map((_, i) => i).filter((i) => !inFold.has(i));
      const model = trainLogistic(concatDatasets([emailData, subsetDataset(commentData, trainRows)]), {
        l2,
        init: { weights: full.weights, bias: full.bias },
        // Calibration needs logits, not the last digit of the optimum: stop earlier than the full fit.
        tolerance: 1e-4,
        maxIterations: 40,
      });
      const logits = datasetLogits(subsetDataset(commentData, fold), model);
      fold.forEach((row, i) => (oof[row] = logits[i]!));
      log(`calibration fold ${f + 1}/${k}: ${model.iterations} iterations`);
    });
  } else {
    oof.set(datasetLogits(commentData, full));
  }
  lap('calibrationMs');
  const platt = fitPlatt(oof, commentLabels);
  const calibrated = Array.from(oof, (z) => sigmoid(platt.a * z + platt.b));
  const atPrecision = recallAtPrecision(commentLabels, calibrated, targetPrecision);
  // Spam threshold: the lowest that kept the target precision out of fold, never below 0.5.
  const spam = Math.min(0.95, Math.max(0.5, atPrecision?.threshold ?? 0.5));
  const atRecall = precisionAtRecall(commentLabels, calibrated, 0.97);
  const review = Math.min(spam, Math.max(0.1, Math.min(0.4, atRecall?.threshold ?? 0.3)));
  const thresholds = { spam: round(spam), review: round(review) };

  return {
    model: {
      config,
      weights: full.weights,
      bias: full.bias,
      platt,
      thresholds,
      provenance: {
        data: `spamassassin(${emails.length}) + comment sets train split(${comments.length})`,
        commentShare: String(commentShare),
        l2: String(l2),
      },
    },
    report: {
      emails: emails.length,
      comments: comments.length,
      iterations: full.iterations,
      converged: full.converged,
      platt,
      thresholds,
      commentsOutOfFold: evaluate(commentLabels, calibrated, thresholds.spam),
      timings,
    },
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
