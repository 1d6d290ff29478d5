import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { useRoute } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { downloadBlob, exportedBlob } from './download';
import { IO_EVENT, type IoAction } from './events';
import { EntryExportDialog, ExportDialog, PublishDialog } from './FolderDialogs';
import { ImportDialog } from './ImportDialog';
import './io.css';

/** The entry a `#/journal/<id>` route shows, if any. */
function entryIdOf(route: ReturnType<typeof useRoute>): string | null {
  if (route.page !== 'journal') return null;
  const sub = route.params[0];
  return sub && !['trash', 'templates', 'day'].includes(sub) ? sub : null;
}

/**
 * Import, export and publish: the dialogs, their palette commands ("Import…", "Export as markdown…",
 * "Publish site…", and "Export entry as HTML/PDF/Markdown" while an entry is open; Electron's
 * File › Import… runs `io:import` through the Shell) and `openIo()` requests from buttons. Mount once.
 */
export function IoHost() {
  const api = useApi();
  const toasts = useToasts();
  const route = useRoute();
  const entryId = entryIdOf(route);
  const [open, setOpen] = useState<IoAction | null>(null);

  useEffect(() => {
    const onIo = (e: Event) => setOpen((e as CustomEvent<IoAction>).detail);
    window.addEventListener(IO_EVENT, onIo);
    return () => window.removeEventListener(IO_EVENT, onIo);
  }, []);

  const commands = useMemo<AppCommand[]>(() => {
    const list: AppCommand[] = [
      {
        id: 'io:import',
        title: 'Import…',
        group: 'Data',
        keywords: ['obsidian', 'vault', 'markdown', 'hexo', 'diary', 'microblog'],
        run: () => setOpen({ action: 'import' }),
      },
      {
        id: 'io:export',
        title: 'Export as markdown…',
        group: 'Data',
        keywords: ['export', 'backup', 'obsidian'],
        run: () => setOpen({ action: 'export' }),
      },
      {
        id: 'io:publish',
        title: 'Publish site…',
        group: 'Data',
        keywords: ['blog', 'static', 'rss', 'public'],
        run: () => setOpen({ action: 'publish' }),
      },
    ];
    if (entryId) {
      const quick = (format: 'html' | 'pdf' | 'markdown', label: string): AppCommand => ({
        id: `io:export-entry:${format}`,
        title: `Export entry as ${label}`,
        group: 'Entry',
        keywords: ['download', 'save', 'print'],
        run: async () => {
          try {
            const r = await api.call('io:export-entry', { id: entryId, format });
            downloadBlob(exportedBlob(r), r.fileName);
            if (r.missingGlyphs?.length)
              toasts.show({
                kind: 'info',
                title: 'Some characters have no font',
                body: `${r.missingGlyphs.slice(0, 12).join(' ')} print as “?” in the PDF.`,
              });
          } catch (err) {
            toasts.error('Could not export the entry', err);
          }
        },
      });
      list.push(quick('html', 'HTML'), quick('pdf', 'PDF'), quick('markdown', 'Markdown'), {
        id: 'io:export-entry',
        title: 'Export entry…',
        group: 'Entry',
        keywords: ['download', 'private'],
        run: () => setOpen({ action: 'export-entry', id: entryId }),
      });
    }
    return list;
  }, [api, toasts, entryId]);
  useRegisterCommands(commands);

  const close = () => setOpen(null);
  return (
    <>
      <ImportDialog open={open?.action === 'import'} onClose={close} />
      <ExportDialog open={open?.action === 'export'} onClose={close} />
      <PublishDialog open={open?.action === 'publish'} onClose={close} />
      <EntryExportDialog
        open={open?.action === 'export-entry'}
        onClose={close}
        id={open?.action === 'export-entry' ? open.id : null}
        {...(open?.action === 'export-entry' && open.format ? { initialFormat: open.format } : {})}
      />
    </>
  );
}
