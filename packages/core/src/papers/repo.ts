// SQL of the papers domain: prepared statements over the store's better-sqlite3 handle (cached per
// connection: a restore swaps the store) and the row -> DTO mappers.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import type {
  AnnotationDto,
  PaperDto,
  PaperKind,
  PaperStatus,
  PaperSummaryDto,
  PdfRectDto,
  ReaderPositionDto,
  StatusChangeDto,
  TextState,
} from '../contract/papers';

export type Sqlite = Database.Database;

const cache = new WeakMap<Sqlite, Map<string, Database.Statement>>();

export function stmt(db: Sqlite, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

export function sqlite(ctx: CoreContext): Sqlite {
  return ctx.store.sqlite;
}

export function tx<T>(ctx: CoreContext, fn: (db: Sqlite) => T): T {
  const db = sqlite(ctx);
  return db.transaction(() => fn(db))();
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** ULID-style ids (time-sorted, lower-case Crockford base32), like the journal's. */
export function newId(now: Date = new Date()): string {
  let t = now.getTime();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  let rand = '';
  for (const b of crypto.randomBytes(16)) rand += CROCKFORD[b % 32];
  return time + rand;
}

/** The local calendar day of `at` for a writer `tzOffsetMinutes` east of UTC (default: this process's zone). */
export function dayOf(at: Date, tzOffsetMinutes?: number): string {
  const offset = tzOffsetMinutes ?? -at.getTimezoneOffset();
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 10);
}

export interface PaperRow {
  id: string;
  kind: PaperKind;
  title: string;
  title_key: string;
  authors: string;
  year: number | null;
  venue: string | null;
  doi: string | null;
  arxiv_id: string | null;
  arxiv_version: string | null;
  arxiv_category: string | null;
  url: string | null;
  source: string | null;
  via: string | null;
  abstract: string | null;
  publisher: string | null;
  isbn: string | null;
  citation_key: string | null;
  bibtex_extra: string | null;
  metadata_sources: string;
  sha256: string | null;
  file_name: string | null;
  size_bytes: number | null;
  page_count: number | null;
  has_text_layer: number | null;
  fingerprint: string | null;
  status: PaperStatus;
  status_at: string;
  added_at: string;
  added_day: string;
  updated_at: string;
  last_opened_at: string | null;
  finished_at: string | null;
  finished_day: string | null;
  progress: number;
  progress_manual: number;
  max_page_seen: number;
  last_page: number | null;
  last_top: number | null;
  last_scale: string | null;
  text_state: TextState;
  text_pages_done: number;
  text_sha256: string | null;
  text_error: string | null;
  note_entry_id: string | null;
}

export const PAPER_COLUMNS = [
  'id',
  'kind',
  'title',
  'title_key',
  'authors',
  'year',
  'venue',
  'doi',
  'arxiv_id',
  'arxiv_version',
  'arxiv_category',
  'url',
  'source',
  'via',
  'abstract',
  'publisher',
  'isbn',
  'citation_key',
  'bibtex_extra',
  'metadata_sources',
  'sha256',
  'file_name',
  'size_bytes',
  'page_count',
  'has_text_layer',
  'fingerprint',
  'status',
  'status_at',
  'added_at',
  'added_day',
  'updated_at',
  'last_opened_at',
  'finished_at',
  'finished_day',
  'progress',
  'progress_manual',
  'max_page_seen',
  'last_page',
  'last_top',
  'last_scale',
  'text_state',
  'text_pages_done',
  'text_sha256',
  'text_error',
  'note_entry_id',
] as const satisfies readonly (keyof PaperRow)[];

export function insertPaperRow(db: Sqlite, row: PaperRow): void {
  stmt(db, `INSERT INTO papers (${PAPER_COLUMNS.join(', ')}) VALUES (${PAPER_COLUMNS.map((c) => `@${c}`).join(', ')})`).run(row);
}

/** Updates the named columns of one paper. */
export function updatePaperColumns(db: Sqlite, id: string, values: Partial<PaperRow>): void {
  const cols = Object.keys(values).filter((k) => (PAPER_COLUMNS as readonly string[]).includes(k) && k !== 'id');
  if (cols.length === 0) return;
  stmt(db, `UPDATE papers SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...values, id });
}

export function getPaperRow(db: Sqlite, id: string): PaperRow | undefined {
  return stmt(db, `SELECT * FROM papers WHERE id = ?`).get(id) as PaperRow | undefined;
}

export function requirePaperRow(db: Sqlite, id: string): PaperRow {
  const row = getPaperRow(db, id);
  if (!row) throw new FolioError('not_found', `There is no paper with id ${id.slice(0, 64)} in your library.`);
  return row;
}

export function paperRowBySha(db: Sqlite, sha256: string): PaperRow | undefined {
  return stmt(db, `SELECT * FROM papers WHERE sha256 = ?`).get(sha256) as PaperRow | undefined;
}

export function tagsOf(db: Sqlite, paperId: string): string[] {
  return (stmt(db, `SELECT tag FROM paper_tags WHERE paper_id = ? ORDER BY tag_key`).all(paperId) as { tag: string }[]).map(
    (r) => r.tag,
  );
}

export function replaceTags(db: Sqlite, paperId: string, tags: readonly string[]): void {
  stmt(db, `DELETE FROM paper_tags WHERE paper_id = ?`).run(paperId);
  const ins = stmt(db, `INSERT OR IGNORE INTO paper_tags (paper_id, tag, tag_key) VALUES (?, ?, ?)`);
  for (const t of tags) ins.run(paperId, t, t.toLowerCase());
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type SummaryRow = Omit<PaperRow, 'abstract' | 'bibtex_extra' | 'metadata_sources'>;

interface SummaryExtras {
  tags: string[];
  collectionIds: string[];
  annotationCount: number;
}

const SUMMARY_COLUMNS = PAPER_COLUMNS.filter((c) => c !== 'abstract' && c !== 'bibtex_extra' && c !== 'metadata_sources').join(
  ', ',
);

export function toSummary(row: SummaryRow, extras: SummaryExtras): PaperSummaryDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    authors: parseJson<string[]>(row.authors, []),
    year: row.year,
    venue: row.venue,
    doi: row.doi,
    arxivId: row.arxiv_id,
    url: row.url,
    source: row.source,
    via: row.via,
    tags: extras.tags,
    status: row.status,
    statusAt: row.status_at,
    addedAt: row.added_at,
    lastOpenedAt: row.last_opened_at,
    finishedAt: row.finished_at,
    progress: row.progress,
    pageCount: row.page_count,
    hasPdf: row.sha256 !== null,
    collectionIds: extras.collectionIds,
    annotationCount: extras.annotationCount,
  };
}

/** Tags, collections and annotation counts of every item: three grouped reads instead of one per row. */
function extrasByPaper(db: Sqlite, id?: string): Map<string, SummaryExtras> {
  const m = new Map<string, SummaryExtras>();
  const get = (pid: string) => {
    let e = m.get(pid);
    if (!e) m.set(pid, (e = { tags: [], collectionIds: [], annotationCount: 0 }));
    return e;
  };
  const where = id ? 'WHERE paper_id = ?' : '';
  const args = id ? [id] : [];
  for (const r of stmt(db, `SELECT paper_id AS p, tag FROM paper_tags ${where} ORDER BY paper_id, tag_key`).all(...args) as {
    p: string;
    tag: string;
  }[])
    get(r.p).tags.push(r.tag);
  for (const r of stmt(db, `SELECT paper_id AS p, collection_id AS c FROM paper_collection_items ${where}`).all(...args) as {
    p: string;
    c: string;
  }[])
    get(r.p).collectionIds.push(r.c);
  for (const r of stmt(db, `SELECT paper_id AS p, count(*) AS n FROM paper_annotations ${where} GROUP BY paper_id`).all(
    ...args,
  ) as { p: string; n: number }[])
    get(r.p).annotationCount = r.n;
  return m;
}

const NO_EXTRAS: SummaryExtras = { tags: [], collectionIds: [], annotationCount: 0 };

/** Every item's summary, newest first. */
export function allSummaries(db: Sqlite): PaperSummaryDto[] {
  const extras = extrasByPaper(db);
  return (stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM papers ORDER BY added_at DESC, id DESC`).all() as SummaryRow[]).map((r) =>
    toSummary(r, extras.get(r.id) ?? NO_EXTRAS),
  );
}

