import path from 'node:path';
import type {
  CommentDto,
  CommentImportReportDto,
  CsvColumnOptions,
  ModelRunDto,
  SpamEvalFiguresDto,
  SpamEvalReportDto,
} from '@folio/core';
import { table } from '../format';
import type { CliContext, Command } from '../types';

/**
 * `folio comments`: the comment inbox from a terminal.
 *
 *   import FILE [--text-column C --author-column C --page-column C --time-column C --id-column C
 *                --label-column C --delimiter D --no-header --origin NAME]
 *       --json: { imported, duplicates, updated, errors: [{ index?, path?, line?, message }], scored,
 *                 errorCount, total, emptyText, labelled, format, origin, note? }
 *   list [--needs-review] [--status new|approved|spam|deleted] [--query Q] [--limit N]
 *       --json: [{ id, page, author, createdAt, text, score, status, label }]
 *   label ID spam|ham          (ID: Folio's id or the comment's id on the site)
 *       --json: { id, page, author, createdAt, text, score, status, label }
 *   eval FILE.csv --text-column C --label-column L [--threshold T] [--no-header] [--delimiter D] [--skip-invalid]
 *       --json: exactly { precision, recall, f1, rocAuc, confusion: { tp, fp, tn, fn }, threshold, n,
 *                         base: { same keys }, user?: { same keys } }
 *       The top level is the user's model when the user has labelled comments (retrained first if the
 *       labels changed since), else the base model. Columns: a header name or a 1-based number.
 *   retrain       --json: the run { id, state, labels, evaluation, before, after, elapsedMs, … }
 *   export FILE [--status approved|spam|new|all]   --json: { count, file }
 *   watch FILE [column options]   (imported now; re-imported on change while the app or serve runs)
 *   unwatch ID · sources
 */

const COLUMN_OPTIONS = {
  'text-column': { type: 'string', description: 'import/eval: column with the comment text (name or 1-based number)' },
  'author-column': { type: 'string', description: 'import: column with the author' },
  'page-column': { type: 'string', description: 'import: column with the page, thread or post' },
  'time-column': { type: 'string', description: 'import: column with the time (epoch s/ms or a date)' },
  'id-column': { type: 'string', description: 'import: column with the comment id on the site (dedupe)' },
  'label-column': { type: 'string', description: 'eval (required), import: column with spam/ham or 1/0 labels' },
  delimiter: { type: 'string', description: 'CSV delimiter: comma, tab, semicolon, pipe (default: detected)' },
  'no-header': { type: 'boolean', description: 'the first CSV row is data, not column names' },
  origin: { type: 'string', description: 'import/watch: dedupe namespace (default: the file name)' },
} as const;

const DELIMITERS: Record<string, ',' | '\t' | ';' | '|'> = {
  ',': ',',
  comma: ',',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  ';': ';',
  semicolon: ';',
  '|': '|',
  pipe: '|',
};

function str(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' ? v : undefined;
}

function delimiterOf(ctx: CliContext): ',' | '\t' | ';' | '|' | 'auto' {
  const d = str(ctx, 'delimiter');
  if (d === undefined) return 'auto';
  const v = DELIMITERS[d.toLowerCase()];
  if (!v) throw Object.assign(new Error(`--delimiter is comma, tab, semicolon or pipe (not "${d}")`), { code: 'bad_request' });
  return v;
}

function csvOptions(ctx: CliContext): CsvColumnOptions | undefined {
  const o: CsvColumnOptions = {};
  const set = (flag: string, key: keyof CsvColumnOptions) => {
    const v = str(ctx, flag);
    if (v !== undefined) (o as Record<string, unknown>)[key] = v;
  };
  set('text-column', 'textColumn');
  set('author-column', 'authorColumn');
  set('page-column', 'pageColumn');
  set('time-column', 'timeColumn');
  set('id-column', 'idColumn');
  set('label-column', 'labelColumn');
  const d = delimiterOf(ctx);
  if (d !== 'auto') o.delimiter = d;
  if (ctx.flags['no-header'] === true) o.header = false;
  return Object.keys(o).length > 0 ? o : undefined;
}

