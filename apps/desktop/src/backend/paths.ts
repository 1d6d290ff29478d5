import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Folio';

/**
 * The folder Electron calls `userData` for an app named Folio, computed without Electron so the CLI
 * and serve mode use the same data as the desktop app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FOLIO_DATA_DIR) return path.resolve(env.FOLIO_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
