import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, MENU_COMMAND_IDS } from '@folio/ui/menu-commands';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu-template';

// Electron's default role accelerators (lib/browser/api/menu-item-roles.ts) and role submenus, for the
// roles Folio's menu uses.
function roleItems(role: string, isMac: boolean, isWindows: boolean): { role: string; accelerator?: string }[] {
  const r = (name: string, accelerator?: string) => ({ role: name, ...(accelerator ? { accelerator } : {}) });
  switch (role.toLowerCase()) {
    case 'appmenu':
      return [r('hide', 'Command+H'), r('hideothers', 'Command+Alt+H'), ...roleItems('quit', isMac, isWindows)];
    case 'editmenu':
      return [
        r('undo', 'CommandOrControl+Z'),
        r('redo', isWindows ? 'Control+Y' : 'Shift+CommandOrControl+Z'),
        r('cut', 'CommandOrControl+X'),
        r('copy', 'CommandOrControl+C'),
        r('paste', 'CommandOrControl+V'),
        ...(isMac ? [r('pasteandmatchstyle', 'Cmd+Option+Shift+V')] : []),
        r('selectall', 'CommandOrControl+A'),
      ];
    case 'windowmenu':
      return [r('minimize', 'CommandOrControl+M'), ...(isMac ? [] : [r('close', 'CommandOrControl+W')])];
    case 'close':
      return [r('close', 'CommandOrControl+W')];
    case 'quit':
      return [r('quit', isWindows ? undefined : 'CommandOrControl+Q')];
    case 'reload':
      return [r('reload', 'CmdOrCtrl+R')];
    case 'toggledevtools':
      return [r('toggledevtools', isMac ? 'Alt+Command+I' : 'Ctrl+Shift+I')];
    case 'resetzoom':
      return [r('resetzoom', 'CommandOrControl+0')];
    case 'zoomin':
      return [r('zoomin', 'CommandOrControl+Plus')];
    case 'zoomout':
      return [r('zoomout', 'CommandOrControl+-')];
    case 'togglefullscreen':
      return [r('togglefullscreen', isMac ? 'Control+Command+F' : 'F11')];
    default:
      return [r(role)];
  }
}

/** Every accelerator the built menu would register, as the key a user presses on that platform. */
function accelerators(items: MenuItemConstructorOptions[], isMac: boolean, isWindows: boolean): string[] {
  const out: string[] = [];
  const norm = (a: string) =>
    a
      .split('+')
      .map((k) => {
        const key = k.toLowerCase();
        if (['cmdorctrl', 'commandorcontrol'].includes(key)) return isMac ? 'cmd' : 'ctrl';
        if (['command', 'cmd'].includes(key)) return 'cmd';
        if (['control', 'ctrl'].includes(key)) return 'ctrl';
        if (['alt', 'option'].includes(key)) return 'alt';
        return key;
      })
      .sort()
      .join('+');
  for (const item of items) {
    if (Array.isArray(item.submenu)) out.push(...accelerators(item.submenu, isMac, isWindows));
    if (item.accelerator) out.push(norm(String(item.accelerator)));
    else if (item.role && !Array.isArray(item.submenu))
      for (const r of roleItems(item.role, isMac, isWindows)) if (r.accelerator) out.push(norm(r.accelerator));
  }
  return out;
}

const noop = { send: () => {}, openDataFolder: () => {} };

describe('the app menu', () => {
  for (const [platform, isMac, isWindows] of [
    ['macOS', true, false],
    ['Windows', false, true],
    ['Linux', false, false],
  ] as const) {
    it(`has no accelerator twice on ${platform} (dev menu included)`, () => {
      const keys = accelerators(menuTemplate({ isMac, dev: true }, noop), isMac, isWindows);
      const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(dupes).toEqual([]);
      expect(keys).toContain(isMac ? 'cmd+k' : 'ctrl+k');
    });
  }

  it('sends its commands to the renderer (the palette is the one the UI toggles on Ctrl+K)', () => {
    const sent: string[] = [];
    const template = menuTemplate({ isMac: false, dev: false }, { send: (c) => sent.push(c), openDataFolder: () => {} });
    const items = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const palette = items.find((i) => i.label === 'Command Palette');
    expect(palette?.accelerator).toBe('CmdOrCtrl+K');
    (palette?.click as () => void)();
    (items.find((i) => i.label === 'Import…')?.click as () => void)();
    expect(sent).toEqual(['palette:open', 'io:import']);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  for (const [platform, isMac] of [
    ['macOS', true],
    ['Windows and Linux', false],
  ] as const) {
    it(`sends only commands the UI handles, with the accelerators it lists (${platform})`, () => {
      const sent: { id: string; accelerator: string | undefined }[] = [];
      let current: MenuItemConstructorOptions | null = null;
      const template = menuTemplate(
        { isMac, dev: true },
        { send: (id) => sent.push({ id, accelerator: current?.accelerator as string | undefined }), openDataFolder: () => {} },
      );
      const walk = (items: MenuItemConstructorOptions[]) => {
        for (const item of items) {
          if (Array.isArray(item.submenu)) walk(item.submenu);
          if (typeof item.click === 'function' && !item.role) {
            current = item;
            (item.click as () => void)();
          }
        }
      };
      walk(template);
      // Show Data Folder is main's own; every other item reaches the renderer.
      expect(sent.length).toBe(MENU_COMMANDS.length);
      for (const { id, accelerator } of sent) {
        expect(MENU_COMMAND_IDS, `menu command ${id}`).toContain(id);
        expect(MENU_COMMANDS.find((c) => c.id === id)?.accelerator, `accelerator of ${id}`).toBe(accelerator);
      }
      expect(new Set(sent.map((s) => s.id))).toEqual(new Set(MENU_COMMAND_IDS));
    });
  }
});
