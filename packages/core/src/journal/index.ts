/**
 * The journal domain's public API, for other domains (io import/export/publish, search indexing,
 * papers "create paper note", tracking's weekly review, stamps). Everything takes the `CoreContext`
 * the caller's handlers received. All functions are synchronous (better-sqlite3) and run their
 * writes in one transaction each; after it commits they emit
 *   - `data:changed { domain: 'journal', ids, action }` (pages refetch), and
 *   - `journal:entry-changed { id, action: 'saved' | 'deleted' | 'restored' | 'purged' }` per entry,
 * synchronously, so a listener (the FTS index) sees the committed row when it runs.
 *
 * Entries: `body` is markdown; `properties` a JSON object of named fields (front matter); `date` the
 * calendar day the entry belongs to; `createdAt`/`updatedAt` when it was written (UTC), with
 * `tzOffsetMinutes`. User errors are `FolioError`s (`bad_request` with `details.issues`, `not_found`,
 * `conflict` with `details.current` or `details.existingId`, `read_only` for locked entries).
 *
 * Tables (for `folio sql`): entries, entry_revisions, entry_tags, entry_links, entry_kinds, entry_templates.
 */

// ----- Reading -----
/** `getEntry(ctx, id): EntryDto | null` — live or trashed (check `deletedAt`). `requireEntry` throws `not_found`. */
export { getEntry, requireEntry } from './service';
/**
 * `listEntries(ctx, filter): { items: EntrySummaryDto[], total, nextOffset }` — filter by kind(s), tag (with its
 * series), date range, isPublic, title words, `writtenOnly`, `trashed`; order date-desc (default), date-asc,
 * updated-desc; paged by offset/limit (default 50).
 */
export { listEntries, type ListFilter } from './queries';
/**
 * `iterateAllEntries(ctx, { includeDeleted?, batchSize? }): Generator<EntryDto>` — every entry with body,
 * properties and tags, by date then id, read in batches (export, building an index). Do not write to the
 * journal while iterating.
 */
export { iterateAllEntries } from './queries';
/**
 * `entryActivity(ctx, from, to): { date, kind, count, words }[]` — per day and kind, entries written in
 * (template-fresh ones excluded) and their words, for days in [from, to]. One indexed GROUP BY.
 */
export { entryActivity, type DayActivity } from './queries';
/**
 * `writtenEntryCount(ctx): number` — live entries written in (what `entryActivity` over all days adds up to);
 * `entryDay(ctx, id): string | null` — the day an entry sits on (trashed ones too).
 */
export { writtenEntryCount, entryDay } from './queries';
/** `listKinds(ctx): KindDto[]` (keys: daily, post, weekly, meeting, paper, note + user-defined). */
export { listKinds, listTemplates, getTemplate } from './service';
export { calendar, streak, onThisDay, titles, titleScore, backlinks, tags, revisions, revision } from './queries';

// ----- Writing -----
/**
 * `createEntry(ctx, input: CreateEntryInput): EntryDto` — `kind` (default post), `templateId` (undefined: the
 * kind's template; null: none), `title`, `date` (default today in `tzOffsetMinutes`), `time`, `body`,
 * `properties` (merged over the template's), `isPublic` (default: the kind's), `locked`, `createdAt`/`updatedAt`.
 * A second live daily note for a date is refused (`conflict`, `details.existingId`).
 * E.g. papers: `createEntry(ctx, { kind: 'paper', title: paper.title, properties: { paper: `[[${paper.title}]]` } })`.
 */
export { createEntry, type CreateEntryInput } from './service';
/** `getOrCreateToday(ctx, { date?, tzOffsetMinutes? }): EntryDto` — the daily note, created from the daily template. */
export { getOrCreateToday } from './service';
/**
 * `saveEntry(ctx, { id, baseRevision, title?, body?, properties?, date?, time?, kind?, isPublic?, mode? }): EntryDto`
 * — optimistic: a stale `baseRevision` throws `conflict` with `details.current`. Tags and links are derived
 * from the body and properties. A title change rewrites links to the entry like `renameEntry`.
 */
export { saveEntry, renameEntry, type SaveEntryInput } from './service';
/**
 * `upsertImportedEntry(ctx, { sourceKey, kind, date, body, title?, time?, properties?, isPublic?, locked?,
 * createdAt?, updatedAt?, tzOffsetMinutes? }, { onExisting?: 'update' | 'skip' }): { id, action, reason? }` —
 * idempotent by `sourceKey`, one transaction per entry: `created` | `updated` (a new `import` revision; the old
 * text stays in history) | `unchanged` | `skipped` (`trashed`, `locked`, `kept`). A daily note whose date
 * already has a written daily note throws `conflict` (`details.existingId`); a template-fresh one is taken over.
 * Unknown kinds are refused: call `ensureKind(ctx, key, name)` first.
 */
export { upsertImportedEntry, ensureKind, type ImportEntryInput, type ImportResult, type ImportAction } from './service';
export {
  trashEntry,
  restoreEntry,
  purgeEntries,
  restoreRevision,
  lockEntry,
  unlockEntry,
  appendEditNote,
  applyTemplate,
} from './service';
export { saveTemplate, deleteTemplate, resetTemplates, saveKind, deleteKind } from './service';

// ----- Links to other domains -----
/**
 * `registerTitleProvider(ctx, { kind: 'paper', search(query, limit): TitleHitDto[], resolve(titleKey): id | null })`
 * — the papers domain adds its titles to the quick switcher / [[link]] autocomplete (`journal:titles`) and lets
 * `[[Paper title]]` resolve to a paper (`entry_links.target_paper_id`). After adding papers, call
 * `refreshLinks(ctx, keys?)` so existing links to their titles resolve.
 */
export { registerTitleProvider, type TitleProvider } from './link-providers';
export { refreshLinks, wordCountOf, cleanTitle } from './service';
/** Markdown utilities (links, tags, plain text, word counts, mentions). */
export { titleKey, markdownToPlainText, extractTags, extractWikilinks, countWords } from './markdown';
export * from './markdown';

export { createJournalHandlers } from './handlers';
