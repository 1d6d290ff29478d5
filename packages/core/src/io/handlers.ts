import type { CoreContext } from '../app/context';
import type { ioContract } from '../contract/io';
import type { HandlersOf } from '../contract/rpc';
import { exportEntry } from './entry-export';
import { runExport } from './export-service';
import { planImportFor, runImport } from './import-service';
import { runPublish } from './publish-service';

function progress(ctx: CoreContext, job: string, label: string) {
  return (done: number, total: number, state: 'running' | 'done' = done >= total ? 'done' : 'running') =>
    ctx.events.emit('jobs:progress', { job, label, done, total, state });
}

export function createIoHandlers(ctx: CoreContext): HandlersOf<typeof ioContract> {
  return {
    async 'io:import-plan'(p) {
      return planImportFor(ctx, p);
    },
    async 'io:import'(p) {
      const report = progress(ctx, 'io:import', 'Importing');
      try {
        return await runImport(ctx, p, (done, total) => report(done, total));
      } catch (err) {
        ctx.events.emit('jobs:progress', {
          job: 'io:import',
          label: 'Importing',
          done: 0,
          total: 0,
          state: 'failed',
          message: (err as Error).message,
        });
        throw err;
      }
    },
    async 'io:export'(p) {
      const r = await runExport(ctx, p, (done) => progress(ctx, 'io:export', 'Exporting')(done, done + 1, 'running'));
      progress(ctx, 'io:export', 'Exporting')(r.entries, r.entries, 'done');
      return r;
    },
    async 'io:export-entry'(p) {
      return exportEntry(ctx, p);
    },
    async 'io:publish'(p) {
      const r = await runPublish(ctx, p);
      progress(ctx, 'io:publish', 'Publishing')(r.posts, r.posts, 'done');
      return r;
    },
  };
}
