import type { FolioErrorShape } from '../contract/errors';
import { makeTestCore } from '../testing/core';

/**
 * A real core on a fresh data folder with a clock the test moves, plus small call helpers
 * (tracking and stamps tests).
 */
export async function trackingCore(start = '2026-06-10T12:00:00.000Z') {
  let now = new Date(start);
  const c = await makeTestCore({ now: () => now });
  const events: { name: string; payload: unknown }[] = [];
  c.events.onAny((name, payload) => events.push({ name, payload }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: callers read what they assert
  async function call<T = any>(name: string, payload: unknown = {}): Promise<T> {
    const r = await c.dispatch(name, payload);
    if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), r.error);
    return r.value as T;
  }
  async function fail(name: string, payload: unknown = {}): Promise<FolioErrorShape> {
    const r = await c.dispatch(name, payload);
    if (r.ok) throw new Error(`${name} should have failed`);
    return r.error;
  }
  return {
    c,
    call,
    fail,
    events,
    setNow(iso: string) {
      now = new Date(iso);
    },
    /** Lets queued stamp evaluations (after other domains' events) run. */
    settle: () => new Promise<void>((r) => setImmediate(r)),
    sql: async (sql: string, params: (string | number | null)[] = []) =>
      (await call<{ rows: unknown[][] }>('system:sql', { sql, params })).rows,
    cleanup: () => c.cleanup(),
  };
}

export type TrackingCore = Awaited<ReturnType<typeof trackingCore>>;
