import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /**
   * Sends a command to the renderer on `folio:menu`. The UI's Shell runs the palette command of that id
   * (`go:*` and `palette:open` it handles itself); every id sent here must be in @folio/ui's MENU_COMMANDS,
   * with the same accelerator (menu-template.test.ts checks).
   */
  send: (command: string) => void;
  openDataFolder: () => void;
}

/**
 * The app menu: the usual roles plus Folio's commands. Kept free of Electron's runtime so a test can
 * check that no two items share an accelerator (roles included: toggleDevTools is Ctrl+Shift+I on
 * Windows and Linux, which File › Import used too, so there it gets F12).
 */
export function menuTemplate(opts: { isMac: boolean; dev: boolean }, actions: MenuActions): MenuItemConstructorOptions[] {
  const { isMac } = opts;
  const send = (command: string) => () => actions.send(command);
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Today', accelerator: 'CmdOrCtrl+T', click: send('go:today') },
        { label: 'New Entry', accelerator: 'CmdOrCtrl+N', click: send('journal:new-note') },
        { label: 'Add Papers…', accelerator: 'CmdOrCtrl+O', click: send('papers:add') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+Shift+I', click: send('io:import') },
        { type: 'separator' },
        { label: 'Back Up Now', click: send('system:backup') },
        { label: 'Show Data Folder', click: () => actions.openDataFolder() },
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
        { label: 'Focus Mode', accelerator: 'CmdOrCtrl+Shift+Enter', click: send('journal:focus') },
        { type: 'separator' },
        { role: 'reload' },
        ...(opts.dev ? [{ role: 'toggleDevTools' as const, accelerator: isMac ? 'Alt+Command+I' : 'F12' }] : []),
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
}
