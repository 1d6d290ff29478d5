import path from 'node:path';
import { DB_FILE_NAME, restoreDatabase } from '@folio/core';
import { readLiveLock } from '../../backend/data-lock';
import { resolveResources } from '../../backend/resources';
import type { Command } from '../types';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the database with a backup (the current one is snapshotted first)',
  usage: 'restore FILE',
  async run(ctx) {
    const from = ctx.args[0];
    if (!from) {
      ctx.err('folio restore: give a backup file (see `folio backup --list`).');
      return 2;
    }
    const live = readLiveLock(ctx.dataDir);
    if (live) {
      throw Object.assign(
        new Error(
          `Folio is running on this data folder (pid ${live.pid}, ${live.kind}). Quit it first, or restore from Settings → Backups inside the app.`,
        ),
        {
          code: 'conflict',
        },
      );
    }
    // Restore works on the file directly, without opening (and so migrating) the current database.
    const r = await restoreDatabase({
      file: path.join(ctx.dataDir, DB_FILE_NAME),
      from: path.isAbsolute(from) || from.includes(path.sep) ? path.resolve(from) : from,
      migrationsFolder: resolveResources().migrations,
    });
    ctx.print(
      r,
      () =>
        `Restored from ${r.restoredFrom}.` +
        (r.safetyBackup ? ` The database it replaced was saved as ${r.safetyBackup.file}.` : ''),
    );
  },
};
