import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchIndexStatusDto, SearchKind, SearchMode, SearchResultDto } from '@folio/core/contract';
import { useCall, useEvent } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { KIND_FILTERS, kindLabel, resultHref, resultMeta, whyText } from '../search/format';
import { MarkedText } from '../search/MarkedText';
import { navigate, type Route } from '../shell/router';
import type { PageProps } from './registry';
import '../search/search.css';

interface SearchState {
  q: string;
  mode?: SearchMode;
  kinds: SearchKind[];
  from?: string;
  to?: string;
  tag?: string;
  visibility?: 'public' | 'private';
}

const MODES: { mode: SearchMode; label: string; title: string }[] = [
  { mode: 'hybrid', label: 'Best match', title: 'Words and meaning together' },
  { mode: 'fts', label: 'Words', title: 'Only items containing the words (English stems, 中文 substrings)' },
  { mode: 'vector', label: 'Meaning', title: 'Items about the same thing, even in other words' },
];

function fromRoute(route: Route): SearchState {
  const q = route.query;
  const mode = q.get('mode');
  const kinds = (q.get('kind') ?? '').split(',').filter((k): k is SearchKind => KIND_FILTERS.some((f) => f.kind === k));
  const vis = q.get('public');
  return {
    q: q.get('q') ?? '',
    ...(mode === 'fts' || mode === 'vector' || mode === 'hybrid' ? { mode } : {}),
    kinds,
    ...(q.get('from') ? { from: q.get('from')! } : {}),
    ...(q.get('to') ? { to: q.get('to')! } : {}),
    ...(q.get('tag') ? { tag: q.get('tag')! } : {}),
    ...(vis === 'public' || vis === 'private' ? { visibility: vis } : {}),
  };
}

function toHash(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  if (s.mode) p.set('mode', s.mode);
  if (s.kinds.length) p.set('kind', s.kinds.join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.tag) p.set('tag', s.tag);
  if (s.visibility) p.set('public', s.visibility);
  const qs = p.toString();
  return `/search${qs ? `?${qs}` : ''}`;
}

