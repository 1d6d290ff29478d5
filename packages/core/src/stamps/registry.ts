import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import type { Disposable } from '../contract/rpc';
import type { ActivityItem, ActivitySource, DayTotal, HabitInfo, MetricInfo } from './engine';
import type { Day } from './engine';

/**
 * An evidence item as providers return it: the engine needs only `type` and `id`; a `title` and the
 * `day` make the collection page's evidence readable ("Read: RailS paper, 2026-06-03").
 */
export interface ProviderItem extends ActivityItem {
  title?: string;
  day?: Day;
}

/**
 * How a domain feeds Folio's activity (stamps, derived habits, goals, the dashboard, the weekly
 * review) without anyone importing its internals. See stamps/index.ts for the full contract and an
 * example; register with `registerActivityProvider(ctx, provider)`.
 */
export interface ActivityProvider {
  /** A name for messages and debugging: `journal`, `papers`, `comments`, `tracking`. */
  readonly id: string;
  /** Fixed source ids this provider answers (`journal.entry`, `papers.finished`…). */
  readonly sources: readonly string[];
  /** Parameterised families it answers: `journal.kind` serves every `journal.kind:<kind>`. */
  readonly families?: readonly string[];
  /**
   * `data:changed { domain }` domains whose writes may change this provider's sources: such an event
   * re-evaluates every stamp reading them. A provider whose domain emits precise
   * `activity:changed { sources }` events may leave this empty.
   */
  readonly domains?: readonly string[];
  /** Per-day totals in [from, to], ascending, days without activity left out (one GROUP BY day). */
  dailyTotals(source: string, from: Day, to: Day): readonly DayTotal[];
  /** The items behind a source on these days, oldest first, at most `limit` (evidence only). */
  items(source: string, days: readonly Day[], limit: number): readonly ProviderItem[];
  /** Metric definitions (tracking only). */
  metric?(id: string): MetricInfo | undefined;
  /** Habits (tracking only). */
  habit?(id: string): HabitInfo | undefined;
  /** Journal entry kinds that exist (journal only). */
  journalKinds?(): readonly string[] | undefined;
  /** Sources derived from `changed` (a habit counting `papers.finished`): they change along with them. */
  dependents?(changed: readonly string[]): string[];
  /** What a rule editor may pick from this provider (tracking: metrics, habits, time categories). */
  catalog?(): {
    metrics?: { id: string; name: string; kind: string }[];
    habits?: { id: string; name: string }[];
    categories?: { id: string; name: string }[];
  };
  /** Called when a read batch starts and when it ends: drop anything memoised (see `inBatch`). */
  reset?(): void;
  /**
   * A provider that keeps its own reads across batches, with exact change detection (tracking: its
   * change log), says so here: a token that changes whenever the source's totals may have; undefined
   * when it cannot tell (inside a transaction). The registry then leaves caching to it, and derived
   * values (a habit's periods) may be kept under this token.
   */
  version?(source: string): string | undefined;
}

/** Days of an ascending list within [from, to] (what `BETWEEN from AND to` gives); the list itself when all are. */
export function sliceDays(rows: readonly DayTotal[], from: Day, to: Day): readonly DayTotal[] {
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

function sameTotals(a: readonly DayTotal[], b: readonly DayTotal[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.day !== y.day || x.count !== y.count || x.sum !== y.sum) return false;
  }
  return true;
}

/** Ranges of one source held between batches (a stamp reads all time, the dashboard a year…). */
const HELD_PER_SOURCE = 4;

/**
 * The providers registered on one core, seen as a single `ActivitySource` by the engine.
 *
 * Reads are held between batches under the store's data version (`dataVersion`: it changes with any
 * write on any connection), so a page that reads the same sources again without anything written in
 * between (the dashboard refetching, stamps after an unrelated change) does not query them again.
 * Providers with their own exact caching (`version`) are left to it.
 */
export class ActivityRegistry implements ActivitySource {
  /**
   * @param dataVersion a token that changes whenever any data may have changed (undefined: unknown,
   *   hold nothing); without one nothing is held between batches.
   */
  constructor(private readonly dataVersion?: () => string | undefined) {}

  private readonly providers: ActivityProvider[] = [];
  private held = new Map<string, { version: string; from: Day; to: Day; rows: readonly DayTotal[] }[]>();
  private bySource = new Map<string, ActivityProvider>();
  private byFamily = new Map<string, ActivityProvider>();

