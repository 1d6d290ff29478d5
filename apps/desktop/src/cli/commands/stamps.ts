import path from 'node:path';
import type { StampDto, StampJsonDto } from '@folio/core';
import { table } from '../format';
import type { Command } from '../types';

/** The shape of `folio stamps --json`: one object per stamp. */
export function stampJson(d: StampDto): StampJsonDto {
  const out: StampJsonDto = { name: d.name, rule: d.rule, progress: d.progress, earnedAt: d.earnedAt, evidence: d.evidence };
  if (d.broken) out.broken = d.broken;
  return out;
}

function bar(progress: number): string {
  const n = Math.round(Math.max(0, Math.min(1, progress)) * 10);
  return `[${'#'.repeat(n)}${'.'.repeat(10 - n)}]`;
}

/**
 * `folio stamps`: the collection. `folio stamps export DIR`: the collection as a static page.
 *
 * --json: an array of `{ name, rule, progress, earnedAt, evidence: { days, items: [{ type, id, title?, day? }] } }`
 * (plus `broken: "why"` for a rule that can never be met); `export --json`: `{ dir, index, images, stamps, earned }`.
 */
export const stampsCommand: Command = {
  name: 'stamps',
  summary: 'List stamps with progress and evidence; "stamps export DIR" writes the collection page',
  usage: 'stamps [export DIR] [--earned-only] [--title T]',
  options: {
    'earned-only': { type: 'boolean', description: 'export: leave locked stamps out' },
    title: { type: 'string', description: 'export: the page title' },
  },
  async run(ctx) {
    if (ctx.args[0] === 'export') {
      const dir = ctx.args[1];
      if (!dir) {
        ctx.err('folio stamps export: give a folder, e.g. folio stamps export ./site/stamps');
        return 2;
      }
      const r = await ctx.call('stamps:export', {
        dir: path.resolve(dir),
        includeLocked: ctx.flags['earned-only'] !== true,
        ...(typeof ctx.flags.title === 'string' ? { title: ctx.flags.title } : {}),
      });
      ctx.print(
        r,
        () =>
          `Wrote ${r.index} with ${r.images.length} image${r.images.length === 1 ? '' : 's'} (${r.earned} of ${r.stamps} stamps earned)`,
      );
      return;
    }
    if (ctx.args.length > 0) {
      ctx.err(`folio stamps: unknown subcommand "${ctx.args[0]}" (try: folio stamps, folio stamps export DIR)`);
      return 2;
    }
    const list = await ctx.call('stamps:list', {});
    if (ctx.json) {
      ctx.out(JSON.stringify(list.map(stampJson), null, 2));
      return;
    }
    const earned = list.filter((s) => s.earned);
    ctx.out(
      table(
        ['', 'stamp', 'progress', 'earned / detail'],
        list.map((s) => [
          s.earned ? '★' : s.broken ? '!' : ' ',
          s.name,
          s.earned ? 'earned' : s.broken ? 'broken' : `${bar(s.progress)} ${Math.round(s.progress * 100)}%`,
          s.earned ? `${s.earnedAt} · ${s.evidenceText}` : s.broken ? s.broken : s.detail,
        ]),
      ),
    );
    ctx.out(`\n${earned.length} of ${list.length} earned.`);
  },
};
