// Writes of the search index: one item = a search_docs row, its FTS5 row and its passages. Everything
// here is synchronous and runs in one transaction per item, in the same tick as the change it mirrors.
import type Database from 'better-sqlite3';
import type { SearchKind } from '../contract/search';
import { embedText, sha1 } from './chunking';
import type { SourceDoc } from './sources';
import { buildSearchRow, SEARCH_COLUMNS } from './text';

type Sqlite = Database.Database;
type Statement = Database.Statement;

const cache = new WeakMap<Sqlite, Map<string, Statement>>();

/** A prepared statement, cached per connection (a restore swaps the connection). */
export function stmt(db: Sqlite, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

export const VEC_TABLE = 'search_vec';

const vecState = new WeakMap<Sqlite, boolean>();

/** True when the vec0 table exists and sqlite-vec is loaded on this connection (so its rows can be touched). */
export function vecTableUsable(db: Sqlite, vecLoaded: boolean): boolean {
  if (!vecLoaded) return false;
  let v = vecState.get(db);
  if (v === undefined) {
    v = !!stmt(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(VEC_TABLE);
    vecState.set(db, v);
  }
  return v;
}

export function forgetVecState(db: Sqlite): void {
  vecState.delete(db);
}

export const CHUNK_PENDING = 0;
export const CHUNK_EMBEDDED = 1;
export const CHUNK_EMPTY = 2;

export interface UpsertResult {
  docId: number;
  /** False when the stored hash already matched: nothing was written. */
  changed: boolean;
  /** Passages that now wait for a vector. */
  queued: number;
  /** Vectors deleted (passages that are gone), and the vector generation after it (see bumpVecGeneration). */
  removedVectors: number[];
  vecGen: number | null;
}

/**
 * Every write to search_vec bumps `vec.gen` in the same transaction, so an in-memory copy of the
 * vectors (vector-cache.ts) can tell its own changes from another process's. Returns the new value.
 */
export function bumpVecGeneration(db: Sqlite): number {
  const r = stmt(
    db,
    `INSERT INTO search_state (key, value) VALUES ('vec.gen', '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value`,
  ).get() as { value: string | number };
  return Number(r.value);
}

export function readVecGeneration(db: Sqlite): number {
  return Number(readState(db, 'vec.gen') ?? 0);
}

const FTS_INSERT = `INSERT OR REPLACE INTO search_fts(rowid, ${SEARCH_COLUMNS.join(', ')}) VALUES (?, ${SEARCH_COLUMNS.map(() => '?').join(', ')})`;

interface ChunkRow {
  id: number;
  content_hash: string;
  state: number;
}

/** Indexes one item (or leaves it when its source hash is unchanged). */
export function upsertDoc(db: Sqlite, doc: SourceDoc, opts: { now: string; vecLoaded: boolean; force?: boolean }): UpsertResult {
  const existing = stmt(db, 'SELECT id, source_hash FROM search_docs WHERE kind = ? AND ref_id = ?').get(doc.kind, doc.refId) as
    { id: number; source_hash: string } | undefined;
  if (existing && existing.source_hash === doc.sourceHash && !opts.force)
    return { docId: existing.id, changed: false, queued: 0, removedVectors: [], vecGen: null };
  const derived = doc.derive();
  return db.transaction(() => {
    const { id } = stmt(
      db,
      `INSERT INTO search_docs (kind, ref_id, subkind, paper_id, page, title, date, tags, is_public, text, props, source_hash, indexed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, ref_id) DO UPDATE SET subkind = excluded.subkind, paper_id = excluded.paper_id, page = excluded.page,
         title = excluded.title, date = excluded.date, tags = excluded.tags, is_public = excluded.is_public, text = excluded.text,
         props = excluded.props, source_hash = excluded.source_hash, indexed_at = excluded.indexed_at
       RETURNING id`,
    ).get(
      doc.kind,
      doc.refId,
      doc.subkind,
      doc.paperId,
      doc.page,
      doc.title,
      doc.date,
      JSON.stringify(doc.tags),
      doc.isPublic ? 1 : 0,
      derived.text,
      doc.props,
      doc.sourceHash,
      opts.now,
    ) as { id: number };
    const row = buildSearchRow({ title: doc.ftsTitle ?? doc.title, body: derived.text, props: doc.props });
    stmt(db, FTS_INSERT).run(id, ...SEARCH_COLUMNS.map((c) => row[c]));

    // Passages: an unchanged one (same embedded text) keeps its row, state and vector.
    const old = stmt(db, 'SELECT id, content_hash, state FROM search_chunks WHERE doc_id = ?').all(id) as ChunkRow[];
    const byHash = new Map<string, ChunkRow[]>();
    for (const c of old) {
      const list = byHash.get(c.content_hash);
      if (list) list.push(c);
      else byHash.set(c.content_hash, [c]);
    }
    let queued = 0;
    const update = stmt(db, 'UPDATE search_chunks SET ordinal = ?, heading = ?, page = ?, start = ?, "end" = ? WHERE id = ?');
    const insert = stmt(
      db,
      'INSERT INTO search_chunks (doc_id, ordinal, heading, page, start, "end", content_hash, state) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
    );
    derived.chunks.forEach((c, ordinal) => {
      const hash = sha1(embedText(doc.title, c, derived.text));
      const reuse = byHash.get(hash)?.pop();
      if (reuse) {
        update.run(ordinal, c.heading, c.page, c.start, c.end, reuse.id);
        if (reuse.state === CHUNK_PENDING) queued++;
      } else {
        insert.run(id, ordinal, c.heading, c.page, c.start, c.end, hash);
        queued++;
      }
    });
    const gone = [...byHash.values()].flat();
    const removed = deleteChunks(db, gone, opts.vecLoaded);
    return { docId: id, changed: true, queued, ...removed };
  })();
}

function deleteChunks(
  db: Sqlite,
  chunks: readonly { id: number; state: number }[],
  vecLoaded: boolean,
): { removedVectors: number[]; vecGen: number | null } {
  if (chunks.length === 0) return { removedVectors: [], vecGen: null };
  const vec = vecTableUsable(db, vecLoaded);
  const delVec = vec ? stmt(db, `DELETE FROM ${VEC_TABLE} WHERE rowid = ?`) : null;
  const del = stmt(db, 'DELETE FROM search_chunks WHERE id = ?');
  const removedVectors: number[] = [];
  for (const c of chunks) {
    if (delVec && c.state === CHUNK_EMBEDDED) {
      delVec.run(BigInt(c.id));
      removedVectors.push(c.id);
    }
    del.run(c.id);
  }
  return { removedVectors, vecGen: removedVectors.length > 0 ? bumpVecGeneration(db) : null };
}

export interface RemoveResult {
  removed: boolean;
  removedVectors: number[];
  vecGen: number | null;
}

/** Removes an item, its FTS row, passages and vectors. */
export function removeDoc(db: Sqlite, kind: SearchKind, refId: string, vecLoaded: boolean): RemoveResult {
  const doc = stmt(db, 'SELECT id FROM search_docs WHERE kind = ? AND ref_id = ?').get(kind, refId) as { id: number } | undefined;
  if (!doc) return { removed: false, removedVectors: [], vecGen: null };
  return removeDocById(db, doc.id, vecLoaded);
}

export function removeDocById(db: Sqlite, id: number, vecLoaded: boolean): RemoveResult {
  return db.transaction(() => {
    const chunks = stmt(db, 'SELECT id, state FROM search_chunks WHERE doc_id = ?').all(id) as { id: number; state: number }[];
    const r = deleteChunks(db, chunks, vecLoaded);
    stmt(db, 'DELETE FROM search_fts WHERE rowid = ?').run(id);
    stmt(db, 'DELETE FROM search_docs WHERE id = ?').run(id);
    return { removed: true, ...r };
  })();
}

/** What the index holds for one kind: ref id -> row id, source hash, when it was written. */
export function indexedDocs(db: Sqlite, kind: SearchKind): Map<string, { id: number; sourceHash: string; indexedAt: string }> {
  const rows = stmt(db, 'SELECT id, ref_id, source_hash, indexed_at FROM search_docs WHERE kind = ?').all(kind) as {
    id: number;
    ref_id: string;
    source_hash: string;
    indexed_at: string;
  }[];
  return new Map(rows.map((r) => [r.ref_id, { id: r.id, sourceHash: r.source_hash, indexedAt: r.indexed_at }]));
}

export function countDocs(db: Sqlite, kind: SearchKind): number {
  return (stmt(db, 'SELECT count(*) AS n FROM search_docs WHERE kind = ?').get(kind) as { n: number }).n;
}

export function readState(db: Sqlite, key: string): string | null {
  const r = stmt(db, 'SELECT value FROM search_state WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

export function writeState(db: Sqlite, key: string, value: string): void {
  stmt(db, 'INSERT INTO search_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
