// Search over the real journals in ../shared/fixtures/journals (other people's writing, never copied
// into the repo): imported through the io parsers and the journal service, then queried. Expected sets
// come from a plain substring scan over the imported entries, so nothing is hard-coded.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolioError } from '../contract/errors';
import type { SearchResultsDto } from '../contract/search';
import { planImportFromPath } from '../io/import';
import { ensureKind, getEntry, markdownToPlainText, upsertImportedEntry } from '../journal';
import { makeTestCore } from '../testing/core';
import { propertiesToText } from './text';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const journals = path.resolve(repoRoot, '../shared/fixtures/journals');
const exists = existsSync(journals);
if (!exists) console.warn(`[search.real.test] ${journals} is missing; skipping the real-journal search tests`);

describe.skipIf(!exists)('search over the real journals', () => {
  let c: Awaited<ReturnType<typeof makeTestCore>>;
  const imported: { id: string; haystack: string }[] = [];

  beforeAll(async () => {
    c = await makeTestCore({ services: { searchAutoStartMs: false } });
    const plan = planImportFromPath(journals);
    for (const e of plan.entries) {
      if (!['daily', 'post', 'weekly', 'meeting', 'paper', 'note'].includes(e.kind)) ensureKind(c.context, e.kind, e.kind);
      let r;
      try {
        r = upsertImportedEntry(c.context, {
          sourceKey: e.sourceKey,
          kind: e.kind,
          date: e.date,
          title: e.title,
          body: e.bodyMarkdown,
          properties: e.properties as Record<string, never>,
          ...(e.time ? { time: e.time } : {}),
        });
      } catch (err) {
        // A second daily note on a date: keep it as a note, as the importer does.
        if ((err as FolioError).code !== 'conflict') throw err;
        r = upsertImportedEntry(c.context, {
          sourceKey: e.sourceKey,
          kind: 'note',
          date: e.date,
          title: e.title,
          body: e.bodyMarkdown,
        });
      }
      const got = getEntry(c.context, r.id)!;
      imported.push({
        id: got.id,
        haystack: `${got.title}\n${markdownToPlainText(got.body)}\n${propertiesToText(got.properties, got.tags)}`,
      });
    }
  }, 60_000);
  afterAll(async () => c?.cleanup());

  async function search(q: string): Promise<SearchResultsDto> {
    const r = await c.dispatch('search:query', { q, mode: 'fts', limit: 200 });
    if (!r.ok) throw FolioError.from(r.error);
    return r.value as SearchResultsDto;
  }

  it('申请 finds exactly the entries containing it', async () => {
    expect(imported.length).toBeGreaterThan(20);
    const expected = imported
      .filter((e) => e.haystack.includes('申请'))
      .map((e) => e.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const r = await search('申请');
    expect(r.results.map((x) => x.id).sort()).toEqual(expected);
    for (const x of r.results) if (x.why.fts?.matchedFields.includes('body')) expect(x.snippet).toContain('<mark>申请</mark>');
  });

  it('other Chinese strings and English words agree with a substring scan', async () => {
    // The most frequent two- and three-character strings, and English words of five letters or more.
    const counts = new Map<string, number>();
    for (const e of imported) {
      const seen = new Set<string>();
      for (const run of e.haystack.match(/[\p{Script=Han}]{2,}/gu) ?? []) {
        for (let i = 0; i + 2 <= run.length; i++) seen.add(run.slice(i, i + 2));
        for (let i = 0; i + 3 <= run.length; i++) seen.add(run.slice(i, i + 3));
      }
      for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const frequent = [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([s]) => s);
    for (const q of frequent) {
      const expected = imported
        .filter((e) => e.haystack.includes(q))
        .map((e) => e.id)
        .sort();
      const got = (await search(q)).results.map((x) => x.id).sort();
      expect(got, q).toEqual(expected.slice(0, 200));
    }
    const words = new Map<string, number>();
    for (const e of imported)
      for (const w of new Set(e.haystack.match(/\b[A-Za-z]{5,}\b/g) ?? []))
        words.set(w.toLowerCase(), (words.get(w.toLowerCase()) ?? 0) + 1);
    const english = [...words.entries()]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([w]) => w);
    for (const w of english) {
      const re = new RegExp(`\\b${w}\\b`, 'i');
      const containing = imported.filter((e) => re.test(e.haystack)).map((e) => e.id);
      const got = new Set((await search(w)).results.map((x) => x.id));
      // Stemming may find more (plurals, -ing forms); it never misses the exact word.
      for (const id of containing) expect(got.has(id), `${w} in ${id}`).toBe(true);
    }
  });
});
