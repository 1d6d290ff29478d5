/**
 * Search quality benchmark: a hand-written corpus that looks like Folio users' notes
 * (bench/data/search-quality/corpus.jsonl) and labelled queries (queries.jsonl), a third exact-word,
 * the rest paraphrases sharing few words with their targets.
 *
 *   evaluate(rank)  -> recall@10 and MRR overall and by query type, for any ranker
 *   run()           -> prototype comparison of fts (SQLite FTS5 bm25), vector (Folio embedder,
 *                      brute-force cosine) and hybrid (reciprocal rank fusion, k = 60)
 *
 * `npx tsx bench/search-quality.ts` prints the table. The rankers here are prototypes (a plain FTS5
 * table, brute-force cosine); search-quality.bench.ts runs evaluate() against Folio's real search
 * service (`search:query` in fts, vector and hybrid mode).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const QUALITY_DATA_DIR = path.join(here, 'data', 'search-quality');

export interface QualityDoc {
  id: string;
  kind: 'entry' | 'paper' | 'annotation';
  date: string;
  title: string;
  text: string;
}

export type QueryType = 'exact' | 'paraphrase';

export interface QualityQuery {
  id: string;
  query: string;
  type: QueryType;
  relevant: string[];
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function loadCorpus(dir = QUALITY_DATA_DIR): QualityDoc[] {
  return readJsonl<QualityDoc>(path.join(dir, 'corpus.jsonl'));
}

export function loadQueries(dir = QUALITY_DATA_DIR): QualityQuery[] {
  return readJsonl<QualityQuery>(path.join(dir, 'queries.jsonl'));
}

/** Text a ranker indexes for a document. */
export function docText(d: QualityDoc): string {
  return `${d.title}\n${d.text}`;
}

export interface QualityFigures {
  queries: number;
  recallAt10: number;
  mrr: number;
}

export interface QualityReport {
  all: QualityFigures;
  exact: QualityFigures;
  paraphrase: QualityFigures;
  perQuery: { id: string; type: QueryType; recallAt10: number; firstRelevantRank: number | null }[];
}

function summarise(rows: QualityReport['perQuery']): QualityFigures {
  const n = rows.length;
  const recall = rows.reduce((s, r) => s + r.recallAt10, 0);
  const rr = rows.reduce((s, r) => s + (r.firstRelevantRank ? 1 / r.firstRelevantRank : 0), 0);
  return { queries: n, recallAt10: n ? recall / n : 0, mrr: n ? rr / n : 0 };
}

/**
 * Score a ranker: `rank(query)` returns document ids best first (any length; recall uses the top 10,
 * MRR the first relevant id anywhere in the list).
 */
export async function evaluate(
  rank: (query: string) => Promise<string[]>,
  queries: QualityQuery[] = loadQueries(),
): Promise<QualityReport> {
  const perQuery: QualityReport['perQuery'] = [];
  for (const q of queries) {
    const ids = await rank(q.query);
    const rel = new Set(q.relevant);
    const top = ids.slice(0, 10);
    const hit = top.filter((id) => rel.has(id)).length;
    const first = ids.findIndex((id) => rel.has(id));
    perQuery.push({
      id: q.id,
      type: q.type,
      recallAt10: hit / rel.size,
      firstRelevantRank: first >= 0 ? first + 1 : null,
    });
  }
  return {
    all: summarise(perQuery),
    exact: summarise(perQuery.filter((r) => r.type === 'exact')),
    paraphrase: summarise(perQuery.filter((r) => r.type === 'paraphrase')),
    perQuery,
  };
}

// ------------------------------------------------------------------ rankers

