import { href } from '../shell/router';
import { displayTitle, KIND_LABELS, localToday, plural } from './format';
import { useJournalCall } from './use-journal-call';

/** The current writing streak, and the longest. */
export function StreakCard({ today = localToday() }: { today?: string }) {
  const s = useJournalCall('journal:streak', { today }, { debounceMs: 1500 });
  if (!s.data) return <section className="side-card streak-card" aria-label="Writing streak" aria-busy />;
  const { current, longest, todayDone } = s.data;
  return (
    <section className="side-card streak-card" aria-label="Writing streak">
      <div className="streak-main">
        <span className="streak-number" data-testid="streak-current">
          {current}
        </span>
        <span className="streak-label">
          day{current === 1 ? '' : 's'} in a row
          <span className="muted">
            {current === 0
              ? 'Write something today to start a streak.'
              : todayDone
                ? 'Today is written.'
                : 'Write today to keep it going.'}
          </span>
        </span>
      </div>
      <div className="streak-longest muted">Longest: {plural(longest, 'day')}</div>
    </section>
  );
}

/** Entries from the same day in earlier years. */
export function OnThisDay({ date = localToday() }: { date?: string }) {
  const r = useJournalCall('journal:on-this-day', { date }, { debounceMs: 1500 });
  const years = r.data?.years ?? [];
  return (
    <section className="side-card on-this-day" aria-label="On this day">
      <h2>On this day</h2>
      {r.data && years.length === 0 && <p className="muted small">Nothing from this day in earlier years yet.</p>}
      {years.map((y) => (
        <div key={y.year} className="otd-year">
          <div className="otd-year-label">
            {y.yearsAgo === 1 ? 'A year ago' : `${y.yearsAgo} years ago`} · {y.year}
          </div>
          <ul>
            {y.entries.slice(0, 4).map((e) => (
              <li key={e.id}>
                <a href={href(`/journal/${e.id}`)}>
                  <span className="otd-title">{displayTitle(e)}</span>
                  <span className="otd-meta">{KIND_LABELS[e.kind] ?? e.kind}</span>
                  {e.excerpt && <span className="otd-excerpt">{e.excerpt}</span>}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
