// Ranked ids -> result DTOs: titles, dates, highlighted snippets (from the stored plain text) and
// "why it matched".
import type Database from 'better-sqlite3';
import type { RelatedItemDto, SearchKind, SearchResultDto, SearchWhyDto } from '../contract/search';
import { stmt } from './store';
import { escapeHtml, findMatches, makeSnippet } from './text';

type Sqlite = Database.Database;

export interface DocRow {
  id: number;
  kind: SearchKind;
  ref_id: string;
  subkind: string | null;
  paper_id: string | null;
  page: number | null;
  title: string;
  date: string | null;
  tags: string;
  is_public: number;
  text: string;
  props: string;
}

export function loadDocs(db: Sqlite, ids: readonly number[]): Map<number, DocRow> {
  if (ids.length === 0) return new Map();
  const rows = stmt(
    db,
    `SELECT id, kind, ref_id, subkind, paper_id, page, title, date, tags, is_public, text, props FROM search_docs
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as DocRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ChunkRow {
  id: number;
  doc_id: number;
  heading: string | null;
  page: number | null;
  start: number;
  end: number;
}

export function loadChunks(db: Sqlite, ids: readonly number[]): Map<number, ChunkRow> {
  if (ids.length === 0) return new Map();
  const rows = stmt(
    db,
    `SELECT id, doc_id, heading, page, start, "end" FROM search_chunks WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids)) as ChunkRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Page of a paper's text at `offset` (the passage holding it). */
function pageAt(db: Sqlite, docId: number, offset: number): number | null {
  const r = stmt(db, 'SELECT page FROM search_chunks WHERE doc_id = ? AND start <= ? ORDER BY start DESC LIMIT 1').get(
    docId,
    offset,
  ) as { page: number | null } | undefined;
  return r?.page ?? null;
}

const SNIPPET_CHARS = 220;
const EXCERPT_CHARS = 240;

/** The start of a passage as plain text, cut at a word boundary. */
export function excerptOf(text: string, maxChars = EXCERPT_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= maxChars) return t;
  const cut = t.lastIndexOf(' ', maxChars);
  return `${t.slice(0, cut > maxChars / 2 ? cut : maxChars)}…`;
}

function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface RankedDoc {
  docId: number;
  score: number;
  fts?: { rank: number; bm25: number; partial?: boolean };
  vector?: { rank: number; similarity: number; chunkId: number };
}

/**
 * Result DTOs for ranked items. `highlightQuery` decides what is marked in snippets (the query, or its
 * non-filler words for a relaxed match).
 */
export function buildResults(db: Sqlite, ranked: readonly RankedDoc[], highlightQuery: string): SearchResultDto[] {
  const docs = loadDocs(
    db,
    ranked.map((r) => r.docId),
  );
  const chunks = loadChunks(
    db,
    ranked.flatMap((r) => (r.vector ? [r.vector.chunkId] : [])),
  );
  const out: SearchResultDto[] = [];
  for (const r of ranked) {
    const d = docs.get(r.docId);
    if (!d) continue; // removed since it was ranked
    const why: SearchWhyDto = {};
    let snippet = '';
    let page: number | null = d.page;
    if (r.fts) {
      const bodyMatches = findMatches(d.text, highlightQuery);
      const matchedFields: ('title' | 'body' | 'tags')[] = [];
      if (findMatches(d.title, highlightQuery).length > 0) matchedFields.push('title');
      if (bodyMatches.length > 0) matchedFields.push('body');
      if (findMatches(d.props, highlightQuery).length > 0) matchedFields.push('tags');
      why.fts = { rank: r.fts.rank, bm25: r.fts.bm25, matchedFields, ...(r.fts.partial ? { partial: true } : {}) };
      if (bodyMatches.length > 0) {
        snippet = makeSnippet(d.text, highlightQuery, { maxChars: SNIPPET_CHARS, matches: bodyMatches });
        if (d.kind === 'paper') page = pageAt(db, d.id, bodyMatches[0]![0]) ?? page;
      } else if (matchedFields.includes('tags') && !matchedFields.includes('title')) {
        snippet = makeSnippet(d.props, highlightQuery, { maxChars: SNIPPET_CHARS });
      }
    }
    if (r.vector) {
      const c = chunks.get(r.vector.chunkId);
      const passage = c ? d.text.slice(c.start, c.end) : '';
      why.vector = {
        rank: r.vector.rank,
        similarity: r.vector.similarity,
        heading: c?.heading ?? null,
        excerpt: excerptOf(passage),
        ...(c?.page != null ? { page: c.page } : {}),
      };
      if (!snippet && passage) {
        snippet = makeSnippet(passage, highlightQuery, { maxChars: SNIPPET_CHARS });
        if (c?.page != null) page = c.page;
      }
    }
    if (!snippet) snippet = escapeHtml(excerptOf(d.text, SNIPPET_CHARS));
    out.push({
      kind: d.kind,
      id: d.ref_id,
      docId: d.id,
      title: d.title,
      date: d.date,
      subkind: d.subkind,
      tags: parseTags(d.tags),
      isPublic: d.is_public === 1,
      snippet,
      score: r.score,
      why,
      ...(d.paper_id ? { paperId: d.paper_id } : d.kind === 'paper' ? { paperId: d.ref_id } : {}),
      ...(page != null ? { page } : {}),
    });
  }
  return out;
}

export function buildRelated(db: Sqlite, hits: readonly { id: number; similarity: number; chunkId: number }[]): RelatedItemDto[] {
  const docs = loadDocs(
    db,
    hits.map((h) => h.id),
  );
  const chunks = loadChunks(
    db,
    hits.map((h) => h.chunkId),
  );
  const out: RelatedItemDto[] = [];
  for (const h of hits) {
    const d = docs.get(h.id);
    if (!d) continue;
    const c = chunks.get(h.chunkId);
    out.push({
      kind: d.kind,
      id: d.ref_id,
      docId: d.id,
      title: d.title,
      date: d.date,
      score: h.similarity,
      excerpt: excerptOf(c ? d.text.slice(c.start, c.end) : d.text),
      heading: c?.heading ?? null,
      ...(d.paper_id ? { paperId: d.paper_id } : d.kind === 'paper' ? { paperId: d.ref_id } : {}),
      ...(c?.page != null ? { page: c.page } : d.page != null ? { page: d.page } : {}),
    });
  }
  return out;
}
