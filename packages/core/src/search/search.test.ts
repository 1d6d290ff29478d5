// The search domain on a real database (makeTestCore): keyword index kept in step with the journal,
// bilingual queries, filters, snippets, vectors in the background, restarts and a missing model.
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../app/services';
import { FolioError } from '../contract/errors';
import type { EntryDto } from '../contract/journal';
import type { SearchResultsDto } from '../contract/search';
import { createEntry, markdownToPlainText, purgeEntries, restoreEntry, saveEntry, trashEntry } from '../journal';
import { makeTestCore } from '../testing/core';
import { makeTempDir } from '../testing/temp-dir';
import { reciprocalRankFusion } from './query';
import { DEFERRED_SYNC_MS } from './service';
import { createTestEmbedder } from './test-embedder';

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;

const open: TestCore[] = [];
const temps: { cleanup(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close().catch(() => undefined);
  for (const t of temps.splice(0)) t.cleanup();
});

async function core(services: Services = {}, dataDir?: string): Promise<TestCore> {
  const c = await makeTestCore({
    services: { searchAutoStartMs: false, ...services },
    now: () => new Date('2026-11-25T09:00:00.000Z'),
    ...(dataDir ? { dataDir } : {}),
  });
  open.push(c);
  return c;
}

async function search(c: TestCore, q: string, extra: Record<string, unknown> = {}): Promise<SearchResultsDto> {
  const r = await c.dispatch('search:query', { q, mode: 'fts', limit: 200, ...extra });
  if (!r.ok) throw FolioError.from(r.error);
  return r.value as SearchResultsDto;
}

const ids = (r: SearchResultsDto) => r.results.map((x) => x.id).sort();

function call<T>(c: TestCore, name: string, payload: unknown): Promise<T> {
  return c.dispatch(name as never, payload as never).then((r) => {
    if (!r.ok) throw FolioError.from(r.error);
    return r.value as T;
  });
}

function add(
  c: TestCore,
  e: {
    title?: string;
    body: string;
    date?: string;
    kind?: string;
    isPublic?: boolean;
    properties?: Record<string, string | string[]>;
  },
): EntryDto {
  return createEntry(c.context, {
    kind: e.kind ?? 'post',
    templateId: null,
    date: e.date ?? '2024-05-01',
    isPublic: false,
    ...e,
  });
}

const CORPUS: Parameters<typeof add>[1][] = [
  { title: '11/09', body: '马上就要申请了，但是笔者却似乎在逃避。申请材料还没准备。', date: '2019-11-09', kind: 'daily' },
  { title: '10/21', body: 'MLsys 告一段落了，第一个自己做的项目结束了。', date: '2019-10-21', kind: 'daily' },
  { title: 'MLsys deadline', body: 'Finished the MLsys submission. 申请 season starts now.', date: '2019-10-25' },
  { title: '申请季', body: 'Only the title has it.', date: '2019-12-01' },
  { title: 'Plans', body: 'Nothing here.', properties: { topic: '博士申请' }, date: '2019-12-02' },
  { title: 'Piano', body: 'Played piano at a church. 申 is one character; 请 is another.', date: '2020-01-03', isPublic: true },
  { title: 'Reading list', body: 'I read three papers today about mixture-of-experts models. #reading', date: '2020-02-01' },
  {
    title: 'Machine learning notes',
    body: 'Learning rate schedules; the paper was good. #ml/optim',
    date: '2020-03-01',
    kind: 'note',
  },
  { title: 'Unrelated', body: 'Groceries: milk, eggs, bread.', date: '2020-04-01' },
  { title: 'Separate', body: '申。请材料分开', date: '2020-05-01' },
];

