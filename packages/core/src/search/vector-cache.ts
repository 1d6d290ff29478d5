// An in-memory copy of the passage vectors for queries. sqlite-vec's vec0 table is where vectors live
// (persistent, backed up with the database, read by `folio sql`), but its brute-force KNN costs ~3x a
// tight JavaScript loop over one Float32Array (measured: 100k x 100-dim, k = 200: 32 ms vs 10 ms of
// CPU on the bench machine), and vec0 has no way to filter by our metadata without scanning slower.
// So queries scan this copy: about dim x 4 bytes per passage (40 MB for 100k passages at 100 dims).
//
// Keeping it true: every write to search_vec bumps `vec.gen` in search_state in the same transaction
// (store.ts). This process applies its own writes to the copy and advances its generation; before a
// query the stored generation is compared with the copy's, and a difference (another process wrote,
// e.g. `folio index --wait` beside the running app, or a restore) reloads the copy from search_vec.
import type Database from 'better-sqlite3';
import { CHUNK_EMBEDDED, readVecGeneration, stmt, VEC_TABLE } from './store';

type Sqlite = Database.Database;

export interface ScoredChunk {
  chunkId: number;
  docId: number;
  similarity: number;
}

export class VectorCache {
  private db: Sqlite | null = null;
  private gen: number | null = null;
  private dim = 0;
  private n = 0;
  private ids = new Int32Array(0);
  private docs = new Int32Array(0);
  private vecs = new Float32Array(0);
  private pos = new Map<number, number>();

  get size(): number {
    return this.n;
  }

  /** Forget everything (the table was rebuilt, or the store swapped); the next query reloads. */
  invalidate(): void {
    this.gen = null;
  }

  /** Makes the copy match search_vec on `db` (reloading only when it is stale). */
  sync(db: Sqlite, dim: number): void {
    if (this.db === db && this.gen !== null && this.dim === dim && readVecGeneration(db) === this.gen) return;
    this.load(db, dim);
  }

  private load(db: Sqlite, dim: number): void {
    const gen = readVecGeneration(db);
    const docOf = new Map<number, number>();
    for (const r of stmt(db, `SELECT id, doc_id FROM search_chunks WHERE state = ${CHUNK_EMBEDDED}`).iterate() as Iterable<{
      id: number;
      doc_id: number;
    }>)
      docOf.set(r.id, r.doc_id);
    this.db = db;
    this.dim = dim;
    this.n = 0;
    this.pos.clear();
    this.reserve(docOf.size);
    for (const r of db.prepare(`SELECT rowid AS id, embedding FROM ${VEC_TABLE}`).iterate() as Iterable<{
      id: number;
      embedding: Buffer;
    }>) {
      const doc = docOf.get(r.id);
      if (doc === undefined || r.embedding.byteLength !== dim * 4) continue;
      this.put(r.id, doc, asFloat32(r.embedding));
    }
    this.gen = gen;
  }

  private reserve(count: number): void {
    if (count <= this.ids.length) return;
    const cap = Math.max(count, Math.ceil(this.ids.length * 1.5), 1024);
    const ids = new Int32Array(cap);
    ids.set(this.ids.subarray(0, this.n));
    const docs = new Int32Array(cap);
    docs.set(this.docs.subarray(0, this.n));
    const vecs = new Float32Array(cap * this.dim);
    vecs.set(this.vecs.subarray(0, this.n * this.dim));
    this.ids = ids;
    this.docs = docs;
    this.vecs = vecs;
  }

  private put(chunkId: number, docId: number, v: Float32Array): void {
    let i = this.pos.get(chunkId);
    if (i === undefined) {
      this.reserve(this.n + 1);
      i = this.n++;
      this.pos.set(chunkId, i);
    }
    this.ids[i] = chunkId;
    this.docs[i] = docId;
    this.vecs.set(v.subarray(0, this.dim), i * this.dim);
  }

  private drop(chunkId: number): void {
    const i = this.pos.get(chunkId);
    if (i === undefined) return;
    const last = --this.n;
    if (i !== last) {
      this.ids[i] = this.ids[last]!;
      this.docs[i] = this.docs[last]!;
      this.vecs.copyWithin(i * this.dim, last * this.dim, (last + 1) * this.dim);
      this.pos.set(this.ids[i]!, i);
    }
    this.pos.delete(chunkId);
  }

