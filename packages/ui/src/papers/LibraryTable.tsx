import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PAPER_STATUSES, type PaperSort, type PaperStatus, type PaperSummaryDto } from '@folio/core/contract';
import { Icon } from '../components/Icon';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { href } from '../shell/router';
import { relativeDay, shortAuthors, STATUS_LABELS } from './format';
import { defaultOrder } from './library-index';

export const ROW_HEIGHT = 44;
const OVERSCAN = 5;

interface Column {
  id: string;
  label: string;
  sort?: PaperSort;
}

const COLUMNS: Column[] = [
  { id: 'title', label: 'Title', sort: 'title' },
  { id: 'authors', label: 'Authors', sort: 'authors' },
  { id: 'year', label: 'Year', sort: 'year' },
  { id: 'venue', label: 'Venue', sort: 'venue' },
  { id: 'tags', label: 'Tags' },
  { id: 'status', label: 'Status', sort: 'status' },
  { id: 'added', label: 'Added', sort: 'added' },
  { id: 'opened', label: 'Last opened', sort: 'lastOpened' },
  { id: 'progress', label: 'Progress', sort: 'progress' },
];

export interface RowActions {
  open(p: PaperSummaryDto): void;
  setStatus(p: PaperSummaryDto, status: PaperStatus): void;
  menu(p: PaperSummaryDto): MenuItem[];
}

function KindIcon({ kind }: { kind: PaperSummaryDto['kind'] }) {
  const label = kind === 'pdf' ? 'PDF' : kind === 'book' ? 'Book' : 'Link';
  return (
    <span className={`papers-kind papers-kind-${kind}`} title={label} aria-label={label}>
      {kind === 'pdf' ? 'PDF' : kind === 'book' ? 'Book' : <Icon name="link" size={12} />}
    </span>
  );
}

