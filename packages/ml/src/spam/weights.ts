/**
 * The trained classifier as plain data: raw linear weights over the hashed feature space, Platt
 * calibration, default thresholds and provenance. Both the ONNX export and the TypeScript reference
 * scorer work from this.
 */
import { extractFeatures, type SparseFeatures, type SpamFeatureConfig } from './features';
import { sigmoid, type PlattScaling } from './train';

export interface SpamThresholds {
  /** At or above: treat as spam (hide from the public page, put in the spam folder). */
  spam: number;
  /** At or above (and below `spam`): hold for review. */
  review: number;
}

export interface SpamWeights {
  config: SpamFeatureConfig;
  /** Raw weights, length 2^hashBits; index 0 (padding) is always 0. */
  weights: Float32Array;
  bias: number;
  /** Calibrated logit = platt.a · (w·x + bias) + platt.b. */
  platt: PlattScaling;
  thresholds: SpamThresholds;
  /** Free-form provenance (training data, counts, parent model checksum...). */
  provenance: Record<string, string>;
}

/** Calibrated logit of one feature vector, in float64 (the reference for the ONNX graph). */
export function calibratedLogit(model: SpamWeights, features: SparseFeatures): number {
  let z = model.bias;
  for (let k = 0; k < features.indices.length; k++) z += model.weights[features.indices[k]!]! * features.values[k]!;
  return model.platt.a * z + model.platt.b;
}

/** Reference probability computed in TypeScript. */
export function referenceProbability(model: SpamWeights, text: string): number {
  return sigmoid(calibratedLogit(model, extractFeatures(text, model.config)));
}

/**
 * Fold the calibration into the weights (a·w, a·b + c) so that the plain linear model outputs the
 * calibrated logit. Used as the starting point when fine-tuning on a user's labels.
 */
export function foldCalibration(model: SpamWeights): { weights: Float32Array; bias: number } {
  const { a, b } = model.platt;
  const weights = new Float32Array(model.weights.length);
  for (let j = 0; j < weights.length; j++) weights[j] = a * model.weights[j]!;
  return { weights, bias: a * model.bias + b };
}