function listItem(c: CommentDto) {
  return {
    id: c.id,
    page: c.page,
    author: c.author,
    createdAt: c.createdAt,
    text: c.text,
    score: c.score,
    status: c.status,
    label: c.label,
  };
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));

function importSummary(file: string, r: CommentImportReportDto): string {
  const lines = [
    `${file}: ${r.imported} imported, ${r.duplicates} duplicate${r.duplicates === 1 ? '' : 's'}, ${r.updated} updated, ${r.scored} scored` +
      (r.emptyText ? `, ${r.emptyText} with empty text` : '') +
      (r.labelled ? `, ${r.labelled} labelled` : '') +
      ` (${r.total} records, ${r.format}, origin "${r.origin}")`,
  ];
  if (r.note) lines.push(r.note);
  for (const e of r.errors.slice(0, 20))
    lines.push(`  ${e.line !== undefined ? `line ${e.line}` : (e.path ?? `record ${e.index}`)}: ${e.message}`);
  if (r.errorCount > 20) lines.push(`  … ${r.errorCount - 20} more problems`);
  return lines.join('\n');
}

function figuresOnly(f: SpamEvalFiguresDto): SpamEvalFiguresDto {
  return {
    precision: f.precision,
    recall: f.recall,
    f1: f.f1,
    rocAuc: f.rocAuc,
    confusion: f.confusion,
    threshold: f.threshold,
    n: f.n,
  };
}

function evalTable(r: SpamEvalReportDto): string {
  const cols = r.user ? ['', 'base', 'yours'] : ['', 'base'];
  const row = (name: string, get: (f: SpamEvalFiguresDto) => string) => [name, get(r.base), ...(r.user ? [get(r.user)] : [])];
  const c = (f: SpamEvalFiguresDto) => `tp ${f.confusion.tp} fp ${f.confusion.fp} tn ${f.confusion.tn} fn ${f.confusion.fn}`;
  return [
    `${r.n} labelled comments; top-level figures: ${r.user ? 'your model (learned from your decisions)' : 'the base model'}`,
    table(cols, [
      row('threshold', (f) => f.threshold.toFixed(3)),
      row('precision', (f) => pct(f.precision)),
      row('recall', (f) => pct(f.recall)),
      row('f1', (f) => pct(f.f1)),
      row('rocAuc', (f) => pct(f.rocAuc)),
      row('confusion', c),
    ]),
  ].join('\n');
}

export function runSummary(r: ModelRunDto): string {
  if (r.state === 'cleared') return 'No labels left: the base model scores comments again.';
  if (r.state === 'failed') return `Retraining failed: ${r.error}`;
  const m = (x: ModelRunDto['before']) =>
    x ? `precision ${pct(x.precision)}  recall ${pct(x.recall)}  f1 ${pct(x.f1)}  rocAuc ${pct(x.rocAuc)}` : 'n/a';
  return [
    `Learned from ${r.labels.used} decisions (${r.labels.spam} spam, ${r.labels.ham} approved) in ${r.elapsedMs} ms.`,
    `Measured on ${r.evaluation.evaluated} labels by ${r.evaluation.method}${r.evaluation.method === 'k-fold' ? ` (${r.evaluation.folds} folds)` : ''}` +
      (r.evaluation.method === 'in-sample' ? ' — too few of one kind to hold any out, so this is optimistic' : '') +
      ':',
    `  before  ${m(r.before)}`,
    `  after   ${m(r.after)}`,
  ].join('\n');
}

