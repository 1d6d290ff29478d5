import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DashboardDto, HabitDto } from '../contract';
import { activityRegistry, type DayTotal } from '../stamps';
import { addDays } from './logic';
import { trackingCore, type TrackingCore } from './test-harness';

// The in-memory caches of per-day totals and habit state (changes.ts) must never answer anything
// but what the tables hold, whoever wrote them: these tests compare them with plain SQL after each
// kind of write.

let t: TrackingCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

const TODAY = '2026-06-10';

async function core() {
  t = await trackingCore(`${TODAY}T12:00:00.000Z`);
  await t.call('tracking:metrics'); // seeds the metrics
  return t;
}

/** Raw SQL on the core's own connection, bypassing the services (and their events). */
function raw(c: TrackingCore, sql: string, ...params: unknown[]) {
  return c.c.context.store.sqlite.prepare(sql).run(...params);
}

function totals(c: TrackingCore, source: string, from = '1970-01-01', to = TODAY): DayTotal[] {
  return activityRegistry(c.c.context)
    .dailyTotals(source, from, to)
    .map((d) => ({ ...d }));
}

/** The same totals straight from SQL (a fresh statement on the core's connection). */
async function sqlTotals(c: TrackingCore, sql: string, ...params: (string | number)[]): Promise<DayTotal[]> {
  const rows = c.c.context.store.sqlite
    .prepare(sql)
    .raw()
    .all(...params) as [string, number, number][];
  return rows.map(([day, count, sum]) => ({ day, count, sum }));
}

const metricSql = `SELECT date, 1, value FROM metric_values WHERE metric_id = ? AND date BETWEEN '1970-01-01' AND ? ORDER BY date`;
const focusSql = `SELECT day, count(*), sum(minutes) FROM time_blocks WHERE productive = 1 AND day BETWEEN '1970-01-01' AND ? GROUP BY day ORDER BY day`;

describe('tracking change log', () => {
  it('records one row per written row, and none for an update that changes nothing a total reads', async () => {
    const c = await core();
    const before = (await c.sql(`SELECT coalesce(max(seq), 0) FROM tracking_changes`))[0]![0] as number;
    await c.call('tracking:checkin', { date: '2026-06-09', values: { vegetables: '2', mood: '4' } });
    await c.call('tracking:time-log-save', { day: '2026-06-09', text: '09:00 reading #research\n10:00 done' });
    raw(c, `UPDATE metric_values SET updated_at = 'x' WHERE metric_id = 'mood'`);
    const rows = await c.sql(`SELECT kind, ref, day FROM tracking_changes WHERE seq > ? ORDER BY seq`, [before]);
    expect(rows).toEqual([
      ['metric', 'vegetables', '2026-06-09'],
      ['metric', 'mood', '2026-06-09'],
      ['time', 'research', '2026-06-09'],
      ['time', 'other', '2026-06-09'],
    ]);
  });

  it('cascaded deletes are logged too', async () => {
    const c = await core();
    await c.call('tracking:metric-save', { id: 'pages', name: 'Pages', kind: 'count', isNew: true });
    await c.call('tracking:checkin', { date: '2026-06-09', values: { pages: '12' } });
    const before = (await c.sql(`SELECT max(seq) FROM tracking_changes`))[0]![0] as number;
    raw(c, `DELETE FROM metrics WHERE id = 'pages'`);
    const rows = await c.sql(`SELECT kind, ref, day FROM tracking_changes WHERE seq > ? ORDER BY seq`, [before]);
    expect(rows).toContainEqual(['metric', 'pages', '2026-06-09']);
    expect(rows).toContainEqual(['metricdef', 'pages', null]);
  });
});

