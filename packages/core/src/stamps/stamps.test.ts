import { afterEach, describe, expect, it } from 'vitest';
import type { RuleCheckDto, StampDto } from '../contract';
import { trackingCore, type TrackingCore } from '../tracking/test-harness';
import { encodePng } from './art';
import { activityRegistry, ActivityRegistry, registerActivityProvider, type ActivityProvider } from './registry';
import { flushStamps } from './service';

let t: TrackingCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function core(start?: string) {
  t = await trackingCore(start);
  return t;
}

const byId = (list: StampDto[], id: string) => list.find((s) => s.id === id)!;

describe('the collection', () => {
  it('ships the starter set, locked, with drawn pictures and rules in words', async () => {
    const { call } = await core();
    const list = await call<StampDto[]>('stamps:list');
    expect(list.length).toBeGreaterThanOrEqual(18);
    for (const id of [
      'papers-30-month',
      'journal-streak-7',
      'veggie-week',
      'first-highlight',
      'weekly-reviews-10',
      'focus-100h',
    ]) {
      const s = byId(list, id);
      expect(s).toMatchObject({ builtIn: true, earned: false, broken: null });
      expect(s.image.dataUrl).toMatch(/^data:image\/png;base64,/);
      expect(s.ruleText.length).toBeGreaterThan(5);
    }
    expect(byId(list, 'focus-100h').ruleText).toBe('Focused (productive) time: 100 hours in total');
  });

  it('user stamps: rules validated field by field, a live preview, and an edited rule is judged again', async () => {
    const { call, fail } = await core();
    const bad = await fail('stamps:save', {
      name: '',
      rule: { kind: 'count', source: 'time.focus', target: -3, window: { type: 'rollingDays', days: 0 } },
      art: { type: 'pixel', spec: { text: '' } },
    });
    const paths = bad.details!.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'rule.target', 'rule.window.days', 'art.spec.text']));
    const check = await call<RuleCheckDto>('stamps:check-rule', { rule: { kind: 'streak', source: 'metric:mood', days: 3 } });
    expect(check).toMatchObject({
      ok: true,
      description: 'Mood every day, 3 days in a row',
      broken: null,
      preview: { current: 0, target: 3 },
    });
    const invalid = await call<RuleCheckDto>('stamps:check-rule', { rule: { kind: 'streak', source: 'metric:mood' } });
    expect(invalid.issues).toEqual([{ path: 'days', message: 'A streak needs exactly one of days, weeks or months' }]);

    for (const day of ['2026-06-08', '2026-06-09', '2026-06-10'])
      await call('tracking:log', { metric: 'mood', value: '4', date: day });
    const s = await call<StampDto>('stamps:save', {
      name: 'Steady mood',
      description: 'Log mood three days running.',
      rule: { kind: 'streak', source: 'metric:mood', days: 3 },
      art: { type: 'pixel', spec: { text: 'Steady', icon: 'heart', palette: 'rose' } },
    });
    expect(s).toMatchObject({ id: 'steady-mood', earned: true, earnedAt: '2026-06-10', builtIn: false });
    const edited = await call<StampDto>('stamps:save', {
      ...s,
      rule: { kind: 'streak', source: 'metric:mood', days: 5 },
      art: s.art,
    });
    expect(edited).toMatchObject({ earned: false, current: 3, target: 5 });
    await call('stamps:delete', { id: s.id });
    expect((await call<StampDto[]>('stamps:list')).some((x) => x.id === s.id)).toBe(false);
  });

  it('a custom image must be an uploaded picture', async () => {
    const { call, fail, c } = await core();
    const png = encodePng(2, 2, new Uint8Array(12).fill(200), 3);
    const blob = c.context.blobs.put(png);
    const s = await call<StampDto>('stamps:save', {
      name: 'My own',
      rule: { kind: 'first', source: 'spend.entry' },
      art: { type: 'image', file: blob.sha256, alt: 'A drawing' },
    });
    expect(s.image).toEqual({ blob: blob.sha256, alt: 'A drawing' });
    const text = c.context.blobs.put(new TextEncoder().encode('not an image at all'));
    const e = await fail('stamps:save', {
      name: 'x',
      rule: { kind: 'first', source: 'spend.entry' },
      art: { type: 'image', file: text.sha256 },
    });
    expect(e.details!.issues).toEqual([{ path: 'art.file', message: 'That file is not a PNG, JPEG, GIF or WebP image' }]);
  });

  it('deleted starter stamps stay deleted until restored', async () => {
    const { call } = await core();
    await call('stamps:delete', { id: 'first-paper' });
    expect((await call<StampDto[]>('stamps:list')).some((s) => s.id === 'first-paper')).toBe(false);
    const restored = await call<StampDto[]>('stamps:reset-starter');
    expect(restored.some((s) => s.id === 'first-paper')).toBe(true);
  });

  it('draws badge previews and refuses a bad spec on its field', async () => {
    const { call, fail } = await core();
    expect((await call('stamps:badge', { spec: { text: 'Hi', icon: 'leaf' }, scale: 2 })).dataUrl).toMatch(
      /^data:image\/png;base64,/,
    );
    const e = await fail('stamps:badge', { spec: { text: 'Hi', palette: 'nope' } });
    expect(e.details!.issues![0]!.path).toBe('spec.palette');
  });

  it('marks celebrations seen', async () => {
    const { call } = await core();
    await call('tracking:spend-save', { amount: '5', currency: 'USD', project: 'P', category: 'DATA', date: '2026-06-10' });
    expect(byId(await call('stamps:list'), 'first-experiment-cost')).toMatchObject({ earned: true, unseen: true });
    expect(await call('stamps:seen', { ids: ['first-experiment-cost'] })).toEqual({ seen: 1 });
    expect(byId(await call('stamps:list'), 'first-experiment-cost').unseen).toBe(false);
  });
});

