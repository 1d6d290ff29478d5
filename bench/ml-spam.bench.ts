// Comment-spam classifier figures: held-out quality (SpamAssassin, the repository's comment sets, the
// SMS Spam Collection where ../shared exists), before/after learning from a few dozen labels, time
// per comment and build time. Prints a table; `run()` returns the figures for bench/run.ts.
//
//   npx tsx bench/ml-spam.bench.ts            (also run by `npm run bench`)
//   FOLIO_BENCH_SPAM_BUILD=0 skips the fresh build-time measurement (about half a minute).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSpamModel, readCommentSets, readLabelledComments } from '../packages/ml/scripts/train-spam';
import {
  COMMENTS_HELDOUT_PERCENT,
  SPAMASSASSIN_HELDOUT_PERCENT,
  commentExamples,
  loadSpamAssassin,
  splitExamples,
} from '../packages/ml/src/spam/data';
import { extractFeatures } from '../packages/ml/src/spam/features';
import { seededShuffle } from '../packages/ml/src/spam/hash';
import { evaluate, precisionAtRecall, type Label } from '../packages/ml/src/spam/metrics';
import { loadSpamModel, type SpamModel } from '../packages/ml/src/spam/model';
import { retrainInWorker } from '../packages/ml/src/spam/retrain-thread';
import { createSpamModel } from '../packages/ml/src/spam/model';
import { sigmoid } from '../packages/ml/src/spam/train';
import { calibratedLogit } from '../packages/ml/src/spam/weights';

type Figures = Record<string, number | string>;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const modelDir = path.join(repoRoot, 'resources', 'models');
const smsFile = path.resolve(repoRoot, '../shared/fixtures/spam/sms-spam-collection.tsv');

const r4 = (x: number | null | undefined) => (x == null || !Number.isFinite(x) ? 'n/a' : Math.round(x * 10000) / 10000);

function quality(prefix: string, labels: Label[], scores: number[], threshold: number, out: Figures): void {
  const m = evaluate(labels, scores, threshold);
  const at = precisionAtRecall(labels, scores, 0.85);
  out[`${prefix}.n`] = m.n;
  out[`${prefix}.spam`] = m.positives;
  out[`${prefix}.threshold`] = r4(threshold);
  out[`${prefix}.precision`] = r4(m.precision);
  out[`${prefix}.recall`] = r4(m.recall);
  out[`${prefix}.f1`] = r4(m.f1);
  out[`${prefix}.rocAuc`] = r4(m.rocAuc);
  out[`${prefix}.confusion`] = `tp ${m.confusion.tp} fp ${m.confusion.fp} tn ${m.confusion.tn} fn ${m.confusion.fn}`;
  out[`${prefix}.precisionAtRecall85`] = r4(at?.precision);
  out[`${prefix}.thresholdAtRecall85`] = r4(at?.threshold);
}

function readSms(): { text: string; label: Label }[] {
  return fs
    .readFileSync(smsFile, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^(ham|spam)\s+(.*)$/.exec(line);
      if (!m) throw new Error(`unexpected SMS line: ${line.slice(0, 60)}`);
      return { text: m[2]!, label: (m[1] === 'spam' ? 1 : 0) as Label };
    });
}

async function timePerComment(model: SpamModel, texts: string[], out: Figures): Promise<void> {
  // Warm up the session and the JIT.
  await model.score(texts.slice(0, 50));
  const singles = texts.slice(0, 500);
  let t0 = performance.now();
  for (const t of singles) await model.score([t]);
  out['time.singleMsPerComment'] = r4((performance.now() - t0) / singles.length);
  t0 = performance.now();
  await model.score(texts);
  out['time.batchMsPerComment'] = r4((performance.now() - t0) / texts.length);
  t0 = performance.now();
  for (const t of texts) extractFeatures(t, model.weights.config);
  out['time.featuresMsPerComment'] = r4((performance.now() - t0) / texts.length);
  t0 = performance.now();
  for (const t of singles) model.explain(t);
  out['time.explainMsPerComment'] = r4((performance.now() - t0) / singles.length);
}

