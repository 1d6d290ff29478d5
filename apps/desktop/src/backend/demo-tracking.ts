import type { MethodName, Payload, Result } from '@folio/core';
import type { Backend } from './create-backend';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return localDay(d);
}

/** Deterministic pseudo-random numbers (mulberry32), so every demo looks the same. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIVITIES = [
  ['reading RailS paper', 'research'],
  ['writing the related-work section', 'writing'],
  ['debugging the evaluation harness', 'coding'],
  ['group meeting', 'work'],
  ['lunch', 'break'],
  ['email and reviews', 'work'],
  ['lecture notes', 'learning'],
  ['youtube', 'leisure'],
  ['side project: plotting library', 'side-project'],
] as const;

/**
 * The tracking part of the demo: five weeks of daily stats, time logs, habits, a goal, tasks in all
 * three priorities (some done) and a small research-spend ledger, all through the same handlers the UI
 * uses. Earns a few stamps on the way (veggie week, the first expense…).
 */
export async function seedDemoTracking(backend: Backend): Promise<Record<string, number>> {
  const call = async <K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>> => {
    const r = await backend.dispatch(name, payload);
    if (!r.ok) throw new Error(`demo: ${name} failed: ${r.error.message}`);
    return r.value as Result<K>;
  };
  const r = rng(2026);
  const counts = { 'daily check-ins': 0, 'time blocks': 0, tasks: 0, expenses: 0, habits: 0 };

  await call('tracking:category-save', {
    id: 'side-project',
    name: 'Side project',
    productive: true,
    keywords: ['side'],
    color: '#0c8599',
  });
  for (let ago = 34; ago >= 1; ago--) {
    const date = daysAgo(ago);
    const weekend = [0, 6].includes(new Date(`${date}T12:00:00`).getDay());
    if (r() < 0.9) {
      const productive = weekend ? 1 + r() * 2 : 3 + r() * 4;
      await call('tracking:checkin', {
        date,
        values: {
          productivity: `${Math.round(productive * 4) / 4}h`,
          screen_time: `${Math.round((1 + r() * 3) * 4) / 4}h`,
          mood: String(Math.min(5, Math.max(1, Math.round(2 + productive / 2.5 + (r() - 0.5) * 1.5)))),
          sleep: `${Math.round((6 + r() * 2.5) * 4) / 4}h`,
          // The last week is a full veggie week: the demo shows an earned stamp.
          vegetables: String(ago <= 7 ? 1 + Math.floor(r() * 3) : Math.floor(r() * 4)),
          workout: r() < 0.45 ? 'yes' : 'no',
        },
      });
      counts['daily check-ins']++;
    }
    if (!weekend) {
      let t = 8 * 60 + Math.floor(r() * 60);
      const lines: string[] = [];
      for (let i = 0; i < 5 + Math.floor(r() * 3) && t < 19 * 60; i++) {
        const [label, cat] = ACTIVITIES[Math.floor(r() * ACTIVITIES.length)]!;
        lines.push(`${pad(Math.floor(t / 60))}:${pad(t % 60)} ${label} #${cat}`);
        t += 30 + Math.floor(r() * 110);
      }
      lines.push(`${pad(Math.floor(t / 60))}:${pad(t % 60)}`);
      const day = await call('tracking:time-log-save', { day: date, text: lines.join('\n') });
      counts['time blocks'] += day.blocks.length;
    }
  }

  const start = daysAgo(34);
  const habits = [
    {
      name: 'A vegetable a day',
      schedule: { type: 'daily' as const },
      source: { type: 'activity' as const, source: 'metric:vegetables', measure: 'sum' as const },
    },
    {
      name: 'Work out three times a week',
      schedule: { type: 'perWeek' as const, times: 3 },
      source: { type: 'activity' as const, source: 'metric:workout', measure: 'sum' as const },
    },
    {
      name: 'Side project 2 h a day',
      schedule: { type: 'atLeast' as const, amount: 120, per: 'day' as const },
      source: { type: 'activity' as const, source: 'time.category:side-project', measure: 'sum' as const },
      unit: 'min',
    },
    { name: 'Stretch', schedule: { type: 'daily' as const }, source: { type: 'checkin' as const } },
  ];
  for (const h of habits) {
    const saved = await call('tracking:habit-save', { ...h, startDate: start });
    counts.habits++;
    if (h.source.type === 'checkin') {
      for (let ago = 20; ago >= 1; ago--)
        if (r() < 0.7) await call('tracking:habit-check', { habitId: saved.id, date: daysAgo(ago), done: true });
    }
  }
  const month = daysAgo(0).slice(0, 7);
  await call('tracking:goal-save', {
    name: 'Workouts this month',
    source: 'metric:workout',
    measure: 'sum',
    month,
    target: 14,
    unit: 'workouts',
  });
  await call('tracking:goal-save', {
    name: 'Papers this month',
    source: 'papers.finished',
    measure: 'count',
    month,
    target: 20,
    unit: 'papers',
  });

  // A few done first (they are done in order, so they go in as the only open ones).
  for (const title of ['Send the draft to the co-authors', 'Fix the figure 3 axis labels', 'Order the lab consumables']) {
    const t = await call('tracking:task-save', { title, priority: 'high' });
    await call('tracking:task-done', { id: t.id, done: true });
    counts.tasks++;
  }
  const tasks: [string, 'high' | 'medium' | 'low', number | null][] = [
    ['Submit the camera-ready version', 'high', 3],
    ['Reply to reviewer 2', 'high', 6],
    ['Rerun the ablation with three seeds', 'medium', 10],
    ['Draft the related-work section', 'medium', null],
    ['Book the conference travel', 'medium', 20],
    ['Tidy the bibliography', 'low', null],
    ['Archive the old experiment logs', 'low', null],
  ];
  for (const [title, priority, dueIn] of tasks) {
    await call('tracking:task-save', { title, priority, due: dueIn === null ? null : daysAgo(-dueIn) });
    counts.tasks++;
  }

  const ledger: [string, string, string, string, number][] = [
    ['240.00', 'RailS', 'COMPUTE', 'GPU hours for the main runs', 30],
    ['85.50', 'RailS', 'EMPIRICAL', 'Participant payments, pilot', 22],
    ['19.99', 'Probe', 'ENGINEERING', 'Annotation tool licence', 15],
    ['120.00', 'RailS', 'DATA', 'Dataset access', 9],
    ['42.00', 'Probe', 'METHODOLOGY', 'Statistics consultation', 4],
  ];
  for (const [amount, project, category, note, ago] of ledger) {
    await call('tracking:spend-save', { amount, currency: 'USD', project, category, date: daysAgo(ago), note });
    counts.expenses++;
  }
  return counts;
}
