import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMoney, parseAmount, spendTotals, validateSpend, type SpendEntry } from './spend';

describe('parseAmount (minor units)', () => {
  it.each([
    ['12.50', 'USD', 1250],
    ['12.5', 'USD', 1250],
    ['$1,234.56', 'USD', 123456],
    ['1.234,56', 'EUR', 123456],
    ['12,50', 'EUR', 1250],
    ['1,234', 'USD', 123400],
    ['¥1200', 'JPY', 1200],
    ['1.234', 'BHD', 1234],
    ['0.10', 'USD', 10],
    ['USD 3', 'USD', 300],
  ])('%s %s → %d', (raw, cur, minor) => expect(parseAmount(raw, cur)).toEqual({ ok: true, value: minor }));
  it('refuses too many decimals and garbage', () => {
    expect(parseAmount('12.505', 'USD')).toMatchObject({ ok: false, message: 'USD has 2 decimals; got 12.505' });
    expect(parseAmount('12.5', 'JPY')).toMatchObject({ ok: false, message: 'JPY has no decimals; got 12.5' });
    expect(parseAmount('abc', 'USD')).toMatchObject({ ok: false, field: 'amount' });
  });
  it('sums 0.1 ten times exactly', () => {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (parseAmount('0.10', 'USD') as { value: number }).value;
    expect(sum).toBe(100);
    expect(currencyDigits('JPY')).toBe(0);
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
  });
});

describe('validateSpend', () => {
  it('refuses negatives unless it is a refund, which is stored negative', () => {
    const base = { currency: 'usd', project: 'RailS', category: 'empirical', date: '2026-06-01' };
    expect(validateSpend({ ...base, amount: '-5' })).toEqual({
      ok: false,
      errors: [{ field: 'amount', message: 'Amount cannot be negative; to record money back, mark it as a refund' }],
    });
    expect(validateSpend({ ...base, amount: '5', refund: true })).toEqual({
      ok: true,
      value: { amountMinor: -500, currency: 'USD', project: 'RailS', category: 'EMPIRICAL', date: '2026-06-01' },
    });
  });
  it('reports every bad field at once', () => {
    const r = validateSpend({ amount: '0', currency: 'dollars', project: '', category: '??', date: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['currency', 'project', 'category', 'date']);
  });
});

describe('spendTotals', () => {
  let n = 0;
  const e = (amountMinor: number, currency: string, project: string, category: string, date: string): SpendEntry => ({
    id: String(++n),
    amountMinor,
    currency,
    project,
    category,
    date,
  });
  it('never adds different currencies', () => {
    const rows = [
      e(1000, 'USD', 'A', 'EMPIRICAL', '2026-06-01'),
      e(2550, 'USD', 'B', 'ENGINEERING', '2026-06-02'),
      e(-300, 'USD', 'A', 'EMPIRICAL', '2026-07-01'),
      e(900, 'EUR', 'A', 'METHODOLOGY', '2026-06-03'),
    ];
    const totals = spendTotals(rows);
    expect(totals.map((t) => [t.currency, t.total, t.spent, t.refunded, t.count])).toEqual([
      ['USD', 3250, 3550, 300, 3],
      ['EUR', 900, 900, 0, 1],
    ]);
    const usd = totals[0]!;
    expect(usd.byProject.map((b) => [b.key, b.total])).toEqual([
      ['B', 2550],
      ['A', 700],
    ]);
    expect(usd.byCategory.map((b) => [b.key, b.total])).toEqual([
      ['ENGINEERING', 2550],
      ['EMPIRICAL', 700],
    ]);
    expect(usd.byMonth.map((b) => b.key)).toEqual(['2026-06', '2026-07']);
    // Equal counts: currencies in alphabetical order.
    expect(spendTotals(rows, { to: '2026-06-30', project: 'A' }).map((t) => [t.currency, t.total])).toEqual([
      ['EUR', 900],
      ['USD', 1000],
    ]);
  });
});
