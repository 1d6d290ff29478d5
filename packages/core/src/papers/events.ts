import type { CoreContext } from '../app/context';
import type { PaperChangeAction } from '../contract/papers';

/**
 * After a write commits: `papers:changed` per paper (the search index listens) and one
 * `data:changed { domain: 'papers' }` (pages refetch, stamps re-evaluate). `quiet` skips the latter
 * for high-frequency writes nobody lists (page text).
 */
export function emitPaperChanges(
  ctx: CoreContext,
  changes: readonly { id: string; action: PaperChangeAction; annotationId?: string }[],
  opts: { quiet?: boolean } = {},
): void {
  if (changes.length === 0) return;
  for (const c of changes)
    ctx.events.emit(
      'papers:changed',
      c.annotationId ? { id: c.id, action: c.action, annotationId: c.annotationId } : { id: c.id, action: c.action },
    );
  if (!opts.quiet) {
    ctx.events.emit('data:changed', {
      domain: 'papers',
      ids: [...new Set(changes.map((c) => c.id))],
      action: changes[0]!.action,
    });
  }
}