/** Plain FTS5 (porter unicode61) with bm25, query terms OR-ed so long natural queries still match. */
export function createFtsRanker(docs: QualityDoc[], limit = 100) {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='porter unicode61')`);
  const insert = db.prepare('INSERT INTO docs (id, title, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const d of docs) insert.run(d.id, d.title, d.text);
  })();
  const search = db.prepare('SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?');
  return {
    rank: async (query: string): Promise<string[]> => {
      const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (terms.length === 0) return [];
      const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
      return (search.all(match, limit) as { id: string }[]).map((r) => r.id);
    },
    close: (): void => {
      db.close();
    },
  };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Brute-force cosine over L2-normalised document vectors. */
export async function createVectorRanker(docs: QualityDoc[], embed: (texts: string[]) => Promise<Float32Array[]>, limit = 100) {
  const vectors = await embed(docs.map(docText));
  return async (query: string): Promise<string[]> => {
    const [q] = await embed([query]);
    if (!q) return [];
    return docs
      .map((d, i) => ({ id: d.id, score: dot(q, vectors[i]!) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((r) => r.id);
  };
}

/** Reciprocal rank fusion: score(d) = sum over lists of 1 / (k + rank). */
export function reciprocalRankFusion(lists: string[][], k = 60): string[] {
  const score = new Map<string, number>();
  for (const list of lists) {
    list.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (k + i + 1)));
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

export function hybridRanker(
  rankers: ((query: string) => Promise<string[]>)[],
  k = 60,
  depth = 20,
): (query: string) => Promise<string[]> {
  return async (query) => {
    const lists = await Promise.all(rankers.map((r) => r(query)));
    return reciprocalRankFusion(
      lists.map((l) => l.slice(0, depth)),
      k,
    );
  };
}

// ------------------------------------------------------------------ corpus statistics

const STOP = new Set(
  'a an the and or but of to in on at for with by from as is are was were be been being it its this that these those i me my we our you your he she they them his her their not no do does did so than then too very can could would should will just into out up down over under about after before again all any both each few more most other some such only own same also how what which who whom when where why there here if because while until am has have had having s t don nor off once'.split(
    ' ',
  ),
);

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w));
}

/** Crude suffix stripping, enough to count "bones"/"bone" or "saved"/"saves" as shared. */
function stem(w: string): string {
  return w.replace(/(ing|ed|es|s|ly)$/, '') || w;
}

/**
 * Mean share of a query's content words (stopwords removed) that also occur in its best-matching
 * relevant document, by query type: exact and stemmed.
 */
export function wordOverlap(
  queries: QualityQuery[] = loadQueries(),
  docs: QualityDoc[] = loadCorpus(),
): Record<QueryType, { exact: number; stemmed: number }> {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const out = {} as Record<QueryType, { exact: number; stemmed: number }>;
  for (const type of ['exact', 'paraphrase'] as const) {
    const qs = queries.filter((q) => q.type === type);
    let ex = 0;
    let st = 0;
    for (const q of qs) {
      const words = contentWords(q.query);
      let bestEx = 0;
      let bestSt = 0;
      for (const id of q.relevant) {
        const dw = contentWords(docText(byId.get(id)!));
        const set = new Set(dw);
        const stems = new Set(dw.map(stem));
        const n = Math.max(words.length, 1);
        bestEx = Math.max(bestEx, words.filter((w) => set.has(w)).length / n);
        bestSt = Math.max(bestSt, words.filter((w) => stems.has(stem(w))).length / n);
      }
      ex += bestEx;
      st += bestSt;
    }
    out[type] = { exact: qs.length ? ex / qs.length : 0, stemmed: qs.length ? st / qs.length : 0 };
  }
  return out;
}

// ------------------------------------------------------------------ prototype runner

const repoRoot = path.resolve(here, '..');

export interface QualityRunResult {
  fts: QualityReport;
  vector: QualityReport;
  hybrid: QualityReport;
}

/** fts vs vector vs hybrid with a given embedding function. */
export async function compareRankers(embed: (texts: string[]) => Promise<Float32Array[]>): Promise<QualityRunResult> {
  const docs = loadCorpus();
  const queries = loadQueries();
  const fts = createFtsRanker(docs);
  try {
    const vector = await createVectorRanker(docs, embed);
    const hybrid = hybridRanker([fts.rank, vector]);
    return {
      fts: await evaluate(fts.rank, queries),
      vector: await evaluate(vector, queries),
      hybrid: await evaluate(hybrid, queries),
    };
  } finally {
    fts.close();
  }
}

const pct = (x: number) => (100 * x).toFixed(1);

export function formatQualityTable(r: QualityRunResult): string {
  const lines = ['ranker   | R@10 exact | R@10 para | R@10 all | MRR exact | MRR para | MRR all', '-'.repeat(78)];
  for (const [name, rep] of Object.entries(r)) {
    lines.push(
      `${name.padEnd(8)} | ${pct(rep.exact.recallAt10).padStart(10)} | ${pct(rep.paraphrase.recallAt10).padStart(9)} | ${pct(rep.all.recallAt10).padStart(8)} | ${rep.exact.mrr.toFixed(3).padStart(9)} | ${rep.paraphrase.mrr.toFixed(3).padStart(8)} | ${rep.all.mrr.toFixed(3).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

/** Bench entry point: figures with the built embedder (resources/models). */
export async function run(): Promise<Record<string, number | string>> {
  const { loadEmbedder } = await import('@folio/ml');
  const embedder = await loadEmbedder({ modelDir: path.join(repoRoot, 'resources', 'models') });
  try {
    const r = await compareRankers((texts) => embedder.embed(texts));
    const overlap = wordOverlap();
    console.log(formatQualityTable(r));
    console.log(
      `docs ${loadCorpus().length}, queries ${loadQueries().length}; paraphrase word overlap ${pct(overlap.paraphrase.exact)}% (stemmed ${pct(overlap.paraphrase.stemmed)}%), exact ${pct(overlap.exact.exact)}%`,
    );
    const out: Record<string, number | string> = {};
    for (const [name, rep] of Object.entries(r)) {
      for (const type of ['exact', 'paraphrase', 'all'] as const) {
        out[`${name}.${type}.recall@10`] = Number(rep[type].recallAt10.toFixed(4));
        out[`${name}.${type}.mrr`] = Number(rep[type].mrr.toFixed(4));
      }
    }
    out['paraphrase.wordOverlap'] = Number(overlap.paraphrase.exact.toFixed(4));
    out['hybridMinusFts.paraphrase.recall@10.points'] = Number(
      (100 * (r.hybrid.paraphrase.recallAt10 - r.fts.paraphrase.recallAt10)).toFixed(1),
    );
    out['embedder.version'] = embedder.info.version;
    return out;
  } finally {
    await embedder.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
