/**
 * The comments domain's side of the spam model: loads the injected SpamService lazily (the inbox lists
 * and imports without it: "no score"), scores and re-scores comments when the active model changes,
 * retrains from the user's labels (debounced in the background, or on request) and records each run.
 */
import type { CoreContext } from '../app/context';
import type { SpamRetrainResult, SpamService } from '../app/services';
import type { ModelRunDto, SpamMetricsDto, SpamModelStatusDto, SpamThresholdsDto } from '../contract/comments';
import { FolioError } from '../contract/errors';
import { readSetting } from '../system/settings';
import { labelCounts, labelRows, labelsDigest, staleBatch, stmt, textsOf, writeScores } from './store';

/** Used when no model is loaded (and the user set nothing): the shipped model's usual values. */
export const FALLBACK_THRESHOLDS = { spam: 0.5, review: 0.2 } as const;
const RESCORE_BATCH = 2000;
/** After a failed load, try again on use only after this long (a missing model stays missing). */
const RETRY_LOAD_MS = 30_000;

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  trigger: ModelRunDto['trigger'];
  state: ModelRunDto['state'];
  error: string | null;
  model_sha: string | null;
  base_sha: string | null;
  labels: string | null;
  method: ModelRunDto['evaluation']['method'] | null;
  folds: number | null;
  evaluated: number | null;
  before: string | null;
  after: string | null;
  elapsed_ms: number | null;
}

