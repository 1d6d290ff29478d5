import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makePaperPdf, notAPdf } from '@folio/core/testing';
import { runCli } from '../main';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-papers-'));
  dirs.push(d);
  return d;
}

async function folio(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`) });
  return { code, stdout, stderr };
}

describe('folio papers', () => {
  it('add --json reports one object per file (added, duplicate, error) and exits 1 when one failed; list, bibtex and status work on the result', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const a = path.join(dir, 'attention.pdf');
    const b = path.join(dir, 'adam.pdf');
    const bad = path.join(dir, 'slides.pdf');
    fs.writeFileSync(
      a,
      (
        await makePaperPdf({
          title: 'Attention Is All You Need',
          authors: ['Ashish Vaswani', 'Noam Shazeer'],
          arxiv: { id: '1706.03762', version: 5, category: 'cs.CL', date: '6 Dec 2017' },
          pages: 4,
          seed: 3,
        })
      ).bytes,
    );
    fs.writeFileSync(
      b,
      (
        await makePaperPdf({
          title: 'Adam: A Method for Stochastic Optimization',
          authors: ['Diederik P. Kingma', 'Jimmy Ba'],
          doi: '10.5555/adam.2015',
          pages: 3,
          seed: 4,
        })
      ).bytes,
    );
    fs.writeFileSync(bad, notAPdf('zip'));

    const r = await folio(['papers', 'add', a, b, bad, a, '--json', '--data-dir', data]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      file: a,
      id: expect.any(String),
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      year: 2017,
      arxiv: '1706.03762',
      doi: null,
      pages: 4,
      duplicate: false,
    });
    expect(out[1]).toMatchObject({
      file: b,
      title: 'Adam: A Method for Stochastic Optimization',
      doi: '10.5555/adam.2015',
      pages: 3,
      duplicate: false,
    });
    expect(out[2]).toEqual({
      file: bad,
      error: { code: 'invalid_file', message: expect.stringContaining('"slides.pdf" is not a PDF') },
    });
    expect(out[3]).toMatchObject({ file: a, id: out[0]!.id, duplicate: true });

    const list = await folio(['papers', 'list', '--json', '--data-dir', data]);
    expect(list.code).toBe(0);
    const items = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(items.map((p) => p.title).sort()).toEqual(['Adam: A Method for Stochastic Optimization', 'Attention Is All You Need']);
    expect(Object.keys(items[0]!).sort()).toEqual(
      [
        'addedAt',
        'arxiv',
        'authors',
        'doi',
        'hasPdf',
        'id',
        'lastOpenedAt',
        'pages',
        'progress',
        'status',
        'tags',
        'title',
        'venue',
        'year',
      ].sort(),
    );
    expect(items[0]).toMatchObject({ status: 'queued', hasPdf: true, progress: 0 });

    // The full text was extracted before `add` returned.
    const pages = await folio(['sql', 'SELECT count(*) AS n FROM paper_pages', '--json', '--data-dir', data]);
    expect(JSON.parse(pages.stdout)).toEqual([{ n: 7 }]);

    const bib = await folio(['papers', 'bibtex', String(out[0]!.id), '--data-dir', data]);
    expect(bib.code).toBe(0);
    expect(bib.stdout).toMatch(/^@article\{vaswani2017attention,|^@misc\{vaswani2017attention,/);
    expect(bib.stdout).toContain('eprint        = {1706.03762}');
    const all = await folio(['papers', 'bibtex', '--data-dir', data]);
    expect(all.stdout.match(/^@/gm)).toHaveLength(2);

    const st = await folio(['papers', 'status', String(out[1]!.id), 'read', '--json', '--data-dir', data]);
    expect(st.code).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ id: out[1]!.id, status: 'read', progress: 1 });
    const bogus = await folio(['papers', 'status', String(out[1]!.id), 'finished', '--data-dir', data]);
    expect(bogus.code).toBe(2);
    const missing = await folio(['papers', 'bibtex', 'nope', '--data-dir', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No paper with id nope/);

    const bibFile = path.join(dir, 'refs.bib');
    fs.writeFileSync(
      bibFile,
      '@book{knuth1984literate, title = {Literate {P}rogramming}, author = {Knuth, Donald E.}, year = {1984}, publisher = {Addison-Wesley}}\n',
    );
    const imp = await folio(['papers', 'import-bibtex', bibFile, '--json', '--data-dir', data]);
    expect(JSON.parse(imp.stdout)).toMatchObject({
      created: 1,
      merged: 0,
      items: [{ key: 'knuth1984literate', action: 'created', title: 'Literate Programming' }],
    });
  }, 60_000);

  it('prints usage for an unknown subcommand', async () => {
    const r = await folio(['papers', 'frobnicate', '--data-dir', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('papers add FILE...');
  });
});
