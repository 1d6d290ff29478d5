import { useState } from 'react';
import type { CommentSourceDto, CsvColumnOptions } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { errorMessage, useToasts } from '../shell/Toasts';
import { ImportReport } from './ImportDialog';

/** Watch a file on this computer (e.g. where a script saves the Firebase export): imported on every change. */
export function WatchDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const [path, setPath] = useState('');
  const [textColumn, setTextColumn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ source: CommentSourceDto } | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const csv: CsvColumnOptions | undefined = textColumn.trim() ? { textColumn: textColumn.trim() } : undefined;
      const r = await api.call('comments:watch', { path: path.trim(), format: 'auto', ...(csv ? { csv } : {}) });
      setResult(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      title="Watch a comments file"
      onClose={close}
      footer={
        result ? (
          <button type="button" className="button primary" onClick={close}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button type="button" className="button primary" disabled={!path.trim() || busy} onClick={() => void submit()}>
              {busy ? 'Importing…' : 'Watch'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <>
          <p>
            Watching <code>{result.source.path}</code>. New comments arrive in the inbox whenever the file changes, while Folio is
            open.
          </p>
          {result.source.lastReport && <ImportReport report={result.source.lastReport} />}
          {result.source.lastError && <p className="warning-text">{result.source.lastError}</p>}
        </>
      ) : (
        <>
          <p className="muted">
            The full path of a JSON or CSV file on this computer, for example where a script saves your Firebase export every
            night.
          </p>
          <Field label="File">
            {(id) => (
              <input
                id={id}
                type="text"
                value={path}
                placeholder="/home/me/blog/comments-export.json"
                onChange={(e) => setPath(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && path.trim() && void submit()}
                autoFocus
              />
            )}
          </Field>
          <Field
            label="CSV text column (optional)"
            hint="Only for CSV files whose text column is not called text, comment, message, body or content."
          >
            {(id, d) => (
              <input
                id={id}
                aria-describedby={d}
                type="text"
                value={textColumn}
                onChange={(e) => setTextColumn(e.target.value)}
              />
            )}
          </Field>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </>
      )}
    </Dialog>
  );
}

export function WatchedFiles({ sources, onAdd }: { sources: CommentSourceDto[]; onAdd(): void }) {
  const api = useApi();
  const toasts = useToasts();
  return (
    <section className="inbox-sources" aria-labelledby="inbox-sources-title">
      <h2 id="inbox-sources-title" className="inbox-side-title">
        Watched files
        <button type="button" className="icon-button tiny" aria-label="Watch a file" title="Watch a file" onClick={onAdd}>
          +
        </button>
      </h2>
      {sources.length === 0 ? (
        <p className="faint small">Keep the inbox in step with an export file that changes.</p>
      ) : (
        <ul>
          {sources.map((s) => (
            <li key={s.id} className={s.lastError ? 'has-error' : undefined}>
              <span className="inbox-source-name" title={s.path}>
                {s.path.split(/[\\/]/).pop()}
              </span>
              <span className="small faint">
                {s.lastError
                  ? s.lastError
                  : s.lastImportAt
                    ? `imported ${new Date(s.lastImportAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}`
                    : 'not imported yet'}
              </span>
              <button
                type="button"
                className="link-button small"
                onClick={() =>
                  void api.call('comments:unwatch', { id: s.id }).then(
                    () => toasts.show({ kind: 'info', title: 'Stopped watching', body: s.path }),
                    (err: unknown) => toasts.error('Could not stop watching', err),
                  )
                }
              >
                Stop
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