function parseJson<T>(s: string | null): T | null {
  if (s === null) return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

export function runDto(r: RunRow): ModelRunDto {
  const labels = parseJson<ModelRunDto['labels']>(r.labels) ?? {
    received: 0,
    used: 0,
    duplicates: 0,
    conflicts: 0,
    spam: 0,
    ham: 0,
  };
  return {
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    trigger: r.trigger,
    state: r.state,
    error: r.error,
    modelSha: r.model_sha,
    baseSha: r.base_sha,
    labels,
    evaluation: { method: r.method ?? 'none', folds: r.folds ?? 0, evaluated: r.evaluated ?? 0 },
    before: parseJson<SpamMetricsDto>(r.before),
    after: parseJson<SpamMetricsDto>(r.after),
    elapsedMs: r.elapsed_ms ?? 0,
  };
}

export function listRuns(ctx: CoreContext, limit: number): ModelRunDto[] {
  return (stmt(ctx, 'SELECT * FROM comment_model_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(runDto);
}

export class SpamGate {
  private svc: SpamService | null = null;
  private loading: Promise<SpamService | null> | null = null;
  private state: SpamModelStatusDto['state'] = 'unknown';
  private message: string | undefined;
  private failedAt = 0;
  private rescoring: Promise<number> | null = null;
  private rescoreAgain = false;
  private chain: Promise<unknown> = Promise.resolve();
  private retraining = 0;
  private autoTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly abort = new AbortController();
  private closed = false;

  constructor(private readonly ctx: CoreContext) {}

  // ------------------------------------------------------------------ loading

  /** The spam service, loading it on first use; null when there is none or it cannot load (see status). */
  service(): Promise<SpamService | null> {
    if (this.svc) return Promise.resolve(this.svc);
    if (this.loading) return this.loading;
    const factory = this.ctx.services.spam;
    if (!factory) {
      this.state = 'unavailable';
      this.message = 'No spam model is configured: comments are listed without scores.';
      return Promise.resolve(null);
    }
    if (this.state === 'unavailable' && Date.now() - this.failedAt < RETRY_LOAD_MS) return Promise.resolve(null);
    this.state = 'loading';
    this.loading = factory().then(
      (svc) => {
        this.svc = svc;
        this.state = 'ready';
        this.message = svc.userModelProblem ?? undefined;
        this.loading = null;
        return svc;
      },
      (err: unknown) => {
        this.state = 'unavailable';
        this.message = `${err instanceof Error ? err.message : String(err)} Comments are listed and imported without scores.`;
        this.failedAt = Date.now();
        this.loading = null;
        return null;
      },
    );
    return this.loading;
  }

  peek(): SpamService | null {
    return this.svc;
  }

  // ------------------------------------------------------------------ thresholds and status

  thresholds(): SpamThresholdsDto {
    const db = this.ctx.store.db;
    const userSpam = readSetting(db, 'comments.spamThreshold');
    const userReview = readSetting(db, 'comments.reviewThreshold');
    const model = this.svc?.models().active.thresholds;
    const base = model ?? FALLBACK_THRESHOLDS;
    const spam = userSpam ?? base.spam;
    const review = Math.min(userReview ?? base.review, spam);
    return { spam, review, from: userSpam !== null || userReview !== null ? 'settings' : model ? 'model' : 'fallback' };
  }

  /** Labels changed since the user model learned (or it exists with no labels left). */
  isStale(): boolean {
    const svc = this.svc;
    if (!svc) return false;
    const counts = labelCounts(this.ctx);
    const user = svc.models().user;
    if (counts.total === 0) return user !== null;
    return user === null || user.labelsDigest !== labelsDigest(this.ctx);
  }

  status(): SpamModelStatusDto {
    const svc = this.svc;
    const models = svc?.models();
    const last = stmt(this.ctx, 'SELECT * FROM comment_model_runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
    return {
      state: this.state,
      ...(this.message ? { message: this.message } : {}),
      active: models ? models.active.kind : null,
      baseSha: models?.base.sha256 ?? null,
      user: models?.user
        ? { sha256: models.user.sha256, labels: models.user.labels ?? 0, trainedAt: models.user.trainedAt ?? null }
        : null,
      thresholds: this.thresholds(),
      labels: labelCounts(this.ctx),
      stale: this.isStale(),
      retraining: this.retraining > 0,
      lastRun: last ? runDto(last) : null,
    };
  }

  // ------------------------------------------------------------------ scoring

  /** Scores these comments now with the active model. */
  async scoreIds(ids: string[]): Promise<{ scored: number; note?: string }> {
    if (ids.length === 0) return { scored: 0 };
    const svc = await this.service();
    if (!svc) return { scored: 0, note: `Not scored: ${this.message ?? 'the spam model is unavailable.'}` };
    let scored = 0;
    for (let i = 0; i < ids.length; i += RESCORE_BATCH) {
      const rows = textsOf(this.ctx, ids.slice(i, i + RESCORE_BATCH));
      const version = svc.version;
      try {
        const scores = await svc.score(rows.map((r) => r.text));
        writeScores(
          this.ctx,
          rows.map((r, k) => ({ id: r.id, score: scores[k]! })),
          version,
        );
        scored += rows.length;
      } catch (err) {
        return { scored, note: `Scoring failed: ${(err as Error).message}` };
      }
    }
    return { scored };
  }

  /**
   * Re-scores every comment whose score is missing or came from another model (after a retrain, a new
   * base model, or comments imported while the model was unavailable). One run at a time; resolves
   * with how many were scored.
   */
  rescoreStale(): Promise<number> {
    if (this.rescoring) {
      this.rescoreAgain = true;
      return this.rescoring;
    }
    const run = (async () => {
      let total = 0;
      do {
        this.rescoreAgain = false;
        const svc = await this.service();
        if (!svc) break;
        for (;;) {
          if (this.closed) return total;
          const version = svc.version;
          const batch = staleBatch(this.ctx, version, RESCORE_BATCH);
          if (batch.length === 0) break;
          const scores = await svc.score(batch.map((b) => b.text));
          if (this.closed) return total;
          writeScores(
            this.ctx,
            batch.map((b, i) => ({ id: b.id, score: scores[i]! })),
            version,
          );
          total += batch.length;
        }
      } while (this.rescoreAgain && !this.closed);
      if (total > 0) this.ctx.events.emit('data:changed', { domain: 'comments', action: 'rescore' });
      return total;
    })();
    this.rescoring = run;
    void run
      .catch((err) => console.error('[folio] re-scoring comments failed:', err))
      .finally(() => {
        if (this.rescoring === run) this.rescoring = null;
      });
    return run;
  }

  // ------------------------------------------------------------------ retraining

  /** Retrain a few seconds after the last decision (app and serve mode; the CLI closes first). */
  scheduleAutoRetrain(): void {
    const ms = this.ctx.services.commentsAutoRetrainMs;
    if (ms === false || this.closed) return;
    if (!readSetting(this.ctx.store.db, 'comments.autoRetrain')) return;
    if (this.autoTimer) clearTimeout(this.autoTimer);
    this.autoTimer = setTimeout(
      () => {
        this.autoTimer = null;
        if (!this.svc || !this.isStale()) return;
        this.retrain('auto').catch((err) => console.error('[folio] automatic retraining failed:', (err as Error).message));
      },
      typeof ms === 'number' ? ms : 2500,
    );
    this.autoTimer.unref?.();
  }

  /** When the labels changed since the user model learned, retrain now. True when the user model is active. */
  async ensureFresh(trigger: ModelRunDto['trigger']): Promise<boolean> {
    const svc = await this.service();
    if (!svc) return false;
    if (this.isStale()) await this.retrain(trigger);
    return svc.models().user !== null;
  }

  /** Learn from every label so far (one run at a time), store the run, re-score, and answer the run. */
  retrain(trigger: ModelRunDto['trigger']): Promise<ModelRunDto> {
    const next = this.chain.then(() => this.retrainNow(trigger));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async retrainNow(trigger: ModelRunDto['trigger']): Promise<ModelRunDto> {
    if (this.closed) throw new FolioError('cancelled', 'Folio is closing.');
    const svc = await this.service();
    if (!svc) throw new FolioError('model_unavailable', this.message ?? 'The spam model is unavailable.');
    const rows = labelRows(this.ctx);
    const startedAt = this.ctx.now().toISOString();
    if (rows.length === 0) {
      if (svc.models().user === null) {
        throw new FolioError(
          'bad_request',
          'There is nothing to learn from yet: approve some comments or mark some as spam first.',
        );
      }
      await svc.clearUserModel();
      const run = this.insertRun({
        startedAt,
        trigger,
        state: 'cleared',
        baseSha: svc.models().base.sha256,
        modelSha: svc.version,
      });
      await this.rescoreStale();
      this.ctx.events.emit('comments:retrained', run);
      return run;
    }
    const digest = labelsDigest(this.ctx);
    const spam = rows.filter((r) => r.label === 'spam').length;
    const counts = { spam, ham: rows.length - spam };
    this.retraining++;
    const job = { job: 'comments:retrain', label: `Learning from ${rows.length} decisions` };
    this.ctx.events.emit('jobs:progress', { ...job, done: 0, total: 1, state: 'running' });
    this.ctx.events.emit('data:changed', { domain: 'comments', action: 'retrain-start' });
    let result: SpamRetrainResult;
    try {
      result = await svc.retrain(
        rows.map((r) => ({ text: r.text, label: r.label === 'spam' ? 1 : 0 })),
        { labelsDigest: digest, signal: this.abort.signal },
      );
    } catch (err) {
      this.retraining--;
      const message = err instanceof Error ? err.message : String(err);
      if (!this.closed) {
        const run = this.insertRun({
          startedAt,
          trigger,
          state: 'failed',
          error: message,
          labels: { received: rows.length, used: 0, duplicates: 0, conflicts: 0, ...counts },
          baseSha: svc.models().base.sha256,
        });
        this.ctx.events.emit('jobs:progress', { ...job, done: 1, total: 1, state: 'failed', message });
        this.ctx.events.emit('comments:retrained', run);
        this.ctx.events.emit('data:changed', { domain: 'comments', action: 'retrain-failed' });
      }
      throw err instanceof FolioError ? err : new FolioError('internal', `Retraining failed: ${message}`);
    }
    this.retraining--;
    const run = this.insertRun({
      startedAt,
      trigger,
      state: 'done',
      modelSha: result.model.sha256,
      baseSha: result.baseSha,
      labels: { ...result.labels, ...counts },
      evaluation: result.evaluation,
      before: result.before,
      after: result.after,
      elapsedMs: result.elapsedMs,
      digest,
    });
    this.ctx.events.emit('comments:retrained', run);
    await this.rescoreStale();
    this.ctx.events.emit('jobs:progress', { ...job, done: 1, total: 1, state: 'done' });
    this.ctx.events.emit('data:changed', { domain: 'comments', action: 'retrain' });
    return run;
  }

  private insertRun(r: {
    startedAt: string;
    trigger: ModelRunDto['trigger'];
    state: ModelRunDto['state'];
    error?: string;
    modelSha?: string | null;
    baseSha?: string | null;
    labels?: ModelRunDto['labels'];
    evaluation?: { method: string; folds: number; evaluated: number };
    before?: SpamMetricsDto;
    after?: SpamMetricsDto;
    elapsedMs?: number;
    digest?: string;
  }): ModelRunDto {
    const info = stmt(
      this.ctx,
      `INSERT INTO comment_model_runs (started_at, finished_at, trigger, state, error, model_sha, base_sha, labels_digest, labels,
         method, folds, evaluated, before, after, elapsed_ms)
       VALUES (@startedAt, @finishedAt, @trigger, @state, @error, @modelSha, @baseSha, @digest, @labels, @method, @folds, @evaluated,
         @before, @after, @elapsedMs)`,
    ).run({
      startedAt: r.startedAt,
      finishedAt: this.ctx.now().toISOString(),
      trigger: r.trigger,
      state: r.state,
      error: r.error ?? null,
      modelSha: r.modelSha ?? null,
      baseSha: r.baseSha ?? null,
      digest: r.digest ?? null,
      labels: r.labels ? JSON.stringify(r.labels) : null,
      method: r.evaluation?.method ?? null,
      folds: r.evaluation?.folds ?? null,
      evaluated: r.evaluation?.evaluated ?? null,
      before: r.before ? JSON.stringify(r.before) : null,
      after: r.after ? JSON.stringify(r.after) : null,
      elapsedMs: r.elapsedMs ?? null,
    });
    return runDto(stmt(this.ctx, 'SELECT * FROM comment_model_runs WHERE id = ?').get(info.lastInsertRowid) as RunRow);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.autoTimer) clearTimeout(this.autoTimer);
    this.abort.abort();
    await Promise.allSettled([this.rescoring, this.chain]);
    await this.loading?.catch(() => undefined);
  }
}
