import type Database from 'better-sqlite3';
import type { CoreContext } from '../../app/context';
import { entryActivity, getEntry, listEntries, listKinds, type DayActivity } from '../../journal';
import type { DayTotal } from '../engine';
import { activityRegistry, type ActivityProvider, type ProviderItem } from '../registry';

/** The journal kind whose entries count as weekly reviews. */
export const WEEKLY_REVIEW_KIND = 'weekly';

/** Days outside every real range: one read holds the whole history. */
const ALL_FROM = '';
const ALL_TO = '\uffff';
/** More changed entries than this at once and the history is read again whole. */
const PATCH_LIMIT = 200;

/**
 * The journal's activity per day and kind, for the whole history, kept in memory and patched from the
 * journal's own events (stamps re-evaluate on every autosave: re-reading ten years each time is what
 * this avoids).
 *
 * Exactness rests on what journal/index.ts promises: every write emits `journal:entry-changed { id }`
 * after it commits (the search index relies on the same). For each changed entry the day it now sits
 * on is read again; the day it left, if it moved, is caught by the check that follows every patch:
 * the number of written entries (one indexed count) must equal the sum held, since a day that is not
 * re-read can only have lost entries. Any mismatch, a write from another connection (`PRAGMA
 * data_version`), a journal change without entry ids (kinds, templates) or a restore reads the
 * whole history again. Inside a transaction nothing is held.
 */
class JournalActivity {
  private rows: DayActivity[] | null = null;
  /** Written entries held (sum of `rows[].count`). */
  private total = 0;
  private dataVersion: number | null = null;
  /** This connection's `total_changes()` when the held rows were last checked. */
  private checkedAt: number | null = null;
  private changesStmt: { db: Database.Database; stmt: Database.Statement } | null = null;
  private readonly pending = new Set<string>();
  private epoch = 0;
  private readonly gens = new Map<string, number>();
  private readonly totals = new Map<
    string,
    { version: string; rows: DayTotal[]; slice?: { from: string; to: string; rows: readonly DayTotal[] } }
  >();

  constructor(private readonly ctx: CoreContext) {}

  private get db(): Database.Database {
    return this.ctx.store.sqlite;
  }

  /** Entries changed (their ids) since the last look. */
  changed(ids: readonly string[]): void {
    if (this.rows) for (const id of ids) this.pending.add(id);
  }

  forget(): void {
    this.rows = null;
    this.pending.clear();
    this.totals.clear();
    this.epoch++;
  }

  private writtenCount(): number {
    return listEntries(this.ctx, { writtenOnly: true, limit: 0 }).total;
  }

  private bump(key: string): void {
    this.gens.set(key, (this.gens.get(key) ?? 0) + 1);
  }

  private totalChanges(): number {
    const db = this.db;
    if (this.changesStmt?.db !== db) this.changesStmt = { db, stmt: db.prepare('SELECT total_changes()').pluck() };
    return this.changesStmt.stmt.get() as number;
  }

  /** Set once caught up inside a read batch (nothing writes during one); cleared when a batch starts or ends. */
  private batchSynced = false;

  batchEdge(): void {
    this.batchSynced = false;
  }

  /** Catches up; false inside a transaction (read directly then). */
  private sync(): boolean {
    if (this.batchSynced) return true;
    const inBatch = activityRegistry(this.ctx).inBatch;
    const ok = this.catchUp();
    this.batchSynced = ok && inBatch;
    return ok;
  }

  private catchUp(): boolean {
    const db = this.db;
    if (db.inTransaction) return false;
    const dv = db.pragma('data_version', { simple: true }) as number;
    if (dv !== this.dataVersion) {
      // Another connection wrote (the CLI, another window): it sends us no events.
      this.forget();
      this.dataVersion = dv;
    }
    const tc = this.totalChanges();
    if (!this.rows) {
      this.rows = entryActivity(this.ctx, ALL_FROM, ALL_TO);
      this.total = this.rows.reduce((n, r) => n + r.count, 0);
      this.pending.clear();
      this.checkedAt = tc;
      return true;
    }
    // Nothing written on this connection since the last check: nothing to do.
    if (this.pending.size === 0 && tc === this.checkedAt) return true;
    this.checkedAt = tc;
    if (this.pending.size === 0) {
      // Something was written without a journal event (another domain, or raw SQL): entries added or
      // removed that way still show in the count.
      if (this.total !== this.writtenCount()) {
        this.forget();
        return this.catchUp();
      }
      return true;
    }
    const days = new Set<string>();
    for (const id of this.pending) {
      const e = getEntry(this.ctx, id);
      if (e) days.add(e.date);
    }
    this.pending.clear();
    if (days.size > PATCH_LIMIT) {
      this.forget();
      return this.catchUp();
    }
    const fresh: DayActivity[] = [];
    for (const day of days) fresh.push(...entryActivity(this.ctx, day, day));
    const before = new Map<string, DayActivity>();
    for (const r of this.rows) if (days.has(r.date)) before.set(`${r.date}\u0000${r.kind}`, r);
    const kept = this.rows.filter((r) => !days.has(r.date));
    const rows = [...kept, ...fresh].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0,
    );
    const total = rows.reduce((n, r) => n + r.count, 0);
    if (total !== this.writtenCount()) {
      // An entry left a day we did not re-read (it moved): read everything again.
      this.forget();
      return this.catchUp();
    }
    // What changed, so totals and habits built on unchanged sources are kept.
    let counts = false;
    let words = false;
    const after = new Map(fresh.map((r) => [`${r.date}\u0000${r.kind}`, r]));
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(key);
      const b = after.get(key);
      if ((a?.count ?? 0) !== (b?.count ?? 0)) {
        counts = true;
        this.bump(`kind:${(a ?? b)!.kind}`);
      }
      if ((a?.words ?? 0) !== (b?.words ?? 0)) words = true;
    }
    if (counts) this.bump('count');
    if (words) this.bump('words');
    this.rows = rows;
    this.total = total;
    return true;
  }

  /** What a source's totals depend on: entry counts, words, one kind's counts. */
  private genKeys(source: string): string[] | null {
    if (source === 'journal.entry') return ['count'];
    if (source === 'journal.words') return ['count', 'words'];
    if (source === 'journal.weeklyReview') return [`kind:${WEEKLY_REVIEW_KIND}`];
    if (source.startsWith('journal.kind:')) return [`kind:${source.slice('journal.kind:'.length)}`];
    return null;
  }

  version(source: string): string | undefined {
    const keys = this.genKeys(source);
    if (keys === null) return 'none';
    if (!this.sync()) return undefined;
    return `${this.epoch}.${keys.map((k) => this.gens.get(k) ?? 0).join('.')}`;
  }

  dailyTotals(source: string, from: string, to: string): readonly DayTotal[] {
    const match = kindOf(source);
    if (!match) return [];
    if (!this.sync()) return totalsOf(entryActivity(this.ctx, from, to), source, match);
    const version = this.version(source)!;
    let held = this.totals.get(source);
    if (!held || held.version !== version) {
      held = { version, rows: totalsOf(this.rows!, source, match) };
      this.totals.set(source, held);
    }
    // The same list again for the same range while nothing changed (the engine keeps scans per list).
    if (held.slice?.from === from && held.slice.to === to) return held.slice.rows;
    const rows = sliceDays(held.rows, from, to);
    held.slice = { from, to, rows };
    return rows;
  }
}

