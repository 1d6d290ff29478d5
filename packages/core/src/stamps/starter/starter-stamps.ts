import type { StampDefinition } from '../engine/stamps';

/**
 * The stamps Folio ships with. Their rules are ordinary rule JSON: users can edit or delete them
 * like their own. Duration values are minutes (sleep ≥ 420 = 7 h).
 */
const DEFINITIONS: readonly StampDefinition[] = [
  {
    id: 'first-paper',
    name: 'First paper',
    description: 'Add your first paper to the library.',
    rule: { kind: 'first', source: 'papers.added' },
    art: {
      type: 'pixel',
      spec: { text: 'First paper', subtext: 'Library open', icon: 'paper', palette: 'ocean', background: 'gradient' },
    },
  },
  {
    id: 'first-highlight',
    name: 'First highlight',
    description: 'Highlight a passage in a paper for the first time.',
    rule: { kind: 'first', source: 'papers.highlight' },
    art: {
      type: 'pixel',
      spec: { text: 'Highlight', subtext: 'The first one', icon: 'pen', palette: 'gold', background: 'stripes' },
    },
  },
  {
    id: 'journal-streak-7',
    name: 'Seven days of journal',
    description: 'Write in the journal seven days in a row.',
    rule: { kind: 'streak', source: 'journal.entry', days: 7 },
    art: {
      type: 'pixel',
      spec: { text: 'Streak 7', subtext: 'Journal days', icon: 'flame', palette: 'ember', background: 'gradient' },
    },
  },
  {
    id: 'journal-streak-30',
    name: 'A month of journal',
    description: 'Write in the journal thirty days in a row.',
    rule: { kind: 'streak', source: 'journal.entry', days: 30 },
    art: {
      type: 'pixel',
      spec: { text: 'Streak 30', subtext: 'Journal days', icon: 'flame', palette: 'plum', background: 'checker' },
    },
  },
  {
    id: 'papers-30-month',
    name: '30 papers in a month',
    description: 'Finish thirty papers within one calendar month.',
    rule: { kind: 'count', source: 'papers.finished', window: { type: 'calendarMonth' }, target: 30 },
    art: {
      type: 'pixel',
      spec: { text: '30 papers', subtext: 'In one month', icon: 'book', palette: 'ink', background: 'gradient' },
    },
  },
  {
    id: 'papers-100',
    name: 'Century reader',
    description: 'Finish a hundred papers.',
    rule: { kind: 'count', source: 'papers.finished', target: 100 },
    art: { type: 'pixel', spec: { text: '100 papers', subtext: 'Century', icon: 'trophy', palette: 'gold', background: 'dots' } },
  },
  {
    id: 'veggie-week',
    name: 'Veggie week',
    description: 'Eat at least one vegetable every day for a week.',
    rule: { kind: 'dailyMetric', metric: 'vegetables', op: '>=', value: 1, days: 7, consecutive: true },
    art: {
      type: 'pixel',
      spec: { text: 'Veggie week', subtext: '7 days green', icon: 'leaf', palette: 'forest', background: 'checker' },
    },
  },
  {
    id: 'weekly-reviews-10',
    name: 'Ten weekly reviews',
    description: 'Write ten weekly reviews.',
    rule: { kind: 'count', source: 'journal.weeklyReview', target: 10 },
    art: {
      type: 'pixel',
      spec: { text: 'Reviewer', subtext: '10 weekly', icon: 'check', palette: 'plum', background: 'gradient' },
    },
  },
  {
    id: 'focus-100h',
    name: '100 hours of focus',
    description: 'Log a hundred hours of focused, productive time.',
    rule: { kind: 'total', source: 'time.focus', unit: 'hours', target: 100 },
    art: {
      type: 'pixel',
      spec: { text: 'Focus 100h', subtext: 'Deep work', icon: 'clock', palette: 'slate', background: 'stripes' },
    },
  },
  {
    id: 'deep-work-week',
    name: 'Deep work week',
    description: 'Log twenty hours of focused time within one calendar week.',
    rule: { kind: 'total', source: 'time.focus', unit: 'hours', target: 20, window: { type: 'calendarWeek' } },
    art: {
      type: 'pixel',
      spec: { text: 'Deep week', subtext: '20 focused hours', icon: 'bulb', palette: 'ink', background: 'dots' },
    },
  },
  {
    id: 'workouts-3x4',
    name: 'Strong month',
    description: 'Work out at least three times a week, four weeks in a row.',
    rule: { kind: 'streak', source: 'metric:workout', weeks: 4, atLeast: 3, measure: 'sum' },
    art: {
      type: 'pixel',
      spec: { text: 'Strong', subtext: '3x a week x 4', icon: 'dumbbell', palette: 'rose', background: 'stripes' },
    },
  },
  {
    id: 'words-10k',
    name: '10,000 words',
    description: 'Write ten thousand words in the journal.',
    rule: { kind: 'total', source: 'journal.words', unit: 'words', target: 10_000 },
    art: { type: 'pixel', spec: { text: '10k words', subtext: 'Writer', icon: 'pen', palette: 'ocean', background: 'checker' } },
  },
  {
    id: 'sleep-7x7',
    name: 'Well rested',
    description: 'Sleep seven hours or more, seven nights in a row.',
    rule: { kind: 'dailyMetric', metric: 'sleep', op: '>=', value: 420, days: 7, consecutive: true },
    art: {
      type: 'pixel',
      spec: { text: 'Rested', subtext: '7 nights of 7h', icon: 'moon', palette: 'ink', background: 'gradient' },
    },
  },
  {
    id: 'good-mood-week',
    name: 'Good week',
    description: 'Average mood of 4 or more over a whole calendar week (every day logged).',
    rule: { kind: 'periodMetric', metric: 'mood', period: 'week', aggregate: 'avg', op: '>=', value: 4 },
    art: {
      type: 'pixel',
      spec: { text: 'Good week', subtext: 'Mood 4+', icon: 'heart', palette: 'rose', background: 'gradient' },
    },
  },
  {
    id: 'screen-light-week',
    name: 'Screen-light week',
    description: 'At most ten hours of screen time in a calendar week, every day logged.',
    rule: { kind: 'periodMetric', metric: 'screen_time', period: 'week', aggregate: 'sum', op: '<=', value: 600, minDays: 7 },
    art: {
      type: 'pixel',
      spec: { text: 'Unplugged', subtext: '< 10h screens', icon: 'star', palette: 'mint', background: 'dots' },
    },
  },
  {
    id: 'first-things-first',
    name: 'First things first',
    description: 'Finish 25 high-priority tasks.',
    rule: { kind: 'count', source: 'tasks.doneHigh', target: 25 },
    art: {
      type: 'pixel',
      spec: { text: 'Priorities', subtext: '25 high tasks', icon: 'check', palette: 'mint', background: 'gradient' },
    },
  },
  {
    id: 'first-experiment-cost',
    name: 'Accounted for',
    description: 'Record the first cost of an experiment in the research ledger.',
    rule: { kind: 'first', source: 'spend.entry' },
    art: {
      type: 'pixel',
      spec: { text: 'Ledger', subtext: 'First expense', icon: 'coin', palette: 'slate', background: 'stripes' },
    },
  },
  {
    id: 'reading-habit-14',
    name: 'Daily reader',
    description: 'Read papers at least 20 minutes a day for two weeks in a row.',
    rule: { kind: 'streak', source: 'reading.minutes', days: 14, atLeast: 20, measure: 'sum' },
    art: {
      type: 'pixel',
      spec: { text: 'Reader', subtext: '14 days, 20 min', icon: 'book', palette: 'forest', background: 'gradient' },
    },
  },
];

export const STARTER_STAMPS: readonly StampDefinition[] = DEFINITIONS.map((s) => ({ ...s, builtIn: true }));

export function starterStamp(id: string): StampDefinition | undefined {
  return STARTER_STAMPS.find((s) => s.id === id);
}
