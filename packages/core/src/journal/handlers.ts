import type { CoreContext } from '../app/context';
import type { journalContract } from '../contract/journal';
import type { HandlersOf } from '../contract/rpc';
import { backlinks, calendar, listEntries, listTrash, onThisDay, revision, revisions, streak, tags, titles } from './queries';
import {
  appendEditNote,
  applyTemplate,
  backfillAliases,
  createEntry,
  deleteKind,
  deleteTemplate,
  ensureSeeded,
  getOrCreateToday,
  listKinds,
  listTemplates,
  lockEntry,
  purgeEntries,
  renameEntry,
  requireEntry,
  resetTemplates,
  restoreEntry,
  restoreRevision,
  saveEntry,
  saveKind,
  saveTemplate,
  trashEntry,
  unlockEntry,
} from './service';

export function createJournalHandlers(ctx: CoreContext): HandlersOf<typeof journalContract> {
  // Aliases of entries written before the alias index existed, or brought back by a restore.
  backfillAliases(ctx);
  const sub = ctx.events.on('data:changed', (e) => {
    if (e.domain === '*') backfillAliases(ctx);
  });
  ctx.onClose(() => sub.dispose());
  return {
    async 'journal:today'(p) {
      return getOrCreateToday(ctx, p);
    },
    async 'journal:get'({ id }) {
      return requireEntry(ctx, id);
    },
    async 'journal:list'(p) {
      return listEntries(ctx, p);
    },
    async 'journal:create'(p) {
      return createEntry(ctx, p);
    },
    async 'journal:save'(p) {
      return saveEntry(ctx, p);
    },
    async 'journal:rename'(p) {
      return renameEntry(ctx, p);
    },
    async 'journal:apply-template'(p) {
      return applyTemplate(ctx, p);
    },
    async 'journal:delete'({ id }) {
      return trashEntry(ctx, id);
    },
    async 'journal:trash'({ offset, limit }) {
      return listTrash(ctx, offset, limit);
    },
    async 'journal:restore'({ id }) {
      return restoreEntry(ctx, id);
    },
    async 'journal:purge'({ id }) {
      return { purged: purgeEntries(ctx, [id]) };
    },
    async 'journal:empty-trash'() {
      return { purged: purgeEntries(ctx, 'all-trashed') };
    },
    async 'journal:revisions'({ id }) {
      return revisions(ctx, id);
    },
    async 'journal:revision'({ id, revision: rev }) {
      return revision(ctx, id, rev);
    },
    async 'journal:restore-revision'(p) {
      return restoreRevision(ctx, p);
    },
    async 'journal:lock'({ id }) {
      return lockEntry(ctx, id);
    },
    async 'journal:unlock'({ id }) {
      return unlockEntry(ctx, id);
    },
    async 'journal:append-edit-note'(p) {
      return appendEditNote(ctx, p);
    },
    async 'journal:calendar'({ month }) {
      return calendar(ctx, month);
    },
    async 'journal:streak'({ today }) {
      return streak(ctx, today);
    },
    async 'journal:on-this-day'({ date }) {
      return onThisDay(ctx, date);
    },
    async 'journal:titles'({ query, limit, include }) {
      return titles(ctx, query, limit, include);
    },
    async 'journal:backlinks'({ id }) {
      return backlinks(ctx, id);
    },
    async 'journal:tags'() {
      return tags(ctx);
    },
    async 'journal:templates'() {
      return listTemplates(ctx);
    },
    async 'journal:template-save'(p) {
      return saveTemplate(ctx, p);
    },
    async 'journal:template-delete'({ id }) {
      deleteTemplate(ctx, id);
      return { deleted: true as const };
    },
    async 'journal:template-reset'({ id }) {
      return resetTemplates(ctx, id);
    },
    async 'journal:kinds'() {
      ensureSeeded(ctx);
      return listKinds(ctx);
    },
    async 'journal:kind-save'(p) {
      return saveKind(ctx, p);
    },
    async 'journal:kind-delete'({ key }) {
      deleteKind(ctx, key);
      return { deleted: true as const };
    },
  };
}
