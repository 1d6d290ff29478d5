import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CommentDecisionDto,
  CommentDto,
  CommentExplanationDto,
  CommentImportReportDto,
  CommentListDto,
  CommentSourceDto,
  ModelRunDto,
  SpamEvalReportDto,
  SpamModelStatusDto,
} from '../contract/comments';
import { activityRegistry } from '../stamps';
import { makeTestCore } from '../testing/core';
import { makeTempDir } from '../testing/temp-dir';
import { createFakeSpamService, type FakeSpamService } from './test-spam';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(opts: { spam?: FakeSpamService | 'none' | 'broken'; autoRetrainMs?: number | false } = {}) {
  const fake = opts.spam === undefined ? createFakeSpamService() : opts.spam;
  const c = await makeTestCore({
    services: {
      commentsWatchStartMs: false,
      commentsAutoRetrainMs: opts.autoRetrainMs ?? false,
      ...(fake === 'none'
        ? {}
        : fake === 'broken'
          ? { spam: () => Promise.reject(new Error('The spam model is damaged: bad protobuf.')) }
          : { spam: async () => fake }),
    },
  });
  cleanups.push(c.cleanup);
  const events: { name: string; payload: unknown }[] = [];
  c.events.onAny((name, payload) => events.push({ name, payload }));
  async function call<T = unknown>(name: string, payload: unknown = {}): Promise<T> {
    const r = await c.dispatch(name, payload);
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value as T;
  }
  async function fail(name: string, payload: unknown) {
    const r = await c.dispatch(name, payload);
    if (r.ok) throw new Error(`${name} should have failed`);
    return r.error;
  }
  const importJson = (v: unknown, name = 'comments.json') =>
    call<CommentImportReportDto>('comments:import', { content: JSON.stringify(v), name });
  const list = (p: Record<string, unknown> = {}) => call<CommentListDto>('comments:list', p);
  const sql = async (q: string) => (await call<{ rows: unknown[][] }>('system:sql', { sql: q })).rows;
  return { c, call, fail, events, importJson, list, sql, fake: typeof fake === 'object' ? fake : null };
}

const firebase = {
  comments: {
    'hello-world': {
      '-N1': { author: 'Ann', text: 'Thanks, this helped me a lot.', timestamp: 1717000000000 },
      '-N2': { author: 'Spammer', text: 'Buy cheap viagra http://x.example casino', timestamp: 1717000100000 },
      '-N3': { author: 'Unsure', text: 'maybe check my page', timestamp: 1717000200000 },
    },
    'about-me': {
      '-N4': {
        author: 'Eve',
        text: '<script>alert("pwned")</script><b>hi</b>',
        timestamp: 1717000300000,
        website: 'https://eve.example',
      },
    },
  },
};

