// Reading comments from other domains (search indexes them). Plain reads on the open database; no
// spam band here: the band depends on the loaded model's thresholds, which only the inbox needs.
import type { CoreContext } from '../app/context';
import type { CommentDto, CommentStatus } from '../contract/comments';
import { getRow, stmt, type CommentRow } from './store';

/** A comment as other domains see it: the inbox's DTO without the spam band. */
export type CommentItem = Omit<CommentDto, 'band'>;

/** Rows read per query while iterating. */
const BATCH = 500;

function toItem(r: CommentRow): CommentItem {
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
    label: r.label,
    labeledAt: r.labeled_at,
    emptyText: r.empty_text === 1,
    sourceId: r.source_id,
  };
}

/** One comment by Folio's id, whatever its status; null when unknown. */
export function getComment(ctx: CoreContext, id: string): CommentItem | null {
  const r = getRow(ctx, id);
  return r ? toItem(r) : null;
}

function statusFilter(statuses: readonly CommentStatus[] | undefined): { sql: string; params: string[] } {
  if (!statuses) return { sql: '', params: [] };
  if (statuses.length === 0) return { sql: ' AND 0', params: [] };
  return { sql: ` AND status IN (${statuses.map(() => '?').join(', ')})`, params: [...statuses] };
}

/**
 * Every comment (or those with one of `statuses`), in id order, read `BATCH` rows at a time. Safe to
 * pause between items: each batch starts after the last id seen, so writes in between do not repeat
 * or skip the comments that stayed.
 */
export function* iterateComments(ctx: CoreContext, opts: { statuses?: readonly CommentStatus[] } = {}): Generator<CommentItem> {
  const f = statusFilter(opts.statuses);
  let after = '';
  for (;;) {
    const rows = stmt(ctx, `SELECT * FROM comments WHERE id > ?${f.sql} ORDER BY id LIMIT ${BATCH}`).all(
      after,
      ...f.params,
    ) as CommentRow[];
    for (const r of rows) yield toItem(r);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** How many comments there are (with one of `statuses`, when given). Uses the status index. */
export function countComments(ctx: CoreContext, opts: { statuses?: readonly CommentStatus[] } = {}): number {
  const f = statusFilter(opts.statuses);
  return (stmt(ctx, `SELECT count(*) AS n FROM comments WHERE 1${f.sql}`).get(...f.params) as { n: number }).n;
}
