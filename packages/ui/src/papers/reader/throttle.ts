export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending trailing call now (e.g. before unmount, when the window is hidden). */
  flush(): void;
  cancel(): void;
}

export interface TimerApi {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: TimerApi = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Leading + trailing throttle: the first call runs at once, later calls within `waitMs` collapse
 * into one trailing call with the latest arguments.
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
  timers: TimerApi = realTimers,
): Throttled<A> {
  let last = -Infinity;
  let pending: A | null = null;
  let handle: unknown = null;

  const run = (args: A) => {
    last = timers.now();
    pending = null;
    fn(...args);
  };
  const fire = () => {
    handle = null;
    if (pending) run(pending);
  };
  const throttled = ((...args: A) => {
    const elapsed = timers.now() - last;
    if (elapsed >= waitMs && handle === null) {
      run(args);
      return;
    }
    pending = args;
    if (handle === null) handle = timers.setTimeout(fire, Math.max(0, waitMs - elapsed));
  }) as Throttled<A>;
  throttled.flush = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    if (pending) run(pending);
  };
  throttled.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    pending = null;
  };
  return throttled;
}
