import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { repoRoot } from './fixtures/folio';

// Runs the real Electron app where its binary exists. The binary is fetched on first launch, which this
// machine (no internet) cannot do: then the test is reported as skipped, saying why.
function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('the Electron window opens Folio with a secure renderer', async () => {
  test.skip(
    !binary,
    'SKIPPED: the Electron binary is not installed here (it downloads on first launch, and this machine has no internet). Serve-mode e2e tests cover the UI.',
  );
  test.setTimeout(10 * 60_000); // the first run builds better-sqlite3 for Electron
  // The backend loads better-sqlite3 built for Electron's ABI from a copy of its own, as `npm start` does.
  const native = (await import(pathToFileURL(path.join(repoRoot, 'apps/desktop/scripts/electron-native.mjs')).href)) as {
    ensureElectronNative(electronDir: string): Promise<void>;
  };
  await native.ensureElectronNative(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    // The app folder, not the script: Electron then takes the name Folio and `main` from its package.json.
    args: [path.join(repoRoot, 'apps/desktop'), `--data-dir=${dataDir}`],
    env: { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: '1' },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // No Node in the page; only the whitelisted bridge.
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => Object.keys((window as unknown as { folio: object }).folio).sort())).toEqual([
      'call',
      'onEvent',
      'onMenu',
      'platform',
      'upload',
    ]);
    const pong = await win.evaluate(() =>
      (window as unknown as { folio: { call(n: string, p: unknown): Promise<unknown> } }).folio.call('system:ping', {}),
    );
    expect(pong).toMatchObject({ ok: true });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
