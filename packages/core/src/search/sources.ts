// Where indexed items come from. Search reads the other domains only through their index.ts; each
// source turns one of their items into a SourceDoc (metadata + a hash of the source fields + how to
// derive the plain text and passages, done only when the hash changed).
import type { CoreContext } from '../app/context';
import type { SearchKind } from '../contract/search';
import type { AnnotationDto, PaperDto } from '../contract/papers';
import type { CommentStatus } from '../contract/comments';
import { countComments, getComment, iterateComments, type CommentItem } from '../comments';
import { getEntry, iterateAllEntries, listEntries } from '../journal';
import { countPapers, getAnnotation, getPaper, iteratePapers, listAnnotations, paperPages } from '../papers';
import { deriveMarkdown, derivePages, derivePlain, sha1, type DerivedText } from './chunking';
import { propertiesToText } from './text';

/** Bump when the derived text or passages change shape: every item is re-derived (vectors of unchanged passages are kept). */
export const DERIVE_VERSION = 1;

export interface SourceDoc {
  kind: SearchKind;
  refId: string;
  subkind: string | null;
  paperId: string | null;
  page: number | null;
  /** What results show. */
  title: string;
  /** What the keyword index reads as the title, when it differs (an annotation shows its paper's title but is not found by it). */
  ftsTitle?: string;
  date: string | null;
  tags: string[];
  isPublic: boolean;
  /** Property values and tags as one searchable text. */
  props: string;
  sourceHash: string;
  derive(): DerivedText;
}

export interface Source {
  kind: SearchKind;
  /** The item as it should be indexed, or null when it is gone (deleted, trashed, unknown). */
  load(ctx: CoreContext, refId: string): SourceDoc | null;
  /** Every live item (for the index check); read in batches, safe to pause between items. */
  iterate(ctx: CoreContext): Iterable<SourceDoc>;
  /** How many live items there are (cheap), to notice an index that drifted; absent when counting is not cheap. */
  count?(ctx: CoreContext): number;
}

export function hashOf(parts: unknown[]): string {
  return sha1(JSON.stringify([DERIVE_VERSION, ...parts]));
}

type EntryLike = NonNullable<ReturnType<typeof getEntry>>;

function entryDoc(e: EntryLike): SourceDoc {
  return {
    kind: 'entry',
    refId: e.id,
    subkind: e.kind,
    paperId: null,
    page: null,
    title: e.title,
    date: e.date,
    tags: e.tags,
    isPublic: e.isPublic,
    props: propertiesToText(e.properties, e.tags),
    sourceHash: hashOf([e.title, e.body, e.properties, e.tags, e.date, e.kind, e.isPublic]),
    derive: () => deriveMarkdown(e.body),
  };
}

export const journalSource: Source = {
  kind: 'entry',
  load(ctx, refId) {
    const e = getEntry(ctx, refId);
    return e && !e.deletedAt ? entryDoc(e) : null;
  },
  *iterate(ctx) {
    for (const e of iterateAllEntries(ctx)) yield entryDoc(e);
  },
  count(ctx) {
    return listEntries(ctx, { limit: 1 }).total;
  },
};

// ------------------------------------------------------------------ papers and their annotations

function paperDoc(ctx: CoreContext, p: PaperDto): SourceDoc {
  const pages = p.kind === 'pdf' ? paperPages(ctx, p.id) : [];
  const props = [p.authors.join(', '), p.venue, p.year, p.doi, p.arxivId, p.url, p.publisher, ...p.tags]
    .filter((x) => x !== null && x !== '')
    .join('\n');
  return {
    kind: 'paper',
    refId: p.id,
    subkind: p.kind,
    paperId: null,
    page: null,
    title: p.title,
    date: p.addedAt.slice(0, 10),
    tags: p.tags,
    isPublic: false,
    props,
    sourceHash: hashOf([
      p.title,
      props,
      p.abstract,
      p.addedAt,
      sha1(pages.map((x) => `${x.page}\u0000${x.text}`).join('\u0001')),
    ]),
    derive: () => derivePages([...(p.abstract ? [{ page: null, text: p.abstract }] : []), ...pages]),
  };
}

