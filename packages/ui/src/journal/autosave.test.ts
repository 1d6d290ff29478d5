import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryDto } from '@folio/core/contract';
import { AutosaveController, planRecovery, readDraft, type SavePayload, type SaveStatus } from './autosave';

function entry(over: Partial<EntryDto> = {}): EntryDto {
  return {
    id: 'e1',
    kind: 'post',
    title: 'T',
    date: '2026-11-25',
    time: null,
    isPublic: false,
    locked: false,
    wordCount: 0,
    tags: [],
    excerpt: '',
    createdAt: '',
    updatedAt: '',
    tzOffsetMinutes: 0,
    revision: 1,
    deletedAt: null,
    pristine: false,
    body: '',
    properties: {},
    templateId: null,
    sourceKey: null,
    ...over,
  };
}

class MemoryStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** A fake backend holding one entry, with the real rules: stale base = conflict unless it already holds the fields. */
function backend() {
  let stored = entry();
  const calls: SavePayload[] = [];
  let down = false;
  let dropAnswer = false;
  return {
    get stored() {
      return stored;
    },
    set stored(e: EntryDto) {
      stored = e;
    },
    calls,
    setDown(v: boolean) {
      down = v;
    },
    dropNextAnswer() {
      dropAnswer = true;
    },
    async save(p: SavePayload): Promise<EntryDto> {
      calls.push(p);
      if (down) throw { code: 'io_error', message: 'unreachable' };
      const { id: _i, baseRevision, mode: _m, ...fields } = p;
      const holds = Object.entries(fields).every(
        ([k, v]) => JSON.stringify((stored as unknown as Record<string, unknown>)[k]) === JSON.stringify(v),
      );
      if (baseRevision !== stored.revision) {
        if (holds) return stored;
        throw { code: 'conflict', message: 'changed elsewhere', details: { current: stored } };
      }
      if (!holds) stored = { ...stored, ...fields, revision: stored.revision + 1 };
      if (dropAnswer) {
        dropAnswer = false;
        throw { code: 'io_error', message: 'connection reset' };
      }
      return stored;
    },
  };
}

describe('AutosaveController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(b = backend()) {
    const storage = new MemoryStorage();
    const statuses: SaveStatus[] = [];
    const conflicts: unknown[] = [];
    const c = new AutosaveController({
      entryId: 'e1',
      baseRevision: b.stored.revision,
      save: (p) => b.save(p),
      storage,
      onStatus: (s) => statuses.push(s),
      onConflict: (cur, mine) => conflicts.push({ cur, mine }),
      now: () => Date.now(),
    });
    return { c, b, storage, statuses, conflicts };
  }

  it('saves 500 ms after the last keystroke, and at least every 800 ms while typing continues', async () => {
    const { c, b } = setup();
    c.edit({ body: 'a' });
    await vi.advanceTimersByTimeAsync(499);
    expect(b.calls.length).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.calls.map((x) => x.body)).toEqual(['a']);
    // Continuous typing, a key every 100 ms for 3 s: a save lands at least every 800 ms.
    let text = 'a';
    for (let i = 0; i < 30; i++) {
      text += 'b';
      c.edit({ body: text });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(b.calls.length).toBeGreaterThanOrEqual(4);
    await vi.advanceTimersByTimeAsync(600);
    expect(b.stored.body).toBe(text);
    expect(c.getStatus().state).toBe('saved');
  });

  it('keeps every edit in a local draft until the backend confirms it', async () => {
    const { c, storage } = setup();
    c.edit({ body: 'hello' });
    expect(readDraft(storage, 'e1')).toMatchObject({ baseRevision: 1, fields: { body: 'hello' } });
    await vi.advanceTimersByTimeAsync(600);
    expect(readDraft(storage, 'e1')).toBeNull();
  });

  it('offline: keeps the text locally, retries with backoff, and re-sends the unanswered save first', async () => {
    const { c, b, storage } = setup();
    c.edit({ body: 'one' });
    b.dropNextAnswer(); // the save lands but the answer is lost
    await vi.advanceTimersByTimeAsync(500);
    expect(b.stored.body).toBe('one');
    expect(c.getStatus().state).toBe('offline');
    b.setDown(true);
    c.edit({ body: 'one two' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(c.getStatus().state).toBe('offline');
    const d = readDraft(storage, 'e1')!;
    expect(d).toMatchObject({
      baseRevision: 1,
      fields: { body: 'one two' },
      inflight: { baseRevision: 1, fields: { body: 'one' } },
    });
    b.setDown(false);
    await vi.advanceTimersByTimeAsync(9000);
    // The re-sent save was recognised (no conflict), then the rest went on top.
    expect(b.stored).toMatchObject({ body: 'one two', revision: 3 });
    expect(c.getStatus().state).toBe('saved');
    expect(readDraft(storage, 'e1')).toBeNull();
  });

  it('stops on a conflict and never overwrites; keep mine saves on top', async () => {
    const { c, b, conflicts } = setup();
    b.stored = { ...b.stored, body: 'from the CLI', revision: 2 };
    c.edit({ body: 'mine' });
    await vi.advanceTimersByTimeAsync(600);
    expect(c.getStatus().state).toBe('conflict');
    expect(b.stored.body).toBe('from the CLI');
    expect(conflicts).toMatchObject([{ cur: { revision: 2 }, mine: { body: 'mine' } }]);
    c.edit({ body: 'mine, more' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(b.stored.body).toBe('from the CLI');
    c.keepMine(b.stored);
    await vi.advanceTimersByTimeAsync(10);
    expect(b.stored).toMatchObject({ body: 'mine, more', revision: 3 });
    expect(b.calls.at(-1)!.mode).toBe('keep-mine');
  });

  it('flush sends at once and resolves when saved', async () => {
    const { c, b } = setup();
    c.edit({ body: 'x' });
    const p = c.flush();
    await vi.advanceTimersByTimeAsync(0);
    await p;
    expect(b.stored.body).toBe('x');
  });
});

describe('planRecovery', () => {
  const base = { v: 1 as const, entryId: 'e1', updatedAt: 0 };
  it('pushes a draft whose base is the stored revision', () => {
    expect(planRecovery({ ...base, baseRevision: 4, fields: { body: 'x' }, inflight: null }, entry({ revision: 4 }))).toEqual({
      action: 'push',
      baseRevision: 4,
      fields: { body: 'x' },
    });
  });
  it('recognises a save that landed without its answer', () => {
    const d = { ...base, baseRevision: 4, fields: { body: 'abc' }, inflight: { baseRevision: 4, fields: { body: 'ab' } } };
    expect(planRecovery(d, entry({ revision: 5, body: 'ab' }))).toMatchObject({ action: 'push', baseRevision: 5 });
  });
  it('asks when the entry moved on for another reason, and drops a draft already saved', () => {
    const d = { ...base, baseRevision: 4, fields: { body: 'abc' }, inflight: null };
    expect(planRecovery(d, entry({ revision: 6, body: 'other' }))).toMatchObject({ action: 'conflict' });
    expect(planRecovery(d, entry({ revision: 6, body: 'abc' }))).toEqual({ action: 'none' });
  });
});
