import type { CoreContext } from '../app/context';
import type { TitleHitDto } from '../contract/journal';
import type { papersContract } from '../contract/papers';
import type { HandlersOf } from '../contract/rpc';
import { registerTitleProvider, titleKey } from '../journal';
import { registerActivityProvider } from '../stamps';
import { papersActivityProvider, readingStats } from './activity';
import {
  annotationsMarkdown,
  createAnnotation,
  createPaperNote,
  deleteAnnotation,
  listAnnotations,
  updateAnnotation,
} from './annotations';
import { exportBibtex, importBibtex } from './bibtex-io';
import { addPdfBlob, attachPdf } from './import';
import { sqlite, stmt } from './repo';
import {
  addItem,
  deleteCollection,
  deletePaper,
  describePaper,
  listCollections,
  listPapers,
  markOpened,
  recordReadingActivity,
  requirePaper,
  saveCollection,
  savePosition,
  setCollectionItems,
  setStatus,
  updatePaper,
} from './service';
import { resumeText, retryText } from './text';

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Papers in the journal's quick switcher and [[link]] autocomplete, and `[[Paper title]]` resolving to them. */
function registerPaperTitles(ctx: CoreContext): void {
  registerTitleProvider(ctx, {
    kind: 'paper',
    search(query, limit) {
      const words = titleKey(query).split(' ').filter(Boolean);
      const rows = sqlite(ctx)
        .prepare(
          `SELECT id, title, authors, year FROM papers WHERE 1 = 1 ${words.map(() => `AND title_key LIKE ? ESCAPE '\\'`).join(' ')}
           ORDER BY coalesce(last_opened_at, added_at) DESC LIMIT ?`,
        )
        .all(...words.map((w) => `%${likeEscape(w)}%`), words.length ? Math.max(limit, 200) : limit) as {
        id: string;
        title: string;
        authors: string;
        year: number | null;
      }[];
      return rows.map((r): TitleHitDto => ({
        kind: 'paper',
        id: r.id,
        title: r.title,
        detail: describePaper({ title: r.title, authors: JSON.parse(r.authors) as string[], year: r.year }) || 'Paper',
      }));
    },
    resolve(targetKey) {
      const row = stmt(sqlite(ctx), `SELECT id FROM papers WHERE title_key = ? ORDER BY added_at LIMIT 1`).get(targetKey) as
        { id: string } | undefined;
      return row?.id ?? null;
    },
  });
}

export function createPapersHandlers(ctx: CoreContext): HandlersOf<typeof papersContract> {
  registerPaperTitles(ctx);
  registerActivityProvider(ctx, papersActivityProvider(ctx));
  resumeText(ctx);
  return {
    async 'papers:list'(p) {
      return listPapers(ctx, p);
    },
    async 'papers:get'({ id }) {
      return requirePaper(ctx, id);
    },
    async 'papers:add-blob'(p) {
      return addPdfBlob(ctx, p);
    },
    async 'papers:attach-pdf'(p) {
      return attachPdf(ctx, p);
    },
    async 'papers:add-item'(p) {
      return addItem(ctx, p);
    },
    async 'papers:update'(p) {
      return updatePaper(ctx, p);
    },
    async 'papers:delete'({ id }) {
      deletePaper(ctx, id);
      return { deleted: true as const };
    },
    async 'papers:set-status'({ id, status, tzOffsetMinutes }) {
      return setStatus(ctx, id, status, tzOffsetMinutes);
    },
    async 'papers:opened'({ id }) {
      return markOpened(ctx, id);
    },
    async 'papers:position'(p) {
      savePosition(ctx, p);
      return { saved: true as const };
    },
    async 'papers:reading-activity'(p) {
      return recordReadingActivity(ctx, p);
    },
    async 'papers:stats'(p) {
      return readingStats(ctx, p);
    },
    async 'papers:annotations'({ paperId }) {
      requirePaper(ctx, paperId);
      return listAnnotations(ctx, paperId);
    },
    async 'papers:annotation-create'({ paperId, annotation, tzOffsetMinutes }) {
      return createAnnotation(ctx, paperId, annotation, tzOffsetMinutes);
    },
    async 'papers:annotation-update'(p) {
      return updateAnnotation(ctx, p);
    },
    async 'papers:annotation-delete'({ id }) {
      deleteAnnotation(ctx, id);
      return { deleted: true as const };
    },
    async 'papers:annotations-markdown'({ id }) {
      return annotationsMarkdown(ctx, id);
    },
    async 'papers:create-note'({ id, fresh, tzOffsetMinutes }) {
      return createPaperNote(ctx, id, { fresh, ...(tzOffsetMinutes !== undefined ? { tzOffsetMinutes } : {}) });
    },
    async 'papers:bibtex'({ ids, abstract }) {
      return exportBibtex(ctx, ids, { abstract });
    },
    async 'papers:import-bibtex'({ text }) {
      return importBibtex(ctx, text);
    },
    async 'papers:collections'() {
      return listCollections(ctx);
    },
    async 'papers:collection-save'(p) {
      return saveCollection(ctx, p);
    },
    async 'papers:collection-delete'({ id }) {
      deleteCollection(ctx, id);
      return { deleted: true as const };
    },
    async 'papers:collection-items'(p) {
      return setCollectionItems(ctx, p);
    },
    async 'papers:extract-text'({ id }) {
      requirePaper(ctx, id);
      return { queued: retryText(ctx, id) };
    },
  };
}
