// The comment inbox through the domain path (core handlers + the real ONNX spam model wired as the app
// wires it): importing 10k comments (parse, dedupe, store, score), scoring time per comment through the
// service, listing the review view, `comments:eval` on the repository's comment-shaped held-out split
// (bench/data/comments) and on the SMS Spam Collection where ../shared exists, and before/after
// retraining on 40 of the user's labels. Model-level figures (build, SpamAssassin) are in
// ml-spam.bench.ts; this file reuses its data splits.
//
//   npx tsx bench/comments.bench.ts          (also run by `npm run bench`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLazySpam } from '../apps/desktop/src/backend/spam-service';
import { createCore, type Core } from '../packages/core/src/app/create-core';
import type { SpamService } from '../packages/core/src/app/services';
import type {
  CommentImportReportDto,
  CommentListDto,
  ModelRunDto,
  SpamEvalReportDto,
} from '../packages/core/src/contract/comments';
import { migrationsFolder } from '../packages/core/src/paths';
import { readLabelledComments } from '../packages/ml/scripts/train-spam';
import { COMMENTS_HELDOUT_PERCENT, commentExamples, splitExamples } from '../packages/ml/src/spam/data';
import { seededShuffle } from '../packages/ml/src/spam/hash';
import { precisionAtRecall, type Label } from '../packages/ml/src/spam/metrics';

type Figures = Record<string, number | string>;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const modelsDir = path.join(repoRoot, 'resources', 'models');
const smsFile = path.resolve(repoRoot, '../shared/fixtures/spam/sms-spam-collection.tsv');
const r4 = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? 'n/a' : Math.round(x * 10000) / 10000);

async function openCore(dataDir: string): Promise<{ core: Core; spam: () => Promise<SpamService> }> {
  const lazy = createLazySpam({ modelsDir, dataDir, appRoot: path.join(repoRoot, 'apps', 'desktop') });
  const core = await createCore({
    dataDir,
    migrationsFolder: migrationsFolder(),
    appVersion: 'bench',
    services: { spam: () => lazy.get(), commentsWatchStartMs: false, commentsAutoRetrainMs: false },
  });
  core.context.onClose(() => lazy.close());
  return { core, spam: () => lazy.get() };
}

