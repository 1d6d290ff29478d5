// BibTeX export of library items and import of .bib files: each entry is merged into the item it
// describes (same DOI, same arXiv id, or the same work by title, first author and year — see
// `sameWork`), else added as a new link/book item. Importing the same file twice never makes copies.
import type { CoreContext } from '../app/context';
import type { BibtexImportResultDto } from '../contract/papers';
import { parseBibtex, splitPersonName, toBibtex, type PaperLike } from './bibtex';
import { foldForCompare } from './pdf/text-fixes';
import { emitPaperChanges } from './events';
import { getPaperRow, sqlite, stmt, tagsOf, tx, updatePaperColumns, type PaperRow, type Sqlite } from './repo';
import { buildPaperRow, insertNewPaper, paperTitleKey, relinkTitles, splitArxiv } from './service';

interface BibExtra {
  entryType?: string;
  volume?: string;
  number?: string;
  pages?: string;
  note?: string;
}

function parseExtra(raw: string | null): BibExtra {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as BibExtra;
  } catch {
    return {};
  }
}

export function toPaperLike(db: Sqlite, row: PaperRow): PaperLike {
  const extra = parseExtra(row.bibtex_extra);
  return {
    title: row.title,
    authors: JSON.parse(row.authors || '[]') as string[],
    year: row.year,
    venue: row.venue,
    doi: row.doi,
    arxivId: row.arxiv_id,
    arxivCategory: row.arxiv_category,
    url: row.url,
    abstract: row.abstract,
    publisher: row.publisher,
    keywords: tagsOf(db, row.id),
    citationKey: row.citation_key,
    entryType: extra.entryType ?? (row.kind === 'book' ? 'book' : null),
    volume: extra.volume ?? null,
    number: extra.number ?? null,
    pages: extra.pages ?? null,
    note: extra.note ?? null,
  };
}

/** BibTeX of the given items in the given order (all items, oldest first, when `ids` is omitted). */
export function exportBibtex(
  ctx: CoreContext,
  ids?: readonly string[],
  opts: { abstract?: boolean } = {},
): { text: string; count: number } {
  const db = sqlite(ctx);
  const rows = ids
    ? ids.map((id) => getPaperRow(db, id)).filter((r): r is PaperRow => r !== undefined)
    : (stmt(db, `SELECT * FROM papers ORDER BY added_at, id`).all() as PaperRow[]);
  return {
    text: toBibtex(
      rows.map((r) => toPaperLike(db, r)),
      { abstract: opts.abstract ?? false },
    ),
    count: rows.length,
  };
}

/** A title with case, punctuation, spacing, diacritics and LaTeX leftovers folded away. */
export function foldTitle(title: string): string {
  return foldForCompare(title.replace(/[{}\\]/g, ''));
}

/** The first author's surname, folded ('' when there is none). */
export function firstSurname(authors: readonly string[] | null | undefined): string {
  const first = authors?.find((a) => a.trim());
  if (!first) return '';
  const parts = splitPersonName(first);
  return foldForCompare(parts.last || first);
}

function sameSurname(a: string, b: string): boolean {
  if (a === b) return true;
  // "van den Oord" against "Oord", "Le Cun" against "LeCun".
  const lastA = a.split(' ').at(-1)!;
  const lastB = b.split(' ').at(-1)!;
  return lastA === lastB || a.replace(/ /g, '') === b.replace(/ /g, '');
}

/** Years Folio guessed from a PDF's file dates or reference list: too weak to tell two works apart. */
const WEAK_YEAR_SOURCES = new Set(['info', 'xmp', 'references']);

interface Known {
  row: PaperRow;
  surname: string;
  year: number | null;
}

/**
 * The library by folded title, read once per import (and kept up to date with what the import adds,
 * so a .bib that lists a work twice adds it once).
 */
class TitleIndex {
  private readonly byTitle = new Map<string, Known[]>();
  constructor(db: Sqlite) {
    for (const row of stmt(db, `SELECT * FROM papers`).iterate() as IterableIterator<PaperRow>) this.add(row);
  }
  /** Folded and without spaces, so "Pre-training" and "Pretraining" meet. */
  private static key(title: string): string {
    return foldTitle(title).replace(/ /g, '');
  }
  add(row: PaperRow): void {
    const key = TitleIndex.key(row.title);
    if (!key) return;
    const sources = JSON.parse(row.metadata_sources || '{}') as Record<string, string>;
    const known: Known = {
      row,
      surname: firstSurname(JSON.parse(row.authors || '[]') as string[]),
      year: row.year !== null && !WEAK_YEAR_SOURCES.has(sources.year ?? '') ? row.year : null,
    };
    const list = this.byTitle.get(key) ?? [];
    list.push(known);
    this.byTitle.set(key, list);
  }
  replace(row: PaperRow): void {
    for (const list of this.byTitle.values()) {
      const i = list.findIndex((k) => k.row.id === row.id);
      if (i >= 0) list.splice(i, 1);
    }
    this.add(row);
  }
  find(p: PaperLike): PaperRow | undefined {
    const folded = foldTitle(p.title ?? '');
    if (!folded) return undefined;
    return this.byTitle.get(TitleIndex.key(folded))?.find((k) => sameWork(k, folded, p))?.row;
  }
}

