/**
 * Metadata extraction on the real papers in shared/fixtures/papers (not in the repo): per-file
 * results against TRUTH.tsv, per-field accuracy, and extraction time per paper.
 *
 *   npx tsx bench/papers-metadata.bench.ts [fixturesDir]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAllText, inspectPdf, type PdfInspection } from '../packages/core/src/papers/pdf';

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultPapersFixtures = path.resolve(here, '..', '..', 'shared', 'fixtures', 'papers');

export interface TruthRow {
  file: string;
  title: string;
  authors: string[];
  arxivId: string;
  year: number | null;
  pages: number;
}

export function readTruth(dir: string): TruthRow[] {
  const lines = readFileSync(path.join(dir, 'TRUTH.tsv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines.shift()!.split('\t');
  const col = (name: string) => header.indexOf(name);
  return lines.map((line) => {
    const f = line.split('\t');
    return {
      file: f[col('file')]!,
      title: f[col('title')] ?? '',
      authors: (f[col('authors')] ?? '')
        .split(';')
        .map((a) => a.trim())
        .filter(Boolean),
      arxivId: (f[col('arxiv_id')] ?? '').trim(),
      year: f[col('year')] ? Number(f[col('year')]) : null,
      pages: Number(f[col('pages')] ?? 0),
    };
  });
}

/** As TRUTH.tsv says: case-insensitive, whitespace normalised. */
export const sameTitle = (a: string | null, b: string) =>
  (a ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  b.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const sameName = (a: string | undefined, b: string | undefined) =>
  (a ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase() ===
  (b ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

export interface FileResult {
  file: string;
  ms: number;
  title: boolean;
  firstAuthor: boolean;
  allAuthors: boolean;
  arxivId: boolean;
  year: boolean;
  pages: boolean;
  got: Pick<PdfInspection['metadata'], 'title' | 'authors' | 'arxivId' | 'year' | 'doi' | 'sources'> & { pages: number };
  error?: string;
}

export interface BenchFigures {
  files: number;
  accuracy: Record<'title' | 'firstAuthor' | 'allAuthors' | 'arxivId' | 'year' | 'pages', number>;
  arxivFalsePositives: number;
  msPerPaper: { mean: number; max: number };
  results: FileResult[];
}

export interface RunOptions {
  /** False: ignore the PDFs' Info/XMP fields and read everything from the page layout. */
  useEmbeddedMetadata?: boolean;
  log?: (line: string) => void;
}

export async function measure(dir = defaultPapersFixtures, opts: RunOptions = {}): Promise<BenchFigures | null> {
  const log = opts.log ?? console.log;
  if (!existsSync(path.join(dir, 'TRUTH.tsv'))) {
    log(`papers-metadata: skipped, no fixtures at ${dir}`);
    return null;
  }
  const truth = readTruth(dir).filter((t) => readdirSync(dir).includes(t.file));
  const results: FileResult[] = [];
  let arxivFalsePositives = 0;
  for (const t of truth) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, t.file)));
    const start = performance.now();
    try {
      const info = await inspectPdf(bytes, { fileName: t.file, useEmbeddedMetadata: opts.useEmbeddedMetadata ?? true });
      const ms = performance.now() - start;
      const m = info.metadata;
      if (!t.arxivId && m.arxivId) arxivFalsePositives++;
      results.push({
        file: t.file,
        ms,
        title: sameTitle(m.title, t.title),
        firstAuthor: sameName(m.authors[0], t.authors[0]),
        allAuthors: m.authors.length === t.authors.length && m.authors.every((a, i) => sameName(a, t.authors[i])),
        arxivId: (m.arxivId ?? '') === t.arxivId,
        year: m.year === t.year,
        pages: info.pageCount === t.pages,
        got: {
          title: m.title,
          authors: m.authors,
          arxivId: m.arxivId,
          year: m.year,
          doi: m.doi,
          sources: m.sources,
          pages: info.pageCount,
        },
      });
    } catch (err) {
      results.push({
        file: t.file,
        ms: performance.now() - start,
        title: false,
        firstAuthor: false,
        allAuthors: false,
        arxivId: false,
        year: false,
        pages: false,
        got: {
          title: null,
          authors: [],
          arxivId: null,
          year: null,
          doi: null,
          sources: { title: 'none', authors: 'none', year: 'none', arxivId: 'none', doi: 'none' },
          pages: 0,
        },
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const mark = (ok: boolean) => (ok ? 'ok ' : 'XX ');
  for (const [i, r] of results.entries()) {
    const t = truth[i]!;
    log(`${r.file}  (${r.ms.toFixed(0)} ms)${r.error ? '  ERROR ' + r.error : ''}`);
    log(
      `  ${mark(r.title)}title   ${JSON.stringify(r.got.title)} [${r.got.sources.title}]${r.title ? '' : '  want ' + JSON.stringify(t.title)}`,
    );
    log(
      `  ${mark(r.allAuthors)}authors ${JSON.stringify(r.got.authors)} [${r.got.sources.authors}]${r.allAuthors ? '' : '  want ' + JSON.stringify(t.authors)}`,
    );
    log(`  ${mark(r.arxivId)}arxiv   ${JSON.stringify(r.got.arxivId)}${r.arxivId ? '' : '  want ' + JSON.stringify(t.arxivId)}`);
    log(
      `  ${mark(r.year)}year    ${r.got.year} [${r.got.sources.year}]${r.year ? '' : '  want ' + t.year}   doi ${r.got.doi ?? '-'}`,
    );
  }
  const n = results.length;
  const rate = (key: keyof BenchFigures['accuracy']) => results.filter((r) => r[key]).length / Math.max(1, n);
  const times = results.map((r) => r.ms);
  const figures: BenchFigures = {
    files: n,
    accuracy: {
      title: rate('title'),
      firstAuthor: rate('firstAuthor'),
      allAuthors: rate('allAuthors'),
      arxivId: rate('arxivId'),
      year: rate('year'),
      pages: rate('pages'),
    },
    arxivFalsePositives,
    msPerPaper: { mean: times.reduce((a, b) => a + b, 0) / Math.max(1, n), max: Math.max(0, ...times) },
    results,
  };
  const pct = (x: number) => `${Math.round(x * n)}/${n}`;
  log('');
  const label = opts.useEmbeddedMetadata === false ? 'papers-metadata (layout only)' : 'papers-metadata';
  log(
    `${label}: title ${pct(figures.accuracy.title)}, first author ${pct(figures.accuracy.firstAuthor)}, ` +
      `all authors ${pct(figures.accuracy.allAuthors)}, arXiv id ${pct(figures.accuracy.arxivId)} ` +
      `(${arxivFalsePositives} false positives), year ${pct(figures.accuracy.year)}, pages ${pct(figures.accuracy.pages)}`,
  );
  log(`${label}: inspectPdf ${figures.msPerPaper.mean.toFixed(0)} ms/paper mean, ${figures.msPerPaper.max.toFixed(0)} ms max`);
  return figures;
}

export interface FullTextFigures {
  pages: number;
  chars: number;
  msPerPage: number;
  msPerPaper: { mean: number; max: number };
}

/** Full-text extraction (every page) of each fixture: what the indexing worker will spend. */
export async function measureFullText(
  dir = defaultPapersFixtures,
  log: (line: string) => void = console.log,
): Promise<FullTextFigures | null> {
  if (!existsSync(path.join(dir, 'TRUTH.tsv'))) return null;
  let pages = 0;
  let chars = 0;
  const times: number[] = [];
  for (const t of readTruth(dir)) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, t.file)));
    const start = performance.now();
    const text = await extractAllText(bytes, { fileName: t.file });
    times.push(performance.now() - start);
    pages += text.length;
    chars += text.reduce((n, p) => n + p.text.length, 0);
  }
  const total = times.reduce((a, b) => a + b, 0);
  const figures = {
    pages,
    chars,
    msPerPage: total / Math.max(1, pages),
    msPerPaper: { mean: total / Math.max(1, times.length), max: Math.max(0, ...times) },
  };
  log(
    `papers-fulltext: ${pages} pages, ${chars} chars, ${figures.msPerPage.toFixed(1)} ms/page, ` +
      `${figures.msPerPaper.mean.toFixed(0)} ms/paper mean, ${figures.msPerPaper.max.toFixed(0)} ms max`,
  );
  return figures;
}

