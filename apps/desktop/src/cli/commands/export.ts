import path from 'node:path';
import type { Command } from '../types';

/**
 * `folio export DIR [--force] [--json]`: every entry as markdown with front matter (+ attachments/).
 * --json prints { dir, entries, files, attachments, removed, missingAttachments: [sha256], durationMs }.
 */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Export every entry as markdown files with front matter and wikilinks (attachments copied)',
  usage: 'export DIR [--force]',
  options: { force: { type: 'boolean', description: 'Write into a folder that holds other files (none is deleted)' } },
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) {
      ctx.err('folio export: give the folder to export into');
      return 2;
    }
    const r = await ctx.call('io:export', { dir: path.resolve(dir), force: ctx.flags.force === true });
    ctx.print(r, () =>
      [
        `Exported ${r.entries} entries and ${r.attachments} attachments to ${r.dir}`,
        ...(r.removed ? [`  removed ${r.removed} files of entries deleted since the last export`] : []),
        ...(r.missingAttachments.length
          ? [`  ${r.missingAttachments.length} attachments are missing from the data folder (links kept)`]
          : []),
      ].join('\n'),
    );
  },
};
