import { z } from 'zod';

/**
 * The stamp rule DSL: declarative JSON that users create and edit in the UI, validated with zod.
 * Every rule names its source(s) so the engine knows which events can change it.
 *
 * Sources: see sources.ts (`papers.finished`, `journal.entry`, `time.focus`, `metric:<id>`…).
 * Values of duration metrics are in minutes (7 h = 420).
 */
export const windowSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('allTime') }),
  z.strictObject({ type: z.literal('calendarWeek') }),
  z.strictObject({ type: z.literal('calendarMonth') }),
  z.strictObject({ type: z.literal('calendarYear') }),
  z.strictObject({
    type: z.literal('rollingDays'),
    days: z.int('days must be a whole number').min(1, 'days must be at least 1').max(3660, 'days is at most 3660'),
  }),
]);
export type RuleWindow = z.infer<typeof windowSchema>;

const source = z
  .string('source must be a source id such as "papers.finished"')
  .trim()
  .min(1, 'Choose a source')
  .max(120, 'A source id is at most 120 characters');
const positiveInt = (what: string) =>
  z.int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(1_000_000, `${what} is at most 1,000,000`);
const op = z.enum(['>=', '>', '<=', '<', '=='], 'op is one of >=, >, <=, <, ==');
const finite = (what: string) => z.number(`${what} must be a number`).finite(`${what} must be a finite number`);

/** Reach `target` items of a source (all time, or within one calendar week/month/year or N rolling days). */
export const countRuleSchema = z.strictObject({
  kind: z.literal('count'),
  source,
  target: positiveInt('target'),
  window: windowSchema.optional(),
});

/** Reach a total of a source's measure (minutes → `unit: 'hours'`, words…). */
export const totalRuleSchema = z.strictObject({
  kind: z.literal('total'),
  source,
  target: finite('target').positive('target must be above 0'),
  unit: z.enum(['minutes', 'hours', 'words', 'value'], 'unit is minutes, hours, words or value').optional(),
  window: windowSchema.optional(),
});

/** Activity in N consecutive days / weeks / months, with at least `atLeast` of it in each. */
export const streakRuleSchema = z
  .strictObject({
    kind: z.literal('streak'),
    source,
    days: positiveInt('days').optional(),
    weeks: positiveInt('weeks').optional(),
    months: positiveInt('months').optional(),
    atLeast: finite('atLeast').positive('atLeast must be above 0').optional(),
    measure: z.enum(['count', 'sum'], 'measure is count or sum').optional(),
  })
  .refine((r) => [r.days, r.weeks, r.months].filter((x) => x !== undefined).length === 1, {
    message: 'A streak needs exactly one of days, weeks or months',
    path: ['days'],
  });

/** A metric's daily value satisfies `op value` on N days (consecutive by default). */
export const dailyMetricRuleSchema = z.strictObject({
  kind: z.literal('dailyMetric'),
  metric: z.string('metric must be a metric id').trim().min(1, 'Choose a metric'),
  op,
  value: finite('value'),
  days: positiveInt('days'),
  consecutive: z.boolean('consecutive is true or false').optional(),
  /** Only for non-consecutive days: count them within one calendar week/month/year. */
  window: windowSchema.optional(),
});

/** A metric aggregated over a calendar week or month (sum/avg/min/max) satisfies `op value`, for N consecutive periods. */
export const periodMetricRuleSchema = z.strictObject({
  kind: z.literal('periodMetric'),
  metric: z.string('metric must be a metric id').trim().min(1, 'Choose a metric'),
  period: z.enum(['week', 'month'], 'period is week or month'),
  aggregate: z.enum(['sum', 'avg', 'min', 'max'], 'aggregate is sum, avg, min or max'),
  op,
  value: finite('value'),
  /** Logged days a period needs to count. Default: every day for avg/min/max, 1 for sum. */
  minDays: positiveInt('minDays').optional(),
  periods: positiveInt('periods').optional(),
});

