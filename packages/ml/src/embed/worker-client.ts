/**
 * createEmbedderWorker: the Embedder interface backed by worker threads, so tokenization and
 * onnxruntime never run on the caller's thread (Electron main / backend event loop stays free).
 *
 * Worker entry resolution (first that applies):
 *   1. options.workerUrl                  - set this when bundling: emit src/embed/embed-worker.ts
 *                                           as its own esbuild entry and pass its URL/path
 *   2. embed-worker.{js,mjs,cjs} next to this module's URL (bundle placed beside its worker)
 *   3. embed-worker.ts next to this source file, started through tsx's ESM loader (tsx, vitest, dev)
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder, EmbedderInfo } from './embedder';
import { ModelError } from './errors';
import type { SerialisedError, WorkerData, WorkerReply, WorkerRequest } from './worker-protocol';

export interface CreateEmbedderWorkerOptions {
  modelDir: string;
  /** worker threads (default 1); embed() calls with many texts are split across them */
  workers?: number;
  /** onnxruntime intra-op threads per worker (default 1) */
  threads?: number;
  /** URL or path of the built worker entry (see header) */
  workerUrl?: URL | string;
}

function reviveError(e: SerialisedError): Error {
  if (e.name === 'ModelError' && (e.code === 'model_missing' || e.code === 'model_corrupt')) {
    return new ModelError(e.code, e.message, e.file);
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

function resolveWorker(option: URL | string | undefined): { url: URL; viaTsx: boolean } {
  if (option) {
    const url = option instanceof URL ? option : option.startsWith('file:') ? new URL(option) : pathToFileURL(option);
    return { url, viaTsx: url.pathname.endsWith('.ts') };
  }
  const here = typeof import.meta.url === 'string' && import.meta.url ? import.meta.url : null;
  if (!here) throw new Error('createEmbedderWorker: cannot locate embed-worker from a CommonJS bundle; pass workerUrl');
  for (const ext of ['js', 'mjs', 'cjs']) {
    const url = new URL(`./embed-worker.${ext}`, here);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, viaTsx: false };
  }
  return { url: new URL('./embed-worker.ts', here), viaTsx: true };
}

function spawn(url: URL, viaTsx: boolean, data: WorkerData): Worker {
  if (!viaTsx) return new Worker(url, { workerData: data });
  // TypeScript source: register tsx's ESM hooks inside the worker, then import the entry
  const require = createRequire(import.meta.url);
  let api: string;
  try {
    api = new URL('./dist/esm/api/index.mjs', pathToFileURL(require.resolve('tsx/package.json'))).href;
  } catch {
    throw new Error(
      `cannot start ${url.href}: running the TypeScript worker needs tsx; pass workerUrl pointing at a built embed-worker.js`,
    );
  }
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

interface Pending {
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

class WorkerHandle {
  readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  info: EmbedderInfo | null = null;
  readonly ready: Promise<EmbedderInfo>;
  private onDisposed: (() => void) | null = null;

  constructor(readonly worker: Worker) {
    this.ready = new Promise<EmbedderInfo>((resolve, reject) => {
      worker.on('message', (msg: WorkerReply) => {
        switch (msg.type) {
          case 'ready':
            this.info = msg.info;
            resolve(msg.info);
            break;
          case 'result': {
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            if (!p) break;
            const dim = this.info!.dim;
            const flat = new Float32Array(msg.buffer);
            const out: Float32Array[] = [];
            for (let i = 0; i < msg.count; i++) out.push(flat.subarray(i * dim, (i + 1) * dim));
            p.resolve(out);
            break;
          }
          case 'error': {
            const err = reviveError(msg.error);
            if (msg.id === -1) {
              this.failure = err;
              reject(err);
              break;
            }
            const p = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            p?.reject(err);
            break;
          }
          case 'disposed':
            this.onDisposed?.();
            break;
        }
      });
      const fail = (err: Error) => {
        this.failure ??= err;
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        this.onDisposed?.();
      };
      worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
      worker.on('exit', (code) => fail(new Error(`embedder worker exited (code ${code})`)));
    });
    this.ready.catch(() => undefined);
  }

  get load(): number {
    return this.pending.size;
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'embed', id, texts } satisfies WorkerRequest);
    });
  }

  async dispose(): Promise<void> {
    if (!this.failure) {
      await new Promise<void>((resolve) => {
        this.onDisposed = resolve;
        this.worker.postMessage({ type: 'dispose' } satisfies WorkerRequest);
        setTimeout(resolve, 5000).unref();
      });
    }
    this.failure ??= new Error('embedder has been disposed');
    await this.worker.terminate();
  }
}

/** Same interface as loadEmbedder, running in worker threads. Rejects with ModelError if the model is missing or corrupt. */
export async function createEmbedderWorker(options: CreateEmbedderWorkerOptions): Promise<Embedder> {
  const count = Math.max(1, Math.floor(options.workers ?? 1));
  const { url, viaTsx } = resolveWorker(options.workerUrl);
  const data: WorkerData = { modelDir: options.modelDir, threads: options.threads ?? 1 };
  const handles: WorkerHandle[] = [];
  try {
    for (let i = 0; i < count; i++) handles.push(new WorkerHandle(spawn(url, viaTsx, data)));
    await Promise.all(handles.map((h) => h.ready));
  } catch (e) {
    await Promise.all(handles.map((h) => h.worker.terminate()));
    throw e;
  }
  const info = handles[0]!.info!;
  let disposed = false;

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    if (disposed) throw new Error('embedder has been disposed');
    const list = texts.map((t) => (typeof t === 'string' ? t : String(t ?? '')));
    if (list.length === 0) return [];
    if (handles.length === 1 || list.length < 2 * handles.length) {
      const h = handles.reduce((a, b) => (b.load < a.load ? b : a));
      return h.embed(list);
    }
    const per = Math.ceil(list.length / handles.length);
    const parts = await Promise.all(handles.map((h, i) => h.embed(list.slice(i * per, (i + 1) * per))));
    return parts.flat();
  };

  return {
    dim: info.dim,
    version: info.id,
    info,
    embed,
    embedOne: async (text: string) => (await embed([text]))[0]!,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await Promise.all(handles.map((h) => h.dispose()));
    },
  };
}
