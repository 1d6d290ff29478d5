import { Menu, shell, type BrowserWindow } from 'electron';
import { IPC } from '../preload/channels';
import { menuTemplate } from './menu-template';

/** The app menu; Folio's commands reach the renderer on `folio:menu`. */
export function buildMenu(getWindow: () => BrowserWindow | null, opts: { dev: boolean; dataDir: string }): Menu {
  return Menu.buildFromTemplate(
    menuTemplate(
      { isMac: process.platform === 'darwin', dev: opts.dev },
      {
        send: (command) => getWindow()?.webContents.send(IPC.menu, command),
        openDataFolder: () => void shell.openPath(opts.dataDir),
      },
    ),
  );
}
