// The search domain's running state, one per core: keeps the keyword index in step with the journal,
// papers and comments (synchronously, on their change events), runs the index check and the background vector
// indexer, and answers queries.
import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import type { EmbedderService } from '../app/services';
import { FolioError } from '../contract/errors';
import {
  SEARCH_KINDS,
  type RelatedDto,
  type SearchIndexStatusDto,
  type SearchKind,
  type SearchMode,
  type SearchReindexDto,
  type SearchResultsDto,
} from '../contract/search';
import type { ModelStatus } from '../contract/system';
import {
  chunkVectors,
  ftsRank,
  ftsRankForFusion,
  meanVector,
  reciprocalRankFusion,
  vectorRank,
  withoutStopwords,
  type SearchFilters,
} from './query';
import { buildRelated, buildResults, type RankedDoc } from './results';
import type { Source } from './sources';
import {
  CHUNK_EMBEDDED,
  bumpVecGeneration,
  countDocs,
  indexedDocs,
  removeDoc,
  removeDocById,
  stmt,
  upsertDoc,
  vecTableUsable,
  writeState,
  readState,
} from './store';
import { VectorCache } from './vector-cache';
import { chunkCounts, EMBED_BATCH, ensureVecTable, nextPending, pendingCount, pruneOrphanVectors, storeVectors } from './vectors';

type Sqlite = Database.Database;

/** RRF's k (the usual 60): how much a top rank counts over a middling one. */
export const RRF_K = 60;
/**
 * How deep each list goes into the fusion (deeper lists let weak items that are middling in both outrank
 * an item first in one: 20 measured best on bench/search-quality; a page past 2x this goes deeper).
 */
const FUSION_DEPTH = 20;
/**
 * Vector hits less similar than this are noise for this embedder (measured on bench/search-quality:
 * dropping them costs no recall), so a tiny notebook does not answer every query with every note.
 */
export const VECTOR_MIN_SIMILARITY = 0.2;
/** A save waits this long before the indexer looks (autosaves come in bursts). */
const KICK_DELAY_MS = 400;
/** The index check and the vector indexer start this long after the core opens (a short CLI command never starts them). */
const DEFAULT_AUTO_START_MS = 1500;
/** Items checked per tick by the index check, so the backend keeps answering. */
const CHECK_SLICE = 200;
/** Items written per transaction when a domain reports many changes at once. */
const SYNC_SLICE = 500;
/**
 * A change reported outside a transaction (a journal save) is indexed this long after, with whatever
 * else changed meanwhile, in one transaction: the save answers without waiting for tokenizing and FTS
 * writes, and a burst of autosaves of one entry is indexed once. Every read of the index flushes first.
 */
export const DEFERRED_SYNC_MS = 250;
/** A queue this long is indexed at once (a loop creating entries): the backlog stays a moment's work. */
const DEFERRED_MAX = 64;

export interface SearchServiceOptions {
  /** ms after opening before background work starts; false: only when asked (wait-index, reindex). */
  autoStartMs?: number | false;
}