describe('keyword search (FTS5)', () => {
  it('a two-character Chinese query finds exactly the entries containing it, in titles, bodies and properties', async () => {
    const c = await core();
    const made = CORPUS.map((e) => add(c, e));
    const r = await search(c, '申请');
    const expected = made
      .filter((e) => `${e.title}\n${markdownToPlainText(e.body)}\n${JSON.stringify(e.properties)}`.includes('申请'))
      .map((e) => e.id)
      .sort();
    expect(expected).toHaveLength(4);
    expect(ids(r)).toEqual(expected);
    expect(r.total).toBe(4);
    expect(r.mode).toBe('fts');
    for (const x of r.results) expect(x.kind).toBe('entry');
    const titleOnly = r.results.find((x) => x.title === '申请季')!;
    expect(titleOnly.why.fts?.matchedFields).toEqual(['title']);
    const propOnly = r.results.find((x) => x.title === 'Plans')!;
    expect(propOnly.why.fts?.matchedFields).toEqual(['tags']);
    expect(propOnly.snippet).toContain('<mark>申请</mark>');
  });

  it('stems English (paper finds papers) and marks the words in the snippet', async () => {
    const c = await core();
    const made = CORPUS.map((e) => add(c, e));
    const r = await search(c, 'paper');
    expect(ids(r)).toEqual([made[6]!.id, made[7]!.id].sort());
    const reading = r.results.find((x) => x.title === 'Reading list')!;
    expect(reading.snippet).toContain('<mark>papers</mark>');
    expect(reading.date).toBe('2020-02-01');
    expect(reading.score).toBeGreaterThan(0);
  });

  it('escapes HTML in snippets and keeps only <mark>', async () => {
    const c = await core();
    add(c, { title: 'Markup', body: 'An <img src=x onerror=alert(1)> tag & a "quoted" word next to the needle here.' });
    const r = await search(c, 'needle');
    const s = r.results[0]!.snippet;
    expect(s).toContain('<mark>needle</mark>');
    expect(s.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(s).toContain('&quot;quoted&quot;');
  });

  it('filters by kind, entry kind, tag, date range and public', async () => {
    const c = await core();
    CORPUS.forEach((e) => add(c, e));
    const title = (r: SearchResultsDto) => r.results.map((x) => x.title).sort();
    expect(title(await search(c, '申请', { entryKinds: ['daily'] }))).toEqual(['11/09']);
    expect(title(await search(c, '申请', { from: '2019-10-22', to: '2019-12-01' }))).toEqual([
      '11/09',
      'MLsys deadline',
      '申请季',
    ]);
    expect(title(await search(c, '申', { public: true }))).toEqual(['Piano']);
    expect(title(await search(c, 'paper', { tags: ['ml'] }))).toEqual(['Machine learning notes']); // series: ml matches ml/optim
    expect(title(await search(c, 'paper', { tags: ['#reading'] }))).toEqual(['Reading list']);
    expect(title(await search(c, 'paper', { kinds: ['paper'] }))).toEqual([]);
    expect(title(await search(c, 'paper', { kinds: ['entry'] }))).toEqual(['Machine learning notes', 'Reading list']);
    const bad = await c.dispatch('search:query', { q: 'x', from: '2020-02-01', to: '2020-01-01' });
    expect(bad.ok).toBe(false);
  });

  it('ranks title matches above body mentions (bm25) and pages with offset', async () => {
    const c = await core();
    add(c, { title: 'Weekly notes', body: 'A passing mention of transformers among many other words about the week.' });
    add(c, { title: 'Transformers', body: 'All about attention.' });
    add(c, { title: 'Notes', body: 'Transformers, transformers and more transformers.' });
    const r = await search(c, 'transformer');
    expect(r.results.map((x) => x.title)).toEqual(['Transformers', 'Notes', 'Weekly notes']);
    expect(r.results.map((x) => x.why.fts!.rank)).toEqual([1, 2, 3]);
    const page2 = await search(c, 'transformer', { limit: 1, offset: 1 });
    expect(page2.results.map((x) => x.title)).toEqual(['Notes']);
    expect(page2.total).toBe(3);
  });

  it('relaxes a long query nobody matches in full, and says so', async () => {
    const c = await core();
    add(c, { title: 'Bread', body: 'My sourdough starter died over the holidays.' });
    add(c, { title: 'Run', body: 'Morning run by the river.' });
    const r = await search(c, 'what happened to the sourdough I was keeping alive');
    expect(r.relaxed).toBe(true);
    expect(r.note).toMatch(/some of them/);
    expect(r.results.map((x) => x.title)).toEqual(['Bread']);
    expect(r.results[0]!.why.fts!.partial).toBe(true);
    const two = await search(c, 'sourdough river');
    expect(two.relaxed).toBe(true);
    expect(two.results.map((x) => x.title).sort()).toEqual(['Bread', 'Run']);
    expect((await search(c, 'sourdough starter')).relaxed).toBeUndefined();
  });

  it('never fails on hostile queries', async () => {
    const c = await core();
    CORPUS.forEach((e) => add(c, e));
    for (const q of ['"', '(', 'NEAR(a b)', '*', '-', "'; DROP TABLE search_docs; --", '申请"', 'title:', '🙂', '']) {
      const r = await search(c, q);
      expect(Array.isArray(r.results)).toBe(true);
    }
  });

  it('follows edits, trash, restore and purge before any read of the index', async () => {
    const c = await core();
    const e = add(c, { title: 'Draft', body: 'about zebras' });
    expect(ids(await search(c, 'zebra'))).toEqual([e.id]);
    const saved = saveEntry(c.context, { id: e.id, baseRevision: e.revision, body: 'about giraffes', mode: 'save' });
    expect(ids(await search(c, 'zebra'))).toEqual([]);
    expect(ids(await search(c, 'giraffe'))).toEqual([e.id]);
    trashEntry(c.context, e.id);
    expect(ids(await search(c, 'giraffe'))).toEqual([]);
    const docs = () => c.context.store.sqlite.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number };
    expect(docs().n).toBe(0);
    restoreEntry(c.context, e.id);
    expect(ids(await search(c, 'giraffe'))).toEqual([e.id]);
    trashEntry(c.context, e.id);
    purgeEntries(c.context, [e.id]);
    await call(c, 'search:index-status', {});
    expect(docs().n).toBe(0);
    expect(saved.id).toBe(e.id);
  });

  it('a loop writing many entries leaves at most a short queue behind', async () => {
    const c = await core();
    const docs = () => (c.context.store.sqlite.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
    for (let i = 0; i < 150; i++) add(c, { title: `Note ${i}`, body: `note number ${i}` });
    expect(docs()).toBeGreaterThanOrEqual(150 - 64);
    expect(docs()).toBeLessThan(150);
    await call(c, 'search:index-status', {});
    expect(docs()).toBe(150);
  });

  it('indexes a save a moment after it answered, once for a burst of autosaves, and before the core closes', async () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const c = await core({}, tmp.dir);
    const db = c.context.store.sqlite;
    const text = (id: string) =>
      (db.prepare(`SELECT text FROM search_docs WHERE ref_id = ?`).get(id) as { text: string } | undefined)?.text;
    const e = add(c, { title: 'Draft', body: 'about zebras' });
    expect(text(e.id)).toBeUndefined(); // a create outside a transaction is queued too…
    await call(c, 'search:index-status', {}); // …and any read of the index indexes it first
    expect(text(e.id)).toBe('about zebras');
    let rev = e.revision;
    for (const word of ['okapis', 'tapirs', 'giraffes']) {
      rev = saveEntry(c.context, { id: e.id, baseRevision: rev, body: `about ${word}` }).revision;
    }
    // The save answered before the index was written…
    expect(text(e.id)).toBe('about zebras');
    // …which happens without anyone reading the index, with the last text of the burst.
    await new Promise((resolve) => setTimeout(resolve, DEFERRED_SYNC_MS + 100));
    expect(text(e.id)).toBe('about giraffes');
    // A save right before closing is indexed by the close (the next open does not check: autoStartMs false).
    saveEntry(c.context, { id: e.id, baseRevision: rev, body: 'about pangolins', mode: 'save' });
    await c.close();
    const again = await core({}, tmp.dir);
    expect(ids(await search(again, 'pangolin'))).toEqual([e.id]);
    expect(ids(await search(again, 'giraffe'))).toEqual([]);
  });

  it('reindex is idempotent and repairs an index that drifted', async () => {
    const c = await core();
    const made = CORPUS.map((e) => add(c, e));
    const first = await call<{ updated: number; unchanged: number; removed: number }>(c, 'search:reindex', {});
    expect(first).toMatchObject({ updated: 0, removed: 0, unchanged: made.length });
    const db = c.context.store.sqlite;
    // Break it behind its back: drop one item, corrupt another's hash, add a stray one.
    const victim = db.prepare(`SELECT id FROM search_docs WHERE ref_id = ?`).get(made[0]!.id) as { id: number };
    db.prepare('DELETE FROM search_fts WHERE rowid = ?').run(victim.id);
    db.prepare('DELETE FROM search_docs WHERE id = ?').run(victim.id);
    db.prepare(`UPDATE search_docs SET source_hash = 'x' WHERE ref_id = ?`).run(made[1]!.id);
    db.prepare(
      `INSERT INTO search_docs (kind, ref_id, title, source_hash, indexed_at) VALUES ('entry', 'ghost', 'Ghost', 'h', '2000-01-01')`,
    ).run();
    const fixed = await call<{ updated: number; unchanged: number; removed: number }>(c, 'search:reindex', {});
    expect(fixed).toMatchObject({ updated: 2, removed: 1, unchanged: made.length - 2 });
    expect(ids(await search(c, '申请'))).toContain(made[0]!.id);
    expect((await call<{ updated: number }>(c, 'search:reindex', {})).updated).toBe(0);
  });

  it('an index left behind by another build is rebuilt before the first query', async () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const a = await core({}, tmp.dir);
    const made = CORPUS.map((e) => add(a, e));
    a.context.store.sqlite.exec('DELETE FROM search_fts; DELETE FROM search_chunks; DELETE FROM search_docs;');
    await a.close();
    open.splice(open.indexOf(a), 1);
    const b = await core({}, tmp.dir);
    const r = await search(b, '申请');
    expect(r.results).toHaveLength(4);
    expect(r.results.map((x) => x.id)).toContain(made[0]!.id);
  });
});

