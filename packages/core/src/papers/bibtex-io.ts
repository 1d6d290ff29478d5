// BibTeX export of library items and import of .bib files (new link/book items, or merged into the item
// with the same DOI or arXiv id).
import type { CoreContext } from '../app/context';
import type { BibtexImportResultDto } from '../contract/papers';
import { parseBibtex, toBibtex, type PaperLike } from './bibtex';
import { emitPaperChanges } from './events';
import { getPaperRow, sqlite, stmt, tagsOf, tx, updatePaperColumns, type PaperRow, type Sqlite } from './repo';
import { buildPaperRow, insertNewPaper, relinkTitles, splitArxiv } from './service';

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
export function exportBibtex(ctx: CoreContext, ids?: readonly string[], opts: { abstract?: boolean } = {}): { text: string; count: number } {
  const db = sqlite(ctx);
  const rows = ids
    ? ids.map((id) => getPaperRow(db, id)).filter((r): r is PaperRow => r !== undefined)
    : (stmt(db, `SELECT * FROM papers ORDER BY added_at, id`).all() as PaperRow[]);
  return { text: toBibtex(rows.map((r) => toPaperLike(db, r)), { abstract: opts.abstract ?? false }), count: rows.length };
}

function findExisting(db: Sqlite, p: PaperLike): PaperRow | undefined {
  if (p.doi) {
    const r = stmt(db, `SELECT * FROM papers WHERE doi = ? LIMIT 1`).get(p.doi.toLowerCase()) as PaperRow | undefined;
    if (r) return r;
  }
  if (p.arxivId) {
    const id = splitArxiv(p.arxivId)?.id;
    const r = stmt(db, `SELECT * FROM papers WHERE arxiv_id = ? LIMIT 1`).get(id) as PaperRow | undefined;
    if (r) return r;
  }
  return undefined;
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

/** Fills the fields an existing item lacks; what it has stays. */
function mergeInto(db: Sqlite, row: PaperRow, p: PaperLike): Partial<PaperRow> {
  const cols: Partial<PaperRow> = {};
  const authors = JSON.parse(row.authors || '[]') as string[];
  if (authors.length === 0 && p.authors?.length) cols.authors = JSON.stringify(p.authors);
  if (row.year === null && p.year) cols.year = p.year;
  if (!row.venue && p.venue) cols.venue = p.venue;
  if (!row.doi && p.doi && !stmt(db, `SELECT 1 FROM papers WHERE doi = ?`).get(p.doi.toLowerCase())) cols.doi = p.doi.toLowerCase();
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
  if (!row.bibtex_extra) {
    const extra = extraOf(p);
    if (extra) cols.bibtex_extra = extra;
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
    for (const entry of parsed.entries) {
      const p = entry.paper;
      const title = p.title?.replace(/\s+/g, ' ').trim();
      if (!title) {
        if (result.errors.length < MAX_IMPORT_ERRORS) result.errors.push({ line: entry.line, message: `@${entry.type}{${entry.key}} has no title: skipped` });
        continue;
      }
      const existing = findExisting(db, p);
      if (existing) {
        const cols = mergeInto(db, existing, p);
        const action = Object.keys(cols).length > 0 ? 'merged' : 'unchanged';
        if (action === 'merged') {
          const sources = JSON.parse(existing.metadata_sources || '{}') as Record<string, string>;
          for (const k of Object.keys(cols)) sources[k] ??= 'bibtex';
          updatePaperColumns(db, existing.id, { ...cols, metadata_sources: JSON.stringify(sources), updated_at: ctx.now().toISOString() });
          result.merged++;
          changed.push({ id: existing.id, action: 'updated' });
        }
        result.items.push({ key: entry.key, id: existing.id, title: existing.title, action });
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
