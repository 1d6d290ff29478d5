import { listBackups } from '@folio/core';
import path from 'node:path';
import { bytes, table } from '../format';
import type { Command } from '../types';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Snapshot the database (to FILE, or into the backups folder); --list shows snapshots',
  usage: 'backup [FILE] [--list]',
  options: { list: { type: 'boolean', description: 'List the snapshots in the backups folder' } },
  async run(ctx) {
    if (ctx.flags.list) {
      const list = listBackups(path.join(ctx.dataDir, 'backups'));
      ctx.print(list, () =>
        list.length
          ? table(
              ['name', 'reason', 'created', 'size'],
              list.map((b) => [b.name, b.reason, b.createdAt, bytes(b.sizeBytes)]),
            )
          : 'No backups yet.',
      );
      return;
    }
    const file = ctx.args[0] ? path.resolve(ctx.args[0]) : undefined;
    const b = await ctx.call('system:backup', file ? { file } : {});
    ctx.print(b, () => `Backed up to ${b.file} (${bytes(b.sizeBytes)})`);
  },
};
