import { useEffect, useMemo, useState } from 'react';
import type { CalendarDayDto } from '@folio/core/contract';
import { Icon } from '../components/Icon';
import './journal.css';
import { addMonths, dayOf, formatLongDate, formatMonth, localToday, monthOf, parseDay, plural } from './format';
import { useJournalCall } from './use-journal-call';

const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** A month grid, Monday first; days with writing are marked (a dot per kind, stronger for more words). */
export function MonthCalendar({ selected, onSelect }: { selected?: string | null; onSelect(day: string): void }) {
  const today = localToday();
  const [month, setMonth] = useState(() => monthOf(selected ?? today));
  useEffect(() => {
    if (selected) setMonth(monthOf(selected));
  }, [selected]);
  const cal = useJournalCall('journal:calendar', { month }, { debounceMs: 1500 });
  const byDay = useMemo(() => new Map<string, CalendarDayDto>((cal.data?.days ?? []).map((d) => [d.date, d])), [cal.data]);

  const cells = useMemo(() => {
    const first = parseDay(`${month}-01`);
    const lead = (first.getDay() + 6) % 7;
    const out: (string | null)[] = Array.from({ length: lead }, () => null);
    const d = new Date(first);
    while (dayOf(d).startsWith(month)) {
      out.push(dayOf(d));
      d.setDate(d.getDate() + 1);
    }
    while (out.length % 7) out.push(null);
    return out;
  }, [month]);

  const written = cal.data?.days.length ?? 0;
  return (
    <section className="month-calendar" aria-label="Calendar">
      <header className="month-calendar-header">
        <button
          type="button"
          className="icon-button"
          aria-label="Previous month"
          onClick={() => setMonth((m) => addMonths(m, -1))}
        >
          <Icon name="chevronLeft" size={16} />
        </button>
        <h2 aria-live="polite">{formatMonth(month)}</h2>
        <button type="button" className="icon-button" aria-label="Next month" onClick={() => setMonth((m) => addMonths(m, 1))}>
          <Icon name="chevronRight" size={16} />
        </button>
      </header>
      <div className="month-grid" role="grid" aria-label={formatMonth(month)}>
        <div role="row" className="month-row month-weekdays">
          {WEEKDAYS.map((w) => (
            <span key={w} role="columnheader" aria-label={w}>
              {w}
            </span>
          ))}
        </div>
        {Array.from({ length: cells.length / 7 }, (_, r) => (
          <div role="row" className="month-row" key={r}>
            {cells.slice(r * 7, r * 7 + 7).map((day, i) => {
              if (!day) return <span key={i} role="gridcell" className="month-cell empty" />;
              const info = byDay.get(day);
              const level = info ? (info.words >= 500 ? 3 : info.words >= 150 ? 2 : 1) : 0;
              const label = `${formatLongDate(day)}${info ? `: ${plural(info.count, 'entry', 'entries')}, ${plural(info.words, 'word')}` : ''}`;
              return (
                <span key={day} role="gridcell" aria-selected={day === selected}>
                  <button
                    type="button"
                    className={`month-cell${info ? ` has-entries level-${level}` : ''}${day === today ? ' today' : ''}${day === selected ? ' selected' : ''}${day > today ? ' future' : ''}`}
                    aria-label={label}
                    title={label}
                    data-day={day}
                    onClick={() => onSelect(day)}
                  >
                    <span className="month-day">{Number(day.slice(8))}</span>
                    {info && <span className="month-dot" aria-hidden />}
                  </button>
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <footer className="month-calendar-footer">
        {written > 0 ? `${plural(written, 'day')} with writing` : 'No writing this month yet'}
        {month !== monthOf(today) && (
          <button type="button" className="link-button" onClick={() => setMonth(monthOf(today))}>
            This month
          </button>
        )}
      </footer>
    </section>
  );
}
