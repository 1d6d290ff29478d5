import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { CommentAction, CommentStateDto, CommentView } from '@folio/core/contract';
import { useApi, useCall, useEvent } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { MenuButton } from '../components/MenuButton';
import { downloadBlob } from '../io/download';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { navigate, type Route } from '../shell/router';
import { errorMessage, useToasts } from '../shell/Toasts';
import { CommentRow } from './CommentRow';
import { ExplainPopover } from './ExplainPopover';
import { ACTION_PAST, VIEW_LABELS, VIEWS, isView, plural, staysInView } from './format';
import { ImportDialog } from './ImportDialog';
import { inboxKeyAction, SHORTCUTS } from './keys';
import { ModelPanel } from './ModelPanel';
import { WatchDialog, WatchedFiles } from './WatchedFiles';

type Sort = 'newest' | 'oldest' | 'score' | 'score-asc';
const SORT_LABELS: Record<Sort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  score: 'Most spammy first',
  'score-asc': 'Least spammy first',
};
const PAGE = 200;

/** Keys typed into a field, a dialog or a menu are theirs; Enter and Space on a button press it. */
function isTyping(target: EventTarget | null, key: string): boolean {
  const t = target as HTMLElement | null;
  if (!t?.closest) return false;
  if (t.closest('textarea, select, [contenteditable="true"], dialog, [role="dialog"], [role="menu"]')) return true;
  if (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(t.type)) return true;
  return (key === 'Enter' || key === ' ') && !!t.closest('button, a, input');
}

function hasFiles(e: { dataTransfer: DataTransfer | null }): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}

/** How long a comment opened by a link (`?comment=<id>`) stays highlighted. */
const FLASH_MS = 1600;

/**
 * `#/inbox?view=review`: the comment inbox. `?comment=<id>` (search results link there) selects that
 * comment, scrolls to it and flashes it; when it is not among the comments listed (another view, further
 * down, deleted) it is shown first, until the view changes.
 */