async function call<T>(core: Core, name: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(name as never, payload as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

function csvOf(rows: { text: string; label: Label }[]): string {
  return ['text,label', ...rows.map((r) => `"${r.text.replace(/"/g, '""')}",${r.label === 1 ? 'spam' : 'ham'}`)].join('\n');
}

function evalFigures(prefix: string, r: SpamEvalReportDto, out: Figures): void {
  const m = r.user ?? r.base;
  out[`${prefix}.n`] = r.n;
  out[`${prefix}.threshold`] = r4(m.threshold);
  out[`${prefix}.precision`] = r4(m.precision);
  out[`${prefix}.recall`] = r4(m.recall);
  out[`${prefix}.f1`] = r4(m.f1);
  out[`${prefix}.rocAuc`] = r4(m.rocAuc);
  out[`${prefix}.confusion`] = `tp ${m.confusion.tp} fp ${m.confusion.fp} tn ${m.confusion.tn} fn ${m.confusion.fn}`;
}

/** 10k comments in the Firebase export shape: the labelled set, repeated with page and id variations. */
function firebaseExport(texts: string[], n: number): string {
  const comments: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < n; i++) {
    const page = `posts|post-${i % 120}`;
    comments[page] ??= {};
    const text = i < texts.length ? texts[i]! : `${texts[i % texts.length]!} (${Math.floor(i / texts.length)})`;
    comments[page]![`-Nbench${String(i).padStart(6, '0')}`] = {
      author: `reader${i % 997}`,
      text,
      timestamp: 1780000000000 + i * 60_000,
    };
  }
  return JSON.stringify({ comments });
}

export async function run(): Promise<Figures> {
  const out: Figures = {};
  if (!fs.existsSync(path.join(modelsDir, 'spam.onnx'))) {
    console.warn('comments bench: resources/models/spam.onnx is missing (npm run build -w @folio/ml); skipped');
    return { skipped: 'no spam model' };
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-comments-'));
  try {
    const all = commentExamples(readLabelledComments());
    const heldOut = splitExamples(all, COMMENTS_HELDOUT_PERCENT).heldOut;

    // ---- import 10k through the domain (parse + dedupe + SQLite + batch scoring)
    const { core, spam } = await openCore(path.join(tmp, 'import'));
    const svc = await spam(); // load once, so the import measures the inbox, not the model load
    const json = firebaseExport(
      all.map((e) => e.text),
      10_000,
    );
    let t0 = performance.now();
    const report = await call<CommentImportReportDto>(core, 'comments:import', { content: json, name: 'bench.json' });
    const importMs = performance.now() - t0;
    out['import10k.imported'] = report.imported;
    out['import10k.scored'] = report.scored;
    out['import10k.totalMs'] = Math.round(importMs);
    out['import10k.msPerComment'] = r4(importMs / 10_000);
    t0 = performance.now();
    const again = await call<CommentImportReportDto>(core, 'comments:import', { content: json, name: 'bench.json' });
    out['reimport10k.duplicates'] = again.duplicates;
    out['reimport10k.totalMs'] = Math.round(performance.now() - t0);
    t0 = performance.now();
    const review = await call<CommentListDto>(core, 'comments:list', { view: 'review', limit: 200 });
    out['list.review.ms'] = r4(performance.now() - t0);
    out['list.review.total'] = review.total;
    t0 = performance.now();
    await call<CommentListDto>(core, 'comments:list', { view: 'all', query: 'crypto', limit: 200 });
    out['list.filter.ms'] = r4(performance.now() - t0);

    // ---- time per comment through the service (what the inbox pays per new comment)
    const texts = heldOut.map((e) => e.text);
    await svc.score(texts.slice(0, 50));
    t0 = performance.now();
    for (const t of texts.slice(0, 300)) await svc.score([`${t} `]);
    out['score.singleMsPerComment'] = r4((performance.now() - t0) / 300);
    const batch = Array.from({ length: 5000 }, (_, i) => `${texts[i % texts.length]} #${i}`);
    t0 = performance.now();
    await svc.score(batch);
    out['score.batchMsPerComment'] = r4((performance.now() - t0) / batch.length);
    t0 = performance.now();
    for (const t of texts.slice(0, 200)) await svc.explain(t, 8);
    out['explain.msPerComment'] = r4((performance.now() - t0) / 200);
    await core.close();

    // ---- eval on the comment-shaped held-out split, through `comments:eval`
    const fresh = await openCore(path.join(tmp, 'eval'));
    const heldReport = await call<SpamEvalReportDto>(fresh.core, 'comments:eval', {
      content: csvOf(heldOut),
      textColumn: 'text',
      labelColumn: 'label',
    });
    evalFigures('comments.heldOut', heldReport, out);
    const heldScores = await (await fresh.spam()).score(texts);
    const at = precisionAtRecall(
      heldOut.map((e) => e.label),
      heldScores,
      0.85,
    );
    out['comments.heldOut.precisionAtRecall85'] = r4(at?.precision);
    out['comments.heldOut.thresholdAtRecall85'] = r4(at?.threshold);
    if (fs.existsSync(smsFile)) {
      const sms = await call<SpamEvalReportDto>(fresh.core, 'comments:eval', {
        file: smsFile,
        textColumn: '2',
        labelColumn: '1',
        header: false,
        skipInvalid: true,
      });
      evalFigures('sms', sms, out);
    } else {
      console.warn(`comments bench: ${smsFile} not found, SMS figures skipped`);
      out['sms'] = 'skipped (no ../shared/fixtures/spam)';
    }
    await fresh.core.close();

    // ---- before/after: the user labels 40 comments of a set, then evaluates on the rest
    for (const [name, pool] of [
      ['comments.heldOut', heldOut] as const,
      ...(fs.existsSync(smsFile) ? [['sms', readSms()] as const] : []),
    ]) {
      const learn = await openCore(path.join(tmp, `learn-${name}`));
      const shuffled = seededShuffle([...pool], 20260611);
      const labelled = [
        ...shuffled.filter((e) => e.label === 1).slice(0, 20),
        ...shuffled.filter((e) => e.label === 0).slice(0, 20),
      ];
      const chosen = new Set(labelled);
      const rest = shuffled.filter((e) => !chosen.has(e));
      await call(learn.core, 'comments:import', {
        content: csvOf(labelled),
        name: 'labelled.csv',
        csv: { labelColumn: 'label' },
      });
      t0 = performance.now();
      const runResult = await call<ModelRunDto>(learn.core, 'comments:retrain', { trigger: 'manual' });
      out[`${name}.learn40.retrainMs`] = Math.round(performance.now() - t0);
      out[`${name}.learn40.kfold.beforeF1`] = r4(runResult.before?.f1);
      out[`${name}.learn40.kfold.afterF1`] = r4(runResult.after?.f1);
      out[`${name}.learn40.kfold.beforeRocAuc`] = r4(runResult.before?.rocAuc);
      out[`${name}.learn40.kfold.afterRocAuc`] = r4(runResult.after?.rocAuc);
      const restEval = await call<SpamEvalReportDto>(learn.core, 'comments:eval', {
        content: csvOf(rest),
        textColumn: 'text',
        labelColumn: 'label',
      });
      out[`${name}.learn40.rest.n`] = restEval.n;
      out[`${name}.learn40.rest.before.f1`] = r4(restEval.base.f1);
      out[`${name}.learn40.rest.after.f1`] = r4(restEval.user?.f1);
      out[`${name}.learn40.rest.before.precision`] = r4(restEval.base.precision);
      out[`${name}.learn40.rest.after.precision`] = r4(restEval.user?.precision);
      out[`${name}.learn40.rest.before.recall`] = r4(restEval.base.recall);
      out[`${name}.learn40.rest.after.recall`] = r4(restEval.user?.recall);
      out[`${name}.learn40.rest.before.rocAuc`] = r4(restEval.base.rocAuc);
      out[`${name}.learn40.rest.after.rocAuc`] = r4(restEval.user?.rocAuc);
      await learn.core.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

function readSms(): { text: string; label: Label }[] {
  return fs
    .readFileSync(smsFile, 'utf8')
    .split(/\r?\n/)
    .map((line) => /^(ham|spam)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ text: m[2]!, label: (m[1] === 'spam' ? 1 : 0) as Label }));
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