function kindOf(source: string): ((kind: string) => boolean) | null {
  if (source === 'journal.entry' || source === 'journal.words') return () => true;
  if (source === 'journal.weeklyReview') return (k) => k === WEEKLY_REVIEW_KIND;
  if (source.startsWith('journal.kind:')) {
    const want = source.slice('journal.kind:'.length);
    return (k) => k === want;
  }
  return null;
}

function totalsOf(rows: readonly DayActivity[], source: string, match: (kind: string) => boolean): DayTotal[] {
  const words = source === 'journal.words';
  const out: DayTotal[] = [];
  let last: DayTotal | undefined;
  for (const r of rows) {
    if (!match(r.kind)) continue;
    if (!last || last.day !== r.date) out.push((last = { day: r.date, count: 0, sum: 0 }));
    last.count += r.count;
    if (words) last.sum += r.words;
  }
  return out;
}

function sliceDays(rows: readonly DayTotal[], from: string, to: string): readonly DayTotal[] {
  let a = 0;
  let hi = rows.length;
  while (a < hi) {
    const mid = (a + hi) >>> 1;
    if (rows[mid]!.day < from) a = mid + 1;
    else hi = mid;
  }
  let b = a;
  hi = rows.length;
  while (b < hi) {
    const mid = (b + hi) >>> 1;
    if (rows[mid]!.day <= to) b = mid + 1;
    else hi = mid;
  }
  if (a === 0 && b === rows.length) return rows;
  return b > a ? rows.slice(a, b) : [];
}

/**
 * The journal's activity, read only through journal/index.ts: `entryActivity` (one indexed GROUP BY
 * date, kind over written entries) for the totals, `listEntries` for the evidence items.
 * Sources: `journal.entry` (entries written), `journal.words` (their words), `journal.weeklyReview`
 * (entries of kind `weekly`), `journal.kind:<kind>`.
 */
export function journalActivityProvider(ctx: CoreContext): ActivityProvider {
  const held = new JournalActivity(ctx);
  ctx.events.on('journal:entry-changed', (e) => held.changed([e.id]));
  ctx.events.on('data:changed', (e) => {
    if (e.domain === '*') held.forget();
    else if (e.domain === 'journal') {
      // Entry writes name their entries; anything else (kinds, templates) may touch any of them.
      if (e.ids && e.ids.length > 0) held.changed(e.ids);
      else if (e.action !== 'templates') held.forget();
    }
  });
  return {
    id: 'journal',
    sources: ['journal.entry', 'journal.words', 'journal.weeklyReview'],
    families: ['journal.kind'],
    domains: ['journal'],
    reset: () => held.batchEdge(),
    dailyTotals: (source, from, to) => held.dailyTotals(source, from, to),
    version: (source) => held.version(source),
    items(source, days, limit) {
      const match = kindOf(source);
      if (!match || days.length === 0) return [];
      const wanted = new Set(days);
      const sorted = [...wanted].sort();
      const out: ProviderItem[] = [];
      let offset = 0;
      for (;;) {
        const page = listEntries(ctx, {
          from: sorted[0],
          to: sorted[sorted.length - 1],
          writtenOnly: true,
          order: 'date-asc',
          offset,
          limit: 500,
          ...(source === 'journal.weeklyReview' ? { kind: WEEKLY_REVIEW_KIND } : {}),
          ...(source.startsWith('journal.kind:') ? { kind: source.slice('journal.kind:'.length) } : {}),
        });
        for (const e of page.items) {
          if (!wanted.has(e.date) || !match(e.kind)) continue;
          out.push({ type: 'entry', id: e.id, title: e.title || e.excerpt.slice(0, 60) || 'Untitled entry', day: e.date });
          if (out.length >= limit) return out;
        }
        if (page.nextOffset === null) return out;
        offset = page.nextOffset;
      }
    },
    journalKinds() {
      return listKinds(ctx).map((k) => k.key);
    },
  };
}
