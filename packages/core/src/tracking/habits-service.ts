import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import type { GoalDto, HabitDetailDto, HabitDto, HabitPeriodDto } from '../contract/tracking';
import { activityRegistry, resolveSource } from '../stamps';
import { trackingCache } from './changes';
import { emitTracking, newId, nowIso, parseJson, refuse, stmt, today, tx, weekStartsOn } from './db';
import {
  addDays,
  describeGoal,
  describeSchedule,
  eachDay,
  endOfMonth,
  goalProgress,
  habitHeatmap,
  habitPeriods,
  habitScores,
  habitStreaks,
  isDoneDay,
  numToDay,
  dayToNum,
  scheduleUnit,
  validateDate,
  validateGoal,
  validateHabitDefinition,
  type Day,
  type HabitDefinition,
  type HabitOptions,
  type HabitPeriod,
  type HabitScoreSeries,
  type HabitStreaks,
  type MonthlyGoal,
} from './logic';

interface HabitRow {
  id: string;
  name: string;
  schedule: string;
  source: string;
  start_date: string;
  threshold: number | null;
  unit: string | null;
  archived: number;
  sort: number;
}

function toDef(r: HabitRow): HabitDefinition & { sort: number } {
  const d: HabitDefinition & { sort: number } = {
    id: r.id,
    name: r.name,
    schedule: parseJson(r.schedule, { type: 'daily' }),
    source: parseJson(r.source, { type: 'checkin' }),
    startDate: r.start_date,
    sort: r.sort,
  };
  if (r.threshold !== null) d.threshold = r.threshold;
  if (r.unit) d.unit = r.unit;
  if (r.archived) d.archived = true;
  return d;
}

export function habitDefs(ctx: CoreContext, includeArchived = true): (HabitDefinition & { sort: number })[] {
  const read = () => (stmt(ctx, `SELECT * FROM habits ORDER BY sort, created_at`).all() as HabitRow[]).map(toDef);
  // Parsed once per change of the habits table (every flush and every stamp asks for them).
  const cache = trackingCache(ctx);
  const all = cache ? cache.derive('habits', cache.version('habits'), read) : read();
  return all.filter((d) => includeArchived || !d.archived).map((d) => ({ ...d }));
}

export function habitDef(ctx: CoreContext, id: string): (HabitDefinition & { sort: number }) | undefined {
  const r = stmt(ctx, `SELECT * FROM habits WHERE id = ?`).get(id) as HabitRow | undefined;
  return r ? toDef(r) : undefined;
}

/**
 * A habit's daily values up to `to`: its ticks for a check-in habit, else the count or sum of its
 * activity source (`papers.finished`, `journal.words`, `metric:vegetables`…) from whichever domain
 * provides it. Skipped days come from the check-in table for both.
 */
export function habitValues(ctx: CoreContext, h: HabitDefinition, to: Day): { values: Map<Day, number>; skips: Set<Day> } {
  const values = new Map<Day, number>();
  if (h.source.type === 'checkin') {
    for (const r of stmt(ctx, `SELECT date, value FROM habit_checkins WHERE habit_id = ? AND skipped = 0 AND date <= ?`).all(
      h.id,
      to,
    ) as {
      date: string;
      value: number;
    }[])
      values.set(r.date, r.value);
  } else {
    const measure = h.source.measure;
    const from = h.startDate < to ? h.startDate : to;
    for (const t of activityRegistry(ctx).dailyTotals(h.source.source, from, to))
      values.set(t.day, measure === 'count' ? t.count : t.sum);
  }
  const skips = new Set(
    (
      stmt(ctx, `SELECT date FROM habit_checkins WHERE habit_id = ? AND skipped = 1 AND date <= ?`).all(h.id, to) as {
        date: string;
      }[]
    ).map((r) => r.date),
  );
  return { values, skips };
}

export function habitOptions(ctx: CoreContext, skips: ReadonlySet<Day>): HabitOptions {
  return { weekStartsOn: weekStartsOn(ctx), skips };
}

/** Everything derived from a habit's history up to `to` (kept until one of its inputs changes). */
export interface HabitState {
  values: ReadonlyMap<Day, number>;
  skips: ReadonlySet<Day>;
  opts: HabitOptions;
  /** Periods up to `to`, oldest first. */
  periods: readonly HabitPeriod[];
  /** Loop's score for every day up to `to`. */
  scores: HabitScoreSeries;
  streaks: HabitStreaks;
}