describe('import', () => {
  it('imports a Firebase export, scores it, and lists page, author, time, verbatim text and score', async () => {
    const t = await core();
    const r = await t.importJson(firebase, 'blog-export.json');
    expect(r).toMatchObject({
      imported: 4,
      duplicates: 0,
      updated: 0,
      errors: [],
      scored: 4,
      total: 4,
      format: 'firebase-json',
      origin: 'blog-export.json',
    });
    const l = await t.list({ sort: 'oldest' });
    expect(l.items.map((c) => [c.externalId, c.page, c.author, c.createdAt, c.band])).toEqual([
      ['-N1', 'hello-world', 'Ann', '2024-05-29T16:26:40.000Z', 'ok'],
      ['-N2', 'hello-world', 'Spammer', '2024-05-29T16:28:20.000Z', 'spam'],
      ['-N3', 'hello-world', 'Unsure', '2024-05-29T16:30:00.000Z', 'review'],
      ['-N4', 'about-me', 'Eve', '2024-05-29T16:31:40.000Z', 'ok'],
    ]);
    expect(l.items[3]!.text).toBe('<script>alert("pwned")</script><b>hi</b>');
    expect(l.items[1]!.score).toBeGreaterThan(0.9);
    expect(l.items.every((c) => c.scoreModel === 'b'.repeat(64))).toBe(true);
    expect(l.counts).toMatchObject({ all: 4, new: 4, review: 1, 'likely-spam': 1, approved: 0, unscored: 0 });
    expect(t.events.some((e) => e.name === 'data:changed' && (e.payload as { domain: string }).domain === 'comments')).toBe(true);
    // Stored verbatim in the database too.
    expect(await t.sql(`SELECT text FROM comments WHERE external_id = '-N4'`)).toEqual([
      ['<script>alert("pwned")</script><b>hi</b>'],
    ]);
  });

  it('is idempotent: a re-import is all duplicates; a changed comment updates in place and keeps its decision', async () => {
    const t = await core();
    await t.importJson(firebase);
    const again = await t.importJson(firebase);
    expect(again).toMatchObject({ imported: 0, duplicates: 4, updated: 0, scored: 0 });
    const ann = (await t.list()).items.find((c) => c.externalId === '-N1')!;
    await t.call('comments:decide', { ids: [ann.id], action: 'approve' });
    const edited = structuredClone(firebase);
    edited.comments['hello-world']['-N1'].text = 'Thanks, this helped me a lot. (edited)';
    const r = await t.importJson(edited);
    expect(r).toMatchObject({ imported: 0, duplicates: 3, updated: 1, scored: 1 });
    const after = await t.call<CommentDto>('comments:get', { id: ann.id });
    expect(after).toMatchObject({ text: 'Thanks, this helped me a lot. (edited)', status: 'approved', label: 'ham' });
    // Another origin is another site: same ids, new comments.
    expect(await t.importJson(firebase, 'other-site.json')).toMatchObject({ imported: 4 });
  });

  it('collapses 5,000 duplicates (same id, or same content without an id) and says how many', async () => {
    const t = await core();
    const same = Array.from({ length: 5000 }, () => ({
      author: 'bot',
      text: 'Buy now http://spam.example',
      timestamp: 1717000000000,
    }));
    const byContent = await t.importJson(same, 'flood.json');
    expect(byContent).toMatchObject({ imported: 1, duplicates: 4999, total: 5000, format: 'json-array' });
    const sameId = Array.from({ length: 5000 }, () => ({ id: 'x1', text: 'Hello' }));
    expect(await t.importJson(sameId, 'ids.json')).toMatchObject({ imported: 1, duplicates: 4999 });
    expect(t.fake!.scoredTexts).toBe(2);
    // Distinct comments with the same text (a spam wave with distinct ids) are all kept.
    const wave = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`-W${i}`, { text: 'Buy now http://spam.example' }]));
    expect(await t.importJson({ comments: wave }, 'wave.json')).toMatchObject({ imported: 300, duplicates: 0 });
    expect((await t.list({ limit: 1 })).total).toBe(302);
  });

  it('imports CSV with column options, labels from a label column, and reports bad rows by line', async () => {
    const t = await core();
    const csv =
      'cid,who,when,post,body,verdict\n1,Ann,1717000000,p1,Great read,ham\n2,Bot,1717000001,p1,Buy crypto now,spam\n3,Cy,x,p2\n4,Di,,p2,Not sure,?\n';
    const r = await t.call<CommentImportReportDto>('comments:import', {
      content: csv,
      name: 'export.csv',
      csv: {
        textColumn: 'body',
        authorColumn: 'who',
        timeColumn: 'when',
        pageColumn: 'post',
        idColumn: 'cid',
        labelColumn: 'verdict',
      },
    });
    expect(r).toMatchObject({ imported: 3, labelled: 2, errorCount: 2, format: 'csv' });
    expect(r.errors).toEqual([
      { line: 4, message: 'expected 6 fields but found 4; row skipped' },
      { line: 5, message: 'unknown label "?" (expected spam/ham, 1/0); imported without a label' },
    ]);
    const l = await t.list({ sort: 'oldest' });
    expect(l.items.map((c) => [c.externalId, c.author, c.page, c.status, c.label])).toEqual([
      ['1', 'Ann', 'p1', 'approved', 'ham'],
      ['2', 'Bot', 'p1', 'spam', 'spam'],
      ['4', 'Di', 'p2', 'new', null],
    ]);
    const missing = await t.fail('comments:import', { content: csv, name: 'e.csv', csv: { textColumn: 'message' } });
    expect(missing).toMatchObject({ code: 'bad_request', message: expect.stringContaining('There is no column "message"') });
  });

  it('refuses malformed JSON with its position and imports nothing; empty text is kept and flagged', async () => {
    const t = await core();
    const bad = await t.fail('comments:import', { content: '{"a": {"text": "x"},\n "b": {"text": }}', name: 'broken.json' });
    expect(bad.code).toBe('invalid_file');
    expect(bad.message).toBe(
      'broken.json is not valid JSON: unexpected "}" where a value was expected (line 2, column 16). Nothing was imported.',
    );
    expect((await t.list()).total).toBe(0);
    const r = await t.importJson({ c: { a: { author: 'A', text: '   ' }, b: { author: 'B', text: 'hi' } } });
    expect(r).toMatchObject({ imported: 2, emptyText: 1 });
    const empty = (await t.list()).items.find((c) => c.author === 'A')!;
    expect(empty).toMatchObject({ emptyText: true, text: '   ' });
  });

  it('refuses files over the size limit before reading them, and files that are not text', async () => {
    const t = await core();
    const dir = makeTempDir();
    cleanups.push(dir.cleanup);
    const huge = path.join(dir.dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 300 * 1024 * 1024); // sparse: no real disk use
    expect(await t.fail('comments:import', { file: huge })).toMatchObject({
      code: 'invalid_file',
      message: expect.stringContaining('limited to 256 MB'),
    });
    const png = path.join(dir.dir, 'photo.json');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    expect(await t.fail('comments:import', { file: png })).toMatchObject({
      code: 'invalid_file',
      message: expect.stringContaining('not a text file'),
    });
    expect(await t.fail('comments:import', { file: path.join(dir.dir, 'nope.json') })).toMatchObject({ code: 'not_found' });
    expect(await t.fail('comments:import', { name: 'x.json' })).toMatchObject({ code: 'bad_request' });
    expect(
      await t.fail('comments:import', { content: '{"users": {"u1": {"name": "Ann"}}, "count": 3}', name: 'db.json' }),
    ).toMatchObject({
      code: 'invalid_file',
      message: expect.stringContaining('No comments found in db.json'),
    });
  });

  it('works without a model: comments are imported and listed with no score and a clear message, then scored once it loads', async () => {
    const t = await core({ spam: 'broken' });
    const r = await t.importJson(firebase);
    expect(r).toMatchObject({ imported: 4, scored: 0, note: expect.stringContaining('The spam model is damaged') });
    const l = await t.list();
    expect(l.items.every((c) => c.score === null && c.band === null)).toBe(true);
    expect(l.model).toMatchObject({ state: 'unavailable', message: expect.stringContaining('without scores') });
    expect(l.counts.unscored).toBe(4);
    expect(await t.fail('comments:explain', { id: l.items[0]!.id })).toMatchObject({ code: 'model_unavailable' });
    const none = await core({ spam: 'none' });
    await none.importJson(firebase);
    expect((await none.list()).model).toMatchObject({
      state: 'unavailable',
      message: expect.stringContaining('No spam model is configured'),
    });
  });
});

