/**
 * Stand-alone version of `folio comments eval` (the app's CLI wires the same pieces):
 *
 *   npx tsx packages/ml/scripts/spam-eval.ts FILE.csv --text-column C --label-column L [--json]
 *        [--model resources/models/spam.onnx] [--user-model PATH.onnx] [--threshold 0.5]
 *        [--learn N]   (simulate a user: learn from the first N rows, evaluate on the rest)
 *
 * Labels: spam/ham, 1/0, true/false, yes/no (any case). Exit code 2 on bad input, with the line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvColumnIndex, parseCsv } from '../../core/src/io/csv';
import { evaluateLabelledComments, type CommentEvalInput, type CommentEvalReport } from '../src/spam/eval';
import { parseLabel } from '../src/spam/metrics';
import { loadSpamModel, type SpamModel } from '../src/spam/model';
import { retrain } from '../src/spam/retrain-thread';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_MODEL = path.resolve(here, '..', '..', '..', 'resources', 'models', 'spam.onnx');

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function table(report: CommentEvalReport): string {
  const rows: [string, string, string][] = [['', 'base', report.user ? 'user' : '']];
  const f = (x: number | null) => (x == null ? 'n/a' : x.toFixed(4));
  const c = (m: CommentEvalReport['base']) =>
    `tp ${m.confusion.tp} fp ${m.confusion.fp} tn ${m.confusion.tn} fn ${m.confusion.fn}`;
  for (const key of ['threshold', 'precision', 'recall', 'f1', 'rocAuc', 'precisionAtRecall85'] as const) {
    rows.push([key, f(report.base[key]), report.user ? f(report.user[key]) : '']);
  }
  rows.push(['confusion', c(report.base), report.user ? c(report.user) : '']);
  rows.push(['ms/comment', report.base.msPerComment.toFixed(3), report.user ? report.user.msPerComment.toFixed(3) : '']);
  return [
    `${report.n} comments (${report.spam} spam, ${report.ham} ham)`,
    ...rows.map((r) => `  ${r[0].padEnd(20)} ${r[1].padEnd(28)} ${r[2]}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1]!.startsWith('--')));
  const textColumn = option(argv, '--text-column') ?? 'text';
  const labelColumn = option(argv, '--label-column') ?? 'label';
  if (!file) throw new Error('usage: spam-eval.ts FILE.csv --text-column C --label-column L [--json]');
  const csv = parseCsv(readFileSync(file));
  const t = csvColumnIndex(csv.header, textColumn);
  const l = csvColumnIndex(csv.header, labelColumn);
  let rows: CommentEvalInput[] = csv.rows.map((r, i) => ({ text: r[t] ?? '', label: r[l] ?? '', line: csv.lines[i] }));
  const base = await loadSpamModel({ modelPath: option(argv, '--model') ?? DEFAULT_MODEL });
  let user: SpamModel | null = null;
  const userPath = option(argv, '--user-model');
  if (userPath) user = await loadSpamModel({ modelPath: userPath });
  const learn = Number(option(argv, '--learn') ?? 0);
  if (learn > 0) {
    const labelled = rows.slice(0, learn).map((r) => ({ text: r.text, label: parseLabel(r.label, r.line) }));
    rows = rows.slice(learn);
    const outcome = await retrain(base, labelled);
    user = outcome.model;
    if (!argv.includes('--json')) {
      console.log(
        `learned from ${outcome.labels.used} labels in ${outcome.elapsedMs} ms (${outcome.evaluation.method}: ` +
          `f1 ${outcome.before.f1.toFixed(3)} -> ${outcome.after.f1.toFixed(3)}, rocAuc ${outcome.before.rocAuc?.toFixed(3)} -> ${outcome.after.rocAuc?.toFixed(3)})`,
      );
    }
  }
  const threshold = option(argv, '--threshold');
  const report = await evaluateLabelledComments(rows, { base, user }, threshold ? { threshold: Number(threshold) } : {});
  console.log(argv.includes('--json') ? JSON.stringify(report, null, 2) : table(report));
  await base.dispose();
  await user?.dispose();
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`spam-eval: ${err.message}`);
  process.exit(2);
});
