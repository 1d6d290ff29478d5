/**
 * Worker-thread entry for retraining (see retrain-thread.ts). Receives the base weights and the
 * labels, runs the pure fine-tuning, posts the result back with the new weights' buffer transferred.
 */
import { parentPort } from 'node:worker_threads';
import { retrainWeights, type RetrainOptions, type UserLabel } from './retrain';
import type { SpamWeights } from './weights';

export interface RetrainRequest {
  base: SpamWeights;
  labels: UserLabel[];
  options: RetrainOptions;
}

if (!parentPort) throw new Error('retrain-worker must run in a worker thread');
const port = parentPort;
port.once('message', (request: RetrainRequest) => {
  try {
    const result = retrainWeights(request.base, request.labels, request.options);
    port.postMessage({ ok: true, result }, [result.weights.weights.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err as Error;
    port.postMessage({ ok: false, error: { name: e.name ?? 'Error', message: e.message ?? String(err) } });
  }
});
