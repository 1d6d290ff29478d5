/**
 * Retraining off the main thread. The fine-tuning itself takes milliseconds to a few seconds, but it
 * is CPU-bound and must never stall the Electron backend's event loop, so it runs in a worker_thread.
 *
 * Bundling: the worker is `retrain-worker.ts` beside this file. When the app is bundled, build that
 * file as its own entry and either place it beside this module as `retrain-worker.js` (picked up
 * automatically) or pass its URL as `workerUrl` (e.g. `new URL('./spam-retrain-worker.js',
 * import.meta.url)`). Running from TypeScript sources (tests, scripts), the `.ts` worker is started
 * through tsx's ESM hooks.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createSpamModel, type SpamModel } from './model';
import { retrainWeights, type RetrainOptions, type RetrainResult, type UserLabel } from './retrain';
import type { SpamWeights } from './weights';

export interface RetrainThreadOptions {
  /** URL of the compiled worker entry (default: retrain-worker.ts beside this module). */
  workerUrl?: URL;
  /** Abort the worker (rejects with an AbortError). */
  signal?: AbortSignal;
}

/** The worker entry: a built `retrain-worker.js` beside this module if there is one, else the TypeScript source. */
export function defaultRetrainWorkerUrl(): URL {
  for (const ext of ['js', 'mjs', 'cjs']) {
    const url = new URL(`./retrain-worker.${ext}`, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return new URL('./retrain-worker.ts', import.meta.url);
}

function spawnWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  // TypeScript source (tests, scripts): register tsx's ESM hooks inside the worker, then import the entry.
  const require = createRequire(import.meta.url);
  let api: string;
  try {
    api = new URL('./dist/esm/api/index.mjs', pathToFileURL(require.resolve('tsx/package.json'))).href;
  } catch {
    throw new Error(
      `cannot start ${url.href}: running the TypeScript worker needs tsx; pass workerUrl pointing at a built retrain-worker.js`,
    );
  }
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true });
}

/** Run `retrainWeights` in a worker thread. */
export function retrainInWorker(
  base: SpamModel | SpamWeights,
  labels: readonly UserLabel[],
  options: RetrainOptions = {},
  thread: RetrainThreadOptions = {},
): Promise<RetrainResult> {
  const weights = 'toOnnx' in base ? base.weights : base;
  const provenance = 'toOnnx' in base ? { parentSha256: base.info.sha256, ...options.provenance } : options.provenance;
  const url = thread.workerUrl ?? defaultRetrainWorkerUrl();
  return new Promise((resolve, reject) => {
    if (thread.signal?.aborted) {
      reject(new DOMException('retraining aborted', 'AbortError'));
      return;
    }
    let worker: Worker;
    try {
      worker = spawnWorker(url);
    } catch (err) {
      reject(err as Error);
      return;
    }
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      thread.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new DOMException('retraining aborted', 'AbortError')));
    thread.signal?.addEventListener('abort', onAbort, { once: true });
    worker.once(
      'message',
      (message: { ok: true; result: RetrainResult } | { ok: false; error: { name: string; message: string } }) => {
        finish(() => {
          if (message.ok) resolve(message.result);
          else reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
        });
      },
    );
    worker.once('error', (err) => finish(() => reject(err)));
    worker.once('exit', (code) => finish(() => reject(new Error(`retrain worker exited with code ${code} before answering`))));
    worker.postMessage({
      base: weights,
      labels: labels.map((l) => ({ text: l.text, label: l.label })),
      options: { ...options, provenance },
    });
  });
}

export interface RetrainOutcome extends RetrainResult {
  /** The fine-tuned model, ready to score (save it with `saveSpamModel`). */
  model: SpamModel;
}

/**
 * Fine-tune on the user's labels and return a ready model plus before/after figures.
 * `inWorker` (default true) keeps the calling thread free.
 */
export async function retrain(
  base: SpamModel | SpamWeights,
  labels: readonly UserLabel[],
  options: RetrainOptions & { inWorker?: boolean } & RetrainThreadOptions = {},
): Promise<RetrainOutcome> {
  const { inWorker = true, workerUrl, signal, ...retrainOptions } = options;
  let result: RetrainResult;
  if (inWorker) {
    result = await retrainInWorker(base, labels, retrainOptions, {
      ...(workerUrl ? { workerUrl } : {}),
      ...(signal ? { signal } : {}),
    });
  } else {
    const weights = 'toOnnx' in base ? base.weights : base;
    const provenance =
      'toOnnx' in base ? { parentSha256: base.info.sha256, ...retrainOptions.provenance } : retrainOptions.provenance;
    result = retrainWeights(weights, labels, { ...retrainOptions, ...(provenance ? { provenance } : {}) });
  }
  return { ...result, model: await createSpamModel(result.weights) };
}
