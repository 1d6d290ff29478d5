import type { ActivityItem, ActivitySource, DayTotal, HabitPeriodInfo } from './activity-source';
import { dayToNum, maxPeriodDays, nextPeriodStart, numToDay, periodStart, type Day, type PeriodUnit } from './days';
import type {
  AllRule,
  CountRule,
  DailyMetricRule,
  FirstRule,
  HabitRule,
  PeriodMetricRule,
  Rule,
  RuleWindow,
  StreakRule,
  TotalRule,
} from './rules';
import { resolveSource, type SourceInfo } from './sources';

export interface EvaluationContext {
  activity: ActivitySource;
  /** Today: the last day considered. */
  asOf: Day;
  /** The first day worth scanning (the notebook's first data). Earlier days are ignored. */
  from: Day;
  /** 0 = Sunday … 6 = Saturday. Default 1 (Monday). */
  weekStartsOn?: number;
  /** Evidence items fetched for an earned rule. Default 100. */
  evidenceItemLimit?: number;
}

export interface Evidence {
  days: Day[];
  items: ActivityItem[];
}

export interface RuleResult {
  /** 0..1 towards the target (1 once earned). */
  progress: number;
  current: number;
  target: number;
  earned: boolean;
  /** The day the condition first became true. */
  earnedAt: Day | null;
  /** Earned: the days (and items) that earned it. Locked: the days of the current attempt. */
  evidence: Evidence;
  /** Set when the rule can never be met or refers to something that no longer exists. */
  broken?: { reason: string };
  /** A short human account of the progress ("12 of 30 this month; best 25 in 2026-05"). */
  detail: string;
}

interface Point {
  n: number;
  day: Day;
  v: number;
}

const EMPTY: Evidence = { days: [], items: [] };

// ---------------------------------------------------------------------------------------------
// Broken rules

function windowDays(w: RuleWindow | undefined): number {
  if (!w || w.type === 'allTime') return Infinity;
  if (w.type === 'rollingDays') return w.days;
  return w.type === 'calendarWeek' ? 7 : w.type === 'calendarMonth' ? 31 : 366;
}

function windowLabel(w: RuleWindow | undefined): string {
  if (!w || w.type === 'allTime') return 'all time';
  if (w.type === 'rollingDays') return `${w.days} days`;
  return w.type === 'calendarWeek' ? 'a week' : w.type === 'calendarMonth' ? 'a month' : 'a year';
}

function fmtValue(info: SourceInfo | undefined, v: number): string {
  const r = Math.round(v * 100) / 100;
  if (info?.sumUnit === 'minutes') return r % 60 === 0 ? `${r / 60}h` : `${r} min`;
  return String(r);
}

function unitFactor(info: SourceInfo, unit: TotalRule['unit']): number | string {
  const u = unit ?? (info.sumUnit === 'minutes' ? 'minutes' : info.sumUnit === 'words' ? 'words' : 'value');
  if (info.sumUnit === 'none') return `${info.label} has no amount to total; use a count rule`;
  if (info.sumUnit === 'minutes') {
    if (u === 'minutes') return 1;
    if (u === 'hours') return 1 / 60;
    return `${info.label} is measured in time; use unit "hours" or "minutes", not "${u}"`;
  }
  if (info.sumUnit === 'words') return u === 'words' ? 1 : `${info.label} is measured in words, not "${u}"`;
  return u === 'value' ? 1 : `${info.label} is measured as a plain value, not "${u}"`;
}

const OPS = {
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
  '<=': (a: number, b: number) => a <= b,
  '<': (a: number, b: number) => a < b,
  '==': (a: number, b: number) => a === b,
} as const;

function impossibleComparison(op: keyof typeof OPS, value: number, min: number, max: number, integer: boolean): boolean {
  switch (op) {
    case '>=':
      return value > max;
    case '>':
      return value >= max;
    case '<=':
      return value < min;
    case '<':
      return value <= min;
    case '==':
      return value < min || value > max || (integer && !Number.isInteger(value));
  }
}

const INTEGER_KINDS = new Set(['scale', 'boolean', 'count', 'duration']);

