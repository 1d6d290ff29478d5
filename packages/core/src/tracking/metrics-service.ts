import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import type {
  CheckInDto,
  CsvImportDto,
  DayValuesDto,
  LogResultDto,
  MetricDto,
  MetricValueDto,
  ValueHistoryDto,
} from '../contract/tracking';
import { flushStamps } from '../stamps';
import { emitTracking, nowIso, refuse, stmt, today, tx } from './db';
import {
  exportMetricsCsv,
  formatDuration,
  formatMetricValue,
  importMetricsCsv,
  metricAggregate,
  metricBounds,
  parseLogCommand,
  parseMetricValue,
  validateCheckIn,
  validateDate,
  validateMetricDefinition,
  validateMetricValue,
  type Day,
  type MetricCsvExportOptions,
  type MetricDefinition,
  type MetricValue,
} from './logic';
import { ensureTrackingSeeded } from './seed';

interface MetricRow {
  id: string;
  name: string;
  kind: MetricDefinition['kind'];
  unit: string | null;
  min: number | null;
  max: number | null;
  daily_cap: number | null;
  productive: number | null;
  input_unit: 'h' | 'min' | null;
  aggregate: 'sum' | 'avg' | null;
  description: string | null;
  archived: number;
  sort: number;
  deleted_at: string | null;
}

function toDef(r: MetricRow): MetricDefinition {
  const d: MetricDefinition = { id: r.id, name: r.name, kind: r.kind };
  if (r.unit) d.unit = r.unit;
  if (r.min !== null) d.min = r.min;
  if (r.max !== null) d.max = r.max;
  if (r.daily_cap !== null) d.dailyCap = r.daily_cap;
  if (r.productive !== null) d.productive = r.productive === 1;
  if (r.input_unit) d.inputUnit = r.input_unit;
  if (r.aggregate) d.aggregate = r.aggregate;
  if (r.description) d.description = r.description;
  if (r.archived) d.archived = true;
  return d;
}

const finiteOrNull = (n: number) => (Number.isFinite(n) ? n : null);

function toDto(r: MetricRow, stats?: { n: number; last: string | null }): MetricDto {
  const def = toDef(r);
  const b = metricBounds(def);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    min: r.min,
    max: r.max,
    dailyCap: r.daily_cap,
    productive: r.productive === null ? null : r.productive === 1,
    inputUnit: r.input_unit,
    aggregate: metricAggregate(def),
    description: r.description,
    archived: r.archived === 1,
    sort: r.sort,
    bounds: { min: finiteOrNull(b.min), max: finiteOrNull(b.max) },
    valueCount: stats?.n ?? 0,
    lastDate: stats?.last ?? null,
  };
}

function metricRows(ctx: CoreContext, opts: { includeArchived?: boolean } = {}): MetricRow[] {
  ensureTrackingSeeded(ctx);
  const rows = stmt(ctx, `SELECT * FROM metrics WHERE deleted_at IS NULL ORDER BY sort, name`).all() as MetricRow[];
  return opts.includeArchived ? rows : rows.filter((r) => !r.archived);
}

/** Live metric definitions (archived ones included unless told otherwise). */
export function metricDefs(
  ctx: CoreContext,
  opts: { includeArchived?: boolean } = { includeArchived: true },
): MetricDefinition[] {
  return metricRows(ctx, opts).map(toDef);
}

export function metricDef(ctx: CoreContext, id: string): MetricDefinition | undefined {
  ensureTrackingSeeded(ctx);
  const r = stmt(ctx, `SELECT * FROM metrics WHERE id = ? AND deleted_at IS NULL`).get(id) as MetricRow | undefined;
  return r ? toDef(r) : undefined;
}

export function listMetrics(ctx: CoreContext, includeArchived = false): MetricDto[] {
  const stats = new Map(
    (
      stmt(ctx, `SELECT metric_id AS id, count(*) AS n, max(date) AS last FROM metric_values GROUP BY metric_id`).all() as {
        id: string;
        n: number;
        last: string | null;
      }[]
    ).map((s) => [s.id, s]),
  );
  return metricRows(ctx, { includeArchived }).map((r) => toDto(r, stats.get(r.id)));
}

function getMetricDto(ctx: CoreContext, id: string): MetricDto {
  const m = listMetrics(ctx, true).find((x) => x.id === id);
  if (!m) throw new FolioError('not_found', `There is no metric "${id}".`);
  return m;
}

export interface MetricInput {
  id: string;
  name: string;
  kind: MetricDefinition['kind'];
  unit?: string | null | undefined;
  min?: number | null | undefined;
  max?: number | null | undefined;
  dailyCap?: number | null | undefined;
  productive?: boolean | null | undefined;
  inputUnit?: 'h' | 'min' | null | undefined;
  aggregate?: 'sum' | 'avg' | null | undefined;
  description?: string | null | undefined;
  archived?: boolean | undefined;
  isNew?: boolean | undefined;
}