type Figures = Record<string, number | string>;

/**
 * Both passes (PDF fields trusted when the page confirms them, and layout only) plus full-text
 * timing, as flat figures for bench/run.ts.
 */
export async function run(dir = defaultPapersFixtures, log: (line: string) => void = console.log): Promise<Figures> {
  const embedded = await measure(dir, { log });
  if (!embedded) return { skipped: `no fixtures at ${dir}` };
  log('');
  // The same papers with the PDFs' own title/author fields ignored: how the layout heuristics fare alone.
  const layoutOnly = (await measure(dir, { log, useEmbeddedMetadata: false }))!;
  log('');
  const fullText = (await measureFullText(dir, log))!;
  const count = (f: BenchFigures, key: keyof BenchFigures['accuracy']) => Math.round(f.accuracy[key] * f.files);
  const figures: Figures = { files: embedded.files };
  for (const key of ['title', 'firstAuthor', 'allAuthors', 'arxivId', 'year', 'pages'] as const)
    figures[key] = count(embedded, key);
  figures.arxivFalsePositives = embedded.arxivFalsePositives;
  for (const key of ['title', 'firstAuthor', 'allAuthors', 'arxivId', 'year'] as const)
    figures[`layoutOnly_${key}`] = count(layoutOnly, key);
  figures.layoutOnly_arxivFalsePositives = layoutOnly.arxivFalsePositives;
  figures.inspectMsMean = embedded.msPerPaper.mean;
  figures.inspectMsMax = embedded.msPerPaper.max;
  figures.fullTextPages = fullText.pages;
  figures.fullTextMsPerPage = fullText.msPerPage;
  figures.fullTextMsPerPaperMean = fullText.msPerPaper.mean;
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  await run(dir ? path.resolve(dir) : defaultPapersFixtures);
}
