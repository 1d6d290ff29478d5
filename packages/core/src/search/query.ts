// Ranking: FTS5 BM25 over search_fts, vector KNN over search_vec, and their Reciprocal Rank Fusion.
// These functions only rank (ids and scores); results.ts turns ranked ids into DTOs with snippets.
import type Database from 'better-sqlite3';
import type { SearchKind } from '../contract/search';
import { stmt } from './store';
import type { VectorCache } from './vector-cache';
import { bm25Sql, buildFtsQuery } from './text';

type Sqlite = Database.Database;

export interface SearchFilters {
  kinds?: readonly SearchKind[];
  entryKinds?: readonly string[];
  tags?: readonly string[];
  from?: string;
  to?: string;
  public?: boolean;
}

export function hasFilters(f: SearchFilters): boolean {
  return !!(f.kinds?.length || f.entryKinds?.length || f.tags?.length || f.from || f.to || f.public !== undefined);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** SQL conditions on search_docs (aliased `d`) for the filters. */
export function filterSql(f: SearchFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.kinds?.length) {
    parts.push(`d.kind IN (${f.kinds.map(() => '?').join(', ')})`);
    params.push(...f.kinds);
  }
  if (f.entryKinds?.length) {
    parts.push(`(d.kind = 'entry' AND d.subkind IN (${f.entryKinds.map(() => '?').join(', ')}))`);
    params.push(...f.entryKinds);
  }
  for (const tag of f.tags ?? []) {
    const t = tag.toLowerCase();
    parts.push(`EXISTS (SELECT 1 FROM json_each(d.tags) t WHERE lower(t.value) = ? OR lower(t.value) LIKE ? ESCAPE '\\')`);
    params.push(t, `${escapeLike(t)}/%`);
  }
  if (f.from) {
    parts.push('d.date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    parts.push('d.date <= ?');
    params.push(f.to);
  }
  if (f.public !== undefined) {
    parts.push('d.is_public = ?');
    params.push(f.public ? 1 : 0);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** English words that alone should not make a relaxed (any-word) match. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but of to in on at for with by from as is are was were be been being it its this that these those ' +
    'i me my we our you your he she they them his her their not no do does did so than then too very can could would ' +
    'should will just into out up down over under about after before again all any both each few more most other some ' +
    'such only own same also how what which who whom when where why there here if because while until am has have had ' +
    'having don nor off once get got'
  ).split(' '),
);

export interface FtsHit {
  id: number;
  bm25: number;
}

export interface FtsRanking {
  hits: FtsHit[];
  /** Items matching (all of them, not only the page returned). */
  total: number;
  /** Nothing held every word, so these hold some of them. */
  relaxed: boolean;
}

function ftsRun(db: Sqlite, match: string, f: SearchFilters, limit: number, offset: number): FtsHit[] {
  const where = filterSql(f);
  const sql = hasFilters(f)
    ? `SELECT search_fts.rowid AS id, ${bm25Sql()} AS score FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
       WHERE search_fts MATCH ? AND ${where.sql} ORDER BY score, search_fts.rowid LIMIT ? OFFSET ?`
    : `SELECT rowid AS id, ${bm25Sql()} AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY score, rowid LIMIT ? OFFSET ?`;
  const rows = stmt(db, sql).all(match, ...where.params, limit, offset) as { id: number; score: number }[];
  return rows.map((r) => ({ id: r.id, bm25: r.score }));
}

function ftsCount(db: Sqlite, match: string, f: SearchFilters): number {
  const where = filterSql(f);
  const sql = hasFilters(f)
    ? `SELECT count(*) AS n FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ? AND ${where.sql}`
    : `SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?`;
  return (stmt(db, sql).get(match, ...where.params) as { n: number }).n;
}

/** The query with only the words a relaxed match uses (for highlighting). */
export function withoutStopwords(q: string): string {
  return q
    .split(/\s+/)
    .filter((w) => !STOPWORDS.has(w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '')))
    .join(' ');
}

/**
 * Keyword ranking, best first. Every word must match; when nothing holds all the words of a query of
 * several, items holding any of them (filler words aside) are ranked instead, and `relaxed` says so.
 */
export function ftsRank(
  db: Sqlite,
  q: string,
  f: SearchFilters,
  limit: number,
  offset = 0,
  opts: { relax?: boolean } = {},
): FtsRanking {
  const match = buildFtsQuery(q);
  if (match === null) return { hits: [], total: 0, relaxed: false };
  const hits = ftsRun(db, match, f, limit, offset);
  if (hits.length > 0 || offset > 0 || opts.relax === false) {
    const total = hits.length < limit && offset === 0 ? hits.length : ftsCount(db, match, f);
    return { hits, total, relaxed: false };
  }
  const any = buildFtsQuery(q, { any: true, stopwords: STOPWORDS });
  if (any === null || any === match) return { hits, total: 0, relaxed: false };
  const relaxed = ftsRun(db, any, f, limit, 0);
  return { hits: relaxed, total: relaxed.length < limit ? relaxed.length : ftsCount(db, any, f), relaxed: relaxed.length > 0 };
}

