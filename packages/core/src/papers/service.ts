// The library: items, metadata, the reading queue, reader state, the reading log and collections.
// Adding PDFs lives in import.ts, annotations in annotations.ts, text extraction in text.ts.
import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import {
  libraryMatcher,
  sortPapers,
  paperHaystack,
  PAPER_STATUS_LABELS,
  type CollectionDto,
  type PaperDto,
  type PaperKind,
  type PaperStatus,
  type PaperSummaryDto,
  type PaperSort,
} from '../contract/papers';
import { refreshLinks, titleKey } from '../journal';
import { emitPaperChanges } from './events';
import {
  allSummaries,
  dayOf,
  getPaperRow,
  insertPaperRow,
  newId,
  replaceTags,
  requirePaperRow,
  sqlite,
  stmt,
  toPaperDto,
  tx,
  updatePaperColumns,
  type PaperRow,
  type Sqlite,
} from './repo';

// ---------------------------------------------------------------------------------------------
// Titles and links
// ---------------------------------------------------------------------------------------------

/** The title as a [[link]] target: characters that would break a wikilink become spaces. */
export function linkTitle(title: string): string {
  return title
    .replace(/\[\[|\]\]|[[\]|#^]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function paperTitleKey(title: string): string {
  return titleKey(linkTitle(title));
}

/** "Vaswani et al. · 2017" */
export function authorsShort(authors: readonly string[]): string {
  if (authors.length === 0) return '';
  const last = (name: string) => (name.includes(',') ? name.split(',')[0]!.trim() : (name.trim().split(/\s+/).pop() ?? name));
  if (authors.length === 1) return last(authors[0]!);
  if (authors.length === 2) return `${last(authors[0]!)} & ${last(authors[1]!)}`;
  return `${last(authors[0]!)} et al.`;
}

export function describePaper(p: { title: string; authors: readonly string[]; year: number | null }): string {
  return [authorsShort(p.authors), p.year ?? ''].filter(Boolean).join(' · ');
}

/** After titles changed: [[links]] naming them resolve (or stop resolving) to the paper. */
export function relinkTitles(ctx: CoreContext, keys: readonly string[]): void {
  const wanted = [...new Set(keys.filter(Boolean))];
  if (wanted.length === 0) return;
  try {
    refreshLinks(ctx, wanted);
  } catch (err) {
    // Links are a convenience: never fail a library write because of them.
    console.error('[folio] papers: could not refresh links', err);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export function getPaper(ctx: CoreContext, id: string): PaperDto | null {
  const db = sqlite(ctx);
  const row = getPaperRow(db, id);
  return row ? toPaperDto(db, row) : null;
}

export function requirePaper(ctx: CoreContext, id: string): PaperDto {
  const db = sqlite(ctx);
  return toPaperDto(db, requirePaperRow(db, id));
}

export interface ListPapersFilter {
  q?: string;
  status?: PaperStatus;
  collectionId?: string;
  tag?: string;
  kind?: PaperKind;
  sort?: PaperSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/** The library, filtered and sorted the same way the UI does it client-side. */
export function listPapers(ctx: CoreContext, f: ListPapersFilter = {}): { items: PaperSummaryDto[]; total: number } {
  let items = allSummaries(sqlite(ctx));
  if (f.status) items = items.filter((p) => p.status === f.status);
  if (f.kind) items = items.filter((p) => p.kind === f.kind);
  if (f.collectionId) items = items.filter((p) => p.collectionIds.includes(f.collectionId!));
  if (f.tag) {
    const t = f.tag.replace(/^#/, '').toLowerCase();
    items = items.filter((p) => p.tags.some((x) => x.toLowerCase() === t || x.toLowerCase().startsWith(`${t}/`)));
  }
  const match = f.q ? libraryMatcher(f.q) : null;
  if (match) items = items.filter((p) => match(paperHaystack(p)));
  if ((f.sort && f.sort !== 'added') || f.order === 'asc') items = sortPapers(items, f.sort ?? 'added', f.order);
  const total = items.length;
  const offset = f.offset ?? 0;
  return { items: items.slice(offset, offset + (f.limit ?? total)), total };
}

/** How many items the library holds (cheap: no summaries built). */
export function countPapers(ctx: CoreContext): number {
  return (stmt(sqlite(ctx), `SELECT count(*) AS n FROM papers`).get() as { n: number }).n;
}

/** Every item with full details, in the order they were added (search indexing, export). */
export function* iteratePapers(ctx: CoreContext, opts: { batchSize?: number } = {}): Generator<PaperDto> {
  const db = sqlite(ctx);
  const size = opts.batchSize ?? 200;
  let after = '';
  for (;;) {
    const rows = stmt(db, `SELECT * FROM papers WHERE id > ? ORDER BY id LIMIT ?`).all(after, size) as PaperRow[];
    if (rows.length === 0) return;
    for (const r of rows) yield toPaperDto(db, r);
    after = rows[rows.length - 1]!.id;
  }
}

/** The stored text of a paper's pages (1-based), in page order (empty until extraction ran). */
export function paperPages(ctx: CoreContext, id: string): { page: number; text: string }[] {
  return stmt(sqlite(ctx), `SELECT page, text FROM paper_pages WHERE paper_id = ? ORDER BY page`).all(id) as {
    page: number;
    text: string;
  }[];
}

// ---------------------------------------------------------------------------------------------
// Writing metadata
// ---------------------------------------------------------------------------------------------

export interface ItemFields {
  authors?: string[];
  year?: number | null;
  venue?: string | null;
  doi?: string | null;
  arxivId?: string | null;
  url?: string | null;
  source?: string | null;
  via?: string | null;
  abstract?: string | null;
  publisher?: string | null;
  isbn?: string | null;
  tags?: string[];
}

function emptyToNull(v: string | null | undefined): string | null | undefined {
  if (v === undefined) return undefined;
  return v === null || v.trim() === '' ? null : v.trim();
}

function cleanAuthors(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of list) {
    const name = a.replace(/\s+/g, ' ').trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}

function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = t.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Splits "1706.03762v5" into id and version. */
export function splitArxiv(id: string | null | undefined): { id: string | null; version: string | null } | undefined {
  if (id === undefined) return undefined;
  if (id === null) return { id: null, version: null };
  const m = /^(.*?)(v\d+)?$/.exec(id.trim())!;
  return { id: m[1] || null, version: m[2] ?? null };
}

/** Column values for the fields present in `f` (undefined = leave alone). */
function columnsFor(f: ItemFields): Partial<PaperRow> {
  const out: Partial<PaperRow> = {};
  if (f.authors !== undefined) out.authors = JSON.stringify(cleanAuthors(f.authors));
  if (f.year !== undefined) out.year = f.year;
  const texts = {
    venue: f.venue,
    doi: f.doi,
    url: f.url,
    source: f.source,
    via: f.via,
    abstract: f.abstract,
    publisher: f.publisher,
    isbn: f.isbn,
  } as const;
  for (const [k, v] of Object.entries(texts)) {
    const c = emptyToNull(v);
    if (c !== undefined) (out as Record<string, unknown>)[k] = c;
  }
  if (out.doi) out.doi = out.doi.toLowerCase();
  const arxiv = splitArxiv(emptyToNull(f.arxivId));
  if (arxiv) {
    out.arxiv_id = arxiv.id;
    out.arxiv_version = arxiv.version;
  }
  return out;
}

const FIELD_OF_COLUMN: Record<string, string> = { arxiv_id: 'arxivId', arxiv_version: 'arxivId' };

function assertUniqueIds(db: Sqlite, self: string | null, cols: Partial<PaperRow>): void {
  const issues: FieldIssue[] = [];
  if (cols.doi) {
    const other = stmt(db, `SELECT id, title FROM papers WHERE doi = ? AND id != ? LIMIT 1`).get(cols.doi, self ?? '') as
      { id: string; title: string } | undefined;
    if (other) issues.push({ path: 'doi', message: `“${other.title}” in your library already has this DOI` });
  }
  if (cols.arxiv_id) {
    const other = stmt(db, `SELECT id, title FROM papers WHERE arxiv_id = ? AND id != ? LIMIT 1`).get(
      cols.arxiv_id,
      self ?? '',
    ) as { id: string; title: string } | undefined;
    if (other) issues.push({ path: 'arxivId', message: `“${other.title}” in your library already has this arXiv id` });
  }
  if (issues.length > 0) throw new FolioError('conflict', issues[0]!.message, { issues });
}

export interface NewPaperRowInput extends ItemFields {
  kind: PaperKind;
  title: string;
  status?: PaperStatus;
  tzOffsetMinutes?: number;
  citationKey?: string | null;
  /** JSON of BibTeX-only fields (entryType, volume, number, pages, note). */
  bibtexExtra?: string | null;
  metadataSources?: Record<string, string>;
  arxivVersion?: string | null;
  arxivCategory?: string | null;
}

/** A fresh row (not inserted): defaults filled, metadata columns from `input`. */
export function buildPaperRow(ctx: CoreContext, input: NewPaperRowInput): PaperRow {
  const now = ctx.now();
  const iso = now.toISOString();
  const cols = columnsFor(input);
  const title = input.title.replace(/\s+/g, ' ').trim();
  return {
    id: newId(now),
    kind: input.kind,
    title,
    title_key: paperTitleKey(title),
    authors: cols.authors ?? '[]',
    year: cols.year ?? null,
    venue: cols.venue ?? null,
    doi: cols.doi ?? null,
    arxiv_id: cols.arxiv_id ?? null,
    arxiv_version: input.arxivVersion ?? cols.arxiv_version ?? null,
    arxiv_category: input.arxivCategory ?? null,
    url: cols.url ?? null,
    source: cols.source ?? null,
    via: cols.via ?? null,
    abstract: cols.abstract ?? null,
    publisher: cols.publisher ?? null,
    isbn: cols.isbn ?? null,
    citation_key: input.citationKey ?? null,
    bibtex_extra: input.bibtexExtra ?? null,
    metadata_sources: JSON.stringify(input.metadataSources ?? {}),
    sha256: null,
    file_name: null,
    size_bytes: null,
    page_count: null,
    has_text_layer: null,
    fingerprint: null,
    status: input.status ?? 'queued',
    status_at: iso,
    added_at: iso,
    added_day: dayOf(now, input.tzOffsetMinutes),
    updated_at: iso,
    last_opened_at: null,
    finished_at: null,
    finished_day: null,
    progress: 0,
    progress_manual: 0,
    max_page_seen: 0,
    last_page: null,
    last_top: null,
    last_scale: null,
    text_state: 'none',
    text_pages_done: 0,
    text_sha256: null,
    text_error: null,
    note_entry_id: null,
  };
}

/** Inserts a new row with its tags, first status change and collection (inside the caller's transaction). */
export function insertNewPaper(db: Sqlite, row: PaperRow, extra: { tags?: readonly string[]; collectionId?: string } = {}): void {
  assertUniqueIds(db, null, row);
  if (extra.collectionId) requireCollection(db, extra.collectionId);
  if (row.status === 'read') {
    row.finished_at = row.status_at;
    row.finished_day = row.added_day;
    row.progress = 1;
  }
  insertPaperRow(db, row);
  if (extra.tags?.length) replaceTags(db, row.id, uniqueTags(extra.tags));
  stmt(db, `INSERT INTO paper_status_changes (paper_id, status, at, day) VALUES (?, ?, ?, ?)`).run(
    row.id,
    row.status,
    row.status_at,
    row.added_day,
  );
  if (extra.collectionId) {
    stmt(db, `INSERT OR IGNORE INTO paper_collection_items (collection_id, paper_id, added_at) VALUES (?, ?, ?)`).run(
      extra.collectionId,
      row.id,
      row.added_at,
    );
  }
}

/** A link or a book, without a PDF. */
export function addItem(
  ctx: CoreContext,
  input: ItemFields & {
    kind: 'link' | 'book';
    title: string;
    status?: PaperStatus;
    collectionId?: string;
    tzOffsetMinutes?: number;
  },
): PaperDto {
  const sources: Record<string, string> = { title: 'user' };
  const row = buildPaperRow(ctx, { ...input, metadataSources: sources });
  tx(ctx, (db) =>
    insertNewPaper(db, row, {
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.collectionId ? { collectionId: input.collectionId } : {}),
    }),
  );
  emitPaperChanges(ctx, [{ id: row.id, action: 'added' }]);
  relinkTitles(ctx, [row.title_key]);
  return requirePaper(ctx, row.id);
}

export function updatePaper(
  ctx: CoreContext,
  input: ItemFields & { id: string; title?: string; progress?: number | null },
): PaperDto {
  const oldKey = tx(ctx, (db) => {
    const row = requirePaperRow(db, input.id);
    const cols = columnsFor(input);
    assertUniqueIds(db, row.id, cols);
    const sources = JSON.parse(row.metadata_sources || '{}') as Record<string, string>;
    for (const k of Object.keys(cols)) {
      const field = FIELD_OF_COLUMN[k] ?? k;
      if ((row as unknown as Record<string, unknown>)[k] !== (cols as Record<string, unknown>)[k]) sources[field] = 'user';
    }
    if (input.title !== undefined) {
      const title = input.title.replace(/\s+/g, ' ').trim();
      if (title !== row.title) {
        cols.title = title;
        cols.title_key = paperTitleKey(title);
        sources.title = 'user';
      }
    }
    if (input.progress !== undefined) {
      if (input.progress === null) {
        cols.progress_manual = 0;
        cols.progress = row.page_count ? Math.min(1, row.max_page_seen / row.page_count) : row.status === 'read' ? 1 : 0;
      } else {
        cols.progress_manual = 1;
        cols.progress = input.progress;
      }
    }
    cols.metadata_sources = JSON.stringify(sources);
    cols.updated_at = ctx.now().toISOString();
    updatePaperColumns(db, row.id, cols);
    if (input.tags !== undefined) replaceTags(db, row.id, uniqueTags(input.tags));
    return row.title_key;
  });
  emitPaperChanges(ctx, [{ id: input.id, action: 'updated' }]);
  const paper = requirePaper(ctx, input.id);
  const newKey = paperTitleKey(paper.title);
  if (newKey !== oldKey) relinkTitles(ctx, [oldKey, newKey]);
  return paper;
}

export function deletePaper(ctx: CoreContext, id: string): void {
  const key = tx(ctx, (db) => {
    const row = requirePaperRow(db, id);
    stmt(db, `DELETE FROM papers WHERE id = ?`).run(id);
    return row.title_key;
  });
  emitPaperChanges(ctx, [{ id, action: 'deleted' }]);
  relinkTitles(ctx, [key]);
}

// ---------------------------------------------------------------------------------------------
// Reading queue
// ---------------------------------------------------------------------------------------------

/** A change undone or corrected within this long replaces the previous one instead of piling up. */
const STATUS_COALESCE_MS = 5 * 60_000;

function writeStatus(ctx: CoreContext, db: Sqlite, row: PaperRow, status: PaperStatus, tzOffsetMinutes?: number): void {
  const now = ctx.now();
  const iso = now.toISOString();
  const day = dayOf(now, tzOffsetMinutes);
  const history = stmt(
    db,
    `SELECT id, status, at FROM paper_status_changes WHERE paper_id = ? ORDER BY at DESC, id DESC LIMIT 2`,
  ).all(row.id) as {
    id: number;
    status: PaperStatus;
    at: string;
  }[];
  const [last, before] = history;
  let insert = true;
  if (last && before && now.getTime() - Date.parse(last.at) < STATUS_COALESCE_MS) {
    stmt(db, `DELETE FROM paper_status_changes WHERE id = ?`).run(last.id);
    if (before.status === status) insert = false;
  }
  if (insert)
    stmt(db, `INSERT INTO paper_status_changes (paper_id, status, at, day) VALUES (?, ?, ?, ?)`).run(row.id, status, iso, day);
  const lastRead = stmt(
    db,
    `SELECT at, day FROM paper_status_changes WHERE paper_id = ? AND status = 'read' ORDER BY at DESC, id DESC LIMIT 1`,
  ).get(row.id) as { at: string; day: string } | undefined;
  const cols: Partial<PaperRow> = {
    status,
    status_at: insert
      ? iso
      : (
          stmt(db, `SELECT at FROM paper_status_changes WHERE paper_id = ? ORDER BY at DESC, id DESC LIMIT 1`).get(row.id) as {
            at: string;
          }
        ).at,
    finished_at: lastRead?.at ?? null,
    finished_day: lastRead?.day ?? null,
    updated_at: iso,
  };
  if (status === 'read' && row.progress_manual === 0) cols.progress = 1;
  updatePaperColumns(db, row.id, cols);
}

export function setStatus(ctx: CoreContext, id: string, status: PaperStatus, tzOffsetMinutes?: number): PaperDto {
  const changed = tx(ctx, (db) => {
    const row = requirePaperRow(db, id);
    if (row.status === status) return false;
    writeStatus(ctx, db, row, status, tzOffsetMinutes);
    return true;
  });
  if (changed) {
    emitPaperChanges(ctx, [{ id, action: 'updated' }]);
    ctx.events.emit('activity:changed', { sources: ['papers.finished'] });
  }
  return requirePaper(ctx, id);
}

export function statusLabel(status: PaperStatus): string {
  return PAPER_STATUS_LABELS[status];
}

// ---------------------------------------------------------------------------------------------
// Reader state and the reading log
// ---------------------------------------------------------------------------------------------

export function markOpened(ctx: CoreContext, id: string): PaperDto {
  tx(ctx, (db) => {
    requirePaperRow(db, id);
    updatePaperColumns(db, id, { last_opened_at: ctx.now().toISOString() });
  });
  emitPaperChanges(ctx, [{ id, action: 'updated' }]);
  return requirePaper(ctx, id);
}

export function savePosition(
  ctx: CoreContext,
  p: { id: string; page: number; top?: number | null; scale?: number | string | null },
): void {
  const db = sqlite(ctx);
  const row = requirePaperRow(db, p.id);
  const page = row.page_count ? Math.min(p.page, row.page_count) : p.page;
  updatePaperColumns(db, p.id, {
    last_page: page,
    last_top: p.top ?? null,
    last_scale: p.scale === undefined || p.scale === null ? null : JSON.stringify(p.scale),
  });
}

/** Caps one report: a reader cannot claim more active time than passed since its session's last report. */
const SLACK_MS = 5_000;

export function recordReadingActivity(
  ctx: CoreContext,
  input: { id: string; sessionId: string; activeMs: number; pages: readonly number[]; page?: number; tzOffsetMinutes?: number },
): { activeMinutesToday: number; progress: number } {
  const now = ctx.now();
  const iso = now.toISOString();
  const day = dayOf(now, input.tzOffsetMinutes);
  let statusChanged = false;
  const result = tx(ctx, (db) => {
    const row = requirePaperRow(db, input.id);
    const prev = stmt(
      db,
      `SELECT max(ended_at) AS last, min(started_at) AS first FROM reading_sessions WHERE session_id = ?`,
    ).get(input.sessionId) as {
      last: string | null;
      first: string | null;
    };
    let active = input.activeMs;
    if (prev.last) active = Math.max(0, Math.min(active, now.getTime() - Date.parse(prev.last) + SLACK_MS));
    if (active > 0) {
      stmt(
        db,
        `INSERT INTO reading_sessions (session_id, day, paper_id, started_at, ended_at, active_ms) VALUES (@s, @day, @paper, @start, @end, @ms)
         ON CONFLICT (session_id, day) DO UPDATE SET ended_at = @end, active_ms = active_ms + @ms`,
      ).run({
        s: input.sessionId,
        day,
        paper: row.id,
        start: new Date(now.getTime() - active).toISOString(),
        end: iso,
        ms: active,
      });
    }
    const pages = [...new Set(input.pages)].filter((p) => p >= 1 && (!row.page_count || p <= row.page_count));
    const seen = stmt(db, `INSERT OR IGNORE INTO paper_pages_seen (paper_id, page, first_seen_at) VALUES (?, ?, ?)`);
    for (const p of pages) seen.run(row.id, p, iso);
    const maxSeen = Math.max(row.max_page_seen, ...pages);
    const cols: Partial<PaperRow> = {};
    if (maxSeen !== row.max_page_seen) cols.max_page_seen = maxSeen;
    let progress = row.progress;
    if (row.progress_manual === 0 && row.page_count) {
      progress = Math.max(row.progress, Math.min(1, maxSeen / row.page_count));
      if (progress !== row.progress) cols.progress = progress;
    }
    updatePaperColumns(db, row.id, cols);
    // Reading a queued paper starts it.
    if (row.status === 'queued' && active > 0) {
      writeStatus(ctx, db, row, 'reading', input.tzOffsetMinutes);
      statusChanged = true;
    }
    const today = stmt(db, `SELECT coalesce(sum(active_ms), 0) AS ms FROM reading_sessions WHERE paper_id = ? AND day = ?`).get(
      row.id,
      day,
    ) as { ms: number };
    return { activeMinutesToday: Math.round(today.ms / 60_000), progress };
  });
  ctx.events.emit('activity:changed', { sources: ['reading.minutes'], day });
  if (statusChanged) emitPaperChanges(ctx, [{ id: input.id, action: 'updated' }]);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------------

function requireCollection(db: Sqlite, id: string): { id: string; name: string; created_at: string } {
  const row = stmt(db, `SELECT id, name, created_at FROM paper_collections WHERE id = ?`).get(id) as
    { id: string; name: string; created_at: string } | undefined;
  if (!row)
    throw new FolioError('not_found', 'That collection does not exist (any more).', {
      issues: [{ path: 'collectionId', message: 'No such collection' }],
    });
  return row;
}

export function listCollections(ctx: CoreContext): CollectionDto[] {
  return (
    stmt(
      sqlite(ctx),
      `SELECT c.id, c.name, c.created_at AS createdAt, (SELECT count(*) FROM paper_collection_items i WHERE i.collection_id = c.id) AS count
       FROM paper_collections c ORDER BY c.name COLLATE NOCASE`,
    ).all() as CollectionDto[]
  ).map((c) => ({ ...c }));
}

function collectionDto(db: Sqlite, id: string): CollectionDto {
  const c = requireCollection(db, id);
  const n = (stmt(db, `SELECT count(*) AS n FROM paper_collection_items WHERE collection_id = ?`).get(id) as { n: number }).n;
  return { id: c.id, name: c.name, count: n, createdAt: c.created_at };
}

export function saveCollection(ctx: CoreContext, input: { id?: string; name: string }): CollectionDto {
  const name = input.name.replace(/\s+/g, ' ').trim();
  const dto = tx(ctx, (db) => {
    const clash = stmt(db, `SELECT id FROM paper_collections WHERE name = ? COLLATE NOCASE AND id != ?`).get(
      name,
      input.id ?? '',
    ) as { id: string } | undefined;
    if (clash)
      throw new FolioError('conflict', `There is already a collection named “${name}”.`, {
        issues: [{ path: 'name', message: 'A collection with this name exists' }],
      });
    if (input.id) {
      requireCollection(db, input.id);
      stmt(db, `UPDATE paper_collections SET name = ? WHERE id = ?`).run(name, input.id);
      return collectionDto(db, input.id);
    }
    const id = newId(ctx.now());
    stmt(db, `INSERT INTO paper_collections (id, name, created_at) VALUES (?, ?, ?)`).run(id, name, ctx.now().toISOString());
    return collectionDto(db, id);
  });
  ctx.events.emit('data:changed', { domain: 'papers', action: 'collection' });
  return dto;
}

export function deleteCollection(ctx: CoreContext, id: string): void {
  tx(ctx, (db) => {
    requireCollection(db, id);
    stmt(db, `DELETE FROM paper_collections WHERE id = ?`).run(id);
  });
  ctx.events.emit('data:changed', { domain: 'papers', action: 'collection' });
}

export function setCollectionItems(
  ctx: CoreContext,
  input: { collectionId: string; paperIds: readonly string[]; remove?: boolean },
): CollectionDto {
  const dto = tx(ctx, (db) => {
    requireCollection(db, input.collectionId);
    const at = ctx.now().toISOString();
    for (const pid of input.paperIds) {
      requirePaperRow(db, pid);
      if (input.remove)
        stmt(db, `DELETE FROM paper_collection_items WHERE collection_id = ? AND paper_id = ?`).run(input.collectionId, pid);
      else
        stmt(db, `INSERT OR IGNORE INTO paper_collection_items (collection_id, paper_id, added_at) VALUES (?, ?, ?)`).run(
          input.collectionId,
          pid,
          at,
        );
    }
    return collectionDto(db, input.collectionId);
  });
  emitPaperChanges(
    ctx,
    input.paperIds.map((id) => ({ id, action: 'updated' as const })),
  );
  return dto;
}
