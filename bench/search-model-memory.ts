/**
 * Child process of search-speed.bench.ts: loads the embedding model in this thread and reports load
 * time and resident memory (a fresh process, so the figures are the model's own).
 */
import path from 'node:path';
import { loadEmbedder } from '@folio/ml';

const modelDir = process.argv[2] ?? path.resolve(import.meta.dirname, '..', 'resources', 'models');
const mib = (n: number) => +(n / 2 ** 20).toFixed(1);
const before = process.memoryUsage().rss;
const t0 = performance.now();
const e = await loadEmbedder({ modelDir, threads: 1 });
const loadMs = performance.now() - t0;
const afterLoad = process.memoryUsage().rss;
const texts = Array.from(
  { length: 2000 },
  (_, i) =>
    `Paragraph ${i}: the kernel spent most of its time waiting on memory, so we padded the shared tile and measured again.`,
);
for (let i = 0; i < texts.length; i += 128) await e.embed(texts.slice(i, i + 128));
const afterEmbed = process.memoryUsage().rss;
await e.dispose();
process.stdout.write(
  JSON.stringify({
    loadMs: Math.round(loadMs),
    rssBaseMiB: mib(before),
    rssLoadedMiB: mib(afterLoad),
    rssAfterEmbedMiB: mib(afterEmbed),
    modelMiB: mib(afterEmbed - before),
  }),
);
