#!/usr/bin/env node
// The `folio` command. Runs the bundled CLI, rebuilding the bundle first when sources are newer
// (so `npx folio` right after `npm install`, or after editing code, always runs current code).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(appRoot, '..', '..');
const stampFile = path.join(appRoot, 'dist', '.bundle-stamp');
const cli = path.join(appRoot, 'dist', 'cli.mjs');

function newestMtime(dir, limit = 20000) {
  let newest = 0;
  const stack = [dir];
  let seen = 0;
  while (stack.length && seen < limit) {
    const d = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.(ts|tsx|mjs|json|sql)$/.test(e.name)) {
        seen++;
        const m = fs.statSync(p).mtimeMs;
        if (m > newest) newest = m;
      }
    }
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(cli) || !fs.existsSync(stampFile)) return true;
  // Only a repository checkout has sources to compare with; a packaged CLI is never stale.
  if (!fs.existsSync(path.join(repoRoot, 'packages', 'core', 'src'))) return false;
  const built = fs.statSync(stampFile).mtimeMs;
  for (const dir of [
    path.join(appRoot, 'src'),
    path.join(repoRoot, 'packages', 'core'),
    path.join(repoRoot, 'packages', 'ml', 'src'),
  ]) {
    if (newestMtime(dir) > built) return true;
  }
  return false;
}

if (stale()) {
  const { bundle } = await import(pathToFileURL(path.join(appRoot, 'scripts', 'bundle.mjs')).href);
  await bundle();
}
await import(pathToFileURL(cli).href);
