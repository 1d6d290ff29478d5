import type { ActivitySource } from './activity-source';
import type { Rule, RuleWindow } from './rules';
import { resolveSource } from './sources';

/** A rule in plain English for the collection page and the rule editor's preview. */
export function describeRule(rule: Rule, activity?: Pick<ActivitySource, 'metric' | 'habit' | 'journalKinds'>): string {
  const label = (source: string) => {
    const r = resolveSource(source, activity);
    return r.ok ? r.info.label : source;
  };
  const noun = (source: string, n: number) => {
    const r = resolveSource(source, activity);
    return r.ok ? r.info.noun[n === 1 ? 0 : 1] : 'times';
  };
  const within = (w: RuleWindow | undefined) =>
    !w || w.type === 'allTime'
      ? ''
      : w.type === 'rollingDays'
        ? ` within ${w.days} days`
        : w.type === 'calendarWeek'
          ? ' in one calendar week'
          : w.type === 'calendarMonth'
            ? ' in one calendar month'
            : ' in one calendar year';
  const metricName = (id: string) => activity?.metric(id)?.name ?? id;
  const fmt = (metricId: string, v: number) =>
    activity?.metric(metricId)?.kind === 'duration'
      ? v % 60 === 0
        ? `${v / 60}h`
        : `${Math.round((v / 60) * 100) / 100}h`
      : String(v);
  const op = (o: string) => ({ '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than', '==': 'exactly' })[o] ?? o;
  switch (rule.kind) {
    case 'count':
      return `${label(rule.source)}: ${rule.target} ${noun(rule.source, rule.target)}${within(rule.window)}`;
    case 'total':
      return `${label(rule.source)}: ${rule.target}${rule.unit ? ` ${rule.unit}` : ''}${within(rule.window)}${rule.window ? '' : ' in total'}`;
    case 'streak': {
      const unit = rule.days !== undefined ? 'day' : rule.weeks !== undefined ? 'week' : 'month';
      const n = (rule.days ?? rule.weeks ?? rule.months)!;
      const each = rule.atLeast && rule.atLeast !== 1 ? `at least ${rule.atLeast} a ${unit}` : `every ${unit}`;
      return `${label(rule.source)} ${each}, ${n} ${unit}s in a row`;
    }
    case 'dailyMetric':
      return `${metricName(rule.metric)} ${op(rule.op)} ${fmt(rule.metric, rule.value)} on ${rule.days} ${(rule.consecutive ?? true) ? 'days in a row' : `days${within(rule.window)}`}`;
    case 'periodMetric': {
      const agg = { sum: 'total', avg: 'average', min: 'lowest', max: 'highest' }[rule.aggregate];
      const n = rule.periods ?? 1;
      return `${metricName(rule.metric)}: a ${rule.period}'s ${agg} ${op(rule.op)} ${fmt(rule.metric, rule.value)}${n > 1 ? `, ${n} ${rule.period}s in a row` : ''}`;
    }
    case 'first':
      return `The first of: ${label(rule.source).toLowerCase()}`;
    case 'habit':
      return `${activity?.habit(rule.habit)?.name ?? rule.habit} kept ${rule.periods} period${rule.periods === 1 ? '' : 's'} in a row`;
    case 'all':
      return rule.rules.map((r) => describeRule(r, activity)).join('; and ');
  }
}