/**
 * For fusion: every-word matches first, then (when they are few) any-word matches, up to `depth`.
 * A long natural-language query rarely has an item holding all its words; its best keyword evidence
 * is then the items holding most of the rare ones.
 */
export function ftsRankForFusion(
  db: Sqlite,
  q: string,
  f: SearchFilters,
  depth: number,
): { hits: (FtsHit & { partial: boolean })[] } {
  const match = buildFtsQuery(q);
  if (match === null) return { hits: [] };
  const strict = ftsRun(db, match, f, depth, 0).map((h) => ({ ...h, partial: false }));
  if (strict.length >= depth) return { hits: strict };
  const any = buildFtsQuery(q, { any: true, stopwords: STOPWORDS });
  if (any === null || any === match) return { hits: strict };
  const seen = new Set(strict.map((h) => h.id));
  const extra = ftsRun(db, any, f, depth, 0)
    .filter((h) => !seen.has(h.id))
    .map((h) => ({ ...h, partial: true }));
  return { hits: [...strict, ...extra].slice(0, depth) };
}

export interface VectorHit {
  /** search_docs.id */
  id: number;
  similarity: number;
  chunkId: number;
}

/**
 * Items whose passages are nearest to `vector` (cosine), best passage per item, best first, from the
 * in-memory copy (exact, every passage scored). With filters, the items passing them are selected in
 * SQL first and only their passages compete, so a selective filter still gets its nearest items.
 */
export function vectorRank(
  db: Sqlite,
  cache: VectorCache,
  vector: Float32Array,
  f: SearchFilters,
  depth: number,
  opts: { excludeDoc?: (docId: number) => boolean } = {},
): VectorHit[] {
  const exclude = opts.excludeDoc ?? (() => false);
  let accept: ((docId: number) => boolean) | undefined;
  if (hasFilters(f)) {
    // The items that pass the filters, once, in SQL; passages of other items are not considered.
    const where = filterSql(f);
    const rows = stmt(db, `SELECT d.id FROM search_docs d WHERE ${where.sql}`).all(...where.params) as { id: number }[];
    let max = 0;
    for (const r of rows) if (r.id > max) max = r.id;
    const mask = new Uint8Array(max + 1);
    for (const r of rows) mask[r.id] = 1;
    accept = (d) => mask[d] === 1;
  }
  const best = new Map<number, VectorHit>();
  for (const c of cache.nearest(vector, Math.max(200, depth * 8), accept)) {
    if (best.has(c.docId) || exclude(c.docId)) continue;
    best.set(c.docId, { id: c.docId, similarity: c.similarity, chunkId: c.chunkId });
    if (best.size >= depth) break;
  }
  return [...best.values()];
}

/** Vectors of some passages (for "related": the mean of an item's passages). */
export function chunkVectors(cache: VectorCache, chunkIds: readonly number[]): Float32Array[] {
  return chunkIds.map((id) => cache.vectorOf(id)).filter((v): v is Float32Array => v !== null);
}

/** Mean of unit vectors, normalised again (null when they cancel out or there are none). */
export function meanVector(vectors: readonly Float32Array[]): Float32Array | null {
  if (vectors.length === 0) return null;
  const dim = vectors[0]!.length;
  const out = new Float32Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) out[i]! += v[i]!;
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (!(norm > 1e-9)) return null;
  for (let i = 0; i < dim; i++) out[i]! /= norm;
  return out;
}

export interface FusedHit<T> {
  id: T;
  score: number;
  /** 1-based rank in each input list, null where the list did not have it. */
  ranks: (number | null)[];
}

/**
 * Reciprocal Rank Fusion (Cormack et al. 2009): score(d) = sum over lists of 1 / (k + rank of d),
 * ranks 1-based. Ties go to the better single rank, then to the first list's order.
 */
export function reciprocalRankFusion<T>(lists: readonly (readonly T[])[], k = 60): FusedHit<T>[] {
  const fused = new Map<T, FusedHit<T>>();
  lists.forEach((list, li) => {
    list.forEach((id, i) => {
      let h = fused.get(id);
      if (!h) fused.set(id, (h = { id, score: 0, ranks: lists.map(() => null) }));
      if (h.ranks[li] !== null) return; // a list naming an id twice counts it once, at its best rank
      h.ranks[li] = i + 1;
      h.score += 1 / (k + i + 1);
    });
  });
  const best = (h: FusedHit<T>) => Math.min(...h.ranks.map((r) => r ?? Infinity));
  const firstListPos = (h: FusedHit<T>) => h.ranks.find((r) => r !== null) ?? Infinity;
  return [...fused.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || firstListPos(a) - firstListPos(b));
}
