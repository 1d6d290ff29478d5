// Entry of each worker thread in the pool (bundled to dist/workers/jobs.mjs).
import { parentPort } from 'node:worker_threads';
import { JOBS } from './worker-jobs';

interface JobMessage {
  id: number;
  job: string;
  payload: unknown;
}

parentPort!.on('message', async (msg: JobMessage) => {
  const fn = JOBS[msg.job];
  if (!fn) {
    parentPort!.postMessage({ id: msg.id, type: 'error', error: { code: 'internal', message: `Unknown worker job ${msg.job}` } });
    return;
  }
  try {
    const result = await fn(msg.payload, (done, total) => parentPort!.postMessage({ id: msg.id, type: 'progress', done, total }));
    parentPort!.postMessage({ id: msg.id, type: 'done', result });
  } catch (err) {
    const e = err as { code?: string; message?: string; details?: unknown };
    parentPort!.postMessage({
      id: msg.id,
      type: 'error',
      error: { code: typeof e?.code === 'string' ? e.code : 'internal', message: e?.message ?? String(err), details: e?.details },
    });
  }
});