/**
 * Same work, given equal folded titles: the first authors' surnames agree (when both list authors;
 * without them on one side the title alone must be distinctive, four words or more), and the years
 * agree within one (a preprint and its proceedings) when both have one.
 */
function sameWork(known: Known, foldedTitle: string, p: PaperLike): boolean {
  const surname = firstSurname(p.authors);
  if (known.surname && surname) {
    if (!sameSurname(known.surname, surname)) return false;
  } else if (foldedTitle.split(' ').length < 4) return false;
  if (known.year !== null && p.year && Math.abs(known.year - p.year) > 1) return false;
  return true;
}

function findExisting(db: Sqlite, index: TitleIndex, p: PaperLike): PaperRow | undefined {
  if (p.doi) {
    const r = stmt(db, `SELECT * FROM papers WHERE doi = ? LIMIT 1`).get(p.doi.toLowerCase()) as PaperRow | undefined;
    if (r) return r;
  }
  if (p.arxivId) {
    const id = splitArxiv(p.arxivId)?.id;
    const r = stmt(db, `SELECT * FROM papers WHERE arxiv_id = ? LIMIT 1`).get(id) as PaperRow | undefined;
    if (r) return r;
  }
  return index.find(p);
}

function extraOf(p: PaperLike): string | null {
  const e: BibExtra = {};
  if (p.entryType) e.entryType = p.entryType;
  if (p.volume) e.volume = p.volume;
  if (p.number) e.number = p.number;
  if (p.pages) e.pages = p.pages;
  if (p.note) e.note = p.note;
  return Object.keys(e).length ? JSON.stringify(e) : null;
}

/** Where a PDF's own metadata came from when Folio guessed it (layout, file dates...): BibTeX knows better. */
const GUESSED_SOURCES = new Set(['layout', 'info', 'xmp', 'text', 'references', 'stamp', 'file-name', 'none']);

/**
 * Fills the fields an existing item lacks; what it has stays — except authors, year and a title taken
 * from the file name, when Folio guessed them from the PDF and nobody edited them: the BibTeX entry
 * replaces those guesses. Fields the user edited (source `user`) are never touched.
 */
function mergeInto(db: Sqlite, row: PaperRow, p: PaperLike): Partial<PaperRow> {
  const cols: Partial<PaperRow> = {};
  const sources = JSON.parse(row.metadata_sources || '{}') as Record<string, string>;
  const guessed = (field: string) => sources[field] !== undefined && GUESSED_SOURCES.has(sources[field]);
  const title = p.title?.replace(/\s+/g, ' ').trim().slice(0, 500);
  if (title && sources.title === 'file-name' && title !== row.title) {
    cols.title = title;
    cols.title_key = paperTitleKey(title);
  }
  const authors = JSON.parse(row.authors || '[]') as string[];
  if (p.authors?.length && (authors.length === 0 || guessed('authors')) && JSON.stringify(p.authors) !== row.authors)
    cols.authors = JSON.stringify(p.authors);
  const year = p.year && p.year >= 1000 && p.year <= 2200 ? p.year : null;
  if (year && (row.year === null || guessed('year')) && year !== row.year) cols.year = year;
  if (!row.venue && p.venue) cols.venue = p.venue;
  if (!row.doi && p.doi && !stmt(db, `SELECT 1 FROM papers WHERE doi = ?`).get(p.doi.toLowerCase()))
    cols.doi = p.doi.toLowerCase();
  if (!row.arxiv_id && p.arxivId) {
    const a = splitArxiv(p.arxivId)!;
    if (a.id && !stmt(db, `SELECT 1 FROM papers WHERE arxiv_id = ?`).get(a.id)) {
      cols.arxiv_id = a.id;
      cols.arxiv_version = a.version;
    }
  }
  if (!row.arxiv_category && p.arxivCategory) cols.arxiv_category = p.arxivCategory;
  if (!row.url && p.url) cols.url = p.url;
  if (!row.abstract && p.abstract) cols.abstract = p.abstract;
  if (!row.publisher && p.publisher) cols.publisher = p.publisher;
  if (!row.citation_key && p.citationKey) cols.citation_key = p.citationKey;
  const extra = extraOf(p);
  if (extra) {
    // Volume, number, pages...: add the ones the item lacks.
    const have = parseExtra(row.bibtex_extra);
    const add = JSON.parse(extra) as BibExtra;
    const missing = (Object.keys(add) as (keyof BibExtra)[]).filter((k) => have[k] === undefined);
    if (missing.length > 0)
      cols.bibtex_extra = JSON.stringify({ ...have, ...Object.fromEntries(missing.map((k) => [k, add[k]])) });
  }
  return cols;
}