describe('vector index and hybrid search', () => {
  const BODY = (topic: string) =>
    `# ${topic}\n\nFirst paragraph about ${topic} and its many properties.\n\n## Details\n\nSecond paragraph with more ${topic} details and a detour.`;

  it('embeds passages in the background, and a restart never re-embeds unchanged text', async () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const emb1 = createTestEmbedder();
    const a = await core({ embedder: async () => emb1 }, tmp.dir);
    const e1 = add(a, { title: 'Volcanoes', body: BODY('volcano') });
    add(a, { title: 'Oceans', body: BODY('ocean') });
    add(a, { title: '中文', body: '只有中文的内容。' });
    const done = await call<{ complete: boolean; chunks: { pending: number; total: number; empty: number } }>(
      a,
      'search:wait-index',
      {},
    );
    expect(done.complete).toBe(true);
    expect(done.chunks.pending).toBe(0);
    expect(done.chunks.empty).toBe(1); // the Chinese-only passage: nothing for the model, found by keywords
    const firstRun = emb1.texts.length;
    expect(firstRun).toBe(done.chunks.total);
    const vecRows = () => (a.context.store.sqlite.prepare('SELECT count(*) AS n FROM search_vec').get() as { n: number }).n;
    expect(vecRows()).toBe(done.chunks.total - 1);
    await a.close();
    open.splice(open.indexOf(a), 1);

    const emb2 = createTestEmbedder();
    const b = await core({ embedder: async () => emb2 }, tmp.dir);
    await call(b, 'search:wait-index', {});
    expect(emb2.texts).toEqual([]);
    // Editing one paragraph re-embeds that passage only.
    const cur = (await call<EntryDto>(b, 'journal:get', { id: e1.id }))!;
    saveEntry(b.context, {
      id: e1.id,
      baseRevision: cur.revision,
      body: cur.body.replace('a detour', 'a lava flow'),
      mode: 'save',
    });
    await call(b, 'search:wait-index', {});
    expect(emb2.texts).toHaveLength(1);
    expect(emb2.texts[0]).toContain('lava flow');
    expect(emb2.texts[0]).toMatch(/^Volcanoes — Details\n/);
  });

  it('deleting an entry removes its vectors', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    const e = add(c, { title: 'Volcanoes', body: BODY('volcano') });
    add(c, { title: 'Oceans', body: BODY('ocean') });
    await call(c, 'search:wait-index', {});
    const db = c.context.store.sqlite;
    const vec = () => (db.prepare('SELECT count(*) AS n FROM search_vec').get() as { n: number }).n;
    const before = vec();
    const own = (
      db
        .prepare(`SELECT count(*) AS n FROM search_chunks c JOIN search_docs d ON d.id = c.doc_id WHERE d.ref_id = ?`)
        .get(e.id) as { n: number }
    ).n;
    expect(own).toBeGreaterThan(0);
    trashEntry(c.context, e.id);
    await call(c, 'search:index-status', {});
    expect(vec()).toBe(before - own);
    expect((db.prepare('SELECT count(*) AS n FROM search_chunks').get() as { n: number }).n).toBe(before - own);
  });

  it('hybrid fuses keyword and vector rankings, says why each result matched, and vector finds paraphrases', async () => {
    const emb = createTestEmbedder({ synonyms: { automobile: 'car', vehicle: 'car' } });
    const c = await core({ embedder: async () => emb });
    add(c, { title: 'Garage', body: 'The car needs new tyres before winter.' });
    add(c, { title: 'Commute', body: 'Took the train; the automobile stayed home.' });
    add(c, { title: 'Cooking', body: 'Made soup with leeks.' });
    await call(c, 'search:wait-index', {});
    const fts = await call<SearchResultsDto>(c, 'search:query', { q: 'vehicle', mode: 'fts' });
    expect(fts.results).toEqual([]);
    const vec = await call<SearchResultsDto>(c, 'search:query', { q: 'vehicle', mode: 'vector' });
    expect(vec.mode).toBe('vector');
    expect(
      vec.results
        .slice(0, 2)
        .map((r) => r.title)
        .sort(),
    ).toEqual(['Commute', 'Garage']);
    expect(vec.results[0]!.why.vector!.similarity).toBeGreaterThan(0.3);
    const hybrid = await call<SearchResultsDto>(c, 'search:query', { q: 'car' });
    expect(hybrid.mode).toBe('hybrid'); // the default once the model is ready
    const top = hybrid.results[0]!;
    expect(top.title).toBe('Garage');
    expect(top.why.fts?.rank).toBe(1);
    expect(top.why.vector?.rank).toBeGreaterThanOrEqual(1);
    expect(top.snippet).toContain('<mark>car</mark>');
    const commute = hybrid.results.find((r) => r.title === 'Commute')!;
    expect(commute.why.fts).toBeUndefined();
    expect(commute.why.vector?.excerpt).toContain('automobile');
    // Scores follow RRF exactly.
    expect(top.score).toBeCloseTo(1 / 61 + 1 / (60 + top.why.vector!.rank), 10);
  });

  it('a Chinese query in hybrid mode is answered by keywords (the model reads English)', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    CORPUS.forEach((e) => add(c, e));
    await call(c, 'search:wait-index', {});
    const r = await call<SearchResultsDto>(c, 'search:query', { q: '申请', mode: 'hybrid', limit: 50 });
    expect(r.mode).toBe('fts');
    expect(r.results).toHaveLength(4);
  });

  it('related items and "you wrote about this before"', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    const a = add(c, { title: 'Volcano trip', body: 'We hiked up the volcano and saw lava and ash.' });
    const b = add(c, { title: 'Lava lamp', body: 'Lava and ash, the volcano documentary.' });
    add(c, { title: 'Taxes', body: 'Filed the tax return.' });
    await call(c, 'search:wait-index', {});
    const rel = await call<{ items: { id: string; score: number }[]; state: string }>(c, 'search:related', {
      kind: 'entry',
      id: a.id,
    });
    expect(rel.state).toBe('ok');
    expect(rel.items[0]!.id).toBe(b.id);
    expect(rel.items.map((i) => i.id)).not.toContain(a.id);
    const hint = await call<{ items: { id: string }[] }>(c, 'search:similar-text', {
      text: 'thinking about the volcano lava again',
      excludeId: a.id,
      minScore: 0.2,
    });
    expect(hint.items.map((i) => i.id)).toEqual([b.id]);
    await expect(call(c, 'search:related', { kind: 'entry', id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a new model version re-embeds everything; the vector table takes its dimension', async () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const a = await core({ embedder: async () => createTestEmbedder({ dim: 32, version: 'v1' }) }, tmp.dir);
    add(a, { title: 'One', body: 'alpha beta' });
    await call(a, 'search:wait-index', {});
    await a.close();
    open.splice(open.indexOf(a), 1);
    const emb = createTestEmbedder({ dim: 48, version: 'v2' });
    const b = await core({ embedder: async () => emb }, tmp.dir);
    const s = await call<{ embedder: { dim: number } }>(b, 'search:wait-index', {});
    expect(emb.texts).toHaveLength(1);
    expect(s.embedder.dim).toBe(48);
    const r = await call<SearchResultsDto>(b, 'search:query', { q: 'alpha', mode: 'vector' });
    expect(r.results[0]!.title).toBe('One');
  });

  it('a missing model: keyword search works, vector and hybrid fall back with a note, status says why', async () => {
    const message = 'The embedding model is not installed (model not found at /x/embedder.onnx).';
    const c = await core({
      embedder: () => Promise.reject(new FolioError('model_unavailable', message)),
    });
    CORPUS.forEach((e) => add(c, e));
    for (const mode of ['vector', 'hybrid'] as const) {
      const r = await call<SearchResultsDto>(c, 'search:query', { q: 'paper', mode, limit: 50 });
      expect(r.mode).toBe('fts');
      expect(r.requestedMode).toBe(mode);
      expect(r.note).toContain(message);
      expect(r.results.map((x) => x.title).sort()).toEqual(['Machine learning notes', 'Reading list']);
    }
    const s = await call<{ embedder: { state: string; message: string }; complete: boolean }>(c, 'search:wait-index', {});
    expect(s.complete).toBe(false);
    expect(s.embedder).toMatchObject({ state: 'unavailable', message });
    const rel = await call<{ state: string; note: string }>(c, 'search:related', { kind: 'entry', id: 'x' });
    expect(rel.state).toBe('unavailable');
  });

  it('the app stays usable while indexing: writes during an embedding batch are not lost or mis-stored', async () => {
    const inner = createTestEmbedder();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const slow = {
      dim: inner.dim,
      version: inner.version,
      async embed(texts: string[]) {
        if (first) {
          first = false;
          await gate;
        }
        return inner.embed(texts);
      },
    };
    const c = await core({ embedder: async () => slow });
    const e = add(c, { title: 'Moving', body: 'original words here' });
    const waiting = call<{ complete: boolean }>(c, 'search:wait-index', {});
    await new Promise((r) => setTimeout(r, 20));
    // While the first batch is being embedded: keyword search answers, and the text changes.
    expect(ids(await search(c, 'original'))).toEqual([e.id]);
    saveEntry(c.context, { id: e.id, baseRevision: e.revision, body: 'replacement words there', mode: 'save' });
    release();
    expect((await waiting).complete).toBe(true);
    const texts = inner.texts.join('\n');
    expect(texts).toContain('replacement');
    const db = c.context.store.sqlite;
    expect((db.prepare('SELECT count(*) AS n FROM search_chunks WHERE state = 1').get() as { n: number }).n).toBe(1);
    expect((db.prepare('SELECT count(*) AS n FROM search_vec').get() as { n: number }).n).toBe(1);
  });
});

