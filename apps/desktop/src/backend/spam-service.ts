// The comment-spam classifier behind core's SpamService: @folio/ml's ONNX model, loaded on first use,
// with the user's own model (learned from their approve/spam decisions) in <dataDir>/models. A missing
// or corrupt base model is a clear status message; the inbox keeps listing and importing without scores.
// A corrupt user model, one from an older feature schema, or one trained on another base model, falls
// back to the base model.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FolioError, type ModelStatus, type SpamEvalFiguresDto, type SpamMetricsDto, type SpamService } from '@folio/core';
import {
  SpamModelError,
  createNeighbourIndex,
  evaluateLabelledComments,
  loadSpamModel,
  manifestPathFor,
  retrain,
  saveSpamModel,
  type NeighbourIndex,
  type SpamMetrics,
  type SpamModel,
} from '@folio/ml';

type SpamModelRef = ReturnType<SpamService['models']>['base'];
type SpamRetrainResult = Awaited<ReturnType<SpamService['retrain']>>;

export const USER_MODEL_FILE = 'spam-user.onnx';
export const BASE_MODEL_FILE = 'spam.onnx';

export interface LazySpam {
  /** Core's `services.spam`: resolves to the loaded service or rejects with `model_unavailable`. */
  get(): Promise<SpamService>;
  status(): ModelStatus;
  close(): Promise<void>;
}

export interface SpamServiceOptions {
  /** Folder of the shipped models (resources/models). */
  modelsDir: string;
  /** The data folder: the user's model lives in `<dataDir>/models/spam-user.onnx` (+ .json). */
  dataDir: string;
  /** apps/desktop (finds the bundled retrain worker). */
  appRoot?: string;
  /** Retrain in a worker thread (default true); tests may run it in-thread. */
  inWorker?: boolean;
}

/**
 * The bundled retrain worker (dist/workers/spam-retrain.mjs, built by scripts/bundle.mjs) when we run
 * from the bundle; from TypeScript sources @folio/ml starts its own .ts worker through tsx.
 */
function retrainWorkerUrl(appRoot: string | undefined): URL | undefined {
  if (!appRoot || fileURLToPath(import.meta.url).endsWith('.ts')) return undefined;
  const bundled = path.join(appRoot, 'dist', 'workers', 'spam-retrain.mjs');
  return fs.existsSync(bundled) ? pathToFileURL(bundled) : undefined;
}

function metricsDto(m: SpamMetrics): SpamMetricsDto {
  return {
    n: m.n,
    positives: m.positives,
    threshold: m.threshold,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    accuracy: m.accuracy,
    rocAuc: m.rocAuc,
    brier: m.brier,
    logLoss: m.logLoss,
    confusion: { ...m.confusion },
  };
}

function describe(err: unknown): string {
  if (err instanceof SpamModelError) {
    const what = {
      missing: 'is not installed',
      corrupt: 'is damaged',
      incompatible: 'is from an incompatible version',
      checksum: 'does not match its checksum',
      runtime: 'failed to run',
    }[err.code];
    return `The spam model ${what}: ${err.message}.`;
  }
  return `The spam model could not be loaded: ${(err as Error)?.message ?? String(err)}.`;
}

function userRef(model: SpamModel): SpamModelRef {
  const p = model.info.provenance;
  const labels = Number(p.labels);
  return {
    sha256: model.info.sha256,
    kind: 'user',
    thresholds: { ...model.info.thresholds },
    ...(p.labelsDigest ? { labelsDigest: p.labelsDigest } : {}),
    ...(Number.isFinite(labels) ? { labels } : {}),
    ...(p.trainedAt ? { trainedAt: p.trainedAt } : {}),
  };
}