type EmbedderState = 'unknown' | 'loading' | 'ready' | 'unavailable';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SearchService {
  private embedder: EmbedderService | null = null;
  private embedderState: EmbedderState = 'unknown';
  private embedderMessage: string | undefined;
  private embedderLoad: Promise<EmbedderService | null> | null = null;
  /** Connections whose search_vec has been checked against the model. */
  private vecChecked = new WeakSet<Sqlite>();
  /** The vectors in memory, for queries (vector-cache.ts). */
  private readonly cache = new VectorCache();

  private loop: Promise<void> | null = null;
  private kickTimer: ReturnType<typeof setTimeout> | null = null;
  private startTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** Work arrived while the loop was finishing. */
  private rekick = false;
  private lastError: string | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Items changed outside a transaction, not indexed yet (see DEFERRED_SYNC_MS): kind -> ref ids. */
  private pending = new Map<SearchKind, Set<string>>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  private checking: Promise<SearchReindexDto> | null = null;
  private checkedAt: string | null = null;
  /** Counts disagreed at startup: queries wait for the check. */
  private driftSuspected = false;

  private lastProgressAt = 0;
  private runTotal = 0;
  private runDone = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly sources: readonly Source[],
    opts: SearchServiceOptions = {},
  ) {
    this.driftSuspected = this.countsDisagree();
    const auto = opts.autoStartMs ?? DEFAULT_AUTO_START_MS;
    if (auto !== false) {
      this.startTimer = setTimeout(() => {
        this.startTimer = null;
        void this.check()
          .catch((e) => console.error('[folio] search index check failed:', e))
          .then(() => this.kick(0));
      }, auto);
      this.startTimer.unref?.();
    }
  }

  private get db(): Sqlite {
    return this.ctx.store.sqlite;
  }

  private get vecLoaded(): boolean {
    return this.ctx.store.vecVersion !== null;
  }

  private nowIso(): string {
    return this.ctx.now().toISOString();
  }

  // ------------------------------------------------------------------ keeping the keyword index in step

  private source(kind: SearchKind): Source | undefined {
    return this.sources.find((s) => s.kind === kind);
  }

  /** Re-reads one item from its domain and indexes it, or removes it when it is gone. Synchronous. */
  sync(kind: SearchKind, refId: string): void {
    const src = this.source(kind);
    if (!src) return;
    const doc = src.load(this.ctx, refId);
    if (doc) {
      const r = upsertDoc(this.db, doc, { now: this.nowIso(), vecLoaded: this.vecLoaded });
      this.cache.apply(this.db, r.vecGen, { removed: r.removedVectors });
      if (r.queued > 0) this.kick();
    } else {
      const r = removeDoc(this.db, kind, refId, this.vecLoaded);
      this.cache.apply(this.db, r.vecGen, { removed: r.removedVectors });
    }
  }

  /**
   * Indexes an item soon (DEFERRED_SYNC_MS), coalesced with other changes. Inside an open transaction
   * (an import) it is indexed at once instead, so its rows commit or roll back with the change.
   */
  queueSync(kind: SearchKind, refId: string): void {
    if (this.stopped || this.db.inTransaction) {
      this.sync(kind, refId);
      return;
    }
    let ids = this.pending.get(kind);
    if (!ids) this.pending.set(kind, (ids = new Set()));
    ids.add(refId);
    if (ids.size >= DEFERRED_MAX) {
      this.flushQuietly();
      return;
    }
    // Not unref'd: a short CLI command that saved still indexes before it exits (close flushes too).
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flushQuietly();
    }, DEFERRED_SYNC_MS);
  }

  /** The change itself committed: a failure here must not make it look failed. */
  private flushQuietly(): void {
    try {
      this.flushPending();
    } catch (err) {
      // Kept queued for the next change or read; the index check at the next start catches up in any case.
      console.error('[folio] search: indexing a change failed:', err);
    }
  }

  /** Items queued by queueSync and not indexed yet. */
  get pendingCount(): number {
    let n = 0;
    for (const ids of this.pending.values()) n += ids.size;
    return n;
  }

  /** Indexes every queued change now, one transaction per SYNC_SLICE items (each read of the index calls this first). */
  flushPending(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.pending.size === 0) return;
    const queued = [...this.pending].flatMap(([kind, ids]) => [...ids].map((id) => [kind, id] as const));
    for (let i = 0; i < queued.length; i += SYNC_SLICE) {
      const slice = queued.slice(i, i + SYNC_SLICE);
      this.db.transaction(() => {
        for (const [kind, id] of slice) this.sync(kind, id);
      })();
      // Only once committed: a failed transaction leaves them queued.
      for (const [kind, id] of slice) this.pending.get(kind)?.delete(id);
    }
    for (const [kind, ids] of [...this.pending]) if (ids.size === 0) this.pending.delete(kind);
  }

  /**
   * Syncs many items of one kind (a comments import): one transaction per slice instead of one commit
   * per item, still in the same tick as the change.
   */
  syncMany(kind: SearchKind, refIds: readonly string[]): void {
    const db = this.db;
    for (let i = 0; i < refIds.length; i += SYNC_SLICE) {
      const slice = refIds.slice(i, i + SYNC_SLICE);
      db.transaction(() => {
        for (const id of slice) this.sync(kind, id);
      })();
    }
  }

  /** Removes one item (its domain deleted it). */
  remove(kind: SearchKind, refId: string): void {
    const r = removeDoc(this.db, kind, refId, this.vecLoaded);
    this.cache.apply(this.db, r.vecGen, { removed: r.removedVectors });
  }

  /** A paper changed: the paper itself, and its annotations when they may show its title or be gone. */
  syncPaper(id: string, action: string, annotationId?: string): void {
    if (annotationId) {
      this.sync('annotation', annotationId);
      return;
    }
    this.sync('paper', id);
    if (action === 'updated' || action === 'deleted' || action === 'added') {
      const own = stmt(this.db, `SELECT ref_id FROM search_docs WHERE kind = 'annotation' AND paper_id = ?`).all(id) as {
        ref_id: string;
      }[];
      for (const a of own) this.sync('annotation', a.ref_id);
    }
  }

  private countsDisagree(): boolean {
    try {
      return this.sources.some((s) => s.count !== undefined && s.count(this.ctx) !== countDocs(this.db, s.kind));
    } catch {
      return true;
    }
  }

  /** The database underneath was replaced (a restored backup): drop what memory holds of the old one, then check. */
  afterRestore(): Promise<SearchReindexDto> {
    this.cache.invalidate();
    return this.check({ force: true });
  }

  /**
   * The index check: every item of every source is compared with the index by source hash; missing or
   * changed items are (re)indexed, items whose source is gone are removed. Runs in slices so the
   * backend keeps answering; changes made meanwhile are indexed by their events as usual.
   */
  check(opts: { force?: boolean } = {}): Promise<SearchReindexDto> {
    this.flushPending();
    if (this.checking && !opts.force) return this.checking;
    const run = (async () => {
      const started = this.nowIso();
      const result: SearchReindexDto = { updated: 0, removed: 0, unchanged: 0, queued: 0 };
      for (const src of this.sources) {
        let db = this.db;
        let indexed = indexedDocs(db, src.kind);
        const seen = new Set<string>();
        let n = 0;
        for (const doc of src.iterate(this.ctx)) {
          if (this.stopped) return result;
          if (this.db !== db) {
            // The store was swapped (restore): start this source again on the new one.
            db = this.db;
            indexed = indexedDocs(db, src.kind);
          }
          seen.add(doc.refId);
          const have = indexed.get(doc.refId);
          if (have && have.sourceHash === doc.sourceHash && !opts.force) result.unchanged++;
          else {
            const r = upsertDoc(db, doc, { now: this.nowIso(), vecLoaded: this.vecLoaded, force: opts.force });
            this.cache.apply(db, r.vecGen, { removed: r.removedVectors });
            if (r.changed) result.updated++;
            else result.unchanged++;
            result.queued += r.queued;
          }
          if (++n % CHECK_SLICE === 0) await tick();
        }
        if (this.stopped) return result;
        // Gone from the source: not seen, and not (re)indexed by an event since the check started.
        for (const [refId, row] of indexedDocs(this.db, src.kind)) {
          if (seen.has(refId) || row.indexedAt >= started) continue;
          if (src.load(this.ctx, refId)) continue;
          const r = removeDocById(this.db, row.id, this.vecLoaded);
          this.cache.apply(this.db, r.vecGen, { removed: r.removedVectors });
          result.removed++;
        }
      }
      // Kinds nobody provides any more (a domain that was removed) would linger: leave them; they
      // are still valid documents until their domain says otherwise.
      this.checkedAt = this.nowIso();
      writeState(this.db, 'fts.checked_at', this.checkedAt);
      this.driftSuspected = false;
      if (result.queued > 0) this.kick();
      return result;
    })();
    this.checking = run;
    void run
      .finally(() => {
        if (this.checking === run) this.checking = null;
      })
      .catch(() => undefined);
    return run;
  }

  // ------------------------------------------------------------------ the embedder

  private modelStatusFromApp(): ModelStatus | undefined {
    try {
      return this.ctx.services.modelStatus?.().embedder;
    } catch {
      return undefined;
    }
  }

  /** Loads the embedder once; null when there is none or it cannot load (the reason is kept). */
  getEmbedder(): Promise<EmbedderService | null> {
    if (this.embedder) return Promise.resolve(this.embedder);
    if (this.embedderLoad) return this.embedderLoad;
    const factory = this.ctx.services.embedder;
    if (!factory) {
      this.embedderState = 'unavailable';
      this.embedderMessage = 'No embedding model is configured: keyword search only.';
      return Promise.resolve(null);
    }
    if (!this.vecLoaded) {
      this.embedderState = 'unavailable';
      this.embedderMessage = 'The vector extension (sqlite-vec) could not be loaded: keyword search only.';
      return Promise.resolve(null);
    }
    this.embedderState = 'loading';
    this.embedderLoad = factory().then(
      (e) => {
        this.embedder = e;
        this.embedderState = 'ready';
        this.embedderMessage = undefined;
        this.emitStatus(true);
        return e;
      },
      (err: unknown) => {
        this.embedderState = 'unavailable';
        this.embedderMessage = (err as Error)?.message ?? String(err);
        this.embedderLoad = null;
        this.emitStatus(true);
        return null;
      },
    );
    return this.embedderLoad;
  }

  private embedderReady(): boolean {
    return this.embedderState === 'ready' && this.embedder !== null;
  }

  /** Creates / checks search_vec for the loaded model on the current connection. */
  private prepareVec(e: EmbedderService): void {
    const db = this.db;
    if (this.vecChecked.has(db)) return;
    if (ensureVecTable(db, { version: e.version, dim: e.dim })) this.cache.invalidate();
    if (pruneOrphanVectors(db) > 0) this.cache.invalidate();
    this.vecChecked.add(db);
  }

  /**
   * Passage counts for a query's answer. With the model loaded the embedded count is the in-memory
   * copy's size (counting 100k rows in SQL costs milliseconds on every query); waiting and empty
   * passages are few and counted through the state index.
   */
  private quickCounts(): { pending: number; embedded: number; empty: number; total: number } {
    if (!this.embedderReady()) return chunkCounts(this.db);
    const cache = this.vectors(this.embedder!);
    const count = (state: number) =>
      (stmt(this.db, 'SELECT count(*) AS n FROM search_chunks WHERE state = ?').get(state) as { n: number }).n;
    const pending = count(0);
    const empty = count(2);
    return { pending, embedded: cache.size, empty, total: pending + empty + cache.size };
  }

  /** The in-memory vectors, current with search_vec on this connection. */
  private vectors(e: EmbedderService): VectorCache {
    this.prepareVec(e);
    this.cache.sync(this.db, e.dim);
    return this.cache;
  }

  // ------------------------------------------------------------------ background vector indexing

  /** Asks the indexer to run soon (coalescing bursts of saves). */
  kick(delayMs = KICK_DELAY_MS): void {
    if (this.stopped || !this.ctx.services.embedder) return;
    if (this.loop) {
      this.rekick = true; // the loop may be past its last look for work
      return;
    }
    if (this.kickTimer) {
      if (delayMs > 0) return;
      clearTimeout(this.kickTimer);
    }
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      this.startLoop();
    }, delayMs);
    this.kickTimer.unref?.();
  }

  private startLoop(): Promise<void> {
    if (this.loop) return this.loop;
    if (this.stopped) return Promise.resolve();
    const run = this.indexLoop().catch((err: unknown) => {
      this.lastError = (err as Error)?.message ?? String(err);
      console.error('[folio] search: vector indexing stopped:', err);
      this.progress('failed', this.lastError);
    });
    this.rekick = false;
    this.loop = run.finally(() => {
      this.loop = null;
      if (this.rekick && !this.lastError) {
        this.rekick = false;
        this.kick(0);
      }
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
      this.emitStatus(true);
    });
    return this.loop;
  }

  private async indexLoop(): Promise<void> {
    const e = await this.getEmbedder();
    if (!e || this.stopped) return;
    this.prepareVec(e);
    this.lastError = undefined;
    const counts = chunkCounts(this.db);
    if (counts.pending === 0) return;
    this.runTotal = counts.pending;
    this.runDone = 0;
    this.progress('running');
    // Two batches in flight: the next one is embedded (worker threads) while this thread stores the
    // last one. `after` walks the ids upwards so a batch being embedded is not taken twice; passages
    // added or changed meanwhile get new ids, and a last look from the start catches anything skipped.
    type Flight = { db: Sqlite; batch: ReturnType<typeof nextPending>; vectors: Promise<Float32Array[]> };
    let inFlight: Flight | null = null;
    let after = 0;
    let lastCount = 0;
    for (;;) {
      if (this.stopped) break;
      const db = this.db;
      if (!this.vecChecked.has(db)) this.prepareVec(e);
      const batch = nextPending(db, EMBED_BATCH, after);
      let next: Flight | null = null;
      if (batch.length > 0) {
        after = batch[batch.length - 1]!.id;
        next = { db, batch, vectors: e.embed(batch.map((b) => b.text)) };
        next.vectors.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      }
      if (inFlight) {
        const done: Flight = inFlight;
        const vectors = await done.vectors;
        if (!this.stopped && this.db === done.db) {
          if (vectors.length !== done.batch.length)
            throw new Error(`The embedder returned ${vectors.length} vectors for ${done.batch.length} texts`);
          const stored = storeVectors(done.db, done.batch, vectors, e.dim);
          this.cache.apply(done.db, stored.gen, { added: stored.added });
          this.runDone += done.batch.length;
        }
      }
      inFlight = next;
      if (!inFlight) {
        if (after === 0) break; // a look from the start found nothing left
        after = 0;
        continue;
      }
      const now = Date.now();
      if (now - lastCount > 1000) {
        lastCount = now;
        this.runTotal = Math.max(this.runTotal, this.runDone + pendingCount(db));
      }
      this.progress('running');
      await tick();
    }
    if (inFlight) await inFlight.vectors.catch(() => undefined);
    if (this.stopped) return;
    this.runDone = this.runTotal;
    this.progress('done');
  }

  private progress(state: 'running' | 'done' | 'failed', message?: string): void {
    const now = Date.now();
    if (state === 'running' && now - this.lastProgressAt < 250) return;
    this.lastProgressAt = now;
    this.ctx.events.emit('jobs:progress', {
      job: 'search:index',
      label: 'Building the semantic index',
      done: Math.min(this.runDone, this.runTotal),
      total: this.runTotal,
      state,
      ...(message ? { message } : {}),
    });
    this.emitStatus(state !== 'running');
  }

  private lastStatusAt = 0;
  private emitStatus(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastStatusAt < 1000) return;
    this.lastStatusAt = now;
    try {
      this.ctx.events.emit('search:index-status', this.status());
    } catch {
      // the store may be closing
    }
  }

  /** Resolves when the vector index has nothing left to do (or cannot progress). */
  async waitIdle(timeoutMs?: number): Promise<boolean> {
    this.flushPending();
    if (this.checking) await this.checking;
    else if (!this.checkedAt && this.driftSuspected) await this.check();
    const e = await this.getEmbedder();
    if (!e) return false;
    const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
    for (;;) {
      if (this.stopped) return false;
      if (this.kickTimer) {
        clearTimeout(this.kickTimer);
        this.kickTimer = null;
      }
      const loop = this.loop ?? this.startLoop();
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([
        loop.then(() => false),
        new Promise<boolean>((resolve) => {
          if (Number.isFinite(left)) timer = setTimeout(() => resolve(true), left);
        }),
      ]);
      if (timer) clearTimeout(timer);
      if (timedOut) return false;
      if (this.lastError) return false;
      if (chunkCounts(this.db).pending === 0) return true;
    }
  }

  // ------------------------------------------------------------------ status

  status(): SearchIndexStatusDto {
    this.flushPending();
    const db = this.db;
    const byKind = stmt(db, 'SELECT kind, count(*) AS n FROM search_docs GROUP BY kind').all() as {
      kind: SearchKind;
      n: number;
    }[];
    const docs = { entry: 0, paper: 0, annotation: 0, comment: 0, total: 0 };
    for (const r of byKind) {
      if (r.kind in docs) docs[r.kind] = r.n;
      docs.total += r.n;
    }
    const c = chunkCounts(db);
    const app = this.modelStatusFromApp();
    let embedder: SearchIndexStatusDto['embedder'];
    if (this.embedderState === 'ready' && this.embedder)
      embedder = { state: 'ready', version: this.embedder.version, dim: this.embedder.dim };
    else if (this.embedderState === 'unavailable')
      embedder = { state: 'unavailable', ...(this.embedderMessage ? { message: this.embedderMessage } : {}) };
    else if (this.embedderState === 'loading') embedder = { state: 'loading', message: 'Loading the embedding model…' };
    else if (!this.ctx.services.embedder)
      embedder = { state: 'unavailable', message: 'No embedding model is configured: keyword search only.' };
    else embedder = app ?? { state: 'loading', message: 'The embedding model loads on first use.' };
    const indexer: SearchIndexStatusDto['indexer'] = this.stopped
      ? { state: 'stopped' }
      : this.loop
        ? { state: 'running' }
        : embedder.state === 'unavailable'
          ? { state: 'unavailable', ...(embedder.message ? { lastError: embedder.message } : {}) }
          : { state: 'idle', ...(this.lastError ? { lastError: this.lastError } : {}) };
    return {
      docs,
      chunks: { pending: c.pending, done: c.embedded + c.empty, total: c.total, empty: c.empty },
      embedder,
      indexer,
      checkedAt: this.checkedAt ?? readState(db, 'fts.checked_at'),
    };
  }

  async reindex(vectors: boolean): Promise<SearchReindexDto> {
    if (vectors) {
      const e = await this.getEmbedder();
      const db = this.db;
      db.transaction(() => {
        if (vecTableUsable(db, this.vecLoaded)) {
          db.exec('DELETE FROM search_vec');
          bumpVecGeneration(db);
        }
        stmt(db, 'UPDATE search_chunks SET state = 0').run();
      })();
      this.cache.invalidate();
      if (e) this.prepareVec(e);
    }
    if (this.embedderState === 'unavailable') {
      // Let a fixed model (rebuilt, reinstalled) be tried again.
      this.embedderState = 'unknown';
      this.embedderLoad = null;
    }
    const r = await this.check({ force: false });
    const pending = chunkCounts(this.db).pending;
    if (pending > 0) this.kick(0);
    return { ...r, queued: pending };
  }

  // ------------------------------------------------------------------ queries

  async query(p: {
    q: string;
    mode?: SearchMode;
    filters: SearchFilters;
    limit: number;
    offset: number;
  }): Promise<SearchResultsDto> {
    const t0 = performance.now();
    this.flushPending();
    if (this.driftSuspected && !this.checkedAt) await this.check();
    const requested = p.mode ?? null;
    let mode: SearchMode = requested ?? (this.embedderReady() ? 'hybrid' : 'fts');
    if (!requested && this.embedderState === 'unknown' && this.ctx.services.embedder) void this.getEmbedder(); // next time
    const notes: string[] = [];
    const depth = p.offset + p.limit > 2 * FUSION_DEPTH ? p.offset + p.limit : FUSION_DEPTH;
    let vector: Float32Array | null = null;
    // Hybrid: the keyword ranking is worked out while the query is embedded (in a worker thread).
    let fusionFts: ReturnType<typeof ftsRankForFusion>['hits'] | null = null;
    if (mode !== 'fts') {
      const e = await this.getEmbedder();
      if (!e) {
        notes.push(`Semantic search is unavailable (${this.embedderMessage ?? 'no model'}); showing keyword results.`);
        mode = 'fts';
      } else {
        this.prepareVec(e);
        const embedding = q(p.q) ? e.embed([p.q]) : Promise.resolve([]);
        if (mode === 'hybrid' && q(p.q)) {
          try {
            fusionFts = ftsRankForFusion(this.db, p.q, p.filters, depth).hits;
            this.vectors(e); // brings the in-memory vectors up to date meanwhile too
          } catch (err) {
            embedding.catch(() => {}); // the keyword error is the one reported
            throw err;
          }
        }
        const ftsDb = this.db;
        const [v] = await embedding;
        if (this.db !== ftsDb) fusionFts = null; // the store was swapped (a restore) meanwhile
        if (!v || isZero(v)) {
          if (q(p.q))
            notes.push('The semantic model found no words it knows in the query (it reads English); showing keyword results.');
          mode = 'fts';
        } else vector = v;
      }
    }
    const db = this.db;
    const counts = this.quickCounts();
    const vectorIndex = { pending: counts.pending, done: counts.embedded + counts.empty, total: counts.total };
    if (vector && counts.pending > 0) {
      const pct = counts.total ? Math.floor((100 * (counts.total - counts.pending)) / counts.total) : 100;
      notes.push(`The semantic index is still being built (${pct}%): some items are found by keywords only.`);
    }

    let results: SearchResultsDto['results'];
    let total: number;
    let relaxed = false;
    if (mode === 'fts' || !vector) {
      const r = ftsRank(db, p.q, p.filters, p.limit, p.offset);
      relaxed = r.relaxed;
      total = r.total;
      const ranked: RankedDoc[] = r.hits.map((h, i) => ({
        docId: h.id,
        score: -h.bm25,
        fts: { rank: p.offset + i + 1, bm25: h.bm25, ...(r.relaxed ? { partial: true } : {}) },
      }));
      results = buildResults(db, ranked, r.relaxed ? withoutStopwords(p.q) : p.q);
      if (relaxed) notes.push('No item holds every word; showing items that hold some of them.');
    } else {
      const vec = vectorRank(db, this.vectors(this.embedder!), vector, p.filters, depth).filter(
        (h) => h.similarity >= VECTOR_MIN_SIMILARITY,
      );
      if (mode === 'vector') {
        total = vec.length;
        const ranked: RankedDoc[] = vec.slice(p.offset, p.offset + p.limit).map((h, i) => ({
          docId: h.id,
          score: h.similarity,
          vector: { rank: p.offset + i + 1, similarity: h.similarity, chunkId: h.chunkId },
        }));
        results = buildResults(db, ranked, p.q);
      } else {
        const fts = fusionFts ?? ftsRankForFusion(db, p.q, p.filters, depth).hits;
        const fused = reciprocalRankFusion([fts.map((h) => h.id), vec.map((h) => h.id)], RRF_K);
        total = fused.length;
        const ftsBy = new Map(fts.map((h) => [h.id, h]));
        const vecBy = new Map(vec.map((h) => [h.id, h]));
        const ranked: RankedDoc[] = fused.slice(p.offset, p.offset + p.limit).map((f) => {
          const fh = ftsBy.get(f.id);
          const vh = vecBy.get(f.id);
          return {
            docId: f.id,
            score: f.score,
            ...(fh && f.ranks[0] ? { fts: { rank: f.ranks[0], bm25: fh.bm25, ...(fh.partial ? { partial: true } : {}) } } : {}),
            ...(vh && f.ranks[1] ? { vector: { rank: f.ranks[1], similarity: vh.similarity, chunkId: vh.chunkId } } : {}),
          };
        });
        const anyPartial = fts.some((h) => h.partial);
        results = buildResults(db, ranked, anyPartial ? withoutStopwords(p.q) : p.q);
      }
    }
    return {
      q: p.q,
      mode,
      requestedMode: requested,
      results,
      total,
      ...(notes.length ? { note: notes.join(' ') } : {}),
      ...(relaxed ? { relaxed: true } : {}),
      vectorIndex,
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
    };
  }

  private docId(kind: SearchKind, refId: string): number | null {
    const r = stmt(this.db, 'SELECT id FROM search_docs WHERE kind = ? AND ref_id = ?').get(kind, refId) as
      { id: number } | undefined;
    return r?.id ?? null;
  }

  async related(kind: SearchKind, refId: string, limit: number): Promise<RelatedDto> {
    this.flushPending();
    const e = await this.getEmbedder();
    if (!e)
      return {
        items: [],
        state: 'unavailable',
        note: `Related items need the embedding model (${this.embedderMessage ?? 'not available'}).`,
      };
    this.prepareVec(e);
    const db = this.db;
    const id = this.docId(kind, refId);
    if (id === null) throw new FolioError('not_found', `No indexed ${kind} with id ${refId}.`);
    const own = stmt(db, `SELECT id FROM search_chunks WHERE doc_id = ? AND state = ${CHUNK_EMBEDDED}`).all(id) as {
      id: number;
    }[];
    const cache = this.vectors(e);
    const mean = meanVector(
      chunkVectors(
        cache,
        own.map((c) => c.id),
      ),
    );
    if (!mean) {
      const pending = (
        stmt(db, 'SELECT count(*) AS n FROM search_chunks WHERE doc_id = ? AND state = 0').get(id) as { n: number }
      ).n;
      return pending > 0
        ? { items: [], state: 'not-indexed', note: 'This item is still being indexed.' }
        : { items: [], state: 'ok', note: 'Nothing in this item for the semantic model to compare (it reads English).' };
    }
    // A paper's own highlights are not "related" to it: they are part of it.
    const ownAnnotations =
      kind === 'paper'
        ? new Set((stmt(db, 'SELECT id FROM search_docs WHERE paper_id = ?').all(refId) as { id: number }[]).map((r) => r.id))
        : new Set<number>();
    // Related to your entries and papers is your own material: visitors' comments (undecided ones may
    // still be spam) are found by search, not offered here.
    const filters: SearchFilters =
      kind !== 'comment' && stmt(db, `SELECT 1 FROM search_docs WHERE kind = 'comment' LIMIT 1`).get()
        ? { kinds: SEARCH_KINDS.filter((k) => k !== 'comment') }
        : {};
    const hits = vectorRank(db, cache, mean, filters, limit, {
      excludeDoc: (d) => d === id || ownAnnotations.has(d),
    });
    return { items: buildRelated(db, hits), state: 'ok' };
  }

  async similarText(p: {
    text: string;
    excludeId?: string;
    kinds: SearchKind[];
    limit: number;
    minScore: number;
  }): Promise<RelatedDto> {
    this.flushPending();
    if (!q(p.text)) return { items: [], state: 'ok' };
    const e = this.embedderReady() ? this.embedder : await this.getEmbedder();
    if (!e)
      return { items: [], state: 'unavailable', note: `Needs the embedding model (${this.embedderMessage ?? 'not available'}).` };
    this.prepareVec(e);
    const [v] = await e.embed([p.text]);
    if (!v || isZero(v)) return { items: [], state: 'ok' };
    const db = this.db;
    const exclude = p.excludeId ? this.docId('entry', p.excludeId) : null;
    const filters: SearchFilters = hasKinds(p.kinds) ? { kinds: p.kinds } : {};
    const hits = vectorRank(db, this.vectors(e), v, filters, p.limit, {
      excludeDoc: (d: number) => d === exclude,
    }).filter((h) => h.similarity >= p.minScore);
    return { items: buildRelated(db, hits), state: 'ok' };
  }

  /** Stops background work; resolves when the indexer has finished its current batch. */
  async stop(): Promise<void> {
    this.flushQuietly();
    this.stopped = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.startTimer = this.kickTimer = null;
    await Promise.allSettled([this.loop, this.checking].filter(Boolean));
  }
}

function q(s: string): boolean {
  return s.trim().length > 0;
}

function hasKinds(k: readonly SearchKind[]): boolean {
  return k.length > 0 && k.length < 4;
}

function isZero(v: Float32Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}