describe('cached per-day totals', () => {
  it('follow writes through the services, raw SQL and another connection', async () => {
    const c = await core();
    for (let i = 0; i < 20; i++) {
      await c.call('tracking:checkin', { date: addDays(TODAY, -i), values: { vegetables: String(i % 4) } });
    }
    await c.call('tracking:time-log-save', { day: '2026-06-01', text: '09:00 paper #research\n11:00 lunch #break\n12:00 done' });
    expect(totals(c, 'metric:vegetables')).toEqual(await sqlTotals(c, metricSql, 'vegetables', TODAY));
    expect(totals(c, 'time.focus')).toEqual(await sqlTotals(c, focusSql, TODAY));

    // Through the service: one day changes.
    await c.call('tracking:checkin', { date: '2026-06-05', values: { vegetables: '9' } });
    expect(totals(c, 'metric:vegetables').find((d) => d.day === '2026-06-05')?.sum).toBe(9);

    // Raw SQL on the same connection, no event at all.
    raw(c, `UPDATE metric_values SET value = 7 WHERE metric_id = 'vegetables' AND date = '2026-06-04'`);
    raw(c, `DELETE FROM metric_values WHERE metric_id = 'vegetables' AND date = '2026-06-03'`);
    raw(
      c,
      `INSERT INTO metric_values (metric_id, date, value, created_at, updated_at) VALUES ('vegetables', '2020-01-01', 5, 'x', 'x')`,
    );
    raw(c, `UPDATE time_blocks SET productive = 0 WHERE day = '2026-06-01'`);
    expect(totals(c, 'metric:vegetables')).toEqual(await sqlTotals(c, metricSql, 'vegetables', TODAY));
    expect(totals(c, 'time.focus')).toEqual(await sqlTotals(c, focusSql, TODAY));

    // Another connection (the CLI, another window) writes.
    const other = new Database(c.c.context.store.file);
    try {
      other.prepare(`UPDATE metric_values SET value = 1 WHERE metric_id = 'vegetables' AND date = '2026-06-02'`).run();
      other
        .prepare(
          `INSERT INTO time_blocks (day, start_min, end_min, minutes, category, productive, source, created_at) VALUES ('2026-06-02', 60, 120, 60, 'research', 1, 'log', 'x')`,
        )
        .run();
    } finally {
      other.close();
    }
    expect(totals(c, 'metric:vegetables')).toEqual(await sqlTotals(c, metricSql, 'vegetables', TODAY));
    expect(totals(c, 'time.focus')).toEqual(await sqlTotals(c, focusSql, TODAY));
    // Any range is a slice of the held history.
    expect(totals(c, 'metric:vegetables', '2026-06-02', '2026-06-06')).toEqual(
      await sqlTotals(
        c,
        `SELECT date, 1, value FROM metric_values WHERE metric_id = 'vegetables' AND date BETWEEN '2026-06-02' AND '2026-06-06' ORDER BY date`,
      ),
    );
  });

  it('are not kept from inside a transaction that rolls back', async () => {
    const c = await core();
    await c.call('tracking:checkin', { date: '2026-06-09', values: { vegetables: '2' } });
    expect(totals(c, 'metric:vegetables')).toEqual([{ day: '2026-06-09', count: 1, sum: 2 }]);
    const db = c.c.context.store.sqlite;
    let inside: DayTotal[] = [];
    expect(() =>
      db.transaction(() => {
        raw(c, `UPDATE metric_values SET value = 3 WHERE metric_id = 'vegetables'`);
        inside = totals(c, 'metric:vegetables');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(inside).toEqual([{ day: '2026-06-09', count: 1, sum: 3 }]);
    expect(totals(c, 'metric:vegetables')).toEqual([{ day: '2026-06-09', count: 1, sum: 2 }]);
    // The next write after the rollback is still seen.
    raw(c, `UPDATE metric_values SET value = 4 WHERE metric_id = 'vegetables'`);
    expect(totals(c, 'metric:vegetables')).toEqual([{ day: '2026-06-09', count: 1, sum: 4 }]);
  });

  it('start over when the log was pruned past what they saw', async () => {
    const c = await core();
    await c.call('tracking:checkin', { date: '2026-06-09', values: { vegetables: '2' } });
    expect(totals(c, 'metric:vegetables')).toHaveLength(1);
    const db = c.c.context.store.sqlite;
    const insert = db.prepare(
      `INSERT INTO metric_values (metric_id, date, value, created_at, updated_at) VALUES ('vegetables', ?, 1, 'x', 'x')`,
    );
    db.transaction(() => {
      for (let i = 1; i <= 6000; i++) insert.run(addDays('2000-01-01', i));
    })();
    expect((await c.sql(`SELECT count(*) FROM tracking_changes`))[0]![0]).toBeLessThan(6000);
    expect(totals(c, 'metric:vegetables')).toEqual(await sqlTotals(c, metricSql, 'vegetables', TODAY));
  });
});

describe('cached habit state', () => {
  it('the dashboard and the habits list follow check-ins, skips and their activity source', async () => {
    const c = await core();
    const veg = await c.call<HabitDto>('tracking:habit-save', {
      name: 'Vegetables',
      schedule: { type: 'daily' },
      source: { type: 'activity', source: 'metric:vegetables', measure: 'sum' },
      startDate: '2026-05-01',
    });
    const read = await c.call<HabitDto>('tracking:habit-save', {
      name: 'Read',
      schedule: { type: 'perWeek', times: 2 },
      source: { type: 'checkin' },
      startDate: '2026-05-01',
    });
    const card = async (id: string) =>
      (await c.call<DashboardDto>('tracking:dashboard', { range: 'month', anchor: TODAY })).habits.find((h) => h.id === id)!;
    const listed = async (id: string) => (await c.call<HabitDto[]>('tracking:habits')).find((h) => h.id === id)!;

    expect((await card(veg.id)).streaks.current).toBe(0);
    for (const d of ['2026-06-07', '2026-06-08', '2026-06-09'])
      await c.call('tracking:checkin', { date: d, values: { vegetables: '1' } });
    expect((await card(veg.id)).streaks.current).toBe(3);
    expect((await listed(veg.id)).streaks.current).toBe(3);
    // A raw write to the source the habit counts: seen at once.
    raw(c, `DELETE FROM metric_values WHERE metric_id = 'vegetables' AND date = '2026-06-08'`);
    expect((await card(veg.id)).streaks.current).toBe(1);
    expect((await listed(veg.id)).streaks.current).toBe(1);

    const before = (await card(read.id)).score;
    await c.call('tracking:habit-check', { habitId: read.id, date: '2026-06-09' });
    const after = await card(read.id);
    expect(after.score).toBeGreaterThan(before);
    expect((await listed(read.id)).score).toBe(after.score);
    await c.call('tracking:habit-check', { habitId: read.id, date: '2026-06-09', done: false });
    expect((await card(read.id)).score).toBe(before);
  });

  it('the dashboard cuts habit weeks on the week-start setting, like the habits list', async () => {
    const c = await core();
    const h = await c.call<HabitDto>('tracking:habit-save', {
      name: 'Run',
      schedule: { type: 'perWeek', times: 1 },
      source: { type: 'checkin' },
      startDate: '2026-05-01',
    });
    // Sunday 2026-06-07 only: with Monday weeks it belongs to the week of 06-01, with Sunday weeks to 06-07's.
    await c.call('tracking:habit-check', { habitId: h.id, date: '2026-06-07' });
    const streak = async () => {
      const dash = await c.call<DashboardDto>('tracking:dashboard', { range: 'month', anchor: TODAY });
      const list = await c.call<HabitDto[]>('tracking:habits');
      return [dash.habits.find((x) => x.id === h.id)!.streaks, list.find((x) => x.id === h.id)!.streaks];
    };
    const [mondayDash, mondayList] = await streak();
    expect(mondayDash).toEqual(mondayList);
    await c.call('settings:set', { values: { 'tracking.weekStartsOn': 0 } });
    const [sundayDash, sundayList] = await streak();
    expect(sundayDash).toEqual(sundayList);
    expect(sundayDash!.currentStart).toBe('2026-06-07');
    expect(mondayDash!.currentStart).toBe('2026-06-01');
  });
});

describe('cached and fresh answers agree', () => {
  it('after a run of mixed writes, the dashboard and the habits equal what an empty cache computes', async () => {
    const c = await core();
    await c.call('tracking:habit-save', {
      name: 'Veg',
      schedule: { type: 'daily' },
      source: { type: 'activity', source: 'metric:vegetables', measure: 'sum' },
      startDate: '2026-01-01',
    });
    await c.call('tracking:habit-save', {
      name: 'Side',
      schedule: { type: 'atLeast', amount: 60, per: 'week' },
      source: { type: 'activity', source: 'time.category:side', measure: 'sum' },
      startDate: '2026-01-01',
    });
    await c.call('tracking:habit-save', {
      name: 'Write',
      schedule: { type: 'perWeek', times: 3 },
      source: { type: 'activity', source: 'journal.entry', measure: 'count' },
      startDate: '2026-01-01',
    });
    const read = await c.call<HabitDto>('tracking:habit-save', {
      name: 'Read',
      schedule: { type: 'daily' },
      source: { type: 'checkin' },
      startDate: '2026-01-01',
    });
    // A deterministic mix of writes over the last months.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const entries: { id: string; revision: number }[] = [];
    const fresh = async () => {
      c.c.events.emit('data:changed', { domain: '*', action: 'test' });
      return [await c.call('tracking:dashboard', { range: 'year', anchor: TODAY }), await c.call('tracking:habits')];
    };
    for (let i = 0; i < 40; i++) {
      const day = addDays(TODAY, -Math.floor(rand() * 150));
      switch (i % 5) {
        case 0:
          await c.call('tracking:checkin', { date: day, values: { vegetables: String(Math.floor(rand() * 3)) } });
          break;
        case 1:
          await c.call('tracking:time-log-save', {
            day,
            text: `09:00 build #side\n${10 + Math.floor(rand() * 3)}:00 lunch #break\n14:00 done`,
          });
          break;
        case 2:
          await c.call('tracking:habit-check', { habitId: read.id, date: day, ...(rand() < 0.2 ? { skip: true } : {}) });
          break;
        case 3: {
          const e = entries.length > 0 && rand() < 0.5 ? entries[Math.floor(rand() * entries.length)]! : null;
          if (e) {
            const saved = await c.call<{ revision: number }>('journal:save', {
              id: e.id,
              baseRevision: e.revision,
              mode: 'save',
              date: day,
              body: 'a b c d',
            });
            e.revision = saved.revision;
          } else entries.push(await c.call('journal:create', { kind: 'note', date: day, body: 'words here', templateId: null }));
          break;
        }
        case 4:
          raw(c, `DELETE FROM metric_values WHERE metric_id = 'vegetables' AND date = ?`, day);
          break;
      }
      if (i % 8 === 7) {
        const warm = [await c.call('tracking:dashboard', { range: 'year', anchor: TODAY }), await c.call('tracking:habits')];
        expect(warm).toEqual(await fresh());
      }
    }
  });
});
