import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateLabelledComments } from './eval';
import { commentOnlyModel } from './fixture';
import { LabelParseError } from './metrics';
import { createSpamModel, type SpamModel } from './model';
import { retrainWeights } from './retrain';

let base: SpamModel;
let user: SpamModel;

beforeAll(async () => {
  base = await createSpamModel(commentOnlyModel());
  const labels = [
    { text: 'join the gnomeclub raid tonight frens', label: 1 as const },
    { text: 'gnomeclub rewards every raider, stake now', label: 1 as const },
    { text: 'lovely scarf, the merino yarn is so soft', label: 0 as const },
    { text: 'I used smaller needles for the cuffs, thanks!', label: 0 as const },
  ];
  user = await createSpamModel(retrainWeights(base.weights, labels).weights);
});

afterAll(async () => {
  await base?.dispose();
  await user?.dispose();
});

const rows = [
  { text: 'Thanks, the explanation of WAL mode helped a lot.', label: 'ham', line: 2 },
  { text: 'Great post! Visit my site http://cheap-pills.ru for cheap v1agra!!!', label: 'SPAM', line: 3 },
  { text: 'Win a FREE iPhone, claim at bit.ly/win-now', label: '1', line: 4 },
  { text: '', label: '0', line: 5 },
  { text: '<script>alert(1)</script>', label: 'true', line: 6 },
];

describe('evaluateLabelledComments', () => {
  it('reports the base model, and the user model when there is one', async () => {
    const only = await evaluateLabelledComments(rows, { base });
    expect(only).toMatchObject({ scoredWith: 'base', n: 5, spam: 3, ham: 2, user: null });
    expect(only.confusion.tp + only.confusion.fn).toBe(3);
    expect(only.precision).toBe(only.base.precision);
    for (const key of ['precision', 'recall', 'f1', 'rocAuc', 'confusion'] as const) expect(only).toHaveProperty(key);

    const both = await evaluateLabelledComments(rows, { base, user });
    expect(both.scoredWith).toBe('user');
    expect(both.user!.model).toBe(user.info.sha256);
    expect(both.base.model).toBe(base.info.sha256);
    expect(both.precision).toBe(both.user!.precision);
    expect(JSON.parse(JSON.stringify(both))).toMatchObject({ n: 5 });
  });

  it('names the line of an unknown label', async () => {
    const bad = [...rows, { text: 'x', label: 'maybe', line: 9 }];
    await expect(evaluateLabelledComments(bad, { base })).rejects.toBeInstanceOf(LabelParseError);
    await expect(evaluateLabelledComments(bad, { base })).rejects.toThrow(/line 9: unknown label "maybe"/);
  });

  it('refuses an empty file', async () => {
    await expect(evaluateLabelledComments([], { base })).rejects.toThrow(/no labelled rows/);
  });
});
