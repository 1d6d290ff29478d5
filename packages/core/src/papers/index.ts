/**
 * The papers domain's public API, for other domains (search indexing, stamps, tracking's dashboard and
 * weekly review, io export) and the app (CLI, demo seed). Everything takes the `CoreContext` the caller's
 * handlers received; reads are synchronous (better-sqlite3).
 *
 * Events, emitted synchronously after a write commits:
 *   - `papers:changed { id, action, annotationId? }` per paper — `added`, `updated` (metadata, status,
 *     collections, last opened), `deleted`, `text` (more page text stored), `annotation-added`,
 *     `annotation-updated`, `annotation-deleted` (with `annotationId`);
 *   - `data:changed { domain: 'papers', ids, action }` (pages refetch; not for page text chunks);
 *   - `activity:changed { sources, day? }` for `papers.added`, `papers.finished`, `papers.highlight`,
 *     `papers.note`, `reading.minutes`;
 *   - `jobs:progress { job: 'papers:text:<id>', done, total, state }` while text is extracted.
 *
 * Tables (for `folio sql`): papers, paper_tags, paper_status_changes, paper_collections,
 * paper_collection_items, paper_annotations, paper_pages, reading_sessions, paper_pages_seen.
 */

// ----- Reading (search indexing) -----
/** `getPaper(ctx, id): PaperDto | null`; `requirePaper` throws `not_found`. */
export { getPaper, requirePaper } from './service';
/** `iteratePapers(ctx, { batchSize? }): Generator<PaperDto>` — every item, by id (creation order). */
export { iteratePapers } from './service';
/** `paperPages(ctx, id): { page, text }[]` — extracted text per 1-based page (grows while extraction runs). */
export { paperPages } from './service';
/** `listAnnotations(ctx, paperId): AnnotationDto[]` by page; `getAnnotation(ctx, id): AnnotationDto | null`. */
export { listAnnotations, getAnnotation } from './annotations';
/** `listPapers(ctx, { q?, status?, collectionId?, tag?, kind?, sort?, order?, offset?, limit? })`. */
/** `countPapers(ctx): number` — without building summaries. */
export { countPapers } from './service';
export { listPapers, describePaper, authorsShort, linkTitle, paperTitleKey, type ListPapersFilter } from './service';

// ----- Writing -----
/** `addPdfFile(ctx, path, opts)` (CLI) and `addPdfBlob(ctx, { sha256, fileName, blobExisted? ... })`: AddPaperResultDto; bad files throw `invalid_file`. */
export { addPdfBlob, addPdfFile, attachPdf, inspectBlob, titleFromFileName, type AddBlobInput } from './import';
export { addItem, updatePaper, deletePaper, setStatus, markOpened, savePosition, recordReadingActivity } from './service';
export { saveCollection, deleteCollection, listCollections, setCollectionItems } from './service';
export {
  createAnnotation,
  updateAnnotation,
  deleteAnnotation,
  annotationsMarkdown,
  createPaperNote,
  highlightColors,
  type NewAnnotationInput,
} from './annotations';
export { exportBibtex, importBibtex } from './bibtex-io';

// ----- Background text extraction -----
/** `whenTextIdle(ctx)` resolves once no extraction is queued or running (CLI, tests, benches). */
export { scheduleText, retryText, resumeText, whenTextIdle, TEXT_CHUNK_PAGES } from './text';

// ----- Activity (dashboard, goals, stamps) -----
/**
 * `papersDailyTotals(ctx, source, from, to): { day, count, sum }[]` for `papers.added`, `papers.finished`,
 * `papers.highlight` (highlights + region highlights), `papers.note` (sticky notes), `reading.minutes`
 * (count = sessions, sum = active minutes); `papersActivityItems(ctx, source, days, limit)`;
 * `readingStats(ctx, { from?, to?, tzOffsetMinutes? })` with today / week / month totals.
 * The provider is registered on the stamps activity registry by `createPapersHandlers`.
 */
export { papersDailyTotals, papersActivityItems, papersActivityProvider, readingStats, PAPERS_SOURCES } from './activity';

export { createPapersHandlers } from './handlers';
