// @folio/ml public API. Model file locations are always passed in by the caller.

// ONNX model writer/reader used by the in-project model builds.
export * from './onnx/index';

// Sentence embedder (SIF-weighted GloVe + character n-grams), in-thread or in worker threads.
export * from './embed/index';

// Comment-spam classifier (packages/ml/src/spam): features, metrics, ONNX model, retraining.
export {
  loadSpamModel,
  createSpamModel,
  spamModelFromBytes,
  saveSpamModel,
  manifestPathFor,
  explainWithWeights,
} from './spam/model';
export type {
  SpamModel,
  SpamModelInfo,
  SpamExplanation,
  ExplainedFeature,
  SpamManifest,
  LoadSpamModelOptions,
} from './spam/model';
export { SpamModelError } from './spam/onnx-graph';
export { retrain, retrainInWorker, defaultRetrainWorkerUrl } from './spam/retrain-thread';
export type { RetrainOutcome, RetrainThreadOptions } from './spam/retrain-thread';
export { retrainWeights, dedupeLabels, DEFAULT_PRIOR_STRENGTH } from './spam/retrain';
export type { UserLabel, RetrainOptions, RetrainResult, RetrainEvaluation } from './spam/retrain';
export { createNeighbourIndex } from './spam/neighbours';
export type { NeighbourIndex, LabelledComment, Neighbour } from './spam/neighbours';
export {
  evaluate as evaluateSpamScores,
  parseLabel as parseSpamLabel,
  LabelParseError,
  precisionAtRecall,
  recallAtPrecision,
  rocAuc,
  thresholdSweep,
  calibrationBins,
  confusionAt,
} from './spam/metrics';
export type { Metrics as SpamMetrics, Confusion, SweepPoint, Label as SpamLabel } from './spam/metrics';
export { evaluateLabelledComments } from './spam/eval';
export type { CommentEvalReport, CommentEvalInput } from './spam/eval';
export {
  extractFeatures as extractSpamFeatures,
  featureLabel as spamFeatureLabel,
  DEFAULT_FEATURE_CONFIG as DEFAULT_SPAM_FEATURE_CONFIG,
} from './spam/features';
export type { SpamWeights, SpamThresholds } from './spam/weights';
