import type { ModelStatus } from '../contract/system';

/**
 * Services core needs but does not own: injected by the app (apps/desktop), which joins core and ml.
 * Core codes against these shapes only, so it never imports onnxruntime or Electron.
 */
export interface EmbedderService {
  readonly dim: number;
  readonly version: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface SpamService {
  readonly version: string;
  score(texts: string[]): Promise<number[]>;
}

/** Runs a CPU-heavy job off the calling thread (worker_threads in Node). */
export interface WorkerRunner {
  run<T>(job: string, payload: unknown, onProgress?: (done: number, total: number) => void): Promise<T>;
}

export interface Services {
  /** Resolves to the embedder, or rejects with `model_unavailable`; keyword search never waits on it. */
  embedder?: () => Promise<EmbedderService>;
  spam?: () => Promise<SpamService>;
  workers?: WorkerRunner;
  modelStatus?: () => { embedder: ModelStatus; spam: ModelStatus };
  /** Extra services later domains register (kept loose on purpose: each domain narrows its own). */
  [key: string]: unknown;
}
