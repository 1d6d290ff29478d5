import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupDto } from '../contract/system';

const NAME_RE = /^folio-(\d{8})-(\d{6})-(\d{3})-([a-z0-9-]+)\.db$/;

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`;
}

function parseName(name: string): { createdAt: Date; reason: string } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, ymd, hms, ms, reason] = m as unknown as [string, string, string, string, string];
  const iso = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}.${ms}Z`;
  const createdAt = new Date(iso);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, reason };
}

export function listBackups(dir: string): BackupDto[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupDto[] = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      out.push({ name, file, createdAt: parsed.createdAt.toISOString(), sizeBytes: st.size, reason: parsed.reason });
    } catch {
      // vanished between readdir and stat: not a backup any more
    }
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : -1));
}

/**
 * The online backup copies the source's header, so a snapshot of a WAL database is itself marked WAL
 * and anything that later opens it (even read-only) creates `-wal`/`-shm` files beside it. Switching
 * the copy to the rollback journal makes it one self-contained file; `openStore` turns WAL back on
 * after a restore.
 */
function makeSelfContained(file: string): void {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Copies a live database with SQLite's online backup API: consistent even while Folio writes, and
 * written to a temporary name first so a crash never leaves a half snapshot that looks complete.
 * The result is a single file in rollback-journal mode, with no `-wal`/`-shm` beside it.
 */
export async function createSnapshot(
  sqlite: BetterSqlite3.Database,
  opts: { dir: string; reason: string; now?: Date; file?: string },
): Promise<BackupDto> {
  const now = opts.now ?? new Date();
  const reason = opts.reason.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'manual';
  const target = opts.file ? path.resolve(opts.file) : path.join(opts.dir, `folio-${stamp(now)}-${reason}.db`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await sqlite.backup(tmp);
    makeSelfContained(tmp);
    fs.renameSync(tmp, target);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + suffix, { force: true });
    throw err;
  }
  const st = fs.statSync(target);
  return { name: path.basename(target), file: target, createdAt: now.toISOString(), sizeBytes: st.size, reason };
}

/** Keeps the newest `keep` snapshots in `dir`; older ones are deleted. Returns what was removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const removed: string[] = [];
  for (const b of all.slice(Math.max(keep, 1))) {
    fs.rmSync(b.file, { force: true });
    removed.push(b.name);
  }
  return removed;
}

export function isDailyBackupDue(dir: string, now: Date = new Date()): boolean {
  const newest = listBackups(dir)[0];
  if (!newest) return true;
  return now.getTime() - new Date(newest.createdAt).getTime() >= 24 * 60 * 60 * 1000;
}

export function describeBackups(dir: string): string {
  const all = listBackups(dir);
  if (all.length === 0) return `No backups exist in ${dir}.`;
  const shown = all.slice(0, 5).map((b) => `${b.name} (${b.createdAt})`);
  return `Backups in ${dir}: ${shown.join(', ')}${all.length > 5 ? `, and ${all.length - 5} older` : ''}. Restore one with \`folio restore FILE\`.`;
}
