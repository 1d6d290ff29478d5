import { validateDate, type Day } from './dates';
import type { FieldError, FieldResult } from './result';

/**
 * Research spend: a ledger of experiment costs.
 *
 * Amounts are integers in the currency's minor unit (cents for USD/EUR, yen for JPY, fils for
 * BHD) so sums are exact in JS and SQL alike. Totals are always per currency: different
 * currencies are never added together (there is no exchange rate in a local notebook).
 *
 * Refunds: a typed amount is always positive; a refund is entered with `refund: true` and stored
 * as a negative amount, so it nets out of the totals and shows separately. A negative number
 * typed as an expense is refused (it is almost always a mistake; the form says to mark a refund).
 */
export const DEFAULT_SPEND_CATEGORIES = ['EMPIRICAL', 'ENGINEERING', 'METHODOLOGY', 'COMPUTE', 'DATA', 'OTHER'] as const;

export interface SpendLink {
  type: 'entry' | 'post' | 'paper';
  id: string;
}

export interface SpendEntry {
  id: string;
  /** Minor units; negative for a refund. */
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  project: string;
  /** Upper case, e.g. EMPIRICAL. */
  category: string;
  date: Day;
  note?: string;
  link?: SpendLink | null;
}

const digitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (USD 2, JPY 0, BHD 3), from the runtime's ICU data. */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, d);
  }
  return d;
}

export function validateCurrency(raw: string, field = 'currency'): FieldResult<string> {
  const c = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) return { ok: false, field, message: `Currency is a 3-letter code such as USD or EUR; got "${raw}"` };
  try {
    currencyDigits(c);
  } catch {
    return { ok: false, field, message: `Unknown currency "${raw}"` };
  }
  return { ok: true, value: c };
}

/**
 * "12.50", "$1,234.56", "12,50" (decimal comma), "1 234,5", "¥1200" → minor units. The sign is
 * returned as typed; `validateSpend` decides whether a negative is allowed.
 */
export function parseAmount(raw: string, currency: string, field = 'amount'): FieldResult<number> {
  const digits = currencyDigits(currency);
  let t = raw
    .trim()
    .replace(/\s+/g, '')
    .replace(/\u2212/g, '-');
  t = t.replace(new RegExp(`^(-?)${currency}`, 'i'), '$1').replace(new RegExp(`${currency}$`, 'i'), '');
  t = t.replace(/^(-?)[^\d.,-]+/, '$1').replace(/[^\d.,]+$/, '');
  if (!/^-?[\d.,]+$/.test(t)) return { ok: false, field, message: `Amount is a number such as 12.50; got "${raw}"` };
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let intPart: string;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Whichever comes last is the decimal separator.
    const dec = Math.max(lastDot, lastComma);
    intPart = t.slice(0, dec).replace(/[.,]/g, '');
    frac = t.slice(dec + 1);
  } else if (lastComma >= 0) {
    const after = t.length - lastComma - 1;
    const commas = t.split(',').length - 1;
    if (commas === 1 && after !== 3) {
      intPart = t.slice(0, lastComma);
      frac = t.slice(lastComma + 1);
    } else {
      intPart = t.replace(/,/g, '');
    }
  } else if (lastDot >= 0) {
    const dots = t.split('.').length - 1;
    if (dots === 1) {
      intPart = t.slice(0, lastDot);
      frac = t.slice(lastDot + 1);
    } else {
      intPart = t.replace(/\./g, '');
    }
  } else {
    intPart = t;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === '' && frac === '')) {
    return { ok: false, field, message: `Amount is a number such as 12.50; got "${raw}"` };
  }
  if (frac.length > digits) {
    return {
      ok: false,
      field,
      message:
        digits === 0 ? `${currency} has no decimals; got ${raw.trim()}` : `${currency} has ${digits} decimals; got ${raw.trim()}`,
    };
  }
  const minor = Number(intPart || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, field, message: `Amount ${raw.trim()} is too large` };
  return { ok: true, value: negative ? -minor : minor };
}

export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

export interface SpendInput {
  amount: string;
  currency: string;
  project: string;
  category: string;
  date: string;
  refund?: boolean;
  note?: string;
  link?: SpendLink | null;
}

export type SpendDraft = Omit<SpendEntry, 'id'>;