describe('activity providers of other domains', () => {
  it('a source nobody provides reads as empty and unavailable', () => {
    const r = new ActivityRegistry();
    expect(r.isAvailable('papers.finished')).toBe(false);
    expect(r.dailyTotals('papers.finished', '2026-01-01', '2026-12-31')).toEqual([]);
    expect(r.sourcesForDomain('papers', [])).toEqual([]);
  });

  /** What the papers helper will register: a provider over its own tables (here, an array). */
  function fakePapers(): ActivityProvider & { finish(day: string, id: string, title: string): void } {
    const rows: { day: string; id: string; title: string }[] = [];
    return {
      id: 'papers',
      sources: ['papers.added', 'papers.finished', 'papers.highlight'],
      domains: ['papers'],
      finish(day, id, title) {
        rows.push({ day, id, title });
      },
      dailyTotals(source, from, to) {
        if (source !== 'papers.finished' && source !== 'papers.added') return [];
        const m = new Map<string, number>();
        for (const r of rows) if (r.day >= from && r.day <= to) m.set(r.day, (m.get(r.day) ?? 0) + 1);
        return [...m.entries()].sort().map(([day, count]) => ({ day, count, sum: 0 }));
      },
      items(source, days) {
        return rows.filter((r) => days.includes(r.day)).map((r) => ({ type: 'paper', id: r.id, title: r.title, day: r.day }));
      },
    };
  }

  it('a generic data:changed from a registered domain re-evaluates its stamps', async () => {
    const t = await core();
    const papers = fakePapers();
    activityRegistry(t.c.context).unregister('papers'); // the real library, replaced by a stand-in
    registerActivityProvider(t.c.context, papers);
    papers.finish('2026-06-09', 'p1', 'Rail safety, revisited');
    t.c.events.emit('data:changed', { domain: 'papers', ids: ['p1'] });
    await t.settle();
    const first = t.events.find((e) => e.name === 'stamps:earned');
    expect(first?.payload).toMatchObject({
      stamp: { id: 'first-paper' },
      earnedAt: '2026-06-09',
      evidence: { items: [{ type: 'paper', id: 'p1', title: 'Rail safety, revisited' }] },
    });
    const goal = await t.call('tracking:goal-save', {
      name: 'Papers',
      source: 'papers.finished',
      measure: 'count',
      month: '2026-06',
      target: 30,
    });
    expect(goal).toMatchObject({ sourceAvailable: true, progress: { current: 1 } });
    const review = await t.call('tracking:week-review', { weekOf: '2026-06-09' });
    expect(review.papers).toMatchObject({
      available: true,
      finished: [{ id: 'p1', title: 'Rail safety, revisited', day: '2026-06-09' }],
    });
  });

  it('a precise activity:changed event touches only the stamps reading those sources', async () => {
    const t = await core();
    await t.call('stamps:list'); // every state fresh
    const papers = fakePapers();
    activityRegistry(t.c.context).unregister('papers');
    registerActivityProvider(t.c.context, papers);
    papers.finish('2026-06-10', 'p2', 'A paper');
    const before = t.events.length;
    t.c.events.emit('activity:changed', { sources: ['papers.finished'], day: '2026-06-10' });
    await t.settle();
    const changed = t.events
      .slice(before)
      .filter((e) => e.name === 'data:changed' && (e.payload as { domain: string }).domain === 'stamps');
    expect(changed).toHaveLength(1);
    expect((changed[0]!.payload as { ids: string[] }).ids.sort()).toEqual(['papers-100', 'papers-30-month']);
  });
});