export function summaryOf(db: Sqlite, id: string): PaperSummaryDto | null {
  const row = stmt(db, `SELECT ${SUMMARY_COLUMNS} FROM papers WHERE id = ?`).get(id) as SummaryRow | undefined;
  return row ? toSummary(row, extrasByPaper(db, id).get(id) ?? { tags: [], collectionIds: [], annotationCount: 0 }) : null;
}

function parseScale(raw: string | null): ReaderPositionDto['scale'] {
  const v = parseJson<unknown>(raw, null);
  if (typeof v === 'number' || v === 'page-width' || v === 'page-fit' || v === 'auto') return v;
  return null;
}

export function toPaperDto(db: Sqlite, row: PaperRow): PaperDto {
  const summary = summaryOf(db, row.id)!;
  const history = stmt(db, `SELECT status, at, day FROM paper_status_changes WHERE paper_id = ? ORDER BY at, id`).all(
    row.id,
  ) as StatusChangeDto[];
  const reading = stmt(
    db,
    `SELECT coalesce(sum(active_ms), 0) AS ms, count(DISTINCT session_id) AS sessions, max(ended_at) AS last FROM reading_sessions WHERE paper_id = ?`,
  ).get(row.id) as { ms: number; sessions: number; last: string | null };
  const seen = (stmt(db, `SELECT count(*) AS n FROM paper_pages_seen WHERE paper_id = ?`).get(row.id) as { n: number }).n;
  return {
    ...summary,
    abstract: row.abstract,
    publisher: row.publisher,
    isbn: row.isbn,
    sha256: row.sha256,
    fileName: row.file_name,
    sizeBytes: row.size_bytes,
    hasTextLayer: row.has_text_layer === null ? null : row.has_text_layer === 1,
    arxivVersion: row.arxiv_version,
    arxivCategory: row.arxiv_category,
    metadataSources: parseJson<Record<string, string>>(row.metadata_sources, {}),
    progressManual: row.progress_manual === 1,
    position: row.last_page === null ? null : { page: row.last_page, top: row.last_top, scale: parseScale(row.last_scale) },
    statusHistory: history,
    reading: {
      activeMinutes: Math.round(reading.ms / 60_000),
      sessions: reading.sessions,
      pagesSeen: seen,
      lastReadAt: reading.last,
    },
    text: { state: row.text_state, pagesDone: row.text_pages_done, error: row.text_error },
    noteEntryId: row.note_entry_id,
    citationKey: row.citation_key,
  };
}

