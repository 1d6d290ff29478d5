import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { PAPER_SORTS, PAPER_STATUSES, type PaperSort, type PaperStatus, type PaperSummaryDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { navigate, type Route } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { addFiles, hasFiles, type AddFileState } from './add-files';
import { BibtexExportDialog, BibtexImportDialog } from './BibtexDialogs';
import { localOffsetMinutes, minutesLabel, STATUS_LABELS, STATUS_TABS } from './format';
import { buildLibraryIndex, defaultOrder, filterLibrary, statusCounts, tagCounts } from './library-index';
import { LibraryTable, type RowActions } from './LibraryTable';
import { PaperFormDialog } from './PaperFormDialog';

function setQuery(route: Route, changes: Record<string, string | undefined>): void {
  const q = new URLSearchParams(route.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  const s = q.toString();
  navigate(`/papers${s ? `?${s}` : ''}`);
}

function AddResults({ states, onDismiss }: { states: AddFileState[]; onDismiss(): void }) {
  const done = states.every((s) => s.state === 'added' || s.state === 'duplicate' || s.state === 'failed');
  const failed = states.filter((s) => s.state === 'failed').length;
  const added = states.filter((s) => s.state === 'added').length;
  const dups = states.filter((s) => s.state === 'duplicate').length;
  const summary = [
    added ? `${added} added` : '',
    dups ? `${dups} already in your library` : '',
    failed ? `${failed} could not be added` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <section className={`papers-add-results${failed ? ' has-errors' : ''}`} aria-label="Added files" aria-live="polite">
      <header>
        <strong>{done ? summary : `Adding ${states.length} file${states.length === 1 ? '' : 's'}…`}</strong>
        {done && (
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        )}
      </header>
      <ul>
        {states.map((s, i) => (
          <li key={i} className={`papers-add-${s.state}`} data-state={s.state}>
            <span className="papers-add-mark" aria-hidden>
              {s.state === 'added' ? '✓' : s.state === 'duplicate' ? '=' : s.state === 'failed' ? '!' : '…'}
            </span>
            {s.state === 'added' || s.state === 'duplicate' ? (
              <span>
                <a href={`#/papers/${s.paper.id}`}>{s.name}</a> — {s.message}
              </span>
            ) : s.state === 'failed' ? (
              <span>{s.message}</span>
            ) : (
              <span>
                {s.name} — {s.state === 'uploading' ? 'uploading' : s.state === 'checking' ? 'checking the file' : 'waiting'}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `#/papers`: the library. Query: ?status= ?collection= ?tag= ?kind= ?sort= ?order= */
export function LibraryView({ route }: { route: Route }) {
  const api = useApi();
  const toasts = useToasts();
  const list = useCall('papers:list', {}, { domains: ['papers'] });
  const collections = useCall('papers:collections', {}, { domains: ['papers'] });
  const stats = useCall('papers:stats', { tzOffsetMinutes: localOffsetMinutes() }, { domains: ['papers'] });

  const qs = route.query;
  const statusParam = qs.get('status');
  const status = (PAPER_STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as PaperStatus) : 'all';
  const sortParam = qs.get('sort');
  const sort = (PAPER_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as PaperSort) : 'added';
  const order = qs.get('order') === 'asc' ? 'asc' : qs.get('order') === 'desc' ? 'desc' : undefined;
  const collectionId = qs.get('collection');
  const tag = qs.get('tag');
  const kindParam = qs.get('kind');
  const kind = kindParam === 'pdf' || kindParam === 'link' || kindParam === 'book' ? kindParam : null;
  const [q, setQ] = useState('');

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [adding, setAdding] = useState<AddFileState[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const [itemDialog, setItemDialog] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [exportIds, setExportIds] = useState<string[] | null | false>(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const filterInput = useRef<HTMLInputElement>(null);
  const dragDepth = useRef(0);

  const index = useMemo(() => buildLibraryIndex(list.data?.items ?? []), [list.data]);
  // Filtering 2,000 items takes well under a millisecond and the table renders only the rows in view,
  // so each keystroke updates the table in the same frame (bench/papers.bench.ts).
  const query = q;
  const { shown, filterMs } = useMemo(() => {
    const t0 = performance.now();
    const shown = filterLibrary(index, { q: query, status, collectionId, tag, kind, sort, order });
    return { shown, filterMs: performance.now() - t0 };
  }, [index, query, status, collectionId, tag, kind, sort, order]);
  const counts = useMemo(
    () => statusCounts(index, { q: query, collectionId, tag, kind }),
    [index, query, collectionId, tag, kind],
  );
  const tags = useMemo(() => tagCounts(index.items).slice(0, 40), [index]);
  const kindCounts = useMemo(() => {
    const c = { pdf: 0, link: 0, book: 0 };
    for (const p of index.items) c[p.kind]++;
    return c;
  }, [index]);
  // Selection follows what exists.
  useEffect(() => {
    setSelected((s) => {
      if (s.size === 0) return s;
      const ids = new Set(index.items.map((p) => p.id));
      const next = new Set([...s].filter((id) => ids.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [index]);

  const startAdding = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      void addFiles(api, files, setAdding, collectionId ? { collectionId } : {}).then((states) => {
        const added = states.filter((s) => s.state === 'added');
        if (states.length === 1 && added.length === 1 && added[0]!.state === 'added')
          toasts.show({ kind: 'success', title: 'Added to your library', body: added[0]!.paper.title });
      });
    },
    [api, collectionId, toasts],
  );

  const setStatusOf = useCallback(
    (ids: string[], s: PaperStatus) => {
      void Promise.all(
        ids.map((id) => api.call('papers:set-status', { id, status: s, tzOffsetMinutes: localOffsetMinutes() })),
      ).catch((err: unknown) => toasts.error('Could not change the status', err));
    },
    [api, toasts],
  );

  const collectionItems = (ids: string[], cid: string, remove = false) =>
    void api
      .call('papers:collection-items', { collectionId: cid, paperIds: ids, remove })
      .catch((err: unknown) => toasts.error('Could not change the collection', err));

  const deleteItems = (ids: string[], title: string) => {
    if (!window.confirm(`Remove ${title} from your library? Annotations and reading history go with it.`)) return;
    void Promise.all(ids.map((id) => api.call('papers:delete', { id }))).then(
      () => toasts.show({ kind: 'info', title: ids.length === 1 ? 'Removed from your library' : `Removed ${ids.length} items` }),
      (err: unknown) => toasts.error('Could not remove', err),
    );
  };

  const newCollection = async (ids: string[] = []) => {
    const name = window.prompt('Name of the new collection');
    if (!name?.trim()) return;
    try {
      const c = await api.call('papers:collection-save', { name });
      if (ids.length) await api.call('papers:collection-items', { collectionId: c.id, paperIds: ids });
      else setQuery(route, { collection: c.id });
    } catch (err) {
      toasts.error('Could not create the collection', err);
    }
  };

  const cols = collections.data ?? [];
  const actions = useMemo<RowActions>(
    () => ({
      open: (p) => navigate(`/papers/${p.id}`),
      setStatus: (p, s) => setStatusOf([p.id], s),
      menu: (p: PaperSummaryDto): MenuItem[] => [
        { id: 'open', label: p.hasPdf ? 'Open reader' : 'Open', onSelect: () => navigate(`/papers/${p.id}`) },
        ...(p.url
          ? [{ id: 'link', label: 'Open link', onSelect: () => window.open(p.url!, '_blank', 'noopener,noreferrer') }]
          : []),
        { id: 'bib', label: 'Copy BibTeX…', onSelect: () => setExportIds([p.id]) },
        ...cols.map((c) =>
          p.collectionIds.includes(c.id)
            ? {
                id: `rm-${c.id}`,
                group: 'Collections',
                label: `Remove from ${c.name}`,
                onSelect: () => collectionItems([p.id], c.id, true),
              }
            : {
                id: `add-${c.id}`,
                group: 'Collections',
                label: `Add to ${c.name}`,
                onSelect: () => collectionItems([p.id], c.id),
              },
        ),
        { id: 'new-col', group: 'Collections', label: 'New collection…', onSelect: () => void newCollection([p.id]) },
        { id: 'delete', label: 'Remove from library', danger: true, onSelect: () => deleteItems([p.id], `“${p.title}”`) },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cols, setStatusOf],
  );

  const commands = useMemo<AppCommand[]>(
    () => [
      {
        id: 'papers:add',
        title: 'Add papers (PDF)…',
        group: 'Papers',
        keywords: ['import', 'pdf', 'upload'],
        run: () => {
          // A file picker opens only during a user gesture, and Electron's File › Add Papers… arrives over
          // IPC without one: then the Add papers button takes the focus, and Enter opens the picker.
          if (navigator.userActivation && !navigator.userActivation.isActive) {
            addButton.current?.focus();
            toasts.show({ kind: 'info', title: 'Choose the PDFs to add', body: 'Press Enter to open the file picker.' });
          } else fileInput.current?.click();
        },
      },
      {
        id: 'papers:add-item',
        title: 'Add a link or book…',
        group: 'Papers',
        keywords: ['url', 'reading list'],
        run: () => setItemDialog(true),
      },
      { id: 'papers:import-bibtex', title: 'Import BibTeX…', group: 'Papers', run: () => setImportOpen(true) },
      { id: 'papers:export-bibtex', title: 'Export the library as BibTeX', group: 'Papers', run: () => setExportIds(null) },
      {
        id: 'papers:filter',
        title: 'Filter the library',
        group: 'Papers',
        shortcut: '/',
        run: () => filterInput.current?.focus(),
      },
    ],
    [toasts],
  );
  useRegisterCommands(commands);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !t?.closest('input, textarea, select, [contenteditable="true"], dialog')) {
        e.preventDefault();
        filterInput.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current++;
    setDragging(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    startAdding([...e.dataTransfer.files]);
  };

  const selectedIds = [...selected];
  const s = stats.data;
  const empty = list.data && list.data.items.length === 0;
  const collectionName = collectionId ? cols.find((c) => c.id === collectionId)?.name : null;

  return (
    <div
      className={`papers-library${dragging ? ' is-dragging' : ''}`}
      onDragEnter={onDragEnter}
      onDragOver={(e) => {
        if (hasFiles(e)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      data-testid="papers-library"
    >
      <header className="page-header papers-header">
        <h1>Papers</h1>
        {s && (
          <p className="papers-stats" aria-label="Reading this week">
            <span title="Active reading time today">
              <strong>{minutesLabel(s.totals.today.minutes)}</strong> today
            </span>
            <span title="Papers marked read this week">
              <strong>{s.totals.week.finished}</strong> read this week
            </span>
            <span title="Papers waiting in the queue">
              <strong>{s.queue.queued}</strong> queued
            </span>
          </p>
        )}
        <span className="spacer" />
        <MenuButton
          label="BibTeX"
          items={[
            { id: 'import', label: 'Import BibTeX…', onSelect: () => setImportOpen(true) },
            { id: 'export-all', label: 'Export the whole library', onSelect: () => setExportIds(null) },
            {
              id: 'export-shown',
              label: `Export the ${shown.length} shown`,
              disabled: shown.length === 0,
              onSelect: () => setExportIds(shown.map((p) => p.id)),
            },
          ]}
        />
        <button type="button" className="button" onClick={() => setItemDialog(true)}>
          <Icon name="link" size={15} /> Add link or book
        </button>
        <button ref={addButton} type="button" className="button primary" onClick={() => fileInput.current?.click()}>
          <Icon name="upload" size={15} /> Add papers…
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept="application/pdf,.pdf"
          className="visually-hidden"
          data-testid="papers-file-input"
          aria-label="Choose PDF files to add"
          tabIndex={-1}
          onChange={(e) => {
            startAdding([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </header>

      {adding && <AddResults states={adding} onDismiss={() => setAdding(null)} />}

      <div className="papers-layout">
        <aside className="papers-side" aria-label="Library sections">
          <nav aria-label="Collections">
            <h2 className="papers-side-title">Library</h2>
            <ul>
              <li>
                <button
                  type="button"
                  className={!collectionId && !kind && !tag ? 'active' : undefined}
                  onClick={() => setQuery(route, { collection: undefined, kind: undefined, tag: undefined })}
                >
                  <span>All items</span>
                  <span className="count">{index.items.length}</span>
                </button>
              </li>
              {(['pdf', 'link', 'book'] as const).map((k) =>
                kindCounts[k] > 0 ? (
                  <li key={k}>
                    <button
                      type="button"
                      className={kind === k ? 'active' : undefined}
                      onClick={() => setQuery(route, { kind: kind === k ? undefined : k })}
                    >
                      <span>{k === 'pdf' ? 'PDFs' : k === 'link' ? 'Links' : 'Books'}</span>
                      <span className="count">{kindCounts[k]}</span>
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
            <h2 className="papers-side-title">
              Collections
              <button
                type="button"
                className="icon-button tiny"
                aria-label="New collection"
                title="New collection"
                onClick={() => void newCollection()}
              >
                +
              </button>
            </h2>
            <ul>
              {cols.length === 0 && <li className="faint small papers-side-hint">Group papers for a project or a course.</li>}
              {cols.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className={collectionId === c.id ? 'active' : undefined}
                    onClick={() => setQuery(route, { collection: collectionId === c.id ? undefined : c.id })}
                  >
                    <span>{c.name}</span>
                    <span className="count">{c.count}</span>
                  </button>
                </li>
              ))}
            </ul>
            {tags.length > 0 && (
              <>
                <h2 className="papers-side-title">Tags</h2>
                <ul className="papers-side-tags">
                  {tags.map((t) => (
                    <li key={t.tag}>
                      <button
                        type="button"
                        className={tag === t.tag ? 'active' : undefined}
                        onClick={() => setQuery(route, { tag: tag === t.tag ? undefined : t.tag })}
                      >
                        #{t.tag} <span className="count">{t.count}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </nav>
          {s && (
            <section className="papers-side-stats" aria-label="Reading log">
              <h2 className="papers-side-title">Reading log</h2>
              <dl>
                <dt>This week</dt>
                <dd>
                  {minutesLabel(s.totals.week.minutes)} · {s.totals.week.finished} read
                </dd>
                <dt>This month</dt>
                <dd>
                  {minutesLabel(s.totals.month.minutes)} · {s.totals.month.finished} read
                </dd>
              </dl>
              <ReadingSparkline days={s.days} />
            </section>
          )}
        </aside>

        <section className="papers-main" aria-label={collectionName ? `Collection ${collectionName}` : 'Library'}>
          <div className="papers-tabs" role="tablist" aria-label="Reading queue">
            {STATUS_TABS.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={status === t}
                className={`papers-tab${status === t ? ' active' : ''}`}
                onClick={() => setQuery(route, { status: t === 'all' ? undefined : t })}
              >
                {t === 'all' ? 'All' : STATUS_LABELS[t]}
                <span className="count">{counts[t]}</span>
              </button>
            ))}
          </div>
          <div className="papers-toolbar">
            <div className="papers-filter">
              <Icon name="search" size={15} />
              <input
                ref={filterInput}
                type="search"
                aria-label="Filter the library"
                placeholder="Filter by title, author, venue, year, #tag…"
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') setQ('');
                }}
              />
            </div>
            {(collectionName || tag || kind) && (
              <span className="papers-active-filters">
                {collectionName && (
                  <button
                    type="button"
                    className="papers-chip"
                    onClick={() => setQuery(route, { collection: undefined })}
                    aria-label={`Remove collection filter ${collectionName}`}
                  >
                    {collectionName} ×
                  </button>
                )}
                {tag && (
                  <button
                    type="button"
                    className="papers-chip"
                    onClick={() => setQuery(route, { tag: undefined })}
                    aria-label={`Remove tag filter ${tag}`}
                  >
                    #{tag} ×
                  </button>
                )}
                {kind && (
                  <button
                    type="button"
                    className="papers-chip"
                    onClick={() => setQuery(route, { kind: undefined })}
                    aria-label="Remove kind filter"
                  >
                    {kind === 'pdf' ? 'PDFs' : kind === 'link' ? 'Links' : 'Books'} ×
                  </button>
                )}
              </span>
            )}
            <span className="spacer" />
            {selected.size > 0 ? (
              <div className="papers-bulk" role="group" aria-label="Selected items">
                <span>{selected.size} selected</span>
                <MenuButton
                  label="Set status"
                  className="button small"
                  items={PAPER_STATUSES.map((st) => ({
                    id: st,
                    label: STATUS_LABELS[st],
                    onSelect: () => setStatusOf(selectedIds, st),
                  }))}
                />
                <MenuButton
                  label="Collection"
                  className="button small"
                  items={[
                    ...cols.map((c) => ({
                      id: c.id,
                      label: `Add to ${c.name}`,
                      onSelect: () => collectionItems(selectedIds, c.id),
                    })),
                    ...(collectionId
                      ? [
                          {
                            id: 'remove',
                            label: `Remove from ${collectionName ?? 'this collection'}`,
                            onSelect: () => collectionItems(selectedIds, collectionId, true),
                          },
                        ]
                      : []),
                    { id: 'new', label: 'New collection…', onSelect: () => void newCollection(selectedIds) },
                  ]}
                />
                <button type="button" className="button small" onClick={() => setExportIds(selectedIds)}>
                  BibTeX
                </button>
                <button
                  type="button"
                  className="button small danger"
                  onClick={() => deleteItems(selectedIds, `${selected.size} item${selected.size === 1 ? '' : 's'}`)}
                >
                  Remove
                </button>
                <button type="button" className="button small ghost" onClick={() => setSelected(new Set())}>
                  Clear
                </button>
              </div>
            ) : (
              <span className="muted small" aria-live="polite">
                {shown.length === index.items.length
                  ? `${shown.length} item${shown.length === 1 ? '' : 's'}`
                  : `${shown.length} of ${index.items.length}`}
              </span>
            )}
          </div>

          {list.error && !list.data ? (
            <EmptyState icon="papers" title="Could not load the library">
              {list.error.message}
            </EmptyState>
          ) : empty ? (
            <EmptyState
              icon="papers"
              title="Your library is empty"
              action={
                <button ref={addButton} type="button" className="button primary" onClick={() => fileInput.current?.click()}>
                  Add papers…
                </button>
              }
            >
              Drop PDFs here, choose them with “Add papers…”, add a link or a book, or import a BibTeX file. Folio reads each
              paper’s title, authors, year and arXiv id for you.
            </EmptyState>
          ) : list.data && shown.length === 0 ? (
            <div data-query={query}>
              <EmptyState icon="search" title="Nothing matches">
                {query ? `No item matches “${query}”` : 'No item here yet'}
                {status !== 'all' ? ` in ${STATUS_LABELS[status]}` : ''}.
              </EmptyState>
            </div>
          ) : (
            <LibraryTable
              items={shown}
              sort={sort}
              order={order}
              onSort={(next) => {
                const flipped = (order ?? defaultOrder(sort)) === 'asc' ? 'desc' : 'asc';
                const nextOrder = next === sort ? flipped : defaultOrder(next);
                setQuery(route, {
                  sort: next === 'added' ? undefined : next,
                  order: nextOrder === defaultOrder(next) ? undefined : nextOrder,
                });
              }}
              selected={selected}
              onSelectionChange={setSelected}
              actions={actions}
              filterMs={filterMs}
              query={query}
            />
          )}
        </section>
      </div>

      {dragging && (
        <div className="papers-drop" aria-hidden>
          <div>
            <Icon name="upload" size={36} />
            <p>Drop PDFs to add them to your library</p>
          </div>
        </div>
      )}

      <PaperFormDialog
        open={itemDialog}
        paper={null}
        onClose={() => setItemDialog(false)}
        onSaved={(p) => toasts.show({ kind: 'success', title: 'Added to your library', body: p.title })}
      />
      <BibtexImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <BibtexExportDialog
        open={exportIds !== false}
        ids={exportIds === false ? null : exportIds}
        onClose={() => setExportIds(false)}
      />
    </div>
  );
}

/** Minutes read per day over the last weeks, as a row of bars. */
function ReadingSparkline({ days }: { days: { day: string; minutes: number }[] }) {
  const byDay = new Map(days.map((d) => [d.day, d.minutes]));
  const cells: { day: string; minutes: number }[] = [];
  const today = new Date();
  for (let i = 27; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const key = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    cells.push({ day: key, minutes: byDay.get(key) ?? 0 });
  }
  const max = Math.max(30, ...cells.map((c) => c.minutes));
  return (
    <div className="papers-spark" role="img" aria-label={`Minutes read per day over the last four weeks`}>
      {cells.map((c) => (
        <span
          key={c.day}
          title={`${c.day}: ${c.minutes} min`}
          style={{ height: `${Math.max(c.minutes ? 8 : 3, (c.minutes / max) * 100)}%` }}
          className={c.minutes ? 'on' : undefined}
        />
      ))}
    </div>
  );
}
