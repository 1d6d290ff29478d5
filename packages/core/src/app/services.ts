import type { CommentExplanationDto, SpamEvalReportDto, SpamMetricsDto } from '../contract/comments';
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

/** A spam model as the comments domain sees it. */
export interface SpamModelRef {
  sha256: string;
  kind: 'base' | 'user';
  thresholds: { spam: number; review: number };
  /** User model: digest of the labels it learned from (`labelsDigest` given to `retrain`). */
  labelsDigest?: string;
  /** User model: how many labels it learned from, and when. */
  labels?: number;
  trainedAt?: string;
}

export interface SpamTrainingLabel {
  text: string;
  /** 1 = spam, 0 = ham (approved). */
  label: 0 | 1;
}

export interface SpamRetrainResult {
  model: SpamModelRef;
  baseSha: string;
  before: SpamMetricsDto;
  after: SpamMetricsDto;
  evaluation: { method: 'k-fold' | 'holdout' | 'in-sample'; folds: number; evaluated: number };
  labels: { received: number; used: number; duplicates: number; conflicts: number };
  elapsedMs: number;
}

/**
 * The comment-spam classifier (apps/desktop wires @folio/ml's ONNX model behind this). Scores come from
 * the ACTIVE model: the user's fine-tuned model when there is a usable one, else the shipped base model.
 */
export interface SpamService {
  /** sha256 of the active model: stored beside each score so a model change triggers re-scoring. */
  readonly version: string;
  /** Calibrated P(spam), one per text; identical texts are scored once. Never throws on odd text. */
  score(texts: string[]): Promise<number[]>;
  models(): { base: SpamModelRef; user: SpamModelRef | null; active: SpamModelRef };
  /** Why the user model is not in use although a file exists (corrupt, from another base…), if so. */
  readonly userModelProblem?: string | null;
  /** The features of the active model that weighed most for this text. */
  explain(text: string, top: number): Promise<Omit<CommentExplanationDto, 'id' | 'score' | 'neighbours'>>;
  /**
   * The labelled comments most similar to `text`. `labelled.key` identifies the set (a digest) so the
   * index behind it is built once per set; `load` is called only when it changes.
   */
  nearest(
    text: string,
    k: number,
    labelled: { key: string; load: () => { id: string; text: string; label: 0 | 1 }[] },
  ): Promise<{ id: string; similarity: number }[]>;
  /**
   * Fine-tune the BASE model on all these labels (off the calling thread), save it as the user model
   * (replacing any previous one) and make it active. Resolves with before/after on held-out labels.
   */
  retrain(labels: SpamTrainingLabel[], opts: { labelsDigest: string; signal?: AbortSignal }): Promise<SpamRetrainResult>;
  /** Forget the user model (no labels left): the base model scores again. */
  clearUserModel(): Promise<void>;
  /**
   * Figures on labelled rows (`label` as written in the file: spam/ham, 1/0...). Bad labels throw a
   * FolioError `invalid_file` naming the line. `withUser` adds the user model's figures.
   */
  evaluate(
    rows: { text: string; label: string; line: number }[],
    opts: { threshold?: number; withUser: boolean },
  ): Promise<SpamEvalReportDto>;
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
  /**
   * Comments: milliseconds after start before watched files are watched again (default 1500), or false
   * to never resume them automatically (tests). Short CLI runs close before it fires.
   */
  commentsWatchStartMs?: number | false;
  /** Comments: debounce before retraining after decisions (default 2500 ms), or false for manual only. */
  commentsAutoRetrainMs?: number | false;
  /**
   * Search: milliseconds after start before the index check and background vector indexing begin
   * (default 1500; short CLI runs close before), or false to start them only when asked (tests:
   * `search:wait-index`, `search:reindex`).
   */
  searchAutoStartMs?: number | false;
  /** Extra services later domains register (kept loose on purpose: each domain narrows its own). */
  [key: string]: unknown;
}