describe('decisions', () => {
  it('approve and spam are labels, delete is soft and keeps them, restore and reset undo, revert restores exact states', async () => {
    const t = await core();
    await t.importJson(firebase);
    const ids = (await t.list({ sort: 'oldest' })).items.map((c) => c.id);
    const [ann, spammer, unsure, eve] = ids as [string, string, string, string];
    await t.call('comments:decide', { ids: [ann, eve], action: 'approve' });
    const spam = await t.call<CommentDecisionDto>('comments:decide', { ids: [spammer], action: 'spam' });
    expect(spam.previous).toEqual([{ id: spammer, status: 'new', label: null, labeledAt: null }]);
    let l = await t.list();
    expect(l.counts).toMatchObject({ approved: 2, spam: 1, new: 1, review: 1 });

    const del = await t.call<CommentDecisionDto>('comments:decide', { ids: [spammer, unsure], action: 'delete' });
    expect(del.changed).toBe(2);
    l = await t.list({ view: 'deleted' });
    expect(l.items.map((c) => [c.id, c.label])).toEqual(
      expect.arrayContaining([
        [spammer, 'spam'],
        [unsure, null],
      ]),
    );
    expect(l.counts).toMatchObject({ all: 2, deleted: 2, review: 0 });
    await t.call('comments:decide', { ids: [spammer, unsure], action: 'restore' });
    expect((await t.call<CommentDto>('comments:get', { id: spammer })).status).toBe('spam');
    expect((await t.call<CommentDto>('comments:get', { id: unsure })).status).toBe('new');

    // Undo of a bulk decision puts every comment back exactly.
    const bulk = await t.call<CommentDecisionDto>('comments:decide', { ids, action: 'spam' });
    expect(bulk.changed).toBe(3); // the spammer was spam already
    await t.call('comments:revert', { items: bulk.previous });
    l = await t.list({ sort: 'oldest' });
    expect(l.items.map((c) => [c.status, c.label])).toEqual([
      ['approved', 'ham'],
      ['spam', 'spam'],
      ['new', null],
      ['approved', 'ham'],
    ]);
    await t.call('comments:decide', { ids: [ann], action: 'reset' });
    expect(await t.call<CommentDto>('comments:get', { id: ann })).toMatchObject({ status: 'new', label: null, labeledAt: null });
    expect(await t.fail('comments:decide', { ids: ['nope'], action: 'approve' })).toMatchObject({ code: 'not_found' });
  });

  it('labels by the id on the site (the CLI) and counts decisions as comments.answered activity', async () => {
    const t = await core();
    await t.importJson(firebase);
    const c = await t.call<CommentDto>('comments:label', { id: '-N2', label: 'spam' });
    expect(c).toMatchObject({ externalId: '-N2', status: 'spam', label: 'spam' });
    await t.call('comments:label', { id: '-N1', label: 'ham' });
    const reg = activityRegistry(t.c.context);
    expect(reg.isAvailable('comments.answered')).toBe(true);
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(reg.dailyTotals('comments.answered', today, today)).toEqual([{ day: today, count: 2, sum: 0 }]);
    expect(
      reg
        .items('comments.answered', [today], 10)
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Approved: Ann: Thanks, this helped me a lot.', 'Spam: Spammer: Buy cheap viagra http://x.example casino']);
    expect(await t.fail('comments:label', { id: 'zzz', label: 'ham' })).toMatchObject({ code: 'not_found' });
  });
});

describe('review band and thresholds', () => {
  it('needs review = undecided comments between the review and spam thresholds, from the model or Settings', async () => {
    const t = await core();
    await t.importJson({
      c: {
        a: { text: 'maybe' }, // 0.30
        b: { text: 'buy' }, // 0.75
        c: { text: 'buy free click' }, // 0.9375
        d: { text: 'hello' }, // 0.05
      },
    });
    let l = await t.list({ view: 'review' });
    expect(l.thresholds).toEqual({ spam: 0.5, review: 0.2, from: 'model' });
    expect(l.items.map((c) => c.externalId)).toEqual(['a']);
    await t.call('settings:set', { values: { 'comments.spamThreshold': 0.9, 'comments.reviewThreshold': 0.25 } });
    l = await t.list({ view: 'review', sort: 'score' });
    expect(l.thresholds).toEqual({ spam: 0.9, review: 0.25, from: 'settings' });
    expect(l.items.map((c) => c.externalId)).toEqual(['b', 'a']);
    expect((await t.list({ view: 'likely-spam' })).items.map((c) => c.externalId)).toEqual(['c']);
    // Decided comments leave the review view.
    await t.call('comments:label', { id: 'b', label: 'ham' });
    expect((await t.list({ view: 'review' })).items.map((c) => c.externalId)).toEqual(['a']);
    const bad = await t.fail('settings:set', { values: { 'comments.spamThreshold': 2 } });
    expect(bad).toMatchObject({ code: 'bad_request', details: { issues: [{ path: 'comments.spamThreshold' }] } });
    // Search and paging.
    expect((await t.list({ query: 'FREE' })).items.map((c) => c.externalId)).toEqual(['c']);
    expect((await t.list({ query: '100%_' })).total).toBe(0);
  });
});

describe('export', () => {
  it('writes the approved comments back in the shape they came in, keyed by their ids, with their own fields', async () => {
    const t = await core();
    await t.importJson({
      comments: {
        'post-1': {
          k1: {
            author: 'Ann',
            text: 'Parent',
            timestamp: 1,
            likes: 3,
            replies: { r1: { author: 'Bo', text: 'Reply' }, r2: { author: 'S', text: 'buy viagra' } },
          },
          k2: { author: 'Cy', text: 'Not approved' },
        },
      },
    });
    await t.importJson([{ id: 'a1', author: 'Flat', text: 'From an array' }, { text: 'No id here' }], 'flat.json');
    await t.importJson(
      { x: { y: { orphanParent: { text: 'parent', replies: { child: { text: 'approved child' } } } } } },
      'orphans.json',
    );
    const ids = (await t.list({ limit: 100 })).items;
    const byText = (s: string) => ids.find((c) => c.text === s)!.id;
    await t.call('comments:decide', {
      ids: ['Parent', 'Reply', 'From an array', 'No id here', 'approved child'].map(byText),
      action: 'approve',
    });
    await t.call('comments:decide', { ids: [byText('buy viagra'), byText('Not approved')], action: 'spam' });
    const out = await t.call<{ count: number; json: string; file: null }>('comments:export', {});
    const json = JSON.parse(out.json) as Record<string, unknown>;
    const noIdKey = byText('No id here');
    expect(json).toEqual({
      comments: {
        'post-1': {
          k1: { author: 'Ann', text: 'Parent', timestamp: 1, likes: 3, replies: { r1: { author: 'Bo', text: 'Reply' } } },
        },
      },
      a1: { id: 'a1', author: 'Flat', text: 'From an array' },
      [noIdKey]: { text: 'No id here' },
    });
    expect(out.count).toBe(4); // the orphaned reply is left out
    const dir = makeTempDir();
    cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'out', 'approved.json');
    const written = await t.call<{ count: number; file: string; json: null }>('comments:export', { file, status: 'approved' });
    expect(written).toEqual({ count: 4, file, json: null });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(json);
    const spamOut = await t.call<{ json: string }>('comments:export', { status: 'spam' });
    // The spam reply's parent is not spam: it is left out rather than exported without its parent.
    expect(JSON.parse(spamOut.json)).toEqual({ comments: { 'post-1': { k2: { author: 'Cy', text: 'Not approved' } } } });
  });
});

