/**
 * Embedder speed and memory: model load time, RSS after load (fresh child process), paragraph
 * throughput with one thread and with two worker threads, single-query latency.
 *
 *   npx tsx bench/ml-embed.bench.ts        (or `npm run bench -- ml-embed`)
 *
 * Builds the model first if resources/models does not hold it. Prints figures, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEmbedderWorker, loadEmbedder } from '../packages/ml/src/embed/index';
import { EmbedTokenizer } from '../packages/ml/src/embed/tokenizer';
import { ensureEmbedderModel } from '../packages/ml/src/embed/test-support';
import { loadCorpus, loadQueries } from './search-quality';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Paragraph-sized texts (~100 words) made from the quality corpus. */
function paragraphs(n: number): string[] {
  const docs = loadCorpus();
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const a = docs[i % docs.length]!;
    const b = docs[(i * 7 + 3) % docs.length]!;
    const c = docs[(i * 13 + 5) % docs.length]!;
    out.push(`${a.title}. ${a.text} ${b.text} ${c.text} (${i})`);
  }
  return out;
}

/** Wall-clock rate and rate per CPU-second (this process, all threads): the second is what a loaded machine cannot distort. */
async function rate(n: number, work: () => Promise<void>): Promise<{ wall: number; perCpuSecond: number }> {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await work();
  const wall = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall: Math.round(n / wall), perCpuSecond: Math.round(n / ((cpu.user + cpu.system) / 1e6)) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** RSS of a fresh Node process before and after loading the model (and one warm-up embed). */
function measureRss(modelDir: string): { baseMB: number; loadedMB: number; deltaMB: number } {
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const entry = pathToFileURL(path.join(here, '..', 'packages', 'ml', 'src', 'embed', 'index.ts')).href;
  const code = `
    const mb = () => process.memoryUsage().rss / 1048576;
    globalThis.gc?.();
    const base = mb();
    const { loadEmbedder } = await import(${JSON.stringify(entry)});
    const e = await loadEmbedder({ modelDir: ${JSON.stringify(modelDir)} });
    await e.embed(Array.from({ length: 256 }, (_, i) => 'warm up the arena with a paragraph of ordinary words ' + i));
    globalThis.gc?.();
    console.log(JSON.stringify({ base, loaded: mb() }));
    await e.dispose();`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', tsx, '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const { base, loaded } = JSON.parse(line) as { base: number; loaded: number };
  return { baseMB: base, loadedMB: loaded, deltaMB: loaded - base };
}

export async function run(): Promise<Record<string, number | string>> {
  const modelDir = await ensureEmbedderModel();
  const out: Record<string, number | string> = {};
  out['machine.cpus'] = os.cpus().length;
  out['machine.loadavg1'] = Number(os.loadavg()[0]!.toFixed(2));

  // load time (in-thread, includes reading + sha256 verification + onnxruntime session)
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const e = await loadEmbedder({ modelDir });
    loads.push(performance.now() - t);
    await e.dispose();
  }
  out['load.ms.median'] = Number([...loads].sort((a, b) => a - b)[1]!.toFixed(1));

  const rss = measureRss(modelDir);
  out['rss.baseMB'] = Number(rss.baseMB.toFixed(1));
  out['rss.afterLoadMB'] = Number(rss.loadedMB.toFixed(1));
  out['rss.deltaMB'] = Number(rss.deltaMB.toFixed(1));

  const texts = paragraphs(4000);
  const words = texts.reduce((s, t) => s + t.split(/\s+/).length, 0) / texts.length;
  out['paragraph.words'] = Number(words.toFixed(0));
  const batch = 256;

  const local = await loadEmbedder({ modelDir });
  // tokenizer alone
  const tok = new EmbedTokenizer(
    (await import('node:fs')).readFileSync(path.join(modelDir, 'embedder.vocab.txt'), 'utf8').trimEnd().split('\n'),
    (
      JSON.parse((await import('node:fs')).readFileSync(path.join(modelDir, 'embedder.json'), 'utf8')) as {
        tokenizer: ConstructorParameters<typeof EmbedTokenizer>[1];
      }
    ).tokenizer,
  );
  for (const s of texts) tok.encode(s); // cold OOV cache
  const tk = await rate(texts.length, async () => {
    for (const s of texts) tok.encode(s);
  });
  out['tokenize.paragraphsPerSec'] = tk.wall;

  await local.embed(texts); // warm-up (also fills the tokenizer's OOV cache, as a long indexing run would)
  const one = await rate(texts.length, async () => {
    for (let i = 0; i < texts.length; i += batch) await local.embed(texts.slice(i, i + batch));
  });
  out['embed.1thread.paragraphsPerSec'] = one.wall;
  out['embed.1thread.paragraphsPerCpuSec'] = one.perCpuSecond;

  const queries = loadQueries().map((q) => q.query);
  const lat: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const q of queries) {
      const s = performance.now();
      await local.embedOne(q);
      lat.push(performance.now() - s);
    }
  }
  lat.sort((a, b) => a - b);
  out['query.inThread.p50ms'] = Number(percentile(lat, 50).toFixed(3));
  out['query.inThread.p95ms'] = Number(percentile(lat, 95).toFixed(3));
  await local.dispose();

  const pool = await createEmbedderWorker({ modelDir, workers: 2 });
  await pool.embed(texts);
  // calls of 2 x batch texts are split across the two workers
  const two = await rate(texts.length, async () => {
    for (let i = 0; i < texts.length; i += 2 * batch) await pool.embed(texts.slice(i, i + 2 * batch));
  });
  out['embed.2workers.paragraphsPerSec'] = two.wall;
  out['embed.2workers.paragraphsPerCpuSec'] = two.perCpuSecond;
  const wlat: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const q of queries) {
      const s = performance.now();
      await pool.embedOne(q);
      wlat.push(performance.now() - s);
    }
  }
  wlat.sort((a, b) => a - b);
  out['query.worker.p50ms'] = Number(percentile(wlat, 50).toFixed(3));
  out['query.worker.p95ms'] = Number(percentile(wlat, 95).toFixed(3));
  await pool.dispose();
  out['model.version'] = local.info.version;
  out['model.vocabSize'] = local.info.vocabSize;
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    (figures) => {
      const width = Math.max(...Object.keys(figures).map((k) => k.length));
      for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(width)}  ${v}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
