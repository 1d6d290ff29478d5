import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FolioError } from '../contract/errors';
import type { BackupDto } from '../contract/system';
import { createSnapshot, listBackups } from './backup';
import { toStoreError } from './errors';
import { planMigrations } from './migrate';

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
  let from = opts.from;
  if (!path.isAbsolute(from) && !fs.existsSync(from)) {
    const named = listBackups(backupsDir).find((b) => b.name === from);
    if (named) from = named.file;
  }
  from = path.resolve(from);
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
