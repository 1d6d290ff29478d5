import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ImportFileInput, ImportIssueDto, ImportPlanDto, ImportPlanEntryDto, ImportResultDto } from '@folio/core/contract';
import { useApi, useEvent } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { navigate } from '../shell/router';
import { errorMessage } from '../shell/Toasts';
import { remember, remembered } from './events';
import {
  describePicked,
  fromDataTransfer,
  fromFileList,
  uploadAttachments,
  uploadNotes,
  type PickedFile,
  type UploadProgress,
} from './pick-files';

type Source = { kind: 'files'; picked: PickedFile[] } | { kind: 'path'; path: string };

type Step =
  | { at: 'choose' }
  | { at: 'reading'; progress: UploadProgress; label: string }
  | { at: 'preview'; plan: ImportPlanDto; files?: ImportFileInput[] }
  | { at: 'importing'; progress: UploadProgress; label: string }
  | { at: 'done'; result: ImportResultDto };

const ACTION_LABEL: Record<string, string> = { create: 'New', update: 'Changed', unchanged: 'Unchanged', skip: 'Skipped' };
const RESULT_LABEL: Record<string, string> = {
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  failed: 'Failed',
};
const ROW_LIMIT = 200;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function tally(rec: Record<string, number>): string {
  return Object.entries(rec)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n.toLocaleString()}`)
    .join(' · ');
}

function hasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

/** Sets `webkitdirectory` (not in React's typings) on a file input. */
function folderInput(el: HTMLInputElement | null): void {
  if (el) {
    el.setAttribute('webkitdirectory', '');
    el.setAttribute('directory', '');
  }
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [source, setSource] = useState<Source | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [path, setPath] = useState(() => remembered('importPath'));
  const [keepExisting, setKeepExisting] = useState(false);
  // Blog posts whose source does not say whether they are public import private unless the user says so here.
  const [publicPosts, setPublicPosts] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!open) {
      abort.current?.abort();
      setStep({ at: 'choose' });
      setSource(null);
      setError(null);
      setPublicPosts(false);
    }
  }, [open]);

  useEvent('jobs:progress', (p) => {
    if (p.job === 'io:import' && step.at === 'importing' && p.state === 'running') {
      setStep({ at: 'importing', progress: { done: p.done, total: p.total }, label: 'Importing files' });
    }
  });

  const onExisting = keepExisting ? ('skip' as const) : ('update' as const);

  const preview = async (src: Source) => {
    setSource(src);
    setError(null);
    abort.current = new AbortController();
    try {
      if (src.kind === 'path') {
        setStep({ at: 'reading', progress: { done: 0, total: 0 }, label: `Reading ${src.path}` });
        const plan = await api.call('io:import-plan', { paths: [src.path], onExisting, publicPosts });
        remember('importPath', src.path);
        setStep({ at: 'preview', plan });
        return;
      }
      if (src.picked.length === 0) {
        setError('Nothing to import there: the folder is empty or holds only hidden files.');
        setStep({ at: 'choose' });
        return;
      }
      const files = await uploadNotes(
        api,
        src.picked,
        (progress) => setStep({ at: 'reading', progress, label: 'Reading notes' }),
        abort.current.signal,
      );
      const plan = await api.call('io:import-plan', { files, onExisting, publicPosts });
      setStep({ at: 'preview', plan, files });
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      setError(errorMessage(err));
      setStep({ at: 'choose' });
    }
  };

  /** The preview again with posts marked public or not (what is new or changed depends on it). */
  const setPostsPublic = async (value: boolean) => {
    if (step.at !== 'preview' || !source) return;
    setPublicPosts(value);
    setError(null);
    try {
      const plan =
        source.kind === 'path'
          ? await api.call('io:import-plan', { paths: [source.path], onExisting, publicPosts: value })
          : await api.call('io:import-plan', { files: step.files ?? [], onExisting, publicPosts: value });
      setStep({ ...step, plan });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const runImport = async () => {
    if (step.at !== 'preview' || !source) return;
    setError(null);
    abort.current = new AbortController();
    try {
      let result: ImportResultDto;
      if (source.kind === 'path') {
        setStep({ at: 'importing', progress: { done: 0, total: 0 }, label: 'Importing files' });
        result = await api.call('io:import', { paths: [source.path], onExisting, publicPosts });
      } else {
        const needed = step.plan.attachmentsNeeded.filter((a) => !a.uploaded).map((a) => a.path);
        const files = await uploadAttachments(
          api,
          source.picked,
          step.files ?? [],
          needed,
          (progress) => setStep({ at: 'importing', progress, label: 'Sending attachments' }),
          abort.current.signal,
        );
        setStep({ at: 'importing', progress: { done: 0, total: 0 }, label: 'Importing files' });
        result = await api.call('io:import', { files, onExisting, publicPosts });
      }
      setStep({ at: 'done', result });
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      setError(errorMessage(err));
      setStep(step);
    }
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!hasFiles(e)) return;
    const picked = await fromDataTransfer(e.dataTransfer);
    void preview({ kind: 'files', picked });
  };

  const busy = step.at === 'reading' || step.at === 'importing';
  const footer = (
    <>
      {step.at === 'preview' && (
        <button type="button" className="button" onClick={() => setStep({ at: 'choose' })}>
          Back
        </button>
      )}
      <span className="spacer" />
      {step.at !== 'done' && (
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      )}
      {step.at === 'preview' && (
        <button
          type="button"
          className="button primary"
          disabled={step.plan.counts.create + step.plan.counts.update === 0}
          onClick={() => void runImport()}
        >
          {step.plan.counts.create + step.plan.counts.update === 0
            ? 'Nothing new to import'
            : `Import ${plural(step.plan.counts.create + step.plan.counts.update, 'entry', 'entries')}`}
        </button>
      )}
      {step.at === 'done' && (
        <>
          <button
            type="button"
            className="button"
            onClick={() => {
              onClose();
              navigate('/journal');
            }}
          >
            Open the journal
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        </>
      )}
    </>
  );

  return (
    <Dialog open={open} title="Import notes" onClose={busy ? () => abort.current?.abort() : onClose} wide footer={footer}>
      <div className="io-import" aria-busy={busy}>
        {error && (
          <p className="io-error" role="alert">
            {error}
          </p>
        )}
        {step.at === 'choose' && (
          <div
            className={`io-drop${dragging ? ' is-dragging' : ''}`}
            onDragOver={(e) => {
              if (!hasFiles(e)) return;
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => void onDrop(e)}
          >
            <Icon name="upload" size={28} />
            <p className="io-drop-title">Drop a folder or files here</p>
            <p className="muted">
              An Obsidian-style vault (front matter, #tags, [[links]], attachments, <code>name.meeting.md</code> typed notes), a
              Hexo diary with one <code>## MM/DD</code> heading per day, or a plain-text microblog with <code>M/D/YY, Title</code>{' '}
              lines. Importing again updates what changed and never duplicates.
            </p>
            <div className="row io-pick">
              <label className="button primary">
                <Icon name="upload" size={15} /> Choose a folder…
                <input
                  ref={folderInput}
                  type="file"
                  multiple
                  className="io-sr"
                  data-testid="import-folder"
                  onChange={(e) => e.target.files && void preview({ kind: 'files', picked: fromFileList(e.target.files) })}
                />
              </label>
              <label className="button">
                Choose files…
                <input
                  type="file"
                  multiple
                  className="io-sr"
                  data-testid="import-files"
                  accept=".md,.markdown,.mdown,.mkd,.mdx,.txt,.text,image/*,application/pdf"
                  onChange={(e) => e.target.files && void preview({ kind: 'files', picked: fromFileList(e.target.files) })}
                />
              </label>
            </div>
            <form
              className="io-path"
              onSubmit={(e) => {
                e.preventDefault();
                if (path.trim()) void preview({ kind: 'path', path: path.trim() });
              }}
            >
              <label htmlFor="io-import-path">
                Or a folder on the computer Folio runs on (nothing is uploaded, fastest for big vaults)
              </label>
              <div className="row">
                <input
                  id="io-import-path"
                  type="text"
                  value={path}
                  placeholder="/home/me/Notes"
                  onChange={(e) => setPath(e.target.value)}
                  spellCheck={false}
                  autoComplete="off"
                />
                <button type="submit" className="button" disabled={!path.trim()}>
                  Preview
                </button>
              </div>
            </form>
            <label className="io-check">
              <input type="checkbox" checked={keepExisting} onChange={(e) => setKeepExisting(e.target.checked)} /> Keep entries
              imported before as they are, even if their file changed
            </label>
          </div>
        )}
        {busy && <Progress label={step.label} progress={step.progress} />}
        {step.at === 'preview' && source && (
          <Preview
            plan={step.plan}
            sourceLabel={source.kind === 'path' ? source.path : describePicked(source.picked)}
            publicPosts={publicPosts}
            onPublicPosts={(v) => void setPostsPublic(v)}
          />
        )}
        {step.at === 'done' && <ResultView result={step.result} />}
      </div>
    </Dialog>
  );
}

function Progress({ label, progress }: { label: string; progress: UploadProgress }) {
  const known = progress.total > 0;
  return (
    <div className="io-progress" role="status" aria-live="polite">
      <p>
        {label}
        {known ? ` — ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : '…'}
      </p>
      <progress aria-label={label} {...(known ? { value: progress.done, max: progress.total } : {})} />
    </div>
  );
}

