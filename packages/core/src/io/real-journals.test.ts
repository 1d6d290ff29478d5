// The real journals in ../shared/fixtures/journals (other people's writing: read here, never copied into
// the repo), imported through the handlers. Expected counts come from simple scans of the raw text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '../testing/core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const journals = path.resolve(repoRoot, '../shared/fixtures/journals');
const exists = existsSync(journals);
if (!exists) console.warn(`[real-journals.test] ${journals} is missing; skipping the real-journal import tests`);

/** `## M/D` headings outside fences (independent of the parser). */
function diaryHeadings(text: string): number {
  let inFence = false;
  let n = 0;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence && /^##\s+\d{1,2}\/\d{1,2}\b/.test(line)) n++;
  }
  return n;
}

/** `M/D/YY, Title`, `M/D/YY: Title` or bare `M/D/YY` lines. */
function microblogLines(text: string): number {
  return text.split('\n').filter((l) => /^(\d{1,2})\/(\d{1,2})\/(\d{2})(?:[,:]\s*.*)?\s*$/.test(l.trim())).length;
}

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;

describe.skipIf(!exists)('real journals through io:import', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await makeTestCore();
  });
  afterEach(async () => {
    await core.cleanup();
  });

  it('imports one entry per dated heading / entry line, re-imports as unchanged, and is searchable at once', async () => {
    const diary = diaryHeadings(readFileSync(path.join(journals, 'hexo-diary-zh.md'), 'utf8'));
    const micro = microblogLines(readFileSync(path.join(journals, 'microblog-2026-06.txt'), 'utf8'));
    expect(diary).toBeGreaterThan(10);
    expect(micro).toBeGreaterThan(5);

    const plan = await core.handlers['io:import-plan']({ paths: [journals], onExisting: 'update' });
    expect(plan.counts.byFormat).toMatchObject({ 'hexo-diary': 1, microblog: 1, markdown: 1 });
    expect(plan.counts.entries).toBe(diary + micro + 1);
    expect(plan.counts.mojibakeRepaired).toBeGreaterThan(0);

    const r = await core.handlers['io:import']({ paths: [journals], onExisting: 'update' });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.failedFiles).toBe(0);
    expect(r.created + r.updated).toBe(diary + micro + 1);
    const byFile = (name: string) => r.entries.filter((e) => e.sourcePath === `journals/${name}`);
    expect(byFile('hexo-diary-zh.md')).toHaveLength(diary);
    expect(byFile('microblog-2026-06.txt')).toHaveLength(micro);
    expect(byFile('sunday-links.md')).toHaveLength(1);
    const total = (
      core.context.store.sqlite.prepare('SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL').get() as { n: number }
    ).n;
    expect(total).toBe(diary + micro + 1);

    const again = await core.handlers['io:import']({ paths: [journals], onExisting: 'update' });
    expect(again.created).toBe(0);
    expect(again.unchanged).toBe(diary + micro + 1);

    const withWord = (
      core.context.store.sqlite.prepare(`SELECT count(*) AS n FROM entries WHERE body LIKE '%申请%'`).get() as { n: number }
    ).n;
    expect(withWord).toBeGreaterThan(0);
    if ('search:query' in core.handlers) {
      const hits = await core.handlers['search:query']({ q: '申请', kinds: ['entry'], limit: 50, offset: 0 });
      expect(hits.results.length).toBe(withWord);
    }
  });
});
