import { z } from 'zod';
import { method, type MethodMap } from './rpc';
import type { ModelStatus } from './system';

// The search domain's calls ('search:verb'), their payload schemas and DTOs.
//
// One index over everything: journal entries, papers (full text), annotations (highlights and notes)
// and the comments of the user's site (undecided and approved; spam and deleted ones are left out). Keyword search (SQLite FTS5, BM25, English stemming + Chinese/Japanese/Korean
// substrings) is always available and always up to date: it is written in the same tick as the change.
// Semantic search (sentence vectors in sqlite-vec) is built in the background and needs the embedding
// model; `hybrid` fuses both rankings with Reciprocal Rank Fusion. Without the model, vector and hybrid
// fall back to keyword search and say so in `note`.

export const SEARCH_KINDS = ['entry', 'paper', 'annotation', 'comment'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_MODES = ['fts', 'vector', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

const dateSchema = z
  .string({ error: 'Give a date as YYYY-MM-DD' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD, e.g. 2026-11-25');

const kindSchema = z.enum(SEARCH_KINDS, { error: `A kind is one of: ${SEARCH_KINDS.join(', ')}` });
const refIdSchema = z.string({ error: 'Which item?' }).trim().min(1, 'Which item?').max(200, 'Not an id');

export const searchQuerySchema = z
  .object({
    q: z.string({ error: 'Type something to search for' }).max(1000, 'A search can be at most 1,000 characters'),
    /** Default: `hybrid` when the embedding model is ready, else `fts`. */
    mode: z.enum(SEARCH_MODES, { error: 'A mode is fts, vector or hybrid' }).optional(),
    /** Only these kinds of result (entry, paper, annotation, comment). */
    kinds: z.array(kindSchema).max(SEARCH_KINDS.length).optional(),
    /** Only journal entries of these kinds (daily, post, meeting, ...): other kinds of result are left out. */
    entryKinds: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
    /** Results carrying every one of these tags (a tag also matches its series: `paper` matches `paper/ml`). */
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(200)
          .transform((t) => t.replace(/^#/, '')),
      )
      .max(20)
      .optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    /** true: public only; false: private only; omitted: both. */
    public: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'The start date is after the end date', path: ['to'] });

/** Why a result matched: its rank in each list that found it. */
export interface SearchWhyDto {
  fts?: {
    /** 1-based rank in the keyword ranking. */
    rank: number;
    /** SQLite's bm25() (lower is better; negative). */
    bm25: number;
    /** Where the words were found. */
    matchedFields: ('title' | 'body' | 'tags')[];
    /** True when no result held every word and this one holds some of them. */
    partial?: boolean;
  };
  vector?: {
    rank: number;
    /** Cosine similarity of the best passage, -1..1. */
    similarity: number;
    /** The passage that matched best: its heading (if any) and the start of its text (plain text). */
    heading: string | null;
    excerpt: string;
    page?: number;
  };
}

export interface SearchResultDto {
  kind: SearchKind;
  /** The id in its own domain (entry id, paper id, annotation id, comment id). */
  id: string;
  /** Row id in `search_docs`. */
  docId: number;
  title: string;
  /** YYYY-MM-DD: the entry's day, the paper's added day, the annotation's day, the day a comment was written (UTC). */
  date: string | null;
  /** Journal kind (daily, post...) of an entry; the annotation's type; a comment's status (new, approved). */
  subkind: string | null;
  tags: string[];
  isPublic: boolean;
  /** HTML: the text around the match, every character escaped except `<mark>` / `</mark>` around the matched words. */
  snippet: string;
  /** Higher is better: -bm25 (fts), cosine similarity (vector), or the RRF score (hybrid). */
  score: number;
  why: SearchWhyDto;
  /** The paper an annotation (or a paper passage) belongs to. */
  paperId?: string;
  page?: number;
}

export interface SearchIndexProgressDto {
  /** Passages (chunks) waiting for their vector. */
  pending: number;
  /** Passages with a vector or with nothing to embed (e.g. Chinese-only text, found by keyword search). */
  done: number;
  total: number;
}

export interface SearchResultsDto {
  q: string;
  /** The mode that answered (a vector/hybrid request falls back to fts without the model). */
  mode: SearchMode;
  requestedMode: SearchMode | null;
  results: SearchResultDto[];
  /** Results in the whole ranking (before offset/limit); for fts the number of matching items. */
  total: number;
  /** Something the user should know: a fallback, a partial vector index, a relaxed keyword match. */
  note?: string;
  /** Keyword results hold only some of the words (no item held them all). */
  relaxed?: boolean;
  vectorIndex: SearchIndexProgressDto;
  tookMs: number;
}

export interface RelatedItemDto {
  kind: SearchKind;
  id: string;
  docId: number;
  title: string;
  date: string | null;
  /** Cosine similarity of the closest passages, -1..1. */
  score: number;
  /** The closest passage of the related item (plain text). */
  excerpt: string;
  heading: string | null;
  paperId?: string;
  page?: number;
}

export interface RelatedDto {
  items: RelatedItemDto[];
  /** Why the list is empty or short: no model, the item is not embedded yet, nothing in English to compare. */
  note?: string;
  state: 'ok' | 'unavailable' | 'not-indexed';
}

export interface SearchIndexStatusDto {
  /** Indexed items (keyword index), by kind. */
  docs: Record<SearchKind, number> & { total: number };
  chunks: SearchIndexProgressDto & { empty: number };
  embedder: ModelStatus & { dim?: number };
  /** The background vector indexer. */
  indexer: { state: 'idle' | 'running' | 'unavailable' | 'stopped'; lastError?: string };
  /** When the keyword index was last checked against the journal, papers and comments (UTC ISO). */
  checkedAt: string | null;
}

export interface SearchReindexDto {
  /** Items (re)written in the keyword index. */
  updated: number;
  /** Items removed because their source is gone. */
  removed: number;
  unchanged: number;
  /** Passages queued for embedding. */
  queued: number;
}

export const searchContract = {
  /** Search everything. Errors only on a malformed payload: any text is a valid query. */
  'search:query': method(searchQuerySchema).returns<SearchResultsDto>(),
  /** Items similar to an entry or a paper (mean of its passage vectors), itself left out; comments only for a comment. */
  'search:related': method(
    z.object({ kind: kindSchema, id: refIdSchema, limit: z.number().int().min(1).max(50).default(8) }),
  ).returns<RelatedDto>(),
  /** "You wrote about this before": entries closest to a text being written. Cheap; the UI debounces. */
  'search:similar-text': method(
    z.object({
      text: z.string().max(100_000, 'At most 100,000 characters'),
      /** Leave out this entry (the one being written). */
      excludeId: z.string().max(200).optional(),
      kinds: z.array(kindSchema).max(SEARCH_KINDS.length).default(['entry']),
      limit: z.number().int().min(1).max(20).default(3),
      /** Leave out weaker matches (cosine similarity). */
      minScore: z.number().min(-1).max(1).default(0.55),
    }),
  ).returns<RelatedDto>(),
  'search:index-status': method(z.object({})).returns<SearchIndexStatusDto>(),
  /**
   * Checks the keyword index against the journal, papers and comments and repairs it (by content hash; unchanged
   * items are not rewritten); with `vectors`, also drops every vector and embeds everything again.
   */
  'search:reindex': method(z.object({ vectors: z.boolean().default(false) })).returns<SearchReindexDto>(),
  /** Resolves when the background vector index is complete (or cannot progress: no model). */
  'search:wait-index': method(
    z.object({
      timeoutMs: z
        .number()
        .int()
        .min(0)
        .max(24 * 3600_000)
        .optional(),
    }),
  ).returns<SearchIndexStatusDto & { complete: boolean }>(),
} satisfies MethodMap;

export interface SearchEvents {
  /** The vector index's progress changed (throttled), or the model became ready/unavailable. */
  'search:index-status': SearchIndexStatusDto;
}