  register(provider: ActivityProvider): Disposable {
    if (this.providers.some((p) => p.id === provider.id)) {
      throw new Error(`An activity provider named "${provider.id}" is already registered`);
    }
    this.providers.push(provider);
    this.reindex();
    return {
      dispose: () => {
        const i = this.providers.indexOf(provider);
        if (i >= 0) this.providers.splice(i, 1);
        this.reindex();
      },
    };
  }

  /** Removes a provider by name (tests put a stand-in in place of a domain's). */
  unregister(id: string): boolean {
    const i = this.providers.findIndex((p) => p.id === id);
    if (i < 0) return false;
    this.providers.splice(i, 1);
    this.reindex();
    return true;
  }

  private reindex(): void {
    this.held = new Map();
    this.bySource = new Map();
    this.byFamily = new Map();
    for (const p of this.providers) {
      for (const s of p.sources) if (!this.bySource.has(s)) this.bySource.set(s, p);
      for (const f of p.families ?? []) if (!this.byFamily.has(f)) this.byFamily.set(f, p);
    }
  }

  list(): readonly ActivityProvider[] {
    return this.providers;
  }

  /** The provider answering a source id, if any domain provides it now. */
  providerFor(source: string): ActivityProvider | undefined {
    const fixed = this.bySource.get(source);
    if (fixed) return fixed;
    const colon = source.indexOf(':');
    return colon > 0 ? this.byFamily.get(source.slice(0, colon)) : undefined;
  }

  isAvailable(source: string): boolean {
    return this.providerFor(source) !== undefined;
  }

  private memo: Map<string, readonly DayTotal[]> | null = null;

  /** True inside `batch()`: providers may memoise reads until it ends. */
  get inBatch(): boolean {
    return this.memo !== null;
  }

  /** Starts an evaluation batch: providers drop memoised reads. */
  reset(): void {
    for (const p of this.providers) p.reset?.();
  }

  /** Forgets every read held between batches (a restore swapped the data underneath). */
  forget(): void {
    this.held = new Map();
  }

  /**
   * A token that changes whenever `source`'s daily totals may have changed: the provider's own
   * (`version`) or the store's data version. Undefined when unknown (inside a transaction).
   */
  sourceVersion(source: string): string | undefined {
    const provider = this.providerFor(source);
    if (!provider) return 'none';
    if (provider.version) {
      const v = provider.version(source);
      return v === undefined ? undefined : `${provider.id}:${v}`;
    }
    const v = this.dataVersion?.();
    return v === undefined ? undefined : `data:${v}`;
  }

  /**
   * Runs `fn` as one read batch: providers start fresh, and a source read twice over the same days
   * (two stamps on `time.focus`, a habit and a stamp on the same metric) is queried once. Between
   * batches, reads are held only while the data version says nothing was written since.
   */
  batch<T>(fn: () => T): T {
    if (this.memo) return fn();
    this.reset();
    this.memo = new Map();
    try {
      return fn();
    } finally {
      this.memo = null;
      this.reset();
    }
  }

  dailyTotals(source: string, from: Day, to: Day): readonly DayTotal[] {
    const provider = this.providerFor(source);
    if (!provider) return [];
    if (!this.memo) return this.read(provider, source, from, to);
    const key = `${source}\u0000${from}\u0000${to}`;
    let hit = this.memo.get(key);
    if (!hit) this.memo.set(key, (hit = this.read(provider, source, from, to)));
    return hit;
  }

  private read(provider: ActivityProvider, source: string, from: Day, to: Day): readonly DayTotal[] {
    if (provider.version) return provider.dailyTotals(source, from, to);
    const version = this.dataVersion?.();
    if (version === undefined) return provider.dailyTotals(source, from, to);
    const list = this.held.get(source) ?? [];
    const current = list.filter((h) => h.version === version);
    const hit = current.find((h) => h.from <= from && h.to >= to);
    if (hit) return hit.from === from && hit.to === to ? hit.rows : sliceDays(hit.rows, from, to);
    let rows = provider.dailyTotals(source, from, to);
    // Read again after a write elsewhere but unchanged: hand out the same list (the engine keeps
    // its scans per list, so rules on this source are not scanned again).
    const before = list.find((h) => h.from === from && h.to === to);
    if (before && sameTotals(before.rows, rows)) rows = before.rows;
    // A wider range replaces the ranges it contains.
    const kept = current.filter((h) => !(from <= h.from && to >= h.to));
    kept.unshift({ version, from, to, rows });
    this.held.set(source, kept.slice(0, HELD_PER_SOURCE));
    return rows;
  }

