import { useState } from 'react';
import type { EntryDto } from '@folio/core/contract';
import type { EntryFields } from './autosave';
import { formatRelative } from './format';
import { DiffView } from './HistoryPanel';
import { diffLines } from './line-diff';

/**
 * The stored entry changed elsewhere while this window had unsaved edits. Nothing was overwritten;
 * the writer chooses: keep mine (saved on top, theirs stays in history), keep theirs, or copy mine to
 * a new entry.
 */
export function ConflictBanner({
  current,
  mine,
  mineBody,
  onKeepMine,
  onKeepTheirs,
  onCopyMine,
}: {
  current: EntryDto;
  mine: EntryFields;
  /** My full text (the editor's), for the comparison. */
  mineBody: string;
  onKeepMine(): void;
  onKeepTheirs(): void;
  onCopyMine(): void;
}) {
  const [compare, setCompare] = useState(false);
  const trashed = current.deletedAt !== null;
  return (
    <div className="conflict-banner" role="alert">
      <div className="conflict-text">
        <strong>{trashed ? 'This entry was moved to the trash elsewhere.' : 'This entry was changed elsewhere.'}</strong>{' '}
        <span>
          {trashed
            ? 'Your unsaved text is kept on this device.'
            : `Another window or the command line saved it ${formatRelative(current.updatedAt)} (version ${current.revision}). Your unsaved text is kept on this device; nothing was overwritten.`}
        </span>
      </div>
      <div className="conflict-actions">
        {!trashed && (
          <button type="button" className="button small primary" onClick={onKeepMine}>
            Keep mine
          </button>
        )}
        {!trashed && (
          <button type="button" className="button small" onClick={onKeepTheirs}>
            Keep theirs
          </button>
        )}
        <button type="button" className="button small" onClick={onCopyMine}>
          Copy mine to a new entry
        </button>
        {!trashed && mine.body !== undefined && (
          <button type="button" className="button small ghost" aria-expanded={compare} onClick={() => setCompare((c) => !c)}>
            {compare ? 'Hide differences' : 'Compare'}
          </button>
        )}
      </div>
      {compare && (
        <div className="conflict-diff">
          <div className="muted small">Lines marked − are only in their version, + only in yours.</div>
          <DiffView lines={diffLines(current.body, mineBody)} />
        </div>
      )}
    </div>
  );
}
