/**
 * Keyword search at scale (issue 3): ~6,200 generated entries (ten years of daily notes plus five posts a
 * week, ~3M words, one paragraph in three Chinese; see search-corpus.ts) created through the journal
 * service, so the FTS index is written the way the app writes it (synchronously, per save). Then
 * `search:query` in fts mode for 20 queries in both languages, each asked 10 times: p50/p95 of the whole
 * call (ranking, filters, snippets), with and without a filter, and the index check on an unchanged index.
 *
 *   npm run bench -- search.bench      (or: npx tsx bench/search.bench.ts)
 *
 * Target: search p95 under 15 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEntry } from '../packages/core/src/journal';
import { BENCH_QUERIES, generateNotebook } from './search-corpus';
import { openBenchCore } from './search-service';
import { ms, summarize } from './stats';

type Figures = Record<string, number | string>;

export async function run(): Promise<Figures> {
  const b = await openBenchCore({ embed: false });
  try {
    const entries = generateNotebook();
    const words = entries.reduce((s, e) => s + e.words, 0);
    const ctx = b.core.context;
    const t0 = performance.now();
    for (const e of entries)
      createEntry(ctx, {
        kind: e.kind,
        date: e.date,
        title: e.title,
        body: e.body,
        templateId: null,
        isPublic: e.kind === 'post',
      });
    const createMs = performance.now() - t0;
    const db = ctx.store.sqlite;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const dbBytes = fs.statSync(path.join(b.dataDir, 'folio.db')).size;
    const ftsPages =
      (db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_fts%'`).get() as { n: number | null }).n ?? 0;

    const hits: Record<string, number> = {};
    // Wall time of each call, and the CPU time this process spent on it (less sensitive to a busy machine).
    const time = async (queries: readonly string[], payload: Record<string, unknown>) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let round = 0; round < 11; round++) {
        for (const q of queries) {
          const c0 = process.cpuUsage();
          const s0 = performance.now();
          const r = await b.call('search:query', { q, mode: 'fts', limit: 20, ...payload });
          const took = performance.now() - s0;
          const c = process.cpuUsage(c0);
          if (round === 0) {
            if (Object.keys(payload).length === 0) hits[q] = r.total; // round 0 warms the statement cache
            continue;
          }
          wall.push(took);
          cpu.push((c.user + c.system) / 1000);
        }
      }
      return { wall: summarize(wall), cpu: summarize(cpu) };
    };
    const load = os.loadavg()[0]!;
    const plain = await time(BENCH_QUERIES, {});
    const enOnly = await time(BENCH_QUERIES.slice(0, 10), {});
    const zhOnly = await time(BENCH_QUERIES.slice(10), {});
    const filtered = await time(BENCH_QUERIES, { from: '2019-01-01', to: '2021-12-31', entryKinds: ['post'] });
    const c0 = performance.now();
    const check = await b.call('search:reindex', {});
    const checkMs = performance.now() - c0;
    console.log(
      '  hits per query:',
      Object.entries(hits)
        .map(([q, n]) => `${q}=${n}`)
        .join(', '),
    );
    return {
      entries: entries.length,
      words,
      'create entries incl. FTS indexing, ms per entry': ms(createMs / entries.length),
      'database size, MiB': +(dbBytes / 2 ** 20).toFixed(1),
      'FTS index size, MiB': +(ftsPages / 2 ** 20).toFixed(1),
      'search p50, ms (20 queries, en+zh)': ms(plain.wall.p50),
      'search p95, ms (20 queries, en+zh)': ms(plain.wall.p95),
      'search CPU p50, ms': ms(plain.cpu.p50),
      'search CPU p95, ms': ms(plain.cpu.p95),
      'search p95, ms (English queries)': ms(enOnly.wall.p95),
      'search p95, ms (Chinese queries)': ms(zhOnly.wall.p95),
      'search p50, ms (date + kind filter)': ms(filtered.wall.p50),
      'search p95, ms (date + kind filter)': ms(filtered.wall.p95),
      'machine load average (1 min) while timing': +load.toFixed(1),
      'index check (unchanged), ms': Math.round(checkMs),
      'index check rewrote': check.updated,
    };
  } finally {
    await b.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(48)} ${v}`);
}
