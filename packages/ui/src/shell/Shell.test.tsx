import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FolioApi } from '@folio/core/contract';
import { ApiProvider } from '../api/ApiContext';
import { CommandsProvider, useCommands, type AppCommand } from './commands';
import { MENU_COMMANDS } from './menu-commands';
import { Shell } from './Shell';
import { ToastProvider } from './Toasts';

afterEach(() => cleanup());
beforeEach(() => {
  window.location.hash = '#/search';
});

/** An API client that answers what the shell and its pages ask with empty data, and records every call. */
function fakeApi() {
  let focusMode = false;
  const call = vi.fn(async (name: string, payload: Record<string, unknown>): Promise<unknown> => {
    switch (name) {
      case 'settings:get':
        return { 'editor.focusMode': focusMode };
      case 'settings:set':
        focusMode = Boolean((payload.values as Record<string, unknown>)['editor.focusMode'] ?? focusMode);
        return {};
      case 'system:info':
        return { demo: false };
      case 'system:backup':
        return { name: 'folio-backup-1.zip' };
      case 'journal:create':
        return { id: 'e-new' };
      case 'papers:list':
        return { items: [], total: 0 };
      case 'papers:stats':
        return {
          days: [],
          totals: { today: { minutes: 0, finished: 0 }, week: { minutes: 0, finished: 0 }, month: { minutes: 0, finished: 0 } },
          queue: { queued: 0, reading: 0 },
        };
      case 'stamps:list':
        return [];
      case 'journal:get': {
        const now = new Date().toISOString();
        return {
          id: 'e-new',
          kind: 'note',
          date: now.slice(0, 10),
          time: null,
          title: '',
          body: '',
          properties: {},
          tags: [],
          isPublic: false,
          locked: false,
          pristine: true,
          revision: 1,
          wordCount: 0,
          createdAt: now,
          updatedAt: now,
          tzOffsetMinutes: 0,
        };
      }
      default:
        return null;
    }
  });
  const api = {
    transport: 'memory',
    call,
    on: () => ({ dispose() {} }),
    blobUrl: (s: string) => `/blobs/${s}`,
    upload: vi.fn(),
  } as unknown as FolioApi;
  return { api, call };
}

/** What Electron's preload gives the renderer: `onMenu` listeners, fed here by `send`. */
function fakeMenu() {
  const listeners = new Set<(command: string) => void>();
  return {
    host: {
      onMenuCommand(listener: (command: string) => void) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      platform: 'linux',
    },
    send: (command: string) => act(() => listeners.forEach((l) => l(command))),
  };
}

let registered: AppCommand[] = [];
function CommandsProbe() {
  registered = useCommands();
  return null;
}

function renderShell() {
  const { api, call } = fakeApi();
  const menu = fakeMenu();
  render(
    <ApiProvider api={api}>
      <ToastProvider>
        <CommandsProvider>
          <Shell host={menu.host} />
          <CommandsProbe />
        </CommandsProvider>
      </ToastProvider>
    </ApiProvider>,
  );
  return { call, send: menu.send };
}

describe('Electron menu commands in the Shell', () => {
  it('run the palette command of the same id', async () => {
    const { call, send } = renderShell();
    await waitFor(() => expect(registered.some((c) => c.id === 'system:backup')).toBe(true));

    await send('system:backup');
    await waitFor(() => expect(call.mock.calls.some(([n]) => n === 'system:backup')).toBe(true));
    expect(await screen.findByText('folio-backup-1.zip')).toBeTruthy();

    await send('journal:new-note');
    await waitFor(() => expect(call).toHaveBeenCalledWith('journal:create', expect.objectContaining({ kind: 'note' })));
    await waitFor(() => expect(window.location.hash).toBe('#/journal/e-new'));

    await send('journal:focus');
    await waitFor(() => expect(call).toHaveBeenCalledWith('settings:set', { values: { 'editor.focusMode': true } }));

    await send('io:import');
    expect(await screen.findByRole('dialog', { name: /import/i })).toBeTruthy();
  });

  it('opens a page first for a command only that page registers (File › Add Papers…)', async () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    const { send } = renderShell();
    await waitFor(() => expect(registered.length).toBeGreaterThan(0));
    expect(registered.some((c) => c.id === 'papers:add')).toBe(false);

    await send('papers:add');
    await waitFor(() => expect(window.location.hash).toBe('#/papers'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect((click.mock.contexts[0] as HTMLInputElement).getAttribute('aria-label')).toBe('Choose PDF files to add');
    click.mockRestore();
  });

  it('lists the real shortcuts, menu accelerators included, on Help › Keyboard Shortcuts', async () => {
    const { send } = renderShell();
    await waitFor(() => expect(registered.some((c) => c.id === 'help:shortcuts')).toBe(true));
    await send('help:shortcuts');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = (title: string) => within(dialog).getByRole('rowheader', { name: title }).closest('tr')!.textContent;
    expect(row('Command palette')).toContain('Ctrl+K');
    expect(row('Toggle sidebar')).toContain('Ctrl+\\');
    expect(row('Go to Today')).toContain('Alt+1');
    expect(row('Go to Today')).toContain('Ctrl+T');
    expect(row('New note')).toContain('Ctrl+N');
    expect(row('Add papers (PDF)…')).toContain('Ctrl+O');
    expect(row('Toggle focus mode')).toContain('Ctrl+Shift+Enter');
  });

  it('has a command for every id the menu sends, registered everywhere or on its page', async () => {
    renderShell();
    await waitFor(() => expect(registered.some((c) => c.id === 'system:backup')).toBe(true));
    for (const m of MENU_COMMANDS) {
      if (m.id === 'palette:open' || m.id.startsWith('go:')) continue;
      if (m.page) {
        act(() => {
          window.location.hash = `#/${m.page}`;
        });
        await waitFor(() =>
          expect(
            registered.map((c) => c.id),
            m.id,
          ).toContain(m.id),
        );
        act(() => {
          window.location.hash = '#/search';
        });
        await waitFor(() => expect(registered.map((c) => c.id)).not.toContain(m.id));
      } else {
        expect(
          registered.map((c) => c.id),
          m.id,
        ).toContain(m.id);
      }
    }
  });
});
