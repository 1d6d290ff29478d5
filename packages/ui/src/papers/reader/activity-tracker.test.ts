import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityTracker, type ActivityEvent } from './activity-tracker';
import { throttle } from './throttle';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-05-01T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttle', () => {
  it('runs the first call at once and collapses a burst into one trailing call with the last arguments', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 500);
    t(1);
    t(2);
    t(3);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(499);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([1, 3]);
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual([1, 3]);
  });

  it('never calls more often than the wait', () => {
    const times: number[] = [];
    const t = throttle(() => times.push(Date.now()), 500);
    for (let i = 0; i < 100; i++) {
      t();
      vi.advanceTimersByTime(37);
    }
    vi.advanceTimersByTime(1000);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(500);
    expect(times.length).toBeGreaterThanOrEqual(7);
  });

  it('flush runs the pending call now; cancel drops it', () => {
    const calls: string[] = [];
    const t = throttle((s: string) => calls.push(s), 500);
    t('a');
    t('b');
    t.flush();
    expect(calls).toEqual(['a', 'b']);
    t('c');
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['a', 'b']);
    t.flush();
    expect(calls).toEqual(['a', 'b']);
  });
});

describe('ActivityTracker', () => {
  const setup = (idleAfterMs = 60_000) => {
    const events: ActivityEvent[] = [];
    const tracker = new ActivityTracker((e) => events.push(e), { idleAfterMs });
    return { events, tracker, types: () => events.map((e) => e.type) };
  };

  it('goes active on input and idle after the quiet period, not before', () => {
    const { tracker, types, events } = setup(60_000);
    tracker.setView(3, [3, 4]);
    expect(types()).toEqual([]);
    tracker.input();
    expect(events[0]).toMatchObject({ type: 'active', page: 3, visiblePages: [3, 4], at: Date.parse('2025-05-01T10:00:00Z') });
    vi.advanceTimersByTime(59_999);
    expect(types()).toEqual(['active']);
    vi.advanceTimersByTime(1);
    expect(types()).toEqual(['active', 'idle']);
    expect(events[1]!.at).toBe(Date.parse('2025-05-01T10:01:00Z'));
  });

  it('keeps reading active while input keeps coming', () => {
    const { tracker, types } = setup(10_000);
    tracker.input();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(9_000);
      tracker.input();
    }
    expect(types()).toEqual(['active']);
    vi.advanceTimersByTime(10_000);
    expect(types()).toEqual(['active', 'idle']);
  });

  it('reports page changes while active, but not while idle', () => {
    const { tracker, events } = setup(10_000);
    tracker.setView(1, [1]);
    tracker.input();
    tracker.setView(1, [1]);
    tracker.setView(2, [1, 2]);
    expect(events.map((e) => [e.type, e.page, e.visiblePages])).toEqual([
      ['active', 1, [1]],
      ['active', 2, [1, 2]],
    ]);
    vi.advanceTimersByTime(10_000);
    tracker.setView(5, [5]);
    expect(events.map((e) => e.type)).toEqual(['active', 'active', 'idle']);
    tracker.input();
    expect(events.at(-1)).toMatchObject({ type: 'active', page: 5, visiblePages: [5] });
  });

  it('goes idle at once when the window is hidden and ignores input until it is visible again', () => {
    const { tracker, types } = setup(60_000);
    tracker.input();
    tracker.setHidden(true);
    expect(types()).toEqual(['active', 'idle']);
    tracker.input();
    vi.advanceTimersByTime(120_000);
    expect(types()).toEqual(['active', 'idle']);
    tracker.setHidden(false);
    tracker.input();
    expect(types()).toEqual(['active', 'idle', 'active']);
  });

  it('closes an active session on dispose, exactly once', () => {
    const { tracker, types } = setup();
    tracker.input();
    tracker.dispose();
    tracker.dispose();
    vi.advanceTimersByTime(120_000);
    expect(types()).toEqual(['active', 'idle']);
  });
});
