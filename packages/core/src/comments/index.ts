/**
 * The comments domain's public API: an inbox for the anonymous comments of the user's website, with a
 * local spam model doing the first pass and learning from the user's decisions.
 *
 * - Import: Firebase Realtime Database exports (objects keyed by id, `{comments: …}`, per-page nesting,
 *   replies), flat JSON arrays, JSON lines, CSV with column options; watched files re-imported on change
 *   (app and serve mode). Dedupe by (origin, id) or (origin, content hash); per-record errors reported.
 * - Scores come from the injected `SpamService` (`ctx.services.spam`, loaded lazily): without it the
 *   inbox still lists and imports, with "no score". Re-scored when the active model changes.
 * - Decisions: approve (= ham label), spam (= spam label), delete (soft; not a label), restore, reset,
 *   undo (`comments:revert`). Labels retrain the model in a worker (debounced, or `comments:retrain`),
 *   each run stored with before/after metrics on held-out labels.
 * - Activity: `comments.answered` (decisions per day) for stamps and the dashboard.
 * - Other domains: `comments:changed { ids, action }` after every write that changes what a comment
 *   says or where it is filed (imports, decisions, undo; not scores), and `getComment`,
 *   `iterateComments`, `countComments` to read them back (search indexes comments this way).
 *
 * Tables (for `folio sql`): comments, comment_sources (watched files), comment_model_runs (retraining).
 */
import type { CoreContext } from '../app/context';
import { registerActivityProvider } from '../stamps';
import { commentsActivityProvider } from './activity';
import { createCommentsHandlers } from './handlers';
import { CommentsService } from './service';

export { CommentsService } from './service';
export { commentsActivityProvider } from './activity';
export { parseCommentsFile, parseCommentsJson, parseCommentsCsv, contentHash, type ParsedComment } from './parse';
export { parseTimestamp, parseLabelCell } from './fields';
export { FALLBACK_THRESHOLDS } from './model';
export { getComment, iterateComments, countComments, type CommentItem } from './read';

/** Builds the comments domain for a core: its handlers, activity provider and background work. */
export function createComments(ctx: CoreContext): {
  handlers: ReturnType<typeof createCommentsHandlers>;
  service: CommentsService;
} {
  const service = new CommentsService(ctx);
  const provider = registerActivityProvider(ctx, commentsActivityProvider(ctx));
  ctx.onClose(async () => {
    provider.dispose();
    await service.close();
  });
  return { handlers: createCommentsHandlers(ctx, service), service };
}