/**
 * A token that changes whenever the habit's state may have: its definition and check-ins (tracking's
 * change log), its activity source's version, the week start. Undefined when it cannot be known.
 */
export function habitVersion(ctx: CoreContext, h: HabitDefinition): string | undefined {
  const cache = trackingCache(ctx);
  if (!cache) return undefined;
  const source = h.source.type === 'activity' ? activityRegistry(ctx).sourceVersion(h.source.source) : 'checkin';
  if (source === undefined) return undefined;
  return `${cache.version(`habit:${h.id}`)}|${cache.version(`checkin:${h.id}`)}|${source}|${weekStartsOn(ctx)}`;
}

function computeHabitState(ctx: CoreContext, h: HabitDefinition, to: Day): HabitState {
  const { values, skips } = habitValues(ctx, h, to);
  const opts = habitOptions(ctx, skips);
  const periods = habitPeriods(h, values, to, opts);
  return {
    values,
    skips,
    opts,
    periods,
    scores: habitScores(h, values, to, opts),
    streaks: habitStreaks(periods, scheduleUnit(h.schedule)),
  };
}

/**
 * The habit's values, periods, score series and streaks up to `to`: computed over its whole history
 * once, then kept until its definition, check-ins or source change (the dashboard, the habits list and
 * stamps' habit rules all read it).
 */
export function habitState(ctx: CoreContext, h: HabitDefinition, to: Day): HabitState {
  const version = habitVersion(ctx, h);
  const cache = trackingCache(ctx);
  if (version === undefined || !cache) return computeHabitState(ctx, h, to);
  const def = JSON.stringify([h.schedule, h.source, h.startDate, h.threshold ?? null]);
  return cache.derive(`habit:${h.id}@${to}`, `${version}|${def}`, () => computeHabitState(ctx, h, to));
}

/** The habit's periods up to `to` (what stamps' habit rules and the `habit:<id>` source read). */
export function periodsOf(ctx: CoreContext, h: HabitDefinition, to: Day): readonly HabitPeriod[] {
  return habitState(ctx, h, to).periods;
}

function periodDto(p: HabitPeriod): HabitPeriodDto {
  const d: HabitPeriodDto = { start: p.start, end: p.end, value: p.value, target: p.target, status: p.status };
  if (p.metOn) d.metOn = p.metOn;
  return d;
}

function sourceLabel(ctx: CoreContext, h: HabitDefinition): { label: string; broken: string | null } {
  if (h.source.type === 'checkin') return { label: 'Check-in', broken: null };
  const r = resolveSource(h.source.source, activityRegistry(ctx));
  return r.ok ? { label: r.info.label, broken: null } : { label: h.source.source, broken: r.reason };
}

export function habitDto(ctx: CoreContext, h: HabitDefinition & { sort: number }, day: Day = today(ctx)): HabitDto {
  const state = habitState(ctx, h, day);
  const { values, skips } = state;
  // What summarizeHabit(h, values, day, opts) gives, from the kept state.
  const s = {
    streaks: state.streaks,
    score: state.scores.scores.length > 0 ? state.scores.scores[state.scores.scores.length - 1]! : 0,
    doneToday: isDoneDay(h, values.get(day)),
    currentPeriod: state.periods[state.periods.length - 1],
  };
  const src = sourceLabel(ctx, h);
  const cur = s.currentPeriod ?? null;
  const skippedToday = skips.has(day);
  let due: boolean;
  if (h.schedule.type === 'atMost') due = false;
  else if (h.schedule.type === 'daily' || (h.schedule.type === 'atLeast' && h.schedule.per === 'day'))
    due = !s.doneToday && !skippedToday;
  else due = cur !== null && cur.status !== 'met' && cur.status !== 'skipped';
  return {
    id: h.id,
    name: h.name,
    schedule: h.schedule,
    source: h.source,
    startDate: h.startDate,
    threshold: h.threshold ?? null,
    unit: h.unit ?? null,
    archived: h.archived ?? false,
    sort: h.sort,
    scheduleText: describeSchedule(h.schedule, h.unit ?? ''),
    sourceLabel: src.label,
    streaks: { ...s.streaks },
    score: Math.round(s.score * 1000) / 1000,
    doneToday: s.doneToday,
    todayValue: values.get(day) ?? null,
    skippedToday,
    currentPeriod: cur ? periodDto(cur) : null,
    due,
    broken: src.broken,
  };
}

