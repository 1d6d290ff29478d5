import { z } from 'zod';
import { method, type MethodMap } from './rpc';

// The papers domain's calls ('papers:verb'), their payload schemas and DTOs: the library (PDFs, links
// and books), the reading queue, reader state and reading log, annotations, collections and BibTeX.
//
// Annotation geometry is in PDF user space (points, origin bottom-left of the page's view box, y up):
// the space pdf.js' `PageViewport.convertToPdfPoint` returns, so an annotation sits on the same words
// at every zoom. Pages are 1-based everywhere. Annotations are never written into the PDF file.

// ---------------------------------------------------------------------------------------------
// Field schemas (messages are user-facing: they appear under the field)
// ---------------------------------------------------------------------------------------------

export const PAPER_STATUSES = ['queued', 'reading', 'skimmed', 'read', 'abandoned', 'rereading'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];
export const PAPER_STATUS_LABELS: Record<PaperStatus, string> = {
  queued: 'Queued',
  reading: 'Reading',
  skimmed: 'Skimmed',
  read: 'Read',
  abandoned: 'Abandoned',
  rereading: 'Re-reading',
};

/** `pdf`: a stored PDF; `link`: a web page or a reference without a file; `book`. */
export const PAPER_KINDS = ['pdf', 'link', 'book'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export const paperIdSchema = z.string({ error: 'Which paper?' }).trim().min(1, 'Which paper?').max(64, 'Not a paper id');
const sha256Schema = z.string({ error: 'Which file?' }).regex(/^[0-9a-f]{64}$/, 'Not a file id (a sha256 in hex)');
const statusSchema = z.enum(PAPER_STATUSES, { error: `A status is one of: ${PAPER_STATUSES.join(', ')}` });

export const paperTitleSchema = z
  .string({ error: 'Give a title' })
  .transform((t) => t.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'Give a title').max(500, 'A title can be at most 500 characters'));
const authorsSchema = z
  .array(z.string().trim().min(1, 'An author needs a name').max(200, 'An author name can be at most 200 characters'))
  .max(500, 'At most 500 authors');
const yearSchema = z
  .number({ error: 'A year is a number, e.g. 2017' })
  .int('A year is a whole number')
  .min(1000, 'A year has four digits, e.g. 2017')
  .max(2200, 'That year is too far in the future');
export const doiSchema = z
  .string()
  .trim()
  .transform((d) => d.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, ''))
  .pipe(z.string().regex(/^10\.\d{4,9}\/\S+$/, 'A DOI looks like 10.1234/abc.5678'));
export const arxivIdSchema = z
  .string()
  .trim()
  .transform((a) => a.replace(/^(arxiv:\s*|https?:\/\/arxiv\.org\/(abs|pdf)\/)/i, '').replace(/\.pdf$/i, ''))
  .pipe(
    z
      .string()
      .regex(
        /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/,
        'An arXiv id looks like 1706.03762 (or hep-th/9901001 for old papers)',
      ),
  );
const urlSchema = z
  .string()
  .trim()
  .max(2000, 'A link can be at most 2,000 characters')
  .refine((u) => /^(https?|ftp):\/\/\S+$/i.test(u), 'A link starts with http:// or https://');
