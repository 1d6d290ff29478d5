import { realTimers, type TimerApi } from './throttle';

/**
 * Reading-log signal. `active` is sent when reading starts (first input after being idle) and again
 * whenever the visible pages change while active; `idle` is sent once when reading stops: no input or
 * scroll for `idleAfterMs`, the window is hidden, or the reader closes. Active time is the sum of the
 * intervals from an `active` that follows an `idle` (or the start) to the next `idle`.
 */
export interface ActivityEvent {
  type: 'active' | 'idle';
  /** The current page (1-based). */
  page: number;
  /** Pages (1-based) at least partly on screen. */
  visiblePages: number[];
  /** `Date.now()` when the event was decided (for a timed-out `idle`, `idleAfterMs` after the last input). */
  at: number;
  /** `Date.now()` of the last input or scroll. */
  lastInputAt: number;
}

export interface ActivityTrackerOptions {
  idleAfterMs: number;
  timers?: TimerApi;
}

export class ActivityTracker {
  #emit: (e: ActivityEvent) => void;
  #idleAfterMs: number;
  #timers: TimerApi;
  #active = false;
  #hidden = false;
  #lastInput = -Infinity;
  #timer: unknown = null;
  #page = 1;
  #visible: number[] = [];

  constructor(emit: (e: ActivityEvent) => void, options: ActivityTrackerOptions) {
    this.#emit = emit;
    this.#idleAfterMs = options.idleAfterMs;
    this.#timers = options.timers ?? realTimers;
  }

  get active(): boolean {
    return this.#active;
  }

  /** Any user input or scroll in the reader. Cheap enough to call on every pointer move. */
  input(): void {
    if (this.#hidden) return;
    this.#lastInput = this.#timers.now();
    if (!this.#active) {
      this.#active = true;
      this.#send('active');
    }
    if (this.#timer === null) this.#schedule(this.#idleAfterMs);
  }

  /** The viewer's current page and visible pages changed. */
  setView(page: number, visiblePages: readonly number[]): void {
    const changed =
      page !== this.#page || visiblePages.length !== this.#visible.length || visiblePages.some((p, i) => p !== this.#visible[i]);
    this.#page = page;
    this.#visible = [...visiblePages];
    if (changed && this.#active) this.#send('active');
  }

  /** `document.visibilityState === 'hidden'` counts as idle at once. */
  setHidden(hidden: boolean): void {
    this.#hidden = hidden;
    if (hidden) this.#goIdle();
  }

  dispose(): void {
    this.#goIdle();
  }

  #schedule(ms: number): void {
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      if (!this.#active) return;
      const quiet = this.#timers.now() - this.#lastInput;
      if (quiet >= this.#idleAfterMs) this.#goIdle();
      else this.#schedule(this.#idleAfterMs - quiet);
    }, ms);
  }

  #goIdle(): void {
    if (this.#timer !== null) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (!this.#active) return;
    this.#active = false;
    this.#send('idle');
  }

  #send(type: ActivityEvent['type']): void {
    this.#emit({
      type,
      page: this.#page,
      visiblePages: [...this.#visible],
      at: this.#timers.now(),
      lastInputAt: this.#lastInput,
    });
  }
}