export function InboxView({ route }: { route: Route }) {
  const api = useApi();
  const toasts = useToasts();
  const viewParam = route.query.get('view');
  const view: CommentView = isView(viewParam) ? viewParam : 'all';
  const wantedId = route.query.get('comment');
  const [filter, setFilter] = useState('');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('newest');
  const [limit, setLimit] = useState(PAGE);
  const list = useCall(
    'comments:list',
    { view, sort, limit, ...(query ? { query } : {}) },
    { domains: ['comments', 'settings'] },
  );
  const sources = useCall('comments:sources', {}, { domains: ['comments'] });
  const wanted = useCall('comments:get', wantedId ? { id: wantedId } : null, { domains: ['comments'] });
  const listed = useMemo(() => list.data?.items ?? [], [list.data]);
  // The answer for this link (not a previous one still shown while loading); the link may carry the site's id.
  const pinned =
    wantedId && wanted.data && (wanted.data.id === wantedId || wanted.data.externalId === wantedId) ? wanted.data : undefined;
  const items = useMemo(
    () => (pinned && !listed.some((c) => c.id === pinned.id) ? [pinned, ...listed] : listed),
    [pinned, listed],
  );

  const [cursorId, setCursorId] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [expanded, setExpanded] = useState<string | null>(null);
  const [explainId, setExplainId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [importFile, setImportFile] = useState<File | null>(null);
  const [watchOpen, setWatchOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [announce, setAnnounce] = useState('');
  const undoStack = useRef<{ label: string; previous: CommentStateDto[] }[]>([]);
  const [undoLabel, setUndoLabel] = useState<string | null>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const dragDepth = useRef(0);

  // The filter is applied a moment after typing stops.
  useEffect(() => {
    const t = setTimeout(() => setQuery(filter.trim()), 200);
    return () => clearTimeout(t);
  }, [filter]);
  // A new view or filter starts at the top with nothing selected.
  useEffect(() => {
    setSelected(new Set());
    setCursorId(null);
    lastIndex.current = 0;
    setLimit(PAGE);
    setExplainId(null);
  }, [view, query, sort]);

  // A linked comment: select it once it has loaded (once per link), and flash it.
  const [flashId, setFlashId] = useState<string | null>(null);
  const linkedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!pinned || linkedFor.current === pinned.id) return;
    linkedFor.current = pinned.id;
    setCursorId(pinned.id);
    setFlashId(pinned.id);
  }, [pinned]);
  useEffect(() => {
    if (!flashId) return;
    const t = setTimeout(() => setFlashId(null), FLASH_MS);
    return () => clearTimeout(t);
  }, [flashId]);
  useEffect(() => {
    if (!wantedId) linkedFor.current = null;
  }, [wantedId]);

  let cursor = cursorId ? items.findIndex((c) => c.id === cursorId) : -1;
  if (cursor < 0) cursor = Math.min(lastIndex.current, items.length - 1);
  lastIndex.current = Math.max(0, cursor);
  const current = cursor >= 0 ? items[cursor] : undefined;

  // Selection follows what is shown.
  useEffect(() => {
    setSelected((s) => {
      if (s.size === 0) return s;
      const ids = new Set(items.map((c) => c.id));
      const next = new Set([...s].filter((id) => ids.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [items]);

  useEffect(() => {
    if (!current) return;
    document.getElementById(`comment-${current.id}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const moveTo = useCallback(
    (index: number) => {
      const c = items[Math.max(0, Math.min(items.length - 1, index))];
      if (c) setCursorId(c.id);
    },
    [items],
  );

  const decide = useCallback(
    async (ids: string[], action: CommentAction, opts: { advanceFrom?: number } = {}) => {
      if (ids.length === 0) return;
      try {
        const r = await api.call('comments:decide', { ids, action });
        const label = `${ACTION_PAST[action]} ${plural(ids.length, 'comment')}`;
        if (r.changed > 0) {
          undoStack.current.push({ label, previous: r.previous });
          if (undoStack.current.length > 50) undoStack.current.shift();
        }
        setUndoLabel(label);
        setAnnounce(label);
        if (opts.advanceFrom !== undefined) {
          // Go on to the next comment (whether or not this one leaves the view).
          const next =
            items[opts.advanceFrom + 1] ?? (staysInView(view, action) ? items[opts.advanceFrom] : items[opts.advanceFrom - 1]);
          if (next) setCursorId(next.id);
        }
      } catch (err) {
        toasts.error('Could not change the comment', err);
      }
    },
    [api, items, toasts, view],
  );

  const undo = useCallback(async () => {
    const last = undoStack.current.pop();
    if (!last) {
      setAnnounce('Nothing to undo');
      return;
    }
    try {
      await api.call('comments:revert', { items: last.previous });
      const ids = last.previous.map((p) => p.id);
      if (ids.length === 1) setCursorId(ids[0]!);
      setUndoLabel(`Undone: ${last.label.toLowerCase()}`);
      setAnnounce(`Undone: ${last.label}`);
    } catch (err) {
      toasts.error('Could not undo', err);
    }
  }, [api, toasts]);

  const toggleSelect = useCallback((id: string) => {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }, []);

  const exportApproved = useCallback(async () => {
    try {
      const r = await api.call('comments:export', { status: 'approved' });
      downloadBlob(new Blob([r.json ?? '{}'], { type: 'application/json;charset=utf-8' }), 'comments-approved.json');
      toasts.show({
        kind: 'success',
        title: 'Exported',
        body: `${plural(r.count, 'approved comment')} in comments-approved.json`,
      });
    } catch (err) {
      toasts.error('Export failed', err);
    }
  }, [api, toasts]);

  const setView = (v: CommentView) => navigate(`/inbox${v === 'all' ? '' : `?view=${v}`}`);

  // Keyboard triage.
  const keyState = useRef({ items, cursor, selected, current, decide, undo, moveTo, view });
  keyState.current = { items, cursor, selected, current, decide, undo, moveTo, view };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target, e.key)) return;
      const a = inboxKeyAction(e);
      if (!a) return;
      const s = keyState.current;
      switch (a.type) {
        case 'move':
          s.moveTo(s.cursor + a.by);
          break;
        case 'edge':
          s.moveTo(a.to === 'first' ? 0 : s.items.length - 1);
          break;
        case 'toggle-select':
          if (s.current) toggleSelect(s.current.id);
          break;
        case 'select-all':
          setSelected((sel) =>
            sel.size === s.items.length && s.items.length > 0 ? new Set() : new Set(s.items.map((c) => c.id)),
          );
          break;
        case 'clear-select':
          if (s.selected.size === 0 && !explainId) return;
          setSelected(new Set());
          setExplainId(null);
          break;
        case 'decide':
          if (a.bulk) {
            const ids = s.selected.size > 0 ? [...s.selected] : s.current ? [s.current.id] : [];
            void s.decide(ids, a.action);
            setSelected(new Set());
          } else if (s.current) void s.decide([s.current.id], a.action, { advanceFrom: s.cursor });
          break;
        case 'undo':
          void s.undo();
          break;
        case 'filter':
          filterInput.current?.focus();
          break;
        case 'help':
          setHelpOpen(true);
          break;
        case 'explain':
          if (s.current && s.current.score !== null) setExplainId((id) => (id === s.current!.id ? null : s.current!.id));
          break;
        case 'expand':
          if (s.current) setExpanded((id) => (id === s.current!.id ? null : s.current!.id));
          break;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleSelect, explainId]);

  useEvent('comments:retrained', (run) => {
    if (run.state === 'done' && run.trigger === 'auto' && run.before && run.after) {
      toasts.show({
        kind: 'info',
        title: 'Learned from your decisions',
        body: `${plural(run.labels.used, 'decision')}: F1 ${run.before.f1.toFixed(2)} → ${run.after.f1.toFixed(2)} on held-out decisions.`,
      });
    }
  });
  useEvent('comments:imported', (e) => {
    if (e.report && e.report.imported + e.report.updated > 0) {
      toasts.show({
        kind: 'info',
        title: 'Watched file imported',
        body: `${plural(e.report.imported, 'new comment')}${e.report.updated ? `, ${e.report.updated} updated` : ''}`,
      });
    } else if (e.error) toasts.show({ kind: 'error', title: 'A watched file could not be imported', body: e.error });
  });

  const commands = useMemo<AppCommand[]>(
    () => [
      {
        id: 'comments:import',
        title: 'Import comments…',
        group: 'Inbox',
        keywords: ['firebase', 'json', 'csv'],
        run: () => setImportOpen(true),
      },
      { id: 'comments:export', title: 'Export approved comments (JSON)', group: 'Inbox', run: () => void exportApproved() },
      { id: 'comments:watch', title: 'Watch a comments file…', group: 'Inbox', run: () => setWatchOpen(true) },
      { id: 'comments:review', title: 'Comments that need review', group: 'Inbox', run: () => navigate('/inbox?view=review') },
      {
        id: 'comments:retrain',
        title: 'Retrain the spam model now',
        group: 'Inbox',
        run: () =>
          void api.call('comments:retrain', { trigger: 'manual' }).then(
            () => toasts.show({ kind: 'success', title: 'Model retrained' }),
            (err: unknown) => toasts.error('Retraining failed', err),
          ),
      },
      { id: 'comments:help', title: 'Inbox keyboard shortcuts', group: 'Inbox', shortcut: '?', run: () => setHelpOpen(true) },
    ],
    [api, exportApproved, toasts],
  );
  useRegisterCommands(commands);

  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) {
      setImportFile(f);
      setImportOpen(true);
    }
  };

  const data = list.data;
  const counts = data?.counts;
  const model = data?.model;
  const t = data?.thresholds;
  const selectedIds = [...selected];
  const empty = data && counts && counts.all + counts.deleted === 0;

  return (
    <div
      className={`inbox${dragging ? ' is-dragging' : ''}`}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        dragDepth.current++;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={onDrop}
      data-testid="inbox"
    >
      <header className="page-header inbox-header">
        <h1>Inbox</h1>
        {counts && (
          <p className="inbox-summary">
            <span>
              <strong>{counts.new}</strong> undecided
            </span>
            <span>
              <strong>{counts.review}</strong> need review
            </span>
            <span>
              <strong>{counts['likely-spam']}</strong> likely spam
            </span>
          </p>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button"
          onClick={() => void exportApproved()}
          disabled={!counts || counts.approved === 0}
        >
          <Icon name="download" size={15} /> Export approved
        </button>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setImportFile(null);
            setImportOpen(true);
          }}
        >
          <Icon name="upload" size={15} /> Import…
        </button>
        <MenuButton
          label="⋯"
          ariaLabel="More inbox actions"
          className="button"
          align="end"
          items={[
            { id: 'watch', label: 'Watch a file…', onSelect: () => setWatchOpen(true) },
            { id: 'help', label: 'Keyboard shortcuts', hint: '?', onSelect: () => setHelpOpen(true) },
          ]}
        />
      </header>

      {model?.state === 'unavailable' && (
        <div className="inbox-banner warning" role="status">
          <strong>No spam scores right now.</strong> {model.message}
        </div>
      )}

      <div className="inbox-layout">
        <aside className="inbox-side" aria-label="Inbox sections">
          <nav aria-label="Inbox views">
            <ul className="inbox-views">
              {VIEWS.map((v) => (
                <li key={v}>
                  <button
                    type="button"
                    className={view === v ? 'active' : undefined}
                    aria-current={view === v ? 'true' : undefined}
                    onClick={() => setView(v)}
                  >
                    <span>{VIEW_LABELS[v]}</span>
                    <span className="count">{counts ? counts[v] : ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <ModelPanel model={model} />
          <WatchedFiles sources={sources.data ?? []} onAdd={() => setWatchOpen(true)} />
        </aside>

        <section className="inbox-main" aria-label={`${VIEW_LABELS[view]} comments`}>
          <div className="inbox-toolbar">
            <label className="inbox-select-all" title="Select all shown (Shift+X)">
              <input
                type="checkbox"
                aria-label="Select all shown"
                checked={items.length > 0 && selected.size === items.length}
                ref={(el) => {
                  if (el) el.indeterminate = selected.size > 0 && selected.size < items.length;
                }}
                onChange={(e) => setSelected(e.target.checked ? new Set(items.map((c) => c.id)) : new Set())}
              />
            </label>
            {selected.size > 0 ? (
              <div className="inbox-bulk" role="group" aria-label="Selected comments">
                <span>{selected.size} selected</span>
                {view === 'deleted' ? (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => void decide(selectedIds, 'restore').then(() => setSelected(new Set()))}
                  >
                    Restore
                  </button>
                ) : (
                  <>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void decide(selectedIds, 'approve').then(() => setSelected(new Set()))}
                      title="Shift+A"
                    >
                      Approve
                    </button>
                    <button
                      type="button"
                      className="button small"
                      onClick={() => void decide(selectedIds, 'spam').then(() => setSelected(new Set()))}
                      title="Shift+S"
                    >
                      Spam
                    </button>
                    <button
                      type="button"
                      className="button small danger"
                      onClick={() => void decide(selectedIds, 'delete').then(() => setSelected(new Set()))}
                      title="Shift+D"
                    >
                      Delete
                    </button>
                  </>
                )}
                <button type="button" className="link-button small" onClick={() => setSelected(new Set())}>
                  Clear
                </button>
              </div>
            ) : (
              <div className="inbox-filter">
                <Icon name="search" size={15} />
                <input
                  ref={filterInput}
                  type="search"
                  aria-label="Filter comments"
                  placeholder="Filter by text, author or page  ( / )"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      setFilter('');
                      (e.target as HTMLInputElement).blur();
                    } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
                      (e.target as HTMLInputElement).blur();
                      moveTo(0);
                    }
                  }}
                />
              </div>
            )}
            <span className="spacer" />
            <label className="inbox-sort">
              <span className="visually-hidden">Sort</span>
              <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} aria-label="Sort comments">
                {(Object.keys(SORT_LABELS) as Sort[]).map((k) => (
                  <option key={k} value={k}>
                    {SORT_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {list.error && <p className="field-error">{errorMessage(list.error)}</p>}
          {wantedId && wanted.error && (
            <p className="inbox-banner warning" role="status">
              {wanted.error.code === 'not_found'
                ? 'The linked comment is not in the inbox any more.'
                : errorMessage(wanted.error)}
            </p>
          )}
          {empty ? (
            <EmptyState
              icon="inbox"
              title="No comments yet"
              action={
                <button type="button" className="button primary" onClick={() => setImportOpen(true)}>
                  Import comments…
                </button>
              }
            >
              Import your site's comments (a Firebase export, JSON or CSV) or drop the file here. A local model scores each one
              for spam and learns from your decisions.
            </EmptyState>
          ) : data && items.length === 0 ? (
            <EmptyState
              icon="check"
              title={
                query
                  ? 'Nothing matches the filter'
                  : view === 'review'
                    ? 'Nothing needs review'
                    : `No ${VIEW_LABELS[view].toLowerCase()} comments`
              }
            >
              {view === 'review' && t
                ? `Undecided comments scoring between ${Math.round(t.review * 100)}% and ${Math.round(t.spam * 100)}% show here.`
                : null}
            </EmptyState>
          ) : (
            <ul className="inbox-list" ref={listRef} aria-label="Comments" data-testid="inbox-list">
              {items.map((c, i) => (
                <CommentRowWithExplain
                  key={c.id}
                  comment={c}
                  focused={i === cursor}
                  flash={flashId === c.id}
                  selected={selected.has(c.id)}
                  expanded={expanded === c.id}
                  explaining={explainId === c.id}
                  onFocus={setCursorId}
                  onToggleSelect={toggleSelect}
                  onDecide={(id, action) => void decide([id], action, { advanceFrom: items.findIndex((x) => x.id === id) })}
                  onExplain={(id) => setExplainId((x) => (x === id ? null : id))}
                  onExpand={(id) => setExpanded((x) => (x === id ? null : id))}
                  onCloseExplain={() => setExplainId(null)}
                />
              ))}
            </ul>
          )}
          {data && data.total > listed.length && (
            <div className="inbox-more">
              <button type="button" className="button small" onClick={() => setLimit((l) => l + PAGE)}>
                Show more ({data.total - listed.length} left)
              </button>
            </div>
          )}
          <footer className="inbox-footer">
            <span aria-live="polite" className="inbox-announce">
              {announce}
            </span>
            {undoLabel && undoStack.current.length > 0 && (
              <button type="button" className="link-button small" onClick={() => void undo()}>
                Undo (u)
              </button>
            )}
            <span className="spacer" />
            <span className="faint small">
              <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>s</kbd> spam · <kbd>d</kbd> delete · <kbd>x</kbd>{' '}
              select · <kbd>u</kbd> undo · <kbd>?</kbd> all keys
            </span>
          </footer>
        </section>
      </div>

      {dragging && (
        <div className="inbox-drop" aria-hidden>
          Drop a comments file to import it
        </div>
      )}
      <ImportDialog open={importOpen} initialFile={importFile} onClose={() => setImportOpen(false)} />
      <WatchDialog open={watchOpen} onClose={() => setWatchOpen(false)} />
      <Dialog open={helpOpen} title="Inbox keyboard shortcuts" onClose={() => setHelpOpen(false)}>
        <table className="table shortcuts">
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={what}>
                <td>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' '}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Dialog>
    </div>
  );
}

function CommentRowWithExplain(props: Parameters<typeof CommentRow>[0] & { explaining: boolean; onCloseExplain(): void }) {
  const { explaining, onCloseExplain, ...row } = props;
  return (
    <>
      <CommentRow {...row} />
      {explaining && (
        <li className="inbox-explain-slot">
          <ExplainPopover id={row.comment.id} onClose={onCloseExplain} />
        </li>
      )}
    </>
  );
}