const shortText = (max: number, what: string) => z.string().trim().max(max, `${what} can be at most ${max} characters`);
const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .transform((t) => t.replace(/^#/, ''))
      .pipe(
        z
          .string()
          .min(1, 'A tag needs a name')
          .max(100, 'A tag can be at most 100 characters')
          .regex(/^[^\s,]+$/, 'A tag is one word (use - or / instead of spaces)'),
      ),
  )
  .max(100, 'At most 100 tags');
const tzOffsetSchema = z
  .number()
  .int()
  .min(-14 * 60)
  .max(14 * 60);

/** Item fields the user edits (add a link/book, edit metadata). `null` clears a field. */
const itemFields = {
  authors: authorsSchema.optional(),
  year: yearSchema.nullable().optional(),
  venue: shortText(500, 'A venue').nullable().optional(),
  doi: z.union([doiSchema, z.literal('').transform(() => null), z.null()]).optional(),
  arxivId: z.union([arxivIdSchema, z.literal('').transform(() => null), z.null()]).optional(),
  url: z.union([urlSchema, z.literal('').transform(() => null), z.null()]).optional(),
  /** Where it came from, e.g. "The Batch newsletter". */
  source: shortText(300, 'A source').nullable().optional(),
  /** Who recommended it. */
  via: shortText(200, '“Via”').nullable().optional(),
  abstract: shortText(20_000, 'An abstract').nullable().optional(),
  publisher: shortText(300, 'A publisher').nullable().optional(),
  isbn: shortText(40, 'An ISBN').nullable().optional(),
  tags: tagsSchema.optional(),
};

// ---------------------------------------------------------------------------------------------
// DTOs
// ---------------------------------------------------------------------------------------------

/** What the library table shows: one row per item, small enough to load 2,000 of them at once. */
export interface PaperSummaryDto {
  id: string;
  kind: PaperKind;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  doi: string | null;
  arxivId: string | null;
  url: string | null;
  source: string | null;
  via: string | null;
  tags: string[];
  status: PaperStatus;
  /** When the current status was set (UTC ISO). */
  statusAt: string;
  addedAt: string;
  lastOpenedAt: string | null;
  /** When it was last marked read (UTC ISO). */
  finishedAt: string | null;
  /** 0..1: the furthest page seen / pages, or what the user set. */
  progress: number;
  pageCount: number | null;
  hasPdf: boolean;
  collectionIds: string[];
  annotationCount: number;
}

export type TextState = 'none' | 'pending' | 'running' | 'done' | 'failed';

export interface StatusChangeDto {
  status: PaperStatus;
  at: string;
  /** Local calendar day of the change. */
  day: string;
}

export interface ReaderPositionDto {
  page: number;
  /** PDF y-coordinate at the top edge of the viewport. */
  top: number | null;
  /** A zoom factor or `page-width` / `page-fit` / `auto`. */
  scale: number | 'page-width' | 'page-fit' | 'auto' | null;
}

export interface PaperDto extends PaperSummaryDto {
  abstract: string | null;
  publisher: string | null;
  isbn: string | null;
  /** Content address of the PDF (`api.blobUrl(sha256)` serves it). */
  sha256: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  /** False for scanned PDFs without OCR; null before it was checked (links, books). */
  hasTextLayer: boolean | null;
  arxivVersion: string | null;
  arxivCategory: string | null;
  /** Where each metadata guess came from (`info`, `xmp`, `layout`, `stamp`, `text`, `user`...). */
  metadataSources: Record<string, string>;
  /** Set when the user set the progress by hand. */
  progressManual: boolean;
  position: ReaderPositionDto | null;
  statusHistory: StatusChangeDto[];
  reading: { activeMinutes: number; sessions: number; pagesSeen: number; lastReadAt: string | null };
  /** Full-text extraction: pages stored so far of `pageCount`. */
  text: { state: TextState; pagesDone: number; error: string | null };
  /** The journal entry made by "Create paper note", while it exists. */
  noteEntryId: string | null;
  /** Kept from a BibTeX import, used again on export. */
  citationKey: string | null;
}

export type PdfRectDto = [number, number, number, number];

interface AnnotationBaseDto {
  id: string;
  paperId: string;
  /** 1-based page. */
  page: number;
  /** A highlight colour id (`papers.colors`). */
  color: string;
  createdAt: string;
  updatedAt: string;
}
export interface HighlightAnnotationDto extends AnnotationBaseDto {
  kind: 'highlight';
  /** One rectangle per line fragment, PDF user space `[x1, y1, x2, y2]`. */
  rects: PdfRectDto[];
  /** The highlighted text. */
  text: string;
  comment: string;
}
export interface AreaAnnotationDto extends AnnotationBaseDto {
  kind: 'area';
  rect: PdfRectDto;
  comment: string;
  /** PNG snapshot of the region, stored as a blob (`api.blobUrl`). */
  imageSha256: string | null;
}
export interface NoteAnnotationDto extends AnnotationBaseDto {
  kind: 'note';
  point: [number, number];
  text: string;
}
export type AnnotationDto = HighlightAnnotationDto | AreaAnnotationDto | NoteAnnotationDto;

export interface AddPaperResultDto {
  paper: PaperDto;
  /** The same file (by sha256) was already in the library: nothing was added. */
  duplicate: boolean;
  /** One line for the user: "Added “Attention Is All You Need” (15 pages)" or "already in your library as …". */
  message: string;
}

export interface CollectionDto {
  id: string;
  name: string;
  count: number;
  createdAt: string;
}

export interface BibtexImportResultDto {
  created: number;
  merged: number;
  /** One per entry that was read. */
  items: { key: string; id: string; title: string; action: 'created' | 'merged' | 'unchanged' }[];
  /** Entries or text that could not be read, by line. */
  errors: { line: number; message: string }[];
}

export interface ReadingDayDto {
  day: string;
  /** Active reading minutes (idle time excluded). */
  minutes: number;
  sessions: number;
  /** Papers marked read that day. */
  finished: number;
  added: number;
  highlights: number;
}

export interface ReadingStatsDto {
  days: ReadingDayDto[];
  totals: {
    today: { minutes: number; finished: number };
    week: { minutes: number; finished: number };
    month: { minutes: number; finished: number };
  };
  /** Papers waiting in the queue, and being read. */
  queue: { queued: number; reading: number };
}

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

export const PAPER_SORTS = ['added', 'title', 'authors', 'year', 'venue', 'status', 'lastOpened', 'progress'] as const;
export type PaperSort = (typeof PAPER_SORTS)[number];

export const listPapersSchema = z.object({
  /** Words that must all appear in title, authors, venue, tags, source, via, year, DOI or arXiv id. */
  q: z.string().trim().max(200).optional(),
  status: statusSchema.optional(),
  collectionId: z.string().min(1).max(64).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(PAPER_KINDS).optional(),
  sort: z.enum(PAPER_SORTS).default('added'),
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(100_000),
});

const addBlobSchema = z.object({
  sha256: sha256Schema,
  /** Shown in messages ("notes.docx is not a PDF"). */
  fileName: z.string().trim().min(1, 'Which file?').max(500),
  collectionId: z.string().min(1).max(64).optional(),
  tags: tagsSchema.optional(),
  status: statusSchema.optional(),
  source: shortText(300, 'A source').optional(),
  via: shortText(200, '“Via”').optional(),
});

export const addItemSchema = z.object({
  kind: z.enum(['link', 'book'], { error: 'An item without a PDF is a link or a book' }).default('link'),
  title: paperTitleSchema,
  ...itemFields,
  status: statusSchema.optional(),
  collectionId: z.string().min(1).max(64).optional(),
});

export const updatePaperSchema = z.object({
  id: paperIdSchema,
  title: paperTitleSchema.optional(),
  ...itemFields,
  /** 0..1 sets the progress by hand; null goes back to pages seen. */
  progress: z.number().min(0, 'Progress is between 0 and 100 %').max(1, 'Progress is between 0 and 100 %').nullable().optional(),
});

const rectSchema = z
  .tuple([z.number().finite(), z.number().finite(), z.number().finite(), z.number().finite()])
  .transform(([a, b, c, d]) => [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)] as PdfRectDto);
