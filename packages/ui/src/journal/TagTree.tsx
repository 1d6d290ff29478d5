import { useState } from 'react';
import type { TagNodeDto } from '@folio/core/contract';
import { useJournalCall } from './use-journal-call';

/** Tags and tag series (`paper/ml`) with their entry counts; picking one filters the timeline. */
export function TagTree({ selected, onSelect }: { selected?: string; onSelect(tag: string | undefined): void }) {
  const tags = useJournalCall('journal:tags', {}, { debounceMs: 1500 });
  const tree = tags.data?.tree ?? [];
  return (
    <section className="side-card tag-tree" aria-label="Tags">
      <h2>Tags</h2>
      {tags.data && tree.length === 0 && <p className="muted small">Write #tags in entries (#series/part for a series).</p>}
      <ul role="tree" aria-label="Tags">
        {tree.map((n) => (
          <TagNode key={n.path} node={n} selected={selected} onSelect={onSelect} depth={0} />
        ))}
      </ul>
    </section>
  );
}

function TagNode({
  node,
  selected,
  onSelect,
  depth,
}: {
  node: TagNodeDto;
  selected?: string;
  onSelect(tag: string | undefined): void;
  depth: number;
}) {
  const [open, setOpen] = useState(depth === 0 && node.children.length <= 6);
  const active = selected?.toLowerCase() === node.path.toLowerCase();
  return (
    <li role="treeitem" aria-expanded={node.children.length ? open : undefined} aria-selected={active}>
      <div className="tag-row" style={{ paddingLeft: depth * 14 }}>
        {node.children.length > 0 ? (
          <button
            type="button"
            className="tag-toggle"
            aria-label={open ? `Collapse ${node.path}` : `Expand ${node.path}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tag-toggle" />
        )}
        <button
          type="button"
          className={`tag-name${active ? ' active' : ''}`}
          onClick={() => onSelect(active ? undefined : node.path)}
        >
          #{node.name}
        </button>
        <span className="tag-count">{node.total}</span>
      </div>
      {open && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => (
            <TagNode key={c.path} node={c} selected={selected} onSelect={onSelect} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