export function saveMetric(ctx: CoreContext, input: MetricInput): MetricDto {
  ensureTrackingSeeded(ctx);
  const id = input.id.trim();
  const def: MetricDefinition = { id, name: input.name.trim(), kind: input.kind };
  if (input.unit?.trim()) def.unit = input.unit.trim();
  if (input.min != null) def.min = input.min;
  if (input.max != null) def.max = input.max;
  if (input.dailyCap != null) def.dailyCap = input.dailyCap;
  if (input.productive != null) def.productive = input.productive;
  if (input.inputUnit) def.inputUnit = input.inputUnit;
  if (input.aggregate) def.aggregate = input.aggregate;
  if (input.description?.trim()) def.description = input.description.trim();
  if (input.archived) def.archived = true;
  const existing = stmt(ctx, `SELECT * FROM metrics WHERE id = ?`).get(id) as MetricRow | undefined;
  const live = existing && existing.deleted_at === null ? existing : undefined;
  const taken = input.isNew && live ? [id] : [];
  const errors: FieldIssue[] = validateMetricDefinition(def, taken).map((e) => ({ path: e.field, message: e.message }));
  if (!input.isNew && !live && errors.length === 0) throw new FolioError('not_found', `There is no metric "${id}".`);
  if (live && errors.length === 0) {
    const n = (stmt(ctx, `SELECT count(*) AS n FROM metric_values WHERE metric_id = ?`).get(id) as { n: number }).n;
    if (n > 0 && live.kind !== def.kind) {
      errors.push({
        path: 'kind',
        message: `The kind cannot change once values are logged (${n} so far); make a new metric instead`,
      });
    } else if (n > 0) {
      const b = metricBounds(def);
      const outside = (
        stmt(ctx, `SELECT count(*) AS n FROM metric_values WHERE metric_id = ? AND (value < ? OR value > ?)`).get(
          id,
          Number.isFinite(b.min) ? b.min : -1e308,
          Number.isFinite(b.max) ? b.max : 1e308,
        ) as { n: number }
      ).n;
      if (outside > 0) {
        errors.push({
          path: b.min > (live.min ?? -Infinity) ? 'min' : 'max',
          message: `${outside} logged value${outside === 1 ? '' : 's'} would fall outside the new bounds`,
        });
      }
    }
  }
  if (errors.length > 0) refuse(errors, 'The metric was not saved');
  const now = nowIso(ctx);
  const values = [
    def.name,
    def.kind,
    def.unit ?? null,
    def.min ?? null,
    def.max ?? null,
    def.dailyCap ?? null,
    def.productive === undefined ? null : def.productive ? 1 : 0,
    def.inputUnit ?? null,
    metricAggregate(def),
    def.description ?? null,
    def.archived ? 1 : 0,
  ];
  if (existing) {
    stmt(
      ctx,
      `UPDATE metrics SET name = ?, kind = ?, unit = ?, min = ?, max = ?, daily_cap = ?, productive = ?, input_unit = ?, aggregate = ?,
       description = ?, archived = ?, deleted_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(...values, now, id);
  } else {
    const sort = (stmt(ctx, `SELECT coalesce(max(sort), 0) + 10 AS s FROM metrics`).get() as { s: number }).s;
    stmt(
      ctx,
      `INSERT INTO metrics (name, kind, unit, min, max, daily_cap, productive, input_unit, aggregate, description, archived, id, sort, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, id, sort, now, now);
  }
  emitTracking(ctx, existing ? 'metric-update' : 'metric-create', [`metric:${id}`]);
  return getMetricDto(ctx, id);
}

export function deleteMetric(ctx: CoreContext, id: string): { id: string; values: number } {
  const n = tx(ctx, () => {
    const r = stmt(ctx, `UPDATE metrics SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(
      nowIso(ctx),
      nowIso(ctx),
      id,
    );
    if (r.changes === 0) throw new FolioError('not_found', `There is no metric "${id}".`);
    stmt(ctx, `DELETE FROM metric_value_history WHERE metric_id = ?`).run(id);
    return stmt(ctx, `DELETE FROM metric_values WHERE metric_id = ?`).run(id).changes;
  });
  emitTracking(ctx, 'metric-delete', [`metric:${id}`]);
  return { id, values: n };
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** Writes (or with null clears) one value, keeping a history row when it changes. */
function writeValue(
  ctx: CoreContext,
  metricId: string,
  date: Day,
  value: number | null,
  source: string,
  now: string,
): { changed: boolean; previous: number | null } {
  const prev = stmt(ctx, `SELECT value FROM metric_values WHERE metric_id = ? AND date = ?`).get(metricId, date) as
    { value: number } | undefined;
  const previous = prev?.value ?? null;
  if (previous === value) return { changed: false, previous };
  if (value === null) stmt(ctx, `DELETE FROM metric_values WHERE metric_id = ? AND date = ?`).run(metricId, date);
  else {
    stmt(
      ctx,
      `INSERT INTO metric_values (metric_id, date, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(metric_id, date) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(metricId, date, value, now, now);
  }
  stmt(
    ctx,
    `INSERT INTO metric_value_history (metric_id, date, old_value, new_value, source, changed_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(metricId, date, previous, value, source, now);
  return { changed: true, previous };
}

function afterValues(ctx: CoreContext, metricIds: Iterable<string>, action: string, day?: Day) {
  const sources = [...new Set(metricIds)].map((id) => `metric:${id}`);
  emitTracking(ctx, action, sources, day);
  return sources.length > 0 ? flushStamps(ctx) : [];
}

function valuesOn(ctx: CoreContext, date: Day): Record<string, number> {
  const rows = stmt(ctx, `SELECT metric_id AS id, value FROM metric_values WHERE date = ?`).all(date) as {
    id: string;
    value: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.id, r.value]));
}

/** What the check-in form shows for a value: text `parseMetricValue` reads back exactly. */
export function inputText(def: MetricDefinition, value: number): string {
  if (def.kind === 'duration') return formatDuration(value).replace(' ', '');
  if (def.kind === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function dayValues(ctx: CoreContext, date?: string): DayValuesDto {
  const t = today(ctx);
  const d = date ?? t;
  const v = validateDate(d);
  if (!v.ok) refuse([{ path: 'date', message: v.message }]);
  const values = valuesOn(ctx, d);
  const defs = new Map(metricDefs(ctx).map((m) => [m.id, m]));
  const inputs: Record<string, string> = {};
  for (const [id, value] of Object.entries(values)) {
    const def = defs.get(id);
    if (def) inputs[id] = inputText(def, value);
  }
  return { date: d, today: t, values, inputs };
}

/**
 * The daily check-in: every field is judged on its own and all messages come back at once
 * (`date`, `values.<metric>`); nothing is written unless every field is valid.
 */
export function checkIn(
  ctx: CoreContext,
  input: { date: string; values: Record<string, string | number | boolean | null> },
): CheckInDto {
  const defs = metricDefs(ctx);
  const r = validateCheckIn(defs, input, { today: today(ctx) });
  if (r.errors.length > 0 || !r.date) {
    refuse(
      r.errors.map((e) => ({ path: e.field === 'date' ? 'date' : `values.${e.field}`, message: e.message })),
      'The check-in was not saved',
    );
  }
  const date = r.date;
  const now = nowIso(ctx);
  const touched: string[] = [];
  tx(ctx, () => {
    for (const [id, value] of Object.entries(r.values))
      if (writeValue(ctx, id, date, value, 'checkin', now).changed) touched.push(id);
    for (const id of r.cleared) if (writeValue(ctx, id, date, null, 'checkin', now).changed) touched.push(id);
  });
  const earned = afterValues(ctx, touched, 'checkin', date);
  return { date, values: r.values, cleared: r.cleared, changed: touched.length, earned };
}

/** `folio log METRIC VALUE [--date]`: a metric by id or name, a value as typed. */
export function logValue(
  ctx: CoreContext,
  input: { metric: string; value: string | number; date?: string | undefined },
): LogResultDto {
  const defs = metricDefs(ctx);
  const r = parseLogCommand(
    defs,
    { metric: input.metric, value: String(input.value), ...(input.date !== undefined ? { date: input.date } : {}) },
    today(ctx),
  );
  if (!r.ok) refuse([{ path: r.field, message: r.message }]);
  const def = defs.find((d) => d.id === r.value.metricId)!;
  const { previous, changed } = tx(ctx, () => writeValue(ctx, def.id, r.value.date, r.value.value, 'log', nowIso(ctx)));
  const earned = changed ? afterValues(ctx, [def.id], 'log', r.value.date) : [];
  return {
    metric: def.id,
    name: def.name,
    date: r.value.date,
    value: r.value.value,
    display: formatMetricValue(def, r.value.value),
    previous,
    earned,
  };
}

/** Edits one value of the history (a string as typed, a canonical number, or null to clear). */
export function setValue(ctx: CoreContext, input: { metricId: string; date: string; value: string | number | null }) {
  const def = metricDef(ctx, input.metricId);
  if (!def) throw new FolioError('not_found', `There is no metric "${input.metricId}".`);
  const d = validateDate(input.date, { notAfter: today(ctx) });
  const errors: FieldIssue[] = [];
  if (!d.ok) errors.push({ path: 'date', message: d.message });
  let value: number | null = null;
  if (input.value !== null && !(typeof input.value === 'string' && input.value.trim() === '')) {
    const v =
      typeof input.value === 'number'
        ? validateMetricValue(def, input.value, 'value')
        : parseMetricValue(def, input.value, 'value');
    if (v.ok) value = v.value;
    else errors.push({ path: 'value', message: v.message });
  }
  if (errors.length > 0 || !d.ok) refuse(errors, 'The value was not saved');
  const { previous, changed } = tx(ctx, () => writeValue(ctx, def.id, d.value, value, 'edit', nowIso(ctx)));
  const earned = changed ? afterValues(ctx, [def.id], 'edit', d.value) : [];
  return { metricId: def.id, date: d.value, value, previous, earned };
}

export function listValues(ctx: CoreContext, from: Day, to: Day, metricIds?: readonly string[]): MetricValueDto[] {
  const defs = new Map(metricDefs(ctx).map((m) => [m.id, m]));
  const rows = stmt(
    ctx,
    `SELECT metric_id AS metricId, date, value, updated_at AS updatedAt FROM metric_values WHERE date BETWEEN ? AND ? ORDER BY date, metric_id`,
  ).all(from, to) as Omit<MetricValueDto, 'display'>[];
  const wanted = metricIds && metricIds.length > 0 ? new Set(metricIds) : null;
  return rows
    .filter((r) => defs.has(r.metricId) && (!wanted || wanted.has(r.metricId)))
    .map((r) => ({ ...r, display: formatMetricValue(defs.get(r.metricId)!, r.value) }));
}

/** Raw values in [from, to] (the dashboard's input). */
export function rawValues(ctx: CoreContext, from: Day, to: Day): MetricValue[] {
  return stmt(ctx, `SELECT metric_id AS metricId, date, value FROM metric_values WHERE date BETWEEN ? AND ?`).all(
    from,
    to,
  ) as MetricValue[];
}

export function valueHistory(
  ctx: CoreContext,
  opts: { metricId?: string | undefined; date?: string | undefined; limit: number },
): ValueHistoryDto[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.metricId) {
    where.push('metric_id = ?');
    params.push(opts.metricId);
  }
  if (opts.date) {
    where.push('date = ?');
    params.push(opts.date);
  }
  return ctx.store.sqlite
    .prepare(
      `SELECT metric_id AS metricId, date, old_value AS oldValue, new_value AS newValue, source, changed_at AS changedAt
       FROM metric_value_history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    )
    .all(...params, opts.limit) as ValueHistoryDto[];
}

export function exportCsv(
  ctx: CoreContext,
  opts: MetricCsvExportOptions & { from?: string | undefined; to?: string | undefined },
): { csv: string; values: number } {
  const values = rawValues(ctx, opts.from ?? '0000-01-01', opts.to ?? '9999-12-31');
  const csvOpts: MetricCsvExportOptions = {};
  if (opts.format) csvOpts.format = opts.format;
  if (opts.durationFormat) csvOpts.durationFormat = opts.durationFormat;
  return { csv: exportMetricsCsv(metricDefs(ctx), values, csvOpts), values: values.length };
}

/**
 * Imports a CSV of values (wide: `date,mood,sleep…`; long: `date,metric,value`). Bad cells are
 * reported by line and skipped; good ones are written. Existing different values are replaced only
 * with `replace`.
 */
export function importCsv(
  ctx: CoreContext,
  input: { text: string; dryRun?: boolean | undefined; replace?: boolean | undefined },
): CsvImportDto {
  const parsed = importMetricsCsv(metricDefs(ctx), input.text);
  let imported = 0;
  let unchanged = 0;
  let kept = 0;
  const touched = new Set<string>();
  const now = nowIso(ctx);
  const run = () => {
    for (const v of parsed.values) {
      const prev = stmt(ctx, `SELECT value FROM metric_values WHERE metric_id = ? AND date = ?`).get(v.metricId, v.date) as
        { value: number } | undefined;
      if (prev && prev.value === v.value) unchanged++;
      else if (prev && !input.replace) kept++;
      else {
        imported++;
        if (!input.dryRun) {
          writeValue(ctx, v.metricId, v.date, v.value, 'import', now);
          touched.add(v.metricId);
        }
      }
    }
  };
  tx(ctx, run);
  if (touched.size > 0) afterValues(ctx, touched, 'import');
  return {
    format: parsed.format,
    rowsRead: parsed.rowsRead,
    imported,
    unchanged,
    kept,
    errors: parsed.errors,
    dryRun: input.dryRun ?? false,
  };
}
