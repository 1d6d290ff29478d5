import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveResources } from '../../backend/resources';
import { runCli } from '../main';

const hasModel = fs.existsSync(path.join(resolveResources().modelsDir, 'spam.onnx'));
if (!hasModel)
  console.warn('[comments.test] no spam model in resources/models; skipping the eval tests (npm run build -w @folio/ml)');
const repoRoot = path.resolve(resolveResources().appRoot, '..', '..');
const SMS = path.resolve(repoRoot, '../shared/fixtures/spam/sms-spam-collection.tsv');
if (!fs.existsSync(SMS)) console.warn(`[comments.test] ${SMS} not found; skipping the SMS Spam Collection check`);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-comments-'));
  dirs.push(d);
  return d;
}

async function folio(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

// Written for this test: a guestbook's comments, labelled. Columns as a site export might name them.
const ROWS: [string, 'spam' | 'ham'][] = [
  ['Your photos of the alpine lakes are stunning, which lens did you use?', 'ham'],
  ['Thanks for the recipe, the bread came out great on the second try.', 'ham'],
  ['I ran into the same segfault with the old driver; upgrading fixed it for me.', 'ham'],
  ['Could you write a follow-up about the evaluation setup?', 'ham'],
  ['Congrats on the defence! Well deserved after all those night shifts.', 'ham'],
  ['The link to the dataset in paragraph two is broken, just so you know.', 'ham'],
  ['Interesting take, though I think the survey sample is too small to generalise.', 'ham'],
  ['My kids loved the bird-watching tips, we spotted a kingfisher on Sunday.', 'ham'],
  ['Which font is this site set in? It reads really well.', 'ham'],
  ['Happy new year, looking forward to more posts about the garden.', 'ham'],
  ['Good point about caching, we had the same bug in production.', 'ham'],
  ['Would love a video version of this tutorial someday.', 'ham'],
  ['Agreed on the keyboard layout, took me a month to adapt too.', 'ham'],
  ['Nice blog!!! Visit http://cheap-meds.example.top for viagra without prescription', 'spam'],
  ['MAKE MONEY FAST working from home $3000/week click http://bit.ly/3xYz', 'spam'],
  ['Bitcoin doubling service, send 0.1 BTC get 0.2 back, WhatsApp +44 7700 900123', 'spam'],
  ['Best casino online 2024 free spins no deposit http://spins.example.xyz', 'spam'],
  ['Cheap SEO backlinks, rank #1 on Google in 7 days http://rank.example.click', 'spam'],
  ['You are our lucky winner!!! Claim your prize now http://claim.example.top', 'spam'],
  ['Hot singles in your area waiting for you http://dating.example.live', 'spam'],
  ['Buy Instagram followers cheap and fast http://followers.example.shop', 'spam'],
  ['Get a payday loan today, no credit check, instant approval http://loan.example.info', 'spam'],
  ['Please subscribe to my channel, I subscribe back!!! sub4sub', 'spam'],
  ['Replica watches Rolex 90% off http://watches.example.store', 'spam'],
];

function labelledCsv(rows: [string, string][], header = 'comment_id,message,verdict'): string {
  return [header, ...rows.map(([text, label], i) => `c${i + 1},"${text.replace(/"/g, '""')}",${label}`)].join('\n') + '\n';
}

describe.skipIf(!hasModel)('folio comments', () => {
  it('eval --json prints exactly { precision, recall, f1, rocAuc, confusion, threshold, n, base } for a labelled CSV', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'guestbook.csv');
    fs.writeFileSync(file, labelledCsv(ROWS));
    const r = await folio([
      'comments',
      'eval',
      file,
      '--text-column',
      'message',
      '--label-column',
      'verdict',
      '--json',
      '--data-dir',
      path.join(dir, 'data'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['base', 'confusion', 'f1', 'n', 'precision', 'recall', 'rocAuc', 'threshold']);
    expect(out.n).toBe(24);
    const c = out.confusion as Record<string, number>;
    expect(Object.keys(c).sort()).toEqual(['fn', 'fp', 'tn', 'tp']);
    expect(c.tp! + c.fp! + c.tn! + c.fn!).toBe(24);
    expect(c.tp! + c.fn!).toBe(11);
    expect(out.precision).toBe(c.tp! / (c.tp! + c.fp!));
    expect(out.rocAuc as number).toBeGreaterThan(0.8);
    expect(out.base).toEqual({
      precision: out.precision,
      recall: out.recall,
      f1: out.f1,
      rocAuc: out.rocAuc,
      confusion: out.confusion,
      threshold: out.threshold,
      n: 24,
    });

    // 1/0 labels, column numbers and a threshold; a bad label names its line.
    const numeric = path.join(dir, 'numeric.csv');
    fs.writeFileSync(numeric, labelledCsv(ROWS.map(([t, l]) => [t, l === 'spam' ? '1' : '0'])));
    const r2 = await folio([
      'comments',
      'eval',
      numeric,
      '--text-column',
      '2',
      '--label-column',
      '3',
      '--threshold',
      '0.9',
      '--json',
      '--data-dir',
      path.join(dir, 'data'),
    ]);
    expect(JSON.parse(r2.stdout)).toMatchObject({ threshold: 0.9, n: 24 });
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'message,verdict\nhello,ham\nbuy now,maybe\n');
    const r3 = await folio([
      'comments',
      'eval',
      bad,
      '--text-column',
      'message',
      '--label-column',
      'verdict',
      '--data-dir',
      path.join(dir, 'data'),
    ]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain('bad.csv, line 3: unknown label "maybe"');
    const r4 = await folio([
      'comments',
      'eval',
      bad,
      '--text-column',
      'body',
      '--label-column',
      'verdict',
      '--data-dir',
      path.join(dir, 'data'),
    ]);
    expect(r4.stderr).toContain('There is no column "body" for textColumn. Columns: 1 "message", 2 "verdict"');
  });

  it('before and after labelling: import, label by id, eval shows the user model; retrain, list and export work', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const file = path.join(dir, 'guestbook.csv');
    fs.writeFileSync(file, labelledCsv(ROWS));
    const evalArgs = [
      'comments',
      'eval',
      file,
      '--text-column',
      'message',
      '--label-column',
      'verdict',
      '--json',
      '--data-dir',
      data,
    ];
    const before = JSON.parse((await folio(evalArgs)).stdout) as { user?: unknown };
    expect(before.user).toBeUndefined();

    const imp = await folio(['comments', 'import', file, '--json', '--data-dir', data]);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ imported: 24, duplicates: 0, updated: 0, errors: [], scored: 24 });
    expect(JSON.parse((await folio(['comments', 'import', file, '--json', '--data-dir', data])).stdout)).toMatchObject({
      imported: 0,
      duplicates: 24,
    });

    const list = JSON.parse((await folio(['comments', 'list', '--json', '--limit', '50', '--data-dir', data])).stdout) as Record<
      string,
      unknown
    >[];
    expect(list).toHaveLength(24);
    expect(Object.keys(list[0]!).sort()).toEqual(['author', 'createdAt', 'id', 'label', 'page', 'score', 'status', 'text']);
    // Label a dozen, by Folio's id and by the id in the file.
    for (const [i, [, label]] of ROWS.entries()) {
      if (i % 2 !== 0) continue;
      const id = i % 4 === 0 ? `c${i + 1}` : (list.find((c) => c.text === ROWS[i]![0])!.id as string);
      const r = await folio(['comments', 'label', id, label, '--json', '--data-dir', data]);
      expect(JSON.parse(r.stdout)).toMatchObject({ label, status: label === 'spam' ? 'spam' : 'approved' });
    }
    const after = JSON.parse((await folio(evalArgs)).stdout) as { user?: { n: number; f1: number }; base: unknown; f1: number };
    expect(after.user).toMatchObject({ n: 24 });
    expect(after.f1).toBe(after.user!.f1);

    const retrain = await folio(['comments', 'retrain', '--json', '--data-dir', data]);
    expect(JSON.parse(retrain.stdout)).toMatchObject({
      state: 'done',
      trigger: 'cli',
      labels: { used: 12 },
      before: { n: 12 },
      after: { n: 12 },
    });
    const human = await folio(['comments', 'retrain', '--data-dir', data]);
    expect(human.stdout).toMatch(/^Learned from 12 decisions \(\d+ spam, \d+ approved\)/);

    const review = JSON.parse((await folio(['comments', 'list', '--needs-review', '--json', '--data-dir', data])).stdout) as {
      status: string;
    }[];
    expect(review.every((c) => c.status === 'new')).toBe(true);
    const approved = JSON.parse(
      (await folio(['comments', 'list', '--status', 'approved', '--json', '--data-dir', data])).stdout,
    ) as unknown[];
    expect(approved.length).toBeGreaterThan(0);
    const out = path.join(dir, 'approved.json');
    const exp = await folio(['comments', 'export', out, '--json', '--data-dir', data]);
    expect(JSON.parse(exp.stdout)).toEqual({ count: approved.length, file: out });
    const json = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, { message: string; verdict: string }>;
    expect(Object.keys(json)).toHaveLength(approved.length);
    expect(json.c1).toEqual({ comment_id: 'c1', message: ROWS[0]![0], verdict: 'ham' });
  });

  it('import reports bad JSON with its position and exits 1; usage errors exit 2', async () => {
    const dir = tempDir();
    const f = path.join(dir, 'broken.json');
    fs.writeFileSync(f, '{"comments": {"a": {"text": "hi"},}}');
    const r = await folio(['comments', 'import', f, '--data-dir', path.join(dir, 'data')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.json is not valid JSON: expected a quoted property name, found "}" (line 1, column 35)');
    expect((await folio(['comments', 'label', 'x', 'maybe', '--data-dir', path.join(dir, 'data')])).code).toBe(2);
    expect((await folio(['comments', 'eval', f, '--data-dir', path.join(dir, 'data')])).code).toBe(2);
    expect((await folio(['comments', 'frobnicate', '--data-dir', path.join(dir, 'data')])).code).toBe(2);
  });

  it.skipIf(!fs.existsSync(SMS))(
    'evaluates the SMS Spam Collection (header-less label<TAB>text) with column numbers',
    async () => {
      const dir = tempDir();
      const r = await folio([
        'comments',
        'eval',
        SMS,
        '--text-column',
        '2',
        '--label-column',
        '1',
        '--no-header',
        '--skip-invalid',
        '--json',
        '--data-dir',
        path.join(dir, 'data'),
      ]);
      expect(r.code).toBe(0);
      // The first line separates with two spaces instead of a tab: skipped and reported.
      expect(r.stderr).toContain('line 1: the row has 1 field, not 2');
      const out = JSON.parse(r.stdout) as { n: number; confusion: Record<string, number>; rocAuc: number };
      expect(out.n).toBe(5573);
      expect(out.confusion.tp! + out.confusion.fn!).toBe(747);
      expect(out.rocAuc).toBeGreaterThan(0.9);
    },
  );
});
