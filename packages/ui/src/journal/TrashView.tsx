import { useState } from 'react';
import { useApi, useCall } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { navigate } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { displayTitle, formatRelative, formatShortDate, KIND_LABELS, plural } from './format';

/** Entries in the trash: restore one, delete one for good, or empty the trash. */
export function TrashView() {
  const api = useApi();
  const toasts = useToasts();
  const trash = useCall('journal:trash', { limit: 500 }, { domains: ['journal'] });
  const [confirm, setConfirm] = useState<{ id: string | null; title: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const items = trash.data?.items ?? [];

  const restore = async (id: string) => {
    try {
      const e = await api.call('journal:restore', { id });
      toasts.show({ kind: 'success', title: 'Restored', body: `“${displayTitle(e)}” is back in your journal.` });
      trash.reload();
    } catch (err) {
      toasts.error('Could not restore it', err);
    }
  };
  const purge = async () => {
    if (!confirm) return;
    setBusy(true);
    try {
      const r = confirm.id ? await api.call('journal:purge', { id: confirm.id }) : await api.call('journal:empty-trash', {});
      toasts.show({ kind: 'success', title: `Deleted ${plural(r.purged, 'entry', 'entries')} for good` });
      setConfirm(null);
      trash.reload();
    } catch (err) {
      toasts.error('Could not delete', err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="trash-view">
      <div className="trash-header">
        <p className="muted">Entries stay here until you delete them for good. Their history comes back with them.</p>
        {items.length > 0 && (
          <button type="button" className="button danger" onClick={() => setConfirm({ id: null, title: '' })}>
            Empty trash
          </button>
        )}
      </div>
      {trash.data && items.length === 0 ? (
        <EmptyState icon="trash" title="The trash is empty">
          Entries you delete go here first, so nothing is lost by a slip.
        </EmptyState>
      ) : (
        <table className="table trash-table" aria-label="Trash">
          <thead>
            <tr>
              <th>Entry</th>
              <th>Date</th>
              <th>Deleted</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <div className="trash-title">{displayTitle(e)}</div>
                  <div className="muted small">
                    {KIND_LABELS[e.kind] ?? e.kind} · {plural(e.wordCount, 'word')}
                    {e.excerpt ? ` · ${e.excerpt}` : ''}
                  </div>
                </td>
                <td className="nowrap">{formatShortDate(e.date)}</td>
                <td className="nowrap">{e.deletedAt ? formatRelative(e.deletedAt) : ''}</td>
                <td className="nowrap actions">
                  <button type="button" className="button small" onClick={() => void restore(e.id)}>
                    Restore
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => setConfirm({ id: e.id, title: displayTitle(e) })}
                  >
                    Delete for good
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog
        open={confirm !== null}
        title={confirm?.id ? 'Delete for good?' : 'Empty the trash?'}
        onClose={() => setConfirm(null)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" className="button primary danger-fill" disabled={busy} onClick={() => void purge()}>
              {confirm?.id ? 'Delete for good' : `Delete ${plural(items.length, 'entry', 'entries')}`}
            </button>
          </>
        }
      >
        <p>
          {confirm?.id
            ? `“${confirm.title}” and all its versions will be gone.`
            : 'Every entry in the trash and all their versions will be gone.'}{' '}
          This cannot be undone (backups made before today still have them).
        </p>
      </Dialog>
      <p className="muted small">
        <button type="button" className="link-button" onClick={() => navigate('/journal')}>
          ← Back to the journal
        </button>
      </p>
    </div>
  );
}
