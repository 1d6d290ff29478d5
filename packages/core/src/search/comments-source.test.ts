// Comments in the search index, on a real database: imports, decisions and undo reach the keyword index
// in the same tick (through `comments:changed`); spam and deleted comments are not found; the index check
// repairs what drifted; Related to your own material leaves comments out.
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import type { CommentDecisionDto, CommentDto, CommentImportReportDto } from '../contract/comments';
import { FolioError } from '../contract/errors';
import type { RelatedDto, SearchIndexStatusDto, SearchReindexDto, SearchResultsDto } from '../contract/search';
import { countComments, getComment, iterateComments } from '../comments';
import { createEntry } from '../journal';
import { makeTestCore } from '../testing/core';
import { createTestEmbedder } from './test-embedder';

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;

const open: TestCore[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.cleanup().catch(() => undefined);
});

async function core(services: Services = {}): Promise<TestCore> {
  // No spam model: comments are stored unscored, which is all search needs.
  const c = await makeTestCore({ services: { searchAutoStartMs: false, commentsWatchStartMs: false, ...services } });
  open.push(c);
  return c;
}

async function call<T>(c: TestCore, name: string, payload: unknown): Promise<T> {
  const r = await c.dispatch(name as never, payload as never);
  if (!r.ok) throw FolioError.from(r.error);
  return r.value as T;
}

const search = (c: TestCore, q: string, extra: Record<string, unknown> = {}) =>
  call<SearchResultsDto>(c, 'search:query', { q, mode: 'fts', limit: 200, ...extra });

// Written for this test: a small blog's comments as a Firebase export (page → id → comment).
const BLOG = {
  comments: {
    'sourdough-notes': {
      '-A1': { author: 'Ada', text: 'Your starter tip about rye flour saved my loaf.', timestamp: Date.UTC(2025, 2, 4, 10) },
      '-A2': { author: 'Bot', text: 'Cheap pills and casino bonus, visit now', timestamp: Date.UTC(2025, 2, 5, 10) },
    },
    'bike-repair': {
      '-B1': { text: 'Which chain lube do you use in winter?', timestamp: Date.UTC(2025, 3, 1, 8) },
    },
  },
};

async function importBlog(c: TestCore, data: unknown = BLOG): Promise<CommentImportReportDto> {
  return call<CommentImportReportDto>(c, 'comments:import', { content: JSON.stringify(data), name: 'blog.json' });
}

function byExternal(c: TestCore, externalId: string): CommentDto {
  const row = c.context.store.sqlite.prepare('SELECT id FROM comments WHERE external_id = ?').get(externalId) as { id: string };
  return getComment(c.context, row.id) as CommentDto;
}

