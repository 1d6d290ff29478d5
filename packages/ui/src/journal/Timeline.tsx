import { useEffect, useMemo, useState } from 'react';
import type { EntrySummaryDto, KindDto } from '@folio/core/contract';
import { useApi, useEvent } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { href } from '../shell/router';
import { errorMessage } from '../shell/Toasts';
import './journal.css';
import { displayTitle, formatMonth, formatWeekdayShort, KIND_LABELS, parseDay, plural } from './format';

export interface TimelineFilter {
  kind?: string;
  tag?: string;
  from?: string;
  to?: string;
  titleContains?: string;
}

const PAGE = 60;

/** Entries newest first, grouped by month; filtered by kind, tag, date range and title words. */
export function Timeline({ filter, kinds }: { filter: TimelineFilter; kinds: KindDto[] }) {
  const api = useApi();
  const [items, setItems] = useState<EntrySummaryDto[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(filter);

  useEffect(() => setLimit(PAGE), [key]);
  useEffect(() => {
    let live = true;
    const f = JSON.parse(key) as TimelineFilter;
    api
      .call('journal:list', {
        ...(f.kind ? { kind: f.kind } : {}),
        ...(f.tag ? { tag: f.tag } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
        ...(f.titleContains ? { titleContains: f.titleContains } : {}),
        limit,
      })
      .then(
        (r) => {
          if (!live) return;
          setItems(r.items);
          setTotal(r.total);
          setError(null);
        },
        (err: unknown) => live && setError(errorMessage(err)),
      );
    return () => {
      live = false;
    };
  }, [api, key, limit, tick]);
  useEvent('data:changed', (e) => {
    if (e.domain === 'journal' || e.domain === '*') setTick((t) => t + 1);
  });

  const groups = useMemo(() => {
    const out: { month: string; items: EntrySummaryDto[] }[] = [];
    for (const e of items) {
      const m = e.date.slice(0, 7);
      const g = out.at(-1);
      if (g && g.month === m) g.items.push(e);
      else out.push({ month: m, items: [e] });
    }
    return out;
  }, [items]);
  const kindName = (k: string) => kinds.find((x) => x.key === k)?.name ?? KIND_LABELS[k] ?? k;

  if (error) return <p className="field-error">{error}</p>;
  if (total === 0) {
    const filtered = Object.values(filter).some(Boolean);
    return (
      <EmptyState icon="journal" title={filtered ? 'Nothing matches' : 'Your journal is empty'}>
        {filtered ? 'No entry matches these filters.' : 'Open Today to write your first daily note, or start a post from “New…”.'}
      </EmptyState>
    );
  }
  return (
    <div className="journal-timeline" aria-busy={total === null}>
      {groups.map((g) => (
        <section key={g.month} className="timeline-month" aria-label={formatMonth(g.month)}>
          <h2 className="timeline-month-title">{formatMonth(g.month)}</h2>
          <ul className="timeline-list">
            {g.items.map((e) => {
              const d = parseDay(e.date);
              return (
                <li key={e.id}>
                  <a href={href(`/journal/${e.id}`)} className={`timeline-item kind-${e.kind}${e.pristine ? ' pristine' : ''}`}>
                    <span className="timeline-date" aria-hidden>
                      <span className="timeline-day">{d.getDate()}</span>
                      <span className="timeline-weekday">{formatWeekdayShort(e.date)}</span>
                    </span>
                    <span className="timeline-body">
                      <span className="timeline-title">
                        {displayTitle(e)}
                        {e.locked && <span className="badge badge-locked">past</span>}
                        {e.isPublic && e.kind !== 'daily' && <span className="badge">public</span>}
                      </span>
                      <span className="timeline-excerpt">{e.pristine ? 'Not written yet' : e.excerpt || '—'}</span>
                      <span className="timeline-meta">
                        <span className={`kind-chip kind-${e.kind}`}>{kindName(e.kind)}</span>
                        {e.time && <span>{e.time}</span>}
                        <span>{plural(e.wordCount, 'word')}</span>
                        {e.tags.slice(0, 5).map((t) => (
                          <span key={t} className="tag-text">
                            #{t}
                          </span>
                        ))}
                      </span>
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {total !== null && items.length < total && (
        <div className="timeline-more">
          <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
            Show more ({plural(total - items.length, 'entry', 'entries')} left)
          </button>
        </div>
      )}
    </div>
  );
}
