/**
 * `npm run build -w @folio/ml`: builds every in-project model that has a build script here.
 * Each step skips its work when its outputs already match its committed lock, so a repeated build
 * takes well under a second. Steps are discovered by file so helpers can add models independently.
 *
 *   npx tsx packages/ml/scripts/build-all.ts [--out DIR] [--force] [--update-lock]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Step {
  file: string;
  /** Name of the exported build function: (options) => result, sync or async. */
  exportName: string;
}

const STEPS: Step[] = [
  { file: 'build-embedder.ts', exportName: 'buildEmbedder' },
  { file: 'train-spam.ts', exportName: 'buildSpamModel' },
];

async function main(argv: string[]): Promise<void> {
  const outIdx = argv.indexOf('--out');
  const options = {
    ...(outIdx >= 0 ? { dir: path.resolve(argv[outIdx + 1] ?? '') } : {}),
    force: argv.includes('--force'),
    updateLock: argv.includes('--update-lock'),
  };
  let failed = 0;
  for (const step of STEPS) {
    const file = path.join(here, step.file);
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const build = mod[step.exportName];
      if (typeof build !== 'function') throw new Error(`${step.file} does not export ${step.exportName}()`);
      await (build as (o: typeof options) => unknown)(options);
    } catch (err) {
      failed++;
      console.error(`[build] ${step.file}: ${(err as Error).message}`);
    }
  }
  if (failed > 0) process.exit(1);
}

await main(process.argv.slice(2));
