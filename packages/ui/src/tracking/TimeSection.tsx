import { useEffect, useState, type FormEvent } from 'react';
import type { CategoryDto, TimeDayDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import { useToasts } from '../shell/Toasts';
import { addDays, clock, formatMinutes, issuesOf, longDate, seriesColor } from './format';
import { TimerWidget } from './TodayPanel';

function Timeline({ day, categories }: { day: TimeDayDto; categories: CategoryDto[] }) {
  const color = (id: string) =>
    categories.find((c) => c.id === id)?.color ?? seriesColor(Math.abs([...id].reduce((s, ch) => s + ch.charCodeAt(0), 0)));
  const byId = new Map(day.blocks.map((b) => [b.id, b]));
  if (day.timeline.length === 0) return <p className="muted">Nothing logged on this day yet.</p>;
  return (
    <ol className="timeline" aria-label="Day timeline">
      {day.timeline.map((s, i) => {
        if (s.kind === 'gap') {
          return (
            <li key={`g${i}`} className="tl-gap">
              <span className="tl-time">{clock(s.start)}</span>
              untracked · {formatMinutes(s.end - s.start)}
            </li>
          );
        }
        const b = byId.get(s.blockId)!;
        return (
          <li key={`b${b.id}`} className="tl-block" style={{ ['--tl-color' as string]: color(b.category) }}>
            <span className="tl-time">{clock(s.start)}</span>
            <span className="tl-label">
              {b.label || b.category}
              {b.source === 'timer' && <span className="badge"> timer</span>}
            </span>
            <span className="faint">
              {b.category}
              {b.productive ? ' · productive' : ''}
            </span>
            <strong>{formatMinutes(s.end - s.start)}</strong>
          </li>
        );
      })}
    </ol>
  );
}

function Categories({ categories }: { categories: CategoryDto[] }) {
  const api = useApi();
  const toasts = useToasts();
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (c: Partial<CategoryDto> & { id: string; productive: boolean }) => {
    try {
      await api.call('tracking:category-save', {
        id: c.id,
        name: c.name ?? null,
        productive: c.productive,
        keywords: c.keywords ?? [],
        color: c.color ?? null,
      });
      setError(null);
      return true;
    } catch (err) {
      setError(issuesOf(err).id ?? (err as Error).message);
      return false;
    }
  };
  return (
    <section className="card">
      <h2>Categories</h2>
      <p className="faint">
        A #tag picks the category; otherwise its words do (“paper” → research). Productive categories count as focused time.
      </p>
      <table className="table" aria-label="Categories">
        <thead>
          <tr>
            <th>Category</th>
            <th>Productive</th>
            <th>Words</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.id}>
              <td>
                <span
                  className="swatch"
                  style={{ background: c.color ?? 'var(--border)', display: 'inline-block', marginRight: 6 }}
                  aria-hidden
                />
                {c.name} <code className="faint">#{c.id}</code>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${c.name} is productive`}
                  checked={c.productive}
                  onChange={(e) => void save({ ...c, productive: e.target.checked }).catch(() => toasts.error('Could not save'))}
                />
              </td>
              <td className="faint">{c.keywords.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ id, productive: true }).then((ok) => ok && setId(''));
        }}
      >
        <label htmlFor="new-cat" className="sr-only">
          New category
        </label>
        <input id="new-cat" placeholder="new category, e.g. side-project" value={id} onChange={(e) => setId(e.target.value)} />
        <button type="submit" className="button" disabled={!id.trim()}>
          Add
        </button>
        {error && <span className="field-error">{error}</span>}
      </form>
    </section>
  );
}

