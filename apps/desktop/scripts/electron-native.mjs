// Builds better-sqlite3 for the installed Electron's ABI into a copy of its own (used by `npm start` and
// the Electron e2e test).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * better-sqlite3 is compiled for Node (the CLI, serve mode and tests use it); the Electron backend needs
 * a copy built for Electron's ABI. The copy sits in dist/backend/node_modules, where Node's resolution
 * from dist/backend/backend.mjs (the only bundle that opens the database) finds it first; the root copy
 * is never touched.
 */
export async function ensureElectronNative(electronDir) {
  const target = path.join(appRoot, 'dist', 'backend', 'node_modules', 'better-sqlite3');
  const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  // Rebuilt when either Electron or better-sqlite3 changes version.
  const stamp = `electron ${electronVersion}, better-sqlite3 ${sqliteVersion}`;
  const marker = path.join(target, '.folio-electron-abi');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === stamp) return;
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.cpSync(source, target, { recursive: true });
  console.log(`[folio] building better-sqlite3 for Electron ${electronVersion} (first launch only)…`);
  const { rebuild } = await import('@electron/rebuild');
  // projectRootPath keeps @electron/rebuild's module walk inside the copy (it rebuilds buildPath itself
  // plus native dependencies it finds; better-sqlite3 has none).
  await rebuild({ buildPath: target, projectRootPath: target, electronVersion, force: true });
  fs.writeFileSync(marker, stamp);
}
