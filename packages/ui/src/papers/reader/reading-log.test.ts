import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityTracker } from './activity-tracker';
import { createReadingReporter, MAX_REPORT_MS, type ReadingReport } from './reading-log';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-05-01T10:00:00Z'));
});
afterEach(() => vi.useRealTimers());

/** The tracker and the reporter wired as the app wires them (reader -> onActivity -> reporter). */
function setup(idleAfterMs = 30_000, everyMs = 60_000) {
  const reports: ReadingReport[] = [];
  const reporter = createReadingReporter((r) => reports.push(r), { everyMs });
  const tracker = new ActivityTracker((e) => reporter.onActivity(e), { idleAfterMs });
  return { reports, reporter, tracker, total: () => reports.reduce((n, r) => n + r.activeMs, 0) };
}

describe('createReadingReporter', () => {
  it('reports active time periodically while reading and once when reading stops', () => {
    const { reports, tracker, total } = setup(30_000, 60_000);
    tracker.setView(1, [1, 2]);
    for (let s = 0; s < 150; s += 10) {
      tracker.input();
      if (s === 70) tracker.setView(3, [3]);
      vi.advanceTimersByTime(10_000);
    }
    // The last input was at 140 s; the tracker calls it idle 30 s later.
    vi.advanceTimersByTime(60_000);
    expect(reports.map((r) => r.activeMs)).toEqual([60_000, 60_000, 50_000]);
    expect(total()).toBe(170_000);
    expect(reports[0]!.pages).toEqual([1, 2]);
    expect(reports[1]!.pages).toEqual([1, 2, 3]);
    expect(reports[2]!.pages).toEqual([3]);
    expect(reports.at(-1)!.page).toBe(3);
  });

  it('does not count idle time, and resumes counting on new input', () => {
    const { tracker, total, reports } = setup(30_000, 600_000);
    tracker.setView(4, [4]);
    tracker.input();
    vi.advanceTimersByTime(5 * 60_000); // idle after 30 s; 4.5 min of nothing
    expect(total()).toBe(30_000);
    tracker.input();
    vi.advanceTimersByTime(10_000);
    tracker.setHidden(true);
    expect(total()).toBe(40_000);
    expect(reports).toHaveLength(2);
    vi.advanceTimersByTime(60 * 60_000);
    expect(reports).toHaveLength(2);
  });

  it('flushes on demand and caps a report at the backend limit', () => {
    const { reporter, reports } = setup(60 * 60_000, 60 * 60_000);
    reporter.onActivity({ type: 'active', page: 1, visiblePages: [1], at: Date.now(), lastInputAt: Date.now() });
    vi.advanceTimersByTime(20 * 60_000);
    reporter.flush();
    expect(reports[0]!.activeMs).toBe(MAX_REPORT_MS);
    reporter.dispose();
    expect(reports).toHaveLength(1);
  });
});