export function listHabits(ctx: CoreContext, includeArchived = false): HabitDto[] {
  const day = today(ctx);
  return habitDefs(ctx, includeArchived).map((h) => habitDto(ctx, h, day));
}

function requireHabit(ctx: CoreContext, id: string): HabitDefinition & { sort: number } {
  const h = habitDef(ctx, id);
  if (!h) throw new FolioError('not_found', `There is no habit "${id}".`);
  return h;
}

export interface HabitInput {
  id?: string | undefined;
  name: string;
  schedule: HabitDefinition['schedule'];
  source: HabitDefinition['source'];
  startDate?: string | undefined;
  threshold?: number | null | undefined;
  unit?: string | null | undefined;
  archived?: boolean | undefined;
}

export function saveHabit(ctx: CoreContext, input: HabitInput): HabitDto {
  const existing = input.id ? requireHabit(ctx, input.id) : undefined;
  const def: HabitDefinition = {
    id: existing?.id ?? newId('h'),
    name: input.name.trim(),
    schedule: input.schedule,
    source: input.source,
    startDate: input.startDate ?? existing?.startDate ?? today(ctx),
  };
  if (input.threshold != null) def.threshold = input.threshold;
  if (input.unit?.trim()) def.unit = input.unit.trim();
  if (input.archived) def.archived = true;
  const errors: FieldIssue[] = validateHabitDefinition(def).map((e) => ({ path: e.field, message: e.message }));
  const d = validateDate(def.startDate, { field: 'startDate', label: 'Start date' });
  if (!d.ok) errors.push({ path: 'startDate', message: d.message });
  if (def.source.type === 'activity') {
    const r = resolveSource(def.source.source, activityRegistry(ctx));
    if (!r.ok) errors.push({ path: 'source.source', message: r.reason });
    else if (def.source.measure === 'sum' && r.info.sumUnit === 'none') {
      errors.push({ path: 'source.measure', message: `${r.info.label} has no amount to sum; count them instead` });
    }
  }
  if (errors.length > 0) refuse(errors, 'The habit was not saved');
  const now = nowIso(ctx);
  const cols = [
    def.name,
    JSON.stringify(def.schedule),
    JSON.stringify(def.source),
    def.startDate,
    def.threshold ?? null,
    def.unit ?? null,
    def.archived ? 1 : 0,
  ];
  if (existing) {
    stmt(
      ctx,
      `UPDATE habits SET name = ?, schedule = ?, source = ?, start_date = ?, threshold = ?, unit = ?, archived = ?, updated_at = ? WHERE id = ?`,
    ).run(...cols, now, def.id);
  } else {
    const sort = (stmt(ctx, `SELECT coalesce(max(sort), 0) + 10 AS s FROM habits`).get() as { s: number }).s;
    stmt(
      ctx,
      `INSERT INTO habits (name, schedule, source, start_date, threshold, unit, archived, id, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...cols, def.id, sort, now, now);
  }
  emitTracking(ctx, existing ? 'habit-update' : 'habit-create', [`habit:${def.id}`]);
  return habitDto(ctx, requireHabit(ctx, def.id));
}

export function deleteHabit(ctx: CoreContext, id: string): void {
  const r = stmt(ctx, `DELETE FROM habits WHERE id = ?`).run(id);
  if (r.changes === 0) throw new FolioError('not_found', `There is no habit "${id}".`);
  emitTracking(ctx, 'habit-delete', [`habit:${id}`]);
}

/** Ticks, unticks or skips a day of a habit. Activity habits count by themselves: only skipping applies. */
export function checkHabit(
  ctx: CoreContext,
  input: {
    habitId: string;
    date?: string | undefined;
    done?: boolean | undefined;
    value?: number | null | undefined;
    skip?: boolean | undefined;
  },
): HabitDto {
  const h = requireHabit(ctx, input.habitId);
  const t = today(ctx);
  const date = input.date ?? t;
  const d = validateDate(date, { notAfter: t });
  if (!d.ok) refuse([{ path: 'date', message: d.message }]);
  if (d.value < h.startDate) refuse([{ path: 'date', message: `${h.name} starts on ${h.startDate}` }]);
  const now = nowIso(ctx);
  tx(ctx, () => {
    if (input.skip !== undefined) {
      if (input.skip) {
        stmt(
          ctx,
          `INSERT INTO habit_checkins (habit_id, date, value, skipped, updated_at) VALUES (?, ?, 0, 1, ?)
           ON CONFLICT(habit_id, date) DO UPDATE SET skipped = 1, updated_at = excluded.updated_at`,
        ).run(h.id, d.value, now);
      } else {
        stmt(ctx, `UPDATE habit_checkins SET skipped = 0, updated_at = ? WHERE habit_id = ? AND date = ?`).run(
          now,
          h.id,
          d.value,
        );
        stmt(ctx, `DELETE FROM habit_checkins WHERE habit_id = ? AND date = ? AND skipped = 0 AND value = 0`).run(h.id, d.value);
      }
      return;
    }
    if (h.source.type !== 'checkin') {
      refuse([
        { path: 'done', message: `${h.name} counts ${sourceLabel(ctx, h).label.toLowerCase()} by itself; it cannot be ticked` },
      ]);
    }
    const value = input.value ?? (input.done === false ? null : 1);
    if (value !== null && (!Number.isFinite(value) || value < 0))
      refuse([{ path: 'value', message: `A day's value cannot be negative; got ${value}` }]);
    if (value === null || value === 0) stmt(ctx, `DELETE FROM habit_checkins WHERE habit_id = ? AND date = ?`).run(h.id, d.value);
    else {
      stmt(
        ctx,
        `INSERT INTO habit_checkins (habit_id, date, value, skipped, updated_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT(habit_id, date) DO UPDATE SET value = excluded.value, skipped = 0, updated_at = excluded.updated_at`,
      ).run(h.id, d.value, value, now);
    }
  });
  emitTracking(ctx, 'habit-check', [`habit:${h.id}`], d.value);
  return habitDto(ctx, h);
}