describe('stored stamp states', () => {
  it('the stored evidence follows every write, whether its days changed or only the figures', async () => {
    const { call, c } = await core('2026-06-10T12:00:00.000Z');
    const db = c.context.store.sqlite;
    const s = await call<StampDto>('stamps:save', {
      name: 'Many words',
      rule: { kind: 'total', source: 'journal.words', unit: 'words', target: 1_000_000 },
      art: { type: 'pixel', spec: { text: 'Words' } },
    });
    /** Days with words and their sum, by plain SQL over the entries. */
    const expected = () => {
      const rows = db
        .prepare(
          `SELECT date, sum(word_count) AS words FROM entries
           WHERE deleted_at IS NULL AND NOT (template_id IS NOT NULL AND revision = 1) GROUP BY date ORDER BY date`,
        )
        .all() as { date: string; words: number }[];
      return {
        days: rows.filter((r) => r.words > 0).map((r) => r.date),
        current: rows.reduce((n, r) => n + r.words, 0),
      };
    };
    const stored = () => {
      flushStamps(c.context);
      const row = db.prepare(`SELECT evidence, current FROM stamp_states WHERE stamp_id = ?`).get(s.id) as {
        evidence: string;
        current: number;
      };
      return { days: (JSON.parse(row.evidence) as { days: string[] }).days, current: row.current };
    };
    const a = await call<{ id: string; revision: number }>('journal:create', {
      kind: 'note',
      date: '2026-06-01',
      title: 'A',
      body: 'one two',
      templateId: null,
    });
    expect(stored()).toEqual(expected());
    let revision = a.revision;
    for (const body of ['one two three', 'one', 'one two three four five']) {
      // Same days, other figures: the evidence is written as it was.
      revision = (await call<{ revision: number }>('journal:save', { id: a.id, baseRevision: revision, body })).revision;
      expect(stored()).toEqual(expected());
    }
    const b = await call<{ id: string; revision: number }>('journal:create', {
      kind: 'note',
      date: '2026-06-03',
      title: 'B',
      body: 'three more words',
      templateId: null,
    });
    expect(stored()).toEqual(expected());
    await call('journal:save', { id: b.id, baseRevision: b.revision, date: '2026-05-30', body: 'three more words now' });
    expect(stored()).toEqual(expected());
    await call('journal:save', { id: a.id, baseRevision: revision, body: '' });
    expect(stored()).toEqual(expected());
    expect(stored().days).toEqual(['2026-05-30']);
  });
});