const colorIdSchema = z.string().trim().min(1, 'Pick a colour').max(40);
const pageSchema = z.number({ error: 'Which page?' }).int('A page is a whole number').min(1, 'Pages start at 1').max(100_000);
const commentSchema = z.string().max(50_000, 'A comment can be at most 50,000 characters');

export const newAnnotationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('highlight'),
    page: pageSchema,
    rects: z.array(rectSchema).min(1, 'A highlight covers some text').max(500),
    text: z.string().max(50_000).default(''),
    color: colorIdSchema,
    comment: commentSchema.default(''),
  }),
  z.object({
    kind: z.literal('area'),
    page: pageSchema,
    rect: rectSchema,
    color: colorIdSchema,
    comment: commentSchema.default(''),
    /** `data:image/png;base64,...` snapshot; stored as a blob. */
    image: z
      .string()
      .max(8_000_000, 'The region snapshot is too large')
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'A snapshot is a PNG data URL')
      .optional(),
  }),
  z.object({
    kind: z.literal('note'),
    page: pageSchema,
    point: z.tuple([z.number().finite(), z.number().finite()]),
    text: commentSchema.default(''),
    color: colorIdSchema,
  }),
]);

const scaleSchema = z.union([z.number().min(0.05).max(20), z.enum(['page-width', 'page-fit', 'auto'])]);