const MAX_IMPORT_ERRORS = 500;

export function importBibtex(ctx: CoreContext, text: string, opts: { tzOffsetMinutes?: number } = {}): BibtexImportResultDto {
  const parsed = parseBibtex(text);
  const result: BibtexImportResultDto = { created: 0, merged: 0, items: [], errors: parsed.errors.slice(0, MAX_IMPORT_ERRORS) };
  const changed: { id: string; action: 'added' | 'updated' }[] = [];
  const keys: string[] = [];
  tx(ctx, (db) => {
    const index = new TitleIndex(db);
    for (const entry of parsed.entries) {
      const p = entry.paper;
      const title = p.title?.replace(/\s+/g, ' ').trim();
      if (!title) {
        if (result.errors.length < MAX_IMPORT_ERRORS)
          result.errors.push({ line: entry.line, message: `@${entry.type}{${entry.key}} has no title: skipped` });
        continue;
      }
      const existing = findExisting(db, index, p);
      if (existing) {
        const cols = mergeInto(db, existing, p);
        const action = Object.keys(cols).length > 0 ? 'merged' : 'unchanged';
        if (action === 'merged') {
          const sources = JSON.parse(existing.metadata_sources || '{}') as Record<string, string>;
          for (const k of Object.keys(cols)) {
            if (k === 'title_key') continue;
            const field = k === 'arxiv_id' || k === 'arxiv_version' ? 'arxivId' : k;
            sources[field] = sources[field] === undefined || GUESSED_SOURCES.has(sources[field]) ? 'bibtex' : sources[field];
          }
          updatePaperColumns(db, existing.id, {
            ...cols,
            metadata_sources: JSON.stringify(sources),
            updated_at: ctx.now().toISOString(),
          });
          result.merged++;
          changed.push({ id: existing.id, action: 'updated' });
          if (cols.title_key) keys.push(existing.title_key, cols.title_key);
          index.replace(getPaperRow(db, existing.id)!);
        }
        result.items.push({ key: entry.key, id: existing.id, title: cols.title ?? existing.title, action });
        continue;
      }
      const arxiv = splitArxiv(p.arxivId ?? null);
      const row = buildPaperRow(ctx, {
        kind: entry.type === 'book' ? 'book' : 'link',
        title: title.slice(0, 500),
        authors: p.authors ? [...p.authors] : [],
        year: p.year && p.year >= 1000 && p.year <= 2200 ? p.year : null,
        venue: p.venue ?? null,
        doi: p.doi ?? null,
        arxivId: arxiv?.id ?? null,
        arxivVersion: arxiv?.version ?? null,
        arxivCategory: p.arxivCategory ?? null,
        url: p.url ?? null,
        abstract: p.abstract ?? null,
        publisher: p.publisher ?? null,
        citationKey: entry.key || null,
        bibtexExtra: extraOf(p),
        metadataSources: { title: 'bibtex', authors: 'bibtex', year: 'bibtex' },
        ...(opts.tzOffsetMinutes !== undefined ? { tzOffsetMinutes: opts.tzOffsetMinutes } : {}),
      });
      const tags = (p.keywords ?? []).map((k) => k.trim().replace(/\s+/g, '-').replace(/^#/, '').slice(0, 100)).filter(Boolean);
      insertNewPaper(db, row, { tags });
      index.add(row);
      result.created++;
      changed.push({ id: row.id, action: 'added' });
      keys.push(row.title_key);
      result.items.push({ key: entry.key, id: row.id, title: row.title, action: 'created' });
    }
  });
  emitPaperChanges(ctx, changed);
  if (result.created > 0) ctx.events.emit('activity:changed', { sources: ['papers.added'] });
  relinkTitles(ctx, keys);
  return result;
}