export function habitDetail(ctx: CoreContext, id: string, from?: string, to?: string): HabitDetailDto {
  const h = requireHabit(ctx, id);
  const t = today(ctx);
  const end = to ?? t;
  const start = from ?? addDays(end, -364);
  const state = habitState(ctx, h, t);
  const { values, opts, periods } = state;
  const series = end === t ? state.scores : habitScores(h, values, end, opts);
  const scores: { day: string; score: number }[] = [];
  const base = dayToNum(series.from);
  for (let n = Math.max(dayToNum(start), base); n <= dayToNum(end); n += 7) {
    scores.push({ day: numToDay(n), score: Math.round((series.scores[n - base] ?? 0) * 1000) / 1000 });
  }
  return {
    habit: habitDto(ctx, h, t),
    from: start,
    to: end,
    heatmap: habitHeatmap(h, values, start, end, opts),
    periods: periods.slice(-40).reverse().map(periodDto),
    scores,
  };
}

/**
 * Done days of a habit in [from, to] (the `habit:<id>` activity source): the days that counted
 * towards its periods; for an at-most limit, the days kept under it (or every day of a met period).
 */
export function habitDoneDays(ctx: CoreContext, h: HabitDefinition, from: Day, to: Day): Day[] {
  const { values, skips, periods } = habitState(ctx, h, to);
  const s = h.schedule;
  if (s.type === 'atMost' && s.per === 'day') {
    return [...values.keys()]
      .filter((d) => d >= from && d <= to && d >= h.startDate && !skips.has(d) && isDoneDay(h, values.get(d)))
      .sort();
  }
  const out: Day[] = [];
  for (const p of periods) {
    if (p.end < from) continue;
    const days = s.type === 'atMost' ? (p.status === 'met' ? eachDay(p.start, p.end) : []) : p.days;
    for (const day of days) if (day >= from && day <= to) out.push(day);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Goals
// ---------------------------------------------------------------------------------------------

interface GoalRow {
  id: string;
  name: string;
  source: string;
  measure: 'count' | 'sum';
  month: string;
  target: number;
  unit: string | null;
}

function goalOf(r: GoalRow): MonthlyGoal {
  const g: MonthlyGoal = { id: r.id, name: r.name, source: r.source, measure: r.measure, month: r.month, target: r.target };
  if (r.unit) g.unit = r.unit;
  return g;
}

export function goalDto(ctx: CoreContext, g: MonthlyGoal, day: Day = today(ctx)): GoalDto {
  const registry = activityRegistry(ctx);
  const first = `${g.month}-01`;
  const last = endOfMonth(first);
  const values = new Map<Day, number>();
  for (const t of registry.dailyTotals(g.source, first, last)) values.set(t.day, g.measure === 'count' ? t.count : t.sum);
  const p = goalProgress(g, values, day);
  const r = resolveSource(g.source, registry);
  const cumulative: { day: string; value: number }[] = [];
  let run = 0;
  const until = day < last ? day : last;
  if (until >= first) {
    for (const d of eachDay(first, until)) {
      run += values.get(d) ?? 0;
      cumulative.push({ day: d, value: run });
    }
  }
  return {
    id: g.id,
    name: g.name,
    source: g.source,
    sourceLabel: r.ok ? r.info.label : g.source,
    measure: g.measure,
    month: g.month,
    target: g.target,
    unit: g.unit ?? null,
    text: describeGoal(g),
    progress: {
      status: p.status,
      current: p.current,
      target: p.target,
      fraction: p.fraction,
      daysInMonth: p.daysInMonth,
      daysElapsed: p.daysElapsed,
      daysLeft: p.daysLeft,
      projected: Math.round(p.projected * 100) / 100,
      paceNeeded: Number.isFinite(p.paceNeeded) ? Math.round(p.paceNeeded * 100) / 100 : null,
      paceSoFar: Math.round(p.paceSoFar * 100) / 100,
      onTrack: p.onTrack,
    },
    sourceAvailable: registry.isAvailable(g.source),
    cumulative,
  };
}

export function goalRows(ctx: CoreContext, month?: string): MonthlyGoal[] {
  const rows = (
    month
      ? stmt(ctx, `SELECT * FROM goals WHERE month = ? ORDER BY created_at`).all(month)
      : stmt(ctx, `SELECT * FROM goals ORDER BY month DESC, created_at`).all()
  ) as GoalRow[];
  return rows.map(goalOf);
}

export function listGoals(ctx: CoreContext, month?: string): GoalDto[] {
  const day = today(ctx);
  return goalRows(ctx, month).map((g) => goalDto(ctx, g, day));
}

export interface GoalInput {
  id?: string | undefined;
  name: string;
  source: string;
  measure: 'count' | 'sum';
  month: string;
  target: number;
  unit?: string | null | undefined;
}

export function saveGoal(ctx: CoreContext, input: GoalInput): GoalDto {
  const existing = input.id ? (stmt(ctx, `SELECT * FROM goals WHERE id = ?`).get(input.id) as GoalRow | undefined) : undefined;
  if (input.id && !existing) throw new FolioError('not_found', `There is no goal "${input.id}".`);
  const g: MonthlyGoal = {
    id: existing?.id ?? newId('g'),
    name: input.name.trim(),
    source: input.source.trim(),
    measure: input.measure,
    month: input.month.trim(),
    target: input.target,
  };
  if (input.unit?.trim()) g.unit = input.unit.trim();
  const errors: FieldIssue[] = validateGoal(g).map((e) => ({ path: e.field, message: e.message }));
  const r = resolveSource(g.source, activityRegistry(ctx));
  if (!r.ok) errors.push({ path: 'source', message: r.reason });
  else if (g.measure === 'sum' && r.info.sumUnit === 'none')
    errors.push({ path: 'measure', message: `${r.info.label} has no amount to sum; count them instead` });
  if (errors.length > 0) refuse(errors, 'The goal was not saved');
  const now = nowIso(ctx);
  if (existing) {
    stmt(
      ctx,
      `UPDATE goals SET name = ?, source = ?, measure = ?, month = ?, target = ?, unit = ?, updated_at = ? WHERE id = ?`,
    ).run(g.name, g.source, g.measure, g.month, g.target, g.unit ?? null, now, g.id);
  } else {
    stmt(
      ctx,
      `INSERT INTO goals (id, name, source, measure, month, target, unit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(g.id, g.name, g.source, g.measure, g.month, g.target, g.unit ?? null, now, now);
  }
  emitTracking(ctx, existing ? 'goal-update' : 'goal-create', []);
  return goalDto(ctx, g);
}

export function deleteGoal(ctx: CoreContext, id: string): void {
  const r = stmt(ctx, `DELETE FROM goals WHERE id = ?`).run(id);
  if (r.changes === 0) throw new FolioError('not_found', `There is no goal "${id}".`);
  emitTracking(ctx, 'goal-delete', []);
}