/** Why a rule can never be met, or null when it can. */
export function checkRule(rule: Rule, activity: ActivitySource): string | null {
  switch (rule.kind) {
    case 'count': {
      const r = resolveSource(rule.source, activity);
      if (!r.ok) return r.reason;
      const cap = r.info.maxCountPerDay;
      const days = windowDays(rule.window);
      if (cap !== undefined && rule.target > cap * days) {
        return `${rule.target} ${r.info.noun[1]} in ${windowLabel(rule.window)} is impossible: at most ${cap} a day`;
      }
      return null;
    }
    case 'total': {
      const r = resolveSource(rule.source, activity);
      if (!r.ok) return r.reason;
      const f = unitFactor(r.info, rule.unit);
      if (typeof f === 'string') return f;
      const cap = r.info.maxSumPerDay;
      const days = windowDays(rule.window);
      if (cap !== undefined && rule.target / f > cap * days) {
        return `${rule.target} ${rule.unit ?? ''} in ${windowLabel(rule.window)} is impossible: at most ${fmtValue(r.info, cap * days)} fit`.replace(
          /\s+/g,
          ' ',
        );
      }
      return null;
    }
    case 'streak': {
      const r = resolveSource(rule.source, activity);
      if (!r.ok) return r.reason;
      const measure = rule.measure ?? 'count';
      if (measure === 'sum' && r.info.sumUnit === 'none') return `${r.info.label} has no amount to sum; use measure "count"`;
      const unit: PeriodUnit = rule.days !== undefined ? 'day' : rule.weeks !== undefined ? 'week' : 'month';
      const cap = measure === 'count' ? r.info.maxCountPerDay : r.info.maxSumPerDay;
      const atLeast = rule.atLeast ?? 1;
      if (cap !== undefined && atLeast > cap * maxPeriodDays(unit)) {
        return `At least ${fmtValue(measure === 'sum' ? r.info : undefined, atLeast)} a ${unit} is impossible: at most ${fmtValue(measure === 'sum' ? r.info : undefined, cap * maxPeriodDays(unit))} fit`;
      }
      return null;
    }
    case 'dailyMetric': {
      const m = activity.metric(rule.metric);
      if (!m) return `The metric "${rule.metric}" no longer exists`;
      const info = resolveSource(`metric:${m.id}`, activity);
      if (impossibleComparison(rule.op, rule.value, m.min, m.max, INTEGER_KINDS.has(m.kind))) {
        const unitInfo = info.ok ? info.info : undefined;
        return `${m.name} is ${fmtValue(unitInfo, m.min)}–${fmtValue(unitInfo, m.max)}; a day can never be ${rule.op} ${fmtValue(unitInfo, rule.value)}`;
      }
      const consecutive = rule.consecutive ?? true;
      if (consecutive && rule.window && rule.window.type !== 'allTime') {
        return 'A window applies only to days that need not be consecutive (set consecutive: false)';
      }
      if (rule.days > windowDays(rule.window)) {
        return `${rule.days} days in ${windowLabel(rule.window)} is impossible`;
      }
      return null;
    }
    case 'periodMetric': {
      const m = activity.metric(rule.metric);
      if (!m) return `The metric "${rule.metric}" no longer exists`;
      const info = resolveSource(`metric:${m.id}`, activity);
      const unitInfo = info.ok ? info.info : undefined;
      const len = rule.period === 'week' ? 7 : 31;
      if (rule.minDays !== undefined && rule.minDays > len) {
        return `A ${rule.period} has at most ${len} days; minDays is ${rule.minDays}`;
      }
      const lo = rule.aggregate === 'sum' ? Math.min(m.min, m.min * len) : m.min;
      const hi = rule.aggregate === 'sum' ? Math.max(m.max, m.max * len) : m.max;
      if (impossibleComparison(rule.op, rule.value, lo, hi, false)) {
        return `A ${rule.period}'s ${rule.aggregate} of ${m.name} lies in ${fmtValue(unitInfo, lo)}–${fmtValue(unitInfo, hi)}; it can never be ${rule.op} ${fmtValue(unitInfo, rule.value)}`;
      }
      return null;
    }
    case 'first': {
      const r = resolveSource(rule.source, activity);
      return r.ok ? null : r.reason;
    }
    case 'habit':
      return activity.habit(rule.habit) ? null : `The habit "${rule.habit}" no longer exists`;
    case 'all': {
      for (let i = 0; i < rule.rules.length; i++) {
        const reason = checkRule(rule.rules[i]!, activity);
        if (reason) return `Part ${i + 1}: ${reason}`;
      }
      return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Core scans

/**
 * A rule's scan (everything but evidence items) per input list: a source hands out the same list
 * while its data is unchanged, so a rule whose source did not change is not scanned again (stamps
 * re-evaluate every rule on a touched source, and a journal autosave touches entry counts it does
 * not change). Keyed by the list itself: dropped with it.
 */
const scans = new WeakMap<object, Map<string, Partial>>();

/**
 * Day numbers of a totals list, kept per list: sources hand out the same (never mutated) array until
 * their data changes, so ten years of days are converted once, not on every evaluation.
 */
const dayNums = new WeakMap<readonly DayTotal[], Float64Array>();

function numsOf(totals: readonly DayTotal[]): Float64Array {
  let nums = dayNums.get(totals);
  if (!nums || nums.length !== totals.length) {
    nums = new Float64Array(totals.length);
    for (let i = 0; i < totals.length; i++) nums[i] = dayToNum(totals[i]!.day);
    dayNums.set(totals, nums);
  }
  return nums;
}

function toPoints(totals: readonly DayTotal[], pick: (t: DayTotal) => number): Point[] {
  const nums = numsOf(totals);
  const out: Point[] = new Array(totals.length);
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    out[i] = { n: nums[i]!, day: t.day, v: pick(t) };
  }
  return out;
}

interface Scan {
  earnedAt: Day | null;
  evidenceDays: Day[];
  current: number;
  best: number;
  bestKey?: number;
}

/** Running total towards `target`, over all time, within each calendar period, or over a rolling window. */
function accumulate(pts: readonly Point[], target: number, window: RuleWindow | undefined, asOfN: number, wso: number): Scan {
  const scan: Scan = { earnedAt: null, evidenceDays: [], current: 0, best: 0 };
  const type = window?.type ?? 'allTime';
  if (type === 'rollingDays') {
    const span = (window as { days: number }).days;
    let sum = 0;
    let lo = 0;
    for (let j = 0; j < pts.length; j++) {
      const p = pts[j]!;
      sum += p.v;
      while (pts[lo]!.n <= p.n - span) sum -= pts[lo++]!.v;
      if (sum > scan.best) scan.best = sum;
      if (scan.earnedAt === null && sum >= target) {
        scan.earnedAt = p.day;
        scan.evidenceDays = pts
          .slice(lo, j + 1)
          .filter((x) => x.v > 0)
          .map((x) => x.day);
      }
    }
    for (let j = pts.length - 1; j >= 0 && pts[j]!.n > asOfN - span; j--) {
      scan.current += pts[j]!.v;
      if (scan.earnedAt === null && pts[j]!.v > 0) scan.evidenceDays.unshift(pts[j]!.day);
    }
    return scan;
  }
  const unit: PeriodUnit | null =
    type === 'calendarWeek' ? 'week' : type === 'calendarMonth' ? 'month' : type === 'calendarYear' ? 'year' : null;
  let key = Number.NaN;
  let cum = 0;
  let days: Day[] = [];
  for (const p of pts) {
    if (unit) {
      const k = periodStart(p.n, unit, wso);
      if (k !== key) {
        key = k;
        cum = 0;
        days = [];
      }
    }
    cum += p.v;
    if (p.v > 0) days.push(p.day);
    if (cum > scan.best) {
      scan.best = cum;
      if (unit) scan.bestKey = key;
    }
    if (scan.earnedAt === null && cum >= target) {
      scan.earnedAt = p.day;
      scan.evidenceDays = days.slice();
    }
  }
  if (!unit) scan.current = cum;
  else scan.current = key === periodStart(asOfN, unit, wso) ? cum : 0;
  if (scan.earnedAt === null) scan.evidenceDays = unit && scan.current === 0 ? [] : days;
  return scan;
}

interface Group {
  key: number;
  value: number;
  reachedOn: Day | null;
  days: Day[];
}

/** Consecutive periods (days/weeks/months) each holding at least `atLeast`. */
function streakScan(pts: readonly Point[], unit: PeriodUnit, length: number, atLeast: number, asOfN: number, wso: number): Scan {
  const groups: Group[] = [];
  let g: Group | undefined;
  for (const p of pts) {
    const k = periodStart(p.n, unit, wso);
    if (!g || g.key !== k) {
      g = { key: k, value: 0, reachedOn: null, days: [] };
      groups.push(g);
    }
    g.value += p.v;
    if (p.v > 0) g.days.push(p.day);
    if (g.reachedOn === null && g.value >= atLeast) g.reachedOn = p.day;
  }
  const scan: Scan = { earnedAt: null, evidenceDays: [], current: 0, best: 0 };
  let run = 0;
  let runStart = 0;
  let prevOkKey = Number.NaN;
  let lastOkKey = Number.NaN;
  let lastRun = 0;
  for (let i = 0; i < groups.length; i++) {
    const grp = groups[i]!;
    if (grp.value < atLeast) {
      run = 0;
      continue;
    }
    if (run > 0 && nextPeriodStart(prevOkKey, unit) === grp.key) run++;
    else {
      run = 1;
      runStart = i;
    }
    prevOkKey = grp.key;
    lastOkKey = grp.key;
    lastRun = run;
    if (run > scan.best) scan.best = run;
    if (run === length && scan.earnedAt === null) {
      scan.earnedAt = grp.reachedOn;
      scan.evidenceDays = groups.slice(runStart, i + 1).flatMap((x) => x.days);
    }
  }
  const cur = periodStart(asOfN, unit, wso);
  // The current period, not yet reached, does not break the run before it.
  const alive = lastOkKey === cur || (!Number.isNaN(lastOkKey) && nextPeriodStart(lastOkKey, unit) === cur);
  // A period after the last ok one that is not the current one broke the run.
  const lastGroup = groups[groups.length - 1];
  const brokenAfter = lastGroup !== undefined && lastGroup.key > lastOkKey && lastGroup.key !== cur;
  scan.current = alive && !brokenAfter ? lastRun : 0;
  if (scan.earnedAt === null && scan.current > 0) {
    const idx = groups.findIndex((x) => x.key === lastOkKey);
    scan.evidenceDays = groups.slice(idx - scan.current + 1, idx + 1).flatMap((x) => x.days);
  }
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Per-kind evaluation

interface Partial {
  result: Omit<RuleResult, 'evidence'> & { evidence: Evidence };
  /** Source for evidence items. */
  itemSource?: string;
}

function finish(scan: Scan, target: number, detail: string, itemSource?: string): Partial {
  const earned = scan.earnedAt !== null;
  return {
    result: {
      progress: earned ? 1 : target > 0 ? Math.min(1, scan.current / target) : 0,
      current: scan.current,
      target,
      earned,
      earnedAt: scan.earnedAt,
      evidence: { days: scan.evidenceDays, items: [] },
      detail,
    },
    ...(itemSource ? { itemSource } : {}),
  };
}

function monthLabel(n: number): string {
  return numToDay(n).slice(0, 7);
}

function periodWord(w: RuleWindow | undefined): string {
  if (!w || w.type === 'allTime') return 'in total';
  if (w.type === 'rollingDays') return `in the last ${w.days} days`;
  return w.type === 'calendarWeek' ? 'this week' : w.type === 'calendarMonth' ? 'this month' : 'this year';
}

function bestNote(scan: Scan, w: RuleWindow | undefined, fmt: (v: number) => string): string {
  if (!w || w.type === 'allTime' || scan.best <= scan.current) return '';
  if (w.type === 'calendarMonth' && scan.bestKey !== undefined) return `; best ${fmt(scan.best)} in ${monthLabel(scan.bestKey)}`;
  if (w.type === 'calendarWeek' && scan.bestKey !== undefined)
    return `; best ${fmt(scan.best)} in the week of ${numToDay(scan.bestKey)}`;
  if (w.type === 'calendarYear' && scan.bestKey !== undefined)
    return `; best ${fmt(scan.best)} in ${numToDay(scan.bestKey).slice(0, 4)}`;
  return `; best ${fmt(scan.best)}`;
}

function evalCount(rule: CountRule, totals: readonly DayTotal[], asOfN: number, wso: number): Partial {
  const pts = toPoints(totals, (t) => t.count);
  const scan = accumulate(pts, rule.target, rule.window, asOfN, wso);
  const f = (v: number) => String(v);
  return finish(
    scan,
    rule.target,
    `${scan.current} of ${rule.target} ${periodWord(rule.window)}${bestNote(scan, rule.window, f)}`,
    rule.source,
  );
}

function evalTotal(rule: TotalRule, totals: readonly DayTotal[], asOfN: number, wso: number, info: SourceInfo): Partial {
  const factor = unitFactor(info, rule.unit) as number;
  const pts = toPoints(totals, (t) => t.sum * factor);
  const scan = accumulate(pts, rule.target, rule.window, asOfN, wso);
  const unit = rule.unit ?? (info.sumUnit === 'minutes' ? 'minutes' : info.sumUnit === 'words' ? 'words' : '');
  const f = (v: number) => `${Math.round(v * 10) / 10}${unit ? ` ${unit}` : ''}`;
  return finish(
    scan,
    rule.target,
    `${f(scan.current)} of ${f(rule.target)} ${periodWord(rule.window)}${bestNote(scan, rule.window, f)}`,
    rule.source,
  );
}

function evalStreak(rule: StreakRule, totals: readonly DayTotal[], asOfN: number, wso: number): Partial {
  const unit: PeriodUnit = rule.days !== undefined ? 'day' : rule.weeks !== undefined ? 'week' : 'month';
  const length = (rule.days ?? rule.weeks ?? rule.months)!;
  const measure = rule.measure ?? 'count';
  const pts = toPoints(totals, (t) => (measure === 'count' ? t.count : t.sum));
  const scan = streakScan(pts, unit, length, rule.atLeast ?? 1, asOfN, wso);
  return finish(
    scan,
    length,
    `${scan.current} ${unit}${scan.current === 1 ? '' : 's'} in a row now; best ${scan.best} of ${length}`,
    rule.source,
  );
}

function evalDailyMetric(rule: DailyMetricRule, totals: readonly DayTotal[], asOfN: number, wso: number): Partial {
  const source = `metric:${rule.metric}`;
  const cmp = OPS[rule.op];
  const pts = toPoints(totals, (t) => (t.count > 0 && cmp(t.sum, rule.value) ? 1 : 0));
  if (rule.consecutive ?? true) {
    const scan = streakScan(pts, 'day', rule.days, 1, asOfN, wso);
    return finish(
      scan,
      rule.days,
      `${scan.current} day${scan.current === 1 ? '' : 's'} in a row now; best ${scan.best} of ${rule.days}`,
      source,
    );
  }
  const scan = accumulate(pts, rule.days, rule.window, asOfN, wso);
  return finish(scan, rule.days, `${scan.current} of ${rule.days} days ${periodWord(rule.window)}`, source);
}

function evalPeriodMetric(rule: PeriodMetricRule, totals: readonly DayTotal[], asOfN: number, wso: number): Partial {
  const source = `metric:${rule.metric}`;
  const unit: PeriodUnit = rule.period;
  const cmp = OPS[rule.op];
  const need = rule.periods ?? 1;
  interface P {
    key: number;
    end: number;
    sum: number;
    count: number;
    min: number;
    max: number;
    crossedOn: Day | null;
    days: Day[];
  }
  const periods: P[] = [];
  let cur: P | undefined;
  for (const t of totals) {
    if (t.count === 0) continue;
    const n = dayToNum(t.day);
    const k = periodStart(n, unit, wso);
    if (!cur || cur.key !== k) {
      cur = {
        key: k,
        end: nextPeriodStart(k, unit) - 1,
        sum: 0,
        count: 0,
        min: Infinity,
        max: -Infinity,
        crossedOn: null,
        days: [],
      };
      periods.push(cur);
    }
    cur.sum += t.sum;
    cur.count++;
    cur.min = Math.min(cur.min, t.sum);
    cur.max = Math.max(cur.max, t.sum);
    cur.days.push(t.day);
    const minDays = rule.minDays ?? (rule.aggregate === 'sum' ? 1 : cur.end - cur.key + 1);
    if (
      cur.crossedOn === null &&
      rule.aggregate === 'sum' &&
      (rule.op === '>=' || rule.op === '>') &&
      cur.count >= minDays &&
      cmp(cur.sum, rule.value)
    ) {
      cur.crossedOn = t.day;
    }
  }
  const okOn = (p: P): Day | null => {
    if (p.crossedOn) return p.crossedOn;
    if (p.end > asOfN) return null; // not decided until the period ends
    const minDays = rule.minDays ?? (rule.aggregate === 'sum' ? 1 : p.end - p.key + 1);
    if (p.count < minDays) return null;
    const agg =
      rule.aggregate === 'sum' ? p.sum : rule.aggregate === 'avg' ? p.sum / p.count : rule.aggregate === 'min' ? p.min : p.max;
    return cmp(agg, rule.value) ? numToDay(p.end) : null;
  };
  // Reuse the streak scan: one point per ok period, dated on the day it became ok.
  const pts: Point[] = [];
  for (const p of periods) {
    const on = okOn(p);
    if (on) pts.push({ n: p.key, day: on, v: 1 });
  }
  const scan = streakScan(pts, unit, need, 1, asOfN, wso);
  // Evidence: the logged days of the periods in the run.
  const byKey = new Map(periods.map((p) => [p.key, p]));
  scan.evidenceDays = [...new Set(scan.evidenceDays)].flatMap((d) => byKey.get(periodStart(dayToNum(d), unit, wso))?.days ?? []);
  return finish(
    scan,
    need,
    `${scan.current} ${unit}${scan.current === 1 ? '' : 's'} in a row now; best ${scan.best} of ${need}`,
    source,
  );
}

function evalFirst(rule: FirstRule, totals: readonly DayTotal[]): Partial {
  const first = totals.find((t) => t.count > 0);
  return {
    result: {
      progress: first ? 1 : 0,
      current: first ? 1 : 0,
      target: 1,
      earned: first !== undefined,
      earnedAt: first?.day ?? null,
      evidence: { days: first ? [first.day] : [], items: [] },
      detail: first ? `First on ${first.day}` : 'Not yet',
    },
    itemSource: rule.source,
  };
}

function evalHabit(rule: HabitRule, periods: readonly HabitPeriodInfo[], from: Day): Partial {
  let runStart = -1;
  let run = 0;
  let earnedAt: Day | null = null;
  let evidence: Day[] = [];
  let best = 0;
  const daysOf = (from: number, to: number) => {
    const out: Day[] = [];
    for (let j = from; j <= to; j++) if (periods[j]!.status === 'met') out.push(...periods[j]!.days);
    return out;
  };
  let lastMet = -1;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    if (p.end < from) continue;
    if (p.status === 'met') {
      if (run === 0) runStart = i;
      run++;
      lastMet = i;
      if (run > best) best = run;
      if (earnedAt === null && run === rule.periods) {
        earnedAt = p.metOn ?? p.end;
        evidence = daysOf(runStart, i);
      }
    } else if (p.status === 'missed') {
      run = 0;
    }
  }
  const scan: Scan = {
    earnedAt,
    evidenceDays: earnedAt ? evidence : run > 0 ? daysOf(runStart, lastMet) : [],
    current: run,
    best,
  };
  return finish(
    scan,
    rule.periods,
    `${run} period${run === 1 ? '' : 's'} in a row now; best ${best} of ${rule.periods}`,
    `habit:${rule.habit}`,
  );
}

function evaluateInner(rule: Rule, ctx: EvaluationContext): RuleResult {
  const broken = checkRule(rule, ctx.activity);
  if (broken) {
    return {
      progress: 0,
      current: 0,
      target: 0,
      earned: false,
      earnedAt: null,
      evidence: EMPTY,
      broken: { reason: broken },
      detail: broken,
    };
  }
  if (rule.kind === 'all') return evalAll(rule, ctx);
  const asOfN = dayToNum(ctx.asOf);
  const wso = ctx.weekStartsOn ?? 1;
  // What the rule reads: one source's totals, or a habit's periods.
  const info = rule.kind === 'total' ? (resolveSource(rule.source, ctx.activity) as { info: SourceInfo }).info : undefined;
  const input: readonly DayTotal[] | readonly HabitPeriodInfo[] =
    rule.kind === 'habit'
      ? ctx.activity.habit(rule.habit)!.periods(ctx.asOf)
      : ctx.activity.dailyTotals(
          rule.kind === 'dailyMetric' || rule.kind === 'periodMetric' ? `metric:${rule.metric}` : rule.source,
          ctx.from,
          ctx.asOf,
        );
  const key = `${JSON.stringify(rule)}\u0000${ctx.asOf}\u0000${wso}\u0000${ctx.from}\u0000${info?.sumUnit ?? ''}`;
  let byRule = scans.get(input);
  if (!byRule) scans.set(input, (byRule = new Map()));
  let part = byRule.get(key);
  if (!part) {
    const totals = input as readonly DayTotal[];
    switch (rule.kind) {
      case 'count':
        part = evalCount(rule, totals, asOfN, wso);
        break;
      case 'total':
        part = evalTotal(rule, totals, asOfN, wso, info!);
        break;
      case 'streak':
        part = evalStreak(rule, totals, asOfN, wso);
        break;
      case 'dailyMetric':
        part = evalDailyMetric(rule, totals, asOfN, wso);
        break;
      case 'periodMetric':
        part = evalPeriodMetric(rule, totals, asOfN, wso);
        break;
      case 'first':
        part = evalFirst(rule, totals);
        break;
      case 'habit':
        part = evalHabit(rule, input as readonly HabitPeriodInfo[], ctx.from);
        break;
    }
    byRule.set(key, part);
  }
  // A copy: the kept scan is shared by later evaluations over the same (unchanged) input.
  const result: RuleResult = { ...part.result, evidence: { days: part.result.evidence.days, items: [] } };
  if (result.earned && part.itemSource && result.evidence.days.length > 0) {
    const limit = rule.kind === 'first' ? 1 : (ctx.evidenceItemLimit ?? 100);
    result.evidence = {
      days: result.evidence.days,
      items: [...ctx.activity.items(part.itemSource, result.evidence.days, limit)],
    };
  }
  return result;
}

function evalAll(rule: AllRule, ctx: EvaluationContext): RuleResult {
  const parts = rule.rules.map((r) => evaluateInner(r, ctx));
  const earned = parts.every((p) => p.earned);
  const days = new Set<Day>();
  const items = new Map<string, ActivityItem>();
  for (const p of parts) {
    for (const d of p.evidence.days) days.add(d);
    for (const it of p.evidence.items) items.set(`${it.type}\u0000${it.id}`, it);
  }
  const done = parts.filter((p) => p.earned).length;
  return {
    progress: parts.reduce((s, p) => s + p.progress, 0) / parts.length,
    current: done,
    target: parts.length,
    earned,
    earnedAt: earned
      ? parts
          .map((p) => p.earnedAt!)
          .sort()
          .at(-1)!
      : null,
    evidence: { days: [...days].sort(), items: [...items.values()] },
    detail: `${done} of ${parts.length} parts done`,
  };
}

/**
 * Evaluates a rule over all data from `ctx.from` to `ctx.asOf`. A broken rule (impossible, or
 * naming a deleted metric/habit or an unknown source) is reported as such, never silently locked.
 */
export function evaluateRule(rule: Rule, ctx: EvaluationContext): RuleResult {
  return evaluateInner(rule, ctx);
}