export function TimeSection({ today, initialDay }: { today: string; initialDay?: string }) {
  const api = useApi();
  const [day, setDay] = useState(initialDay ?? today);
  const data = useCall('tracking:time-day', { day }, { domains: ['tracking'] });
  const timer = useCall('tracking:timer', {}, { domains: ['tracking'] });
  const categories = useCall('tracking:categories', {}, { domains: ['tracking'] });
  const [text, setText] = useState('');
  const [dirty, setDirty] = useState(false);
  const [line, setLine] = useState('');
  const [lineError, setLineError] = useState<string | null>(null);
  const d = data.data;

  useEffect(() => {
    if (d && !dirty) setText(d.text);
  }, [d, dirty]);
  useEffect(() => setDirty(false), [day]);

  const saveLog = async () => {
    await api.call('tracking:time-log-save', { day, text });
    setDirty(false);
  };
  const addLine = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('tracking:time-add', { text: line, day });
      setLine('');
      setLineError(null);
    } catch (err) {
      setLineError(issuesOf(err).text ?? (err as Error).message);
    }
  };

  return (
    <>
      <div className="row">
        <button type="button" className="icon-button" aria-label="Previous day" onClick={() => setDay(addDays(day, -1))}>
          <Icon name="chevronLeft" />
        </button>
        <h2 style={{ margin: 0 }}>{longDate(day)}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Next day"
          disabled={day >= today}
          onClick={() => setDay(addDays(day, 1))}
        >
          <Icon name="chevronRight" />
        </button>
        {day !== today && (
          <button type="button" className="button small" onClick={() => setDay(today)}>
            Today
          </button>
        )}
        <span className="spacer" />
        {timer.data && day === today && (
          <div style={{ minWidth: 360 }}>
            <TimerWidget timer={timer.data} />
          </div>
        )}
      </div>
      <div className="trk-split">
        <section className="card" aria-labelledby="quicklog-h">
          <h2 id="quicklog-h">Quick log</h2>
          <form className="row" onSubmit={(e) => void addLine(e)}>
            <label htmlFor="time-line" className="sr-only">
              Add a line
            </label>
            <input
              id="time-line"
              style={{ flex: 1 }}
              placeholder="09:10 reading RailS paper #research"
              value={line}
              onChange={(e) => setLine(e.target.value)}
              aria-invalid={lineError ? true : undefined}
              aria-describedby={lineError ? 'time-line-msg' : undefined}
              autoComplete="off"
            />
            <button type="submit" className="button primary" disabled={!line.trim()}>
              Add line
            </button>
          </form>
          {lineError && (
            <div id="time-line-msg" className="field-error" role="alert">
              {lineError}
            </div>
          )}
          <label htmlFor="time-log" className="faint" style={{ display: 'block', margin: '8px 0 4px' }}>
            The day’s log, one line per start (<code>14:05-15:30 meeting #work</code> for a range; a time alone ends the block
            before it). <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves.
          </label>
          <textarea
            id="time-log"
            className="log-box"
            value={text}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setDirty(true);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void saveLog();
              }
            }}
            onBlur={() => dirty && void saveLog()}
          />
          <div className="row">
            <button type="button" className="button" disabled={!dirty} onClick={() => void saveLog()}>
              Save log
            </button>
            {dirty && <span className="faint">Unsaved</span>}
          </div>
          {d && d.errors.length > 0 && (
            <ul className="log-errors" aria-label="Lines that could not be read">
              {d.errors.map((e) => (
                <li key={e.line}>
                  Line {e.line}: {e.message} — “{e.text}”
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="timeline-h">
          <h2 id="timeline-h">Timeline</h2>
          {d && (
            <>
              <div className="totals-row">
                <div className="fig">
                  <strong>{formatMinutes(d.totals.total)}</strong>
                  <span>tracked</span>
                </div>
                <div className="fig">
                  <strong>{formatMinutes(d.totals.productive)}</strong>
                  <span>productive</span>
                </div>
                <div className="fig">
                  <strong>{formatMinutes(d.totals.unproductive)}</strong>
                  <span>other</span>
                </div>
              </div>
              <ul className="dash-legend" aria-label="Per category">
                {d.totals.byCategory.map((c, i) => (
                  <li key={c.category}>
                    <span className="swatch" style={{ background: c.color ?? seriesColor(i) }} aria-hidden />
                    <span>{c.name}</span>
                    <span className="legend-value">{formatMinutes(c.minutes)}</span>
                  </li>
                ))}
              </ul>
              <Timeline day={d} categories={categories.data ?? []} />
            </>
          )}
        </section>
      </div>
      {categories.data && <Categories categories={categories.data} />}
    </>
  );
}
