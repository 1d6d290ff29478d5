import fs from 'node:fs';
import path from 'node:path';
import {
  FolioError,
  isFolioErrorShape,
  PAPER_STATUSES,
  type PaperDto,
  type PaperStatus,
  type PaperSummaryDto,
} from '@folio/core';
import { addPdfFile, whenTextIdle } from '@folio/core/papers';
import { table } from '../format';
import type { CliContext, Command } from '../types';

/**
 * `folio papers add FILE... | list | bibtex [ID...] | import-bibtex FILE | status ID STATUS | show ID`.
 *
 * --json shapes (stable, documented in the README):
 *   add:    [{ file, id, title, authors, year, arxiv, doi, pages, duplicate }
 *            | { file, error: { code, message } }]            exit 1 when any file failed
 *   list:   [{ id, title, authors, year, venue, arxiv, doi, status, tags, addedAt, lastOpenedAt, progress, pages, hasPdf }]
 *   bibtex: { text, count }                                     (without --json: the BibTeX itself)
 *   import-bibtex: { created, merged, items: [{ key, id, title, action }], errors: [{ line, message }] }
 *   status: the `list` object of that paper;  show: the full PaperDto.
 */

const USAGE = [
  'papers add FILE... [--tag T] [--status S]',
  'papers list [--status S] [--tag T] [--search WORDS] [--sort added|title|year|...]',
  'papers bibtex [ID...] [--out FILE]',
  'papers import-bibtex FILE',
  'papers status ID STATUS',
  'papers show ID',
].join('\n       ');

export interface AddedJson {
  file: string;
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  arxiv: string | null;
  doi: string | null;
  pages: number | null;
  duplicate: boolean;
}
export interface FailedJson {
  file: string;
  error: { code: string; message: string };
}

export interface ListedJson {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  arxiv: string | null;
  doi: string | null;
  status: PaperStatus;
  tags: string[];
  addedAt: string;
  lastOpenedAt: string | null;
  progress: number;
  pages: number | null;
  hasPdf: boolean;
}

function listed(p: PaperSummaryDto): ListedJson {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    year: p.year,
    venue: p.venue,
    arxiv: p.arxivId,
    doi: p.doi,
    status: p.status,
    tags: p.tags,
    addedAt: p.addedAt,
    lastOpenedAt: p.lastOpenedAt,
    progress: Math.round(p.progress * 1000) / 1000,
    pages: p.pageCount,
    hasPdf: p.hasPdf,
  };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

function statusFlag(ctx: CliContext, value: unknown): PaperStatus | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (PAPER_STATUSES as readonly string[]).includes(value)) return value as PaperStatus;
  ctx.err(`folio papers: a status is one of ${PAPER_STATUSES.join(', ')}`);
  return null;
}

function shortAuthors(a: readonly string[]): string {
  return a.length > 2 ? `${a[0]} et al.` : a.join(', ');
}

async function add(ctx: CliContext): Promise<number> {
  const files = ctx.args.slice(1);
  if (files.length === 0) {
    ctx.err('folio papers add: give one or more PDF files, e.g. folio papers add paper.pdf');
    return 2;
  }
  const status = statusFlag(ctx, ctx.flags.status);
  if (status === null) return 2;
  const tags = strings(ctx.flags.tag);
  const backend = await ctx.backend();
  const results: (AddedJson | FailedJson)[] = [];
  for (const file of files) {
    try {
      const r = await addPdfFile(backend.context, path.resolve(file), {
        ...(tags.length ? { tags } : {}),
        ...(status ? { status } : {}),
      });
      const p = r.paper;
      results.push({
        file,
        id: p.id,
        title: p.title,
        authors: p.authors,
        year: p.year,
        arxiv: p.arxivId,
        doi: p.doi,
        pages: p.pageCount,
        duplicate: r.duplicate,
      });
      if (!ctx.json)
        ctx.out(
          r.duplicate
            ? `= ${file}: ${r.message}`
            : `✓ ${file}: ${r.message}${p.authors.length ? ` — ${shortAuthors(p.authors)}${p.year ? `, ${p.year}` : ''}` : ''}`,
        );
    } catch (err) {
      const error = isFolioErrorShape(err)
        ? { code: err.code, message: err.message }
        : { code: 'internal', message: (err as Error)?.message ?? String(err) };
      results.push({ file, error });
      if (!ctx.json) ctx.err(`✗ ${file}: ${error.message}`);
    }
  }
  // Full text is extracted in the background; wait for it so `folio search` finds these papers at once.
  const added = results.filter((r): r is AddedJson => 'id' in r && !r.duplicate).length;
  if (added > 0) {
    if (!ctx.json) ctx.err('Reading the full text…');
    await whenTextIdle(backend.context);
  }
  if (ctx.json) ctx.out(JSON.stringify(results, null, 2));
  const failed = results.filter((r) => 'error' in r).length;
  if (!ctx.json && files.length > 1)
    ctx.out(`${results.length - failed} of ${files.length} added or already there${failed ? `, ${failed} failed` : ''}.`);
  return failed > 0 ? 1 : 0;
}

