import type { BacklinkDto } from '@folio/core/contract';
import { href } from '../shell/router';
import { displayTitle, formatShortDate, KIND_LABELS } from './format';
import { useJournalCall } from './use-journal-call';

/** Entries linking here, and entries mentioning this title without a link. */
export function BacklinksPanel({ entryId }: { entryId: string }) {
  const r = useJournalCall('journal:backlinks', { id: entryId }, { debounceMs: 2500 });
  if (!r.data)
    return (
      <p className="muted small" aria-busy>
        {r.error ? r.error.message : 'Loading…'}
      </p>
    );
  return (
    <div className="backlinks-panel">
      <BacklinkList
        title="Linked mentions"
        items={r.data.linked}
        empty="No entry links here yet. Type [[ in another entry to link to this one."
      />
      <BacklinkList title="Unlinked mentions" items={r.data.unlinked} empty="No other entry mentions this title." />
    </div>
  );
}

function BacklinkList({ title, items, empty }: { title: string; items: BacklinkDto[]; empty: string }) {
  return (
    <section aria-label={title}>
      <h3>
        {title} <span className="j-count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="backlink-list">
          {items.map((b) => (
            <li key={b.entry.id}>
              <a href={href(`/journal/${b.entry.id}`)} className="backlink">
                <span className="backlink-title">{displayTitle(b.entry)}</span>
                <span className="backlink-meta">
                  {formatShortDate(b.entry.date)} · {KIND_LABELS[b.entry.kind] ?? b.entry.kind}
                </span>
                {b.contexts.map((c, i) => (
                  <span key={i} className="backlink-context">
                    {c}
                  </span>
                ))}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
