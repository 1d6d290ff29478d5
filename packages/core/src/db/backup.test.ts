import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../paths';
import { makeTempDir } from '../testing/temp-dir';
import { listBackups } from './backup';
import { openStore } from './client';
import { restoreDatabase, restoreInto, validateSnapshot } from './restore';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function tmp() {
  const t = makeTempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Everything in `dir` whose name starts with the snapshot's name: the snapshot and any sidecars. */
function siblings(file: string): string[] {
  const base = path.basename(file);
  return fs
    .readdirSync(path.dirname(file))
    .filter((n) => n.startsWith(base))
    .sort();
}

describe('snapshots are one self-contained file', () => {
  it('folio backup FILE writes a single rollback-journal file that stays alone when opened', async () => {
    const dir = tmp();
    const s = await openStore({
      file: path.join(dir, 'data', 'folio.db'),
      migrationsFolder: migrationsFolder(),
      dailyBackup: false,
    });
    expect(s.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // Leave committed rows in the WAL (not yet checkpointed) so the copy must include them.
    s.sqlite.pragma('wal_autocheckpoint = 0');
    s.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
    const target = path.join(dir, 'out', 'copy.sqlite');
    const b = await s.backup('manual', target);
    expect(b.file).toBe(target);
    expect(siblings(target)).toEqual(['copy.sqlite']);
    // Header bytes 18-19 are 1 for the rollback journal, 2 for WAL.
    const header = fs.readFileSync(target).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);

    const ro = new Database(target, { readonly: true, fileMustExist: true });
    expect(ro.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(ro.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');
    ro.close();
    validateSnapshot(target, migrationsFolder());
    expect(siblings(target)).toEqual(['copy.sqlite']);
    await s.close();
  });

  it('automatic snapshots in the backups folder leave no -wal/-shm and restore back to WAL', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    const s = await openStore({ file, migrationsFolder: migrationsFolder(), dailyBackup: false });
    s.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
    await s.backup('daily');
    await s.backup('manual');
    await s.close();

    const backupsDir = path.join(dir, 'backups');
    const listed = listBackups(backupsDir);
    expect(listed).toHaveLength(2);
    for (const b of listed) validateSnapshot(b.file, migrationsFolder());
    expect(fs.readdirSync(backupsDir).sort()).toEqual(listed.map((b) => b.name).sort());

    await restoreDatabase({ file, from: listed[0]!.file, migrationsFolder: migrationsFolder() });
    const s2 = await openStore({ file, migrationsFolder: migrationsFolder(), dailyBackup: false });
    expect(s2.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s2.sqlite.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');
    await s2.close();
    // The pre-restore safety snapshot is self-contained too.
    expect(fs.readdirSync(backupsDir).filter((n) => /-(wal|shm|journal)$/.test(n))).toEqual([]);
  });

  it('restoring a self-contained snapshot into the open database keeps it in WAL', async () => {
    const dir = tmp();
    const s = await openStore({ file: path.join(dir, 'folio.db'), migrationsFolder: migrationsFolder(), dailyBackup: false });
    s.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
    const snap = await s.backup('manual');
    s.sqlite.prepare(`UPDATE settings SET value = '"light"' WHERE key = 'theme'`).run();
    await restoreInto(s, { from: snap.file, migrationsFolder: migrationsFolder() });
    expect(s.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.sqlite.prepare(`SELECT value FROM settings WHERE key = 'theme'`).pluck().get()).toBe('"dark"');
    await s.close();
    const again = new Database(path.join(dir, 'folio.db'), { readonly: true });
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });
});
