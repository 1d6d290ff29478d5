import { useEffect, useRef, useState } from 'react';
import type { EntryDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { EntryView } from '../journal/EntryView';
import { formatLongDate, KIND_LABELS, localOffsetMinutes } from '../journal/format';
import { IoMenu } from '../io';
import { MonthCalendar } from '../journal/MonthCalendar';
import { NewEntryMenu } from '../journal/NewEntryMenu';
import { TagTree } from '../journal/TagTree';
import { TemplatesView } from '../journal/TemplatesView';
import { Timeline } from '../journal/Timeline';
import { TrashView } from '../journal/TrashView';
import { href, navigate, type Route } from '../shell/router';
import { errorMessage } from '../shell/Toasts';
import type { PageProps } from './registry';
import { useJournalCall } from '../journal/use-journal-call';

/**
 * `#/journal` timeline (filters: ?kind= ?tag= ?date= ?q=), `#/journal/trash`, `#/journal/templates`,
 * `#/journal/day/YYYY-MM-DD` (that day's daily note, created if missing) and `#/journal/<id>`.
 */
export function JournalPage({ route }: PageProps) {
  const sub = route.params[0];
  return (
    <div className="page page-journal">
      {sub === undefined ? (
        <JournalHome route={route} />
      ) : sub === 'trash' || sub === 'templates' ? (
        <JournalSection section={sub} />
      ) : sub === 'day' ? (
        <EntryRoute key={`day-${route.params[1]}`} day={route.params[1] ?? ''} />
      ) : (
        <EntryRoute key={sub} id={sub} />
      )}
    </div>
  );
}

function JournalTabs({ current }: { current: 'timeline' | 'trash' | 'templates' }) {
  const tabs = [
    ['timeline', 'Timeline', '/journal'],
    ['trash', 'Trash', '/journal/trash'],
    ['templates', 'Templates', '/journal/templates'],
  ] as const;
  return (
    <nav className="journal-tabs" aria-label="Journal sections">
      {tabs.map(([id, label, to]) => (
        <a
          key={id}
          href={href(to)}
          className={current === id ? 'active' : undefined}
          aria-current={current === id ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

function setQuery(route: Route, changes: Record<string, string | undefined>): void {
  const q = new URLSearchParams(route.query);
  for (const [k, v] of Object.entries(changes)) {
    if (v) q.set(k, v);
    else q.delete(k);
  }
  q.delete('find');
  const s = q.toString();
  navigate(`/journal${s ? `?${s}` : ''}`);
}

function JournalHome({ route }: { route: Route }) {
  const kinds = useJournalCall('journal:kinds', {}, { debounceMs: 500 });
  const tag = route.query.get('tag') ?? undefined;
  const kind = route.query.get('kind') ?? undefined;
  const date = route.query.get('date') ?? undefined;
  const q = route.query.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => setSearch(q), [q]);
  useEffect(() => {
    if (route.query.get('find')) searchRef.current?.focus();
  }, [route.query]);
  useEffect(() => {
    const t = setTimeout(() => {
      if (search !== q) setQuery(route, { q: search.trim() || undefined });
    }, 250);
    return () => clearTimeout(t);
  }, [search, q, route]);

  const kindList = kinds.data ?? [];
  return (
    <>
      <header className="page-header">
        <h1>Journal</h1>
        <JournalTabs current="timeline" />
        <span className="spacer" />
        <div className="search-field">
          <Icon name="search" size={15} />
          <input
            ref={searchRef}
            type="search"
            aria-label="Find entries by title"
            placeholder="Find by title…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <IoMenu />
        <NewEntryMenu />
      </header>
      <div className="journal-layout">
        <div className="journal-main">
          <div className="filter-bar" role="group" aria-label="Filter by kind">
            <button
              type="button"
              className={`filter-chip${!kind ? ' active' : ''}`}
              aria-pressed={!kind}
              onClick={() => setQuery(route, { kind: undefined })}
            >
              All
            </button>
            {kindList.map((k) => (
              <button
                key={k.key}
                type="button"
                className={`filter-chip${kind === k.key ? ' active' : ''}`}
                aria-pressed={kind === k.key}
                onClick={() => setQuery(route, { kind: kind === k.key ? undefined : k.key })}
              >
                {k.name}
                {k.entryCount > 0 && <span className="j-count">{k.entryCount}</span>}
              </button>
            ))}
            {(tag || date) && (
              <span className="active-filters">
                {tag && (
                  <button
                    type="button"
                    className="filter-chip active removable"
                    onClick={() => setQuery(route, { tag: undefined })}
                    aria-label={`Remove tag filter ${tag}`}
                  >
                    #{tag} ×
                  </button>
                )}
                {date && (
                  <button
                    type="button"
                    className="filter-chip active removable"
                    onClick={() => setQuery(route, { date: undefined })}
                    aria-label="Remove date filter"
                  >
                    {formatLongDate(date)} ×
                  </button>
                )}
              </span>
            )}
          </div>
          <Timeline
            filter={{
              ...(kind ? { kind } : {}),
              ...(tag ? { tag } : {}),
              ...(date ? { from: date, to: date } : {}),
              ...(q ? { titleContains: q } : {}),
            }}
            kinds={kindList}
          />
        </div>
        <aside className="journal-rail" aria-label="Browse">
          <MonthCalendar selected={date ?? null} onSelect={(d) => setQuery(route, { date: d === date ? undefined : d })} />
          <TagTree selected={tag} onSelect={(t) => setQuery(route, { tag: t })} />
        </aside>
      </div>
    </>
  );
}

function JournalSection({ section }: { section: 'trash' | 'templates' }) {
  return (
    <>
      <header className="page-header">
        <h1>Journal</h1>
        <JournalTabs current={section} />
      </header>
      {section === 'trash' ? <TrashView /> : <TemplatesView />}
    </>
  );
}

/** One entry by id, or the daily note of a day (created if missing: writing about a past day is fine). */
function EntryRoute({ id, day }: { id?: string; day?: string }) {
  const api = useApi();
  const [entry, setEntry] = useState<EntryDto | null>(null);
  const [error, setError] = useState<{ code?: string; message: string } | null>(null);
  useEffect(() => {
    let live = true;
    const p = id
      ? api.call('journal:get', { id })
      : api.call('journal:today', { date: day, tzOffsetMinutes: localOffsetMinutes() });
    p.then(
      (e) => live && setEntry(e),
      (err: unknown) => live && setError({ code: (err as { code?: string }).code, message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, id, day]);

  if (error) {
    return (
      <EmptyState
        icon="journal"
        title={error.code === 'not_found' ? 'This entry does not exist' : 'Could not open the entry'}
        action={
          <a className="button" href={href('/journal')}>
            Back to the journal
          </a>
        }
      >
        {error.code === 'not_found' ? 'It may have been deleted for good.' : error.message}
      </EmptyState>
    );
  }
  if (!entry) return <div className="entry-loading" aria-busy="true" />;
  if (entry.deletedAt) return <TrashedEntry entry={entry} onRestored={setEntry} />;
  return (
    <EntryView
      key={entry.id}
      initial={entry}
      defaultPanel={entry.kind !== 'daily' && entry.kind !== 'post' && entry.kind !== 'note' ? 'properties' : null}
      eyebrow={
        <div className="entry-breadcrumb">
          <a href={href('/journal')}>Journal</a> › <span>{KIND_LABELS[entry.kind] ?? entry.kind}</span>
        </div>
      }
    />
  );
}

function TrashedEntry({ entry, onRestored }: { entry: EntryDto; onRestored(e: EntryDto): void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  return (
    <EmptyState
      icon="trash"
      title={`“${entry.title || entry.date}” is in the trash`}
      action={
        <button
          type="button"
          className="button primary"
          onClick={() =>
            api.call('journal:restore', { id: entry.id }).then(onRestored, (err: unknown) => {
              setError(errorMessage(err));
            })
          }
        >
          Restore it
        </button>
      }
    >
      {error ?? 'Restore it to read and edit it again.'}
    </EmptyState>
  );
}