export const readingActivitySchema = z.object({
  id: paperIdSchema,
  /** Chosen by the reader when it opens a paper; reports of one session add up. */
  sessionId: z.string().min(8).max(64),
  /** Active reading time since the previous report (idle time excluded), ms; at most 10 minutes per report. */
  activeMs: z.number().int().min(0).max(600_000),
  /** Pages (1-based) on screen while active. */
  pages: z.array(pageSchema).max(2000).default([]),
  page: pageSchema.optional(),
  tzOffsetMinutes: tzOffsetSchema.optional(),
});

export const papersContract = {
  /** The library (all of it by default: the UI filters 2,000 items client-side), newest first. */
  'papers:list': method(listPapersSchema).returns<{ items: PaperSummaryDto[]; total: number }>(),
  'papers:get': method(z.object({ id: paperIdSchema })).returns<PaperDto>(),
  /**
   * Adds a PDF already stored as a blob (`api.upload` → sha256). The file is checked before the library
   * changes: a corrupt, truncated, encrypted or non-PDF file answers `invalid_file` naming the file (and
   * its new blob is removed). The same bytes twice answer `duplicate: true` with the existing paper.
   */
  'papers:add-blob': method(addBlobSchema).returns<AddPaperResultDto>(),
  /** Attaches a PDF (checked like add-blob) to a link or book item, which becomes a PDF item. */
  'papers:attach-pdf': method(
    z.object({ id: paperIdSchema, sha256: sha256Schema, fileName: z.string().trim().min(1).max(500) }),
  ).returns<PaperDto>(),
  /** A link or book without a PDF: URL, title, authors, where it came from and who recommended it. */
  'papers:add-item': method(addItemSchema).returns<PaperDto>(),
  /** Edits metadata (every field optional; `null` clears). */
  'papers:update': method(updatePaperSchema).returns<PaperDto>(),
  /** Removes the item, its annotations, pages and reading log. The PDF blob stays in the data folder. */
  'papers:delete': method(z.object({ id: paperIdSchema })).returns<{ deleted: true }>(),
  /** Moves it in the reading queue; `read` sets the finished date. Every change is kept with its date. */
  'papers:set-status': method(
    z.object({ id: paperIdSchema, status: statusSchema, tzOffsetMinutes: tzOffsetSchema.optional() }),
  ).returns<PaperDto>(),
  /** The reader opened it: sets "last opened". */
  'papers:opened': method(z.object({ id: paperIdSchema })).returns<PaperDto>(),
  /** Remembers where the reader is (throttled by the reader). */
  'papers:position': method(
    z.object({
      id: paperIdSchema,
      page: pageSchema,
      top: z.number().finite().nullable().optional(),
      scale: scaleSchema.nullable().optional(),
    }),
  ).returns<{
    saved: true;
  }>(),
  /** Reading log: active time and pages seen since the last report (the reader throttles these). */
  'papers:reading-activity': method(readingActivitySchema).returns<{ activeMinutesToday: number; progress: number }>(),
  /** Reading log per day in [from, to] (default: the last 35 days) with today/week/month totals. */
  'papers:stats': method(
    z.object({
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      tzOffsetMinutes: tzOffsetSchema.optional(),
    }),
  ).returns<ReadingStatsDto>(),

  'papers:annotations': method(z.object({ paperId: paperIdSchema })).returns<AnnotationDto[]>(),
  'papers:annotation-create': method(
    z.object({ paperId: paperIdSchema, annotation: newAnnotationSchema, tzOffsetMinutes: tzOffsetSchema.optional() }),
  ).returns<AnnotationDto>(),
  'papers:annotation-update': method(
    z.object({
      id: z.string().min(1).max(64),
      color: colorIdSchema.optional(),
      comment: commentSchema.optional(),
      text: commentSchema.optional(),
    }),
  ).returns<AnnotationDto>(),
  'papers:annotation-delete': method(z.object({ id: z.string().min(1).max(64) })).returns<{ deleted: true }>(),
  /** The annotations as Markdown, by page, each with a `folio://paper/<id>?page=N` link. */
  'papers:annotations-markdown': method(z.object({ id: paperIdSchema })).returns<{ markdown: string; fileName: string }>(),
  /**
   * "Create paper note": a journal entry of kind `paper` (the paper-note template) with the highlights
   * grouped by colour meaning, page links and a [[Paper title]] link. When the paper already has a live
   * note it is returned (`created: false`) unless `fresh` asks for another.
   */
  'papers:create-note': method(
    z.object({ id: paperIdSchema, fresh: z.boolean().default(false), tzOffsetMinutes: tzOffsetSchema.optional() }),
  ).returns<{ entryId: string; created: boolean; title: string }>(),

  /** BibTeX of the given items (all of them when `ids` is omitted), keys like `vaswani2017attention`. */
  'papers:bibtex': method(
    z.object({ ids: z.array(paperIdSchema).max(100_000).optional(), abstract: z.boolean().default(false) }),
  ).returns<{ text: string; count: number }>(),
  /** Creates link/book items from BibTeX, merging into existing items with the same DOI or arXiv id. */
  'papers:import-bibtex': method(
    z.object({ text: z.string().min(1, 'Paste some BibTeX').max(20_000_000, 'At most 20 MB of BibTeX') }),
  ).returns<BibtexImportResultDto>(),

  'papers:collections': method(z.object({})).returns<CollectionDto[]>(),
  'papers:collection-save': method(
    z.object({
      id: z.string().min(1).max(64).optional(),
      name: shortText(100, 'A name').pipe(z.string().min(1, 'Give the collection a name')),
    }),
  ).returns<CollectionDto>(),
  'papers:collection-delete': method(z.object({ id: z.string().min(1).max(64) })).returns<{ deleted: true }>(),
  /** Puts items into a collection (or takes them out with `remove`). */
  'papers:collection-items': method(
    z.object({
      collectionId: z.string().min(1).max(64),
      paperIds: z.array(paperIdSchema).min(1).max(100_000),
      remove: z.boolean().default(false),
    }),
  ).returns<CollectionDto>(),
  /** Re-runs full-text extraction (e.g. after a failure). */
  'papers:extract-text': method(z.object({ id: paperIdSchema })).returns<{ queued: boolean }>(),
} satisfies MethodMap;

