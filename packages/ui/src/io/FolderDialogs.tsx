import { useEffect, useState, type FormEvent } from 'react';
import { fieldErrors, type ExportEntryDto, type ExportResultDto, type PublishResultDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { errorMessage } from '../shell/Toasts';
import { downloadBlob, exportedBlob } from './download';
import { remember, remembered } from './events';

/** Why a folder is typed rather than picked: said in both dialogs. */
function WhereNote() {
  const api = useApi();
  return (
    <p className="muted io-where">
      Folio writes the files on the computer it runs on. Type the folder&rsquo;s full path
      {api.transport === 'http' ? ' (a browser page cannot choose a folder for the app to write into)' : ''}; it is created if it
      does not exist.
    </p>
  );
}

function useFolderAction<T>(key: string, open: boolean) {
  const [dir, setDir] = useState(() => remembered(key));
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<{ message: string; conflict: boolean; field?: string } | null>(null);
  useEffect(() => {
    if (open) {
      setResult(null);
      setError(null);
      setForce(false);
    }
  }, [open]);
  const run = async (work: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await work();
      remember(key, dir.trim());
      setResult(r);
    } catch (err) {
      const code = (err as { code?: string }).code;
      setError({
        message: errorMessage(err),
        conflict: code === 'conflict',
        ...(fieldErrors(err).dir ? { field: fieldErrors(err).dir } : {}),
      });
    } finally {
      setBusy(false);
    }
  };
  return { dir, setDir, force, setForce, busy, result, error, run };
}

export function ExportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const s = useFolderAction<ExportResultDto>('exportDir', open);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!s.dir.trim()) return;
    void s.run(() => api.call('io:export', { dir: s.dir.trim(), force: s.force }));
  };
  return (
    <Dialog
      open={open}
      title="Export as markdown"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {s.result ? 'Close' : 'Cancel'}
          </button>
          {!s.result && (
            <button type="submit" form="io-export-form" className="button primary" disabled={s.busy || !s.dir.trim()}>
              {s.busy ? 'Exporting…' : 'Export'}
            </button>
          )}
        </>
      }
    >
      {s.result ? (
        <div role="status" className="io-result">
          <p>
            Exported <strong>{s.result.entries.toLocaleString()}</strong> entries and {s.result.attachments.toLocaleString()}{' '}
            attachments to <code>{s.result.dir}</code>.
          </p>
          {s.result.removed > 0 && (
            <p className="muted">Removed {s.result.removed} files of entries deleted since the last export into this folder.</p>
          )}
          {s.result.missingAttachments.length > 0 && (
            <p className="io-error">
              {s.result.missingAttachments.length} attachments are missing from the data folder; their links were kept.
            </p>
          )}
        </div>
      ) : (
        <form id="io-export-form" onSubmit={submit}>
          <p>
            Every entry becomes a markdown file with its date, kind, tags and fields in front matter, [[links]] as written and
            attachments in <code>attachments/</code>. Obsidian and other editors open it as it is, and importing the folder gives
            the entries back.
          </p>
          <WhereNote />
          <Field label="Folder" error={s.error?.field ?? (s.error && !s.error.conflict ? s.error.message : undefined)}>
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="text"
                value={s.dir}
                onChange={(e) => s.setDir(e.target.value)}
                placeholder="/home/me/Folio export"
                spellCheck={false}
                autoComplete="off"
                required
              />
            )}
          </Field>
          {s.error?.conflict && (
            <div className="io-conflict" role="alert">
              <p>{s.error.message}</p>
              <label className="io-check">
                <input type="checkbox" checked={s.force} onChange={(e) => s.setForce(e.target.checked)} /> Write into this folder
                anyway
              </label>
            </div>
          )}
        </form>
      )}
    </Dialog>
  );
}

