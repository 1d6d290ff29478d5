import { useState } from 'react';
import type { RelatedItemDto } from '@folio/core/contract';
import { useCall, useEvent } from '../api/ApiContext';
import { href } from '../shell/router';
import { kindLabel, resultHref } from './format';
import './search.css';

export interface RelatedPanelProps {
  /** The entry or paper the panel sits beside. */
  kind: 'entry' | 'paper';
  id: string;
  /** How many items (default 8). */
  limit?: number;
  /** Heading (default "Related"); null for none (the host shows its own). */
  title?: string | null;
}

/**
 * Entries, papers and highlights closest in meaning to an entry or a paper (mean of its passages'
 * vectors, itself and a paper's own highlights left out). Refreshes when the journal or papers change
 * and when the semantic index finishes a run.
 */
export function RelatedPanel({ kind, id, limit = 8, title = 'Related' }: RelatedPanelProps) {
  const r = useCall('search:related', { kind, id, limit }, { domains: ['journal', 'papers'] });
  const [indexRuns, setIndexRuns] = useState(0);
  useEvent('search:index-status', (s) => {
    if (s.chunks.pending === 0 && r.data?.state === 'not-indexed' && indexRuns < 20) {
      setIndexRuns((n) => n + 1);
      r.reload();
    }
  });
  return (
    <section className="related-panel" aria-label={title ?? 'Related'}>
      {title !== null && <h3>{title}</h3>}
      {!r.data ? (
        <p className="muted small" aria-busy={!r.error}>
          {r.error ? (r.error.code === 'not_found' ? 'Not indexed yet.' : r.error.message) : 'Looking…'}
        </p>
      ) : r.data.items.length === 0 ? (
        <p className="muted small">{r.data.note ?? 'Nothing close in meaning yet.'}</p>
      ) : (
        <ul className="related-list">
          {r.data.items.map((x) => (
            <RelatedItem key={`${x.kind}:${x.id}`} item={x} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function RelatedItem({ item }: { item: RelatedItemDto }) {
  const meta = [kindLabel({ kind: item.kind, subkind: null }), item.date, item.page ? `p. ${item.page}` : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="related-item">
      <a href={href(resultHref(item))} title={`Similarity ${item.score.toFixed(2)}`}>
        <span className="related-title">{item.title || 'Untitled'}</span>
        <span className="related-meta">{meta}</span>
        {item.excerpt && (
          <span className="related-excerpt">{item.heading ? `${item.heading}: ${item.excerpt}` : item.excerpt}</span>
        )}
      </a>
    </li>
  );
}
