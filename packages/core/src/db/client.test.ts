import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FolioError } from '../contract/errors';
import { migrationsFolder } from '../paths';
import { makeTempDir, writeMigrations } from '../testing/temp-dir';
import { listBackups } from './backup';
import { openReadOnly, openStore } from './client';
import { restoreDatabase } from './restore';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function tmp() {
  const t = makeTempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const M1 = { when: 1_700_000_000_000, sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);' };
const M2 = { when: 1_700_000_100_000, sql: 'ALTER TABLE notes ADD COLUMN title TEXT;' };

async function expectFolioError(p: Promise<unknown>, code: string): Promise<FolioError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FolioError);
    expect((err as FolioError).code).toBe(code);
    return err as FolioError;
  }
  throw new Error(`expected a ${code} error`);
}

describe('openStore', () => {
  it('creates a database from empty with WAL, foreign keys, busy timeout, sqlite-vec and the shipped migrations', async () => {
    const dir = tmp();
    const store = await openStore({ file: path.join(dir, 'folio.db'), migrationsFolder: migrationsFolder() });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.vecVersion).toMatch(/^v\d/);
    expect(store.schema.applied).toBe(store.schema.shipped);
    expect(store.schema.shipped).toBeGreaterThan(0);
    const tables = store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[];
    expect(tables.map((t) => t.name)).toContain('settings');
    await store.close();
  });

  it('snapshots before migrating an existing database, then migrates', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    const m1 = writeMigrations(path.join(dir, 'm1'), [M1]);
    const s1 = await openStore({ file, migrationsFolder: m1, dailyBackup: false });
    s1.sqlite.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    await s1.close();
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(0);

    const m2 = writeMigrations(path.join(dir, 'm2'), [M1, M2]);
    const s2 = await openStore({ file, migrationsFolder: m2, dailyBackup: false });
    const backups = listBackups(path.join(dir, 'backups'));
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration']);
    const snap = new Database(backups[0]!.file, { readonly: true });
    expect(snap.prepare('SELECT body FROM notes').pluck().all()).toEqual(['kept']);
    expect(() => snap.prepare('SELECT title FROM notes').all()).toThrow(/no such column/);
    snap.close();
    expect(s2.sqlite.prepare('SELECT title, body FROM notes').get()).toEqual({ title: null, body: 'kept' });
    await s2.close();
  });

  it('refuses a database written by a newer schema and does not modify it', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    const s = await openStore({ file, migrationsFolder: writeMigrations(path.join(dir, 'new'), [M1, M2]), dailyBackup: false });
    await s.close();
    const before = fs.readFileSync(file);
    const err = await expectFolioError(
      openStore({ file, migrationsFolder: writeMigrations(path.join(dir, 'old'), [M1]) }),
      'db_newer_schema',
    );
    expect(err.message).toMatch(/newer version of Folio/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(0);
  });

  it('refuses a database whose applied migration was edited after landing', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    (await openStore({ file, migrationsFolder: writeMigrations(path.join(dir, 'a'), [M1]), dailyBackup: false })).close();
    const edited = { ...M1, sql: M1.sql.replace('body TEXT', 'body BLOB') };
    await expectFolioError(openStore({ file, migrationsFolder: writeMigrations(path.join(dir, 'b'), [edited]) }), 'db_drift');
  });

  it('refuses a file that is not SQLite, names it and the backups, and leaves its bytes alone', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    fs.writeFileSync(file, 'this is my shopping list, not a database\n'.repeat(100));
    const before = fs.readFileSync(file);
    const err = await expectFolioError(openStore({ file, migrationsFolder: migrationsFolder() }), 'db_corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/No backups exist|Backups in/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a damaged SQLite file and lists the backups to restore from', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    const s = await openStore({ file, migrationsFolder: migrationsFolder(), dailyBackup: false });
    s.sqlite.exec('CREATE TABLE filler (x TEXT); ');
    const ins = s.sqlite.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) ins.run('x'.repeat(200));
    await s.backup('manual');
    await s.close();
    const bytes = fs.readFileSync(file);
    // Scribble over the middle of the file, past the header.
    bytes.fill(0xab, 8192, 8192 + 40_000);
    fs.writeFileSync(file, bytes);
    const err = await expectFolioError(openStore({ file, migrationsFolder: migrationsFolder() }), 'db_corrupt');
    expect(err.message).toMatch(/Backups in .*folio-\d{8}-\d{6}-\d{3}-manual\.db/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('takes a daily snapshot when the newest is older than a day, and keeps only the last N', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    let t = new Date('2026-01-01T10:00:00Z');
    const open = () => openStore({ file, migrationsFolder: migrationsFolder(), keepBackups: 3, now: () => t });
    await (await open()).close(); // new database: nothing to back up
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(0);
    for (let day = 1; day <= 5; day++) {
      t = new Date(t.getTime() + 25 * 3600 * 1000);
      const s = await open();
      await s.idle();
      await s.close();
    }
    const b = listBackups(path.join(dir, 'backups'));
    expect(b).toHaveLength(3);
    expect(b.every((x) => x.reason === 'daily')).toBe(true);
    // A second open on the same day does not add one.
    const s = await open();
    await s.idle();
    await s.close();
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(3);
  });

  it('reports a read-only data folder clearly', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file permissions; simulate with a path under a regular file instead.
      const dir = tmp();
      fs.writeFileSync(path.join(dir, 'plainfile'), 'x');
      await expect(
        openStore({ file: path.join(dir, 'plainfile', 'folio.db'), migrationsFolder: migrationsFolder() }),
      ).rejects.toMatchObject({
        name: 'FolioError',
      });
      return;
    }
    const dir = tmp();
    fs.chmodSync(dir, 0o500);
    await expect(openStore({ file: path.join(dir, 'folio.db'), migrationsFolder: migrationsFolder() })).rejects.toMatchObject({
      code: expect.stringMatching(/read_only|io_error/),
    });
    fs.chmodSync(dir, 0o700);
  });
});

