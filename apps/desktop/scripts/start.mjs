// `npm start`: opens the Electron window where Electron can run; otherwise says so in one line and
// serves the same app on 127.0.0.1 for a browser. `npm start -- --demo` opens a demo notebook.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './electron-native.mjs';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const demo = args.includes('--demo');
let dataDir;
let port;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--data-dir') dataDir = args[++i];
  else if (a.startsWith('--data-dir=')) dataDir = a.slice('--data-dir='.length);
  else if (a === '--port') port = args[++i];
  else if (a.startsWith('--port=')) port = a.slice('--port='.length);
}
const serveArgs = [...(demo ? ['--demo'] : []), ...(dataDir ? ['--data-dir', dataDir] : []), ...(port ? ['--port', port] : [])];
const electronArgs = [...(demo ? ['--demo'] : []), ...(dataDir ? [`--data-dir=${path.resolve(dataDir)}`] : [])];

function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { bin: null, why: 'the electron package is not installed' };
  }
  const find = () => {
    try {
      const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
      const bin = path.join(dir, 'dist', rel);
      return fs.existsSync(bin) ? bin : null;
    } catch {
      return null;
    }
  };
  let bin = find();
  if (bin) return { bin, dir };
  // Electron fetches its binary on first launch; try once, quietly, with a time limit.
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
  bin = find();
  if (bin) return { bin, dir };
  const reason =
    (r.stderr || r.stdout || '').split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|fetch failed|ECONN/i.test(l)) ??
    'download failed';
  return { bin: null, why: `its binary is missing and could not be downloaded (${reason.trim().slice(0, 120)})` };
}

function serve() {
  const cli = path.join(appRoot, 'dist', 'cli.mjs');
  const child = spawn(process.execPath, [cli, 'serve', '--open', ...serveArgs], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const { bin, dir, why } = electronBinary();
if (!bin) {
  console.log(`[folio] Electron cannot run here: ${why}. Starting serve mode instead; open the URL below in a browser.`);
  serve();
} else {
  let nativeReady = true;
  try {
    await ensureElectronNative(dir);
  } catch (err) {
    nativeReady = false;
    console.log(
      `[folio] Electron cannot run here: rebuilding better-sqlite3 for Electron failed (${err?.message ?? err}). Starting serve mode instead.`,
    );
    serve();
  }
  if (nativeReady) {
    const started = Date.now();
    // Electron is given the app folder, not the script: it then reads apps/desktop/package.json (main,
    // productName "Folio", version), as a packaged app would. On a bare script it names the app "Electron".
    const child = spawn(bin, [appRoot, ...electronArgs], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('exit', (code) => {
      // A window that dies at once (no display, missing system libraries) falls back to serve mode.
      if (code !== 0 && Date.now() - started < 5000) {
        const first = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`;
        console.log(
          `[folio] Electron cannot run here: it stopped at launch (${first.trim().slice(0, 160)}). Starting serve mode instead.`,
        );
        serve();
      } else process.exit(code ?? 0);
    });
  }
}
