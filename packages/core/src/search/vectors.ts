// The vec0 table (sqlite-vec) and the background indexer that fills it.
//
// The table's dimension comes from the embedding model, which core only meets at run time (it is
// injected), so `search_vec` is created here, not in a migration, when the embedder first loads. The
// model version and dimension it was built with are kept in search_state; a different model drops it
// and every passage is embedded again. rowid = search_chunks.id; no metadata columns (they make
// sqlite-vec's KNN scan several times slower): filters are applied by joining the candidates with
// search_docs, see query.ts.
//
// The indexer takes passages whose state is 0 (waiting), oldest first, in batches: builds their text,
// embeds them through the injected EmbedderService (worker threads, so this thread stays free), and
// writes the vectors in one short transaction per batch, checking each passage still exists with the
// same hash (it may have been edited or deleted while the batch was being embedded). A restart simply
// continues with what is still waiting; unchanged passages keep their vectors (see store.ts).
import type Database from 'better-sqlite3';
import { embedText } from './chunking';
import {
  bumpVecGeneration,
  CHUNK_EMBEDDED,
  CHUNK_EMPTY,
  CHUNK_PENDING,
  forgetVecState,
  readState,
  stmt,
  VEC_TABLE,
  writeState,
} from './store';

type Sqlite = Database.Database;

export const VEC_MODEL_KEY = 'vec.model';
export const VEC_DIM_KEY = 'vec.dim';

/** Texts sent to the embedder per call (split across its worker threads). */
export const EMBED_BATCH = 256;

export function pendingCount(db: Sqlite): number {
  return (stmt(db, `SELECT count(*) AS n FROM search_chunks WHERE state = ${CHUNK_PENDING}`).get() as { n: number }).n;
}

function tableExists(db: Sqlite, name: string): boolean {
  return !!stmt(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);
}

/**
 * Makes sure search_vec exists for this model. Returns true when it was (re)created, i.e. every
 * passage waits for a vector again.
 */
export function ensureVecTable(db: Sqlite, model: { version: string; dim: number }): boolean {
  const version = readState(db, VEC_MODEL_KEY);
  const dim = Number(readState(db, VEC_DIM_KEY) ?? 0);
  if (tableExists(db, VEC_TABLE) && version === model.version && dim === model.dim) return false;
  if (!Number.isInteger(model.dim) || model.dim < 1 || model.dim > 8192) throw new Error(`Bad embedding dimension ${model.dim}`);
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${VEC_TABLE}`);
    db.exec(`CREATE VIRTUAL TABLE ${VEC_TABLE} USING vec0(embedding float[${model.dim}] distance_metric=cosine)`);
    stmt(db, 'UPDATE search_chunks SET state = ? WHERE state <> ?').run(CHUNK_PENDING, CHUNK_PENDING);
    bumpVecGeneration(db);
    writeState(db, VEC_MODEL_KEY, model.version);
    writeState(db, VEC_DIM_KEY, String(model.dim));
  })();
  forgetVecState(db);
  return true;
}

/** Drops vectors whose passage is gone (left behind while sqlite-vec could not be loaded). */
export function pruneOrphanVectors(db: Sqlite): number {
  if (!tableExists(db, VEC_TABLE)) return 0;
  const orphans = db
    .prepare(
      `SELECT rowid AS id FROM ${VEC_TABLE} WHERE rowid NOT IN (SELECT id FROM search_chunks WHERE state = ${CHUNK_EMBEDDED})`,
    )
    .all() as { id: number }[];
  if (orphans.length === 0) return 0;
  const del = stmt(db, `DELETE FROM ${VEC_TABLE} WHERE rowid = ?`);
  db.transaction(() => {
    orphans.forEach((o) => del.run(BigInt(o.id)));
    bumpVecGeneration(db);
  })();
  return orphans.length;
}

export interface ChunkCounts {
  pending: number;
  embedded: number;
  empty: number;
  total: number;
}

export function chunkCounts(db: Sqlite): ChunkCounts {
  const rows = stmt(db, 'SELECT state, count(*) AS n FROM search_chunks GROUP BY state').all() as { state: number; n: number }[];
  const by = (s: number) => rows.find((r) => r.state === s)?.n ?? 0;
  const pending = by(CHUNK_PENDING);
  const embedded = by(CHUNK_EMBEDDED);
  const empty = by(CHUNK_EMPTY);
  return { pending, embedded, empty, total: pending + embedded + empty };
}

interface PendingChunk {
  id: number;
  doc_id: number;
  content_hash: string;
  start: number;
  end: number;
  heading: string | null;
  page: number | null;
}

/** The next passages waiting for a vector, with the text the embedder reads. */
export function nextPending(db: Sqlite, limit: number, afterId = 0): { id: number; hash: string; text: string }[] {
  const rows = stmt(
    db,
    `SELECT id, doc_id, content_hash, start, "end", heading, page FROM search_chunks WHERE state = ${CHUNK_PENDING} AND id > ? ORDER BY id LIMIT ?`,
  ).all(afterId, limit) as PendingChunk[];
  const docs = new Map<number, { title: string; text: string }>();
  const getDoc = stmt(db, 'SELECT title, text FROM search_docs WHERE id = ?');
  return rows.map((r) => {
    let d = docs.get(r.doc_id);
    if (!d)
      docs.set(r.doc_id, (d = (getDoc.get(r.doc_id) as { title: string; text: string } | undefined) ?? { title: '', text: '' }));
    return { id: r.id, hash: r.content_hash, text: embedText(d.title, r, d.text) };
  });
}

function isZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

export interface StoredVectors {
  /** Passages written (with a vector or marked as having nothing to embed). */
  count: number;
  added: { chunkId: number; docId: number; vector: Float32Array }[];
  /** Vector generation after the write (null when no vector row changed). */
  gen: number | null;
}

/**
 * Stores vectors for passages embedded from `batch`; skips passages that changed or vanished meanwhile.
 */
export function storeVectors(
  db: Sqlite,
  batch: { id: number; hash: string; text: string }[],
  vectors: Float32Array[],
  dim: number,
): StoredVectors {
  const check = stmt(db, 'SELECT doc_id, content_hash, state FROM search_chunks WHERE id = ?');
  const setState = stmt(db, 'UPDATE search_chunks SET state = ? WHERE id = ?');
  const insert = stmt(db, `INSERT INTO ${VEC_TABLE}(rowid, embedding) VALUES (?, ?)`);
  const del = stmt(db, `DELETE FROM ${VEC_TABLE} WHERE rowid = ?`);
  const out: StoredVectors = { count: 0, added: [], gen: null };
  db.transaction(() => {
    batch.forEach((c, i) => {
      const row = check.get(c.id) as { doc_id: number; content_hash: string; state: number } | undefined;
      if (!row || row.content_hash !== c.hash || row.state !== CHUNK_PENDING) return;
      const v = vectors[i];
      if (!v || v.length !== dim) throw new Error(`The embedder returned a vector of ${v?.length ?? 0} numbers, expected ${dim}`);
      if (isZero(v) || !v.every(Number.isFinite)) {
        // Nothing the model knows (e.g. Chinese-only text): keyword search finds it.
        setState.run(CHUNK_EMPTY, c.id);
      } else {
        del.run(BigInt(c.id));
        insert.run(BigInt(c.id), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
        setState.run(CHUNK_EMBEDDED, c.id);
        out.added.push({ chunkId: c.id, docId: row.doc_id, vector: v });
      }
      out.count++;
    });
    if (out.added.length > 0) out.gen = bumpVecGeneration(db);
  })();
  return out;
}