describe('comments in search', () => {
  it('an imported comment is found with kind comment: title is author and page, date the day it was written', async () => {
    const c = await core();
    const events: { ids: string[]; action: string }[] = [];
    c.events.on('comments:changed', (e) => events.push(e));
    await importBlog(c);
    const ada = byExternal(c, '-A1');
    expect(events).toEqual([{ ids: expect.arrayContaining([ada.id]) as unknown as string[], action: 'imported' }]);
    expect(events[0]!.ids).toHaveLength(3);

    const r = await search(c, 'rye flour', { kinds: ['comment'] });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({
      kind: 'comment',
      id: ada.id,
      title: 'Ada on sourdough-notes',
      date: '2025-03-04',
      subkind: 'new',
      tags: [],
      isPublic: false,
    });
    expect(r.results[0]!.snippet).toContain('<mark>rye</mark>');
    // Anonymous comments get a title too; the author and page are searchable words.
    expect((await search(c, 'chain lube')).results.map((x) => x.title)).toEqual(['Anonymous on bike-repair']);
    expect((await search(c, 'Ada')).results.map((x) => x.id)).toEqual([ada.id]);
    // Other kinds leave comments out; a date range applies to the day written.
    expect((await search(c, 'rye', { kinds: ['entry', 'paper'] })).results).toEqual([]);
    expect((await search(c, 'rye', { from: '2025-03-05' })).results).toEqual([]);
    const status = await call<SearchIndexStatusDto>(c, 'search:index-status', {});
    expect(status.docs.comment).toBe(3);
  });

  it('marking a comment spam removes it; approve, delete, restore and undo follow in the same tick', async () => {
    const c = await core();
    await importBlog(c);
    const ada = byExternal(c, '-A1');
    const found = async () => (await search(c, 'rye flour', { kinds: ['comment'] })).results.map((x) => x.id);

    const spam = await call<CommentDecisionDto>(c, 'comments:decide', { ids: [ada.id], action: 'spam' });
    expect(await found()).toEqual([]);
    await call(c, 'comments:revert', { items: spam.previous }); // undo: back to new
    expect(await found()).toEqual([ada.id]);

    await call(c, 'comments:decide', { ids: [ada.id], action: 'approve' });
    expect((await search(c, 'rye flour')).results[0]).toMatchObject({ id: ada.id, subkind: 'approved' });
    await call(c, 'comments:decide', { ids: [ada.id], action: 'delete' });
    expect(await found()).toEqual([]);
    await call(c, 'comments:decide', { ids: [ada.id], action: 'restore' });
    expect(await found()).toEqual([ada.id]);
    // `comments:label` by the id on the site is a decision too.
    await call(c, 'comments:label', { id: '-A1', label: 'spam' });
    expect(await found()).toEqual([]);
    const n = c.context.store.sqlite.prepare(`SELECT count(*) AS n FROM search_docs WHERE kind = 'comment'`).get() as {
      n: number;
    };
    expect(n.n).toBe(2);
  });

  it('a re-import with changed text updates the index; comments filed as spam by a label column are never indexed', async () => {
    const c = await core();
    await importBlog(c);
    const edited = structuredClone(BLOG);
    edited.comments['sourdough-notes']['-A1'].text = 'Your starter tip about spelt flour saved my loaf.';
    expect(await importBlog(c, edited)).toMatchObject({ updated: 1 });
    expect((await search(c, 'rye')).results).toEqual([]);
    expect((await search(c, 'spelt')).results.map((x) => x.title)).toEqual(['Ada on sourdough-notes']);

    const csv = 'id,message,verdict\nx1,"Discount watches here, replica sale",spam\nx2,"Lovely photos of the harbour",ham\n';
    await call(c, 'comments:import', { content: csv, name: 'labelled.csv', csv: { labelColumn: 'verdict' } });
    expect((await search(c, 'replica watches')).results).toEqual([]);
    expect((await search(c, 'harbour photos')).results[0]).toMatchObject({ kind: 'comment', subkind: 'approved' });
  });

  it('a big import is indexed at once, in events of at most 1,000 ids', async () => {
    const c = await core();
    const events: number[] = [];
    c.events.on('comments:changed', (e) => events.push(e.ids.length));
    const rows = Array.from({ length: 2300 }, (_, i) => ({
      id: `c${i}`,
      author: `reader${i}`,
      text: `note number ${i} about kayak${i}`,
    }));
    await call(c, 'comments:import', { content: JSON.stringify(rows), name: 'many.json' });
    expect(events).toEqual([1000, 1000, 300]);
    expect((await search(c, 'kayak2299')).results.map((x) => x.title)).toEqual(['reader2299']);
    expect((await call<SearchIndexStatusDto>(c, 'search:index-status', {})).docs.comment).toBe(2300);
    expect(countComments(c.context)).toBe(2300);
    expect(countComments(c.context, { statuses: ['new', 'approved'] })).toBe(2300);
    // The read API pages through every comment once.
    const seen = new Set([...iterateComments(c.context)].map((x) => x.id));
    expect(seen.size).toBe(2300);
  });

  it('the index check adds comments it missed and removes ones that should not be there', async () => {
    const c = await core();
    await importBlog(c);
    const db = c.context.store.sqlite;
    const ada = byExternal(c, '-A1');
    // Drift: a comment's row lost, and a spam comment that slipped in behind the events' back.
    db.prepare(`DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_docs WHERE ref_id = ?)`).run(ada.id);
    db.prepare(`DELETE FROM search_docs WHERE ref_id = ?`).run(ada.id);
    const bot = byExternal(c, '-A2');
    db.prepare(`UPDATE comments SET status = 'spam', label = 'spam' WHERE id = ?`).run(bot.id);
    const r = await call<SearchReindexDto>(c, 'search:reindex', {});
    expect(r).toMatchObject({ updated: 1, removed: 1 });
    expect((await search(c, 'rye')).results.map((x) => x.id)).toEqual([ada.id]);
    expect((await search(c, 'casino')).results).toEqual([]);
  });

  it('Related to an entry leaves comments out (they are found by search)', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    const mine = createEntry(c.context, {
      kind: 'post',
      templateId: null,
      date: '2025-03-01',
      isPublic: false,
      title: 'Baking',
      body: 'My sourdough starter likes rye flour and a warm loaf tin.',
    });
    const other = createEntry(c.context, {
      kind: 'post',
      templateId: null,
      date: '2025-03-02',
      isPublic: false,
      title: 'Bread',
      body: 'Rye flour makes the starter lively.',
    });
    await importBlog(c);
    await call(c, 'search:wait-index', {});
    const rel = await call<RelatedDto>(c, 'search:related', { kind: 'entry', id: mine.id });
    expect(rel.items.map((i) => i.id)).toEqual([other.id]);
    // Semantic search still finds the comment.
    const v = await call<SearchResultsDto>(c, 'search:query', { q: 'rye flour starter', mode: 'vector', kinds: ['comment'] });
    expect(v.results[0]).toMatchObject({ kind: 'comment', id: byExternal(c, '-A1').id });
  });
});
