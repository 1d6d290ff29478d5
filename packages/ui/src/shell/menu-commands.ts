/**
 * The commands Electron's application menu sends to the renderer (apps/desktop/src/main/menu-template.ts),
 * with the accelerator the menu binds for each. Browser-safe and free of React so the desktop app's tests
 * can check that the menu sends nothing the UI does not handle and that the shortcuts the UI lists are the
 * ones the menu binds.
 *
 * The Shell handles `palette:open` and `go:<page>` itself; every other id is a palette command of the same
 * id. `page` names the page whose view registers that command while it is mounted: the Shell opens that
 * page first and runs the command once it is there.
 */
export interface MenuCommand {
  id: string;
  /** What the command does, for the shortcuts list while no mounted view registers the command. */
  title: string;
  /** Electron accelerator syntax (`CmdOrCtrl+Shift+F`), exactly as the menu template binds it. */
  accelerator?: string;
  /** The page whose view registers the command; absent for commands registered everywhere. */
  page?: string;
}

export const MENU_COMMANDS: readonly MenuCommand[] = [
  { id: 'go:today', title: 'Go to Today', accelerator: 'CmdOrCtrl+T' },
  { id: 'journal:new-note', title: 'New note', accelerator: 'CmdOrCtrl+N' },
  { id: 'papers:add', title: 'Add papers (PDF)…', accelerator: 'CmdOrCtrl+O', page: 'papers' },
  { id: 'io:import', title: 'Import…', accelerator: 'CmdOrCtrl+Shift+I' },
  { id: 'system:backup', title: 'Back up now' },
  { id: 'palette:open', title: 'Command palette', accelerator: 'CmdOrCtrl+K' },
  { id: 'go:search', title: 'Go to Search', accelerator: 'CmdOrCtrl+Shift+F' },
  { id: 'journal:focus', title: 'Toggle focus mode', accelerator: 'CmdOrCtrl+Shift+Enter' },
  { id: 'help:shortcuts', title: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/' },
];

export const MENU_COMMAND_IDS: readonly string[] = MENU_COMMANDS.map((c) => c.id);

/** An Electron accelerator as the user reads it on this platform (`CmdOrCtrl+Shift+F` → `⌘+Shift+F`). */
export function displayAccelerator(accelerator: string, isMac: boolean): string {
  return accelerator
    .split('+')
    .map((k) => {
      const key = k.toLowerCase();
      if (key === 'cmdorctrl' || key === 'commandorcontrol') return isMac ? '⌘' : 'Ctrl';
      if (key === 'command' || key === 'cmd') return '⌘';
      if (key === 'control') return 'Ctrl';
      if (key === 'alt' || key === 'option') return isMac ? '⌥' : 'Alt';
      return k;
    })
    .join('+');
}
