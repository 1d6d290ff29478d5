import type { Day } from './days';
import { evaluateRule, type EvaluationContext, type RuleResult } from './evaluate';
import { ruleSources, type Rule } from './rules';
import type { BadgeSpec } from '../art/spec';

/**
 * A stamp: an achievement with a picture and a rule. Built-in ones come from the starter set;
 * users create and edit their own (the rule is plain JSON, see rules.ts).
 */
export type StampArt =
  /** Drawn by Folio (stamps/art): an 88×31 pixel badge from a spec. */
  | { type: 'pixel'; spec: BadgeSpec }
  /** The user's own image, stored by the lead (a content-addressed file name). */
  | { type: 'image'; file: string; alt?: string };

export interface StampDefinition {
  id: string;
  name: string;
  description: string;
  rule: Rule;
  art: StampArt;
  builtIn?: boolean;
}

/** What the engine remembers per stamp between evaluations (the lead persists it). */
export interface StampState extends RuleResult {
  stampId: string;
  /** The `asOf` day of the evaluation that produced this state. */
  evaluatedAt: Day;
}

/**
 * Something changed: a new or edited entry, paper, highlight, time block, metric value, task,
 * spend line… `sources` lists every source id the change touches (see `eventSources`).
 */
export interface ActivityEvent {
  sources: readonly string[];
  day?: Day;
}

/** Whether an event can change a rule's result: true when they share a source. */
export function affectedBy(rule: Rule, event: ActivityEvent): boolean {
  const sources = ruleSources(rule);
  for (const s of event.sources) if (sources.includes(s)) return true;
  return false;
}

export interface StampEvaluation {
  /** State of every stamp after this evaluation (unchanged ones carried over). */
  states: Map<string, StampState>;
  /** States recomputed this time. */
  updated: StampState[];
  /** Stamps earned by this evaluation: show the celebration for these. */
  newlyEarned: StampState[];
}

/**
 * Evaluates stamps incrementally. With an `event`, only stamps whose rule reads one of its sources
 * are recomputed; without one (app start, a new day, rules edited) every locked stamp is.
 * Earned stamps are never re-evaluated: once earned, kept, with the date and evidence they had.
 */
export function evaluateStamps(
  stamps: readonly StampDefinition[],
  previous: ReadonlyMap<string, StampState>,
  ctx: EvaluationContext,
  event?: ActivityEvent,
): StampEvaluation {
  const states = new Map<string, StampState>();
  const updated: StampState[] = [];
  const newlyEarned: StampState[] = [];
  for (const stamp of stamps) {
    const prev = previous.get(stamp.id);
    if (prev?.earned) {
      states.set(stamp.id, prev);
      continue;
    }
    if (event && prev && !affectedBy(stamp.rule, event)) {
      states.set(stamp.id, prev);
      continue;
    }
    const state: StampState = { ...evaluateRule(stamp.rule, ctx), stampId: stamp.id, evaluatedAt: ctx.asOf };
    states.set(stamp.id, state);
    updated.push(state);
    if (state.earned) newlyEarned.push(state);
  }
  return { states, updated, newlyEarned };
}

// ---------------------------------------------------------------------------------------------
// Event helpers: which sources a change touches

export const eventSources = {
  journalEntry(opts: { kind?: string; weeklyReview?: boolean } = {}): string[] {
    const s = ['journal.entry', 'journal.words'];
    if (opts.kind) s.push(`journal.kind:${opts.kind}`);
    if (opts.weeklyReview) s.push('journal.weeklyReview');
    return s;
  },
  paperAdded: (): string[] => ['papers.added'],
  paperFinished: (): string[] => ['papers.finished'],
  highlight: (): string[] => ['papers.highlight'],
  paperNote: (): string[] => ['papers.note'],
  reading: (): string[] => ['reading.minutes'],
  timeBlock(category: string): string[] {
    // Productive or not may have just flipped, so time.focus is always touched.
    return ['time.total', 'time.focus', `time.category:${category}`];
  },
  metric: (metricId: string): string[] => [`metric:${metricId}`],
  habitCheckIn: (habitId: string): string[] => [`habit:${habitId}`],
  taskDone: (priority?: string): string[] => (priority === 'high' ? ['tasks.done', 'tasks.doneHigh'] : ['tasks.done']),
  spend: (): string[] => ['spend.entry'],
  commentAnswered: (): string[] => ['comments.answered'],
};

/**
 * Habits derived from activity change when their source does: adds `habit:<id>` for every habit
 * whose source is among the event's sources.
 */
export function withDerivedHabits(
  event: ActivityEvent,
  habits: readonly { id: string; source: { type: string; source?: string } }[],
): ActivityEvent {
  const extra = habits
    .filter((h) => h.source.source !== undefined && event.sources.includes(h.source.source))
    .map((h) => `habit:${h.id}`);
  return extra.length === 0 ? event : { ...event, sources: [...event.sources, ...extra] };
}

// ---------------------------------------------------------------------------------------------
// `folio stamps --json`

export interface StampJson {
  id: string;
  name: string;
  description: string;
  rule: Rule;
  progress: number;
  current: number;
  target: number;
  earnedAt: Day | null;
  evidence: RuleResult['evidence'];
  broken?: string;
}

export function stampsJson(stamps: readonly StampDefinition[], states: ReadonlyMap<string, StampState>): StampJson[] {
  return stamps.map((s) => {
    const st = states.get(s.id);
    const out: StampJson = {
      id: s.id,
      name: s.name,
      description: s.description,
      rule: s.rule,
      progress: st ? Math.round(st.progress * 1000) / 1000 : 0,
      current: st?.current ?? 0,
      target: st?.target ?? 0,
      earnedAt: st?.earnedAt ?? null,
      evidence: st?.evidence ?? { days: [], items: [] },
    };
    if (st?.broken) out.broken = st.broken.reason;
    return out;
  });
}

/** "7 days, 2026-06-01 – 2026-06-07 · 3 items" for the collection page. */
export function summarizeEvidence(evidence: RuleResult['evidence']): string {
  const days = [...evidence.days].sort();
  if (days.length === 0) return '';
  const span = days.length === 1 ? days[0]! : `${days[0]} – ${days[days.length - 1]}`;
  const items = evidence.items.length > 0 ? ` · ${evidence.items.length} item${evidence.items.length === 1 ? '' : 's'}` : '';
  return `${days.length} day${days.length === 1 ? '' : 's'}, ${span}${items}`;
}