describe('learning from decisions', () => {
  async function labelled() {
    const t = await core();
    await t.importJson({
      c: {
        h1: { text: 'Great article about parsers' },
        h2: { text: 'Thanks for the clear explanation' },
        h3: { text: 'Buy the book, it was free at the library' }, // scored spammy, actually ham
        s1: { text: 'Cheap pills here' }, // scored ham, actually spam
        s2: { text: 'Casino bonus http://c.example' },
        s3: { text: 'Win crypto winner click' },
      },
    });
    for (const id of ['h1', 'h2', 'h3']) await t.call('comments:label', { id, label: 'ham' });
    for (const id of ['s1', 's2', 's3']) await t.call('comments:label', { id, label: 'spam' });
    return t;
  }

  it('retrains on every label, stores the run with before/after, re-scores with the new model, and clears it when no labels are left', async () => {
    const t = await labelled();
    let status = await t.call<SpamModelStatusDto>('comments:model', {});
    expect(status).toMatchObject({ active: 'base', stale: true, labels: { total: 6, spam: 3, ham: 3 }, lastRun: null });
    const run = await t.call<ModelRunDto>('comments:retrain', {});
    expect(run).toMatchObject({
      state: 'done',
      trigger: 'manual',
      labels: { received: 6, used: 6, spam: 3, ham: 3 },
      evaluation: { method: 'k-fold', evaluated: 6 },
      before: { n: 6, confusion: { tp: 2, fp: 1, tn: 2, fn: 1 } },
      after: { n: 6 },
      baseSha: 'b'.repeat(64),
    });
    expect(run.after!.f1).toBeGreaterThan(run.before!.f1);
    const l = await t.list({ limit: 10 });
    expect(l.items.every((c) => c.scoreModel === run.modelSha)).toBe(true);
    expect(l.items.find((c) => c.externalId === 's1')!.score).toBe(0.99);
    expect(l.items.find((c) => c.externalId === 'h3')!.score).toBe(0.01);
    status = await t.call<SpamModelStatusDto>('comments:model', {});
    expect(status).toMatchObject({
      active: 'user',
      stale: false,
      user: { sha256: run.modelSha, labels: 6 },
      lastRun: { id: run.id },
    });
    expect(t.events.filter((e) => e.name === 'comments:retrained')).toHaveLength(1);
    expect(t.events.some((e) => e.name === 'jobs:progress' && (e.payload as { state: string }).state === 'done')).toBe(true);
    expect(await t.call<ModelRunDto[]>('comments:runs', {})).toEqual([run]);
    // Stored for `folio sql`.
    const rows = await t.sql(`SELECT trigger, state, method, json_extract(before, '$.f1') FROM comment_model_runs`);
    expect(rows).toEqual([['manual', 'done', 'k-fold', run.before!.f1]]);

    // Undoing every label: the base model scores again.
    const all = (await t.list({ limit: 10 })).items.map((c) => c.id);
    await t.call('comments:decide', { ids: all, action: 'reset' });
    const cleared = await t.call<ModelRunDto>('comments:retrain', {});
    expect(cleared.state).toBe('cleared');
    expect((await t.list()).items.every((c) => c.scoreModel === 'b'.repeat(64))).toBe(true);
    expect(await t.fail('comments:retrain', {})).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('nothing to learn from'),
    });
  });

  it('retrains by itself a moment after decisions (debounced) when auto-retraining is on', async () => {
    const t = await core({ autoRetrainMs: 30 });
    await t.importJson({ c: { a: { text: 'hello' }, b: { text: 'buy now' } } });
    await t.call('comments:list', {}); // loads the model
    await t.call('comments:label', { id: 'a', label: 'ham' });
    await t.call('comments:label', { id: 'b', label: 'spam' });
    await expect.poll(() => t.fake!.retrainCalls, { timeout: 3000 }).toBe(1);
    await expect
      .poll(async () => (await t.call<SpamModelStatusDto>('comments:model', {})).active, { timeout: 3000 })
      .toBe('user');
    const runs = await t.call<ModelRunDto[]>('comments:runs', {});
    expect(runs[0]).toMatchObject({ trigger: 'auto', state: 'done', evaluation: { method: 'in-sample' } });
    await t.call('settings:set', { values: { 'comments.autoRetrain': false } });
    await t.call('comments:label', { id: 'a', label: 'spam' });
    await new Promise((r) => setTimeout(r, 120));
    expect(t.fake!.retrainCalls).toBe(1);
  });

  it('explains a score with the top features and the nearest labelled comments (never itself)', async () => {
    const t = await labelled();
    await t.importJson({ c2: { q: { text: 'Casino bonus at http://d.example today' } } }, 'more.json');
    const q = (await t.list({ query: 'today' })).items[0]!;
    const e = await t.call<CommentExplanationDto>('comments:explain', { id: q.id });
    expect(e.id).toBe(q.id);
    expect(e.features.map((f) => f.name)).toEqual(expect.arrayContaining(['word "casino"', 'word "http"']));
    expect(e.neighbours[0]).toMatchObject({ text: 'Casino bonus http://c.example', label: 'spam' });
    const s2 = (await t.list({ query: 'Casino bonus http://c.example' })).items.find((c) => c.externalId === 's2')!;
    const self = await t.call<CommentExplanationDto>('comments:explain', { id: s2.id, top: 1 });
    expect(self.neighbours.some((n) => n.id === s2.id)).toBe(false);
    expect(self.features).toHaveLength(1);
  });

  it('evaluates a labelled CSV with the base model, and with the user model once there are labels (retrained first when stale)', async () => {
    const t = await labelled();
    const csv = 'text,label\nCheap pills here,spam\nGreat article about parsers,ham\nbuy viagra,1\nhello there,0\n';
    const before = await core();
    const base = await before.call<SpamEvalReportDto>('comments:eval', {
      content: csv,
      textColumn: 'text',
      labelColumn: 'label',
    });
    expect(base).toEqual({
      precision: 1,
      recall: 0.5,
      f1: 2 / 3,
      rocAuc: expect.any(Number),
      confusion: { tp: 1, fp: 0, tn: 2, fn: 1 },
      threshold: 0.5,
      n: 4,
      base: expect.objectContaining({ n: 4, recall: 0.5 }),
    });
    expect(base).not.toHaveProperty('user');
    const withUser = await t.call<SpamEvalReportDto>('comments:eval', { content: csv, textColumn: 'text', labelColumn: 'label' });
    expect(withUser.user).toBeDefined();
    expect(withUser).toMatchObject({ recall: 1, confusion: { tp: 2, fp: 0, tn: 2, fn: 0 }, base: { recall: 0.5 } });
    expect((await t.call<ModelRunDto[]>('comments:runs', {}))[0]!.trigger).toBe('eval');
    // Unchanged labels: no second retrain.
    await t.call('comments:eval', { content: csv, textColumn: 'text', labelColumn: 'label', threshold: 0.9 });
    expect(t.fake!.retrainCalls).toBe(1);

    const bad = await t.fail('comments:eval', {
      content: 'text,label\nok,ham\nhm,perhaps\n',
      textColumn: 'text',
      labelColumn: 'label',
    });
    expect(bad).toMatchObject({
      code: 'invalid_file',
      message: 'the labelled file, line 3: unknown label "perhaps" (expected spam/ham, 1/0, true/false, yes/no)',
    });
    const skipped = await t.call<SpamEvalReportDto & { skipped: unknown[] }>('comments:eval', {
      content: 'text,label\nok,ham\nhm,perhaps\n',
      textColumn: 'text',
      labelColumn: 'label',
      skipInvalid: true,
    });
    expect(skipped).toMatchObject({ n: 1, skipped: [{ line: 3 }] });
  });
});

