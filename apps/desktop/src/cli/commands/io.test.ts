import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../main';

const testdata = path.resolve(import.meta.dirname, '../../../../../packages/core/src/io/testdata');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}
async function folio(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

describe('folio import / export / publish / export-entry', () => {
  it('import --dry-run writes nothing; import --json has the documented shape; search finds the notes at once', async () => {
    const data = tmp('folio-cli-io-');
    const dry = await folio([
      'import',
      path.join(testdata, 'vault'),
      path.join(testdata, 'hexo'),
      '--dry-run',
      '--json',
      '--data-dir',
      data,
    ]);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.dryRun).toBe(true);
    expect(plan.created).toBeGreaterThan(10);
    const none = await folio(['sql', 'SELECT count(*) AS n FROM entries', '--json', '--data-dir', data]);
    expect(JSON.parse(none.stdout)).toEqual([{ n: 0 }]);

    const res = await folio(['import', path.join(testdata, 'vault'), path.join(testdata, 'hexo'), '--json', '--data-dir', data]);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(Object.keys(j).sort()).toEqual([
      'counts',
      'created',
      'dryRun',
      'entries',
      'publicPosts',
      'skipped',
      'unchanged',
      'updated',
      'warnings',
    ]);
    expect(j.created).toBe(plan.created);
    expect(Object.keys(j.counts).sort()).toEqual([
      'attachments',
      'byFormat',
      'byKind',
      'entries',
      'files',
      'mojibakeRepaired',
      'unmarkedPosts',
    ]);
    expect(Object.keys(j.entries[0]).sort()).toEqual(['action', 'date', 'id', 'kind', 'sourceKey', 'title']);
    expect(j.skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'vault/Notes/Corrupt.md', severity: 'error', reason: expect.stringMatching(/binary/) }),
        expect.objectContaining({ path: 'vault/attachments/unused.png', severity: 'skipped' }),
      ]),
    );

    const human = await folio(['import', path.join(testdata, 'vault'), '--data-dir', data]);
    expect(human.stdout).toMatch(/Imported \d+ entries from \d+ files: 0 created, 0 updated, \d+ unchanged/);
    expect(human.stdout).toContain('vault/Notes/Corrupt.md: binary file');

    const search = await folio(['search', '申请', '--json', '--data-dir', data]);
    const hits = JSON.parse(search.stdout) as { title: string }[];
    expect(hits.map((h) => h.title)).toEqual(expect.arrayContaining(['01/15', 'Damaged quotes']));
  });

  it('import --public makes microblog posts public; without it they stay private and publish leaves them out', async () => {
    const data = tmp('folio-cli-io-');
    const micro = path.join(testdata, 'microblog', 'microblog.txt');
    const priv = JSON.parse((await folio(['import', micro, '--json', '--data-dir', data])).stdout);
    expect(priv.publicPosts).toBe(false);
    expect(priv.counts.unmarkedPosts).toBe(priv.created);
    expect((await folio(['import', micro, '--dry-run', '--data-dir', data])).stdout).toMatch(/imported private \(add --public/);
    const site = path.join(tmp('folio-cli-site-'), 'site');
    expect(JSON.parse((await folio(['publish', site, '--json', '--data-dir', data])).stdout).posts).toBe(0);
    const pub = JSON.parse((await folio(['import', micro, '--public', '--json', '--data-dir', data])).stdout);
    expect(pub).toMatchObject({ publicPosts: true, created: 0, updated: priv.created });
    expect(JSON.parse((await folio(['publish', site, '--json', '--data-dir', data])).stdout).posts).toBe(priv.created);
  });

  it('export and publish --json; export-entry writes HTML and PDF files', async () => {
    const data = tmp('folio-cli-io-');
    await folio(['import', path.join(testdata, 'vault'), '--data-dir', data]);
    const out = path.join(tmp('folio-cli-out-'), 'export');
    const ex = JSON.parse((await folio(['export', out, '--json', '--data-dir', data])).stdout);
    expect(ex).toMatchObject({ dir: out, entries: 10, attachments: 2 });
    expect(fs.existsSync(path.join(out, 'Meetings', 'Standup.md'))).toBe(true);

    const site = path.join(tmp('folio-cli-site-'), 'site');
    const pub = await folio([
      'publish',
      site,
      '--title',
      'Notes',
      '--base-url',
      'https://example.org/',
      '--json',
      '--data-dir',
      data,
    ]);
    expect(pub.code).toBe(0);
    const p = JSON.parse(pub.stdout);
    expect(p.files).toContain('feed.xml');
    expect(p.feed).toBe('https://example.org/feed.xml');

    const rows = JSON.parse(
      (await folio(['sql', `SELECT id FROM entries WHERE title = 'Standup'`, '--json', '--data-dir', data])).stdout,
    ) as { id: string }[];
    const dir = tmp('folio-cli-entry-');
    const html = JSON.parse(
      (await folio(['export-entry', rows[0]!.id, '--format', 'html', '--out', dir, '--json', '--data-dir', data])).stdout,
    );
    expect(html.file).toBe(path.join(dir, 'Standup.html'));
    expect(fs.readFileSync(html.file, 'utf8')).toContain('<h1>Standup</h1>');
    const pdf = await folio([
      'export-entry',
      rows[0]!.id,
      '--format',
      'pdf',
      '--out',
      path.join(dir, 'x.pdf'),
      '--data-dir',
      data,
    ]);
    expect(pdf.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'x.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await folio(['export-entry', rows[0]!.id, '--format', 'docx', '--data-dir', data]);
    expect(bad.code).toBe(2);
  });
});
