/**
 * Worker-thread entry for createEmbedderWorker (worker-client.ts). Loads the model once, then answers
 * { type: 'embed', id, texts } with one transferred Float32Array buffer [texts x dim].
 * When bundling, emit this file as its own entry (e.g. embed-worker.js next to the main bundle).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEmbedder, type Embedder } from './embedder';
import { ModelError } from './errors';
import type { SerialisedError, WorkerData, WorkerReply, WorkerRequest } from './worker-protocol';

function serialiseError(e: unknown): SerialisedError {
  if (e instanceof ModelError) return e.toJSON();
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message };
}

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');

const data = workerData as WorkerData;
let embedder: Embedder | null = null;

const ready = loadEmbedder({ modelDir: data.modelDir, threads: data.threads ?? 1 }).then(
  (e) => {
    embedder = e;
    port.postMessage({ type: 'ready', info: e.info } satisfies WorkerReply);
  },
  (e: unknown) => {
    port.postMessage({ type: 'error', id: -1, error: serialiseError(e) } satisfies WorkerReply);
  },
);

port.on('message', (msg: WorkerRequest) => {
  void ready.then(async () => {
    if (msg.type === 'dispose') {
      await embedder?.dispose();
      embedder = null;
      port.postMessage({ type: 'disposed' } satisfies WorkerReply);
      return;
    }
    if (!embedder) {
      port.postMessage({
        type: 'error',
        id: msg.id,
        error: { name: 'Error', message: 'embedder is not loaded' },
      } satisfies WorkerReply);
      return;
    }
    try {
      const vectors = await embedder.embed(msg.texts);
      const dim = embedder.dim;
      const flat = new Float32Array(vectors.length * dim);
      vectors.forEach((v, i) => flat.set(v, i * dim));
      port.postMessage({ type: 'result', id: msg.id, count: vectors.length, buffer: flat.buffer } satisfies WorkerReply, [
        flat.buffer,
      ]);
    } catch (e) {
      port.postMessage({ type: 'error', id: msg.id, error: serialiseError(e) } satisfies WorkerReply);
    }
  });
});
