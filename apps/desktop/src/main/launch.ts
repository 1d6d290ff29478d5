import path from 'node:path';
import { APP_NAME } from '../backend/paths';

export interface Launch {
  demo: boolean;
  /** The notebook folder. Electron's `userData` is set to it, so the single-instance lock is per notebook. */
  dataDir: string;
  /** Set when dataDir is a fresh demo folder that goes when the app quits. */
  demoDir: string | null;
}

/**
 * Decides the data folder before the app is ready (userData must be set before then): `--data-dir=`,
 * else a new demo folder for `--demo`, else FOLIO_DATA_DIR, else `<appData>/Folio`, the folder the
 * CLI and serve mode use too (backend/paths.ts). Electron started on a bare script (`electron main.mjs`)
 * would otherwise call the app "Electron" and keep its data in `<appData>/Electron`.
 */
export function resolveLaunch(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  appData: string,
  makeDemoDir: () => string,
): Launch {
  const demo = argv.includes('--demo');
  const dataDirArg = argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
  if (dataDirArg) return { demo, dataDir: path.resolve(dataDirArg), demoDir: null };
  if (demo) {
    const dir = makeDemoDir();
    return { demo, dataDir: dir, demoDir: dir };
  }
  if (env.FOLIO_DATA_DIR) return { demo, dataDir: path.resolve(env.FOLIO_DATA_DIR), demoDir: null };
  return { demo, dataDir: path.join(appData, APP_NAME), demoDir: null };
}