/** Validates a ledger form; every field is judged on its own so all messages show at once. */
export function validateSpend(
  input: SpendInput,
  opts: { today?: Day } = {},
): { ok: true; value: SpendDraft } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const currency = validateCurrency(input.currency);
  if (!currency.ok) errors.push({ field: currency.field, message: currency.message });
  let amountMinor = 0;
  if (currency.ok) {
    const a = parseAmount(input.amount, currency.value);
    if (!a.ok) errors.push({ field: a.field, message: a.message });
    else if (a.value < 0) {
      errors.push({ field: 'amount', message: 'Amount cannot be negative; to record money back, mark it as a refund' });
    } else if (a.value === 0) {
      errors.push({ field: 'amount', message: 'Amount must be above zero' });
    } else {
      amountMinor = input.refund ? -a.value : a.value;
    }
  }
  const project = input.project.trim();
  if (project === '') errors.push({ field: 'project', message: 'Name the project this cost belongs to' });
  const category = input.category.trim().toUpperCase().replace(/\s+/g, '_');
  if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(category)) {
    errors.push({ field: 'category', message: `Category is a word such as EMPIRICAL; got "${input.category}"` });
  }
  const date = validateDate(input.date, opts.today !== undefined ? { notAfter: opts.today } : {});
  if (!date.ok) errors.push({ field: date.field, message: date.message });
  if (errors.length > 0 || !currency.ok || !date.ok) return { ok: false, errors };
  const value: SpendDraft = { amountMinor, currency: currency.value, project, category, date: date.value };
  if (input.note?.trim()) value.note = input.note.trim();
  if (input.link) value.link = input.link;
  return { ok: true, value };
}

export interface SpendBucket {
  key: string;
  /** Net minor units (expenses minus refunds). */
  total: number;
  count: number;
}

export interface CurrencyTotals {
  currency: string;
  /** Net. */
  total: number;
  /** Expenses only. */
  spent: number;
  /** Refunds, as a positive number. */
  refunded: number;
  count: number;
  byProject: SpendBucket[];
  byCategory: SpendBucket[];
  byMonth: SpendBucket[];
}

/** Totals per currency, and within each per project, category and month (largest first; months in order). */
export function spendTotals(
  entries: Iterable<SpendEntry>,
  filter: { from?: Day; to?: Day; project?: string; category?: string } = {},
): CurrencyTotals[] {
  const out = new Map<
    string,
    { t: CurrencyTotals; p: Map<string, SpendBucket>; c: Map<string, SpendBucket>; m: Map<string, SpendBucket> }
  >();
  const add = (map: Map<string, SpendBucket>, key: string, amount: number) => {
    let b = map.get(key);
    if (!b) map.set(key, (b = { key, total: 0, count: 0 }));
    b.total += amount;
    b.count++;
  };
  for (const e of entries) {
    if (filter.from !== undefined && e.date < filter.from) continue;
    if (filter.to !== undefined && e.date > filter.to) continue;
    if (filter.project !== undefined && e.project !== filter.project) continue;
    if (filter.category !== undefined && e.category !== filter.category) continue;
    let g = out.get(e.currency);
    if (!g) {
      g = {
        t: { currency: e.currency, total: 0, spent: 0, refunded: 0, count: 0, byProject: [], byCategory: [], byMonth: [] },
        p: new Map(),
        c: new Map(),
        m: new Map(),
      };
      out.set(e.currency, g);
    }
    g.t.total += e.amountMinor;
    if (e.amountMinor >= 0) g.t.spent += e.amountMinor;
    else g.t.refunded -= e.amountMinor;
    g.t.count++;
    add(g.p, e.project, e.amountMinor);
    add(g.c, e.category, e.amountMinor);
    add(g.m, e.date.slice(0, 7), e.amountMinor);
  }
  const bySize = (a: SpendBucket, b: SpendBucket) => b.total - a.total || a.key.localeCompare(b.key);
  return [...out.values()]
    .map(({ t, p, c, m }) => ({
      ...t,
      byProject: [...p.values()].sort(bySize),
      byCategory: [...c.values()].sort(bySize),
      byMonth: [...m.values()].sort((a, b) => a.key.localeCompare(b.key)),
    }))
    .sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
}
