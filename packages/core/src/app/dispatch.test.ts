import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '../testing/core';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function core() {
  const c = await makeTestCore();
  cleanup = c.cleanup;
  return c;
}

describe('dispatch', () => {
  it('answers a known call with its DTO', async () => {
    const c = await core();
    const r = await c.dispatch('system:ping', { echo: 'hi' });
    expect(r).toMatchObject({ ok: true, value: { pong: true, echo: 'hi' } });
  });

  it('answers an unknown method with a typed error, never a throw', async () => {
    const c = await core();
    expect(await c.dispatch('nope:nothing', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown API call: nope:nothing' },
    });
    expect(await c.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await c.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('validates the payload and names the offending field', async () => {
    const c = await core();
    const r = await c.dispatch('system:sql', { sql: '', limit: -3 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad_request');
    const paths = r.error.details?.issues?.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['sql', 'limit']));
    expect(await c.dispatch('system:ping', 'not an object')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('settings: validates every key and writes all or nothing', async () => {
    const c = await core();
    const bad = await c.dispatch('settings:set', { values: { theme: 'dark', 'backups.keep': 0 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', details: { issues: [{ path: 'backups.keep' }] } } });
    const after = await c.dispatch('settings:get', {});
    expect(after).toMatchObject({ ok: true, value: { theme: 'system' } });
    const good = await c.dispatch('settings:set', { values: { theme: 'dark' } });
    expect(good).toMatchObject({ ok: true, value: { theme: 'dark', 'backups.keep': 10 } });
  });

  it('system:sql reads, and refuses every kind of write without changing anything', async () => {
    const c = await core();
    await c.dispatch('settings:set', { values: { theme: 'light' } });
    const read = await c.dispatch('system:sql', { sql: `SELECT key, json_extract(value, '$') AS v FROM settings` });
    expect(read).toMatchObject({ ok: true, value: { columns: ['key', 'v'], rows: [['theme', 'light']] } });
    for (const sql of [
      `INSERT INTO settings (key, value) VALUES ('x', '1')`,
      `UPDATE settings SET value = '"dark"'`,
      `DELETE FROM settings`,
      `DROP TABLE settings`,
      `INSERT INTO settings (key, value) VALUES ('y', '2') RETURNING key`,
      `PRAGMA user_version = 7`,
      `CREATE TABLE t (x)`,
    ]) {
      const r = await c.dispatch('system:sql', { sql });
      expect(r, sql).toMatchObject({ ok: false, error: { code: 'read_only' } });
    }
    const still = await c.dispatch('system:sql', { sql: `SELECT count(*) FROM settings` });
    expect(still).toMatchObject({ ok: true, value: { rows: [[1]] } });
  });

  it('system:sql refuses PRAGMA writes as read-only, and answers read PRAGMAs', async () => {
    const c = await core();
    for (const sql of [
      'PRAGMA journal_mode=DELETE',
      'pragma main.journal_mode = delete',
      '/* why */ PRAGMA journal_mode(DELETE)',
      'PRAGMA foreign_keys = OFF',
      'PRAGMA user_version(7)',
      'PRAGMA locking_mode = EXCLUSIVE',
      'PRAGMA wal_checkpoint(TRUNCATE)',
      'PRAGMA wal_checkpoint',
      'PRAGMA optimize',
    ]) {
      const r = await c.dispatch('system:sql', { sql });
      expect(r, sql).toMatchObject({
        ok: false,
        error: { code: 'read_only', message: expect.stringMatching(/^folio sql is read-only: .*Nothing was changed\.$/) },
      });
    }
    const mode = await c.dispatch('system:sql', { sql: 'PRAGMA journal_mode' });
    expect(mode).toMatchObject({ ok: true, value: { columns: ['journal_mode'], rows: [['wal']] } });
    const info = await c.dispatch('system:sql', { sql: 'PRAGMA table_info(entries)' });
    expect(info).toMatchObject({ ok: true, value: { columns: expect.arrayContaining(['name', 'type']) } });
    const names = info.ok ? (info.value as { rows: unknown[][] }).rows.map((r) => r[1]) : [];
    expect(names).toEqual(expect.arrayContaining(['id', 'title']));
    const check = await c.dispatch('system:sql', { sql: 'PRAGMA quick_check(1)' });
    expect(check).toMatchObject({ ok: true, value: { rows: [['ok']] } });
  });

  it('backs up and restores through the API, swapping the open database', async () => {
    const c = await core();
    await c.dispatch('settings:set', { values: { theme: 'dark' } });
    const b = await c.dispatch('system:backup', {});
    expect(b.ok).toBe(true);
    await c.dispatch('settings:set', { values: { theme: 'light' } });
    const r = await c.dispatch('system:restore', { from: (b as { value: { name: string } }).value.name });
    expect(r).toMatchObject({ ok: true, value: { safetyBackup: { reason: 'pre-restore' } } });
    expect(await c.dispatch('settings:get', {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const list = await c.dispatch('system:backups', {});
    expect(list.ok && (list.value as unknown[]).length).toBe(2);
  });
});
