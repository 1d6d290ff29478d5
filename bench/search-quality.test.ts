import { describe, expect, it } from 'vitest';
import {
  createFtsRanker,
  evaluate,
  loadCorpus,
  loadQueries,
  reciprocalRankFusion,
  wordOverlap,
  type QualityQuery,
} from './search-quality';

describe('search-quality data', () => {
  const docs = loadCorpus();
  const queries = loadQueries();

  it('has a corpus of 200-400 well-formed documents', () => {
    expect(docs.length).toBeGreaterThanOrEqual(200);
    expect(docs.length).toBeLessThanOrEqual(400);
    expect(new Set(docs.map((d) => d.id)).size).toBe(docs.length);
    for (const d of docs) {
      expect(['entry', 'paper', 'annotation']).toContain(d.kind);
      expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.title.length).toBeGreaterThan(0);
      expect(d.text.length).toBeGreaterThan(20);
    }
  });

  it('has at least 60 labelled queries, about a third exact, pointing at real documents', () => {
    const ids = new Set(docs.map((d) => d.id));
    expect(queries.length).toBeGreaterThanOrEqual(60);
    const exact = queries.filter((q) => q.type === 'exact').length;
    expect(exact / queries.length).toBeGreaterThan(0.28);
    expect(exact / queries.length).toBeLessThan(0.4);
    for (const q of queries) {
      expect(q.relevant.length).toBeGreaterThan(0);
      for (const r of q.relevant) expect(ids.has(r)).toBe(true);
    }
  });

  it('paraphrases share few words with their targets, exact queries most', () => {
    const o = wordOverlap(queries, docs);
    expect(o.paraphrase.exact).toBeLessThan(0.2);
    expect(o.exact.exact).toBeGreaterThan(0.9);
  });
});

describe('evaluate', () => {
  const qs: QualityQuery[] = [
    { id: 'a', query: 'one', type: 'exact', relevant: ['d1'] },
    { id: 'b', query: 'two', type: 'paraphrase', relevant: ['d2', 'd3'] },
  ];

  it('computes recall@10 and MRR per type', async () => {
    const lists: Record<string, string[]> = {
      one: ['d1'],
      two: ['x1', 'x2', 'd2', ...Array.from({ length: 10 }, (_, i) => `y${i}`), 'd3'],
    };
    const r = await evaluate(async (q) => lists[q]!, qs);
    expect(r.exact).toEqual({ queries: 1, recallAt10: 1, mrr: 1 });
    expect(r.paraphrase.recallAt10).toBe(0.5);
    expect(r.paraphrase.mrr).toBeCloseTo(1 / 3, 10);
    expect(r.all.recallAt10).toBe(0.75);
  });

  it('fuses rankings with RRF (k = 60)', () => {
    expect(
      reciprocalRankFusion([
        ['a', 'b', 'c'],
        ['c', 'a'],
      ]),
    ).toEqual(['a', 'c', 'b']);
  });

  it('runs the FTS5 stand-in', async () => {
    const fts = createFtsRanker(loadCorpus());
    try {
      expect((await fts.rank('sourdough starter')).slice(0, 3)).toContain('e091');
      expect(await fts.rank('!!!')).toEqual([]);
    } finally {
      fts.close();
    }
  });
});
