import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { builtPaths } from './built-paths';
import { resolveLaunch } from './launch';

const appRoot = path.resolve(import.meta.dirname, '../..');

describe('resolveLaunch', () => {
  const appData = path.resolve('/home/me/.config');
  const noDemo = () => {
    throw new Error('no demo folder expected');
  };

  it('defaults to <appData>/Folio, the folder the CLI and serve mode use', () => {
    expect(resolveLaunch([appRoot], {}, appData, noDemo)).toEqual({
      demo: false,
      dataDir: path.join(appData, 'Folio'),
      demoDir: null,
    });
  });

  it('prefers --data-dir, then a demo folder, then FOLIO_DATA_DIR', () => {
    const env = { FOLIO_DATA_DIR: 'from-env' };
    expect(resolveLaunch([appRoot, '--data-dir=/tmp/nb'], env, appData, noDemo).dataDir).toBe(path.resolve('/tmp/nb'));
    expect(resolveLaunch([appRoot, '--demo'], env, appData, () => '/tmp/folio-demo-1')).toEqual({
      demo: true,
      dataDir: '/tmp/folio-demo-1',
      demoDir: '/tmp/folio-demo-1',
    });
    expect(resolveLaunch([appRoot], env, appData, noDemo).dataDir).toBe(path.resolve('from-env'));
    // A demo on an explicit folder keeps that folder (and never deletes it).
    expect(resolveLaunch([appRoot, '--demo', '--data-dir=/tmp/nb'], {}, appData, noDemo)).toMatchObject({
      demo: true,
      demoDir: null,
    });
  });
});

interface BundleScript {
  ENTRIES: [string, string, 'esm' | 'cjs'][];
  buildOptions(entry: [string, string, 'esm' | 'cjs']): BuildOptions;
}
const bundleScript = (await import(pathToFileURL(path.join(appRoot, 'scripts', 'bundle.mjs')).href)) as BundleScript;
const entry = (src: string) => {
  const e = bundleScript.ENTRIES.find(([s]) => s === src);
  if (!e) throw new Error(`no bundle entry for ${src}`);
  return e;
};

/** Builds one entry in memory exactly as scripts/bundle.mjs does; returns its code and its external imports. */
async function bundleInMemory(src: string): Promise<{ code: string; externals: string[] }> {
  const result = await build({
    ...bundleScript.buildOptions(entry(src)),
    write: false,
    metafile: true,
    sourcemap: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => /\.(c|m)?js$/.test(f.path));
  const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { code: js?.text ?? '', externals: [...new Set(externals)] };
}

describe('the built Electron files', () => {
  it('are where main looks for them, and package.json main points at the bundled main', () => {
    const out = (src: string) => path.join(appRoot, 'dist', entry(src)[1]);
    const main = out('src/main/main.ts');
    expect(builtPaths(path.dirname(main))).toEqual({
      preload: out('src/preload/preload.ts'),
      backend: out('src/backend/utility-entry.ts'),
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(path.join(appRoot, pkg.main)).toBe(main);
    // Electron started on the app folder takes its name (and so its userData folder) from productName.
    expect(pkg.productName).toBe('Folio');
  });

  it('bundle the preload as one CommonJS file that a sandboxed renderer can run', async () => {
    expect(entry('src/preload/preload.ts')[2]).toBe('cjs');
    const { code, externals } = await bundleInMemory('src/preload/preload.ts');
    // A sandboxed preload may require only these (Electron's sandboxed-renderer polyfills).
    const allowed = new Set(['electron', 'electron/renderer', 'electron/common', 'events', 'timers', 'url']);
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!.replace(/^node:/, ''));
    expect(required.filter((m) => !allowed.has(m))).toEqual([]);
    expect(externals.map((m) => m.replace(/^node:/, '')).filter((m) => !allowed.has(m))).toEqual([]);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/\bimport\.meta\b|^\s*import\s|^\s*export\s/m);
  }, 60_000);

  it('load better-sqlite3 only in the backend process, which finds the Electron-ABI copy beside it', async () => {
    // The Electron copy of better-sqlite3 lives in dist/backend/node_modules (scripts/electron-native.mjs):
    // any other Electron-side bundle importing it would load the Node build and fail to open.
    const others = bundleScript.ENTRIES.map(([src]) => src).filter(
      (src) => src !== 'src/backend/utility-entry.ts' && src !== 'src/cli/bin.ts' && fs.existsSync(path.join(appRoot, src)),
    );
    expect(others).toEqual(expect.arrayContaining(['src/main/main.ts', 'src/preload/preload.ts', 'src/backend/worker-entry.ts']));
    for (const src of others) {
      const { externals } = await bundleInMemory(src);
      expect(externals, src).not.toContain('better-sqlite3');
    }
    const backend = await bundleInMemory('src/backend/utility-entry.ts');
    expect(backend.externals).toContain('better-sqlite3');
    expect(path.dirname(entry('src/backend/utility-entry.ts')[1])).toBe('backend');
  }, 120_000);
});