function IssueList({ issues, title }: { issues: ImportIssueDto[]; title: string }) {
  const [all, setAll] = useState(false);
  if (issues.length === 0) return null;
  const order = { error: 0, skipped: 1, warning: 2 } as const;
  const sorted = [...issues].sort((a, b) => order[a.severity] - order[b.severity]);
  const shown = all ? sorted : sorted.slice(0, 50);
  return (
    <section className="io-issues" aria-label={title}>
      <h3>
        {title} <span className="muted">({issues.length.toLocaleString()})</span>
      </h3>
      <ul>
        {shown.map((i, k) => (
          <li key={k} className={`io-issue io-issue-${i.severity}`}>
            <span className="io-issue-kind">
              {i.severity === 'error' ? 'Not imported' : i.severity === 'skipped' ? 'Skipped' : 'Note'}
            </span>
            <span className="io-issue-path">
              {i.path}
              {i.line ? `:${i.line}` : ''}
            </span>
            <span className="io-issue-reason">{i.reason}</span>
          </li>
        ))}
      </ul>
      {!all && sorted.length > shown.length && (
        <button type="button" className="button small" onClick={() => setAll(true)}>
          Show all {sorted.length.toLocaleString()}
        </button>
      )}
    </section>
  );
}

function Preview({
  plan,
  sourceLabel,
  publicPosts,
  onPublicPosts,
}: {
  plan: ImportPlanDto;
  sourceLabel: string;
  publicPosts: boolean;
  onPublicPosts(value: boolean): void;
}) {
  const [filter, setFilter] = useState<'all' | 'create' | 'update' | 'unchanged' | 'skip'>('all');
  const [all, setAll] = useState(false);
  const c = plan.counts;
  const rows = useMemo(() => plan.entries.filter((e) => filter === 'all' || e.action === filter), [plan, filter]);
  const shown = all ? rows : rows.slice(0, ROW_LIMIT);
  return (
    <div className="io-preview">
      <p className="io-summary" role="status">
        <strong>{sourceLabel}</strong>: {plural(c.entries, 'entry', 'entries')} in {plural(c.files, 'file')}.
      </p>
      <dl className="io-counts">
        <div>
          <dt>New</dt>
          <dd>{c.create.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{c.update.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{c.unchanged.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Files skipped</dt>
          <dd>{c.skippedFiles.toLocaleString()}</dd>
        </div>
      </dl>
      <p className="muted io-tally">
        {tally(c.byFormat) && <>By format: {tally(c.byFormat)}. </>}
        {tally(c.byKind) && <>By kind: {tally(c.byKind)}. </>}
        {c.attachments > 0 && <>{plural(c.attachments, 'attachment')}. </>}
        {c.mojibakeRepaired > 0 && <>{plural(c.mojibakeRepaired, 'garbled character sequence')} repaired. </>}
      </p>
      <p className="muted io-visibility">
        Entries are imported private unless their file says they are public (<code>public: true</code>,{' '}
        <code>published: true</code>…).
      </p>
      {c.unmarkedPosts > 0 && (
        <label className="io-check io-public-posts">
          <input type="checkbox" checked={publicPosts} onChange={(e) => onPublicPosts(e.target.checked)} />
          <span>
            Mark these {plural(c.unmarkedPosts, 'post')} public{' '}
            <span className="muted">
              — blog or microblog posts whose source does not say whether they are public. Public entries are what{' '}
              <em>Publish</em> puts on your site.
            </span>
          </span>
        </label>
      )}
      {plan.entries.length > 0 && (
        <section aria-label="Entries">
          <div className="io-chips" role="group" aria-label="Show entries">
            {(['all', 'create', 'update', 'unchanged', 'skip'] as const).map((f) => {
              const n = f === 'all' ? plan.entries.length : plan.entries.filter((e) => e.action === f).length;
              if (f !== 'all' && n === 0) return null;
              return (
                <button
                  key={f}
                  type="button"
                  className={`io-chip${filter === f ? ' active' : ''}`}
                  aria-pressed={filter === f}
                  onClick={() => setFilter(f)}
                >
                  {f === 'all' ? 'All' : ACTION_LABEL[f]} <span className="count">{n.toLocaleString()}</span>
                </button>
              );
            })}
          </div>
          <table className="table io-entries">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Visibility</th>
                <th scope="col">Import</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <EntryRow key={e.sourceKey} e={e} />
              ))}
            </tbody>
          </table>
          {!all && rows.length > shown.length && (
            <button type="button" className="button small" onClick={() => setAll(true)}>
              Show all {rows.length.toLocaleString()}
            </button>
          )}
        </section>
      )}
      <IssueList issues={plan.issues} title="Files and lines that need a look" />
    </div>
  );
}

