import type { Command } from '../types';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the data folder, database, schema and model status',
  usage: 'info',
  async run(ctx) {
    const i = await ctx.call('system:info', {});
    ctx.print(i, () =>
      [
        `Folio ${i.appVersion}${i.demo ? ' (demo)' : ''}`,
        `data folder  ${i.dataDir}`,
        `database     ${i.dbFile} (SQLite ${i.sqliteVersion}, sqlite-vec ${i.vecVersion ?? 'not loaded'})`,
        `schema       ${i.schema.applied}/${i.schema.shipped} migrations`,
        `embedder     ${i.models.embedder.state}${i.models.embedder.message ? `: ${i.models.embedder.message}` : ''}`,
        `spam model   ${i.models.spam.state}${i.models.spam.message ? `: ${i.models.spam.message}` : ''}`,
      ].join('\n'),
    );
  },
};
