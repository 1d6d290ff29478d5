import { describe, expect, it } from 'vitest';
import {
  formatLongDate,
  formatMonth,
  formatRelative,
  formatShortDate,
  formatTime,
  formatWeekdayShort,
  formatWrittenAt,
  parseDay,
  plural,
} from './format';

// The formatters are cached Intl objects; they must print exactly what Date#toLocale* prints.
describe('journal date formatting', () => {
  const days = ['2016-01-01', '2024-02-29', '2026-11-25', '1999-12-31'];

  it('matches toLocaleDateString for days, months and weekdays', () => {
    for (const day of days) {
      const d = parseDay(day);
      expect(formatLongDate(day)).toBe(
        d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
      );
      expect(formatShortDate(day)).toBe(d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
      expect(formatMonth(day.slice(0, 7))).toBe(d.toLocaleDateString(undefined, { year: 'numeric', month: 'long' }));
      expect(formatWeekdayShort(day)).toBe(d.toLocaleDateString(undefined, { weekday: 'short' }));
    }
    expect(formatWeekdayShort('2026-11-23')).not.toBe(formatWeekdayShort('2026-11-24'));
  });

  it('matches toLocaleString / toLocaleTimeString for times', () => {
    const iso = '2026-11-25T09:12:00.000Z';
    expect(formatTime(iso)).toBe(new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
    const old = formatRelative(iso, Date.parse(iso) + 3 * 86_400_000);
    expect(old).toBe(
      new Date(iso).toLocaleString(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
    const month = new Date(Date.parse(iso) + 480 * 60_000).toLocaleDateString(undefined, { month: 'short', timeZone: 'UTC' });
    expect(formatWrittenAt(iso, 480)).toBe(`25 ${month} 2026, 17:12 (UTC+08:00)`);
  });

  it('groups thousands like toLocaleString', () => {
    expect(plural(1, 'word')).toBe('1 word');
    expect(plural(12345, 'word')).toBe(`${(12345).toLocaleString()} words`);
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});
