import { describe, expect, it } from 'vitest';
import { STARTER_STAMPS } from '../starter/starter-stamps';
import type { MetricInfo } from './activity-source';
import { describeRule } from './describe';
import type { EvaluationContext } from './evaluate';
import { MemoryActivitySource } from './memory-source';
import { parseRule, ruleSources } from './rules';
import {
  affectedBy,
  evaluateStamps,
  eventSources,
  stampsJson,
  summarizeEvidence,
  withDerivedHabits,
  type StampDefinition,
  type StampState,
} from './stamps';

const METRICS: MetricInfo[] = [
  { id: 'vegetables', name: 'Vegetables', kind: 'count', min: 0, max: 50 },
  { id: 'sleep', name: 'Sleep', kind: 'duration', min: 0, max: 1440 },
  { id: 'mood', name: 'Mood', kind: 'scale', min: 1, max: 5 },
  { id: 'screen_time', name: 'Screen time', kind: 'duration', min: 0, max: 1440 },
  { id: 'workout', name: 'Workout', kind: 'boolean', min: 0, max: 1 },
];

const ctx = (activity: MemoryActivitySource, asOf: string): EvaluationContext => ({ activity, asOf, from: '2026-01-01' });

describe('incremental evaluation', () => {
  it('logging a week of vegetables earns Veggie week, with its evidence, and only touches affected stamps', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    let states = evaluateStamps(STARTER_STAMPS, new Map(), ctx(a, '2026-06-01')).states;
    expect(states.get('veggie-week')).toMatchObject({ earned: false, progress: 0 });
    const celebrated: string[] = [];
    for (let d = 1; d <= 7; d++) {
      const day = `2026-06-0${d}`;
      a.setMetric('vegetables', day, 2);
      const res = evaluateStamps(STARTER_STAMPS, states, ctx(a, day), { sources: eventSources.metric('vegetables'), day });
      // Only rules reading metric:vegetables were recomputed.
      expect(res.updated.map((s) => s.stampId)).toEqual(['veggie-week']);
      celebrated.push(...res.newlyEarned.map((s) => s.stampId));
      states = res.states;
    }
    expect(celebrated).toEqual(['veggie-week']);
    const veg = states.get('veggie-week')!;
    expect(veg).toMatchObject({ earned: true, earnedAt: '2026-06-07', progress: 1 });
    expect(veg.evidence.days).toEqual([
      '2026-06-01',
      '2026-06-02',
      '2026-06-03',
      '2026-06-04',
      '2026-06-05',
      '2026-06-06',
      '2026-06-07',
    ]);
    expect(summarizeEvidence(veg.evidence)).toBe('7 days, 2026-06-01 – 2026-06-07');

    // Once earned, kept: even if a day is deleted later, and it is not re-evaluated.
    a.setMetric('vegetables', '2026-06-03', null);
    const after = evaluateStamps(STARTER_STAMPS, states, ctx(a, '2026-06-08'), { sources: eventSources.metric('vegetables') });
    expect(after.updated).toEqual([]);
    expect(after.states.get('veggie-week')).toBe(veg);
  });

  it('without an event every locked stamp is evaluated', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    const res = evaluateStamps(STARTER_STAMPS, new Map(), ctx(a, '2026-06-01'));
    expect(res.updated).toHaveLength(STARTER_STAMPS.length);
    expect(res.newlyEarned).toEqual([]);
    expect([...res.states.values()].every((s) => !s.broken)).toBe(true);
  });

  it('a deleted metric shows the stamp as broken', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    const first = evaluateStamps(STARTER_STAMPS, new Map(), ctx(a, '2026-06-01')).states;
    a.deleteMetric('sleep');
    const res = evaluateStamps(STARTER_STAMPS, first, ctx(a, '2026-06-01'), { sources: ['metric:sleep'] });
    expect(res.updated.map((s) => [s.stampId, s.broken?.reason])).toEqual([['sleep-7x7', 'The metric "sleep" no longer exists']]);
  });

  it('affectedBy matches on sources; time blocks touch focus time', () => {
    const focus = STARTER_STAMPS.find((s) => s.id === 'focus-100h')!.rule;
    expect(affectedBy(focus, { sources: eventSources.timeBlock('research') })).toBe(true);
    expect(affectedBy(focus, { sources: eventSources.paperAdded() })).toBe(false);
    expect(
      ruleSources({
        kind: 'all',
        rules: [
          { kind: 'first', source: 'a' },
          { kind: 'habit', habit: 'h', periods: 1 },
        ],
      }),
    ).toEqual(['a', 'habit:h']);
    expect(
      withDerivedHabits({ sources: ['papers.finished'] }, [
        { id: 'read', source: { type: 'activity', source: 'papers.finished' } },
        { id: 'run', source: { type: 'checkin' } },
      ]).sources,
    ).toEqual(['papers.finished', 'habit:read']);
  });
});

