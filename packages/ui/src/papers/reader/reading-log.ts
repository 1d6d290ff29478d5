import type { ActivityEvent } from './activity-tracker';
import { realTimers, type TimerApi } from './throttle';

/** One report for the reading log: active time since the previous report and the pages on screen meanwhile. */
export interface ReadingReport {
  /** Active (not idle) milliseconds since the previous report, at most `MAX_REPORT_MS`. */
  activeMs: number;
  /** Pages (1-based, ascending) on screen while active. */
  pages: number[];
  /** The current page at the time of the report. */
  page: number;
}

/** The backend accepts at most ten minutes per report; reports are sent far more often than that. */
export const MAX_REPORT_MS = 10 * 60_000;

export interface ReadingReporter {
  /** Pass as the reader's `onActivity`. */
  onActivity(e: ActivityEvent): void;
  /** Sends what has accumulated now (e.g. when leaving the paper). */
  flush(): void;
  /** Flushes and stops the timer. */
  dispose(): void;
}

/**
 * Turns the reader's active/idle transitions into periodic reading-log reports: every `everyMs` while
 * reading, and once when reading stops. Idle time never counts; pages count only while active.
 */
export function createReadingReporter(
  report: (r: ReadingReport) => void,
  options: { everyMs?: number; timers?: TimerApi } = {},
): ReadingReporter {
  const timers = options.timers ?? realTimers;
  const everyMs = options.everyMs ?? 60_000;
  let activeSince: number | null = null;
  let accumulated = 0;
  let pages = new Set<number>();
  let visible: number[] = [];
  let page = 1;
  let timer: unknown = null;

  const send = (now: number) => {
    if (activeSince !== null) {
      accumulated += Math.max(0, now - activeSince);
      activeSince = now;
    }
    const activeMs = Math.min(MAX_REPORT_MS, Math.round(accumulated));
    if (activeMs > 0) report({ activeMs, pages: [...pages].sort((a, b) => a - b), page });
    accumulated = 0;
    pages = activeSince !== null ? new Set(visible) : new Set();
  };
  const schedule = () => {
    if (timer !== null) return;
    timer = timers.setTimeout(() => {
      timer = null;
      if (activeSince === null) return;
      send(timers.now());
      schedule();
    }, everyMs);
  };
  const stopTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  return {
    onActivity(e) {
      page = e.page;
      visible = e.visiblePages;
      if (e.type === 'active') {
        activeSince ??= e.at;
        for (const p of e.visiblePages) pages.add(p);
        schedule();
      } else {
        for (const p of e.visiblePages) if (activeSince !== null) pages.add(p);
        if (activeSince !== null) accumulated += Math.max(0, e.at - activeSince);
        activeSince = null;
        stopTimer();
        send(e.at);
      }
    },
    flush() {
      send(timers.now());
    },
    dispose() {
      stopTimer();
      send(timers.now());
      activeSince = null;
    },
  };
}