describe('watched files', () => {
  it('imports a watched file now and again when it changes; unwatch stops it', async () => {
    const t = await core();
    const dir = makeTempDir();
    cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'live.json');
    fs.writeFileSync(file, JSON.stringify({ c: { a: { text: 'one' } } }));
    const w = await t.call<{ source: CommentSourceDto; report: CommentImportReportDto }>('comments:watch', { path: file });
    expect(w.report).toMatchObject({ imported: 1 });
    expect(w.source).toMatchObject({ path: file, origin: 'live.json', watching: true, active: true, lastError: null });
    // Written elsewhere and renamed over it, as export tools do.
    const tmp = path.join(dir.dir, 'live.json.tmp');
    fs.writeFileSync(tmp, JSON.stringify({ c: { a: { text: 'one' }, b: { text: 'two' } } }));
    fs.renameSync(tmp, file);
    await expect.poll(async () => (await t.list()).total, { timeout: 8000, interval: 100 }).toBe(2);
    const imported = t.events.filter((e) => e.name === 'comments:imported');
    expect(imported.at(-1)!.payload).toMatchObject({ sourceId: w.source.id, report: { imported: 1, duplicates: 1 } });
    // A broken write is recorded on the source and retried when fixed.
    fs.writeFileSync(file, '{"c": {');
    await expect
      .poll(async () => (await t.call<CommentSourceDto[]>('comments:sources', {}))[0]!.lastError, {
        timeout: 8000,
        interval: 100,
      })
      .toMatch(/not valid JSON/);
    fs.writeFileSync(file, JSON.stringify({ c: { a: { text: 'one' }, b: { text: 'two' }, c: { text: 'three' } } }));
    await expect.poll(async () => (await t.list()).total, { timeout: 8000, interval: 100 }).toBe(3);
    expect((await t.call<CommentSourceDto[]>('comments:sources', {}))[0]!.lastError).toBeNull();
    expect(await t.call('comments:unwatch', { id: w.source.id })).toEqual({ removed: true });
    expect(await t.call('comments:sources', {})).toEqual([]);
    // The comments stay; their source link is cleared.
    expect(await t.sql(`SELECT count(*), count(source_id) FROM comments`)).toEqual([[3, 0]]);
  });

  it('resumes watching stored sources when the app starts, catching up on changes made while closed', async () => {
    const dir = makeTempDir();
    cleanups.push(dir.cleanup);
    const file = path.join(dir.dir, 'site.json');
    fs.writeFileSync(file, JSON.stringify([{ id: 1, text: 'first' }]));
    const first = await makeTestCore({ services: { commentsWatchStartMs: false, spam: async () => createFakeSpamService() } });
    await first.dispatch('comments:watch', { path: file });
    const dataDir = first.dataDir;
    await first.close();
    fs.writeFileSync(
      file,
      JSON.stringify([
        { id: 1, text: 'first' },
        { id: 2, text: 'second' },
      ]),
    );
    const { createCore } = await import('../app/create-core');
    const { migrationsFolder } = await import('../paths');
    const again = await createCore({
      dataDir,
      migrationsFolder: migrationsFolder(),
      appVersion: 'test',
      services: { commentsWatchStartMs: 10, spam: async () => createFakeSpamService() },
    });
    cleanups.push(async () => {
      await again.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    await expect
      .poll(
        async () => {
          const r = await again.dispatch('comments:list', {});
          return r.ok ? (r.value as CommentListDto).total : -1;
        },
        { timeout: 8000, interval: 100 },
      )
      .toBe(2);
  });
});