describe('folio stamps --json', () => {
  it('lists name, rule, progress, earnedAt and evidence for every stamp', () => {
    const stamp: StampDefinition = {
      id: 'x',
      name: 'X',
      description: 'd',
      rule: { kind: 'first', source: 'papers.added' },
      art: { type: 'image', file: 'x.png' },
    };
    const state: StampState = {
      stampId: 'x',
      evaluatedAt: '2026-06-01',
      progress: 1,
      current: 1,
      target: 1,
      earned: true,
      earnedAt: '2026-05-30',
      evidence: { days: ['2026-05-30'], items: [{ type: 'paper', id: 'p1' }] },
      detail: '',
    };
    expect(stampsJson([stamp], new Map([['x', state]]))).toEqual([
      {
        id: 'x',
        name: 'X',
        description: 'd',
        rule: { kind: 'first', source: 'papers.added' },
        progress: 1,
        current: 1,
        target: 1,
        earnedAt: '2026-05-30',
        evidence: { days: ['2026-05-30'], items: [{ type: 'paper', id: 'p1' }] },
      },
    ]);
  });
});

describe('rule JSON', () => {
  it('parses the issue’s examples', () => {
    for (const r of [
      { kind: 'count', source: 'papers.finished', window: { type: 'calendarMonth' }, target: 30 },
      { kind: 'streak', source: 'journal.entry', days: 7 },
      { kind: 'dailyMetric', metric: 'vegetables', op: '>=', value: 1, days: 7, consecutive: true },
      { kind: 'first', source: 'papers.highlight' },
      { kind: 'count', source: 'journal.weeklyReview', target: 10 },
      { kind: 'total', source: 'time.focus', unit: 'hours', target: 100 },
    ]) {
      expect(parseRule(r)).toEqual({ ok: true, rule: r });
    }
  });
  it('gives field messages for bad JSON', () => {
    expect(parseRule('{"kind":')).toMatchObject({ ok: false, issues: [{ path: '' }] });
    expect(parseRule({ kind: 'count', source: 'papers.finished', target: 0 })).toEqual({
      ok: false,
      issues: [{ path: 'target', message: 'target must be at least 1' }],
    });
    expect(parseRule({ kind: 'streak', source: 'journal.entry' })).toEqual({
      ok: false,
      issues: [{ path: 'days', message: 'A streak needs exactly one of days, weeks or months' }],
    });
    expect(parseRule({ kind: 'count', source: 'a', target: 1, window: { type: 'rollingDays' } })).toMatchObject({
      ok: false,
      issues: [{ path: 'window.days' }],
    });
    expect(parseRule({ kind: 'dailyMetric', metric: 'mood', op: '=>', value: 1, days: 1 })).toMatchObject({
      ok: false,
      issues: [{ path: 'op', message: 'op is one of >=, >, <=, <, ==' }],
    });
  });
  it('describes rules in English', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    const d = (id: string) => describeRule(STARTER_STAMPS.find((s) => s.id === id)!.rule, a);
    expect(d('papers-30-month')).toBe('Papers finished: 30 papers in one calendar month');
    expect(d('veggie-week')).toBe('Vegetables at least 1 on 7 days in a row');
    expect(d('sleep-7x7')).toBe('Sleep at least 7h on 7 days in a row');
    expect(d('workouts-3x4')).toBe('Workout at least 3 a week, 4 weeks in a row');
    expect(d('focus-100h')).toBe('Focused (productive) time: 100 hours in total');
  });
});
