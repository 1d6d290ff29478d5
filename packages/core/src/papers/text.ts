// Full-text extraction in the background: one paper at a time, a few pages per worker job, each chunk
// stored (paper_pages) as soon as it is read, so the app is usable meanwhile, an interrupted run
// resumes where it stopped, and a file whose text is stored (same sha256) is never read again.
import type { CoreContext } from '../app/context';
import { emitPaperChanges } from './events';
import { extractTextJob, type ExtractJobResult } from './jobs';
import { getPaperRow, sqlite, stmt, tx, updatePaperColumns, type PaperRow } from './repo';

/** Pages per job: small enough for steady progress and prompt cancellation, large enough to amortise a job. */
export const TEXT_CHUNK_PAGES = 12;
/** Pending work is picked up this long after the core opens (short CLI commands finish first). */
const RESUME_DELAY_MS = 2_000;

class TextQueue {
  private readonly queue: string[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: CoreContext) {
    ctx.onClose(() => this.close());
  }

  add(id: string): void {
    if (this.closed) return;
    if (!this.queue.includes(id)) this.queue.push(id);
    this.kick();
  }

  /** Queues every paper whose text is not complete (after a restart or a crash). */
  resumePending(delayMs = RESUME_DELAY_MS): void {
    if (this.resumeTimer || this.closed) return;
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (this.closed) return;
      const rows = stmt(
        sqlite(this.ctx),
        `SELECT id FROM papers WHERE sha256 IS NOT NULL AND text_state IN ('pending', 'running') ORDER BY added_at`,
      ).all() as {
        id: string;
      }[];
      for (const r of rows) this.add(r.id);
    }, delayMs);
    (this.resumeTimer as { unref?: () => void }).unref?.();
  }

  whenIdle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    await this.running?.catch(() => {});
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.queue.length > 0 && !this.closed) this.kick();
      else for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async loop(): Promise<void> {
    for (let id = this.queue.shift(); id !== undefined && !this.closed; id = this.queue.shift()) {
      try {
        await this.extract(id);
      } catch (err) {
        console.error(`[folio] papers: text extraction of ${id} failed:`, err);
      }
    }
  }

  private progress(row: PaperRow, done: number, state: 'running' | 'done' | 'failed', message?: string): void {
    this.ctx.events.emit('jobs:progress', {
      job: `papers:text:${row.id}`,
      label: `Reading the text of “${row.title}”`,
      done,
      total: row.page_count ?? done,
      state,
      ...(message ? { message } : {}),
    });
  }

  private async extract(id: string): Promise<void> {
    const ctx = this.ctx;
    let row = getPaperRow(sqlite(ctx), id);
    if (!row?.sha256 || !row.page_count) return;
    if (row.has_text_layer === 0) {
      updatePaperColumns(sqlite(ctx), id, { text_state: 'none' });
      return;
    }
    if (row.text_state === 'done' && row.text_sha256 === row.sha256) return;
    const sha = row.sha256;
    tx(ctx, (db) => {
      if (row!.text_sha256 !== sha) {
        // Another file's text (the PDF was replaced): start over.
        stmt(db, `DELETE FROM paper_pages WHERE paper_id = ?`).run(id);
        updatePaperColumns(db, id, { text_sha256: sha, text_pages_done: 0 });
      }
      updatePaperColumns(db, id, { text_state: 'running', text_error: null });
    });
    row = getPaperRow(sqlite(ctx), id)!;
    const fileName = row.file_name ?? `${id}.pdf`;
    let from = row.text_pages_done + 1;
    const total = row.page_count!;
    this.progress(row, from - 1, 'running');
    try {
      while (from <= total) {
        if (this.closed) return;
        const to = Math.min(total, from + TEXT_CHUNK_PAGES - 1);
        const payload = { path: ctx.blobs.pathFor(sha), fileName, fromPage: from, toPage: to };
        const result = ctx.services.workers
          ? await ctx.services.workers.run<ExtractJobResult>('papers:extract-text', payload)
          : await extractTextJob(payload);
        // The core closed, or the paper went away or got another file, while the job ran.
        if (this.closed) return;
        const now = getPaperRow(sqlite(ctx), id);
        if (!now || now.sha256 !== sha) return;
        tx(ctx, (db) => {
          const put = stmt(db, `INSERT OR REPLACE INTO paper_pages (paper_id, page, text) VALUES (?, ?, ?)`);
          for (const p of result.pages) put.run(id, p.page, p.text);
          updatePaperColumns(db, id, { text_pages_done: to });
        });
        emitPaperChanges(ctx, [{ id, action: 'text' }], { quiet: true });
        this.progress(row, to, 'running');
        from = to + 1;
      }
      updatePaperColumns(sqlite(ctx), id, { text_state: 'done' });
      this.progress(row, total, 'done');
      ctx.events.emit('data:changed', { domain: 'papers', ids: [id], action: 'text' });
    } catch (err) {
      if (this.closed) return;
      const message = (err as Error)?.message ?? String(err);
      if (getPaperRow(sqlite(ctx), id))
        updatePaperColumns(sqlite(ctx), id, { text_state: 'failed', text_error: message.slice(0, 1000) });
      this.progress(row, from - 1, 'failed', message);
      ctx.events.emit('data:changed', { domain: 'papers', ids: [id], action: 'text' });
    }
  }
}

const queues = new WeakMap<CoreContext, TextQueue>();

function queueOf(ctx: CoreContext): TextQueue {
  let q = queues.get(ctx);
  if (!q) queues.set(ctx, (q = new TextQueue(ctx)));
  return q;
}

/** Extracts a paper's text in the background (no-op when its text is stored). */
export function scheduleText(ctx: CoreContext, id: string): void {
  queueOf(ctx).add(id);
}

/** Re-runs extraction for one paper (after a failure): resumes from the last stored page. */
export function retryText(ctx: CoreContext, id: string): boolean {
  const row = getPaperRow(sqlite(ctx), id);
  if (!row?.sha256 || row.has_text_layer === 0) return false;
  if (row.text_state !== 'done') updatePaperColumns(sqlite(ctx), id, { text_state: 'pending' });
  queueOf(ctx).add(id);
  return true;
}

/** Picks up unfinished extractions a little after start-up. */
export function resumeText(ctx: CoreContext, delayMs?: number): void {
  queueOf(ctx).resumePending(delayMs);
}

/** Resolves when no extraction is queued or running (the CLI waits before it exits; tests). */
export function whenTextIdle(ctx: CoreContext): Promise<void> {
  return queueOf(ctx).whenIdle();
}
