import { parseCsv, toCsv } from './csv';
import { validateDate, type Day } from './dates';
import { findMetric, formatDurationHmm, parseMetricValue, type MetricDefinition, type MetricValue } from './metrics';

/**
 * CSV import/export of daily metric values, in two shapes:
 * - wide: `date,productivity,screen_time,mood,…` one row per day, one column per metric
 *   (headers match a metric's id or its name); empty cells mean "no value".
 * - long: `date,metric,value` one row per value.
 * Cells are written so that `parseMetricValue` reads them back exactly (durations as h:mm).
 */
export type MetricCsvFormat = 'wide' | 'long';

export interface MetricCsvError {
  /** 1-based line in the file. */
  line: number;
  /** `date`, a metric id, `metric`, `value` or `header`. */
  field: string;
  message: string;
}

export interface MetricCsvImport {
  format: MetricCsvFormat;
  values: MetricValue[];
  errors: MetricCsvError[];
  /** Rows that produced at least one value. */
  rowsRead: number;
}

export interface MetricCsvExportOptions {
  format?: MetricCsvFormat;
  /** Durations as `7:30` (default), whole minutes, or decimal hours. */
  durationFormat?: 'hmm' | 'minutes' | 'hours';
}

function cellFor(def: MetricDefinition, value: number, durationFormat: 'hmm' | 'minutes' | 'hours'): string {
  if (def.kind === 'duration') {
    if (durationFormat === 'minutes') return `${value}m`;
    if (durationFormat === 'hours') return `${Math.round((value / 60) * 10000) / 10000}h`;
    return formatDurationHmm(value);
  }
  if (def.kind === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function exportMetricsCsv(
  defs: readonly MetricDefinition[],
  values: readonly MetricValue[],
  opts: MetricCsvExportOptions = {},
): string {
  const format = opts.format ?? 'wide';
  const durationFormat = opts.durationFormat ?? 'hmm';
  const byId = new Map(defs.map((d) => [d.id, d]));
  const sorted = [...values]
    .filter((v) => byId.has(v.metricId))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.metricId.localeCompare(b.metricId)));
  if (format === 'long') {
    const rows: string[][] = [['date', 'metric', 'value']];
    for (const v of sorted) rows.push([v.date, v.metricId, cellFor(byId.get(v.metricId)!, v.value, durationFormat)]);
    return toCsv(rows);
  }
  const columns = defs.filter((d) => sorted.some((v) => v.metricId === d.id) || !d.archived);
  const rows: string[][] = [['date', ...columns.map((d) => d.id)]];
  const byDay = new Map<Day, Map<string, number>>();
  for (const v of sorted) {
    let m = byDay.get(v.date);
    if (!m) byDay.set(v.date, (m = new Map()));
    m.set(v.metricId, v.value);
  }
  for (const [day, m] of byDay) {
    rows.push([day, ...columns.map((d) => (m.has(d.id) ? cellFor(d, m.get(d.id)!, durationFormat) : ''))]);
  }
  return toCsv(rows);
}

/**
 * Reads a CSV of metric values. Bad cells are reported one by one and skipped; every good cell is
 * kept. A second value for the same day and metric is reported and ignored (the first one wins).
 */
export function importMetricsCsv(defs: readonly MetricDefinition[], text: string): MetricCsvImport {
  const rows = parseCsv(text);
  const errors: MetricCsvError[] = [];
  const values: MetricValue[] = [];
  const seen = new Set<string>();
  let rowsRead = 0;
  const header = rows[0];
  if (!header) return { format: 'wide', values, errors: [{ line: 1, field: 'header', message: 'The file is empty' }], rowsRead };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const isLong = names.length === 3 && names[0] === 'date' && names[1] === 'metric' && names[2] === 'value';
  const push = (line: number, v: MetricValue) => {
    const key = `${v.date}\u0000${v.metricId}`;
    if (seen.has(key)) {
      errors.push({ line, field: v.metricId, message: `A second ${v.metricId} value for ${v.date}; kept the first` });
      return false;
    }
    seen.add(key);
    values.push(v);
    return true;
  };

  if (isLong) {
    for (const row of rows.slice(1)) {
      const [rawDate = '', rawMetric = '', rawValue = ''] = row.cells;
      const date = validateDate(rawDate);
      if (!date.ok) {
        errors.push({ line: row.line, field: 'date', message: date.message });
        continue;
      }
      const def = findMetric(defs, rawMetric);
      if (!def) {
        errors.push({ line: row.line, field: 'metric', message: `Unknown metric "${rawMetric}"` });
        continue;
      }
      if (rawValue.trim() === '') continue;
      const v = parseMetricValue(def, rawValue);
      if (!v.ok) {
        errors.push({ line: row.line, field: def.id, message: v.message });
        continue;
      }
      if (push(row.line, { date: date.value, metricId: def.id, value: v.value })) rowsRead++;
    }
    return { format: 'long', values, errors, rowsRead };
  }

  if (names[0] !== 'date' && names[0] !== 'day') {
    errors.push({
      line: header.line,
      field: 'header',
      message: `The first column must be "date" (wide format) or the header must be date,metric,value; got "${header.cells[0] ?? ''}"`,
    });
    return { format: 'wide', values, errors, rowsRead };
  }
  const columns: (MetricDefinition | undefined)[] = header.cells.map((c, i) => {
    if (i === 0) return undefined;
    const def = findMetric(defs, c);
    if (!def && c.trim() !== '') {
      errors.push({ line: header.line, field: 'header', message: `Column "${c}" is not a metric; its cells are skipped` });
    }
    return def;
  });
  for (const row of rows.slice(1)) {
    const date = validateDate(row.cells[0] ?? '');
    if (!date.ok) {
      errors.push({ line: row.line, field: 'date', message: date.message });
      continue;
    }
    let any = false;
    row.cells.forEach((cell, i) => {
      const def = columns[i];
      if (!def || cell.trim() === '') return;
      const v = parseMetricValue(def, cell);
      if (!v.ok) errors.push({ line: row.line, field: def.id, message: `${date.value}: ${v.message}` });
      else if (push(row.line, { date: date.value, metricId: def.id, value: v.value })) any = true;
    });
    if (any) rowsRead++;
  }
  return { format: 'wide', values, errors, rowsRead };
}