/** Builds the service around a loaded base model (and the user's model, when usable). */
export async function createSpamService(
  base: SpamModel,
  opts: SpamServiceOptions,
): Promise<SpamService & { dispose(): Promise<void> }> {
  const userPath = path.join(opts.dataDir, 'models', USER_MODEL_FILE);
  let user: SpamModel | null = null;
  let userProblem: string | null = null;
  if (fs.existsSync(userPath)) {
    try {
      const loaded = await loadSpamModel({ modelPath: userPath });
      if (loaded.info.provenance.parentSha256 !== base.info.sha256) {
        // Retraining always starts from the base model: one learned on another base is rebuilt.
        userProblem = 'Your trained model was learned on an earlier base model: it is retrained from your decisions.';
        await loaded.dispose();
      } else user = loaded;
    } catch (err) {
      // A model from an older feature schema (an app update changed the features) cannot score with
      // this build's features: the base model takes over and the labels retrain a new one.
      userProblem =
        err instanceof SpamModelError && err.code === 'incompatible'
          ? `Your trained model was made for an earlier version of the spam features (${err.message}); the base model scores comments until it is retrained from your decisions.`
          : `Your trained model could not be loaded (${(err as Error).message}); the base model scores comments until it is retrained.`;
    }
  }
  const baseRef: SpamModelRef = { sha256: base.info.sha256, kind: 'base', thresholds: { ...base.info.thresholds } };
  let neighbours: { key: string; index: NeighbourIndex } | null = null;
  const active = () => user ?? base;
  const workerUrl = retrainWorkerUrl(opts.appRoot);

  const service: SpamService & { dispose(): Promise<void> } = {
    get version() {
      return active().info.sha256;
    },
    get userModelProblem() {
      return userProblem;
    },
    async score(texts) {
      try {
        return await active().score(texts);
      } catch (err) {
        // onnxruntime failing on a batch: the TypeScript reference computes the same probabilities.
        if (err instanceof SpamModelError && err.code === 'runtime') return active().scoreReference(texts);
        throw err;
      }
    },
    models() {
      const u = user ? userRef(user) : null;
      return { base: baseRef, user: u, active: u ?? baseRef };
    },
    async explain(text, top) {
      const e = active().explain(text, { top });
      return {
        probability: e.probability,
        logit: e.logit,
        intercept: e.intercept,
        model: user ? 'user' : 'base',
        features: e.features.map((f) => ({ key: f.key, name: f.name, weight: f.weight })),
      };
    },
    async nearest(text, k, labelled) {
      if (!neighbours || neighbours.key !== labelled.key) {
        neighbours = { key: labelled.key, index: createNeighbourIndex(labelled.load()) };
      }
      return neighbours.index.nearest(text, k).map((n) => ({ id: n.id ?? '', similarity: n.similarity }));
    },
    async retrain(labels, { labelsDigest, signal }): Promise<SpamRetrainResult> {
      const trainedAt = new Date().toISOString();
      const outcome = await retrain(base, labels, {
        inWorker: opts.inWorker ?? true,
        ...(workerUrl ? { workerUrl } : {}),
        ...(signal ? { signal } : {}),
        provenance: { labelsDigest, labels: String(labels.length), trainedAt },
      });
      try {
        await saveSpamModel(outcome.model, userPath, {
          labelsDigest,
          trainedAt,
          evaluation: outcome.evaluation,
          before: outcome.before,
          after: outcome.after,
        });
      } catch (err) {
        await outcome.model.dispose();
        throw new FolioError(
          'io_error',
          `The trained model could not be saved in ${path.dirname(userPath)}: ${(err as Error).message}`,
        );
      }
      const previous = user;
      user = outcome.model;
      userProblem = null;
      await previous?.dispose();
      return {
        model: userRef(outcome.model),
        baseSha: base.info.sha256,
        before: metricsDto(outcome.before),
        after: metricsDto(outcome.after),
        evaluation: { ...outcome.evaluation },
        labels: { ...outcome.labels },
        elapsedMs: outcome.elapsedMs,
      };
    },
    async clearUserModel() {
      const previous = user;
      user = null;
      userProblem = null;
      fs.rmSync(userPath, { force: true });
      fs.rmSync(manifestPathFor(userPath), { force: true });
      await previous?.dispose();
    },
    async evaluate(rows, { threshold, withUser }) {
      const report = await evaluateLabelledComments(
        rows,
        { base, user: withUser ? user : null },
        threshold !== undefined ? { threshold } : {},
      );
      const figures = (m: typeof report.base): SpamEvalFiguresDto => ({
        precision: m.precision,
        recall: m.recall,
        f1: m.f1,
        rocAuc: m.rocAuc,
        confusion: { tp: m.confusion.tp, fp: m.confusion.fp, tn: m.confusion.tn, fn: m.confusion.fn },
        threshold: m.threshold,
        n: report.n,
      });
      const baseFigures = figures(report.base);
      const userFigures = report.user ? figures(report.user) : null;
      return { ...(userFigures ?? baseFigures), base: baseFigures, ...(userFigures ? { user: userFigures } : {}) };
    },
    async dispose() {
      await user?.dispose();
      await base.dispose();
    },
  };
  return service;
}

/** Core's lazy `services.spam` and the spam part of `modelStatus()`. */
export function createLazySpam(opts: SpamServiceOptions): LazySpam {
  const modelPath = path.join(opts.modelsDir, BASE_MODEL_FILE);
  const missing = (): ModelStatus => ({
    state: 'unavailable',
    message: `The spam model is not installed (${modelPath} not found). Build it with "npm run build -w @folio/ml". Comments are listed without scores.`,
  });
  let state: ModelStatus = fs.existsSync(modelPath)
    ? { state: 'loading', message: 'The spam model loads when the inbox first needs it.' }
    : missing();
  let loading: Promise<SpamService & { dispose(): Promise<void> }> | null = null;
  let closed = false;

  const lazy: LazySpam = {
    get() {
      if (closed) return Promise.reject(new FolioError('cancelled', 'The app is closing.'));
      loading ??= (async () => {
        state = { state: 'loading', message: 'Loading the spam model…' };
        try {
          const base = await loadSpamModel({ modelPath });
          const svc = await createSpamService(base, opts);
          if (closed) {
            await svc.dispose();
            throw new FolioError('cancelled', 'The app is closing.');
          }
          state = { state: 'ready', version: svc.version, ...(svc.userModelProblem ? { message: svc.userModelProblem } : {}) };
          return svc;
        } catch (err) {
          loading = null; // a rebuilt model can be tried again
          if (err instanceof FolioError) throw err;
          const message = describe(err);
          state = { state: 'unavailable', message };
          throw new FolioError('model_unavailable', message);
        }
      })();
      return loading;
    },
    status() {
      if (state.state === 'ready' && loading) {
        // The active model changes when the user retrains: report the current one.
        void loading.then((svc) => {
          state = { ...state, version: svc.version };
        });
      }
      if (state.state === 'unavailable' && !loading && fs.existsSync(modelPath) && state.message?.includes('not installed')) {
        state = { state: 'loading', message: 'The spam model loads when the inbox first needs it.' };
      }
      return state;
    },
    async close() {
      closed = true;
      const svc = await loading?.catch(() => null);
      await svc?.dispose();
    },
  };
  return lazy;
}
