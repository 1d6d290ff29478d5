import { describe, expect, it } from 'vitest';
import { commentOnlyModel, commentSplits } from './fixture';
import { mulberry32 } from './hash';
import { rocAuc, type Label } from './metrics';
import { createSpamModel } from './model';
import { createNeighbourIndex } from './neighbours';
import { dedupeLabels, retrainWeights, type UserLabel } from './retrain';
import { retrain, retrainInWorker } from './retrain-thread';
import { referenceProbability } from './weights';

/**
 * A community whose spam the base model has never seen: raid invitations for a made-up game
 * token, written politely, no links, no money symbols. Ham is ordinary talk about knitting.
 */
function shiftedCommunity(n: number, seed: number): UserLabel[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const spamOpen = ['hey frens', 'dear gnomes', 'hello raiders', 'gm fam', 'yo gnome army'];
  const spamBody = [
    'join the gnomeclub raid tonight',
    'gnomeclub rewards every raider',
    'stake your gnomes before the snapshot',
    'the gnomeclub snapshot is in two hours',
    'raid the thread and farm gnome points',
  ];
  const spamClose = ['see you in the den', 'lfg gnomes', 'dont be late raiders', 'gnomes together strong'];
  const hamOpen = [
    'I tried this pattern',
    'Lovely scarf',
    'Thanks for the tutorial',
    'My grandmother knitted',
    'Question about the cast on',
  ];
  const hamBody = [
    'and the tension came out even on the second try',
    'the merino yarn you suggested is so soft',
    'I used smaller needles for the cuffs',
    'the cable section took me a whole weekend',
    'my stitches kept slipping off the circular needle',
  ];
  const hamClose = ['thank you!', 'cannot wait for the next one.', 'any tips for blocking?', 'it looks great now.'];
  const out: UserLabel[] = [];
  for (let i = 0; i < n; i++) {
    const spam = i % 2 === 0;
    const text = spam
      ? `${pick(spamOpen)}, ${pick(spamBody)}, ${pick(spamClose)}`
      : `${pick(hamOpen)}, ${pick(hamBody)}, ${pick(hamClose)}`;
    out.push({ text, label: spam ? 1 : 0 });
  }
  return out;
}

describe('retrainWeights', () => {
  const base = commentOnlyModel();

  it('learns a shift the base model misses, and shows it honestly before/after', () => {
    const labels = shiftedCommunity(40, 1);
    const r = retrainWeights(base, labels);
    expect(r.evaluation.method).toBe('k-fold');
    expect(r.evaluation.folds).toBe(5);
    expect(r.after.rocAuc!).toBeGreaterThan(r.before.rocAuc! + 0.1);
    expect(r.after.f1).toBeGreaterThan(r.before.f1);
    // On fresh texts from the same community, the retrained model ranks better than the base.
    const fresh = shiftedCommunity(60, 99).filter((l) => !labels.some((x) => x.text === l.text));
    const y = fresh.map((l) => l.label) as Label[];
    const beforeAuc = rocAuc(
      y,
      fresh.map((l) => referenceProbability(base, l.text)),
    )!;
    const afterAuc = rocAuc(
      y,
      fresh.map((l) => referenceProbability(r.weights, l.text)),
    )!;
    expect(afterAuc).toBeGreaterThan(beforeAuc);
    expect(afterAuc).toBeGreaterThan(0.95);
  });

  it('keeps what the base model knew about other comments', () => {
    const r = retrainWeights(base, shiftedCommunity(40, 1));
    const { heldOut } = commentSplits();
    const y = heldOut.map((e) => e.label) as Label[];
    const baseAuc = rocAuc(
      y,
      heldOut.map((e) => referenceProbability(base, e.text)),
    )!;
    const newAuc = rocAuc(
      y,
      heldOut.map((e) => referenceProbability(r.weights, e.text)),
    )!;
    expect(newAuc).toBeGreaterThan(baseAuc - 0.03);
  });

  it('is deterministic and independent of label order', () => {
    const labels = shiftedCommunity(30, 5);
    const a = retrainWeights(base, labels);
    const b = retrainWeights(base, [...labels].reverse());
    expect(Array.from(a.weights.weights)).toEqual(Array.from(b.weights.weights));
    expect(a.after).toEqual(b.after);
  });

  it('collapses duplicates (last decision wins) and counts conflicts', () => {
    const d = dedupeLabels([
      { text: 'same', label: 1 },
      { text: ' same ', label: 0 },
      { text: 'other', label: 1 },
      { text: 'same', label: 0 },
    ]);
    expect(d.unique).toEqual([
      { text: 'other', label: 1 },
      { text: 'same', label: 0 },
    ]);
    expect(d.duplicates).toBe(2);
    expect(d.conflicts).toBe(1);
    const many = Array.from({ length: 3000 }, (_, i) => ({
      text: i % 2 ? 'join the gnomeclub raid' : 'nice knitting',
      label: (i % 2) as Label,
    }));
    const r = retrainWeights(base, many);
    expect(r.labels).toMatchObject({ received: 3000, used: 2, duplicates: 2998, conflicts: 0 });
    expect(r.evaluation.method).toBe('in-sample');
  });

  it('rejects invalid labels and empty input clearly', () => {
    expect(() => retrainWeights(base, [])).toThrow(/at least one/);
    expect(() => retrainWeights(base, [{ text: 'x', label: 2 as Label }])).toThrow(/expected 0 or 1/);
  });

  it('copes with empty, HTML and huge texts among the labels', () => {
    const r = retrainWeights(base, [
      ...shiftedCommunity(10, 3),
      { text: '', label: 0 },
      { text: '<script>alert(1)</script>', label: 1 },
      { text: 'z'.repeat(100_000), label: 1 },
    ]);
    expect(Number.isFinite(r.after.logLoss)).toBe(true);
  });

  it('uses a hold-out split when there are many labels', () => {
    const r = retrainWeights(base, shiftedCommunity(400, 8), { holdoutFrom: 50 });
    expect(r.evaluation.method).toBe('holdout');
    expect(r.evaluation.evaluated).toBeLessThan(r.labels.used);
    expect(r.evaluation.evaluated).toBeGreaterThan(0);
  });
});

