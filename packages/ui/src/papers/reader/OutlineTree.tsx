import { memo, useState } from 'react';
import type { OutlineItem } from './reader-controller';

function OutlineNode({ item, depth, onSelect }: { item: OutlineItem; depth: number; onSelect(item: OutlineItem): void }) {
  const [open, setOpen] = useState(depth < 1);
  const hasChildren = item.items.length > 0;
  return (
    <li className="folio-outline__item">
      <div className="folio-outline__row" style={{ paddingInlineStart: `${depth * 12}px` }}>
        {hasChildren ? (
          <button
            type="button"
            className="folio-outline__toggle"
            aria-expanded={open}
            aria-label={open ? 'Collapse' : 'Expand'}
            onClick={() => setOpen((v) => !v)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="folio-outline__toggle" aria-hidden="true" />
        )}
        {item.url ? (
          <a className="folio-outline__link" href={item.url} target="_blank" rel="noopener noreferrer">
            {item.title}
          </a>
        ) : (
          <button type="button" className="folio-outline__link" disabled={item.page === null} onClick={() => onSelect(item)}>
            <span className="folio-outline__title">{item.title}</span>
            {item.page !== null && <span className="folio-outline__page">{item.page}</span>}
          </button>
        )}
      </div>
      {hasChildren && open && (
        <ul className="folio-outline__list">
          {item.items.map((child, i) => (
            <OutlineNode key={i} item={child} depth={depth + 1} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The PDF's bookmarks; clicking an entry jumps to its exact destination. */
export const OutlineTree = memo(function OutlineTree({
  outline,
  onSelect,
}: {
  outline: OutlineItem[] | null;
  onSelect(item: OutlineItem): void;
}) {
  if (outline === null) return <p className="folio-sidebar__empty">Reading outline…</p>;
  if (outline.length === 0) return <p className="folio-sidebar__empty">This PDF has no outline.</p>;
  return (
    <ul className="folio-outline folio-outline__list" aria-label="Outline">
      {outline.map((item, i) => (
        <OutlineNode key={i} item={item} depth={0} onSelect={onSelect} />
      ))}
    </ul>
  );
});