export function PublishDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const s = useFolderAction<PublishResultDto>('publishDir', open);
  const [title, setTitle] = useState(() => remembered('siteTitle', 'Journal'));
  const [baseUrl, setBaseUrl] = useState(() => remembered('baseUrl'));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!s.dir.trim()) return;
    setIssues({});
    void s.run(async () => {
      try {
        const r = await api.call('io:publish', {
          dir: s.dir.trim(),
          force: s.force,
          ...(title.trim() ? { siteTitle: title.trim() } : {}),
          ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        });
        remember('siteTitle', title.trim());
        remember('baseUrl', baseUrl.trim());
        return r;
      } catch (err) {
        setIssues(fieldErrors(err));
        throw err;
      }
    });
  };
  return (
    <Dialog
      open={open}
      title="Publish a site"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {s.result ? 'Close' : 'Cancel'}
          </button>
          {s.result ? (
            <button
              type="button"
              className="button primary"
              disabled={s.busy}
              onClick={() =>
                void s.run(() =>
                  api.call('io:publish', {
                    dir: s.dir.trim(),
                    force: true,
                    ...(title.trim() ? { siteTitle: title.trim() } : {}),
                    ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
                  }),
                )
              }
            >
              Publish again
            </button>
          ) : (
            <button type="submit" form="io-publish-form" className="button primary" disabled={s.busy || !s.dir.trim()}>
              {s.busy ? 'Publishing…' : 'Publish'}
            </button>
          )}
        </>
      }
    >
      {s.result ? (
        <div role="status" className="io-result">
          <p>
            Published <strong>{s.result.posts.toLocaleString()}</strong> public {s.result.posts === 1 ? 'entry' : 'entries'} (
            {s.result.tags} tags, {s.result.files.length} files) to <code>{s.result.dir}</code>.
          </p>
          {s.result.removed > 0 && <p className="muted">Removed {s.result.removed} pages that are no longer public.</p>}
          <p className="muted">
            Push that folder to your host (GitHub Pages, Netlify, any web server). The feed is <code>{s.result.feed}</code>.
          </p>
        </div>
      ) : (
        <form id="io-publish-form" onSubmit={submit}>
          <p>
            Entries marked public (posts, weekly reviews…) become a static site: an index by date, a page per entry, tag pages and
            an RSS feed. Private entries are left out, and so is every <code>:::private</code> block inside public ones.
          </p>
          <WhereNote />
          <Field
            label="Folder"
            error={
              issues.dir ??
              s.error?.field ??
              (s.error && !s.error.conflict && !Object.keys(issues).length ? s.error.message : undefined)
            }
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="text"
                value={s.dir}
                onChange={(e) => s.setDir(e.target.value)}
                placeholder="/home/me/site"
                spellCheck={false}
                autoComplete="off"
                required
              />
            )}
          </Field>
          <Field label="Site title" error={issues.siteTitle}>
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="text"
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Address of the site (optional)"
            error={issues.baseUrl}
            hint="e.g. https://me.example/blog/ — makes the feed's links absolute, as feed readers expect"
          >
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="url"
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                placeholder="https://"
                spellCheck={false}
              />
            )}
          </Field>
          {s.error?.conflict && (
            <div className="io-conflict" role="alert">
              <p>{s.error.message}</p>
              <label className="io-check">
                <input type="checkbox" checked={s.force} onChange={(e) => s.setForce(e.target.checked)} /> Write into this folder
                anyway
              </label>
            </div>
          )}
        </form>
      )}
    </Dialog>
  );
}

const FORMATS = [
  { key: 'html', label: 'HTML page', hint: 'one file, images inside; opens in any browser' },
  { key: 'pdf', label: 'PDF', hint: 'A4, laid out by Folio with the fonts installed here' },
  { key: 'markdown', label: 'Markdown', hint: 'front matter + text, images inside; always keeps private blocks' },
] as const;

export function EntryExportDialog({
  open,
  onClose,
  id,
  initialFormat,
}: {
  open: boolean;
  onClose(): void;
  id: string | null;
  initialFormat?: 'html' | 'pdf' | 'markdown';
}) {
  const api = useApi();
  const [format, setFormat] = useState<'html' | 'pdf' | 'markdown'>(initialFormat ?? 'html');
  const [includePrivate, setIncludePrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ExportEntryDto | null>(null);
  useEffect(() => {
    if (open) {
      setFormat(initialFormat ?? 'html');
      setError(null);
      setDone(null);
    }
  }, [open, initialFormat]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!id) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('io:export-entry', { id, format, includePrivate });
      downloadBlob(exportedBlob(r), r.fileName);
      setDone(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title="Export this entry"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {done ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" form="io-entry-form" className="button primary" disabled={busy || !id}>
            {busy ? 'Preparing…' : done ? 'Download again' : 'Download'}
          </button>
        </>
      }
    >
      <form id="io-entry-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="io-formats">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.key} className="io-format">
              <input type="radio" name="io-format" value={f.key} checked={format === f.key} onChange={() => setFormat(f.key)} />
              <span>
                <strong>{f.label}</strong> <span className="muted">— {f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="io-check">
          <input
            type="checkbox"
            checked={format === 'markdown' || includePrivate}
            disabled={format === 'markdown'}
            onChange={(e) => setIncludePrivate(e.target.checked)}
          />{' '}
          Include private blocks
        </label>
        {error && (
          <p className="io-error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p role="status" className="muted">
            Saved as {done.fileName} ({Math.max(1, Math.round(done.sizeBytes / 1024)).toLocaleString()} KB).
            {done.missingGlyphs?.length
              ? ` No installed font has ${done.missingGlyphs.slice(0, 12).join(' ')}: they print as “?”.`
              : ''}
          </p>
        )}
      </form>
    </Dialog>
  );
}
