import { useEffect, useState } from 'react';
import type { BibtexImportResultDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { errorMessage } from '../shell/Toasts';
import { downloadText } from './format';

/** BibTeX of the given items (all when `ids` is null), to copy or save as a .bib file. */
export function BibtexExportDialog({ open, ids, onClose }: { open: boolean; ids: string[] | null; onClose(): void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [count, setCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setText('');
    setError(null);
    setCopied(false);
    api.call('papers:bibtex', ids ? { ids } : {}).then(
      (r) => {
        if (!live) return;
        setText(r.text);
        setCount(r.count);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, ids, open]);

  return (
    <Dialog
      open={open}
      title={`BibTeX${count ? ` (${count} entr${count === 1 ? 'y' : 'ies'})` : ''}`}
      onClose={onClose}
      wide
      footer={
        <>
          <button
            type="button"
            className="button"
            disabled={!text}
            onClick={() =>
              void navigator.clipboard?.writeText(text).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!text}
            onClick={() =>
              downloadText(count === 1 ? 'reference.bib' : 'library.bib', text, 'application/x-bibtex;charset=utf-8')
            }
          >
            Save .bib…
          </button>
        </>
      }
    >
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : (
        <textarea
          className="papers-code"
          readOnly
          rows={18}
          value={text || 'Preparing…'}
          aria-label="BibTeX"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </Dialog>
  );
}

/** Paste BibTeX or pick a .bib file: new items are added, known ones (same DOI or arXiv id) completed. */
export function BibtexImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [result, setResult] = useState<BibtexImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setText('');
      setResult(null);
      setError(null);
    }
  }, [open]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.call('papers:import-bibtex', { text }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="Import BibTeX"
      onClose={onClose}
      wide
      footer={
        result ? (
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <label className="button">
              Choose .bib file…
              <input
                type="file"
                accept=".bib,.bibtex,text/plain,application/x-bibtex"
                className="visually-hidden"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void f.text().then(setText);
                  e.target.value = '';
                }}
              />
            </label>
            <button type="button" className="button primary" disabled={!text.trim() || busy} onClick={() => void run()}>
              Import
            </button>
          </>
        )
      }
    >
      {result ? (
        <div className="papers-import-result" role="status">
          <p>
            <strong>{result.created}</strong> added, <strong>{result.merged}</strong> completed existing items,{' '}
            {result.items.length - result.created - result.merged} already in your library.
          </p>
          {result.errors.length > 0 && (
            <>
              <p className="muted">These parts could not be read:</p>
              <ul className="papers-import-errors">
                {result.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : (
        <>
          <p className="muted small">
            Entries become links or books in your library; an entry whose DOI or arXiv id is already there fills in what that item
            lacks.
          </p>
          <textarea
            className="papers-code"
            rows={14}
            value={text}
            placeholder="@article{vaswani2017attention, …}"
            aria-label="BibTeX to import"
            onChange={(e) => setText(e.target.value)}
          />
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
