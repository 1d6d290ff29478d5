import type { ImportIssueDto, ImportPlanDto, ImportResultDto } from '@folio/core';
import type { Command } from '../types';

/**
 * `folio import PATH... [--dry-run] [--skip-existing] [--public] [--json]`
 *
 * Entries are private unless their source marks them public; `--public` makes blog posts whose source
 * does not say (plain-text microblog entries, Jekyll/Hexo/Hugo posts without `published`/`draft`) public.
 *
 * --json prints (stable; documented in the README):
 *   { dryRun, created, updated, unchanged,
 *     skipped:  [{ path, line?, reason, severity: 'error' | 'skipped' }]   files and entries not imported, with why
 *     warnings: [{ path, line?, reason }]                                  imported with a caveat (encoding, date...)
 *     entries:  [{ id, sourceKey, title, date, kind, action }]             action: created|updated|unchanged|skipped|failed
 *                                                                          (dry run: create|update|unchanged|skip; id of the existing entry, else null)
 *     counts:   { files, entries, byFormat, byKind, attachments, mojibakeRepaired, unmarkedPosts },
 *     publicPosts }                                                        whether --public was given
 */
export interface ImportJson {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: { path: string; line?: number; reason: string; severity: 'error' | 'skipped' }[];
  warnings: { path: string; line?: number; reason: string }[];
  entries: { id: string | null; sourceKey: string; title: string; date: string; kind: string; action: string }[];
  counts: {
    files: number;
    entries: number;
    byFormat: Record<string, number>;
    byKind: Record<string, number>;
    attachments: number;
    mojibakeRepaired: number;
    unmarkedPosts: number;
  };
  publicPosts: boolean;
}

const where = (i: { path: string; line?: number }) => (i.line ? `${i.path}:${i.line}` : i.path);

function split(issues: ImportIssueDto[]) {
  const skipped = issues
    .filter((i) => i.severity !== 'warning')
    .map((i) => ({
      path: i.path,
      ...(i.line !== undefined ? { line: i.line } : {}),
      reason: i.reason,
      severity: i.severity as 'error' | 'skipped',
    }));
  const warnings = issues
    .filter((i) => i.severity === 'warning')
    .map((i) => ({ path: i.path, ...(i.line !== undefined ? { line: i.line } : {}), reason: i.reason }));
  return { skipped, warnings };
}

export function importJson(r: ImportResultDto | ImportPlanDto, dryRun: boolean, publicPosts = false): ImportJson {
  const { skipped, warnings } = split(r.issues);
  const counts = {
    files: r.counts.files,
    entries: r.counts.entries,
    byFormat: r.counts.byFormat,
    byKind: r.counts.byKind,
    attachments: r.counts.attachments,
    mojibakeRepaired: r.counts.mojibakeRepaired,
    unmarkedPosts: r.counts.unmarkedPosts,
  };
  if ('attachmentsNeeded' in r) {
    for (const e of r.entries)
      if (e.action === 'skip') skipped.push({ path: e.sourceKey, reason: e.reason ?? 'skipped', severity: 'skipped' });
    return {
      dryRun,
      created: r.counts.create,
      updated: r.counts.update,
      unchanged: r.counts.unchanged,
      skipped,
      warnings,
      entries: r.entries.map((e) => ({
        id: e.entryId ?? null,
        sourceKey: e.sourceKey,
        title: e.title,
        date: e.date,
        kind: e.storedKind ?? e.kind,
        action: e.action,
      })),
      counts,
      publicPosts,
    };
  }
  for (const e of r.entries)
    if (e.action === 'skipped') skipped.push({ path: e.sourceKey, reason: e.reason ?? 'skipped', severity: 'skipped' });
  return {
    dryRun,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped,
    warnings,
    entries: r.entries.map((e) => ({
      id: e.id ?? null,
      sourceKey: e.sourceKey,
      title: e.title,
      date: e.date,
      kind: e.kind,
      action: e.action,
    })),
    counts,
    publicPosts,
  };
}

function tally(rec: Record<string, number>): string {
  const parts = Object.entries(rec)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

export function importHuman(j: ImportJson): string {
  const head = j.dryRun
    ? `Would import ${j.counts.entries} entries from ${j.counts.files} files: ${j.created} new, ${j.updated} changed, ${j.unchanged} unchanged (nothing written: --dry-run)`
    : `Imported ${j.counts.entries} entries from ${j.counts.files} files: ${j.created} created, ${j.updated} updated, ${j.unchanged} unchanged`;
  const lines = [head, `  by format: ${tally(j.counts.byFormat)}`, `  by kind:   ${tally(j.counts.byKind)}`];
  if (j.counts.attachments) lines.push(`  attachments: ${j.counts.attachments}`);
  if (j.counts.mojibakeRepaired) lines.push(`  mojibake repaired: ${j.counts.mojibakeRepaired}`);
  if (j.counts.unmarkedPosts) {
    lines.push(
      j.publicPosts
        ? `  ${j.counts.unmarkedPosts} posts whose source does not say whether they are public: imported public (--public)`
        : `  ${j.counts.unmarkedPosts} posts whose source does not say whether they are public: imported private (add --public to make them public)`,
    );
  }
  if (j.skipped.length) {
    lines.push('', `Not imported (${j.skipped.length}):`);
    for (const s of j.skipped) lines.push(`  ${s.severity === 'error' ? '✗' : '–'} ${where(s)}: ${s.reason}`);
  }
  if (j.warnings.length) {
    lines.push('', `Warnings (${j.warnings.length}):`);
    for (const w of j.warnings) lines.push(`  ! ${where(w)}: ${w.reason}`);
  }
  return lines.join('\n');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import notes: Obsidian-style folders, Hexo diaries, plain-text microblogs (re-import updates, never duplicates)',
  usage: 'import PATH... [--dry-run] [--skip-existing] [--public]',
  options: {
    public: {
      type: 'boolean',
      description: 'Make blog and microblog posts whose source does not say whether they are public, public (default: private)',
    },
    'dry-run': { type: 'boolean', description: 'Show what would be imported, write nothing' },
    'skip-existing': { type: 'boolean', description: 'Leave entries imported before as they are, even if their file changed' },
  },
  async run(ctx) {
    if (ctx.args.length === 0) {
      ctx.err('folio import: give one or more files or folders to import');
      return 2;
    }
    const payload = {
      paths: ctx.args,
      onExisting: ctx.flags['skip-existing'] ? ('skip' as const) : ('update' as const),
      publicPosts: ctx.flags.public === true,
    };
    const dryRun = ctx.flags['dry-run'] === true;
    const j = dryRun
      ? importJson(await ctx.call('io:import-plan', payload), true, payload.publicPosts)
      : importJson(await ctx.call('io:import', payload), false, payload.publicPosts);
    ctx.print(j, () => importHuman(j));
    const failed = j.skipped.some((s) => s.severity === 'error');
    // Exit 0 when everything readable was imported; 1 when nothing at all could be imported.
    return j.counts.entries === 0 && failed ? 1 : 0;
  },
};
