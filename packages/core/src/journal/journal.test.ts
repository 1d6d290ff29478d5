import { afterEach, describe, expect, it } from 'vitest';
import type { EntryDto } from '../contract/journal';
import { makeTestCore } from '../testing/core';
import { createEntry, trashEntry } from './service';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A core with a clock the test moves. */
async function core(start = '2026-11-25T09:00:00.000Z') {
  let now = new Date(start);
  const c = await makeTestCore({ now: () => now });
  cleanup = c.cleanup;
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
  return {
    c,
    call,
    fail,
    events,
    tick(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    sql: async (sql: string) => (await call<{ rows: unknown[][] }>('system:sql', { sql })).rows,
  };
}

describe('daily notes', () => {
  it('journal:today creates one daily note per date from the daily template, and finds it again', async () => {
    const t = await core();
    const a = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    expect(a).toMatchObject({ kind: 'daily', date: '2026-11-25', title: '2026-11-25', revision: 1, pristine: true, time: null });
    const b = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    expect(b.id).toBe(a.id);
    const other = await t.call<EntryDto>('journal:today', { date: '2026-11-26' });
    expect(other.id).not.toBe(a.id);
    // A second live daily note for the date is refused, with a field message.
    const e = await t.fail('journal:create', { kind: 'daily', date: '2026-11-25' });
    expect(e).toMatchObject({ code: 'conflict', details: { existingId: a.id, issues: [{ path: 'date' }] } });
    // Moving another daily note onto that date is refused too.
    const e2 = await t.fail('journal:save', { id: other.id, baseRevision: other.revision, date: '2026-11-25' });
    expect(e2).toMatchObject({ code: 'conflict' });
    expect(await t.sql(`SELECT count(*) FROM entries WHERE kind = 'daily' AND date = '2026-11-25'`)).toEqual([[1]]);
  });

  it('today follows the writer’s time zone when no date is given', async () => {
    // 2026-11-25T20:00Z is already the 26th in Shanghai (UTC+8) and still the 25th in New York.
    const t = await core('2026-11-25T20:00:00.000Z');
    const shanghai = await t.call<EntryDto>('journal:today', { tzOffsetMinutes: 480 });
    expect(shanghai.date).toBe('2026-11-26');
    expect(shanghai.tzOffsetMinutes).toBe(480);
    const ny = await t.call<EntryDto>('journal:today', { tzOffsetMinutes: -300 });
    expect(ny.date).toBe('2026-11-25');
  });

  it('refuses dates that do not exist, naming the field', async () => {
    const t = await core();
    const e = await t.fail('journal:create', { kind: 'post', date: '2026-02-30' });
    expect(e.code).toBe('bad_request');
    expect(e.details?.issues).toEqual([{ path: 'date', message: '2026-02-30 is not a real date: February 2026 has 28 days' }]);
    expect((await t.fail('journal:today', { date: '2026-13-01' })).details?.issues?.[0]).toMatchObject({ path: 'date' });
    expect((await t.fail('journal:calendar', { month: '2026-13' })).details?.issues?.[0]).toMatchObject({ path: 'month' });
    expect((await t.fail('journal:create', { kind: 'post', date: '25/11/2026' })).details?.issues?.[0]?.message).toMatch(
      /YYYY-MM-DD/,
    );
    const ok = await t.call<EntryDto>('journal:create', { kind: 'post', date: '2024-02-29', title: 'Leap' });
    expect(ok.date).toBe('2024-02-29');
    expect(await t.sql(`SELECT count(*) FROM entries`)).toEqual([[1]]);
  });
});

describe('templates and properties', () => {
  it('creates a meeting note from its template; properties are queryable with json_extract', async () => {
    const t = await core();
    const kinds = await t.call<{ key: string }[]>('journal:kinds');
    expect(kinds.map((k) => k.key)).toEqual(['daily', 'post', 'weekly', 'meeting', 'paper', 'note']);
    const m = await t.call<EntryDto>('journal:create', { kind: 'meeting', date: '2026-11-24' });
    expect(m.title).toBe('Meeting 2026-11-24');
    expect(m.body).toContain('## What happened');
    expect(m.body).toContain('## Things to do');
    expect(m.properties).toEqual({ attendees: [], place: '' });
    const saved = await t.call<EntryDto>('journal:save', {
      id: m.id,
      baseRevision: m.revision,
      properties: { attendees: ['Alice', '王芳'], place: 'Room 4', budget: 1200 },
    });
    expect(saved.revision).toBe(2);
    const rows = await t.sql(
      `SELECT json_extract(properties, '$.attendees[1]'), json_extract(properties, '$.place'), json_extract(properties, '$.budget')
       FROM entries WHERE kind = 'meeting'`,
    );
    expect(rows).toEqual([['王芳', 'Room 4', 1200]]);
    const who = await t.sql(`SELECT e.title FROM entries e, json_each(e.properties, '$.attendees') a WHERE a.value = 'Alice'`);
    expect(who).toEqual([['Meeting 2026-11-24']]);
  });

  it('weekly review and paper note templates fill placeholders; templates are editable and resettable', async () => {
    const t = await core();
    const w = await t.call<EntryDto>('journal:create', { kind: 'weekly', date: '2026-11-29' });
    expect(w.title).toBe('Week 2026-W48');
    expect(w.properties).toEqual({ week: '2026-W48' });
    expect(w.body).toMatch(/## What I did[\s\S]*## Deficits[\s\S]*## Goals for next week/);
    const p = await t.call<EntryDto>('journal:create', {
      kind: 'paper',
      title: 'Attention Is All You Need',
      properties: { paper: '[[Attention Is All You Need]]' },
    });
    expect(p.body).toMatch(/## Key claims[\s\S]*## Questions/);
    expect(p.properties).toMatchObject({ paper: '[[Attention Is All You Need]]', authors: [] });

    const templates =
      await t.call<{ id: string; builtinKey: string | null; body: string; modified: boolean }[]>('journal:templates');
    const daily = templates.find((x) => x.builtinKey === 'daily')!;
    await t.call('journal:template-save', {
      id: daily.id,
      name: 'Daily note',
      kind: 'daily',
      title: '{{date:long}}',
      body: '## Mood\n\n## 今天\n',
      properties: { mood: null },
    });
    const today = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    expect(today.title).toBe('Wednesday, 25 November 2026');
    expect(today.body).toBe('## Mood\n\n## 今天\n');
    expect(today.properties).toEqual({ mood: null });
    const edited = (await t.call<{ id: string; modified: boolean }[]>('journal:templates')).find((x) => x.id === daily.id)!;
    expect(edited.modified).toBe(true);

    // Deleting a built-in hides it; reset brings it back with the shipped text.
    await t.call('journal:template-delete', { id: daily.id });
    expect((await t.call<{ id: string }[]>('journal:templates')).some((x) => x.id === daily.id)).toBe(false);
    const bare = await t.call<EntryDto>('journal:today', { date: '2026-11-27' });
    expect(bare).toMatchObject({ title: '', body: '', pristine: false });
    const reset = await t.call<{ id: string; modified: boolean; body: string }[]>('journal:template-reset', { id: daily.id });
    expect(reset.find((x) => x.id === daily.id)).toMatchObject({ modified: false, body: '' });
    expect(
      (await t.call<{ templateId: string }[]>('journal:kinds')).find((k) => (k as unknown as { key: string }).key === 'daily')
        ?.templateId,
    ).toBe(daily.id);

    // User templates and kinds.
    const mine = await t.call<{ id: string }>('journal:template-save', {
      name: 'Book',
      kind: 'note',
      title: 'Book: {{title}}',
      body: '## Quotes\n',
      properties: { rating: null },
    });
    const book = await t.call<EntryDto>('journal:create', { kind: 'note', templateId: mine.id, title: 'Dune' });
    expect(book).toMatchObject({ title: 'Dune', body: '## Quotes\n', properties: { rating: null } });
    await t.call('journal:kind-save', {
      key: 'book',
      name: 'Book notes',
      fields: [{ name: 'rating', type: 'number' }],
      templateId: mine.id,
    });
    const b2 = await t.call<EntryDto>('journal:create', { kind: 'book' });
    expect(b2.body).toBe('## Quotes\n');
    expect((await t.fail('journal:kind-delete', { key: 'book' })).code).toBe('conflict');
    expect((await t.fail('journal:kind-delete', { key: 'daily' })).code).toBe('bad_request');
    expect((await t.fail('journal:create', { kind: 'nope' })).details?.issues?.[0]).toMatchObject({ path: 'kind' });
  });

  it('apply-template appends the template and fills empty fields as one explicit revision', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', {
      kind: 'note',
      title: 'Sync',
      body: 'Talked with Bob.',
      properties: { attendees: [] },
    });
    const r = await t.call<EntryDto>('journal:apply-template', {
      id: e.id,
      templateId: 'builtin-meeting',
      baseRevision: e.revision,
    });
    expect(r.body).toMatch(/^Talked with Bob\.\n\n## What happened/);
    expect(r.properties).toEqual({ attendees: [], place: '' });
    const revs = await t.call<{ reason: string }[]>('journal:revisions', { id: e.id });
    expect(revs.map((x) => x.reason)).toEqual(['template', 'create']);
  });
});

describe('saving, revisions and conflicts', () => {
  it('coalesces autosaves while typing continues, and keeps explicit actions apart', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Draft' });
    let rev = e.revision;
    let body = '';
    for (const word of ['one', 'two', 'three', 'four']) {
      t.tick(1_000);
      body += `${word} `;
      rev = (await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body })).revision;
    }
    let revs = await t.call<{ revision: number; reason: string; saves: number }[]>('journal:revisions', { id: e.id });
    expect(revs).toMatchObject([
      { revision: 5, reason: 'autosave', saves: 4 },
      { revision: 1, reason: 'create' },
    ]);
    // A pause longer than the window starts a new revision.
    t.tick(3 * 60_000);
    rev = (await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body: body + 'five' })).revision;
    // An explicit save is always its own revision, and the next autosave does not fold into it.
    rev = (await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body: body + 'five six', mode: 'save' }))
      .revision;
    t.tick(1_000);
    rev = (await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body: body + 'five six seven' })).revision;
    revs = await t.call('journal:revisions', { id: e.id });
    expect(revs.map((r) => r.reason)).toEqual(['autosave', 'save', 'autosave', 'autosave', 'create']);
    expect(revs[0]!.revision).toBe(rev);
    // Continuous typing still leaves a revision every ten minutes.
    for (let i = 0; i < 12; i++) {
      t.tick(60_000);
      rev = (await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body: body + `x${i}` })).revision;
    }
    revs = await t.call('journal:revisions', { id: e.id });
    expect(revs.filter((r) => r.reason === 'autosave').length).toBe(4);
    // A save that changes nothing makes no revision.
    const same = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: rev, body: body + 'x11' });
    expect(same.revision).toBe(rev);
  });

  it('never overwrites a newer revision: conflict carries the stored version; a retried save is recognised', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Shared', body: 'v1' });
    const a = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: 1, body: 'from window A' });
    const err = await t.fail('journal:save', { id: e.id, baseRevision: 1, body: 'from window B' });
    expect(err.code).toBe('conflict');
    expect(err.details?.current).toMatchObject({ id: e.id, revision: a.revision, body: 'from window A' });
    expect((await t.call<EntryDto>('journal:get', { id: e.id })).body).toBe('from window A');
    // The same save sent again (its answer was lost) is not a conflict.
    const retry = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: 1, body: 'from window A' });
    expect(retry.revision).toBe(a.revision);
    // Keep mine: saved on top, the other version stays in history.
    const mine = await t.call<EntryDto>('journal:save', {
      id: e.id,
      baseRevision: a.revision,
      body: 'from window B',
      mode: 'keep-mine',
    });
    expect(mine.body).toBe('from window B');
    const revs = await t.call<{ revision: number; reason: string }[]>('journal:revisions', { id: e.id });
    expect(revs.map((r) => r.reason)).toEqual(['keep-mine', 'autosave', 'create']);
    const theirs = await t.call<{ body: string }>('journal:revision', { id: e.id, revision: a.revision });
    expect(theirs.body).toBe('from window A');
  });

  it('restores any past version as a new revision', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Essay', body: 'first draft #idea' });
    t.tick(5 * 60_000);
    const s = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: 1, body: 'rewritten #final' });
    expect(s.tags).toEqual(['final']);
    const r = await t.call<EntryDto>('journal:restore-revision', { id: e.id, revision: 1, baseRevision: s.revision });
    expect(r).toMatchObject({ body: 'first draft #idea', tags: ['idea'], revision: 3 });
    const revs = await t.call<{ reason: string }[]>('journal:revisions', { id: e.id });
    expect(revs.map((x) => x.reason)).toEqual(['restore', 'autosave', 'create']);
    expect((await t.call<{ body: string }>('journal:revision', { id: e.id, revision: 2 })).body).toBe('rewritten #final');
    expect((await t.fail('journal:revision', { id: e.id, revision: 99 })).code).toBe('not_found');
  });

  it('emits data:changed and journal:entry-changed after each write', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Events' });
    let seenInside: unknown;
    t.c.events.on('journal:entry-changed', ({ id, action }) => {
      // The listener runs after commit: the row is readable with the new body (a purged one is gone).
      if (action === 'purged') return;
      seenInside = (t.c.context.store.sqlite.prepare('SELECT body FROM entries WHERE id = ?').get(id) as { body: string }).body;
    });
    t.events.length = 0;
    await t.call('journal:save', { id: e.id, baseRevision: 1, body: 'hello' });
    expect(seenInside).toBe('hello');
    expect(t.events).toEqual([
      { name: 'data:changed', payload: { domain: 'journal', ids: [e.id], action: 'save' } },
      { name: 'journal:entry-changed', payload: { id: e.id, action: 'saved', revision: 2 } },
    ]);
    t.events.length = 0;
    await t.call('journal:delete', { id: e.id });
    await t.call('journal:restore', { id: e.id });
    await t.call('journal:delete', { id: e.id });
    await t.call('journal:purge', { id: e.id });
    expect(
      t.events.filter((x) => x.name === 'journal:entry-changed').map((x) => (x.payload as { action: string }).action),
    ).toEqual(['deleted', 'restored', 'deleted', 'purged']);
  });
});