export const papersSource: Source = {
  kind: 'paper',
  load(ctx, refId) {
    const p = getPaper(ctx, refId);
    return p ? paperDoc(ctx, p) : null;
  },
  *iterate(ctx) {
    for (const p of iteratePapers(ctx)) yield paperDoc(ctx, p);
  },
  count(ctx) {
    return countPapers(ctx);
  },
};

/** What an annotation says: the highlighted words and the note on them. */
export function annotationText(a: AnnotationDto): string {
  if (a.kind === 'highlight') return [a.text, a.comment].filter(Boolean).join('\n\n');
  if (a.kind === 'area') return a.comment;
  return a.text;
}

function annotationDoc(a: AnnotationDto, paperTitle: string): SourceDoc {
  const text = annotationText(a);
  return {
    kind: 'annotation',
    refId: a.id,
    subkind: a.kind,
    paperId: a.paperId,
    page: a.page,
    title: paperTitle,
    ftsTitle: '',
    date: a.createdAt.slice(0, 10),
    tags: [],
    isPublic: false,
    props: '',
    sourceHash: hashOf([paperTitle, text, a.page, a.kind, a.createdAt]),
    derive: () => derivePlain(text),
  };
}

export const annotationsSource: Source = {
  kind: 'annotation',
  load(ctx, refId) {
    const a = getAnnotation(ctx, refId);
    if (!a) return null;
    const p = getPaper(ctx, a.paperId);
    return p ? annotationDoc(a, p.title) : null;
  },
  *iterate(ctx) {
    for (const p of iteratePapers(ctx)) {
      if (p.annotationCount === 0) continue;
      for (const a of listAnnotations(ctx, p.id)) yield annotationDoc(a, p.title);
    }
  },
};

// ------------------------------------------------------------------ comments of the user's site

/**
 * Comments found by search: the undecided and the approved. Spam and deleted comments are left out
 * (a search should not surface junk the user already threw away); they come back when restored or
 * approved, since every decision emits `comments:changed`.
 */
export const SEARCHABLE_COMMENT_STATUSES: readonly CommentStatus[] = ['new', 'approved'];

/** "Ada on /posts/hello", "Anonymous on …", or just the author when the page is unknown. */
export function commentTitle(c: Pick<CommentItem, 'author' | 'page'>): string {
  const who = c.author?.trim() || 'Anonymous';
  const page = c.page?.trim();
  return page ? `${who} on ${page}` : who;
}

function commentDoc(c: CommentItem): SourceDoc {
  const title = commentTitle(c);
  return {
    kind: 'comment',
    refId: c.id,
    subkind: c.status,
    paperId: null,
    page: null,
    title,
    // The day it was written (UTC, like annotations); unknown when the file had no usable time.
    date: c.createdAt ? c.createdAt.slice(0, 10) : null,
    tags: [],
    isPublic: false,
    props: '',
    sourceHash: hashOf([title, c.text, c.createdAt, c.status]),
    // One passage (split only past CHUNK_MAX_CHARS, like annotations).
    derive: () => derivePlain(c.text),
  };
}

export const commentsSource: Source = {
  kind: 'comment',
  load(ctx, refId) {
    const c = getComment(ctx, refId);
    return c && SEARCHABLE_COMMENT_STATUSES.includes(c.status) ? commentDoc(c) : null;
  },
  *iterate(ctx) {
    for (const c of iterateComments(ctx, { statuses: SEARCHABLE_COMMENT_STATUSES })) yield commentDoc(c);
  },
  count(ctx) {
    return countComments(ctx, { statuses: SEARCHABLE_COMMENT_STATUSES });
  },
};
