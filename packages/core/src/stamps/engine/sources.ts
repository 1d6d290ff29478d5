import type { ActivitySource } from './activity-source';

/**
 * The activity Folio knows, as source ids. Fixed ids, plus parameterised families
 * (`metric:<id>`, `habit:<id>`, `time.category:<id>`, `journal.kind:<kind>`).
 *
 * For each source, `count` is the number of items a day and `sum` their measure in `sumUnit`.
 */
export type SumUnit = 'none' | 'minutes' | 'words' | 'value';

export interface SourceInfo {
  id: string;
  /** `metric`, `habit`, `time.category`, `journal.kind` or the fixed id itself. */
  family: string;
  label: string;
  /** What one counted item is called ("paper", "entry") and its plural. */
  noun: [string, string];
  sumUnit: SumUnit;
  /** Evidence item type. */
  itemType: string;
  /** Hard per-day ceilings, for spotting rules that can never be met. */
  maxCountPerDay?: number;
  maxSumPerDay?: number;
  /** For metric sources: the metric's bounds and kind. */
  metric?: { min: number; max: number; kind: string; name: string };
}

type Fixed = Omit<SourceInfo, 'id' | 'family'>;

export const FIXED_SOURCES: Readonly<Record<string, Fixed>> = {
  'journal.entry': { label: 'Journal entries', noun: ['entry', 'entries'], sumUnit: 'none', itemType: 'entry' },
  'journal.weeklyReview': {
    label: 'Weekly reviews',
    noun: ['weekly review', 'weekly reviews'],
    sumUnit: 'none',
    itemType: 'entry',
  },
  'journal.words': { label: 'Words written', noun: ['entry', 'entries'], sumUnit: 'words', itemType: 'entry' },
  'papers.added': { label: 'Papers added', noun: ['paper', 'papers'], sumUnit: 'none', itemType: 'paper' },
  'papers.finished': { label: 'Papers finished', noun: ['paper', 'papers'], sumUnit: 'none', itemType: 'paper' },
  'papers.highlight': { label: 'Highlights', noun: ['highlight', 'highlights'], sumUnit: 'none', itemType: 'highlight' },
  'papers.note': { label: 'Paper notes', noun: ['note', 'notes'], sumUnit: 'none', itemType: 'annotation' },
  'reading.minutes': {
    label: 'Reading time',
    noun: ['session', 'sessions'],
    sumUnit: 'minutes',
    itemType: 'paper',
    maxSumPerDay: 1440,
  },
  'time.total': {
    label: 'Time logged',
    noun: ['block', 'blocks'],
    sumUnit: 'minutes',
    itemType: 'timeBlock',
    maxSumPerDay: 1440,
  },
  'time.focus': {
    label: 'Focused (productive) time',
    noun: ['block', 'blocks'],
    sumUnit: 'minutes',
    itemType: 'timeBlock',
    maxSumPerDay: 1440,
  },
  'tasks.done': { label: 'Tasks done', noun: ['task', 'tasks'], sumUnit: 'none', itemType: 'task' },
  'tasks.doneHigh': { label: 'High-priority tasks done', noun: ['task', 'tasks'], sumUnit: 'none', itemType: 'task' },
  'spend.entry': { label: 'Spend entries', noun: ['expense', 'expenses'], sumUnit: 'none', itemType: 'spend' },
  'comments.answered': { label: 'Comments answered', noun: ['comment', 'comments'], sumUnit: 'none', itemType: 'comment' },
};

export const SOURCE_FAMILIES = ['metric', 'habit', 'time.category', 'journal.kind'] as const;

export type SourceResolution = { ok: true; info: SourceInfo } | { ok: false; reason: string };

/** Looks a source id up, checking that the metric/habit it names still exists. */
export function resolveSource(
  id: string,
  activity?: Pick<ActivitySource, 'metric' | 'habit' | 'journalKinds'>,
): SourceResolution {
  const fixed = FIXED_SOURCES[id];
  if (fixed) return { ok: true, info: { id, family: id, ...fixed } };
  const colon = id.indexOf(':');
  const family = colon > 0 ? id.slice(0, colon) : '';
  const param = colon > 0 ? id.slice(colon + 1) : '';
  if (!(SOURCE_FAMILIES as readonly string[]).includes(family) || param === '') {
    return { ok: false, reason: `Unknown source "${id}"` };
  }
  switch (family) {
    case 'metric': {
      const m = activity?.metric(param);
      if (activity && !m) return { ok: false, reason: `The metric "${param}" no longer exists` };
      const info: SourceInfo = {
        id,
        family,
        label: m?.name ?? param,
        noun: ['day logged', 'days logged'],
        sumUnit: m?.kind === 'duration' ? 'minutes' : 'value',
        itemType: 'metric',
        maxCountPerDay: 1,
      };
      if (m) {
        info.maxSumPerDay = m.max;
        info.metric = { min: m.min, max: m.max, kind: m.kind, name: m.name };
      }
      return { ok: true, info };
    }
    case 'habit': {
      const h = activity?.habit(param);
      if (activity && !h) return { ok: false, reason: `The habit "${param}" no longer exists` };
      return {
        ok: true,
        info: {
          id,
          family,
          label: h?.name ?? param,
          noun: ['day done', 'days done'],
          sumUnit: 'none',
          itemType: 'habit',
          maxCountPerDay: 1,
        },
      };
    }
    case 'time.category':
      return {
        ok: true,
        info: {
          id,
          family,
          label: `Time on ${param}`,
          noun: ['block', 'blocks'],
          sumUnit: 'minutes',
          itemType: 'timeBlock',
          maxSumPerDay: 1440,
        },
      };
    default: {
      const kinds = activity?.journalKinds?.();
      if (kinds && !kinds.includes(param)) return { ok: false, reason: `There is no journal entry kind "${param}"` };
      return {
        ok: true,
        info: { id, family, label: `${param} entries`, noun: ['entry', 'entries'], sumUnit: 'none', itemType: 'entry' },
      };
    }
  }
}

/** Every fixed source plus the families, for a rule editor's picker. */
export function listSources(): { id: string; label: string; sumUnit: SumUnit; parameter?: string }[] {
  return [
    ...Object.entries(FIXED_SOURCES).map(([id, s]) => ({ id, label: s.label, sumUnit: s.sumUnit })),
    { id: 'metric:<id>', label: 'A daily metric', sumUnit: 'value' as const, parameter: 'metric id' },
    { id: 'habit:<id>', label: 'A habit (days done)', sumUnit: 'none' as const, parameter: 'habit id' },
    { id: 'time.category:<id>', label: 'Time in a category', sumUnit: 'minutes' as const, parameter: 'category id' },
    { id: 'journal.kind:<kind>', label: 'Journal entries of a kind', sumUnit: 'none' as const, parameter: 'entry kind' },
  ];
}
