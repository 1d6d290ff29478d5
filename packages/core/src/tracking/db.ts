import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import { memoByStore } from '../stamps';
import { readSetting } from '../system/settings';
import { localDay, toLocalDateTime, type Day, type FieldError, type Weekday } from './logic';

type Sqlite = Database.Database;

const cache = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/** A prepared statement, cached per open database (a restore swaps the database underneath). */
export function stmt(ctx: CoreContext, sql: string): Database.Statement {
  const db = ctx.store.sqlite;
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

export function tx<T>(ctx: CoreContext, fn: () => T): T {
  return ctx.store.sqlite.transaction(fn)();
}

export function nowIso(ctx: CoreContext): string {
  return ctx.now().toISOString();
}

/** The user's calendar day now. */
export function today(ctx: CoreContext): Day {
  return localDay(ctx.now());
}

/** Local date-time to the minute, for the timer. */
export function nowLocal(ctx: CoreContext): string {
  return toLocalDateTime(ctx.now());
}

export function weekStartsOn(ctx: CoreContext): Weekday {
  // Read on every habit and evaluation: kept until anything is written.
  return memoByStore(ctx, 'setting:tracking.weekStartsOn', () => readSetting(ctx.store.db, 'tracking.weekStartsOn') as Weekday);
}

/** A short random id (tasks, habits, goals, spend lines). */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').toLowerCase()}`;
}

/** Refuses a form with one message per field (`details.issues`), the first one in the message. */
export function refuse(errors: readonly (FieldError | FieldIssue)[], prefix?: string): never {
  const issues: FieldIssue[] = errors.map((e) => ('path' in e ? e : { path: e.field, message: e.message }));
  const first = issues[0];
  throw new FolioError('bad_request', `${prefix ? `${prefix}: ` : ''}${first?.message ?? 'Invalid input'}`, { issues });
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `activity:changed` (stamps, derived habits) and `data:changed` (pages refetch) after a write. */
export function emitTracking(ctx: CoreContext, action: string, sources: readonly string[], day?: Day): void {
  ctx.events.emit('data:changed', { domain: 'tracking', action });
  if (sources.length > 0) ctx.events.emit('activity:changed', day ? { sources: [...sources], day } : { sources: [...sources] });
}
