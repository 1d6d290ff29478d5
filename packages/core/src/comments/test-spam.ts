/**
 * A deterministic stand-in for the ONNX spam model in core's tests (the real one is wired and tested in
 * apps/desktop/src/backend/spam-service.test.ts). It scores by counting spam words, "learns" by
 * remembering the texts it was taught, and reports metrics computed the usual way, so the domain's
 * behaviour (scoring, re-scoring after a model change, runs, eval, explanations) is tested for real.
 */
import crypto from 'node:crypto';
import type { SpamModelRef, SpamService, SpamTrainingLabel } from '../app/services';
import type { SpamEvalFiguresDto, SpamMetricsDto } from '../contract/comments';

const SPAM_WORDS = ['buy', 'viagra', 'casino', 'free', 'http', 'crypto', 'winner', '$$$', 'click'];
/** Texts with this word score in the uncertain band. */
const UNSURE_WORD = 'maybe';

export function fakeScore(text: string): number {
  const t = text.toLowerCase();
  if (t.includes(UNSURE_WORD)) return 0.3;
  const hits = SPAM_WORDS.filter((w) => t.includes(w)).length;
  return hits === 0 ? 0.05 : 1 - 0.5 ** (hits + 1);
}

function metrics(labels: (0 | 1)[], scores: number[], threshold: number): SpamMetricsDto {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  labels.forEach((y, i) => {
    const p = scores[i]! >= threshold;
    if (y === 1 && p) c.tp++;
    else if (y === 1) c.fn++;
    else if (p) c.fp++;
    else c.tn++;
  });
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  let pairs = 0;
  let wins = 0;
  labels.forEach((a, i) =>
    labels.forEach((b, j) => {
      if (a === 1 && b === 0) {
        pairs++;
        wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }),
  );
  return {
    n: labels.length,
    positives: labels.filter((y) => y === 1).length,
    threshold,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: labels.length ? (c.tp + c.tn) / labels.length : 0,
    rocAuc: pairs ? wins / pairs : null,
    brier: labels.length ? labels.reduce<number>((s, y, i) => s + (scores[i]! - y) ** 2, 0) / labels.length : 0,
    logLoss: 0,
    confusion: c,
  };
}

export interface FakeSpamService extends SpamService {
  /** How many texts were scored (a model change must re-score). */
  scoredTexts: number;
  retrainCalls: number;
}

export function createFakeSpamService(opts: { thresholds?: { spam: number; review: number } } = {}): FakeSpamService {
  const thresholds = opts.thresholds ?? { spam: 0.5, review: 0.2 };
  const base: SpamModelRef = { sha256: 'b'.repeat(64), kind: 'base', thresholds };
  let user: (SpamModelRef & { taught: Map<string, 0 | 1> }) | null = null;
  const scoreOne = (text: string, withUser: boolean) => {
    const taught = withUser ? user?.taught.get(text.trim()) : undefined;
    return taught === undefined ? fakeScore(text) : taught === 1 ? 0.99 : 0.01;
  };
  const svc: FakeSpamService = {
    scoredTexts: 0,
    retrainCalls: 0,
    get version() {
      return (user ?? base).sha256;
    },
    async score(texts) {
      svc.scoredTexts += texts.length;
      return texts.map((t) => scoreOne(t, true));
    },
    models() {
      const u = user
        ? {
            sha256: user.sha256,
            kind: 'user' as const,
            thresholds,
            labelsDigest: user.labelsDigest!,
            labels: user.labels!,
            trainedAt: user.trainedAt!,
          }
        : null;
      return { base, user: u, active: u ?? base };
    },
    async explain(text, top) {
      const t = text.toLowerCase();
      const features = SPAM_WORDS.filter((w) => t.includes(w))
        .map((w) => ({ key: `w:${w}`, name: `word "${w}"`, weight: 1.5 }))
        .concat([{ key: 'dense:len', name: 'length', weight: -0.2 }])
        .slice(0, top);
      const p = scoreOne(text, true);
      return { probability: p, logit: Math.log(p / (1 - p)), intercept: -2, features, model: user ? 'user' : 'base' };
    },
    async nearest(text, k, labelled) {
      const words = (s: string) => new Set(s.toLowerCase().split(/\W+/).filter(Boolean));
      const q = words(text);
      return labelled
        .load()
        .map((l) => {
          const w = words(l.text);
          const inter = [...q].filter((x) => w.has(x)).length;
          return { id: l.id, similarity: inter / Math.max(1, new Set([...q, ...w]).size) };
        })
        .filter((n) => n.similarity > 0.2)
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, k);
    },
    async retrain(labels: SpamTrainingLabel[], { labelsDigest }) {
      svc.retrainCalls++;
      if (labels.length === 0) throw new RangeError('retraining needs at least one labelled comment');
      const taught = new Map<string, 0 | 1>();
      for (const l of labels) taught.set(l.text.trim(), l.label);
      const y = labels.map((l) => l.label);
      const before = metrics(
        y,
        labels.map((l) => fakeScore(l.text)),
        thresholds.spam,
      );
      // "Held out": a remembered text is not scored from memory for its own fold.
      const after = metrics(
        y,
        labels.map((l) => (fakeScore(l.text) + l.label) / 2),
        thresholds.spam,
      );
      const sha = crypto.createHash('sha256').update(labelsDigest).digest('hex');
      user = {
        sha256: sha,
        kind: 'user',
        thresholds,
        labelsDigest,
        labels: labels.length,
        trainedAt: new Date().toISOString(),
        taught,
      };
      return {
        model: { sha256: sha, kind: 'user', thresholds, labelsDigest, labels: labels.length },
        baseSha: base.sha256,
        before,
        after,
        evaluation: {
          method: labels.length >= 4 ? 'k-fold' : 'in-sample',
          folds: labels.length >= 4 ? 2 : 0,
          evaluated: labels.length,
        },
        labels: { received: labels.length, used: taught.size, duplicates: labels.length - taught.size, conflicts: 0 },
        elapsedMs: 1,
      };
    },
    async clearUserModel() {
      user = null;
    },
    async evaluate(rows, { threshold, withUser }) {
      const y = rows.map((r) => (r.label === 'spam' ? 1 : 0) as 0 | 1);
      const fig = (useUser: boolean): SpamEvalFiguresDto => {
        const m = metrics(
          y,
          rows.map((r) => scoreOne(r.text, useUser)),
          threshold ?? thresholds.spam,
        );
        return {
          precision: m.precision,
          recall: m.recall,
          f1: m.f1,
          rocAuc: m.rocAuc,
          confusion: m.confusion,
          threshold: m.threshold,
          n: m.n,
        };
      };
      const b = fig(false);
      const u = withUser && user ? fig(true) : null;
      return { ...(u ?? b), base: b, ...(u ? { user: u } : {}) };
    },
  };
  return svc;
}
