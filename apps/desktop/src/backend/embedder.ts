// The sentence embedder behind core's EmbedderService: @folio/ml's ONNX model in worker threads,
// loaded on first use (search's background indexer or a semantic query asks for it), with a status
// that system:info and search:index-status show. A missing or corrupt model is a clear message and
// keyword search keeps working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolioError, type EmbedderService, type ModelStatus } from '@folio/core';
import { createEmbedderWorker, EMBEDDER_FILES, ModelError, type Embedder } from '@folio/ml';

export interface LazyEmbedder {
  /** Core's `services.embedder`: resolves to the loaded model or rejects with `model_unavailable`. */
  get(): Promise<EmbedderService>;
  status(): ModelStatus;
  close(): Promise<void>;
}

/**
 * The bundled worker entry (dist/workers/embed-worker.mjs, built by scripts/bundle.mjs) when we run
 * from the bundle; from TypeScript sources (tests, tsx) @folio/ml starts its own .ts worker.
 */
function workerUrl(appRoot: string): string | undefined {
  if (fileURLToPath(import.meta.url).endsWith('.ts')) return undefined;
  const bundled = path.join(appRoot, 'dist', 'workers', 'embed-worker.mjs');
  return fs.existsSync(bundled) ? bundled : undefined;
}

/** Worker threads for embedding: leave a core for the backend's own thread on small machines. */
export function embedWorkerCount(): number {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(2, cores - 1));
}

export function modelVersion(e: Pick<Embedder, 'info'>): string {
  return `${e.info.name}@${e.info.version}#${e.info.sha256.slice(0, 12)}`;
}

export function createLazyEmbedder(opts: { modelsDir: string; appRoot: string; workers?: number }): LazyEmbedder {
  const manifest = path.join(opts.modelsDir, EMBEDDER_FILES.manifest);
  let state: ModelStatus = fs.existsSync(manifest)
    ? { state: 'loading', message: 'The embedding model loads on first use.' }
    : {
        state: 'unavailable',
        message: `The embedding model is not installed (${manifest} not found). Build it with "npm run build -w @folio/ml". Keyword search still works.`,
      };
  let loading: Promise<EmbedderService> | null = null;
  let loaded: Embedder | null = null;
  let closed = false;

  return {
    get() {
      if (closed) return Promise.reject(new FolioError('cancelled', 'The app is closing.'));
      loading ??= (async () => {
        state = { state: 'loading', message: 'Loading the embedding model…' };
        try {
          const url = workerUrl(opts.appRoot);
          const e = await createEmbedderWorker({
            modelDir: opts.modelsDir,
            workers: opts.workers ?? embedWorkerCount(),
            ...(url ? { workerUrl: url } : {}),
          });
          if (closed) {
            await e.dispose();
            throw new FolioError('cancelled', 'The app is closing.');
          }
          loaded = e;
          const version = modelVersion(e);
          state = { state: 'ready', version };
          return { dim: e.dim, version, embed: (texts: string[]) => e.embed(texts) };
        } catch (err) {
          loading = null; // a rebuilt model can be tried again
          if (err instanceof FolioError) throw err;
          const message = ModelError.isModelError(err)
            ? err.message
            : `The embedding model could not be started (${(err as Error)?.message ?? String(err)}). Keyword search still works.`;
          state = { state: 'unavailable', message };
          throw new FolioError('model_unavailable', message);
        }
      })();
      return loading;
    },
    status: () => state,
    async close() {
      closed = true;
      const e = loaded;
      loaded = null;
      await e?.dispose();
    },
  };
}
