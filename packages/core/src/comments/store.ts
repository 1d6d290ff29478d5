// SQL of the comments domain: prepared statements on the open database (cached per connection, since
// a restore swaps the database underneath), bulk writes in one transaction.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import type {
  CommentCountsDto,
  CommentDto,
  CommentLabel,
  CommentStateDto,
  CommentStatus,
  CommentView,
  ScoreBand,
  SpamThresholdsDto,
} from '../contract/comments';
import { contentHash, type ParsedComment } from './parse';

type Sqlite = Database.Database;
const cache = new WeakMap<Sqlite, Map<string, Database.Statement>>();

export function stmt(ctx: CoreContext, sql: string): Database.Statement {
  const db = ctx.store.sqlite;
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

export function tx<T>(ctx: CoreContext, fn: () => T): T {
  return ctx.store.sqlite.transaction(fn)();
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A time-sorted id (ULID-style, lower-case Crockford base32), like the other domains'. */
export function newCommentId(now: Date): string {
  let t = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (const b of crypto.randomBytes(16)) rand += CROCKFORD[b % 32];
  return time + rand;
}

export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface CommentRow {
  id: string;
  origin: string;
  external_id: string | null;
  source_id: string | null;
  page: string | null;
  author: string | null;
  text: string;
  created_at: string | null;
  imported_at: string;
  updated_at: string;
  status: CommentStatus;
  score: number | null;
  score_model_sha: string | null;
  label: CommentLabel | null;
  labeled_at: string | null;
  labeled_day: string | null;
  content_hash: string;
  empty_text: number;
  raw: string | null;
  path: string | null;
}

export function bandOf(score: number | null, t: SpamThresholdsDto): ScoreBand | null {
  if (score === null) return null;
  if (score >= t.spam) return 'spam';
  if (score >= t.review) return 'review';
  return 'ok';
}

export function toDto(r: CommentRow, t: SpamThresholdsDto): CommentDto {
  return {
    id: r.id,
    externalId: r.external_id,
    origin: r.origin,
    page: r.page,
    author: r.author,
    text: r.text,
    createdAt: r.created_at,
    importedAt: r.imported_at,
    status: r.status,
    score: r.score,
    scoreModel: r.score_model_sha,
    band: bandOf(r.score, t),
    label: r.label,
    labeledAt: r.labeled_at,
    emptyText: r.empty_text === 1,
    sourceId: r.source_id,
  };
}

export function getRow(ctx: CoreContext, id: string): CommentRow | undefined {
  return stmt(ctx, 'SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined;
}

/** By Folio's id, else by the id the comment has on the site (newest first when several origins share it). */
export function findRow(ctx: CoreContext, id: string): CommentRow | undefined {
  return (
    getRow(ctx, id) ??
    (stmt(ctx, 'SELECT * FROM comments WHERE external_id = ? ORDER BY imported_at DESC LIMIT 1').get(id) as
      CommentRow | undefined)
  );
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

export interface StoreOutcome {
  imported: number;
  duplicates: number;
  updated: number;
  labelled: number;
  emptyText: number;
  /** Ids to score (new and changed comments). */
  toScore: string[];
  /** Every comment written: new, changed, or filed by a label that came with it. */
  changed: string[];
}

/**
 * Stores parsed comments in one transaction. Dedupe: (origin, external id) when there is an id —
 * same content is a duplicate, changed content updates the comment in place (its decision stays) —
 * else (origin, content hash). Duplicates inside the file collapse the same way.
 */
export function storeComments(
  ctx: CoreContext,
  records: ParsedComment[],
  opts: { origin: string; sourceId: string | null },
): StoreOutcome {
  const now = ctx.now();
  const iso = now.toISOString();
  const day = localDay(now);
  const out: StoreOutcome = { imported: 0, duplicates: 0, updated: 0, labelled: 0, emptyText: 0, toScore: [], changed: [] };
  const byExternal = stmt(ctx, 'SELECT id, content_hash, label, status FROM comments WHERE origin = ? AND external_id = ?');
  const byHash = stmt(
    ctx,
    'SELECT id, content_hash, label, status FROM comments WHERE origin = ? AND content_hash = ? AND external_id IS NULL',
  );
  const insert = stmt(
    ctx,
    `INSERT INTO comments (id, origin, external_id, source_id, page, author, text, created_at, imported_at, updated_at, status,
       label, labeled_at, labeled_day, content_hash, empty_text, raw, path)
     VALUES (@id, @origin, @externalId, @sourceId, @page, @author, @text, @createdAt, @now, @now, @status,
       @label, @labeledAt, @labeledDay, @hash, @emptyText, @raw, @path)`,
  );
  const update = stmt(
    ctx,
    `UPDATE comments SET page = @page, author = @author, text = @text, created_at = @createdAt, updated_at = @now,
       content_hash = @hash, empty_text = @emptyText, raw = @raw, path = @path, score = NULL, score_model_sha = NULL,
       source_id = COALESCE(@sourceId, source_id)
     WHERE id = @id`,
  );
  const applyLabel = stmt(
    ctx,
    `UPDATE comments SET label = @label, labeled_at = @now, labeled_day = @day, updated_at = @now,
       status = CASE WHEN status = 'deleted' THEN status WHEN @label = 'spam' THEN 'spam' ELSE 'approved' END
     WHERE id = @id AND label IS NULL`,
  );
  tx(ctx, () => {
    for (const r of records) {
      const hash = contentHash(r);
      const existing = (r.externalId !== null ? byExternal.get(opts.origin, r.externalId) : byHash.get(opts.origin, hash)) as
        { id: string; content_hash: string; label: string | null; status: string } | undefined;
      if (!existing) {
        const id = newCommentId(now);
        insert.run({
          id,
          origin: opts.origin,
          externalId: r.externalId,
          sourceId: opts.sourceId,
          page: r.page,
          author: r.author,
          text: r.text,
          createdAt: r.createdAt,
          now: iso,
          status: r.label === 'spam' ? 'spam' : r.label === 'ham' ? 'approved' : 'new',
          label: r.label,
          labeledAt: r.label ? iso : null,
          labeledDay: r.label ? day : null,
          hash,
          emptyText: r.emptyText ? 1 : 0,
          raw: JSON.stringify(r.raw),
          path: r.path ? JSON.stringify(r.path) : null,
        });
        out.imported++;
        if (r.emptyText) out.emptyText++;
        if (r.label) out.labelled++;
        out.toScore.push(id);
        out.changed.push(id);
        continue;
      }
      if (existing.content_hash === hash) out.duplicates++;
      else {
        update.run({
          id: existing.id,
          page: r.page,
          author: r.author,
          text: r.text,
          createdAt: r.createdAt,
          now: iso,
          hash,
          emptyText: r.emptyText ? 1 : 0,
          raw: JSON.stringify(r.raw),
          path: r.path ? JSON.stringify(r.path) : null,
          sourceId: opts.sourceId,
        });
        out.updated++;
        out.toScore.push(existing.id);
        out.changed.push(existing.id);
      }
      if (r.label && existing.label === null) {
        applyLabel.run({ id: existing.id, label: r.label, now: iso, day });
        out.labelled++;
        if (out.changed.at(-1) !== existing.id) out.changed.push(existing.id);
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

export function writeScores(ctx: CoreContext, rows: { id: string; score: number }[], modelSha: string): void {
  const up = stmt(ctx, 'UPDATE comments SET score = ?, score_model_sha = ? WHERE id = ?');
  tx(ctx, () => {
    for (const r of rows) up.run(Number.isFinite(r.score) ? r.score : null, modelSha, r.id);
  });
}

export function textsOf(ctx: CoreContext, ids: string[]): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  const one = stmt(ctx, 'SELECT id, text FROM comments WHERE id = ?');
  for (const id of ids) {
    const r = one.get(id) as { id: string; text: string } | undefined;
    if (r) out.push(r);
  }
  return out;
}

/** Comments whose score is missing or came from another model, a batch at a time. */
export function staleBatch(ctx: CoreContext, modelSha: string, limit: number): { id: string; text: string }[] {
  return stmt(ctx, 'SELECT id, text FROM comments WHERE score_model_sha IS NULL OR score_model_sha <> ? LIMIT ?').all(
    modelSha,
    limit,
  ) as {
    id: string;
    text: string;
  }[];
}

// ---------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------

function viewWhere(view: CommentView): string {
  switch (view) {
    case 'all':
      return `status <> 'deleted'`;
    case 'new':
      return `status = 'new'`;
    case 'review':
      return `status = 'new' AND score IS NOT NULL AND score >= @review AND score < @spam`;
    case 'likely-spam':
      return `status = 'new' AND score IS NOT NULL AND score >= @spam`;
    case 'approved':
      return `status = 'approved'`;
    case 'spam':
      return `status = 'spam'`;
    case 'deleted':
      return `status = 'deleted'`;
  }
}

const SORTS = {
  newest: 'COALESCE(created_at, imported_at) DESC, id DESC',
  oldest: 'COALESCE(created_at, imported_at) ASC, id ASC',
  score: 'score IS NULL, score DESC, id DESC',
  'score-asc': 'score IS NULL, score ASC, id DESC',
} as const;

export function listRows(
  ctx: CoreContext,
  q: {
    view: CommentView;
    query?: string | undefined;
    page?: string | undefined;
    sort: keyof typeof SORTS;
    offset: number;
    limit: number;
  },
  t: SpamThresholdsDto,
): { rows: CommentRow[]; total: number } {
  const where = [viewWhere(q.view)];
  const params: Record<string, unknown> = { spam: t.spam, review: Math.min(t.review, t.spam) };
  if (q.page !== undefined) {
    where.push('page IS @page');
    params.page = q.page === '' ? null : q.page;
  }
  const words = (q.query ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 10);
  words.forEach((w, i) => {
    where.push(`(text LIKE @w${i} ESCAPE '\\' OR author LIKE @w${i} ESCAPE '\\' OR page LIKE @w${i} ESCAPE '\\')`);
    params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  });
  const sqlWhere = where.join(' AND ');
  const total = (stmt(ctx, `SELECT count(*) AS n FROM comments WHERE ${sqlWhere}`).get(params) as { n: number }).n;
  const rows = stmt(ctx, `SELECT * FROM comments WHERE ${sqlWhere} ORDER BY ${SORTS[q.sort]} LIMIT @limit OFFSET @offset`).all({
    ...params,
    limit: q.limit,
    offset: q.offset,
  }) as CommentRow[];
  return { rows, total };
}

export function countViews(ctx: CoreContext, t: SpamThresholdsDto): CommentCountsDto {
  const r = stmt(
    ctx,
    `SELECT
       COALESCE(sum(status <> 'deleted'), 0) AS "all",
       COALESCE(sum(status = 'new'), 0) AS "new",
       COALESCE(sum(status = 'new' AND score IS NOT NULL AND score >= @review AND score < @spam), 0) AS review,
       COALESCE(sum(status = 'new' AND score IS NOT NULL AND score >= @spam), 0) AS likely,
       COALESCE(sum(status = 'approved'), 0) AS approved,
       COALESCE(sum(status = 'spam'), 0) AS spam,
       COALESCE(sum(status = 'deleted'), 0) AS deleted,
       COALESCE(sum(score IS NULL AND status <> 'deleted'), 0) AS unscored
     FROM comments`,
  ).get({ spam: t.spam, review: Math.min(t.review, t.spam) }) as Record<string, number>;
  return {
    all: r.all!,
    new: r.new!,
    review: r.review!,
    'likely-spam': r.likely!,
    approved: r.approved!,
    spam: r.spam!,
    deleted: r.deleted!,
    unscored: r.unscored!,
  };
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

function chunks<T>(arr: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

export function statesOf(ctx: CoreContext, ids: string[]): CommentStateDto[] {
  const out: CommentStateDto[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const rows = stmt(
      ctx,
      `SELECT id, status, label, labeled_at FROM comments WHERE id IN (${part.map(() => '?').join(',')})`,
    ).all(...part) as {
      id: string;
      status: CommentStatus;
      label: CommentLabel | null;
      labeled_at: string | null;
    }[];
    for (const r of rows) out.push({ id: r.id, status: r.status, label: r.label, labeledAt: r.labeled_at });
  }
  return out;
}

/** Writes exact states (decisions and their undo). Returns how many rows changed. */
export function writeStates(
  ctx: CoreContext,
  states: { id: string; status: CommentStatus; label: CommentLabel | null; labeledAt: string | null }[],
): number {
  const iso = ctx.now().toISOString();
  const up = stmt(
    ctx,
    `UPDATE comments SET status = @status, label = @label, labeled_at = @labeledAt, labeled_day = @labeledDay, updated_at = @now
     WHERE id = @id AND (status IS NOT @status OR label IS NOT @label OR labeled_at IS NOT @labeledAt)`,
  );
  let changed = 0;
  tx(ctx, () => {
    for (const s of states) {
      const labeledDay = s.labeledAt ? localDay(new Date(s.labeledAt)) : null;
      changed += up.run({ id: s.id, status: s.status, label: s.label, labeledAt: s.labeledAt, labeledDay, now: iso }).changes;
    }
  });
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Labels (for the model)
// ---------------------------------------------------------------------------------------------

export interface LabelRow {
  id: string;
  text: string;
  label: CommentLabel;
  content_hash: string;
}

export function labelRows(ctx: CoreContext): LabelRow[] {
  return stmt(
    ctx,
    `SELECT id, text, label, content_hash FROM comments WHERE label IS NOT NULL ORDER BY labeled_at, id`,
  ).all() as LabelRow[];
}

export function labelCounts(ctx: CoreContext): { total: number; spam: number; ham: number } {
  const r = stmt(
    ctx,
    `SELECT count(*) AS total, COALESCE(sum(label = 'spam'), 0) AS spam FROM comments WHERE label IS NOT NULL`,
  ).get() as {
    total: number;
    spam: number;
  };
  return { total: r.total, spam: r.spam, ham: r.total - r.spam };
}

/** Identifies the set of labels (what each labelled comment says and how it was labelled). */
export function labelsDigest(ctx: CoreContext): string {
  const h = crypto.createHash('sha256');
  const rows = stmt(ctx, `SELECT content_hash, label FROM comments WHERE label IS NOT NULL ORDER BY content_hash, label`)
    .raw()
    .all() as [string, string][];
  for (const [hash, label] of rows) h.update(`${hash}:${label}\n`);
  return h.digest('hex');
}
