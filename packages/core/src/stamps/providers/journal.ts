import type Database from 'better-sqlite3';
import type { CoreContext } from '../../app/context';
import { entryActivity, entryDay, listEntries, listKinds, writtenEntryCount, type DayActivity } from '../../journal';
import type { DayTotal } from '../engine';
import { activityRegistry, sliceDays, type ActivityProvider, type ProviderItem } from '../registry';

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
      if (this.total !== writtenEntryCount(this.ctx)) {
        this.forget();
        return this.catchUp();
      }
      return true;
    }
    const days = new Set<string>();
    for (const id of this.pending) {
      const day = entryDay(this.ctx, id);
      if (day !== null) days.add(day);
    }
    this.pending.clear();
    if (days.size > PATCH_LIMIT) {
      this.forget();
      return this.catchUp();
    }
    // Each changed day's rows replaced in place (the list stays sorted by day, then kind), noting
    // what changed so totals and habits built on unchanged sources are kept.
    const rows = this.rows;
    let total = this.total;
    const bumps = new Set<string>();
    const changedDays: string[] = [];
    for (const day of [...days].sort()) {
      const fresh = entryActivity(this.ctx, day, day);
      const lo = firstRowOn(rows, day);
      let hi = lo;
      while (hi < rows.length && rows[hi]!.date === day) hi++;
      const before = new Map(rows.slice(lo, hi).map((r) => [r.kind, r]));
      const after = new Map(fresh.map((r) => [r.kind, r]));
      let changed = false;
      for (const kind of new Set([...before.keys(), ...after.keys()])) {
        const a = before.get(kind);
        const b = after.get(kind);
        if ((a?.count ?? 0) !== (b?.count ?? 0)) {
          bumps.add('count').add(`kind:${kind}`);
          changed = true;
        }
        if ((a?.words ?? 0) !== (b?.words ?? 0)) {
          bumps.add('words');
          changed = true;
        }
        total += (b?.count ?? 0) - (a?.count ?? 0);
      }
      if (changed) {
        rows.splice(lo, hi - lo, ...fresh);
        changedDays.push(day);
      }
    }
    if (total !== writtenEntryCount(this.ctx)) {
      // An entry left a day we did not re-read (it moved): read everything again.
      this.forget();
      return this.catchUp();
    }
    this.total = total;
    if (bumps.size === 0) return true;
    // Totals held at the versions before this patch are patched on the changed days; anything else
    // (not current: cannot happen, but never trusted) is dropped and read again when asked for.
    const prior = new Map<string, string>();
    for (const source of this.totals.keys()) prior.set(source, this.versionKey(source)!);
    for (const key of bumps) this.bump(key);
    for (const [source, held] of this.totals) {
      if (held.version !== prior.get(source)) {
        this.totals.delete(source);
        continue;
      }
      const version = this.versionKey(source)!;
      if (version === held.version) continue;
      this.totals.set(source, { version, rows: patchTotals(held.rows, changedDays, rows, source, kindOf(source)!) });
    }
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

  /** The version of a journal source's totals as held now (null: not a journal source). */
  private versionKey(source: string): string | null {
    const keys = this.genKeys(source);
    if (keys === null) return null;
    return `${this.epoch}.${keys.map((k) => this.gens.get(k) ?? 0).join('.')}`;
  }

  version(source: string): string | undefined {
    if (this.genKeys(source) === null) return 'none';
    if (!this.sync()) return undefined;
    return this.versionKey(source)!;
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

/** Index of the first row on or after `day` (rows sorted by day). */
function firstRowOn(rows: readonly { date: string }[], day: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.date < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `totals` (a source's totals over `rows` before they changed) with the given days (sorted) read again
 * from `rows`: what `totalsOf(rows, …)` gives, without going over the whole history. A new list, the
 * old one untouched (the engine keeps scans per list).
 */
function patchTotals(
  totals: readonly DayTotal[],
  days: readonly string[],
  rows: readonly DayActivity[],
  source: string,
  match: (kind: string) => boolean,
): DayTotal[] {
  const out = totals.slice();
  for (const day of days) {
    let r = firstRowOn(rows, day);
    let next: DayTotal | null = null;
    for (; r < rows.length && rows[r]!.date === day; r++) {
      const row = rows[r]!;
      if (!match(row.kind)) continue;
      next ??= { day, count: 0, sum: 0 };
      next.count += row.count;
      if (source === 'journal.words') next.sum += row.words;
    }
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (out[mid]!.day < day) lo = mid + 1;
      else hi = mid;
    }
    const present = lo < out.length && out[lo]!.day === day;
    if (next) out.splice(lo, present ? 1 : 0, next);
    else if (present) out.splice(lo, 1);
  }
  return out;
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
