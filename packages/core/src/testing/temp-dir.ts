import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test; removed by the returned cleanup. */
export function makeTempDir(prefix = 'folio-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a drizzle-style migrations folder (journal + SQL files) for store tests. */
export function writeMigrations(dir: string, migrations: { when: number; sql: string }[]): string {
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entries = migrations.map((m, idx) => {
    const tag = `${String(idx).padStart(4, '0')}_m${idx}`;
    fs.writeFileSync(path.join(dir, `${tag}.sql`), m.sql);
    return { idx, version: '6', when: m.when, tag, breakpoints: true };
  });
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  return dir;
}