// ---------------------------------------------------------------------------------------------
// Annotations
// ---------------------------------------------------------------------------------------------

export interface AnnotationRow {
  id: string;
  paper_id: string;
  kind: 'highlight' | 'area' | 'note';
  page: number;
  rects: string;
  quote: string;
  color: string;
  comment: string;
  image_sha256: string | null;
  created_at: string;
  updated_at: string;
  day: string;
}

export function toAnnotationDto(row: AnnotationRow): AnnotationDto {
  const rects = parseJson<PdfRectDto[]>(row.rects, []);
  const base = {
    id: row.id,
    paperId: row.paper_id,
    page: row.page,
    color: row.color,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  switch (row.kind) {
    case 'area':
      return { ...base, kind: 'area', rect: rects[0] ?? [0, 0, 0, 0], comment: row.comment, imageSha256: row.image_sha256 };
    case 'note': {
      const r = rects[0] ?? [0, 0, 0, 0];
      return { ...base, kind: 'note', point: [r[0], r[1]], text: row.quote };
    }
    default:
      return { ...base, kind: 'highlight', rects, text: row.quote, comment: row.comment };
  }
}

export function annotationRows(db: Sqlite, paperId: string): AnnotationRow[] {
  return stmt(db, `SELECT * FROM paper_annotations WHERE paper_id = ? ORDER BY page, created_at, id`).all(
    paperId,
  ) as AnnotationRow[];
}

export function annotationRow(db: Sqlite, id: string): AnnotationRow | undefined {
  return stmt(db, `SELECT * FROM paper_annotations WHERE id = ?`).get(id) as AnnotationRow | undefined;
}
