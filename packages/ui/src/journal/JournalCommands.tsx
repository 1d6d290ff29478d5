import { useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import { usePaletteProvider } from '../shell/CommandPalette';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { navigate } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { createAndOpen } from './new-entry';

/**
 * The journal's palette entries: new entries of each kind, trash and templates, and a quick switcher
 * (typing in the palette lists entries and papers by title). Rendered by the journal pages; mount it in
 * the shell to have it everywhere.
 */
export function JournalCommands() {
  const api = useApi();
  const toasts = useToasts();
  const commands = useMemo<AppCommand[]>(() => {
    const create = (kind: string) => () =>
      createAndOpen(api, kind).catch((err: unknown) => toasts.error('Could not create the entry', err));
    return [
      { id: 'journal:today', title: "Open today's note", group: 'Journal', keywords: ['daily'], run: () => navigate('/today') },
      {
        id: 'journal:open',
        title: 'Open entry…',
        group: 'Journal',
        keywords: ['find', 'switch', 'quick'],
        run: () => navigate('/journal?find=1'),
      },
      { id: 'journal:new-post', title: 'New post', group: 'Journal', keywords: ['microblog'], run: create('post') },
      { id: 'journal:new-meeting', title: 'New meeting note', group: 'Journal', run: create('meeting') },
      {
        id: 'journal:new-weekly',
        title: 'New weekly review',
        group: 'Journal',
        keywords: ['week', 'goals'],
        run: create('weekly'),
      },
      { id: 'journal:new-paper', title: 'New paper note', group: 'Journal', run: create('paper') },
      { id: 'journal:new-note', title: 'New note', group: 'Journal', run: create('note') },
      {
        id: 'journal:trash',
        title: 'Journal trash',
        group: 'Journal',
        keywords: ['deleted', 'restore'],
        run: () => navigate('/journal/trash'),
      },
      {
        id: 'journal:templates',
        title: 'Edit journal templates',
        group: 'Journal',
        keywords: ['kinds'],
        run: () => navigate('/journal/templates'),
      },
      {
        id: 'journal:focus',
        title: 'Toggle focus mode',
        group: 'Journal',
        keywords: ['zen', 'distraction'],
        run: async () => {
          const s = await api.call('settings:get', {});
          await api.call('settings:set', { values: { 'editor.focusMode': !s['editor.focusMode'] } });
        },
      },
    ];
  }, [api, toasts]);
  useRegisterCommands(commands);

  usePaletteProvider(async (query) => {
    if (query.trim().length < 1) return [];
    const hits = await api.call('journal:titles', { query, limit: 8 });
    return hits.map((h) => ({
      id: `open-${h.kind}-${h.id}`,
      title: h.title,
      group: h.kind === 'paper' ? 'Paper' : 'Entry',
      keywords: [h.detail],
      run: () => navigate(h.kind === 'paper' ? `/papers/${h.id}` : `/journal/${h.id}`),
    }));
  });
  return null;
}
