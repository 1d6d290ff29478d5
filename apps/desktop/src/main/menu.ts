import { Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/** The app menu: the usual roles plus Folio's commands, which the renderer receives on `folio:menu`. */
export function buildMenu(getWindow: () => BrowserWindow | null, opts: { dev: boolean; dataDir: string }): Menu {
  const send = (command: string) => () => getWindow()?.webContents.send('folio:menu', command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Today', accelerator: 'CmdOrCtrl+T', click: send('go:today') },
        { label: 'New Entry', accelerator: 'CmdOrCtrl+N', click: send('journal:new') },
        { label: 'Add Papers…', accelerator: 'CmdOrCtrl+O', click: send('papers:add') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+Shift+I', click: send('io:import') },
        { type: 'separator' },
        { label: 'Back Up Now', click: send('system:backup') },
        { label: 'Show Data Folder', click: () => void shell.openPath(opts.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Command Palette', accelerator: 'CmdOrCtrl+K', click: send('palette:open') },
        { label: 'Search', accelerator: 'CmdOrCtrl+Shift+F', click: send('go:search') },
        { label: 'Focus Mode', accelerator: 'CmdOrCtrl+Shift+Enter', click: send('editor:focus-mode') },
        { type: 'separator' },
        { role: 'reload' },
        ...(opts.dev ? [{ role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('help:shortcuts') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