export type PaperChangeAction =
  'added' | 'updated' | 'deleted' | 'text' | 'annotation-added' | 'annotation-updated' | 'annotation-deleted';

export interface PapersEvents {
  /**
   * One paper changed (emitted synchronously after the write commits; the search index listens).
   * `text`: more page text was stored. Annotation actions carry `annotationId`.
   */
  'papers:changed': { id: string; action: PaperChangeAction; annotationId?: string };
}

// ---------------------------------------------------------------------------------------------
// Highlight colours (setting `papers.colors`)
// ---------------------------------------------------------------------------------------------

export interface HighlightColorSetting {
  /** Stable id stored on annotations (`yellow`); renaming a colour never touches them. */
  id: string;
  /** What the colour means to the user ("Key idea"). */
  label: string;
  /** CSS colour (`#ffe066`); built-in ids default to the theme's highlight colours. */
  color?: string;
}

export const highlightColorsSchema = z
  .array(
    z.object({
      id: z.string().regex(/^[a-z][a-z0-9-]{0,29}$/, 'A colour id is a short lowercase name'),
      label: z.string().trim().min(1, 'Name what the colour means').max(60, 'A meaning can be at most 60 characters'),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #rrggbb')
        .optional(),
    }),
  )
  .min(6, 'Keep at least 6 highlight colours')
  .max(16, 'At most 16 highlight colours')
  .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'Two colours have the same id');

export const DEFAULT_HIGHLIGHT_COLORS: HighlightColorSetting[] = [
  { id: 'yellow', label: 'Key idea' },
  { id: 'red', label: 'Question' },
  { id: 'green', label: 'Method' },
  { id: 'blue', label: 'Definition' },
  { id: 'purple', label: 'Related work' },
  { id: 'orange', label: 'To check' },
];

/** `folio://paper/<id>?page=N`: what paper notes and exports link to (the UI opens `#/papers/<id>?page=N`). */
export function paperPageLink(paperId: string, page?: number): string {
  return `folio://paper/${encodeURIComponent(paperId)}${page ? `?page=${page}` : ''}`;
}

