import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { FolioError } from '../contract/errors';
import type { BackupDto } from '../contract/system';
import { createSnapshot, describeBackups, isDailyBackupDue, listBackups, pruneBackups } from './backup';
import { toStoreError } from './errors';
import { applyMigrations, planMigrations } from './migrate';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface StoreOptions {
  /** The SQLite file. Its folder is created if missing. */
  file: string;
  /** Folder of drizzle-kit migrations (`packages/core/drizzle`), passed in so packaging decides where it lives. */
  migrationsFolder: string;
  /** Where snapshots go; defaults to `<folder of file>/backups`. */
  backupsDir?: string;
  /** How many automatic snapshots to keep. */
  keepBackups?: number;
  /** Take a snapshot when the newest is older than a day. */
  dailyBackup?: boolean;
  now?: () => Date;
}

export interface Store {
  readonly file: string;
  readonly backupsDir: string;
  readonly sqlite: Database.Database;
  readonly db: Db;
  readonly schema: { applied: number; shipped: number; latest: string | null };
  readonly sqliteVersion: string;
  readonly vecVersion: string | null;
  /** Snapshot now. With `file`, writes exactly there (outside the rotation). */
  backup(reason: string, file?: string): Promise<BackupDto>;
  /** Resolves when background work (the daily snapshot) is finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** Refuses, without writing a byte, a file that exists but is not SQLite. */
function assertSqliteHeader(file: string, backupsDir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw toStoreError(err, file);
  }
  try {
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    if (n === 0) return; // an empty file is a new database
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new FolioError(
        'db_corrupt',
        `${file} is not a Folio database (it is not an SQLite file). Nothing was changed. ${describeBackups(backupsDir)}`,
        { file, backups: listBackups(backupsDir).map((b) => b.file) },
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

function loadVec(sqlite: Database.Database): string | null {
  try {
    sqliteVec.load(sqlite);
    return (sqlite.prepare('SELECT vec_version() AS v').get() as { v: string }).v;
  } catch {
    // Vector search is optional: keyword search works without it.
    return null;
  }
}

function integrityCheck(sqlite: Database.Database, file: string, backupsDir: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = sqlite.pragma('quick_check') as { quick_check: string }[];
  } catch (err) {
    const e = toStoreError(err, file);
    if (e.code === 'db_corrupt') {
      throw new FolioError('db_corrupt', `${e.message} Nothing was changed. ${describeBackups(backupsDir)}`, {
        file,
        backups: listBackups(backupsDir).map((b) => b.file),
      });
    }
    throw e;
  }
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new FolioError(
      'db_corrupt',
      `${file} failed its integrity check (${problems.slice(0, 3).join('; ')}). Nothing was changed. ${describeBackups(backupsDir)}`,
      { file, backups: listBackups(backupsDir).map((b) => b.file) },
    );
  }
}

/**
 * Opens (creating if needed) Folio's database: checks it is SQLite and intact, refuses a newer or
 * drifted schema before touching it, snapshots before migrating, then migrates, enables WAL, foreign
 * keys and a busy timeout, and loads sqlite-vec.
 */
export async function openStore(opts: StoreOptions): Promise<Store> {
  const file = path.resolve(opts.file);
  const backupsDir = opts.backupsDir ?? path.join(path.dirname(file), 'backups');
  const now = opts.now ?? (() => new Date());
  const keep = opts.keepBackups ?? 10;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  } catch (err) {
    throw toStoreError(err, path.dirname(file));
  }
  assertSqliteHeader(file, backupsDir);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { timeout: 5000 });
  } catch (err) {
    throw toStoreError(err, file);
  }
  try {
    if (existed) integrityCheck(sqlite, file, backupsDir);
    const plan = planMigrations(sqlite, opts.migrationsFolder, file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const vecVersion = loadVec(sqlite);
    if (plan.pending.length > 0 && plan.applied.length > 0) {
      await createSnapshot(sqlite, { dir: backupsDir, reason: 'pre-migration', now: now() });
      pruneBackups(backupsDir, keep);
    }
    applyMigrations(sqlite, plan.pending);
    const sqliteVersion = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;

    const pending = new Set<Promise<unknown>>();
    const track = <T>(p: Promise<T>): Promise<T> => {
      pending.add(p);
      void p.finally(() => pending.delete(p)).catch(() => undefined);
      return p;
    };
    let closed = false;
    const store: Store = {
      file,
      backupsDir,
      sqlite,
      db: drizzle({ client: sqlite, schema }),
      schema: {
        applied: plan.shipped.length,
        shipped: plan.shipped.length,
        latest: plan.shipped.at(-1) ? new Date(plan.shipped.at(-1)!.createdAt).toISOString() : null,
      },
      sqliteVersion,
      vecVersion,
      backup(reason, target) {
        if (closed) return Promise.reject(new FolioError('internal', 'The store is closed.'));
        return track(
          (async () => {
            try {
              const b = await createSnapshot(sqlite, { dir: backupsDir, reason, now: now(), file: target });
              if (!target) pruneBackups(backupsDir, keep);
              return b;
            } catch (err) {
              throw toStoreError(err, target ?? backupsDir);
            }
          })(),
        );
      },
      async idle() {
        await Promise.allSettled([...pending]);
      },
      async close() {
        if (closed) return;
        await store.idle();
        closed = true;
        sqlite.close();
      },
    };
    if (opts.dailyBackup !== false && existed && isDailyBackupDue(backupsDir, now())) {
      store.backup('daily').catch(() => undefined);
    }
    return store;
  } catch (err) {
    sqlite.close();
    throw toStoreError(err, file);
  }
}

export interface ReadOnlyStore {
  readonly sqlite: Database.Database;
  close(): void;
}

/** A connection that cannot write: for `folio sql` and other inspection. */
export function openReadOnly(file: string): ReadOnlyStore {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new FolioError('not_found', `No Folio database at ${abs}.`);
  assertSqliteHeader(abs, path.join(path.dirname(abs), 'backups'));
  let sqlite: Database.Database;
  try {
    sqlite = new Database(abs, { readonly: true, fileMustExist: true, timeout: 5000 });
    sqlite.pragma('query_only = ON');
  } catch (err) {
    throw toStoreError(err, abs);
  }
  loadVec(sqlite);
  return { sqlite, close: () => sqlite.close() };
}
