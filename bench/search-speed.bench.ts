/**
 * Semantic search speed (issue 6) with the real embedder (resources/models):
 *   - model load time and resident memory, in a fresh process (search-model-memory.ts);
 *   - embedding throughput, paragraphs a second, with 2 worker threads, in the indexer's batches;
 *   - index build time for the generated ~6,200-entry notebook (search-corpus.ts): every passage embedded
 *     by the background indexer, `search:wait-index` from start to end;
 *   - query latency p50/p95 over 100k passages (more generated English entries until there are), vector
 *     and hybrid `search:query`, including embedding the query.
 *
 *   npm run bench -- search-speed      (or: npx tsx bench/search-speed.bench.ts)
 *
 * Targets: at least 2,000 paragraphs a second on 2 cores, query p95 under 30 ms over 100k chunks, model
 * resident memory under 100 MB.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEmbedderWorker } from '@folio/ml';
import { createEntry } from '../packages/core/src/journal';
import { BENCH_QUERIES, generateNotebook } from './search-corpus';
import { modelsDir, openBenchCore, repoRoot } from './search-service';
import { ms, summarize } from './stats';

type Figures = Record<string, number | string>;

function modelMemory(): { loadMs: number; rssLoadedMiB: number; modelMiB: number; rssBaseMiB: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench', 'search-model-memory.ts'), modelsDir],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as never;
}

async function throughput(paragraphs: string[]): Promise<{ perSecond: number; loadMs: number }> {
  const t0 = performance.now();
  const e = await createEmbedderWorker({ modelDir: modelsDir, workers: 2 });
  const loadMs = performance.now() - t0;
  try {
    await e.embed(paragraphs.slice(0, 256)); // warm-up
    const t1 = performance.now();
    // Two batches in flight, as many as there are workers.
    const batches: string[][] = [];
    for (let i = 0; i < paragraphs.length; i += 128) batches.push(paragraphs.slice(i, i + 128));
    await Promise.all(
      [0, 1].map(async (w) => {
        for (let i = w; i < batches.length; i += 2) await e.embed(batches[i]!);
      }),
    );
    return { perSecond: paragraphs.length / ((performance.now() - t1) / 1000), loadMs };
  } finally {
    await e.dispose();
  }
}

export async function run(): Promise<Figures> {
  const figures: Figures = {};
  const mem = modelMemory();
  figures['model load, ms (in-thread, fresh process)'] = mem.loadMs;
  figures['model resident memory, MiB (RSS growth: load + 2,000 texts)'] = mem.modelMiB;
  figures['process RSS with the model, MiB'] = mem.rssLoadedMiB;

  const notebook = generateNotebook();
  const paragraphs = notebook
    .flatMap((e) => e.body.split('\n\n'))
    .filter((p) => /[a-z]/.test(p) && !p.startsWith('#'))
    .slice(0, 12_000);
  const tp = await throughput(paragraphs);
  figures['embedding throughput, paragraphs/s (2 workers)'] = Math.round(tp.perSecond);
  figures['embedder start (2 worker threads), ms'] = Math.round(tp.loadMs);
  figures['paragraph length, words (mean)'] = Math.round(
    paragraphs.reduce((s, p) => s + p.split(/\s+/).length, 0) / paragraphs.length,
  );

  const b = await openBenchCore({ workers: 2 });
  try {
    const ctx = b.core.context;
    for (const e of notebook) createEntry(ctx, { kind: e.kind, date: e.date, title: e.title, body: e.body, templateId: null });
    const t0 = performance.now();
    const built = await b.call('search:wait-index', {});
    const buildMs = performance.now() - t0;
    figures['entries'] = notebook.length;
    figures['index build for the notebook, s (all passages)'] = +(buildMs / 1000).toFixed(1);
    figures['passages in the notebook'] = built.chunks.total;
    figures['passages with a vector'] = built.chunks.total - built.chunks.empty;
    figures['passages embedded per second (indexer, end to end)'] = Math.round(built.chunks.total / (buildMs / 1000));

    // Grow to 100k passages with vectors: more English entries (other seeds), indexed in the background.
    let seed = 100;
    let withVectors = built.chunks.total - built.chunks.empty;
    while (withVectors < 100_000) {
      for (const e of generateNotebook({ seed: seed++, chineseShare: 0, years: 3 })) {
        createEntry(ctx, { kind: 'note', date: e.date, title: e.title, body: e.body, templateId: null });
      }
      const s = await b.call('search:wait-index', {});
      withVectors = s.chunks.total - s.chunks.empty;
    }
    figures['passages with a vector (query test)'] = withVectors;

    const english = BENCH_QUERIES.slice(0, 10).concat([
      'how did the profiling go',
      'notes about reading papers on retrieval',
      'what slowed the training down',
      'tired after a long week',
      'ideas for the next experiment',
    ]);
    for (const mode of ['vector', 'hybrid'] as const) {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let round = 0; round < 6; round++) {
        for (const q of english) {
          const c0 = process.cpuUsage();
          const s0 = performance.now();
          const r = await b.call('search:query', { q, mode, limit: 20 });
          const took = performance.now() - s0;
          const c = process.cpuUsage(c0);
          if (r.mode !== mode) throw new Error(`${q}: answered ${r.mode} (${r.note ?? ''})`);
          if (round === 0) continue;
          wall.push(took);
          cpu.push((c.user + c.system) / 1000);
        }
      }
      const w = summarize(wall);
      const c = summarize(cpu);
      figures[`${mode} query p50, ms (100k passages)`] = ms(w.p50);
      figures[`${mode} query p95, ms (100k passages)`] = ms(w.p95);
      figures[`${mode} query CPU p95, ms (backend thread; query embedding runs in a worker)`] = ms(c.p95);
    }
    figures['machine load average (1 min)'] = +os.loadavg()[0]!.toFixed(1);
    figures['cores'] = os.availableParallelism?.() ?? os.cpus().length;
    return figures;
  } finally {
    await b.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(72)} ${v}`);
}