const Row = memo(function Row({
  p,
  index,
  selected,
  onSelect,
  actions,
}: {
  p: PaperSummaryDto;
  index: number;
  selected: boolean;
  onSelect(id: string, on: boolean, shift: boolean): void;
  actions: RowActions;
}) {
  const pct = Math.round(p.progress * 100);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`papers-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-paper-id={p.id}
      onClick={(e) => {
        if ((e.target as Element).closest('a, button, select, input, [role="menu"]')) return;
        actions.open(p);
      }}
    >
      <div role="cell" className="papers-cell papers-cell-check">
        <input
          type="checkbox"
          aria-label={`Select “${p.title}”`}
          checked={selected}
          onChange={(e) => onSelect(p.id, e.target.checked, (e.nativeEvent as MouseEvent).shiftKey)}
        />
      </div>
      <div role="cell" className="papers-cell papers-cell-title">
        <KindIcon kind={p.kind} />
        <a href={href(`/papers/${p.id}`)} className="papers-title-link" title={p.title}>
          {p.title}
        </a>
        {p.annotationCount > 0 && (
          <span className="papers-annot-count" title={`${p.annotationCount} annotation${p.annotationCount === 1 ? '' : 's'}`}>
            {p.annotationCount}
          </span>
        )}
      </div>
      <div role="cell" className="papers-cell papers-cell-authors" title={p.authors.join(', ')}>
        {shortAuthors(p.authors)}
      </div>
      <div role="cell" className="papers-cell papers-cell-year">
        {p.year ?? ''}
      </div>
      <div role="cell" className="papers-cell papers-cell-venue" title={p.venue ?? ''}>
        {p.venue ?? ''}
      </div>
      <div role="cell" className="papers-cell papers-cell-tags">
        {p.tags.slice(0, 3).map((t) => (
          <span key={t} className="papers-tag">
            #{t}
          </span>
        ))}
        {p.tags.length > 3 && <span className="faint">+{p.tags.length - 3}</span>}
      </div>
      <div role="cell" className="papers-cell papers-cell-status">
        <select
          className={`papers-status papers-status-${p.status}`}
          aria-label={`Status of “${p.title}”`}
          value={p.status}
          onChange={(e) => actions.setStatus(p, e.target.value as PaperStatus)}
        >
          {PAPER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div role="cell" className="papers-cell papers-cell-date" title={new Date(p.addedAt).toLocaleString()}>
        {relativeDay(p.addedAt)}
      </div>
      <div
        role="cell"
        className="papers-cell papers-cell-date papers-cell-opened"
        title={p.lastOpenedAt ? new Date(p.lastOpenedAt).toLocaleString() : 'Never opened'}
      >
        {relativeDay(p.lastOpenedAt) || <span className="faint">—</span>}
      </div>
      <div role="cell" className="papers-cell papers-cell-progress" title={`${pct}%`}>
        <span className="papers-progress" aria-hidden>
          <span style={{ width: `${pct}%` }} />
        </span>
        <span className="papers-progress-label">{pct}%</span>
      </div>
      <div role="cell" className="papers-cell papers-cell-menu">
        <MenuButton
          label="⋯"
          className="icon-button"
          align="end"
          ariaLabel={`Actions for “${p.title}”`}
          items={actions.menu(p)}
        />
      </div>
    </div>
  );
});

/**
 * The library as a table that renders only the rows in view (plus a few): 2,000 items cost the same
 * as 30. Columns sort; rows open the paper; the checkbox column selects for bulk actions.
 */
export function LibraryTable({
  items,
  sort,
  order,
  onSort,
  selected,
  onSelectionChange,
  actions,
  filterMs,
  query,
}: {
  items: readonly PaperSummaryDto[];
  sort: PaperSort;
  order: 'asc' | 'desc' | undefined;
  onSort(sort: PaperSort): void;
  selected: ReadonlySet<string>;
  onSelectionChange(next: Set<string>): void;
  actions: RowActions;
  /** Milliseconds the last filter + sort took (exposed for the bench as `data-filter-ms`). */
  filterMs?: number;
  /** The filter text the rows answer (`data-query`, so tests and the bench know the table caught up). */
  query?: string;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const lastClicked = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro.observe(el);
    setHeight(el.clientHeight || 600);
    return () => ro.disconnect();
  }, []);
  // A new filter starts at the top.
  useEffect(() => {
    if (bodyRef.current && bodyRef.current.scrollTop > items.length * ROW_HEIGHT) bodyRef.current.scrollTop = 0;
  }, [items.length]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const allSelected = items.length > 0 && items.every((p) => selected.has(p.id));

  // Stable across renders so the memoised rows only re-render when their own item changes.
  const latest = useRef({ items, selected, onSelectionChange });
  latest.current = { items, selected, onSelectionChange };
  const onSelect = useCallback((id: string, on: boolean, shift: boolean) => {
    const { items: list, selected: current, onSelectionChange: change } = latest.current;
    const next = new Set(current);
    if (shift && lastClicked.current) {
      const a = list.findIndex((p) => p.id === lastClicked.current);
      const b = list.findIndex((p) => p.id === id);
      if (a >= 0 && b >= 0) {
        for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
          if (on) next.add(list[i]!.id);
          else next.delete(list[i]!.id);
        }
      }
    } else if (on) next.add(id);
    else next.delete(id);
    lastClicked.current = id;
    change(next);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = bodyRef.current;
    if (!el || (e.target as Element).closest('input, select, textarea')) return;
    if (e.key === 'PageDown') el.scrollTop += el.clientHeight - ROW_HEIGHT;
    else if (e.key === 'PageUp') el.scrollTop -= el.clientHeight - ROW_HEIGHT;
    else if (e.key === 'Home') el.scrollTop = 0;
    else if (e.key === 'End') el.scrollTop = el.scrollHeight;
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="papers-table"
      role="table"
      aria-label="Library"
      aria-rowcount={items.length + 1}
      data-filter-ms={filterMs === undefined ? undefined : filterMs.toFixed(2)}
      data-query={query}
    >
      <div role="rowgroup" className="papers-head">
        <div role="row" className="papers-row papers-head-row" aria-rowindex={1}>
          <div role="columnheader" className="papers-cell papers-cell-check">
            <input
              type="checkbox"
              aria-label={allSelected ? 'Select none' : 'Select all shown'}
              checked={allSelected}
              onChange={(e) => onSelectionChange(e.target.checked ? new Set(items.map((p) => p.id)) : new Set())}
            />
          </div>
          {COLUMNS.map((c) => {
            const active = c.sort === sort;
            const dir = active ? (order ?? defaultOrder(sort)) : undefined;
            return (
              <div
                key={c.id}
                role="columnheader"
                className={`papers-cell papers-cell-${c.id}`}
                aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined}
              >
                {c.sort ? (
                  <button type="button" className={`papers-sort${active ? ' active' : ''}`} onClick={() => onSort(c.sort!)}>
                    {c.label}
                    {active && <span aria-hidden>{dir === 'asc' ? ' ↑' : ' ↓'}</span>}
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
          <div role="columnheader" className="papers-cell papers-cell-menu">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
      </div>
      <div
        role="rowgroup"
        ref={bodyRef}
        className="papers-body"
        tabIndex={0}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="papers-spacer" style={{ height: items.length * ROW_HEIGHT }}>
          {items.slice(first, last).map((p, i) => (
            <Row key={p.id} p={p} index={first + i} selected={selected.has(p.id)} onSelect={onSelect} actions={actions} />
          ))}
        </div>
      </div>
    </div>
  );
}
