import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FolioError } from '../contract/errors';
import type { BackupDto } from '../contract/system';
import { createSnapshot, listBackups } from './backup';
import { toStoreError } from './errors';
import type { Store } from './client';
import { applyMigrations, planMigrations } from './migrate';

/** Checks that a snapshot is an intact Folio database this version can open. Never writes to it. */
export function validateSnapshot(from: string, migrationsFolder: string): void {
  const abs = path.resolve(from);
  if (!fs.existsSync(abs)) throw new FolioError('not_found', `No backup at ${abs}.`);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(abs, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') !== 'SQLite format 3\u0000') {
    throw new FolioError('invalid_file', `${abs} is not a Folio backup (not an SQLite file).`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(abs, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    if (rows.some((r) => r.quick_check !== 'ok')) {
      throw new FolioError('db_corrupt', `${abs} failed its integrity check; choose another backup.`);
    }
    const hasMigrations = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = '__drizzle_migrations'`).get();
    if (!hasMigrations) throw new FolioError('invalid_file', `${abs} is an SQLite file but not a Folio backup.`);
    planMigrations(db, migrationsFolder, abs);
  } catch (err) {
    throw err instanceof FolioError ? err : toStoreError(err, abs);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database file with a snapshot. The caller must have closed every connection to `file`.
 * The current database is snapshotted first ("pre-restore"), so a restore can itself be undone.
 */
export async function restoreDatabase(opts: {
  file: string;
  from: string;
  migrationsFolder: string;
  backupsDir?: string;
}): Promise<{ restoredFrom: string; safetyBackup: BackupDto | null }> {
  const file = path.resolve(opts.file);
  const backupsDir = opts.backupsDir ?? path.join(path.dirname(file), 'backups');
  const from = resolveBackup(opts.from, backupsDir);
  validateSnapshot(from, opts.migrationsFolder);

  let safetyBackup: BackupDto | null = null;
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    let current: Database.Database | undefined;
    try {
      current = new Database(file, { fileMustExist: true });
      safetyBackup = await createSnapshot(current, { dir: backupsDir, reason: 'pre-restore' });
    } catch {
      // The current file is unreadable (that may be why we restore): keep its bytes aside instead.
      const aside = path.join(backupsDir, `unreadable-${Date.now()}-${path.basename(file)}`);
      fs.mkdirSync(backupsDir, { recursive: true });
      fs.copyFileSync(file, aside);
    } finally {
      current?.close();
    }
  }
  const tmp = `${file}.restoring-${process.pid}`;
  try {
    fs.copyFileSync(from, tmp);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw toStoreError(err, file);
  }
  return { restoredFrom: from, safetyBackup };
}

/** Resolves a backup given by name (in the backups folder) or by path. */
export function resolveBackup(from: string, backupsDir: string): string {
  if (!path.isAbsolute(from) && !fs.existsSync(from)) {
    const named = listBackups(backupsDir).find((b) => b.name === from);
    if (named) return named.file;
  }
  return path.resolve(from);
}

/**
 * Restores a snapshot INTO the open database with SQLite's backup API, so the connection every handler
 * and background job holds stays open and simply sees the restored pages: there is no moment where the
 * database is closed underneath them. The current content is snapshotted first ("pre-restore"); a
 * snapshot from an older schema is migrated forward afterwards.
 */
export async function restoreInto(
  store: Store,
  opts: { from: string; migrationsFolder: string },
): Promise<{ restoredFrom: string; safetyBackup: BackupDto | null }> {
  const from = resolveBackup(opts.from, store.backupsDir);
  if (from === path.resolve(store.file)) throw new FolioError('bad_request', 'That is the open database itself, not a backup.');
  validateSnapshot(from, opts.migrationsFolder);
  const safetyBackup = await store.backup('pre-restore');
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(store.file);
  } catch (err) {
    throw toStoreError(err, store.file);
  } finally {
    source.close();
  }
  const plan = planMigrations(store.sqlite, opts.migrationsFolder, store.file);
  applyMigrations(store.sqlite, plan.pending);
  return { restoredFrom: from, safetyBackup };
}
