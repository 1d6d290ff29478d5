import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi, useCall } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import { IoHost } from '../io';
import { JournalCommands } from '../journal/JournalCommands';
import { StampCelebration } from '../stamps/StampCelebration';
import { TrackingCommands } from '../tracking/TrackingCommands';
import { PAGES } from '../pages/registry';
import { CommandPalette } from './CommandPalette';
import { useCommands, useRegisterCommands, type AppCommand } from './commands';
import { ErrorBoundary } from './ErrorBoundary';
import { MENU_COMMANDS } from './menu-commands';
import { href, navigate, useRoute } from './router';
import { shortcutRows, ShortcutsDialog, type ShortcutRow } from './ShortcutsDialog';
import { useAppliedTheme } from './theme';
import { useToasts } from './Toasts';

export interface ShellHost {
  /**
   * Electron's menu commands (`go:today`, `palette:open`, `journal:new-note`...; the full list is
   * MENU_COMMANDS); absent in a browser.
   */
  onMenuCommand?(listener: (command: string) => void): () => void;
  platform?: string;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

export function Shell({ host }: { host?: ShellHost }) {
  const api = useApi();
  const toasts = useToasts();
  const route = useRoute();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const commands = useCommands();
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const theme = settings.data?.theme ?? 'system';
  const applied = useAppliedTheme(theme);
  const info = useCall('system:info', {});

  const globalCommands = useMemo<AppCommand[]>(
    () => [
      ...PAGES.filter((p) => !p.hidden).map((p, i) => ({
        id: `go:${p.id}`,
        title: `Go to ${p.title}`,
        group: 'Navigate',
        shortcut: `Alt+${i + 1}`,
        run: () => navigate(`/${p.id}`),
      })),
      {
        id: 'theme:toggle',
        title: applied === 'dark' ? 'Switch to light theme' : 'Switch to dark theme',
        group: 'View',
        keywords: ['dark', 'light', 'appearance'],
        run: () => void api.call('settings:set', { values: { theme: applied === 'dark' ? 'light' : 'dark' } }),
      },
      {
        id: 'theme:system',
        title: 'Follow the system theme',
        group: 'View',
        run: () => void api.call('settings:set', { values: { theme: 'system' } }),
      },
      { id: 'sidebar:toggle', title: 'Toggle sidebar', group: 'View', shortcut: `${MOD}+\\`, run: () => setCollapsed((c) => !c) },
      {
        id: 'help:shortcuts',
        title: 'Keyboard shortcuts',
        group: 'Help',
        keywords: ['keys', 'hotkeys', 'help'],
        run: () => setShortcutsOpen(true),
      },
      {
        id: 'system:backup',
        title: 'Back up now',
        group: 'Data',
        keywords: ['snapshot', 'backup'],
        run: async () => {
          try {
            const b = await api.call('system:backup', {});
            toasts.show({ kind: 'success', title: 'Backed up', body: b.name });
          } catch (err) {
            toasts.error('Backup failed', err);
          }
        },
      },
    ],
    [api, applied, toasts],
  );
  useRegisterCommands(globalCommands);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen((o) => !o);
      } else if (mod && e.key === '\\') {
        e.preventDefault();
        setCollapsed((c) => !c);
      } else if (e.altKey && !mod && /^Digit[1-9]$/.test(e.code)) {
        const page = PAGES.filter((p) => !p.hidden)[Number(e.code.slice(5)) - 1];
        if (page) {
          e.preventDefault();
          navigate(`/${page.id}`);
        }
      }
    };
    // Capture phase: the palette opens even while an editor or a dialog has the focus.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // A menu command is the palette command of the same id. One that only a page's view registers (Add
  // papers) waits here while that page opens, and runs once the view has registered it.
  const latestCommands = useRef(commands);
  useEffect(() => {
    latestCommands.current = commands;
  }, [commands]);
  const [pendingMenu, setPendingMenu] = useState<{ id: string; page: string; reached: boolean } | null>(null);
  useEffect(() => {
    if (!host?.onMenuCommand) return;
    return host.onMenuCommand((command) => {
      if (command === 'palette:open') return setPaletteOpen(true);
      if (command.startsWith('go:')) return navigate(`/${command.slice(3)}`);
      const found = latestCommands.current.find((c) => c.id === command);
      if (found) return void found.run();
      const page = MENU_COMMANDS.find((c) => c.id === command)?.page;
      if (page) {
        setPendingMenu({ id: command, page, reached: false });
        navigate(`/${page}`);
      } else console.warn('[folio] no command handles the menu item', command);
    });
  }, [host]);
  useEffect(() => {
    if (!pendingMenu) return;
    const found = commands.find((c) => c.id === pendingMenu.id);
    if (found) {
      setPendingMenu(null);
      void found.run();
    } else if (route.page === pendingMenu.page && !pendingMenu.reached) {
      setPendingMenu({ ...pendingMenu, reached: true });
    } else if (route.page !== pendingMenu.page && pendingMenu.reached) {
      // The user went elsewhere before the page registered it: do not surprise them later.
      setPendingMenu(null);
    }
  }, [commands, pendingMenu, route.page]);

  const nativeMenu = !!host?.onMenuCommand;
  const shortcuts = useMemo(() => {
    const palette: ShortcutRow = { id: 'palette:open', title: 'Command palette', group: 'General', keys: [`${MOD}+K`] };
    return shortcutRows(commands, [palette], nativeMenu ? MENU_COMMANDS : [], isMac);
  }, [commands, nativeMenu]);

  useEffect(() => {
    const onRejection = (e: PromiseRejectionEvent) => {
      const r = e.reason as { code?: string; message?: string } | undefined;
      if (r && typeof r === 'object' && typeof r.code === 'string') toasts.error('Something went wrong', r);
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [toasts]);

  const page = PAGES.find((p) => p.id === route.page) ?? PAGES[0]!;
  const Page = page.component;
  useEffect(() => {
    document.title = `${page.title} · Folio${info.data?.demo ? ' (demo)' : ''}`;
  }, [page.title, info.data?.demo]);

  return (
    <div className={`shell${collapsed ? ' sidebar-collapsed' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-brand">
          <span className="brand-mark" aria-hidden>
            ❦
          </span>
          <span className="brand-name">Folio</span>
          {info.data?.demo && <span className="badge">demo</span>}
        </div>
        <ul>
          {PAGES.filter((p) => !p.hidden).map((p, i) => (
            <li key={p.id}>
              <a
                href={href(`/${p.id}`)}
                className={p.id === page.id ? 'active' : undefined}
                aria-current={p.id === page.id ? 'page' : undefined}
                title={`${p.title} (Alt+${i + 1})`}
              >
                <Icon name={p.icon} />
                <span className="nav-label">{p.title}</span>
              </a>
            </li>
          ))}
        </ul>
        <button type="button" className="sidebar-palette" onClick={() => setPaletteOpen(true)} aria-label="Open command palette">
          <Icon name="search" size={16} />
          <span className="nav-label">Commands</span>
          <kbd>{MOD}+K</kbd>
        </button>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <ErrorBoundary resetKey={route.path} label={page.title}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
      <JournalCommands />
      <IoHost />
      <TrackingCommands />
      <StampCelebration />
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} rows={shortcuts} />
    </div>
  );
}
