import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { entryActivity } from '../../journal';
import { trackingCore, type TrackingCore } from '../../tracking/test-harness';
import { activityRegistry } from '../registry';
import type { DayTotal } from '../engine';

// The journal's activity is held in memory between evaluations and patched from the journal's events
// (providers/journal.ts): after every kind of change it must equal a fresh `entryActivity` read.

let t: TrackingCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const TODAY = '2026-06-10';

function held(c: TrackingCore, source: string): DayTotal[] {
  return activityRegistry(c.c.context)
    .dailyTotals(source, '1970-01-01', TODAY)
    .map((d) => ({ ...d }));
}

/** What a fresh read gives for the same source. */
function fresh(c: TrackingCore, source: string): DayTotal[] {
  const kind = source === 'journal.weeklyReview' ? 'weekly' : source.startsWith('journal.kind:') ? source.slice(13) : null;
  const out: DayTotal[] = [];
  for (const r of entryActivity(c.c.context, '1970-01-01', TODAY)) {
    if (kind && r.kind !== kind) continue;
    const last = out.at(-1);
    const d = last?.day === r.date ? last : (out[out.length] = { day: r.date, count: 0, sum: 0 });
    d.count += r.count;
    if (source === 'journal.words') d.sum += r.words;
  }
  return out;
}

function expectFresh(c: TrackingCore) {
  for (const s of ['journal.entry', 'journal.words', 'journal.kind:note', 'journal.weeklyReview'])
    expect(held(c, s), s).toEqual(fresh(c, s));
}

describe('journal activity held between evaluations', () => {
  it('follows saves, moves to another day, kind changes, the trash and entries written by others', async () => {
    const c = (t = await trackingCore(`${TODAY}T12:00:00.000Z`));
    const ids: { id: string; revision: number }[] = [];
    for (let i = 1; i <= 6; i++) {
      ids.push(
        await c.call('journal:create', {
          kind: 'note',
          date: `2026-06-0${i}`,
          title: `E${i}`,
          body: 'one two three',
          templateId: null,
        }),
      );
    }
    expectFresh(c);
    const save = async (i: number, patch: Record<string, unknown>) => {
      const e = ids[i]!;
      const r = await c.call<{ revision: number }>('journal:save', {
        id: e.id,
        baseRevision: e.revision,
        mode: 'save',
        ...patch,
      });
      e.revision = r.revision;
      expectFresh(c);
    };
    await save(0, { body: 'one two three four five six' }); // words change
    await save(1, { date: '2026-06-09' }); // moves to another day
    await save(2, { kind: 'weekly' }); // another kind, same day
    await save(3, { date: '2026-06-01', body: 'x' }); // joins another entry's day
    await c.call('journal:delete', { id: ids[4]!.id }); // to the trash
    expectFresh(c);
    await c.call('journal:restore', { id: ids[4]!.id });
    expectFresh(c);

    // Raw SQL on the same connection, without any event: an entry added that way still shows.
    c.c.context.store.sqlite
      .prepare(
        `INSERT INTO entries (id, kind, title, title_key, date, word_count, created_at, updated_at, revision) VALUES ('raw', 'note', 'Raw', 'raw', '2026-06-03', 40, 'x', 'x', 2)`,
      )
      .run();
    expectFresh(c);

    // Another connection (the CLI) writes: no events reach this process.
    const other = new Database(c.c.context.store.file);
    try {
      other.prepare(`UPDATE entries SET word_count = 99, date = '2026-05-20' WHERE id = ?`).run(ids[5]!.id);
    } finally {
      other.close();
    }
    expectFresh(c);
  });

  it("patches only the days written, over a long run of mixed writes, and keeps an unchanged source's list", async () => {
    const c = (t = await trackingCore(`${TODAY}T12:00:00.000Z`));
    const ctx = c.c.context;
    const sources = ['journal.entry', 'journal.words', 'journal.kind:note', 'journal.weeklyReview'];
    const list = (s: string) => activityRegistry(ctx).dailyTotals(s, '1970-01-01', TODAY);
    const day = (i: number) => `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`;
    const ids: { id: string; revision: number; live: boolean }[] = [];
    for (let i = 0; i < 12; i++) {
      const e = await c.call<{ id: string; revision: number }>('journal:create', {
        kind: i % 4 === 0 ? 'weekly' : 'note',
        date: day(i * 3),
        title: `E${i}`,
        body: 'word '.repeat(i + 1),
        templateId: null,
      });
      ids.push({ ...e, live: true });
    }
    expectFresh(c);

    // A save that changes words only: entry counts are the same list; words a new one, the old untouched.
    const entries = list('journal.entry');
    const words = list('journal.words');
    const wordsBefore = words.map((d) => ({ ...d }));
    const first = ids[0]!;
    first.revision = (
      await c.call<{ revision: number }>('journal:save', { id: first.id, baseRevision: first.revision, body: 'a b c d e f g' })
    ).revision;
    expect(list('journal.entry')).toBe(entries);
    expect(list('journal.words')).not.toBe(words);
    expect(words).toEqual(wordsBefore);
    expectFresh(c);

    // An entry alone on its day to the trash and back: the day leaves every list, then returns.
    await c.call('journal:delete', { id: ids[1]!.id });
    expect(list('journal.entry').some((d) => d.day === day(3))).toBe(false);
    expectFresh(c);
    await c.call('journal:restore', { id: ids[1]!.id });
    for (const s of sources) list(s);
    expectFresh(c);

    // Deterministic run of saves, moves (onto empty days and off them), kind changes, trash and restore.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 60; step++) {
      const e = ids[next(ids.length)]!;
      const op = next(6);
      if (!e.live || op === 5) {
        await c.call(e.live ? 'journal:delete' : 'journal:restore', { id: e.id });
        e.live = !e.live;
      } else {
        const patch =
          op === 0
            ? { body: 'w '.repeat(next(30)) }
            : op === 1 || op === 2
              ? { date: day(next(40)) }
              : op === 3
                ? { kind: next(2) === 0 ? 'weekly' : 'note' }
                : { date: day(next(40)), body: 'v '.repeat(next(9)) };
        e.revision = (
          await c.call<{ revision: number }>('journal:save', { id: e.id, baseRevision: e.revision, ...patch })
        ).revision;
      }
      for (const s of sources) list(s); // held, so the next write patches them
      expectFresh(c);
    }
  });
});
