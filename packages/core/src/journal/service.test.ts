// The journal's service API as other domains use it (io import/export, search, papers, stamps).
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../app/create-core';
import { migrationsFolder } from '../paths';
import { makeTestCore } from '../testing/core';
import {
  backlinks,
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
  restoreEntry,
  trashEntry,
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
    expect(e).toMatchObject({
      title: 'Hello world',
      createdAt: '2019-03-04T02:30:00.000Z',
      tags: ['blog'],
      sourceKey: input.sourceKey,
      pristine: false,
    });
    expect(upsertImportedEntry(c, input)).toEqual({ id: a.id, action: 'unchanged' });
    const b = upsertImportedEntry(c, { ...input, body: 'First post, edited. #blog' });
    expect(b).toEqual({ id: a.id, action: 'updated' });
    expect(getEntry(c, a.id)!.revision).toBe(2);
    expect(
      c.store.sqlite.prepare(`SELECT reason, body FROM entry_revisions WHERE entry_id = ? ORDER BY revision`).all(a.id),
    ).toEqual([
      { reason: 'import', body: 'First post. #blog' },
      { reason: 'import', body: 'First post, edited. #blog' },
    ]);
    expect(upsertImportedEntry(c, { ...input, body: 'x' }, { onExisting: 'skip' })).toEqual({
      id: a.id,
      action: 'skipped',
      reason: 'kept',
    });
  });

  it('imports a daily note over a template-fresh one, but not over one that was written in', async () => {
    const c = await ctx();
    const fresh = getOrCreateToday(c, { date: '2026-11-20' });
    const r = upsertImportedEntry(c, {
      sourceKey: 'obsidian:2026-11-20.md',
      kind: 'daily',
      date: '2026-11-20',
      body: 'Imported day',
    });
    expect(r).toEqual({ id: fresh.id, action: 'created' });
    expect(getEntry(c, fresh.id)!.body).toBe('Imported day');
    const written = getOrCreateToday(c, { date: '2026-11-21' });
    saveEntry(c, { id: written.id, baseRevision: written.revision, body: 'I wrote this' });
    expect(() =>
      upsertImportedEntry(c, { sourceKey: 'obsidian:2026-11-21.md', kind: 'daily', date: '2026-11-21', body: 'Other' }),
    ).toThrow(expect.objectContaining({ code: 'conflict', details: expect.objectContaining({ existingId: written.id }) }));
    expect(() => upsertImportedEntry(c, { sourceKey: 'x', kind: 'book', date: '2026-11-21', body: '' })).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    ensureKind(c, 'book', 'Book notes');
    expect(upsertImportedEntry(c, { sourceKey: 'x', kind: 'book', date: '2026-11-21', body: '' }).action).toBe('created');
  });

  it('iterates every entry in batches and reports activity per day and kind', async () => {
    const c = await ctx();
    for (let i = 0; i < 25; i++) {
      createEntry(c, {
        kind: i % 5 === 0 ? 'weekly' : 'post',
        date: `2026-10-${String((i % 20) + 1).padStart(2, '0')}`,
        title: `E${i}`,
        body: 'one two three',
        templateId: null,
      });
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
      search: (q) =>
        papers
          .filter((p) => p.title.toLowerCase().includes(q.toLowerCase()))
          .map((p) => ({ kind: 'paper' as const, id: p.id, title: p.title, detail: 'Vaswani et al. 2017' })),
      resolve: (key) => papers.find((p) => p.title.toLowerCase() === key)?.id ?? null,
    });
    expect(refreshLinks(c)).toBe(1);
    expect(c.store.sqlite.prepare(`SELECT target_paper_id FROM entry_links WHERE from_entry_id = ?`).get(note.id)).toEqual({
      target_paper_id: 'paper-1',
    });
    createEntry(c, { kind: 'paper', title: 'Attention notes' });
    expect(titles(c, 'attention').map((h) => [h.kind, h.title])).toEqual([
      ['entry', 'Attention notes'],
      ['paper', 'Attention Is All You Need'],
    ]);
    expect(titles(c, 'attention', 10, ['entry']).map((h) => h.kind)).toEqual(['entry']);
  });

  it('[[links]] resolve by an entry’s aliases property too, before or after it exists, and follow trash and edits', async () => {
    const c = await ctx();
    const target = (id: string) =>
      (
        c.store.sqlite
          .prepare(`SELECT target_entry_id AS t FROM entry_links WHERE from_entry_id = ? ORDER BY position`)
          .all(id) as { t: string | null }[]
      ).map((r) => r.t);
    const early = createEntry(c, { kind: 'note', title: 'Early', body: 'See [[Project Alpha]] and [[PA]].' });
    expect(target(early.id)).toEqual([null, null]);
    const plan = createEntry(c, {
      kind: 'note',
      title: 'Alpha project plan',
      body: 'Plan.',
      properties: { aliases: ['Project Alpha', '[[PA]]'] },
    });
    // Written before the entry existed: re-resolved when it arrived.
    expect(target(early.id)).toEqual([plan.id, plan.id]);
    const later = createEntry(c, { kind: 'note', title: 'Later', body: 'Back to [[project alpha]].' });
    expect(target(later.id)).toEqual([plan.id]);
    expect(
      backlinks(c, plan.id)
        .linked.map((l) => l.entry.id)
        .sort(),
    ).toEqual([early.id, later.id].sort());
    // A title wins over another entry's alias.
    const titled = createEntry(c, { kind: 'note', title: 'PA', body: '' });
    expect(target(early.id)).toEqual([plan.id, titled.id]);
    trashEntry(c, titled.id);
    expect(target(early.id)).toEqual([plan.id, plan.id]);
    trashEntry(c, plan.id);
    expect(target(early.id)).toEqual([null, null]);
    restoreEntry(c, plan.id);
    expect(target(early.id)).toEqual([plan.id, plan.id]);
    // Editing the aliases away unlinks; a single string alias (Obsidian's older `alias:`) works too.
    const fresh = getEntry(c, plan.id)!;
    const saved = saveEntry(c, { id: plan.id, baseRevision: fresh.revision, properties: { alias: 'PA' }, mode: 'save' });
    expect(target(early.id)).toEqual([null, plan.id]);
    saveEntry(c, { id: plan.id, baseRevision: saved.revision, properties: {}, mode: 'save' });
    expect(target(early.id)).toEqual([null, null]);
  });

  it('indexes the aliases of entries written before the alias table existed, once, when the journal opens', async () => {
    const first = await makeTestCore();
    const c = first.context;
    const plan = createEntry(c, { kind: 'note', title: 'Alpha project plan', properties: { aliases: ['Project Alpha'] } });
    const note = createEntry(c, { kind: 'note', title: 'Note', body: '[[Project Alpha]]' });
    // As a database migrated to 0014 looks: the table is there, empty; the link unresolved.
    c.store.sqlite.exec(`DELETE FROM entry_aliases; UPDATE entry_links SET target_entry_id = NULL`);
    await first.close();
    const again = await createCore({ dataDir: first.dataDir, migrationsFolder: migrationsFolder(), appVersion: '0.0.0-test' });
    cleanup = async () => {
      await again.close();
      await first.cleanup();
    };
    expect(getEntry(again.context, note.id)!.title).toBe('Note');
    expect(
      again.context.store.sqlite.prepare(`SELECT target_entry_id AS t FROM entry_links WHERE from_entry_id = ?`).get(note.id),
    ).toEqual({ t: plan.id });
  });
});
