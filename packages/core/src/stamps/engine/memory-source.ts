import type { ActivityItem, ActivitySource, DayTotal, HabitInfo, MetricInfo } from './activity-source';
import type { Day } from './days';

/**
 * An `ActivitySource` over in-memory arrays: for tests, the benchmark and demos. Each source keeps
 * its day totals sorted so a range query is two binary searches and a slice, like an index scan.
 */
interface Series {
  totals: DayTotal[];
  items: Map<Day, ActivityItem[]>;
}

function lowerBound(arr: readonly DayTotal[], day: Day): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemoryActivitySource implements ActivitySource {
  private readonly series = new Map<string, Series>();
  private readonly metrics = new Map<string, MetricInfo>();
  private readonly habits = new Map<string, HabitInfo>();
  private kinds: string[] | undefined;

  constructor(opts: { metrics?: readonly MetricInfo[]; habits?: readonly HabitInfo[]; journalKinds?: readonly string[] } = {}) {
    for (const m of opts.metrics ?? []) this.metrics.set(m.id, m);
    for (const h of opts.habits ?? []) this.habits.set(h.id, h);
    if (opts.journalKinds) this.kinds = [...opts.journalKinds];
  }

  private get(source: string): Series {
    let s = this.series.get(source);
    if (!s) this.series.set(source, (s = { totals: [], items: new Map() }));
    return s;
  }

  private slot(source: string, day: Day): DayTotal {
    const s = this.get(source);
    const i = lowerBound(s.totals, day);
    const at = s.totals[i];
    if (at && at.day === day) return at;
    const t: DayTotal = { day, count: 0, sum: 0 };
    s.totals.splice(i, 0, t);
    return t;
  }

  /** Records one item of a source on a day (an entry written, a paper finished, a block logged). */
  add(source: string, day: Day, item: { type?: string; id?: string; amount?: number } = {}): this {
    const t = this.slot(source, day);
    t.count++;
    t.sum += item.amount ?? 0;
    if (item.id !== undefined) {
      const s = this.get(source);
      let list = s.items.get(day);
      if (!list) s.items.set(day, (list = []));
      list.push({ type: item.type ?? source.split(/[.:]/)[0]!, id: item.id });
    }
    return this;
  }

  /** Sets (or with null clears) a metric's value for a day: `metric:<id>` gets count 1 and sum = value. */
  setMetric(metricId: string, day: Day, value: number | null): this {
    const source = `metric:${metricId}`;
    const s = this.get(source);
    const i = lowerBound(s.totals, day);
    const at = s.totals[i];
    if (value === null) {
      if (at && at.day === day) s.totals.splice(i, 1);
      return this;
    }
    if (at && at.day === day) {
      at.count = 1;
      at.sum = value;
    } else {
      s.totals.splice(i, 0, { day, count: 1, sum: value });
    }
    return this;
  }

  defineMetric(info: MetricInfo): this {
    this.metrics.set(info.id, info);
    return this;
  }

  deleteMetric(id: string): this {
    this.metrics.delete(id);
    this.series.delete(`metric:${id}`);
    return this;
  }

  defineHabit(info: HabitInfo): this {
    this.habits.set(info.id, info);
    return this;
  }

  dailyTotals(source: string, from: Day, to: Day): readonly DayTotal[] {
    const s = this.series.get(source);
    if (!s) return [];
    return s.totals.slice(lowerBound(s.totals, from), lowerBound(s.totals, `${to}\uffff`));
  }

  items(source: string, days: readonly Day[], limit: number): readonly ActivityItem[] {
    const s = this.series.get(source);
    if (!s) return [];
    const out: ActivityItem[] = [];
    for (const d of [...days].sort()) {
      for (const it of s.items.get(d) ?? []) {
        if (out.length >= limit) return out;
        out.push(it);
      }
    }
    return out;
  }

  metric(id: string): MetricInfo | undefined {
    return this.metrics.get(id);
  }

  habit(id: string): HabitInfo | undefined {
    return this.habits.get(id);
  }

  journalKinds(): readonly string[] | undefined {
    return this.kinds;
  }
}