async function list(ctx: CliContext): Promise<number> {
  const status = statusFlag(ctx, ctx.flags.status);
  if (status === null) return 2;
  const sort = typeof ctx.flags.sort === 'string' ? ctx.flags.sort : undefined;
  const q = typeof ctx.flags.search === 'string' ? ctx.flags.search : undefined;
  const tag = strings(ctx.flags.tag)[0];
  const r = await ctx.call('papers:list', {
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(tag ? { tag } : {}),
    ...(sort ? { sort: sort as never } : {}),
  });
  const items = r.items.map(listed);
  ctx.print(items, () =>
    items.length === 0
      ? 'Your library is empty. Add PDFs with: folio papers add FILE...'
      : `${table(
          ['id', 'title', 'authors', 'year', 'status', 'progress'],
          items.map((p) => [p.id, p.title, shortAuthors(p.authors), p.year ?? '', p.status, `${Math.round(p.progress * 100)}%`]),
        )}\n(${items.length} item${items.length === 1 ? '' : 's'})`,
  );
  return 0;
}

async function bibtex(ctx: CliContext): Promise<number> {
  const ids = ctx.args.slice(1);
  const r = await ctx.call('papers:bibtex', ids.length ? { ids } : {});
  if (ids.length && r.count < ids.length) {
    const known = new Set((await ctx.call('papers:list', {})).items.map((p) => p.id));
    const missing = ids.filter((id) => !known.has(id));
    throw new FolioError('not_found', `No paper with id ${missing.join(', ')} in your library.`);
  }
  if (typeof ctx.flags.out === 'string') {
    fs.writeFileSync(path.resolve(ctx.flags.out), r.text);
    ctx.print(r, () => `Wrote ${r.count} entr${r.count === 1 ? 'y' : 'ies'} to ${ctx.flags.out}`);
  } else if (ctx.json) ctx.out(JSON.stringify(r, null, 2));
  else ctx.out(r.text.trimEnd());
  return 0;
}

async function importBib(ctx: CliContext): Promise<number> {
  const file = ctx.args[1];
  if (!file) {
    ctx.err('folio papers import-bibtex: give a .bib file');
    return 2;
  }
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw new FolioError('io_error', `Could not read ${file}: ${(err as Error).message}`);
  }
  if (!text.trim()) throw new FolioError('invalid_file', `${file} is empty.`);
  const r = await ctx.call('papers:import-bibtex', { text });
  ctx.print(r, () =>
    [
      `${r.created} added, ${r.merged} merged into existing items, ${r.items.length - r.created - r.merged} already there.`,
      ...r.errors.map((e) => `  line ${e.line}: ${e.message}`),
    ].join('\n'),
  );
  return r.errors.length > 0 && r.items.length === 0 ? 1 : 0;
}

async function setStatus(ctx: CliContext): Promise<number> {
  const [, id, value] = ctx.args;
  const status = statusFlag(ctx, value);
  if (!id || !status) {
    if (!id || status === undefined) ctx.err(`folio papers status: give a paper id and a status (${PAPER_STATUSES.join(', ')})`);
    return 2;
  }
  const p = await ctx.call('papers:set-status', { id, status, tzOffsetMinutes: -new Date().getTimezoneOffset() });
  ctx.print(
    listed(p),
    () =>
      `“${p.title}” is now ${p.status}${p.finishedAt && p.status === 'read' ? ` (finished ${p.finishedAt.slice(0, 10)})` : ''}.`,
  );
  return 0;
}

async function show(ctx: CliContext): Promise<number> {
  const id = ctx.args[1];
  if (!id) {
    ctx.err('folio papers show: give a paper id (folio papers list shows them)');
    return 2;
  }
  const p: PaperDto = await ctx.call('papers:get', { id });
  ctx.print(p, () =>
    [
      p.title,
      p.authors.join(', '),
      [p.year, p.venue].filter(Boolean).join(' · '),
      p.arxivId ? `arXiv:${p.arxivId}${p.arxivVersion ?? ''}` : '',
      p.doi ? `doi:${p.doi}` : '',
      p.url ?? '',
      `${p.status}${p.pageCount ? ` · ${p.pageCount} pages` : ''} · ${Math.round(p.progress * 100)}% · ${p.reading.activeMinutes} min read · ${p.annotationCount} annotations`,
      p.hasTextLayer === false ? 'No text layer (scanned PDF).' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return 0;
}

export const papersCommand: Command = {
  name: 'papers',
  summary: 'The papers library: add PDFs, list, BibTeX export/import, reading status',
  usage: `papers add FILE... | list | bibtex [ID...] | import-bibtex FILE | status ID STATUS | show ID`,
  options: {
    tag: { type: 'string', multiple: true, description: 'add: tag the new papers; list: only this tag' },
    status: { type: 'string', description: `add: initial status; list: only this status (${PAPER_STATUSES.join(', ')})` },
    search: { type: 'string', description: 'list: words that must all appear (title, authors, venue, tags...)' },
    sort: { type: 'string', description: 'list: added (default), title, authors, year, venue, status, lastOpened, progress' },
    out: { type: 'string', description: 'bibtex: write to this file instead of printing' },
  },
  async run(ctx) {
    switch (ctx.args[0]) {
      case 'add':
        return add(ctx);
      case 'list':
      case 'ls':
        return list(ctx);
      case 'bibtex':
        return bibtex(ctx);
      case 'import-bibtex':
        return importBib(ctx);
      case 'status':
        return setStatus(ctx);
      case 'show':
        return show(ctx);
      default:
        ctx.err(`${ctx.args[0] ? `folio papers: unknown subcommand "${ctx.args[0]}"\n\n` : ''}Usage: folio ${USAGE}`);
        return 2;
    }
  },
};