const PAGE = 20;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `#/search?q=…&mode=…&kind=entry,paper&from=…&to=…&tag=…&public=public|private`: one box over everything. */
export function SearchPage({ route }: PageProps) {
  const state = useMemo(() => fromRoute(route), [route]);
  const [text, setText] = useState(state.q);
  const [q, setQ] = useState(state.q);
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // The address changed from outside (palette, back button): follow it.
  useEffect(() => {
    setText(state.q);
    setQ(state.q);
  }, [state.q]);
  useEffect(() => inputRef.current?.focus(), []);

  // Typing: search after a short pause and keep the query in the address without piling up history.
  useEffect(() => {
    if (text === q) return;
    const t = setTimeout(() => {
      setQ(text);
      window.history.replaceState(null, '', `#${toHash({ ...state, q: text })}`);
    }, 180);
    return () => clearTimeout(t);
  }, [text, q, state]);

  const update = (changes: Partial<SearchState>) => navigate(toHash({ ...state, q: text, ...changes }));

  const filterKey = JSON.stringify([state.mode, state.kinds, state.from, state.to, state.tag, state.visibility]);
  useEffect(() => {
    setLimit(PAGE);
    setSelected(0);
  }, [q, filterKey]);

  const validDates = (!state.from || DATE_RE.test(state.from)) && (!state.to || DATE_RE.test(state.to));
  const payload = q.trim()
    ? {
        q,
        limit,
        ...(state.mode ? { mode: state.mode } : {}),
        ...(state.kinds.length ? { kinds: state.kinds } : {}),
        ...(validDates && state.from ? { from: state.from } : {}),
        ...(validDates && state.to ? { to: state.to } : {}),
        ...(state.tag ? { tags: [state.tag] } : {}),
        ...(state.visibility ? { public: state.visibility === 'public' } : {}),
      }
    : null;
  const r = useCall('search:query', payload, { domains: ['journal', 'papers', 'comments'] });
  const results = payload ? (r.data?.results ?? []) : [];

  const open = (x: SearchResultDto | undefined) => {
    if (x) navigate(resultHref(x));
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length === 0) return;
      const next = e.key === 'ArrowDown' ? Math.min(results.length - 1, selected + 1) : Math.max(0, selected - 1);
      setSelected(next);
      listRef.current?.querySelector(`#search-result-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (text !== q) {
        setQ(text);
        window.history.replaceState(null, '', `#${toHash({ ...state, q: text })}`);
      } else open(results[selected]);
    } else if (e.key === 'Escape' && text) {
      setText('');
    }
  };

  const shownMode = r.data?.mode ?? state.mode;
  return (
    <div className="page page-search">
      <header className="page-header">
        <h1>Search</h1>
        <span className="spacer" />
        <IndexStatus />
      </header>
      <div className="search-box">
        <Icon name="search" size={18} />
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label="Search everything"
          aria-expanded={results.length > 0}
          aria-controls="search-results"
          aria-activedescendant={results.length ? `search-result-${selected}` : undefined}
          placeholder="Search entries, papers, highlights and comments…  (中文 works too)"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        {r.loading && payload && <span className="search-busy" aria-label="Searching" />}
      </div>
      <div className="search-filters">
        <div className="search-modes" role="group" aria-label="Match by">
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              title={m.title}
              aria-pressed={shownMode === m.mode}
              className={shownMode === m.mode ? 'active' : undefined}
              onClick={() => update({ mode: m.mode })}
            >
              {m.label}
            </button>
          ))}
        </div>
        <div className="search-kinds" role="group" aria-label="Kinds">
          {KIND_FILTERS.map((f) => {
            const on = state.kinds.includes(f.kind);
            return (
              <button
                key={f.kind}
                type="button"
                className={`search-chip${on ? ' active' : ''}`}
                aria-pressed={on}
                onClick={() => update({ kinds: on ? state.kinds.filter((k) => k !== f.kind) : [...state.kinds, f.kind] })}
              >
                {f.label}
              </button>
            );
          })}
        </div>
        <label className="search-date">
          From <input type="date" value={state.from ?? ''} onChange={(e) => update({ from: e.target.value || undefined })} />
        </label>
        <label className="search-date">
          To <input type="date" value={state.to ?? ''} onChange={(e) => update({ to: e.target.value || undefined })} />
        </label>
        <TagFilter value={state.tag ?? ''} onChange={(tag) => update({ tag: tag || undefined })} />
        <select
          aria-label="Public or private"
          value={state.visibility ?? ''}
          onChange={(e) => update({ visibility: (e.target.value || undefined) as SearchState['visibility'] })}
        >
          <option value="">Public and private</option>
          <option value="public">Public only</option>
          <option value="private">Private only</option>
        </select>
      </div>

      {!payload ? (
        <EmptyState icon="search" title="Search everything">
          Entries, papers (their full text), highlights and your site's comments, by words or by meaning. Try{' '}
          <code>"exact phrase"</code>, <code>word*</code>, <code>-without</code>, <code>title:</code> or <code>tag:</code>;
          Chinese such as <code>申请</code> works too.
        </EmptyState>
      ) : r.error && !r.data ? (
        <p className="search-note error">{r.error.message}</p>
      ) : (
        <>
          {r.data?.note && <p className="search-note">{r.data.note}</p>}
          {r.data && results.length === 0 ? (
            <EmptyState icon="search" title={`Nothing found for “${q}”`}>
              {state.kinds.length || state.from || state.to || state.tag || state.visibility
                ? 'Try removing a filter.'
                : 'Try other words, or search by meaning.'}
            </EmptyState>
          ) : (
            <>
              {r.data && (
                <p className="search-count muted" aria-live="polite">
                  {r.data.total === 1 ? '1 result' : `${r.data.total.toLocaleString()} results`}
                </p>
              )}
              <ol className="search-results" id="search-results" role="listbox" aria-label="Results" ref={listRef}>
                {results.map((x, i) => (
                  <li
                    key={`${x.kind}:${x.id}`}
                    id={`search-result-${i}`}
                    role="option"
                    aria-selected={i === selected}
                    className={`search-result${i === selected ? ' selected' : ''}`}
                    onMouseEnter={() => setSelected(i)}
                  >
                    <a href={`#${resultHref(x)}`} className="search-result-link">
                      <span className="search-result-head">
                        <span className={`kind-badge kind-${x.kind}`}>{kindLabel(x)}</span>
                        <span className="search-result-title">{x.title || 'Untitled'}</span>
                        <span className="search-result-meta">{resultMeta(x)}</span>
                      </span>
                      <MarkedText html={x.snippet} className="search-snippet" />
                      <span className="search-why">{whyText(x.why)}</span>
                    </a>
                  </li>
                ))}
              </ol>
              {r.data && r.data.total > results.length && (
                <button
                  type="button"
                  className="button"
                  onClick={() => setLimit((l) => Math.min(200, l + PAGE))}
                  disabled={limit >= 200}
                >
                  Show more
                </button>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

function TagFilter({ value, onChange }: { value: string; onChange: (tag: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      type="text"
      className="search-tag"
      aria-label="Tag"
      placeholder="#tag"
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft.trim() !== value && onChange(draft.trim().replace(/^#/, ''))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(draft.trim().replace(/^#/, ''));
      }}
    />
  );
}

/** How far the semantic index is, or why there is none. */
function IndexStatus() {
  const initial = useCall('search:index-status', {}, { domains: [] });
  const [live, setLive] = useState<SearchIndexStatusDto | undefined>();
  useEvent('search:index-status', setLive);
  const s = live ?? initial.data;
  if (!s) return null;
  if (s.embedder.state === 'unavailable')
    return (
      <span className="search-status" title={s.embedder.message}>
        Keyword search only
      </span>
    );
  if (s.chunks.pending > 0) {
    const pct = s.chunks.total ? Math.floor((100 * s.chunks.done) / s.chunks.total) : 0;
    return (
      <span className="search-status" role="status">
        Indexing for search by meaning… {pct}%
      </span>
    );
  }
  return null;
}
