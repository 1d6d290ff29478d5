import { describe, expect, it } from 'vitest';
import { addDays, diffDays, eachDay, endOfMonth, startOfWeek, validateDate, weekdayOf } from './dates';

describe('validateDate', () => {
  it('refuses a date that does not exist, saying why', () => {
    const r = validateDate('2026-02-30');
    expect(r).toEqual({ ok: false, field: 'date', message: '2026-02-30 is not a real date: February 2026 has 28 days' });
  });
  it('knows leap years', () => {
    expect(validateDate('2024-02-29').ok).toBe(true);
    expect(validateDate('2100-02-29').ok).toBe(false);
    expect(validateDate('2000-02-29').ok).toBe(true);
  });
  it('refuses other shapes and months', () => {
    expect(validateDate('2026-13-01')).toMatchObject({ ok: false, message: expect.stringContaining('no month 13') });
    expect(validateDate('26-1-1')).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') });
    expect(validateDate('2026-04-31').ok).toBe(false);
  });
  it('refuses the future when told today', () => {
    expect(validateDate('2026-06-02', { notAfter: '2026-06-01' })).toMatchObject({ ok: false });
    expect(validateDate('2026-06-01', { notAfter: '2026-06-01' })).toEqual({ ok: true, value: '2026-06-01' });
  });
});

describe('day arithmetic', () => {
  it('adds across months, years and DST changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
  it('finds weekdays and week starts (Monday by default)', () => {
    expect(weekdayOf('2026-06-01')).toBe(1); // a Monday
    expect(startOfWeek('2026-06-07')).toBe('2026-06-01');
    expect(startOfWeek('2026-06-07', 0)).toBe('2026-06-07');
    expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
  });
});