function EntryRow({ e }: { e: ImportPlanEntryDto }) {
  return (
    <tr>
      <td className="io-date">
        {e.date}
        {e.time ? ` ${e.time}` : ''}
      </td>
      <td>
        <span className="io-title">{e.title || e.date}</span>
        <span className="io-source" title={e.sourcePath}>
          {e.sourceKey}
        </span>
      </td>
      <td>
        {e.storedKind && e.storedKind !== e.kind ? (
          <span title={`A ${e.kind} entry, stored as a ${e.storedKind}`}>
            {e.kind} → {e.storedKind}
          </span>
        ) : (
          e.kind
        )}
      </td>
      <td className="io-visibility-cell">{e.isPublic ? 'Public' : e.unmarkedPost ? 'Private (not marked)' : 'Private'}</td>
      <td>
        <span className={`io-action io-action-${e.action}`} title={e.reason}>
          {ACTION_LABEL[e.action]}
        </span>
      </td>
    </tr>
  );
}

function ResultView({ result }: { result: ImportResultDto }) {
  const failed = result.entries.filter((e) => e.action === 'failed');
  return (
    <div className="io-result">
      <p className="io-summary" role="status">
        {result.created + result.updated > 0 ? (
          <>
            Imported: <strong>{result.created.toLocaleString()}</strong> new, <strong>{result.updated.toLocaleString()}</strong>{' '}
            updated, {result.unchanged.toLocaleString()} unchanged
            {result.skipped ? `, ${result.skipped.toLocaleString()} left as they were` : ''}.
          </>
        ) : (
          <>Nothing changed: every entry was already in Folio as it is.</>
        )}
        {result.attachmentsStored > 0 && <> {plural(result.attachmentsStored, 'attachment')} stored.</>}
      </p>
      {result.failedFiles > 0 && (
        <p className="io-error" role="alert">
          {plural(result.failedFiles, 'file')} could not be imported ({plural(failed.length, 'entry', 'entries')}); nothing of
          them was written. The reasons are below.
        </p>
      )}
      <IssueList issues={result.issues} title="Not imported, and notes" />
      <details className="io-details">
        <summary>Every entry ({result.entries.length.toLocaleString()})</summary>
        <ul className="io-result-list">
          {result.entries.slice(0, 1000).map((e) => (
            <li key={e.sourceKey}>
              <span className={`io-action io-action-${e.action}`}>{RESULT_LABEL[e.action]}</span> {e.date} {e.title}
              {e.reason ? <span className="muted"> — {e.reason}</span> : null}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
