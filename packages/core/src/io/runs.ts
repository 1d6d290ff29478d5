// The io_runs log: one row per import, export or publish (for `folio sql` and support questions).
import type { CoreContext } from '../app/context';

export function recordRun(
  ctx: CoreContext,
  action: 'import' | 'export' | 'publish',
  target: string,
  startedAt: string,
  summary: Record<string, unknown>,
): void {
  try {
    ctx.store.sqlite
      .prepare(`INSERT INTO io_runs (action, target, started_at, finished_at, summary) VALUES (?, ?, ?, ?, ?)`)
      .run(action, target.slice(0, 4000), startedAt, ctx.now().toISOString(), JSON.stringify(summary));
  } catch (err) {
    // The log is a convenience: never fail the import, export or publish because of it.
    console.error('[folio] could not record the io run:', err);
  }
}