  items(source: string, days: readonly Day[], limit: number): readonly ProviderItem[] {
    if (days.length === 0 || limit <= 0) return [];
    return this.providerFor(source)?.items(source, days, limit) ?? [];
  }

  metric(id: string): MetricInfo | undefined {
    for (const p of this.providers) {
      const m = p.metric?.(id);
      if (m) return m;
    }
    return undefined;
  }

  habit(id: string): HabitInfo | undefined {
    for (const p of this.providers) {
      const h = p.habit?.(id);
      if (h) return h;
    }
    return undefined;
  }

  journalKinds(): readonly string[] | undefined {
    for (const p of this.providers) {
      const k = p.journalKinds?.();
      if (k) return k;
    }
    return undefined;
  }

  /**
   * What a `data:changed { domain }` touches: every fixed source of the providers listening to that
   * domain, plus the family members named in `known` (the sources rules actually read).
   */
  sourcesForDomain(domain: string, known: Iterable<string>): string[] {
    const out = new Set<string>();
    const families = new Set<string>();
    for (const p of this.providers) {
      if (!p.domains?.includes(domain)) continue;
      for (const s of p.sources) out.add(s);
      for (const f of p.families ?? []) families.add(f);
    }
    if (families.size > 0) {
      for (const s of known) {
        const colon = s.indexOf(':');
        if (colon > 0 && families.has(s.slice(0, colon))) out.add(s);
      }
    }
    return [...out];
  }

  /** Adds the sources derived from these (habits built on them), transitively. */
  withDependents(sources: Iterable<string>): string[] {
    const all = new Set(sources);
    let frontier = [...all];
    for (let round = 0; round < 4 && frontier.length > 0; round++) {
      const next: string[] = [];
      for (const p of this.providers) {
        for (const d of p.dependents?.(frontier) ?? []) {
          if (!all.has(d)) {
            all.add(d);
            next.push(d);
          }
        }
      }
      frontier = next;
    }
    return [...all];
  }
}

const registries = new WeakMap<CoreContext, ActivityRegistry>();

const epochs = new WeakMap<CoreContext, { n: number }>();
const versionStmts = new WeakMap<Database.Database, { changes: Database.Statement; data: Database.Statement }>();

function epochOf(ctx: CoreContext): { n: number } {
  let e = epochs.get(ctx);
  if (!e) {
    const epoch = { n: 0 };
    // A restore replaces the pages underneath the open connection.
    ctx.events.on('data:changed', (ev) => {
      if (ev.domain === '*') epoch.n++;
    });
    epochs.set(ctx, (e = epoch));
  }
  return e;
}

/**
 * A token that changes whenever anything in the store may have changed: this connection's row changes
 * (`total_changes()`), other connections' commits (`PRAGMA data_version`), and a restore. Undefined
 * inside a transaction, whose writes may still be rolled back. For caches of values read from any
 * table (a setting, another domain's totals).
 */
export function storeVersion(ctx: CoreContext): string | undefined {
  const db = ctx.store.sqlite;
  if (db.inTransaction) return undefined;
  let s = versionStmts.get(db);
  if (!s)
    versionStmts.set(
      db,
      (s = { changes: db.prepare('SELECT total_changes()').pluck(), data: db.prepare('PRAGMA data_version').pluck() }),
    );
  return `${epochOf(ctx).n}.${s.data.get() as number}.${s.changes.get() as number}`;
}

/** The activity registry of a core (created on first use). */
export function activityRegistry(ctx: CoreContext): ActivityRegistry {
  let r = registries.get(ctx);
  if (!r) {
    const registry = new ActivityRegistry(() => storeVersion(ctx));
    ctx.events.on('data:changed', (e) => {
      if (e.domain === '*') registry.forget();
    });
    registries.set(ctx, (r = registry));
  }
  return r;
}

/** `read()` under the store's version: re-read only after something was written (settings…). */
export function memoByStore<T>(ctx: CoreContext, name: string, read: () => T): T {
  const version = storeVersion(ctx);
  if (version === undefined) return read();
  let m = memos.get(ctx);
  if (!m) memos.set(ctx, (m = new Map()));
  const hit = m.get(name);
  if (hit && hit.version === version) return hit.value as T;
  const value = read();
  m.set(name, { version, value });
  return value;
}

const memos = new WeakMap<CoreContext, Map<string, { version: string; value: unknown }>>();

/** Adds a domain's activity provider to the core; `dispose()` removes it. */
export function registerActivityProvider(ctx: CoreContext, provider: ActivityProvider): Disposable {
  return activityRegistry(ctx).register(provider);
}
