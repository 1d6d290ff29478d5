/**
 * The spam classifier as an ONNX graph, written with Folio's own encoder (packages/ml/src/onnx).
 *
 *   indices int64 [batch, width]   feature indices, padded with 0
 *   values  float [batch, width]   feature values, padded with 0 (index 0 is the padding slot)
 *
 *   gathered = Gather(weights, indices)          [batch, width]
 *   raw      = ReduceSum(gathered * values, 1) + bias
 *   logit    = platt_a * raw + platt_b          (Platt calibration, part of the graph)
 *   probability = Sigmoid(logit)                [batch]
 *
 * The feature configuration, thresholds and provenance travel in metadata_props, so the .onnx file
 * alone is enough to score and explain (the sidecar manifest only adds a checksum and figures).
 */
import { GraphBuilder, decodeModel, encodeModel, type Tensor } from '../onnx';
import { FEATURE_SCHEMA_VERSION, type SpamFeatureConfig } from './features';
import type { SpamWeights } from './weights';

export const SPAM_MODEL_KIND = 'folio-spam-classifier';
export const SPAM_OPSET = 17;

export class SpamModelError extends Error {
  override readonly name = 'SpamModelError';
  constructor(
    readonly code: 'missing' | 'corrupt' | 'incompatible' | 'checksum' | 'runtime',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function spamWeightsToOnnx(model: SpamWeights): Uint8Array {
  const size = 2 ** model.config.hashBits;
  if (model.weights.length !== size) {
    throw new RangeError(`weights have ${model.weights.length} entries, feature space has ${size}`);
  }
  const weights = Float32Array.from(model.weights);
  weights[0] = 0; // the padding slot must contribute nothing whatever its value
  const g = new GraphBuilder('folio_spam', 'Hashed sparse logistic regression with Platt calibration.');
  g.input('indices', 'int64', ['batch', 'width']);
  g.input('values', 'float32', ['batch', 'width']);
  g.initializer('weights', 'float32', [size], weights);
  g.initializer('bias', 'float32', [], [model.bias]);
  g.initializer('platt_a', 'float32', [], [model.platt.a]);
  g.initializer('platt_b', 'float32', [], [model.platt.b]);
  g.initializer('sum_axes', 'int64', [1], [1]);
  g.node('Gather', ['weights', 'indices'], ['gathered'], { axis: 0 });
  g.node('Mul', ['gathered', 'values'], ['contributions']);
  g.node('ReduceSum', ['contributions', 'sum_axes'], ['dot'], { keepdims: 0 });
  g.node('Add', ['dot', 'bias'], ['raw_logit']);
  g.node('Mul', ['raw_logit', 'platt_a'], ['scaled_logit']);
  g.node('Add', ['scaled_logit', 'platt_b'], ['logit']);
  g.node('Sigmoid', ['logit'], ['probability']);
  g.output('probability', 'float32', ['batch']);
  g.output('logit', 'float32', ['batch']);
  return encodeModel({
    graph: g.build(),
    opsetVersion: SPAM_OPSET,
    irVersion: 8,
    producerName: 'folio',
    producerVersion: String(FEATURE_SCHEMA_VERSION),
    docString: 'Folio comment-spam classifier: probability that a comment is spam.',
    metadata: {
      'folio.kind': SPAM_MODEL_KIND,
      'folio.feature_schema': String(model.config.schema),
      'folio.feature_config': JSON.stringify(model.config),
      'folio.thresholds': JSON.stringify(model.thresholds),
      'folio.provenance': JSON.stringify(model.provenance),
    },
  });
}

function scalar(tensors: Map<string, Tensor>, name: string): number {
  const t = tensors.get(name);
  if (!t || t.data.length !== 1) throw new SpamModelError('corrupt', `model has no scalar initializer "${name}"`);
  return Number(t.data[0]);
}

/** Read weights and configuration back from ONNX bytes (for explanations and retraining). */
export function spamWeightsFromOnnx(bytes: Uint8Array): SpamWeights {
  let decoded;
  try {
    decoded = decodeModel(bytes);
  } catch (err) {
    throw new SpamModelError('corrupt', `not a readable ONNX model: ${(err as Error).message}`, { cause: err });
  }
  const meta = decoded.metadata;
  if (meta['folio.kind'] !== SPAM_MODEL_KIND) {
    throw new SpamModelError('incompatible', `not a Folio spam model (kind ${JSON.stringify(meta['folio.kind'] ?? null)})`);
  }
  let config: SpamFeatureConfig;
  try {
    config = JSON.parse(meta['folio.feature_config'] ?? '') as SpamFeatureConfig;
  } catch (err) {
    throw new SpamModelError('corrupt', 'model metadata has no readable feature configuration', { cause: err });
  }
  if (config.schema !== FEATURE_SCHEMA_VERSION) {
    throw new SpamModelError(
      'incompatible',
      `model was built for feature schema ${config.schema}, this build extracts schema ${FEATURE_SCHEMA_VERSION}; rebuild or retrain it`,
    );
  }
  const tensors = new Map(decoded.graph.initializers.map((t) => [t.name, t]));
  const w = tensors.get('weights');
  if (!w || !(w.data instanceof Float32Array) || w.data.length !== 2 ** config.hashBits) {
    throw new SpamModelError('corrupt', 'model weights are missing or have the wrong size');
  }
  const parse = <T>(key: string, fallback: T): T => {
    try {
      return meta[key] ? (JSON.parse(meta[key]) as T) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    config,
    weights: w.data,
    bias: scalar(tensors, 'bias'),
    platt: { a: scalar(tensors, 'platt_a'), b: scalar(tensors, 'platt_b') },
    thresholds: parse('folio.thresholds', { spam: 0.5, review: 0.3 }),
    provenance: parse('folio.provenance', {}),
  };
}