/** The route inside the app for a `folio://paper/...` link, or null when it is not one. */
export function paperLinkRoute(url: string): string | null {
  const m = /^folio:\/\/paper\/([^/?#]+)(?:\?(.*))?$/i.exec(url.trim());
  if (!m) return null;
  const page = new URLSearchParams(m[2] ?? '').get('page');
  return `/papers/${m[1]}${page && /^\d+$/.test(page) ? `?page=${page}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Library filter and sort: one implementation for the UI (client-side over the loaded library) and
// `papers:list` (server-side), so both agree on what "matches" means.
// ---------------------------------------------------------------------------------------------

/** Lower-case, accents dropped (“Schölkopf” matches “scholkopf”). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** The text a library filter searches in: title, authors, venue, year, #tags, DOI, arXiv id, source, via, status. */
export function paperHaystack(p: PaperSummaryDto): string {
  return foldForSearch(
    [
      p.title,
      p.authors.join(' · '),
      p.venue ?? '',
      p.year ?? '',
      p.tags.map((t) => `#${t}`).join(' '),
      p.doi ?? '',
      p.arxivId ?? '',
      p.source ?? '',
      p.via ?? '',
      PAPER_STATUS_LABELS[p.status],
      p.kind,
    ].join('\n'),
  );
}

/** A predicate over haystacks: every word of `query` must appear (`"exact phrase"` keeps words together). */
export function libraryMatcher(query: string): ((haystack: string) => boolean) | null {
  const words: string[] = [];
  const q = foldForSearch(query);
  for (const m of q.matchAll(/"([^"]+)"|(\S+)/g)) {
    const w = (m[1] ?? m[2] ?? '').trim();
    if (w) words.push(w);
  }
  if (words.length === 0) return null;
  return (haystack) => {
    for (const w of words) if (!haystack.includes(w)) return false;
    return true;
  };
}

const STATUS_ORDER: Record<PaperStatus, number> = { reading: 0, rereading: 1, queued: 2, skimmed: 3, read: 4, abandoned: 5 };

/** Newest, most recent, most advanced first; names A to Z. */
export function defaultSortOrder(sort: PaperSort): 'asc' | 'desc' {
  return sort === 'added' || sort === 'lastOpened' || sort === 'year' || sort === 'progress' ? 'desc' : 'asc';
}

function sortKey(p: PaperSummaryDto, sort: PaperSort): string | number | null {
  switch (sort) {
    case 'title':
      return foldForSearch(p.title);
    case 'authors':
      return p.authors[0] ? foldForSearch(p.authors[0]) : null;
    case 'year':
      return p.year;
    case 'venue':
      return p.venue ? foldForSearch(p.venue) : null;
    case 'status':
      return STATUS_ORDER[p.status];
    case 'lastOpened':
      return p.lastOpenedAt;
    case 'progress':
      return p.progress;
    default:
      return p.addedAt;
  }
}

function compareKeys(x: string | number | null, y: string | number | null, dir: number): number | null {
  if (x === null || x === '') return y === null || y === '' ? null : 1;
  if (y === null || y === '') return -1;
  const c = typeof x === 'number' && typeof y === 'number' ? x - y : x < y ? -1 : x > y ? 1 : 0;
  return c === 0 ? null : c * dir;
}

/** Comparator for the library table; missing values sort last in both directions. */
export function paperComparator(sort: PaperSort, order?: 'asc' | 'desc'): (a: PaperSummaryDto, b: PaperSummaryDto) => number {
  const dir = (order ?? defaultSortOrder(sort)) === 'asc' ? 1 : -1;
  return (a, b) => compareKeys(sortKey(a, sort), sortKey(b, sort), dir) ?? tieBreak(a, b);
}

/** Sorts a copy, computing each item's key once (titles are folded, not collated: fast over thousands). */
export function sortPapers(items: readonly PaperSummaryDto[], sort: PaperSort, order?: 'asc' | 'desc'): PaperSummaryDto[] {
  const dir = (order ?? defaultSortOrder(sort)) === 'asc' ? 1 : -1;
  const keyed = items.map((p) => ({ p, k: sortKey(p, sort) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k, dir) ?? tieBreak(a.p, b.p));
  return keyed.map((x) => x.p);
}

function tieBreak(a: PaperSummaryDto, b: PaperSummaryDto): number {
  return a.addedAt < b.addedAt ? 1 : a.addedAt > b.addedAt ? -1 : a.id < b.id ? 1 : -1;
}
