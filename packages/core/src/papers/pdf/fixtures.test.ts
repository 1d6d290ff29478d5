import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractAllText, inspectPdf, type PdfInspection } from './index';

/**
 * Metadata on real published papers (shared/fixtures/papers, never committed). Floors are what the
 * heuristics reach today on these ten; the bench prints the per-file detail.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const dir = path.resolve(repoRoot, '../shared/fixtures/papers');
const available = existsSync(path.join(dir, 'TRUTH.tsv'));
if (!available) console.warn(`papers fixtures test skipped: ${dir} not found`);

interface Truth {
  file: string;
  title: string;
  authors: string[];
  arxivId: string;
  year: number;
  pages: number;
}

function readTruth(): Truth[] {
  const [header, ...rows] = readFileSync(path.join(dir, 'TRUTH.tsv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = header!.split('\t');
  return rows.map((row) => {
    const f = row.split('\t');
    const get = (name: string) => f[cols.indexOf(name)] ?? '';
    return {
      file: get('file'),
      title: get('title'),
      authors: get('authors')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
      arxivId: get('arxiv_id').trim(),
      year: Number(get('year')),
      pages: Number(get('pages')),
    };
  });
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  (b ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

interface Score {
  title: number;
  firstAuthor: number;
  allAuthors: number;
  arxivId: number;
  arxivFalsePositives: number;
  year: number;
  pages: number;
}

function score(truth: Truth[], results: PdfInspection[]): Score {
  const s: Score = { title: 0, firstAuthor: 0, allAuthors: 0, arxivId: 0, arxivFalsePositives: 0, year: 0, pages: 0 };
  truth.forEach((t, i) => {
    const r = results[i]!;
    const m = r.metadata;
    if (same(m.title, t.title)) s.title++;
    if (same(m.authors[0], t.authors[0])) s.firstAuthor++;
    if (m.authors.length === t.authors.length && m.authors.every((a, k) => same(a, t.authors[k]))) s.allAuthors++;
    if ((m.arxivId ?? '') === t.arxivId) s.arxivId++;
    if (!t.arxivId && m.arxivId) s.arxivFalsePositives++;
    if (m.year === t.year) s.year++;
    if (r.pageCount === t.pages) s.pages++;
  });
  return s;
}

describe.skipIf(!available)('metadata on real papers (shared fixtures)', () => {
  let truth: Truth[] = [];
  const withFields: PdfInspection[] = [];
  const layoutOnly: PdfInspection[] = [];

  beforeAll(async () => {
    truth = readTruth();
    for (const t of truth) {
      const bytes = new Uint8Array(readFileSync(path.join(dir, t.file)));
      withFields.push(await inspectPdf(bytes, { fileName: t.file }));
      layoutOnly.push(await inspectPdf(bytes, { fileName: t.file, useEmbeddedMetadata: false }));
    }
  }, 120_000);

  it('reaches the measured floor using the PDFs’ own fields where the page confirms them', () => {
    const s = score(truth, withFields);
    expect(truth).toHaveLength(10);
    expect(s).toEqual({ title: 10, firstAuthor: 10, allAuthors: 10, arxivId: 10, arxivFalsePositives: 0, year: 10, pages: 10 });
  });

  it('reaches the measured floor from the page layout alone', () => {
    const s = score(truth, layoutOnly);
    expect(s.title).toBeGreaterThanOrEqual(10);
    expect(s.firstAuthor).toBeGreaterThanOrEqual(10);
    expect(s.allAuthors).toBeGreaterThanOrEqual(10);
    expect(s.arxivId).toBe(10);
    expect(s.arxivFalsePositives).toBe(0);
    expect(s.year).toBeGreaterThanOrEqual(10);
  });

  it('repairs broken ligatures and accents in the extracted full text', async () => {
    const dropout = new Uint8Array(readFileSync(path.join(dir, 'dropout-jmlr.pdf')));
    const [first] = await extractAllText(dropout, { fileName: 'dropout-jmlr.pdf', toPage: 0 });
    expect(first!.text).toContain('Geoffrey Hinton');
    expect(first!.text).toMatch(/difficult/);
    expect(first!.text).not.toContain('\u21b5');
    const pixel = new Uint8Array(readFileSync(path.join(dir, 'pixel-recurrent-neural-networks.pdf')));
    const [p1] = await extractAllText(pixel, { fileName: 'pixel.pdf', toPage: 0 });
    expect(p1!.text).toContain('Aäron van den Oord');
  });
});