describe('trash', () => {
  it('moves to the trash, restores, purges and empties', async () => {
    const t = await core();
    const a = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Keep me', body: 'text' });
    const b = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Drop me', body: 'text' });
    await t.call('journal:delete', { id: a.id });
    await t.call('journal:delete', { id: b.id });
    expect((await t.call<{ total: number }>('journal:list', {})).total).toBe(0);
    expect((await t.call<{ items: { id: string }[] }>('journal:trash', {})).items.map((x) => x.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    // Editing a trashed entry is refused (a window that still shows it gets the current state).
    expect(await t.fail('journal:save', { id: a.id, baseRevision: 1, body: 'x' })).toMatchObject({
      code: 'conflict',
      details: { current: { deletedAt: expect.any(String) } },
    });
    const restored = await t.call<EntryDto>('journal:restore', { id: a.id });
    expect(restored.deletedAt).toBeNull();
    // Purging a live entry is refused.
    expect((await t.fail('journal:purge', { id: a.id })).code).toBe('bad_request');
    expect(await t.call('journal:empty-trash')).toEqual({ purged: 1 });
    expect((await t.fail('journal:get', { id: b.id })).code).toBe('not_found');
    expect(await t.sql(`SELECT count(*) FROM entry_revisions WHERE entry_id = '${b.id}'`)).toEqual([[0]]);
    expect((await t.call<{ total: number }>('journal:list', {})).total).toBe(1);
  });

  it('a trashed daily note cannot be restored over a newer one for the same day', async () => {
    const t = await core();
    const old = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    await t.call('journal:delete', { id: old.id });
    const fresh = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    expect(fresh.id).not.toBe(old.id);
    expect(await t.fail('journal:restore', { id: old.id })).toMatchObject({
      code: 'conflict',
      details: { existingId: fresh.id },
    });
    expect((await t.call<{ total: number }>('journal:trash', {})).total).toBe(1);
  });
});

describe('locked entries', () => {
  it('refuses rewriting a locked entry and appends dated edit notes instead', async () => {
    const t = await core();
    const e = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Then', body: 'What I believed in 2020.' });
    const locked = await t.call<EntryDto>('journal:lock', { id: e.id });
    expect(locked.locked).toBe(true);
    const err = await t.fail('journal:save', { id: e.id, baseRevision: locked.revision, body: 'What I believe now.' });
    expect(err.code).toBe('read_only');
    const noted = await t.call<EntryDto>('journal:append-edit-note', {
      id: e.id,
      text: 'I no longer think so.',
      date: '2026-11-25',
    });
    expect(noted.body).toBe('What I believed in 2020.\n\n[Edit: 2026-11-25] I no longer think so.');
    expect((await t.fail('journal:restore-revision', { id: e.id, revision: 1 })).code).toBe('read_only');
    // Other fields stay editable.
    expect(noted.isPublic).toBe(true); // posts start public
    const pub = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: noted.revision, isPublic: false });
    expect(pub.isPublic).toBe(false);
    const revs = await t.call<{ reason: string }[]>('journal:revisions', { id: e.id });
    expect(revs.map((r) => r.reason)).toEqual(['autosave', 'edit-note', 'lock', 'create']);
    const unlocked = await t.call<EntryDto>('journal:unlock', { id: e.id });
    expect(unlocked.locked).toBe(false);
    const rewritten = await t.call<EntryDto>('journal:save', { id: e.id, baseRevision: unlocked.revision, body: 'New text' });
    expect(rewritten.body).toBe('New text');
  });
});