/** The first time something happens. */
export const firstRuleSchema = z.strictObject({ kind: z.literal('first'), source });

/** A habit met its own schedule for N consecutive periods (days, weeks or months). */
export const habitRuleSchema = z.strictObject({
  kind: z.literal('habit'),
  habit: z.string('habit must be a habit id').trim().min(1, 'Choose a habit'),
  periods: positiveInt('periods'),
});

export type CountRule = z.infer<typeof countRuleSchema>;
export type TotalRule = z.infer<typeof totalRuleSchema>;
export type StreakRule = z.infer<typeof streakRuleSchema>;
export type DailyMetricRule = z.infer<typeof dailyMetricRuleSchema>;
export type PeriodMetricRule = z.infer<typeof periodMetricRuleSchema>;
export type FirstRule = z.infer<typeof firstRuleSchema>;
export type HabitRule = z.infer<typeof habitRuleSchema>;
/** Every part must be earned; earned on the day the last one is. */
export interface AllRule {
  kind: 'all';
  rules: Rule[];
}
export type Rule = CountRule | TotalRule | StreakRule | DailyMetricRule | PeriodMetricRule | FirstRule | HabitRule | AllRule;
export type RuleKind = Rule['kind'];

export const allRuleSchema: z.ZodType<AllRule> = z.strictObject({
  kind: z.literal('all'),
  get rules(): z.ZodArray<z.ZodType<Rule>> {
    return z.array(ruleSchema).min(1, 'Combine at least one rule').max(10, 'Combine at most 10 rules');
  },
}) as unknown as z.ZodType<AllRule>;

const KINDS = ['count', 'total', 'streak', 'dailyMetric', 'periodMetric', 'first', 'habit', 'all'] as const;

const byKind: Record<RuleKind, z.ZodType> = {
  count: countRuleSchema,
  total: totalRuleSchema,
  streak: streakRuleSchema,
  dailyMetric: dailyMetricRuleSchema,
  periodMetric: periodMetricRuleSchema,
  first: firstRuleSchema,
  habit: habitRuleSchema,
  all: allRuleSchema,
};

function parseByKind(
  value: unknown,
): { ok: true; rule: Rule } | { ok: false; issues: { path: PropertyKey[]; message: string }[] } {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    return { ok: false, issues: [{ path: ['kind'], message: `kind is one of ${KINDS.join(', ')}` }] };
  }
  const r = byKind[kind as RuleKind].safeParse(value);
  if (r.success) return { ok: true, rule: r.data as Rule };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })) };
}

/**
 * Dispatches on `kind` first so an error speaks about the rule the user meant (a plain union
 * would report every alternative's complaints).
 */
export const ruleSchema: z.ZodType<Rule> = z.unknown().transform((value, ctx) => {
  const r = parseByKind(value);
  if (r.ok) return r.rule;
  for (const issue of r.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
}) as unknown as z.ZodType<Rule>;

export interface RuleIssue {
  /** Dotted path inside the rule, e.g. `window.days`; '' for the rule itself. */
  path: string;
  message: string;
}

export type RuleParse = { ok: true; rule: Rule } | { ok: false; issues: RuleIssue[] };

/** Parses stored or user-typed rule JSON (a value or a JSON string). */
export function parseRule(input: unknown): RuleParse {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, issues: [{ path: '', message: `Not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const r = parseByKind(value);
  if (r.ok) return r;
  return { ok: false, issues: r.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

/** The sources a rule reads: an event from any of them may change the rule's result. */
export function ruleSources(rule: Rule): string[] {
  switch (rule.kind) {
    case 'dailyMetric':
    case 'periodMetric':
      return [`metric:${rule.metric}`];
    case 'habit':
      return [`habit:${rule.habit}`];
    case 'all':
      return [...new Set(rule.rules.flatMap(ruleSources))];
    default:
      return [rule.source];
  }
}
