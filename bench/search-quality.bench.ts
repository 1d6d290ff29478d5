/**
 * Search quality through Folio's real search service: the corpus in bench/data/search-quality is
 * written into a fresh notebook the way users' items get there (entries through the journal, papers
 * as library items with their text, annotations as highlights on a PDF), the semantic index is built
 * with the real embedder, and every labelled query is asked through `search:query` in fts, vector and
 * hybrid mode. Recall@10 and MRR by query type (exact words / paraphrase), see search-quality.ts.
 *
 *   npm run bench -- search-quality      (or: npx tsx bench/search-quality.bench.ts)
 *
 * Targets (issue 6): hybrid at least 15 points of recall@10 above fts on paraphrases, and no worse than
 * fts on exact queries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SearchMode } from '@folio/core';
import { addItem, addPdfFile, createAnnotation, updatePaper, whenTextIdle } from '@folio/core/papers';
import { makePaperPdf } from '@folio/core/testing';
import { createEntry } from '../packages/core/src/journal';
import {
  evaluate,
  formatQualityTable,
  loadCorpus,
  loadQueries,
  type QualityReport,
  type QualityRunResult,
} from './search-quality';
import { openBenchCore, type BenchCore } from './search-service';

type Figures = Record<string, number | string>;

/** Writes the corpus into the notebook; returns `kind:refId` -> corpus id. */
async function load(b: BenchCore): Promise<Map<string, string>> {
  const ctx = b.core.context;
  const byRef = new Map<string, string>();
  const docs = loadCorpus();
  for (const d of docs) {
    if (d.kind === 'entry') {
      const e = createEntry(ctx, { kind: 'post', templateId: null, title: d.title, body: d.text, date: d.date, isPublic: false });
      byRef.set(`entry:${e.id}`, d.id);
    } else if (d.kind === 'paper') {
      const p = addItem(ctx, { kind: 'link', title: d.title, abstract: d.text });
      byRef.set(`paper:${p.id}`, d.id);
    }
  }
  // Annotations belong to a PDF: one host paper per paper named in the annotation titles ("PagedAttention:
  // block size"), its own generated page text removed so only the highlights speak for it.
  const hosts = new Map<string, string>();
  for (const d of docs.filter((x) => x.kind === 'annotation')) {
    const [name, label] = d.title.includes(':')
      ? [d.title.slice(0, d.title.indexOf(':')).trim(), d.title.slice(d.title.indexOf(':') + 1).trim()]
      : [d.title, ''];
    let paperId = hosts.get(name);
    if (!paperId) {
      const file = path.join(b.dataDir, `${hosts.size}.pdf`);
      fs.writeFileSync(file, (await makePaperPdf({ title: name, pages: 1, seed: hosts.size + 1 })).bytes);
      paperId = (await addPdfFile(ctx, file)).paper.id;
      await whenTextIdle(ctx);
      ctx.store.sqlite.prepare('DELETE FROM paper_pages WHERE paper_id = ?').run(paperId);
      updatePaper(ctx, { id: paperId, title: name, abstract: null });
      hosts.set(name, paperId);
    }
    const a = createAnnotation(ctx, paperId, {
      kind: 'highlight',
      page: 1,
      rects: [[72, 600, 300, 612]],
      text: d.text,
      comment: label,
      color: 'yellow',
    });
    byRef.set(`annotation:${a.id}`, d.id);
  }
  return byRef;
}

export async function run(): Promise<Figures> {
  const b = await openBenchCore({ workers: 2 });
  try {
    const byRef = await load(b);
    const status = await b.call('search:wait-index', {});
    const queries = loadQueries();
    const rank = (mode: SearchMode) => async (q: string) => {
      const r = await b.call('search:query', { q, mode, limit: 20 });
      if (r.mode !== mode) throw new Error(`asked for ${mode}, answered ${r.mode}: ${r.note ?? ''}`);
      return r.results.map((x) => byRef.get(`${x.kind}:${x.id}`)).filter((x): x is string => x !== undefined);
    };
    const result: QualityRunResult = {
      fts: await evaluate(rank('fts'), queries),
      vector: await evaluate(rank('vector'), queries),
      hybrid: await evaluate(rank('hybrid'), queries),
    };
    console.log(formatQualityTable(result));
    const out: Figures = {
      docs: byRef.size,
      queries: queries.length,
      'passages embedded': status.chunks.done,
    };
    for (const [name, rep] of Object.entries(result) as [string, QualityReport][]) {
      for (const type of ['exact', 'paraphrase', 'all'] as const) {
        out[`${name}.${type}.recall@10`] = Number(rep[type].recallAt10.toFixed(4));
        out[`${name}.${type}.mrr`] = Number(rep[type].mrr.toFixed(4));
      }
    }
    out['hybrid - fts, paraphrase recall@10, points'] = Number(
      (100 * (result.hybrid.paraphrase.recallAt10 - result.fts.paraphrase.recallAt10)).toFixed(1),
    );
    out['hybrid - fts, exact recall@10, points'] = Number(
      (100 * (result.hybrid.exact.recallAt10 - result.fts.exact.recallAt10)).toFixed(1),
    );
    out['embedder'] = status.embedder.version ?? '';
    return out;
  } finally {
    await b.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${v}`);
}
