/**
 * Metadata extraction on generated papers of varied layouts (1/2 columns, line/grid/stacked
 * bylines, optional arXiv stamp, banner, cited arXiv ids): accuracy and time per paper.
 *
 *   npx tsx bench/papers-metadata-generated.bench.ts [count]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectPdf } from '../packages/core/src/papers/pdf';
import { makePaperPdf, randomPaperSpec, seededRandom } from '../packages/core/src/papers/testing';

export interface GeneratedFigures {
  [key: string]: number;
  papers: number;
  title: number;
  authors: number;
  arxivId: number;
  arxivFalsePositives: number;
  msGeneratePerPaper: number;
  msInspectPerPaper: number;
  megabytes: number;
}

export async function run(count = 200, log: (line: string) => void = console.log): Promise<GeneratedFigures> {
  let title = 0;
  let authors = 0;
  let arxiv = 0;
  let falsePositives = 0;
  let genMs = 0;
  let inspectMs = 0;
  let bytes = 0;
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const rand = seededRandom(1000 + i);
    const spec = randomPaperSpec(1000 + i);
    const stamp = rand() < 0.5;
    const arxivId = `${String(15 + Math.floor(rand() * 9)).padStart(2, '0')}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}.${String(Math.floor(rand() * 99999)).padStart(5, '0')}`;
    const layouts = ['line', 'grid', 'stacked'] as const;
    const t0 = performance.now();
    const paper = await makePaperPdf({
      ...spec,
      seed: 1000 + i,
      pages: 2 + Math.floor(rand() * 12),
      columns: rand() < 0.5 ? 1 : 2,
      authorLayout: layouts[Math.floor(rand() * 3)],
      banner: rand() < 0.3 ? 'Published as a conference paper at FOLIOCONF 2022' : undefined,
      arxiv: stamp ? { id: arxivId, version: 1 + Math.floor(rand() * 4) } : undefined,
      references: rand() < 0.5 ? ['[1] A. Person. Cited work. arXiv:1706.03762, 2017.'] : undefined,
    });
    const t1 = performance.now();
    const info = await inspectPdf(paper.bytes, { fileName: `generated-${i}.pdf` });
    const t2 = performance.now();
    genMs += t1 - t0;
    inspectMs += t2 - t1;
    bytes += paper.bytes.length;
    const m = info.metadata;
    const okTitle = m.title === paper.title;
    const okAuthors = JSON.stringify(m.authors) === JSON.stringify(paper.authors);
    const okArxiv = (m.arxivId ?? '') === (stamp ? arxivId : '');
    if (okTitle) title++;
    if (okAuthors) authors++;
    if (okArxiv) arxiv++;
    if (!stamp && m.arxivId) falsePositives++;
    if (!okTitle || !okAuthors || !okArxiv)
      failures.push(
        `#${i}: ${JSON.stringify({ title: m.title, authors: m.authors, arxiv: m.arxivId })} want ${JSON.stringify({ title: paper.title, authors: paper.authors, arxiv: stamp ? arxivId : null })}`,
      );
  }
  for (const f of failures.slice(0, 10)) log(`  miss ${f}`);
  const figures: GeneratedFigures = {
    papers: count,
    title,
    authors,
    arxivId: arxiv,
    arxivFalsePositives: falsePositives,
    msGeneratePerPaper: genMs / count,
    msInspectPerPaper: inspectMs / count,
    megabytes: bytes / 1024 / 1024,
  };
  log(
    `papers-metadata-generated: ${count} papers (${figures.megabytes.toFixed(1)} MB): title ${title}/${count}, authors ${authors}/${count}, ` +
      `arXiv ${arxiv}/${count} (${falsePositives} false positives); generate ${figures.msGeneratePerPaper.toFixed(0)} ms/paper, ` +
      `inspect ${figures.msInspectPerPaper.toFixed(0)} ms/paper`,
  );
  return figures;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run(Number(process.argv[2] ?? 200));
}