describe('retrain in a worker thread', () => {
  it('gives the same result as in-process and a ready model', async () => {
    const labels = shiftedCommunity(24, 11);
    const baseModel = await createSpamModel(commentOnlyModel());
    const inWorker = await retrainInWorker(baseModel, labels);
    const inProcess = retrainWeights(baseModel.weights, labels, { provenance: { parentSha256: baseModel.info.sha256 } });
    expect(Array.from(inWorker.weights.weights)).toEqual(Array.from(inProcess.weights.weights));
    expect(inWorker.weights.provenance.parentSha256).toBe(baseModel.info.sha256);
    // The caller's base weights are not detached or changed by the transfer.
    expect(baseModel.weights.weights.length).toBe(2 ** baseModel.weights.config.hashBits);

    const outcome = await retrain(baseModel, labels);
    const [spam, ham] = await outcome.model.score([
      'hey frens, join the gnomeclub raid tonight, lfg gnomes',
      'Lovely scarf, the merino yarn you suggested is so soft, thank you!',
    ]);
    expect(spam!).toBeGreaterThan(ham!);
    expect(outcome.after.rocAuc!).toBeGreaterThanOrEqual(outcome.before.rocAuc!);
    await outcome.model.dispose();
    await baseModel.dispose();
  });

  it('reports errors from the worker', async () => {
    await expect(retrainInWorker(commentOnlyModel(), [])).rejects.toThrow(/at least one/);
  });

  it('can be aborted', async () => {
    const controller = new AbortController();
    const pending = retrainInWorker(commentOnlyModel(), shiftedCommunity(20, 2), {}, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('nearest labelled comments', () => {
  it('finds the labelled comments that share the most wording', () => {
    const index = createNeighbourIndex([
      { id: 'a', text: 'join the gnomeclub raid tonight frens', label: 1 },
      { id: 'b', text: 'lovely scarf, the merino yarn is soft', label: 0 },
      { id: 'c', text: 'completely unrelated words about astronomy', label: 0 },
    ]);
    const near = index.nearest('hey, join the gnomeclub raid!', 2);
    expect(near[0]!.id).toBe('a');
    expect(near[0]!.similarity).toBeGreaterThan(0.3);
    expect(near.every((n) => n.id !== 'c')).toBe(true);
    expect(index.nearest('', 3)).toEqual([]);
  });
});