describe('links, tags and backlinks', () => {
  it('derives tags (with series) from the body and the tags field', async () => {
    const t = await core();
    await t.call('journal:create', {
      kind: 'post',
      title: 'A',
      body: 'Reading #paper/ml and #读书 today. `#notatag`',
      properties: { tags: ['Weekly'] },
    });
    await t.call('journal:create', { kind: 'post', title: 'B', body: '#paper/nlp/llm notes #paper' });
    const tags = await t.call<{
      tags: { tag: string; count: number }[];
      tree: { path: string; total: number; children: { path: string; total: number; children: unknown[] }[] }[];
    }>('journal:tags');
    expect(tags.tags.map((x) => x.tag).sort()).toEqual(['paper', 'paper/ml', 'paper/nlp/llm', 'Weekly', '读书'].sort());
    const paper = tags.tree.find((n) => n.path === 'paper')!;
    expect(paper.total).toBe(2);
    expect(paper.children.map((c) => c.path)).toEqual(['paper/ml', 'paper/nlp']);
    const bySeries = await t.call<{ items: { title: string }[] }>('journal:list', { tag: 'paper' });
    expect(bySeries.items.map((i) => i.title).sort()).toEqual(['A', 'B']);
    const exact = await t.call<{ items: { title: string }[] }>('journal:list', { tag: 'paper/nlp' });
    expect(exact.items.map((i) => i.title)).toEqual(['B']);
    expect(await t.sql(`SELECT e.title FROM entries e JOIN entry_tags t ON t.entry_id = e.id WHERE t.tag = '读书'`)).toEqual([
      ['A'],
    ]);
  });

  it('backlinks: linked entries and unlinked mentions, in English and Chinese', async () => {
    const t = await core();
    const target = await t.call<EntryDto>('journal:create', { kind: 'note', title: 'Deep Work', body: 'Notes on the book.' });
    const zh = await t.call<EntryDto>('journal:create', { kind: 'note', title: '深度工作', body: '读书笔记' });
    const linker = await t.call<EntryDto>('journal:create', {
      kind: 'post',
      title: 'Monday',
      body: 'Read more of [[Deep Work|the book]] today.\nAlso [[深度工作]].',
    });
    const mention = await t.call<EntryDto>('journal:create', {
      kind: 'post',
      title: 'Tuesday',
      body: 'Thinking about deep work again. Not deepwork. 今天想到了深度工作的方法。',
    });
    await t.call('journal:create', { kind: 'post', title: 'Code', body: 'Ignore `Deep Work` in code.' });
    const bl = await t.call<{
      linked: { entry: { id: string }; contexts: string[] }[];
      unlinked: { entry: { id: string }; contexts: string[] }[];
    }>('journal:backlinks', {
      id: target.id,
    });
    expect(bl.linked.map((l) => l.entry.id)).toEqual([linker.id]);
    expect(bl.linked[0]!.contexts[0]).toContain('[[Deep Work|the book]]');
    expect(bl.unlinked.map((l) => l.entry.id)).toEqual([mention.id]);
    expect(bl.unlinked[0]!.contexts[0]).toContain('deep work again');
    const blZh = await t.call<typeof bl>('journal:backlinks', { id: zh.id });
    expect(blZh.linked.map((l) => l.entry.id)).toEqual([linker.id]);
    expect(blZh.unlinked.map((l) => l.entry.id)).toEqual([mention.id]);
    // A link written before its target existed resolves once the target appears.
    const later = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'Plans', body: 'See [[Future Note]].' });
    expect(await t.sql(`SELECT target_entry_id FROM entry_links WHERE from_entry_id = '${later.id}'`)).toEqual([[null]]);
    const future = await t.call<EntryDto>('journal:create', { kind: 'note', title: 'Future note' });
    expect(await t.sql(`SELECT target_entry_id FROM entry_links WHERE from_entry_id = '${later.id}'`)).toEqual([[future.id]]);
    // Trashing the target unresolves the link; backlinks skip trashed sources.
    await t.call('journal:delete', { id: linker.id });
    expect((await t.call<typeof bl>('journal:backlinks', { id: target.id })).linked).toEqual([]);
  });

  it('renaming an entry updates [[links]] to it in other entries, each as a revision, in one go', async () => {
    const t = await core();
    const target = await t.call<EntryDto>('journal:create', { kind: 'note', title: 'Old title' });
    const a = await t.call<EntryDto>('journal:create', {
      kind: 'post',
      title: 'A',
      body: 'See [[Old title]] and [[old title|that note]] and [[Old title#Part]].\n\n```\n[[Old title]]\n```',
    });
    const b = await t.call<EntryDto>('journal:create', { kind: 'paper', title: 'B', properties: { paper: '[[Old title]]' } });
    const c = await t.call<EntryDto>('journal:create', { kind: 'post', title: 'C', body: 'Nothing here about Old title links.' });
    const r = await t.call<{ title: string; linksUpdated: number; entriesUpdated: string[] }>('journal:rename', {
      id: target.id,
      title: '新的标题 New',
    });
    expect(r.title).toBe('新的标题 New');
    expect(r.linksUpdated).toBe(4);
    expect(r.entriesUpdated.sort()).toEqual([a.id, b.id].sort());
    const a2 = await t.call<EntryDto>('journal:get', { id: a.id });
    expect(a2.body).toBe(
      'See [[新的标题 New]] and [[新的标题 New|that note]] and [[新的标题 New#Part]].\n\n```\n[[Old title]]\n```',
    );
    expect(a2.revision).toBe(2);
    expect((await t.call<{ reason: string }[]>('journal:revisions', { id: a.id }))[0]!.reason).toBe('link-rename');
    expect((await t.call<EntryDto>('journal:get', { id: b.id })).properties.paper).toBe('[[新的标题 New]]');
    expect((await t.call<EntryDto>('journal:get', { id: c.id })).revision).toBe(1);
    const bl = await t.call<{ linked: { entry: { id: string } }[] }>('journal:backlinks', { id: target.id });
    expect(bl.linked.map((l) => l.entry.id).sort()).toEqual([a.id, b.id].sort());
    // A title that would break links is refused with a field message.
    expect((await t.fail('journal:rename', { id: target.id, title: 'a [[b]]' })).details?.issues?.[0]).toMatchObject({
      path: 'title',
    });
  });
});

