import { useMemo, useState } from 'react';
import type { RevisionReason } from '@folio/core/contract';
import { useCall } from '../api/ApiContext';
import { formatRelative, plural } from './format';
import { diffLines, diffStats, withContext } from './line-diff';
import { useJournalCall } from './use-journal-call';

const REASONS: Record<RevisionReason, string> = {
  create: 'Created',
  autosave: 'Edited',
  save: 'Saved',
  restore: 'Restored an older version',
  rename: 'Renamed',
  'link-rename': 'Link updated (renamed entry)',
  lock: 'Locked as past',
  unlock: 'Unlocked',
  template: 'Template applied',
  'edit-note': 'Edit note added',
  'keep-mine': 'Kept my version (conflict)',
  import: 'Imported',
};

/** Past versions of an entry: pick one to see what changed (a line diff) and put it back. */
export function HistoryPanel({
  entryId,
  currentBody,
  currentRevision,
  locked,
  onRestore,
}: {
  entryId: string;
  currentBody: string;
  currentRevision: number;
  locked: boolean;
  onRestore(revision: number): Promise<void>;
}) {
  const list = useJournalCall('journal:revisions', { id: entryId }, { debounceMs: 800 });
  const [picked, setPicked] = useState<number | null>(null);
  const [against, setAgainst] = useState<'current' | 'previous'>('current');
  const revs = list.data ?? [];
  const pickedIndex = revs.findIndex((r) => r.revision === picked);
  const previous = pickedIndex >= 0 ? revs[pickedIndex + 1] : undefined;
  const rev = useCall('journal:revision', picked === null ? null : { id: entryId, revision: picked }, { domains: [] });
  const prev = useCall(
    'journal:revision',
    against === 'previous' && previous ? { id: entryId, revision: previous.revision } : null,
    { domains: [] },
  );
  const [busy, setBusy] = useState(false);

  const diff = useMemo(() => {
    if (!rev.data || rev.data.revision !== picked) return null;
    if (against === 'current') return diffLines(rev.data.body, currentBody);
    if (!previous) return diffLines('', rev.data.body);
    if (!prev.data || prev.data.revision !== previous.revision) return null;
    return diffLines(prev.data.body, rev.data.body);
  }, [rev.data, prev.data, picked, against, previous, currentBody]);
  const stats = diff ? diffStats(diff) : null;

  return (
    <div className="history-panel">
      <ol className="revision-list" aria-label="Versions">
        {revs.map((r) => (
          <li key={r.revision}>
            <button
              type="button"
              className={`revision-item${r.revision === picked ? ' selected' : ''}`}
              aria-pressed={r.revision === picked}
              onClick={() => setPicked(r.revision === picked ? null : r.revision)}
            >
              <span className="revision-when" title={new Date(r.updatedAt).toLocaleString()}>
                {formatRelative(r.updatedAt)}
              </span>
              <span className="revision-reason">
                {REASONS[r.reason] ?? r.reason}
                {r.saves > 1 ? ` · ${plural(r.saves, 'save')}` : ''}
              </span>
              <span className="revision-meta">
                {r.revision === currentRevision ? <span className="badge">current</span> : plural(r.wordCount, 'word')}
              </span>
            </button>
          </li>
        ))}
        {list.data && revs.length === 0 && <li className="muted">No versions yet.</li>}
      </ol>
      {picked !== null && (
        <section className="revision-detail" aria-label={`Version ${picked}`}>
          <div className="revision-toolbar">
            <div className="j-segmented" role="group" aria-label="Compare with">
              <button type="button" aria-pressed={against === 'current'} onClick={() => setAgainst('current')}>
                vs now
              </button>
              <button type="button" aria-pressed={against === 'previous'} onClick={() => setAgainst('previous')}>
                vs before
              </button>
            </div>
            {stats && (
              <span className="diff-stats">
                <span className="added">+{stats.added}</span> <span className="removed">−{stats.removed}</span>
              </span>
            )}
            <span className="spacer" />
            <button
              type="button"
              className="button small primary"
              disabled={busy || picked === currentRevision || locked}
              title={locked ? 'Unlock the entry to restore an older version' : undefined}
              onClick={async () => {
                setBusy(true);
                try {
                  await onRestore(picked);
                  setPicked(null);
                } finally {
                  setBusy(false);
                }
              }}
            >
              Restore this version
            </button>
          </div>
          {diff ? (
            <DiffView lines={diff} />
          ) : (
            <p className="muted small" aria-busy>
              Loading…
            </p>
          )}
        </section>
      )}
    </div>
  );
}

export function DiffView({ lines }: { lines: ReturnType<typeof diffLines> }) {
  const shown = withContext(lines, 2);
  if (shown.length === 0 || lines.every((l) => l.type === 'same'))
    return <p className="muted small">No differences in the text.</p>;
  return (
    <pre className="diff" aria-label="Differences">
      {shown.map((l, i) =>
        l.type === 'gap' ? (
          <div key={i} className="diff-gap">
            ⋯ {plural(l.hidden, 'unchanged line')}
          </div>
        ) : (
          <div key={i} className={`diff-line diff-${l.type}`}>
            <span className="diff-sign" aria-hidden>
              {l.type === 'added' ? '+' : l.type === 'removed' ? '−' : ' '}
            </span>
            <span className="visually-hidden">{l.type === 'added' ? 'added: ' : l.type === 'removed' ? 'removed: ' : ''}</span>
            {l.text || ' '}
          </div>
        ),
      )}
    </pre>
  );
}
