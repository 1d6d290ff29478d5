import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryDto, FolioApi } from '@folio/core/contract';
import { ApiProvider } from '../api/ApiContext';
import { localToday } from '../journal/format';
import { parseHash } from '../shell/router';
import { ToastProvider } from '../shell/Toasts';
import { TodayPage } from './TodayPage';

afterEach(() => cleanup());

function todayEntry(): EntryDto {
  const now = new Date().toISOString();
  return {
    id: 'e-today',
    kind: 'daily',
    date: localToday(),
    time: null,
    title: '',
    body: 'Morning pages about the river.\n',
    properties: {},
    tags: [],
    isPublic: false,
    locked: false,
    pristine: false,
    revision: 3,
    wordCount: 5,
    createdAt: now,
    updatedAt: now,
    tzOffsetMinutes: 0,
  } as unknown as EntryDto;
}

function fakeApi() {
  const call = vi.fn(async (name: string): Promise<unknown> => {
    switch (name) {
      case 'journal:today':
        return todayEntry();
      case 'journal:calendar':
        return { month: localToday().slice(0, 7), days: [] };
      case 'journal:streak':
        return { current: 1, longest: 1, today: true };
      case 'journal:on-this-day':
        return { items: [] };
      case 'settings:get':
        return {};
      default:
        return [];
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

describe('TodayPage', () => {
  it('asks for the note once, shows it focused, and fills the calendar rail after the first paint', async () => {
    const { api, call } = fakeApi();
    render(
      <ApiProvider api={api}>
        <ToastProvider>
          <TodayPage route={parseHash('#/today')} />
        </ToastProvider>
      </ApiProvider>,
    );
    // One request: the one made while rendering is the one the effect waits for.
    expect(call.mock.calls.filter(([n]) => n === 'journal:today')).toHaveLength(1);
    const editor = await screen.findByRole('textbox', { name: 'Entry text' });
    expect(editor.textContent).toContain('Morning pages about the river.');
    expect(editor.contains(document.activeElement)).toBe(true);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Calendar' })).toBeTruthy());
    expect(call.mock.calls.filter(([n]) => n === 'journal:today')).toHaveLength(1);
  });
});
