import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import type { CurrencyTotalsDto, EarnedStampBrief, SpendDto, SpendListDto } from '../contract/tracking';
import { eventSources, flushStamps } from '../stamps';
import { emitTracking, newId, nowIso, refuse, stmt, today } from './db';
import { formatMoney, spendTotals, validateSpend, type CurrencyTotals, type Day, type SpendEntry } from './logic';

interface SpendRow {
  id: string;
  amount_minor: number;
  currency: string;
  project: string;
  category: string;
  date: string;
  note: string | null;
  link_type: 'entry' | 'post' | 'paper' | null;
  link_id: string | null;
  created_at: string;
}

function toEntry(r: SpendRow): SpendEntry {
  const e: SpendEntry = {
    id: r.id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    project: r.project,
    category: r.category,
    date: r.date,
  };
  if (r.note) e.note = r.note;
  if (r.link_type && r.link_id) e.link = { type: r.link_type, id: r.link_id };
  return e;
}

function toDto(r: SpendRow): SpendDto {
  return {
    id: r.id,
    amountMinor: r.amount_minor,
    currency: r.currency,
    amount: formatMoney(r.amount_minor, r.currency),
    project: r.project,
    category: r.category,
    date: r.date,
    note: r.note,
    link: r.link_type && r.link_id ? { type: r.link_type, id: r.link_id } : null,
    createdAt: r.created_at,
  };
}

export function totalsDto(totals: readonly CurrencyTotals[]): CurrencyTotalsDto[] {
  return totals.map((t) => {
    const fmt = (n: number) => formatMoney(n, t.currency);
    const bucket = (b: { key: string; total: number; count: number }) => ({ ...b, formatted: fmt(b.total) });
    return {
      currency: t.currency,
      total: t.total,
      spent: t.spent,
      refunded: t.refunded,
      count: t.count,
      formatted: fmt(t.total),
      byProject: t.byProject.map(bucket),
      byCategory: t.byCategory.map(bucket),
      byMonth: t.byMonth.map(bucket),
    };
  });
}

/** Ledger lines with dates in [from, to] (the dashboard's input). */
export function rawSpend(ctx: CoreContext, from: Day, to: Day): SpendEntry[] {
  return (
    stmt(ctx, `SELECT * FROM spend_entries WHERE date BETWEEN ? AND ? ORDER BY date, created_at`).all(from, to) as SpendRow[]
  ).map(toEntry);
}

export function listSpend(
  ctx: CoreContext,
  f: {
    from?: string | undefined;
    to?: string | undefined;
    project?: string | undefined;
    category?: string | undefined;
    currency?: string | undefined;
    limit: number;
  },
): SpendListDto {
  const where: string[] = ['date BETWEEN ? AND ?'];
  const params: unknown[] = [f.from ?? '0000-01-01', f.to ?? '9999-12-31'];
  if (f.project) {
    where.push('project = ?');
    params.push(f.project);
  }
  if (f.category) {
    where.push('category = ?');
    params.push(f.category.toUpperCase());
  }
  if (f.currency) {
    where.push('currency = ?');
    params.push(f.currency.toUpperCase());
  }
  const rows = ctx.store.sqlite
    .prepare(`SELECT * FROM spend_entries WHERE ${where.join(' AND ')} ORDER BY date DESC, created_at DESC`)
    .all(...params) as SpendRow[];
  const distinct = (col: string) =>
    (stmt(ctx, `SELECT DISTINCT ${col} AS v FROM spend_entries ORDER BY ${col}`).all() as { v: string }[]).map((r) => r.v);
  return {
    entries: rows.slice(0, f.limit).map(toDto),
    totals: totalsDto(spendTotals(rows.map(toEntry))),
    projects: distinct('project'),
    categories: distinct('category'),
    currencies: distinct('currency'),
  };
}

export interface SpendInput {
  id?: string | undefined;
  amount: string | number;
  currency: string;
  project: string;
  category: string;
  date: string;
  refund?: boolean | undefined;
  note?: string | null | undefined;
  link?: { type: 'entry' | 'post' | 'paper'; id: string } | null | undefined;
}

/** Adds or edits a ledger line; every field is judged on its own and all messages come back at once. */
export function saveSpend(ctx: CoreContext, input: SpendInput): SpendDto & { earned: EarnedStampBrief[] } {
  const existing = input.id
    ? (stmt(ctx, `SELECT * FROM spend_entries WHERE id = ?`).get(input.id) as SpendRow | undefined)
    : undefined;
  if (input.id && !existing) throw new FolioError('not_found', `There is no expense "${input.id}".`);
  const v = validateSpend(
    {
      amount: String(input.amount),
      currency: input.currency,
      project: input.project,
      category: input.category,
      date: input.date,
      ...(input.refund !== undefined ? { refund: input.refund } : {}),
      ...(input.note ? { note: input.note } : {}),
      ...(input.link ? { link: input.link } : {}),
    },
    { today: today(ctx) },
  );
  if (!v.ok) refuse(v.errors, 'The expense was not saved');
  const d = v.value;
  const id = existing?.id ?? newId('s');
  const now = nowIso(ctx);
  if (existing) {
    stmt(
      ctx,
      `UPDATE spend_entries SET amount_minor = ?, currency = ?, project = ?, category = ?, date = ?, note = ?, link_type = ?, link_id = ?, updated_at = ? WHERE id = ?`,
    ).run(
      d.amountMinor,
      d.currency,
      d.project,
      d.category,
      d.date,
      d.note ?? null,
      d.link?.type ?? null,
      d.link?.id ?? null,
      now,
      id,
    );
  } else {
    stmt(
      ctx,
      `INSERT INTO spend_entries (id, amount_minor, currency, project, category, date, note, link_type, link_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      d.amountMinor,
      d.currency,
      d.project,
      d.category,
      d.date,
      d.note ?? null,
      d.link?.type ?? null,
      d.link?.id ?? null,
      now,
      now,
    );
  }
  emitTracking(ctx, existing ? 'spend-update' : 'spend-create', eventSources.spend(), d.date);
  const earned = flushStamps(ctx);
  return { ...toDto(stmt(ctx, `SELECT * FROM spend_entries WHERE id = ?`).get(id) as SpendRow), earned };
}

export function deleteSpend(ctx: CoreContext, id: string): void {
  const r = stmt(ctx, `DELETE FROM spend_entries WHERE id = ?`).run(id);
  if (r.changes === 0) throw new FolioError('not_found', `There is no expense "${id}".`);
  emitTracking(ctx, 'spend-delete', eventSources.spend());
}
