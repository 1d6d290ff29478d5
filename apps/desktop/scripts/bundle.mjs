// Bundles the Node-side entry points (CLI, serve, Electron main/preload, backend process, workers)
// with esbuild. Native modules stay external and load from node_modules at run time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(appRoot, '..', '..');
const dist = path.join(appRoot, 'dist');

const EXTERNAL = ['electron', 'better-sqlite3', 'sqlite-vec', 'onnxruntime-node', 'pdfjs-dist', 'pdfjs-dist/*', 'iconv-lite'];

/** Entry points: [source, output, format]. Later domains add their workers here. */
export const ENTRIES = [
  ['src/cli/bin.ts', 'cli.mjs', 'esm'],
  ['src/main/main.ts', 'main/main.mjs', 'esm'],
  ['src/preload/preload.ts', 'preload/preload.cjs', 'cjs'],
  ['src/backend/utility-entry.ts', 'backend/backend.mjs', 'esm'],
  ['src/backend/worker-entry.ts', 'workers/jobs.mjs', 'esm'],
  // The sentence embedder's worker thread (search): backend/embedder.ts passes its path to @folio/ml.
  ['../../packages/ml/src/embed/embed-worker.ts', 'workers/embed-worker.mjs', 'esm'],
  // The spam model's retraining worker thread (comments): backend/spam-service.ts passes its URL to @folio/ml.
  ['../../packages/ml/src/spam/retrain-worker.ts', 'workers/spam-retrain.mjs', 'esm'],
];

/** The esbuild options of one entry (tests build the same way, in memory). */
export function buildOptions([src, out, format]) {
  return {
    entryPoints: [path.join(appRoot, src)],
    outfile: path.join(dist, out),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    sourcemap: 'linked',
    external: EXTERNAL,
    logLevel: 'warning',
    // ESM bundles that pull CommonJS dependencies need a real `require`.
    banner:
      format === 'esm'
        ? {
            js: "import { createRequire as __folioCreateRequire } from 'node:module'; const require = __folioCreateRequire(import.meta.url);",
          }
        : undefined,
  };
}

export async function bundle({ only } = {}) {
  const entries = ENTRIES.filter(([src]) => fs.existsSync(path.join(appRoot, src)) && (!only || only.includes(src)));
  await Promise.all(entries.map((entry) => build(buildOptions(entry))));
  // Packaged apps read migrations from here; in the repository the source folder is preferred.
  fs.rmSync(path.join(dist, 'migrations'), { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'packages', 'core', 'drizzle'), path.join(dist, 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(dist, '.bundle-stamp'), new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
}