describe('restore', () => {
  it('restores a snapshot, keeping a pre-restore snapshot of what it replaced', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    const mig = migrationsFolder();
    const s = await openStore({ file, migrationsFolder: mig, dailyBackup: false });
    s.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('theme', '"dark"')`).run();
    const snap = await s.backup('manual');
    s.sqlite.prepare(`UPDATE settings SET value = '"light"' WHERE key = 'theme'`).run();
    await s.close();

    const r = await restoreDatabase({ file, from: snap.file, migrationsFolder: mig });
    expect(r.safetyBackup?.reason).toBe('pre-restore');
    const s2 = await openStore({ file, migrationsFolder: mig, dailyBackup: false });
    expect(s2.sqlite.prepare(`SELECT value FROM settings WHERE key='theme'`).pluck().get()).toBe('"dark"');
    await s2.close();
    const safety = new Database(r.safetyBackup!.file, { readonly: true });
    expect(safety.prepare(`SELECT value FROM settings WHERE key='theme'`).pluck().get()).toBe('"light"');
    safety.close();
  });

  it('refuses to restore something that is not a Folio backup, leaving the database untouched', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    await (await openStore({ file, migrationsFolder: migrationsFolder() })).close();
    const before = fs.readFileSync(file);
    const bogus = path.join(dir, 'bogus.db');
    fs.writeFileSync(bogus, 'nope');
    await expect(restoreDatabase({ file, from: bogus, migrationsFolder: migrationsFolder() })).rejects.toMatchObject({
      code: 'invalid_file',
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('openReadOnly', () => {
  it('cannot write', async () => {
    const dir = tmp();
    const file = path.join(dir, 'folio.db');
    await (await openStore({ file, migrationsFolder: migrationsFolder() })).close();
    const ro = openReadOnly(file);
    expect(() => ro.sqlite.exec(`INSERT INTO settings (key, value) VALUES ('x', '1')`)).toThrow(/readonly|read-only/i);
    ro.close();
  });
});
