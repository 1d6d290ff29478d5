import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './create-backend';
import { fillDemoDates, seedDemoJournal } from './demo-journal';
import { resolveResources } from './resources';

const dirs: string[] = [];
const backends: Backend[] = [];
afterEach(async () => {
  for (const b of backends.splice(0)) await b.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('demo journal', () => {
  it('fills relative dates and ISO weeks', () => {
    const today = new Date(2026, 10, 25, 9); // Wednesday 25 November 2026
    expect(fillDemoDates('{{date:0}} {{date:-3}} {{week:0}} {{monday:-7}}', today)).toBe(
      '2026-11-25 2026-11-22 2026-W48 2026-11-16',
    );
    expect(fillDemoDates('{{week:0}} {{monday:0}}', new Date(2021, 0, 1, 9))).toBe('2020-W53 2020-12-28');
    expect(fillDemoDates('{{week:0}}', new Date(2024, 11, 30, 9))).toBe('2025-W01');
  });

  it('imports every file of resources/demo/journal through io:import, dated relative to today', async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-demo-journal-'));
    dirs.push(data);
    const b = await createBackend({ dataDir: data });
    backends.push(b);
    const vault = path.join(resolveResources().resourcesDir, 'demo', 'journal', 'vault');
    const notes = (function count(dir: string): number {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .reduce((n, d) => n + (d.isDirectory() ? count(path.join(dir, d.name)) : d.name.endsWith('.md') ? 1 : 0), 0);
    })(vault);
    const today = new Date();
    const counts = await seedDemoJournal(b, resolveResources().resourcesDir, today);
    expect(counts['journal entries']).toBe(notes);

    const rows = b.context.store.sqlite
      .prepare(`SELECT kind, title, date, is_public AS pub FROM entries ORDER BY date`)
      .all() as { kind: string; title: string; date: string; pub: number }[];
    expect(rows).toHaveLength(notes);
    const ymd = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const yesterday = ymd(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1, 12));
    expect(rows.find((r) => r.kind === 'daily' && r.date === yesterday)?.title).toBe(yesterday);
    expect(rows.filter((r) => r.kind === 'daily').length).toBe(15);
    expect(
      rows
        .filter((r) => r.pub === 1)
        .map((r) => r.title)
        .sort(),
    ).toEqual(expect.arrayContaining(['Why I keep a lab notebook', '读论文的三个习惯']));
    expect(rows.some((r) => r.kind === 'paper' && r.title === 'Sparse Retrieval over Handwritten Lab Notebooks')).toBe(true);
    expect(rows.some((r) => r.kind === 'meeting' && r.title === 'Reading group')).toBe(true);
    expect(rows.filter((r) => r.kind === 'weekly')).toHaveLength(2);
    const body = (
      b.context.store.sqlite.prepare(`SELECT body FROM entries WHERE title = 'Why I keep a lab notebook'`).get() as {
        body: string;
      }
    ).body;
    const sha = /folio:\/\/blob\/([0-9a-f]{64})/.exec(body)?.[1];
    expect(sha && b.context.blobs.has(sha)).toBe(true);
    const streak = await b.dispatch('journal:streak', { today: ymd(today) });
    expect(streak.ok && (streak.value as { current: number }).current).toBeGreaterThanOrEqual(8);
  });
});
