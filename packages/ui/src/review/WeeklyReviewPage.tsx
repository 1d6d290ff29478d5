import { memo, useState } from 'react';
import { useApi, useCall } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import type { PageProps } from '../pages/registry';
import { href, navigate } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { addDays, formatMinutes, seriesColor, shortDate } from '../tracking/format';
import '../tracking/tracking.css';
import './review.css';

/** `#/review?week=YYYY-MM-DD`: the week assembled, and a weekly-review entry started from it. */
export const WeeklyReviewPage = memo(function WeeklyReviewPage({ route }: PageProps) {
  const api = useApi();
  const toasts = useToasts();
  const weekOf = route.query.get('week') ?? undefined;
  const r = useCall('tracking:week-review', weekOf ? { weekOf } : {}, { domains: ['tracking', 'journal', 'papers', 'stamps'] });
  const [busy, setBusy] = useState(false);
  const w = r.data;
  const go = (day: string | null) => navigate(day ? `/review?week=${day}` : '/review');

  const start = async () => {
    setBusy(true);
    try {
      const res = await api.call('tracking:week-review-start', weekOf ? { weekOf } : {});
      navigate(`/journal/${res.entryId}`);
    } catch (err) {
      toasts.error('Could not start the review', err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page review-page">
      <header className="page-header">
        <h1>Weekly review</h1>
        {w && (
          <>
            <button type="button" className="icon-button" aria-label="Previous week" onClick={() => go(addDays(w.from, -7))}>
              <Icon name="chevronLeft" />
            </button>
            <span className="review-week">
              {w.week} · {shortDate(w.from)} – {shortDate(w.to)}
            </span>
            <button type="button" className="icon-button" aria-label="Next week" onClick={() => go(addDays(w.from, 7))}>
              <Icon name="chevronRight" />
            </button>
            {weekOf && (
              <button type="button" className="button small" onClick={() => go(null)}>
                This week
              </button>
            )}
          </>
        )}
        <span className="spacer" />
        {w?.existingEntryId ? (
          <a className="button primary" href={href(`/journal/${w.existingEntryId}`)}>
            Open this week’s review
          </a>
        ) : (
          <button type="button" className="button primary" disabled={busy || !w} onClick={() => void start()}>
            Start weekly review
          </button>
        )}
      </header>
      {r.error && <p className="field-error">{r.error.message}</p>}
      {w && (
        <div className="review-grid">
          <section className="card">
            <h2>Journal</h2>
            <p className="review-fig">
              <strong>{w.entries.items.length}</strong> {w.entries.items.length === 1 ? 'entry' : 'entries'} ·{' '}
              <strong>{w.entries.words.toLocaleString()}</strong> words
            </p>
            {w.entries.items.length === 0 ? (
              <p className="muted">Nothing written this week.</p>
            ) : (
              <ul className="review-list">
                {w.entries.items.map((e) => (
                  <li key={e.id}>
                    <a href={href(`/journal/${e.id}`)}>{e.title}</a>{' '}
                    <span className="faint">
                      {shortDate(e.date)} · {e.kind} · {e.words} words
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>Papers</h2>
            {!w.papers.available ? (
              <p className="muted">No papers data: the library has nothing to report yet.</p>
            ) : (
              <>
                <p className="review-fig">
                  <strong>{w.papers.finished.length}</strong> read · <strong>{w.papers.highlights.length}</strong>{' '}
                  {w.papers.highlights.length === 1 ? 'highlight' : 'highlights'}
                </p>
                <ul className="review-list">
                  {w.papers.finished.map((p) => (
                    <li key={p.id}>
                      <a href={href(`/papers/${p.id}`)}>{p.title ?? p.id}</a>{' '}
                      {p.day && <span className="faint">{shortDate(p.day)}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="card">
            <h2>Habits</h2>
            {w.habits.length === 0 ? (
              <p className="muted">
                No habits. <a href={href('/track/habits')}>Add one</a>.
              </p>
            ) : (
              <ul className="review-list">
                {w.habits.map((h) => (
                  <li key={h.id}>
                    <strong>{h.name}</strong>{' '}
                    <span className={h.met === h.decided && h.decided > 0 ? 'met' : 'faint'}>
                      {h.met}/{h.decided} met
                    </span>{' '}
                    <span className="faint">({h.scheduleText})</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>Time</h2>
            {w.time.total === 0 ? (
              <p className="muted">No time logged this week.</p>
            ) : (
              <>
                <p className="review-fig">
                  <strong>{formatMinutes(w.time.total)}</strong> tracked · <strong>{formatMinutes(w.time.productive)}</strong>{' '}
                  productive
                </p>
                <ul className="dash-legend">
                  {w.time.byCategory.map((c, i) => (
                    <li key={c.category}>
                      <span className="swatch" style={{ background: c.color ?? seriesColor(i) }} aria-hidden />
                      <span>{c.name}</span>
                      <span className="legend-value">{formatMinutes(c.minutes)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="card">
            <h2>Tasks</h2>
            <p className="review-fig">
              <strong>{w.tasks.done}</strong> done of <strong>{w.tasks.planned}</strong> planned
            </p>
            <ul className="review-list">
              {w.tasks.doneItems.map((t) => (
                <li key={t.id}>
                  ✓ {t.title} <span className={`prio prio-${t.priority}`}>{t.priority}</span>
                </li>
              ))}
              {w.tasks.openItems.map((t) => (
                <li key={t.id} className="faint">
                  ○ {t.title} <span className={`prio prio-${t.priority}`}>{t.priority}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>Daily stats</h2>
            <ul className="review-list">
              {w.metrics.map((m) => (
                <li key={m.id}>
                  {m.name}: <strong>{m.headlineText}</strong> <span className="faint">({m.count} days logged)</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>Stamps earned</h2>
            {w.stamps.length === 0 ? (
              <p className="muted">
                None this week. <a href={href('/stamps')}>See what’s close</a>.
              </p>
            ) : (
              <ul className="review-list">
                {w.stamps.map((s) => (
                  <li key={s.id}>
                    <a href={href(`/stamps?open=${s.id}`)}>{s.name}</a> <span className="faint">{shortDate(s.earnedAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>Spend</h2>
            {w.spend.length === 0 ? (
              <p className="muted">No costs recorded this week.</p>
            ) : (
              w.spend.map((s) => (
                <p key={s.currency}>
                  <strong>{s.formatted}</strong>{' '}
                  <span className="faint">{s.byCategory.map((c) => `${c.key} ${c.formatted}`).join(' · ')}</span>
                </p>
              ))
            )}
          </section>
          <section className="card review-md">
            <h2>What the review starts with</h2>
            <p className="faint">
              “Start weekly review” creates an entry from the weekly-review template with these lines under its headings.
            </p>
            <pre>{w.markdown}</pre>
          </section>
        </div>
      )}
    </div>
  );
});
