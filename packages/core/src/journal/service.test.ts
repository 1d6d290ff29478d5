// The journal's service API as other domains use it (io import/export, search, papers, stamps).
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore } from '../testing/core';
import {
  createEntry,
  entryActivity,
  getEntry,
  getOrCreateToday,
  iterateAllEntries,
  refreshLinks,
  registerTitleProvider,
  saveEntry,
  titles,
  upsertImportedEntry,
  ensureKind,
} from './index';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function ctx() {
  const c = await makeTestCore({ now: () => new Date('2026-11-25T09:00:00.000Z') });
  cleanup = c.cleanup;
  return c.context;
}

describe('journal service API', () => {
  it('upsertImportedEntry is idempotent by sourceKey and never loses the previous text', async () => {
    const c = await ctx();
    const input = {
      sourceKey: 'hexo:source/_posts/hello.md',
      kind: 'post',
      title: 'Hello | world',
      date: '2019-03-04',
      time: '10:30',
      body: 'First post. #blog',
      properties: { categories: ['life'] },
      createdAt: '2019-03-04T02:30:00.000Z',
    };
    const a = upsertImportedEntry(c, input);
    expect(a.action).toBe('created');
    const e = getEntry(c, a.id)!;
    expect(e).toMatchObject({ title: 'Hello world', createdAt: '2019-03-04T02:30:00.000Z', tags: ['blog'], sourceKey: input.sourceKey, pristine: false });
    expect(upsertImportedEntry(c, input)).toEqual({ id: a.id, action: 'unchanged' });
    const b = upsertImportedEntry(c, { ...input, body: 'First post, edited. #blog' });
    expect(b).toEqual({ id: a.id, action: 'updated' });
    expect(getEntry(c, a.id)!.revision).toBe(2);
    expect(c.store.sqlite.prepare(`SELECT reason, body FROM entry_revisions WHERE entry_id = ? ORDER BY revision`).all(a.id)).toEqual([
      { reason: 'import', body: 'First post. #blog' },
      { reason: 'import', body: 'First post, edited. #blog' },
    ]);
    expect(upsertImportedEntry(c, { ...input, body: 'x' }, { onExisting: 'skip' })).toEqual({ id: a.id, action: 'skipped', reason: 'kept' });
  });

  it('imports a daily note over a template-fresh one, but not over one that was written in', async () => {
    const c = await ctx();
    const fresh = getOrCreateToday(c, { date: '2026-11-20' });
    const r = upsertImportedEntry(c, { sourceKey: 'obsidian:2026-11-20.md', kind: 'daily', date: '2026-11-20', body: 'Imported day' });
    expect(r).toEqual({ id: fresh.id, action: 'created' });
    expect(getEntry(c, fresh.id)!.body).toBe('Imported day');
    const written = getOrCreateToday(c, { date: '2026-11-21' });
    saveEntry(c, { id: written.id, baseRevision: written.revision, body: 'I wrote this' });
    expect(() => upsertImportedEntry(c, { sourceKey: 'obsidian:2026-11-21.md', kind: 'daily', date: '2026-11-21', body: 'Other' })).toThrow(
      expect.objectContaining({ code: 'conflict', details: expect.objectContaining({ existingId: written.id }) }),
    );
    expect(() => upsertImportedEntry(c, { sourceKey: 'x', kind: 'book', date: '2026-11-21', body: '' })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    ensureKind(c, 'book', 'Book notes');
    expect(upsertImportedEntry(c, { sourceKey: 'x', kind: 'book', date: '2026-11-21', body: '' }).action).toBe('created');
  });

  it('iterates every entry in batches and reports activity per day and kind', async () => {
    const c = await ctx();
    for (let i = 0; i < 25; i++) {
      createEntry(c, { kind: i % 5 === 0 ? 'weekly' : 'post', date: `2026-10-${String((i % 20) + 1).padStart(2, '0')}`, title: `E${i}`, body: 'one two three', templateId: null });
    }
    getOrCreateToday(c, { date: '2026-10-02' }); // template-fresh: not activity
    const all = [...iterateAllEntries(c, { batchSize: 7 })];
    expect(all.length).toBe(26);
    expect(new Set(all.map((e) => e.id)).size).toBe(26);
    expect(all.map((e) => e.date)).toEqual([...all.map((e) => e.date)].sort());
    const act = entryActivity(c, '2026-10-01', '2026-10-02');
    expect(act).toEqual([
      { date: '2026-10-01', kind: 'weekly', count: 2, words: 6 },
      { date: '2026-10-02', kind: 'post', count: 2, words: 6 },
    ]);
  });

  it('papers can add titles and link targets through a provider', async () => {
    const c = await ctx();
    const note = createEntry(c, { kind: 'post', title: 'Reading', body: 'Today: [[Attention Is All You Need]].' });
    const papers = [{ id: 'paper-1', title: 'Attention Is All You Need' }];
    registerTitleProvider(c, {
      kind: 'paper',
      search: (q) => papers.filter((p) => p.title.toLowerCase().includes(q.toLowerCase())).map((p) => ({ kind: 'paper' as const, id: p.id, title: p.title, detail: 'Vaswani et al. 2017' })),
      resolve: (key) => papers.find((p) => p.title.toLowerCase() === key)?.id ?? null,
    });
    expect(refreshLinks(c)).toBe(1);
    expect(c.store.sqlite.prepare(`SELECT target_paper_id FROM entry_links WHERE from_entry_id = ?`).get(note.id)).toEqual({ target_paper_id: 'paper-1' });
    createEntry(c, { kind: 'paper', title: 'Attention notes' });
    expect(titles(c, 'attention').map((h) => [h.kind, h.title])).toEqual([
      ['entry', 'Attention notes'],
      ['paper', 'Attention Is All You Need'],
    ]);
    expect(titles(c, 'attention', 10, ['entry']).map((h) => h.kind)).toEqual(['entry']);
  });
});
