import { describe, expect, it } from 'vitest';
import { badgeSpecSchema } from '../art/spec';
import { renderStampPng } from '../art/render';
import { checkRule } from '../engine/evaluate';
import { MemoryActivitySource } from '../engine/memory-source';
import { parseRule } from '../engine/rules';
import { STARTER_STAMPS } from './starter-stamps';

describe('starter stamps', () => {
  const activity = new MemoryActivitySource({
    metrics: [
      { id: 'productivity', name: 'Productivity hours', kind: 'duration', min: 0, max: 1440 },
      { id: 'screen_time', name: 'Screen time', kind: 'duration', min: 0, max: 1440 },
      { id: 'mood', name: 'Mood', kind: 'scale', min: 1, max: 5 },
      { id: 'sleep', name: 'Sleep', kind: 'duration', min: 0, max: 1440 },
      { id: 'vegetables', name: 'Vegetables', kind: 'count', min: 0, max: 50 },
      { id: 'workout', name: 'Workout', kind: 'boolean', min: 0, max: 1 },
    ],
  });
  it('has at least twelve, with unique ids, including the issue’s examples', () => {
    expect(STARTER_STAMPS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(STARTER_STAMPS.map((s) => s.id)).size).toBe(STARTER_STAMPS.length);
    for (const id of [
      'papers-30-month',
      'journal-streak-7',
      'veggie-week',
      'first-highlight',
      'weekly-reviews-10',
      'focus-100h',
    ]) {
      expect(STARTER_STAMPS.some((s) => s.id === id)).toBe(true);
    }
  });
  it.each(STARTER_STAMPS.map((s) => [s.id, s] as const))(
    '%s: valid rule, not broken with the default metrics, drawable art',
    (_, s) => {
      expect(parseRule(s.rule)).toEqual({ ok: true, rule: s.rule });
      expect(checkRule(s.rule, activity)).toBeNull();
      expect(s.builtIn).toBe(true);
      if (s.art.type !== 'pixel') throw new Error('starter stamps are drawn by Folio');
      expect(badgeSpecSchema.safeParse(s.art.spec).success).toBe(true);
      expect(renderStampPng(s.art.spec).subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    },
  );
});