describe('vectors in memory stay true to search_vec', () => {
  it("follows this process's edits and deletes, and reloads after another process wrote", async () => {
    const tmp = makeTempDir();
    temps.push(tmp);
    const emb = createTestEmbedder({ synonyms: { automobile: 'car' } });
    const a = await core({ embedder: async () => emb }, tmp.dir);
    const garage = add(a, { title: 'Garage', body: 'The car needs new tyres.' });
    await call(a, 'search:wait-index', {});
    const titles = async (c: TestCore, q: string) =>
      (await call<SearchResultsDto>(c, 'search:query', { q, mode: 'vector' })).results.map((r) => r.title);
    expect(await titles(a, 'automobile')).toEqual(['Garage']);
    // An edit replaces the passage (and its vector), a new entry adds one.
    saveEntry(a.context, { id: garage.id, baseRevision: garage.revision, body: 'Bought a bicycle instead.', mode: 'save' });
    const lot = add(a, { title: 'Lot', body: 'Parked the automobile.' });
    await call(a, 'search:wait-index', {});
    expect(await titles(a, 'automobile')).toEqual(['Lot']);
    // A delete inside a transaction that rolls back (an import file failing) leaves the vectors as they were.
    expect(() =>
      a.context.store.sqlite.transaction(() => {
        trashEntry(a.context, lot.id);
        throw new Error('the file failed');
      })(),
    ).toThrow('the file failed');
    expect(await titles(a, 'automobile')).toEqual(['Lot']);
    expect(await titles(a, 'bicycle')).toEqual(['Garage']);
    // Another process (a second core on the same file) adds and deletes; this one notices.
    const b = await core({ embedder: async () => createTestEmbedder({ synonyms: { automobile: 'car' } }) }, tmp.dir);
    add(b, { title: 'Road trip', body: 'Drove the car for hours.' });
    await call(b, 'search:wait-index', {});
    expect((await titles(a, 'automobile')).sort()).toEqual(['Lot', 'Road trip']);
    trashEntry(b.context, garage.id);
    // b indexes its change a moment later (here: on its next read of the index); then a notices.
    await call(b, 'search:index-status', {});
    expect(await titles(a, 'bicycle')).toEqual([]);
  });

  it('with a selective filter, still returns the nearest items that pass it', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    for (let i = 0; i < 300; i++)
      add(c, { title: `Volcano ${i}`, body: `volcano lava ash eruption number ${i}`, date: '2020-01-01' });
    add(c, { title: 'Far away', body: 'volcano notes from a later year', date: '2024-06-01' });
    await call(c, 'search:wait-index', {});
    const r = await call<SearchResultsDto>(c, 'search:query', {
      q: 'volcano lava ash eruption',
      mode: 'vector',
      from: '2024-01-01',
    });
    expect(r.results.map((x) => x.title)).toEqual(['Far away']);
  });
});

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists', () => {
    const f = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'a', 'd'],
    ]);
    const score = Object.fromEntries(f.map((h) => [h.id, h.score]));
    expect(score.a).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(score.c).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(score.b).toBeCloseTo(1 / 62, 12);
    expect(score.d).toBeCloseTo(1 / 63, 12);
    expect(f.map((h) => h.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(f[0]!.ranks).toEqual([1, 2]);
    expect(f[3]!.ranks).toEqual([null, 3]);
  });

  it('uses k, counts a repeated id once, and breaks ties by the best single rank', () => {
    const f = reciprocalRankFusion(
      [
        ['x', 'y', 'x'],
        ['y', 'z'],
      ],
      1,
    );
    expect(f.find((h) => h.id === 'x')!.score).toBeCloseTo(1 / 2, 12);
    expect(f.find((h) => h.id === 'y')!.score).toBeCloseTo(1 / 3 + 1 / 2, 12);
    const tie = reciprocalRankFusion([['p'], ['q']]);
    expect(tie.map((h) => h.id)).toEqual(['p', 'q']);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe('papers and annotations', () => {
  it('finds a paper by its full text (with the page), its annotations by their words, and follows edits and deletes', async () => {
    const c = await core();
    const { makePaperPdf } = await import('../papers/testing');
    const { addPdfFile, createAnnotation, deleteAnnotation, deletePaper, updatePaper, whenTextIdle, paperPages } =
      await import('../papers');
    const pdf = await makePaperPdf({ title: 'Sparse Retrieval for Lab Notebooks', authors: ['Maria Okafor'], pages: 4, seed: 3 });
    const file = `${c.dataDir}/sparse.pdf`;
    (await import('node:fs')).writeFileSync(file, pdf.bytes);
    const added = await addPdfFile(c.context, file);
    await whenTextIdle(c.context);
    const id = added.paper.id;
    const pages = paperPages(c.context, id);
    // A word that occurs on page 3 only.
    const { stemWord } = await import('./text');
    const words = (t: string) => t.toLowerCase().match(/[a-z]{6,}/g) ?? [];
    const others = new Set(pages.filter((p) => p.page !== 3).flatMap((p) => words(p.text).map(stemWord)));
    const word = words(pages.find((p) => p.page === 3)!.text).find((w) => !others.has(stemWord(w)) && !others.has(w))!;
    expect(word).toBeTruthy();
    const r = await search(c, word);
    const hit = r.results.find((x) => x.kind === 'paper')!;
    expect(hit).toMatchObject({ id, paperId: id, page: 3, title: 'Sparse Retrieval for Lab Notebooks' });
    expect(hit.snippet.toLowerCase()).toContain(`<mark>${word}`);
    expect((await search(c, 'Okafor')).results.map((x) => x.id)).toEqual([id]); // authors are searchable

    const a = createAnnotation(c.context, id, {
      kind: 'highlight',
      page: 2,
      rects: [[1, 2, 3, 4]],
      text: 'quokka habitats matter',
      color: 'yellow',
      comment: '要读两遍',
    });
    const ar = await search(c, 'quokka');
    expect(ar.results).toHaveLength(1);
    expect(ar.results[0]).toMatchObject({
      kind: 'annotation',
      id: a.id,
      paperId: id,
      page: 2,
      title: 'Sparse Retrieval for Lab Notebooks',
      subkind: 'highlight',
    });
    expect((await search(c, '两遍')).results.map((x) => x.id)).toEqual([a.id]);
    // The paper's title does not make every highlight match.
    expect((await search(c, 'sparse retrieval')).results.map((x) => x.kind)).toEqual(['paper']);
    updatePaper(c.context, { id, title: 'Dense Retrieval Revisited' });
    expect((await search(c, 'quokka')).results[0]!.title).toBe('Dense Retrieval Revisited');
    expect((await search(c, 'quokka', { kinds: ['paper'] })).results).toEqual([]);
    deleteAnnotation(c.context, a.id);
    expect((await search(c, 'quokka')).results).toEqual([]);
    createAnnotation(c.context, id, { kind: 'note', page: 1, point: [1, 1], text: 'wombat note', color: 'yellow' });
    deletePaper(c.context, id);
    expect((await search(c, 'wombat')).results).toEqual([]);
    expect((await search(c, word)).results).toEqual([]);
    expect((c.context.store.sqlite.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n).toBe(0);
  });

  it('related to a paper leaves out its own highlights', async () => {
    const emb = createTestEmbedder();
    const c = await core({ embedder: async () => emb });
    const { makePaperPdf } = await import('../papers/testing');
    const { addPdfFile, createAnnotation, updatePaper, whenTextIdle } = await import('../papers');
    const file = `${c.dataDir}/v.pdf`;
    (await import('node:fs')).writeFileSync(file, (await makePaperPdf({ title: 'Volcano dynamics', pages: 1, seed: 9 })).bytes);
    const p = (await addPdfFile(c.context, file)).paper;
    await whenTextIdle(c.context);
    // Only the abstract, so the test embedder sees words we chose.
    c.context.store.sqlite.prepare('DELETE FROM paper_pages WHERE paper_id = ?').run(p.id);
    updatePaper(c.context, { id: p.id, abstract: 'Lava flows, ash plumes and volcano monitoring.' });
    createAnnotation(c.context, p.id, { kind: 'note', page: 1, point: [1, 1], text: 'lava flows and ash', color: 'yellow' });
    const e = add(c, { title: 'Trip', body: 'Saw a volcano with lava and ash plumes.' });
    await call(c, 'search:wait-index', {});
    const rel = await call<{ items: { id: string; kind: string }[] }>(c, 'search:related', { kind: 'paper', id: p.id });
    expect(rel.items.map((i) => i.id)).toEqual([e.id]);
  });
});
