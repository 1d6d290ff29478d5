import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { nowIso, stmt } from './db';
import { DEFAULT_METRICS, DEFAULT_TIME_CATEGORIES, metricAggregate } from './logic';

const seeded = new WeakSet<Database.Database>();

const CATEGORY_NAMES: Record<string, string> = {
  research: 'Research',
  writing: 'Writing',
  coding: 'Coding',
  work: 'Work',
  learning: 'Learning',
  exercise: 'Exercise',
  break: 'Break',
  leisure: 'Leisure',
  other: 'Other',
};

const CATEGORY_COLORS: Record<string, string> = {
  research: '#3b5bdb',
  writing: '#7048e8',
  coding: '#1098ad',
  work: '#2b8a3e',
  learning: '#5c940d',
  exercise: '#e8590c',
  break: '#868e96',
  leisure: '#d6336c',
  other: '#adb5bd',
};

/**
 * Adds the default metrics (productivity hours, screen time, mood, sleep, vegetables, workout) and
 * time categories once per database. A deleted default stays deleted (its row keeps `deleted_at`).
 */
export function ensureTrackingSeeded(ctx: CoreContext): void {
  const db = ctx.store.sqlite;
  if (seeded.has(db)) return;
  const now = nowIso(ctx);
  const m = stmt(
    ctx,
    `INSERT OR IGNORE INTO metrics (id, name, kind, unit, min, max, daily_cap, productive, input_unit, aggregate, description, sort, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const c = stmt(
    ctx,
    `INSERT OR IGNORE INTO time_categories (id, name, productive, keywords, color, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    DEFAULT_METRICS.forEach((d, i) =>
      m.run(
        d.id,
        d.name,
        d.kind,
        d.unit ?? null,
        d.min ?? null,
        d.max ?? null,
        d.dailyCap ?? null,
        d.productive === undefined ? null : d.productive ? 1 : 0,
        d.inputUnit ?? null,
        metricAggregate(d),
        d.description ?? null,
        (i + 1) * 10,
        now,
        now,
      ),
    );
    DEFAULT_TIME_CATEGORIES.forEach((cat, i) =>
      c.run(
        cat.id,
        CATEGORY_NAMES[cat.id] ?? cat.id,
        cat.productive ? 1 : 0,
        JSON.stringify(cat.keywords ?? []),
        CATEGORY_COLORS[cat.id] ?? null,
        (i + 1) * 10,
        now,
        now,
      ),
    );
  })();
  seeded.add(db);
}
