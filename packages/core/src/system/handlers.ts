import { FolioError } from '../contract/errors';
import type { HandlersOf } from '../contract/rpc';
import type { systemContract } from '../contract/system';
import type { CoreContext } from '../app/context';
import { listBackups } from '../db/backup';
import { restoreInto } from '../db/restore';
import { runReadOnlySql } from './sql';
import { readSettings, writeSettings } from './settings';

export function createSystemHandlers(ctx: CoreContext): HandlersOf<typeof systemContract> {
  return {
    async 'system:ping'({ echo }) {
      return echo === undefined ? { pong: true, at: ctx.now().toISOString() } : { pong: true, echo, at: ctx.now().toISOString() };
    },

    async 'system:info'() {
      const s = ctx.store;
      const status = ctx.services.modelStatus?.() ?? {
        embedder: { state: 'unavailable' as const, message: 'No embedder is configured.' },
        spam: { state: 'unavailable' as const, message: 'No spam model is configured.' },
      };
      return {
        appVersion: ctx.appVersion,
        dataDir: ctx.dataDir,
        dbFile: s.file,
        schema: s.schema,
        sqliteVersion: s.sqliteVersion,
        vecVersion: s.vecVersion,
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        models: status,
        demo: ctx.demo,
      };
    },

    async 'system:backup'({ file }) {
      const b = await ctx.store.backup('manual', file);
      ctx.events.emit('system:backup-created', b);
      return b;
    },

    async 'system:backups'() {
      return listBackups(ctx.store.backupsDir);
    },

    async 'system:restore'({ from }) {
      const result = await restoreInto(ctx.store, { from, migrationsFolder: ctx.migrationsFolder });
      ctx.events.emit('data:changed', { domain: '*', action: 'restore' });
      return result;
    },

    async 'system:sql'({ sql, params, limit }) {
      return runReadOnlySql(ctx.store.file, sql, params ?? [], limit);
    },

    async 'settings:get'() {
      return readSettings(ctx.store.db);
    },

    async 'settings:set'({ values }) {
      if (Object.keys(values).length === 0) throw new FolioError('bad_request', 'Nothing to change.');
      const changed = writeSettings(ctx.store.db, values);
      ctx.events.emit('settings:changed', { values: changed });
      ctx.events.emit('data:changed', { domain: 'settings', action: 'update' });
      return readSettings(ctx.store.db);
    },
  };
}
