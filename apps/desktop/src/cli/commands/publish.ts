import path from 'node:path';
import type { Command } from '../types';

/**
 * `folio publish DIR [--base-url URL] [--title T] [--description D] [--force] [--json]`: public entries as a
 * static site. --json prints { dir, posts, tags, files: [relative paths], removed, feed, durationMs }.
 */
export const publishCommand: Command = {
  name: 'publish',
  summary: 'Publish public entries as a static site (index, pages, tags, RSS) to push to your own host',
  usage: 'publish DIR [--base-url URL] [--title T]',
  options: {
    'base-url': { type: 'string', description: 'The address the site will live at (absolute links in the RSS feed)' },
    title: { type: 'string', description: 'Site title (default: Journal)' },
    description: { type: 'string', description: 'One line about the site (index page and feed)' },
    force: { type: 'boolean', description: 'Write into a folder that holds other files (none is deleted)' },
  },
  async run(ctx) {
    const dir = ctx.args[0];
    if (!dir) {
      ctx.err('folio publish: give the folder to write the site into');
      return 2;
    }
    const str = (k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);
    const baseUrl = str('base-url');
    const siteTitle = str('title');
    const description = str('description');
    const r = await ctx.call('io:publish', {
      dir: path.resolve(dir),
      force: ctx.flags.force === true,
      ...(baseUrl ? { baseUrl } : {}),
      ...(siteTitle ? { siteTitle } : {}),
      ...(description ? { description } : {}),
    });
    ctx.print(r, () =>
      [
        `Published ${r.posts} public ${r.posts === 1 ? 'entry' : 'entries'} (${r.tags} tags, ${r.files.length} files) to ${r.dir}`,
        ...(r.removed ? [`  removed ${r.removed} pages no longer public`] : []),
        `  feed: ${r.feed}`,
        ...(baseUrl ? [] : ['  (give --base-url so feed readers get absolute links)']),
      ].join('\n'),
    );
  },
};