  /**
   * This process changed search_vec (in a transaction that bumped the generation to `gen`): apply the
   * same change here. If the generation moved by more than one, someone else wrote too: reload later.
   */
  apply(
    db: Sqlite,
    gen: number | null,
    change: { added?: { chunkId: number; docId: number; vector: Float32Array }[]; removed?: readonly number[] },
  ): void {
    if (gen === null) return;
    if (this.db !== db || this.gen === null || gen !== this.gen + 1) {
      this.gen = null;
      return;
    }
    for (const id of change.removed ?? []) this.drop(id);
    for (const a of change.added ?? []) if (a.vector.length === this.dim) this.put(a.chunkId, a.docId, a.vector);
    this.gen = gen;
  }

  vectorOf(chunkId: number): Float32Array | null {
    const i = this.pos.get(chunkId);
    return i === undefined ? null : this.vecs.slice(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity (vectors are unit length: the dot product) of every passage to `q`. */
  private scores(q: Float32Array): Float32Array {
    return scorerFor(this.dim)(this.vecs, q, this.n);
  }

  /**
   * Passages in order of similarity, best first, produced in growing rounds: the caller takes what it
   * needs (e.g. until enough items pass its filters) and stops.
   */
  *nearest(q: Float32Array, firstRound = 200, acceptDoc?: (docId: number) => boolean): Generator<ScoredChunk> {
    if (this.n === 0 || q.length !== this.dim) return;
    const scores = this.scores(q);
    if (acceptDoc) for (let i = 0; i < this.n; i++) if (!acceptDoc(this.docs[i]!)) scores[i] = -Infinity;
    const ids = this.ids;
    const docs = this.docs;
    let taken = 0;
    let k = Math.min(this.n, firstRound);
    for (;;) {
      const order = topIndexes(scores, k);
      for (let r = taken; r < order.length; r++) {
        const i = order[r]!;
        yield { chunkId: ids[i]!, docId: docs[i]!, similarity: scores[i]! };
      }
      taken = order.length;
      if (k >= this.n) return;
      k = Math.min(this.n, k * 4);
    }
  }
}

/** Indexes of the `k` largest scores, largest first (threshold selection: one pass, small sorts). */
function topIndexes(scores: Float32Array, k: number): number[] {
  if (k >= scores.length)
    return Array.from(scores.keys())
      .filter((i) => scores[i]! !== -Infinity)
      .sort((a, b) => scores[b]! - scores[a]! || a - b);
  let keep: number[] = [];
  let threshold = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s < threshold || s === -Infinity) continue;
    keep.push(i);
    if (keep.length >= 4 * k) {
      keep.sort((a, b) => scores[b]! - scores[a]! || a - b);
      keep = keep.slice(0, k);
      threshold = scores[keep[k - 1]!]!;
    }
  }
  keep.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return keep.slice(0, k);
}

/** A blob's float32 values (copied when the blob is not 4-byte aligned). */
export function asFloat32(b: Buffer): Float32Array {
  if (b.byteOffset % 4 === 0) return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  return new Float32Array(new Uint8Array(b).buffer);
}

type Scorer = (vecs: Float32Array, q: Float32Array, n: number) => Float32Array;
const scorers = new Map<number, Scorer>();

/**
 * The dot product of `q` with each of `n` vectors of `dim` numbers. Specialised per dimension (the
 * loop unrolled with the query's numbers in locals: about twice as fast as a generic loop in V8,
 * measured 8 vs 15 ms for 100k x 100); a generic loop where code generation is not allowed.
 */
function scorerFor(dim: number): Scorer {
  let f = scorers.get(dim);
  if (f) return f;
  try {
    if (!Number.isInteger(dim) || dim < 1 || dim > 2048) throw new Error('not a dimension to unroll');
    const lines: string[] = [];
    for (let j = 0; j < dim; j++) lines.push(`const q${j} = q[${j}];`);
    lines.push(
      'const out = new Float32Array(n);',
      `for (let i = 0, o = 0; i < n; i++, o += ${dim}) {`,
      'let s0 = 0, s1 = 0, s2 = 0, s3 = 0;',
    );
    for (let j = 0; j < dim; j++) lines.push(`s${j % 4} += v[o + ${j}] * q${j};`);
    lines.push('out[i] = s0 + s1 + s2 + s3;', '}', 'return out;');
    // Only numbers go into the source: `dim` is an integer checked above.
    f = new Function('v', 'q', 'n', lines.join('\n')) as Scorer;
  } catch {
    f = (vecs, q, n) => {
      const out = new Float32Array(n);
      for (let i = 0, o = 0; i < n; i++, o += dim) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += vecs[o + j]! * q[j]!;
        out[i] = s;
      }
      return out;
    };
  }
  scorers.set(dim, f);
  return f;
}