/** Simulate a user labelling a few dozen messages, then compare base and retrained on the rest. */
async function learnFromLabels(
  base: SpamModel,
  pool: { text: string; label: Label }[],
  count: number,
  balanced: boolean,
  prefix: string,
  out: Figures,
): Promise<void> {
  const shuffled = seededShuffle(pool, 20240611);
  let labelled: typeof pool;
  if (balanced) {
    const spam = shuffled.filter((e) => e.label === 1).slice(0, count / 2);
    const ham = shuffled.filter((e) => e.label === 0).slice(0, count / 2);
    labelled = [...spam, ...ham];
  } else {
    labelled = shuffled.slice(0, count);
  }
  const chosen = new Set(labelled);
  const rest = shuffled.filter((e) => !chosen.has(e));
  const t0 = performance.now();
  const result = await retrainInWorker(base, labelled);
  out[`${prefix}.retrainMs`] = Math.round(performance.now() - t0);
  out[`${prefix}.labels`] = `${labelled.length} (${labelled.filter((e) => e.label === 1).length} spam)`;
  out[`${prefix}.kfold.beforeF1`] = r4(result.before.f1);
  out[`${prefix}.kfold.afterF1`] = r4(result.after.f1);
  out[`${prefix}.kfold.beforeRocAuc`] = r4(result.before.rocAuc);
  out[`${prefix}.kfold.afterRocAuc`] = r4(result.after.rocAuc);
  const tuned = await createSpamModel(result.weights);
  const labels = rest.map((e) => e.label);
  const texts = rest.map((e) => e.text);
  quality(`${prefix}.rest.before`, labels, await base.score(texts), base.info.thresholds.spam, out);
  quality(`${prefix}.rest.after`, labels, await tuned.score(texts), tuned.info.thresholds.spam, out);
  await tuned.dispose();
}

export async function run(): Promise<Figures> {
  const out: Figures = {};
  if (process.env.FOLIO_BENCH_SPAM_BUILD !== '0') {
    const cacheDir = path.join(repoRoot, 'bench', '.cache', 'spam-build');
    fs.rmSync(cacheDir, { recursive: true, force: true });
    fs.mkdirSync(cacheDir, { recursive: true });
    const lock = path.join(modelDir, 'spam.lock.json');
    if (fs.existsSync(lock)) fs.copyFileSync(lock, path.join(cacheDir, 'spam.lock.json'));
    const t0 = performance.now();
    const built = buildSpamModel({ dir: cacheDir, force: true, log: () => {} });
    out['build.seconds'] = r4((performance.now() - t0) / 1000);
    out['build.matchesLock'] = fs.existsSync(lock) ? 'yes' : 'no lock';
    out['build.sha256'] = built.files['spam.onnx']?.sha256.slice(0, 16) ?? '';
  }
  buildSpamModel({ dir: modelDir, log: () => {} }); // no-op when up to date
  const model = await loadSpamModel({ modelPath: path.join(modelDir, 'spam.onnx') });
  out['model.bytes'] = model.info.bytes;
  out['model.thresholds'] = `spam ${model.info.thresholds.spam}, review ${model.info.thresholds.review}`;

  // The repository's comment-shaped held-out split (never trained on).
  const comments = splitExamples(commentExamples(readLabelledComments()), COMMENTS_HELDOUT_PERCENT).heldOut;
  quality(
    'comments.heldOut',
    comments.map((e) => e.label),
    await model.score(comments.map((e) => e.text)),
    model.info.thresholds.spam,
    out,
  );

  // The held-out part of all the hand-written comment sets (comments-labelled.csv plus the blog, video,
  // personal, long and multilingual sets; same hash split, never trained on).
  const sets = splitExamples(commentExamples(readCommentSets()), COMMENTS_HELDOUT_PERCENT).heldOut;
  quality(
    'commentSets.heldOut',
    sets.map((e) => e.label),
    await model.score(sets.map((e) => e.text)),
    model.info.thresholds.spam,
    out,
  );
  // A short genuine thank-you with generic praise: it must stay well below the spam threshold.
  const [thanks] = await model.score(['Great write-up, thanks for sharing.']);
  out['comments.genericThanksScore'] = r4(thanks);

  // SpamAssassin held-out split, featurised as email (its training domain) and as comments.
  const emails = splitExamples(loadSpamAssassin(), SPAMASSASSIN_HELDOUT_PERCENT).heldOut;
  const emailScores = emails.map((e) =>
    sigmoid(calibratedLogit(model.weights, extractFeatures(e.text, model.weights.config, { domain: 'email' }))),
  );
  quality(
    'spamassassin.heldOut',
    emails.map((e) => e.label),
    emailScores,
    model.info.thresholds.spam,
    out,
  );

  const timingTexts = comments.map((e) => e.text);
  while (timingTexts.length < 2000) timingTexts.push(...comments.map((e, i) => `${e.text} #${timingTexts.length + i}`));
  await timePerComment(model, timingTexts.slice(0, 2000), out);

  if (fs.existsSync(smsFile)) {
    const sms = readSms();
    quality(
      'sms.base',
      sms.map((e) => e.label),
      await model.score(sms.map((e) => e.text)),
      model.info.thresholds.spam,
      out,
    );
    await learnFromLabels(model, sms, 48, true, 'sms.learn48balanced', out);
    await learnFromLabels(model, sms, 48, false, 'sms.learn48random', out);
    await learnFromLabels(model, sms, 200, false, 'sms.learn200random', out);
  } else {
    console.warn(`ml-spam bench: ${smsFile} not found, SMS figures skipped`);
    out['sms'] = 'skipped (no ../shared/fixtures/spam)';
  }
  await model.dispose();
  return out;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