describe('navigation: calendar, streak, on this day, titles, timeline', () => {
  it('marks days with writing, counts the streak and finds the same day in earlier years', async () => {
    const t = await core('2026-11-25T09:00:00.000Z');
    const write = async (date: string, kind = 'post', body = '写了一些字 and words') =>
      t.call<EntryDto>('journal:create', { kind, date, body, title: `${kind} ${date}` });
    for (const d of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']) await write(d);
    await write('2026-11-10', 'meeting');
    await write('2026-11-10', 'post');
    // A template-fresh daily note nobody wrote in does not count as writing.
    await t.call('journal:today', { date: '2026-11-25' });
    let streak = await t.call<{ current: number; longest: number; todayDone: boolean; lastDate: string }>('journal:streak', {
      today: '2026-11-25',
    });
    expect(streak).toEqual({ current: 5, longest: 5, todayDone: false, lastDate: '2026-11-24' });
    const today = await t.call<EntryDto>('journal:today', { date: '2026-11-25' });
    await t.call('journal:save', { id: today.id, baseRevision: today.revision, body: '今天很好。' });
    streak = await t.call('journal:streak', { today: '2026-11-25' });
    expect(streak).toMatchObject({ current: 6, longest: 6, todayDone: true });
    expect((await t.call<typeof streak>('journal:streak', { today: '2026-11-28' })).current).toBe(0);

    const cal = await t.call<{ days: { date: string; count: number; kinds: string[]; hasDaily: boolean; words: number }[] }>(
      'journal:calendar',
      { month: '2026-11' },
    );
    expect(cal.days.map((d) => d.date)).toEqual([
      '2026-11-10',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
    ]);
    expect(cal.days[0]).toMatchObject({ count: 2, hasDaily: false });
    expect(cal.days[0]!.kinds.sort()).toEqual(['meeting', 'post']);
    expect(cal.days.at(-1)).toMatchObject({ hasDaily: true, words: 4 });
    expect(cal.days[1]!.words).toBe(7); // 写了一些字 = 5 characters + "and words"

    await write('2025-11-25', 'post', '去年的今天');
    await write('2023-11-25', 'note', 'Three years ago');
    await write('2023-11-26', 'note', 'Not the same day');
    const otd = await t.call<{ years: { year: number; yearsAgo: number; entries: { title: string }[] }[] }>(
      'journal:on-this-day',
      { date: '2026-11-25' },
    );
    expect(otd.years.map((y) => [y.year, y.yearsAgo, y.entries.length])).toEqual([
      [2025, 1, 1],
      [2023, 3, 1],
    ]);
  });

  it('finds titles by prefix and words (Chinese too) for the quick switcher', async () => {
    const t = await core();
    await t.call('journal:create', { kind: 'meeting', title: 'Meeting with Alice' });
    await t.call('journal:create', { kind: 'post', title: 'Alice in Wonderland review' });
    await t.call('journal:create', { kind: 'post', title: '机器学习读书笔记' });
    await t.call('journal:create', { kind: 'post', title: 'Unrelated' });
    const hits = await t.call<{ kind: string; title: string; detail: string }[]>('journal:titles', { query: 'alice' });
    expect(hits.map((h) => h.title)).toEqual(['Alice in Wonderland review', 'Meeting with Alice']);
    expect(hits[0]).toMatchObject({ kind: 'entry' });
    expect(hits[1]!.detail).toMatch(/Meeting note/);
    expect((await t.call<{ title: string }[]>('journal:titles', { query: 'meet ali' })).map((h) => h.title)).toEqual([
      'Meeting with Alice',
    ]);
    expect((await t.call<{ title: string }[]>('journal:titles', { query: '读书' })).map((h) => h.title)).toEqual([
      '机器学习读书笔记',
    ]);
    expect((await t.call<unknown[]>('journal:titles', { query: '', limit: 2 })).length).toBe(2);
  });

  it('the quick switcher answers the same whether few titles match (read from the title index) or many', async () => {
    const t = await core();
    const ctx = t.c.context;
    const ids = new Map<string, string>();
    for (let i = 0; i < 1100; i++) {
      const e = createEntry(ctx, { kind: 'note', templateId: null, title: `Log ${i}`, body: '' });
      ids.set(e.title, e.id);
    }
    trashEntry(ctx, ids.get('Log 1085')!);
    trashEntry(ctx, ids.get('Log 7')!);
    type Hit = { title: string };
    // "log 108": 11 matches, found through the title index.
    const few = (await t.call<Hit[]>('journal:titles', { query: 'log 108', limit: 100 })).map((h) => h.title);
    expect(few[0]).toBe('Log 108');
    expect(few.slice(1).sort()).toEqual([
      'Log 1080',
      'Log 1081',
      'Log 1082',
      'Log 1083',
      'Log 1084',
      'Log 1086',
      'Log 1087',
      'Log 1088',
      'Log 1089',
    ]);
    // "log": every title matches, read newest first.
    const many = (await t.call<Hit[]>('journal:titles', { query: 'log', limit: 50 })).map((h) => h.title);
    expect(many).toHaveLength(50);
    expect(many).not.toContain('Log 7');
    expect(many.every((x) => /^Log \d+$/.test(x))).toBe(true);
    // Best first: a shorter title is a closer prefix match.
    expect(many.map((x) => x.length)).toEqual(many.map((x) => x.length).sort((x, y) => x - y));
  });

  it('lists the timeline with filters and paging', async () => {
    const t = await core();
    for (let i = 1; i <= 7; i++)
      await t.call('journal:create', {
        kind: i % 2 ? 'post' : 'note',
        date: `2026-11-0${i}`,
        title: `Entry ${i}`,
        body: `Body ${i} #t${i % 3}`,
        isPublic: i > 5,
      });
    const p1 = await t.call<{ items: { title: string; excerpt: string }[]; total: number; nextOffset: number | null }>(
      'journal:list',
      { limit: 3 },
    );
    expect(p1.items.map((i) => i.title)).toEqual(['Entry 7', 'Entry 6', 'Entry 5']);
    expect(p1.items[0]!.excerpt).toBe('Body 7 #t1');
    expect(p1).toMatchObject({ total: 7, nextOffset: 3 });
    const p3 = await t.call<typeof p1>('journal:list', { limit: 3, offset: 6 });
    expect(p3).toMatchObject({ nextOffset: null });
    expect((await t.call<typeof p1>('journal:list', { kind: 'note' })).total).toBe(3);
    expect((await t.call<typeof p1>('journal:list', { from: '2026-11-03', to: '2026-11-05' })).total).toBe(3);
    expect((await t.call<typeof p1>('journal:list', { isPublic: true })).items.map((i) => i.title)).toEqual([
      'Entry 7',
      'Entry 6',
    ]);
    expect((await t.call<typeof p1>('journal:list', { tag: 't0' })).items.map((i) => i.title)).toEqual(['Entry 6', 'Entry 3']);
  });
});
