// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints their
// figures as a table and writes bench/results.json. Benchmarks print; they never assert.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Figures = Record<string, number | string>;

const here = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

// A filtered run (`npm run bench -- papers`) updates its entries and keeps the others' last figures.
const resultsFile = path.join(here, 'results.json');
let previous: Record<string, Figures | { error: string }> = {};
if (wanted.length > 0 && fs.existsSync(resultsFile)) {
  try {
    previous = (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { results?: typeof previous }).results ?? {};
  } catch {
    previous = {};
  }
}
const results: Record<string, Figures | { error: string }> = { ...previous };
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n### ${name}`);
  const started = Date.now();
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run?: () => Promise<Figures> };
    if (typeof mod.run !== 'function') throw new Error(`${file} does not export run()`);
    const figures = await mod.run();
    results[name] = figures;
    const width = Math.max(...Object.keys(figures).map((k) => k.length));
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(width)}  ${typeof v === 'number' ? +v.toFixed(3) : v}`);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    results[name] = { error: (err as Error).stack ?? String(err) };
    console.log(`  FAILED: ${(err as Error).message}`);
  }
}

const out = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '',
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  },
  results,
};
fs.writeFileSync(resultsFile, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nWrote bench/results.json (${Object.keys(results).length} benchmarks).`);
