import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Resources {
  /** apps/desktop (dev) or the app's resources folder (packaged). */
  appRoot: string;
  /** The repository's (or package's) `resources/` folder: demo notebook, models, icons. */
  resourcesDir: string;
  modelsDir: string;
  migrations: string;
  /** The built renderer (index.html + assets). */
  rendererDir: string;
  version: string;
}

function findUp(start: string, probe: (dir: string) => boolean): string | null {
  let dir = start;
  for (;;) {
    if (probe(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let cached: Resources | null = null;

/**
 * Finds the app's files whether we run from TypeScript sources (tests, tsx), from the esbuild bundle
 * in apps/desktop/dist, or from a packaged app (FOLIO_RESOURCES points at its resources folder).
 */
export function resolveResources(): Resources {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const appRoot =
    findUp(here, (d) => {
      try {
        return JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name === '@folio/desktop';
      } catch {
        return false;
      }
    }) ?? path.resolve(here, '..', '..');
  const repoRoot = path.resolve(appRoot, '..', '..');
  const resourcesDir = process.env.FOLIO_RESOURCES ?? path.join(repoRoot, 'resources');
  // In the repository the source migrations win (a stale dist copy must never be applied); a packaged
  // app ships its copy beside the bundle.
  const sourceMigrations = path.join(repoRoot, 'packages', 'core', 'drizzle');
  const migrations = fs.existsSync(path.join(sourceMigrations, 'meta', '_journal.json'))
    ? sourceMigrations
    : path.join(appRoot, 'dist', 'migrations');
  let version = '0.0.0';
  try {
    version = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')).version;
  } catch {
    // keep the placeholder
  }
  cached = {
    appRoot,
    resourcesDir,
    modelsDir: path.join(resourcesDir, 'models'),
    migrations,
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    version,
  };
  return cached;
}
