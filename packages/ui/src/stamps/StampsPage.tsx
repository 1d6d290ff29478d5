import { memo, useEffect, useMemo, useState } from 'react';
import type { StampDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import type { PageProps } from '../pages/registry';
import { href } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { StampEditor } from './StampEditor';
import { StampImage } from './StampImage';
import './stamps.css';

function longDay(day: string): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function itemHref(it: { type: string; id: string; day?: string }): string | null {
  if (it.type === 'entry') return href(`/journal/${it.id}`);
  if (it.type === 'paper' || it.type === 'highlight') return href(`/papers/${it.id}`);
  if (it.type === 'timeBlock' && it.day) return href(`/track/time?day=${it.day}`);
  if (it.type === 'task') return href('/track/tasks');
  if (it.type === 'spend') return href('/track/spend');
  return null;
}

function StampCard({ s, open, onEdit }: { s: StampDto; open: boolean; onEdit(): void }) {
  const pct = Math.round(s.progress * 100);
  return (
    <li
      className={`stamp-card ${s.earned ? 'earned' : s.broken ? 'broken' : 'locked'}${open ? ' open' : ''}`}
      id={`stamp-${s.id}`}
      data-testid={`stamp-${s.id}`}
    >
      <div className="stamp-art">
        <StampImage image={s.image} scale={2} locked={!s.earned} />
        {s.unseen && <span className="badge new">new</span>}
      </div>
      <div className="stamp-body">
        <div className="stamp-title">
          <h3>{s.name}</h3>
          <button type="button" className="button small stamp-edit" onClick={onEdit} aria-label={`Edit ${s.name}`}>
            Edit
          </button>
        </div>
        <p className="stamp-desc">{s.description}</p>
        <p className="faint stamp-rule">{s.ruleText}</p>
        {s.earned ? (
          <>
            <p className="stamp-earned">Earned {longDay(s.earnedAt!)}</p>
            <details open={open}>
              <summary>Evidence: {s.evidenceText || 'the day it was earned'}</summary>
              {s.evidence.items.length > 0 ? (
                <ul className="evidence">
                  {s.evidence.items.slice(0, 40).map((it) => {
                    const to = itemHref(it);
                    const text = `${it.day ? `${it.day} · ` : ''}${it.title ?? `${it.type} ${it.id}`}`;
                    return <li key={`${it.type}:${it.id}`}>{to ? <a href={to}>{text}</a> : text}</li>;
                  })}
                  {s.evidence.items.length > 40 && <li className="faint">…and {s.evidence.items.length - 40} more</li>}
                </ul>
              ) : (
                <p className="faint">{s.evidence.days.join(', ')}</p>
              )}
            </details>
          </>
        ) : s.broken ? (
          <p className="broken" role="note">
            Broken: {s.broken}. Edit the rule to fix it.
          </p>
        ) : (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              aria-label={`${s.name}: ${pct}%`}
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <p className="faint stamp-detail">
              {pct}% · {s.detail}
            </p>
          </>
        )}
      </div>
    </li>
  );
}

function ExportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const api = useApi();
  const toasts = useToasts();
  const [dir, setDir] = useState('');
  const [title, setTitle] = useState('My stamps');
  const [locked, setLocked] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const toFolder = async () => {
    try {
      const r = await api.call('stamps:export', { dir, title, includeLocked: locked });
      toasts.show({ kind: 'success', title: 'Collection exported', body: `${r.index} and ${r.images.length} images` });
      onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const download = async () => {
    try {
      const r = await api.call('stamps:export-html', { title, includeLocked: locked });
      const url = URL.createObjectURL(new Blob([r.html], { type: 'text/html' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
      onClose();
    } catch (err) {
      toasts.error('Export failed', err);
    }
  };
  return (
    <Dialog open={open} title="Export the collection" onClose={onClose}>
      <p className="muted">
        A static page for your website: earned stamps with their dates and evidence, locked ones with their progress.
      </p>
      <Field label="Page title">{(id) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
      <label className="checkbox">
        <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.target.checked)} /> Include locked stamps
      </label>
      <h3 style={{ marginTop: 16 }}>Into a folder</h3>
      <Field label="Folder" error={error} hint="index.html and the images are written there, e.g. ~/site/stamps">
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            value={dir}
            onChange={(e) => setDir(e.target.value)}
            placeholder="/home/me/site/stamps"
          />
        )}
      </Field>
      <div className="row">
        <button type="button" className="button primary" disabled={!dir.trim()} onClick={() => void toFolder()}>
          Write the folder
        </button>
        <span className="faint">or</span>
        <button type="button" className="button" onClick={() => void download()}>
          Download one HTML file
        </button>
      </div>
    </Dialog>
  );
}

/** `#/stamps` (`?open=<id>` scrolls to one): the collection, earned and locked, with the rule editor and export. */
export const StampsPage = memo(function StampsPage({ route }: PageProps) {
  const api = useApi();
  const toasts = useToasts();
  const list = useCall('stamps:list', {}, { domains: ['stamps', 'tracking', 'journal', 'papers', 'comments'] });
  const sources = useCall('stamps:sources', {}, { domains: ['tracking', 'journal'] });
  const [editing, setEditing] = useState<{ stamp?: StampDto } | null>(null);
  const [exporting, setExporting] = useState(false);
  const open = route.query.get('open');
  const stamps = useMemo(() => list.data ?? [], [list.data]);
  const earned = useMemo(() => stamps.filter((s) => s.earned).sort((a, b) => (a.earnedAt! < b.earnedAt! ? 1 : -1)), [stamps]);
  const locked = useMemo(
    () =>
      stamps
        .filter((s) => !s.earned)
        .sort((a, b) => Number(Boolean(a.broken)) - Number(Boolean(b.broken)) || b.progress - a.progress),
    [stamps],
  );

  useEffect(() => {
    if (open && list.data) document.getElementById(`stamp-${open}`)?.scrollIntoView({ block: 'center' });
  }, [open, list.data]);

  const recheck = async () => {
    try {
      const r = await api.call('stamps:recheck', {});
      toasts.show({
        kind: 'info',
        title: `Checked ${r.evaluated} stamps`,
        body: r.newlyEarned.length ? `Earned: ${r.newlyEarned.map((s) => s.name).join(', ')}` : undefined,
        timeout: 3000,
      });
    } catch (err) {
      toasts.error('Could not check', err);
    }
  };
  const remove = async (s: StampDto) => {
    if (!window.confirm(`Delete the stamp “${s.name}”?${s.builtIn ? ' (Starter stamps can be restored later.)' : ''}`)) return;
    await api.call('stamps:delete', { id: s.id });
    setEditing(null);
  };

  return (
    <div className="page stamps-page">
      <header className="page-header">
        <h1>Stamps</h1>
        {list.data && (
          <span className="faint" data-testid="stamps-count">
            {earned.length} of {stamps.length} earned
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="button primary" onClick={() => setEditing({})}>
          New stamp
        </button>
        <button type="button" className="button" onClick={() => setExporting(true)}>
          Export…
        </button>
        <button type="button" className="button" onClick={() => void recheck()}>
          Check again
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void api.call('stamps:reset-starter', {})}
          title="Bring back deleted starter stamps"
        >
          Restore starter set
        </button>
      </header>
      <p className="muted">
        Achievements earned from what Folio already knows: your daily stats, habits, time, tasks, journal and papers. Each rule is
        yours to edit.
      </p>
      {list.error && <p className="field-error">{list.error.message}</p>}
      <section aria-labelledby="earned-h">
        <h2 id="earned-h">Earned</h2>
        {list.data && earned.length === 0 ? (
          <EmptyState icon="stamps" title="None earned yet">
            Check in for a week with a vegetable every day, write seven days in a row, or log your first expense. The closest ones
            are below.
          </EmptyState>
        ) : (
          <ul className="stamp-grid" aria-label="Earned stamps">
            {earned.map((s) => (
              <StampCard key={s.id} s={s} open={open === s.id} onEdit={() => setEditing({ stamp: s })} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="locked-h">
        <h2 id="locked-h">Still to earn</h2>
        <ul className="stamp-grid" aria-label="Locked stamps">
          {locked.map((s) => (
            <StampCard key={s.id} s={s} open={open === s.id} onEdit={() => setEditing({ stamp: s })} />
          ))}
        </ul>
      </section>
      <Dialog
        open={editing !== null}
        title={editing?.stamp ? `Edit “${editing.stamp.name}”` : 'New stamp'}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && sources.data && (
          <>
            <StampEditor stamp={editing.stamp} sources={sources.data} onClose={() => setEditing(null)} />
            {editing.stamp && (
              <div className="row">
                <span className="spacer" />
                <button type="button" className="button small danger" onClick={() => void remove(editing.stamp!)}>
                  Delete this stamp
                </button>
              </div>
            )}
          </>
        )}
      </Dialog>
      <ExportDialog open={exporting} onClose={() => setExporting(false)} />
    </div>
  );
});