export const commentsCommand: Command = {
  name: 'comments',
  summary: 'Comment inbox: import, list, label, retrain the spam model, eval, export',
  usage: 'comments import|list|label|eval|retrain|export|watch|unwatch|sources …',
  options: {
    ...COLUMN_OPTIONS,
    'needs-review': { type: 'boolean', description: 'list: undecided comments with uncertain scores' },
    status: { type: 'string', description: 'list: new, approved, spam or deleted; export: approved (default), spam, new or all' },
    query: { type: 'string', description: 'list: words to find in text, author or page' },
    limit: { type: 'string', description: 'list: at most N comments (default 100)' },
    threshold: { type: 'string', description: "eval: spam threshold (default: Settings, else the model's)" },
    'skip-invalid': { type: 'boolean', description: 'eval: skip rows whose label cannot be read (listed on stderr)' },
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    switch (sub) {
      case 'import': {
        if (rest.length === 0) {
          ctx.err('folio comments import: give a file, e.g. folio comments import comments.json');
          return 2;
        }
        const reports: (CommentImportReportDto & { file: string })[] = [];
        let failed = false;
        for (const f of rest) {
          const file = path.resolve(f);
          const csv = csvOptions(ctx);
          const origin = str(ctx, 'origin');
          try {
            const r = await ctx.call('comments:import', {
              file,
              format: 'auto',
              ...(csv ? { csv } : {}),
              ...(origin ? { origin } : {}),
            });
            reports.push({ file, ...r });
            if (!ctx.json) ctx.out(importSummary(f, r));
          } catch (err) {
            if (rest.length === 1) throw err;
            failed = true;
            ctx.err(`folio comments import: ${f}: ${(err as Error).message}`);
          }
        }
        if (ctx.json) ctx.out(JSON.stringify(rest.length === 1 ? reports[0] : reports, null, 2));
        return failed ? 1 : 0;
      }
      case 'list': {
        const status = str(ctx, 'status');
        const limit = Number(str(ctx, 'limit') ?? 100);
        if (!Number.isInteger(limit) || limit < 1) {
          ctx.err('folio comments list: --limit is a whole number from 1');
          return 2;
        }
        if (status !== undefined && !['new', 'approved', 'spam', 'deleted', 'all'].includes(status)) {
          ctx.err('folio comments list: --status is new, approved, spam, deleted or all');
          return 2;
        }
        const view = ctx.flags['needs-review']
          ? 'review'
          : ((status ?? 'all') as 'all' | 'new' | 'approved' | 'spam' | 'deleted');
        const query = str(ctx, 'query');
        const list = await ctx.call('comments:list', { view, limit: Math.min(limit, 5000), ...(query ? { query } : {}) });
        const items = list.items.map(listItem);
        ctx.print(items, () => {
          if (items.length === 0)
            return view === 'review' ? 'Nothing needs review.' : 'No comments here. Import some: folio comments import FILE';
          const rows = list.items.map((c) => [
            c.id,
            c.score === null ? 'no score' : c.score.toFixed(2),
            c.status + (c.label ? ` (${c.label})` : ''),
            c.page ?? '',
            c.author ?? '',
            c.text.replace(/\s+/g, ' '),
          ]);
          const notes = [
            `${list.total} comment${list.total === 1 ? '' : 's'}${list.total > items.length ? ` (showing ${items.length})` : ''}; needs review ${list.counts.review}`,
            ...(list.model.state === 'unavailable' && list.model.message ? [list.model.message] : []),
          ];
          return `${table(['id', 'P(spam)', 'status', 'page', 'author', 'text'], rows)}\n\n${notes.join('\n')}`;
        });
        return;
      }
      case 'label': {
        const [id, label] = rest;
        if (!id || (label !== 'spam' && label !== 'ham')) {
          ctx.err('folio comments label: give a comment id and spam or ham, e.g. folio comments label 01j… spam');
          return 2;
        }
        const c = await ctx.call('comments:label', { id, label });
        ctx.print(
          listItem(c),
          () => `${c.id}: ${label === 'spam' ? 'marked as spam' : 'approved'} (${c.text.replace(/\s+/g, ' ').slice(0, 60)})`,
        );
        return;
      }
      case 'eval': {
        const [f] = rest;
        const textColumn = str(ctx, 'text-column');
        const labelColumn = str(ctx, 'label-column');
        if (!f || !textColumn || !labelColumn) {
          ctx.err(
            'folio comments eval: give a labelled file and its columns, e.g. folio comments eval data.csv --text-column text --label-column label --json',
          );
          return 2;
        }
        const t = str(ctx, 'threshold');
        const threshold = t === undefined ? undefined : Number(t);
        if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
          ctx.err('folio comments eval: --threshold is a number from 0 to 1');
          return 2;
        }
        const report = await ctx.call('comments:eval', {
          file: path.resolve(f),
          textColumn,
          labelColumn,
          header: ctx.flags['no-header'] !== true,
          delimiter: delimiterOf(ctx),
          skipInvalid: ctx.flags['skip-invalid'] === true,
          ...(threshold !== undefined ? { threshold } : {}),
        });
        if (report.skipped?.length) {
          ctx.err(`folio comments eval: skipped ${report.skipped.length} row${report.skipped.length === 1 ? '' : 's'}:`);
          for (const s of report.skipped.slice(0, 10)) ctx.err(`  line ${s.line}: ${s.message}`);
        }
        const exact: SpamEvalReportDto = {
          ...figuresOnly(report),
          base: figuresOnly(report.base),
          ...(report.user ? { user: figuresOnly(report.user) } : {}),
        };
        ctx.print(exact, () => evalTable(exact));
        return;
      }
      case 'retrain': {
        const run = await ctx.call('comments:retrain', { trigger: 'cli' });
        ctx.print(run, () => runSummary(run));
        return run.state === 'failed' ? 1 : 0;
      }
      case 'export': {
        const [f] = rest;
        if (!f) {
          ctx.err('folio comments export: give a file to write, e.g. folio comments export approved.json');
          return 2;
        }
        const status = (str(ctx, 'status') ?? 'approved') as 'approved' | 'spam' | 'new' | 'all';
        const r = await ctx.call('comments:export', { file: path.resolve(f), status });
        ctx.print(
          { count: r.count, file: r.file },
          () => `Wrote ${r.count} ${status === 'all' ? '' : `${status} `}comment${r.count === 1 ? '' : 's'} to ${r.file}`,
        );
        return;
      }
      case 'watch': {
        const [f] = rest;
        if (!f) {
          ctx.err('folio comments watch: give the file to watch');
          return 2;
        }
        const csv = csvOptions(ctx);
        const origin = str(ctx, 'origin');
        const r = await ctx.call('comments:watch', {
          path: path.resolve(f),
          format: 'auto',
          ...(csv ? { csv } : {}),
          ...(origin ? { origin } : {}),
        });
        ctx.print(r, () =>
          [
            `Watching ${r.source.path} (id ${r.source.id}): the app and \`folio serve\` import it whenever it changes.`,
            ...(r.report ? [importSummary(f, r.report)] : [r.source.lastError ?? '']),
          ].join('\n'),
        );
        return;
      }
      case 'unwatch': {
        const [id] = rest;
        if (!id) {
          ctx.err('folio comments unwatch: give the source id from `folio comments sources`');
          return 2;
        }
        const r = await ctx.call('comments:unwatch', { id });
        ctx.print(r, () => (r.removed ? `Stopped watching ${id}.` : `There is no watched file ${id}.`));
        return r.removed ? 0 : 1;
      }
      case 'sources': {
        const list = await ctx.call('comments:sources', {});
        ctx.print(list, () =>
          list.length === 0
            ? 'No watched files. Add one: folio comments watch FILE'
            : table(
                ['id', 'file', 'last import', 'problem'],
                list.map((s) => [s.id, s.path, s.lastImportAt ?? 'never', s.lastError ?? '']),
              ),
        );
        return;
      }
      default:
        ctx.err(
          sub
            ? `folio comments: unknown subcommand "${sub}" (try: import, list, label, eval, retrain, export, watch, unwatch, sources)`
            : 'folio comments: give a subcommand: import, list, label, eval, retrain, export, watch, unwatch, sources',
        );
        return 2;
    }
  },
};
