// An in-memory copy of the passage vectors for queries. sqlite-vec's vec0 table is where vectors live
// (persistent, backed up with the database, read by `folio sql`), but its brute-force KNN costs ~3x a
// tight JavaScript loop over one Float32Array (measured: 100k x 100-dim, k = 200: 32 ms vs 10 ms of
// CPU on the bench machine), and vec0 has no way to filter by our metadata without scanning slower.
// So queries scan this copy: about dim x 4 bytes per passage (40 MB for 100k passages at 100 dims).
// The scan runs in WebAssembly SIMD where it can (dimensions divisible by 4; same scores to the bit, ~2.5x
// faster than the JavaScript loop), the copy then living in that module's memory; see wasmModule below.
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
  /** Where the vectors live when the WebAssembly scan is used (see wasmScan): the query, then the vectors, then the scores. */
  private wasm: { memory: WasmMemory; scan: WasmScan } | null = null;

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
    this.ids = new Int32Array(0);
    this.docs = new Int32Array(0);
    this.vecs = new Float32Array(0);
    this.wasm = createWasmScan(dim);
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
    this.ids = ids;
    this.docs = docs;
    if (this.wasm) {
      // The vectors stay where they are; the memory grows (which detaches the old view) and a new view is taken.
      const { memory } = this.wasm;
      const need = WASM_VEC_BASE + cap * this.dim * 4 + cap * 4;
      if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / WASM_PAGE));
      this.vecs = new Float32Array(memory.buffer, WASM_VEC_BASE, cap * this.dim);
      return;
    }
    const vecs = new Float32Array(cap * this.dim);
    vecs.set(this.vecs.subarray(0, this.n * this.dim));
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
    if (!this.wasm) return scorerFor(this.dim)(this.vecs, q, this.n);
    const { memory, scan } = this.wasm;
    const out = WASM_VEC_BASE + this.vecs.length * 4;
    new Float64Array(memory.buffer, 0, this.dim).set(q);
    scan(this.n, this.dim, WASM_VEC_BASE, 0, out);
    return new Float32Array(memory.buffer, out, this.n).slice();
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

// The WebAssembly global, typed here (core's TypeScript libraries leave it out).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

type WasmScan = (n: number, dim: number, vecs: number, q: number, out: number) => void;

const WASM_PAGE = 65_536;
/** The query (as float64) sits below this offset: room for 2,048 dimensions. */
const WASM_VEC_BASE = 2048 * 8;

/**
 * The scan of `scorerFor` in WebAssembly SIMD, for dimensions divisible by 4: the same float64 arithmetic
 * in the same order (products of the float32 numbers, four running sums s0..s3 taking every fourth
 * dimension, summed s0 + s1 + s2 + s3 and stored as float32), so the same scores to the bit, in about
 * 40% of the time (measured 2.9 vs 7.3 ms for 100k x 100). Per row: two float64x2 sums, (s0, s1) and
 * (s2, s3), each step loading four float32 numbers and the query's four float64 ones.
 * `scan(n, dim, vecs, q, out)`: `n` rows of `dim` float32 at byte offset `vecs`, the query as `dim`
 * float64 at `q`, `n` float32 scores written at `out`. Null where WebAssembly SIMD is not available.
 */
const wasmModule: object | null = (() => {
  const leb = (v: number): number[] => {
    const o: number[] = [];
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v) b |= 0x80;
      o.push(b);
    } while (v);
    return o;
  };
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  const simd = (op: number) => [0xfd, ...leb(op)];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const load = (offset: number) => [...simd(0x00), 4, offset]; // v128.load align=16
  const promoteLow = simd(0x5f); // f64x2.promote_low_f32x4
  const mul = simd(0xf2); // f64x2.mul
  const add = simd(0xf0); // f64x2.add
  const lane = (l: number) => [...simd(0x21), l]; // f64x2.extract_lane
  const zero = [...simd(0x0c), ...new Array<number>(16).fill(0)]; // v128.const 0
  const high = [...simd(0x0d), 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]; // i8x16.shuffle: lanes 2, 3 low
  const [N, DIM, V, Q, OUT, I, QP, END, A, B, X] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
  // prettier-ignore
  const body = [
    0x02, 0x40, 0x03, 0x40, // block, loop: a row each turn
    ...get(I), ...get(N), 0x4f, 0x0d, 1, // i >= n: done
    ...zero, ...set(A), ...zero, ...set(B), // (s0, s1) = (s2, s3) = 0
    ...get(Q), ...set(QP),
    ...get(V), ...get(DIM), 0x41, 4, 0x6c, 0x6a, ...set(END), // end = v + dim * 4
    0x02, 0x40, 0x03, 0x40, // block, loop: four dimensions each turn
    ...get(V), ...get(END), 0x4f, 0x0d, 1,
    ...get(V), ...load(0), ...set(X),
    ...get(A), ...get(X), ...promoteLow, ...get(QP), ...load(0), ...mul, ...add, ...set(A),
    ...get(B), ...get(X), ...get(X), ...high, ...promoteLow, ...get(QP), ...load(16), ...mul, ...add, ...set(B),
    ...get(V), 0x41, 16, 0x6a, ...set(V),
    ...get(QP), 0x41, 32, 0x6a, ...set(QP),
    0x0c, 0, 0x0b, 0x0b, // br loop, end, end
    ...get(OUT),
    ...get(A), ...lane(0), ...get(A), ...lane(1), 0xa0, ...get(B), ...lane(0), 0xa0, ...get(B), ...lane(1), 0xa0, // ((s0 + s1) + s2) + s3
    0xb6, 0x38, 2, 0, // f32.demote_f64, f32.store
    ...get(OUT), 0x41, 4, 0x6a, ...set(OUT),
    ...get(I), 0x41, 1, 0x6a, ...set(I),
    0x0c, 0, 0x0b, 0x0b, // br loop, end, end
    0x0b,
  ];
  const fn = [2, 3, 0x7f, 3, 0x7b, ...body]; // locals: i, qp, end (i32); a, b, x (v128)
  const bytes = new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...name('e'), ...name('m'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('s'), 0x00, 0]),
    ...section(10, [1, ...leb(fn.length), ...fn]),
  ]);
  try {
    return wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  } catch {
    return null;
  }
})();

function createWasmScan(dim: number): { memory: WasmMemory; scan: WasmScan } | null {
  if (!wasmApi || !wasmModule || dim < 4 || dim % 4 !== 0 || dim * 8 > WASM_VEC_BASE) return null;
  try {
    const memory = new wasmApi.Memory({ initial: 1 });
    const instance = new wasmApi.Instance(wasmModule, { e: { m: memory } });
    return { memory, scan: instance.exports.s as WasmScan };
  } catch {
    return null;
  }
}

/** Scores of `n` vectors by one scan or the other (tests compare them); null where the WebAssembly one is not used for `dim`. */
export function scanScores(vecs: Float32Array, q: Float32Array, n: number, dim: number, how: 'js' | 'wasm'): Float32Array | null {
  if (how === 'js') return scorerFor(dim)(vecs, q, n);
  const w = createWasmScan(dim);
  if (!w) return null;
  const out = WASM_VEC_BASE + n * dim * 4;
  const need = out + n * 4;
  if (need > w.memory.buffer.byteLength) w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / WASM_PAGE));
  new Float32Array(w.memory.buffer, WASM_VEC_BASE, n * dim).set(vecs.subarray(0, n * dim));
  new Float64Array(w.memory.buffer, 0, dim).set(q);
  w.scan(n, dim, WASM_VEC_BASE, 0, out);
  return new Float32Array(w.memory.buffer, out, n).slice();
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
