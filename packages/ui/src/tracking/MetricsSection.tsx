import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { MetricDto, MetricKindDto } from '@folio/core/contract';
import { METRIC_KINDS } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { useToasts } from '../shell/Toasts';
import { addDays, formatValue, issuesOf, shortDate } from './format';

const KIND_LABELS: Record<MetricKindDto, string> = {
  number: 'Number',
  duration: 'Duration (hours and minutes)',
  scale: 'Scale (e.g. 1–5)',
  boolean: 'Yes / no',
  count: 'Count',
};

interface Draft {
  id: string;
  name: string;
  kind: MetricKindDto;
  unit: string;
  min: string;
  max: string;
  productive: '' | 'yes' | 'no';
  description: string;
  archived: boolean;
  isNew: boolean;
}

function draftOf(m?: MetricDto): Draft {
  return m
    ? {
        id: m.id,
        name: m.name,
        kind: m.kind,
        unit: m.unit ?? '',
        min: m.min === null ? '' : String(m.min),
        max: m.max === null ? '' : String(m.max),
        productive: m.productive === null ? '' : m.productive ? 'yes' : 'no',
        description: m.description ?? '',
        archived: m.archived,
        isNew: false,
      }
    : {
        id: '',
        name: '',
        kind: 'number',
        unit: '',
        min: '',
        max: '',
        productive: '',
        description: '',
        archived: false,
        isNew: true,
      };
}

function MetricEditor({ initial, onClose }: { initial: Draft; onClose(): void }) {
  const api = useApi();
  const [d, setD] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('tracking:metric-save', {
        id: d.id,
        name: d.name,
        kind: d.kind,
        unit: d.unit || null,
        min: num(d.min),
        max: num(d.max),
        productive: d.productive === '' ? null : d.productive === 'yes',
        description: d.description || null,
        archived: d.archived,
        isNew: d.isNew,
      });
      onClose();
    } catch (err) {
      const issues = issuesOf(err);
      setErrors(Object.keys(issues).length ? issues : { name: (err as Error).message });
    }
  };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  return (
    <form className="trk-form" onSubmit={(e) => void save(e)} noValidate>
      <Field label="Id (used by folio log and CSV)" error={errors.id} hint={d.isNew ? 'lowercase, e.g. focus_hours' : undefined}>
        {(id, desc) => (
          <input id={id} aria-describedby={desc} value={d.id} disabled={!d.isNew} onChange={(e) => set('id', e.target.value)} />
        )}
      </Field>
      <Field label="Name" error={errors.name}>
        {(id, desc) => (
          <input id={id} aria-describedby={desc} value={d.name} onChange={(e) => set('name', e.target.value)} autoFocus />
        )}
      </Field>
      <Field label="Kind" error={errors.kind}>
        {(id) => (
          <select id={id} value={d.kind} onChange={(e) => set('kind', e.target.value as MetricKindDto)}>
            {METRIC_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Unit" error={errors.unit} hint={d.kind === 'duration' ? 'durations show as h/m' : 'e.g. servings, kg'}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={d.unit}
            disabled={d.kind === 'duration' || d.kind === 'boolean'}
            onChange={(e) => set('unit', e.target.value)}
          />
        )}
      </Field>
      <Field label={d.kind === 'duration' ? 'Minimum (minutes)' : 'Minimum'} error={errors.min}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            type="number"
            value={d.min}
            disabled={d.kind === 'boolean'}
            onChange={(e) => set('min', e.target.value)}
          />
        )}
      </Field>
      <Field label={d.kind === 'duration' ? 'Maximum (minutes)' : 'Maximum'} error={errors.max}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            type="number"
            value={d.max}
            disabled={d.kind === 'boolean'}
            onChange={(e) => set('max', e.target.value)}
          />
        )}
      </Field>
      <Field label="Productive time?" error={errors.productive}>
        {(id) => (
          <select id={id} value={d.productive} onChange={(e) => set('productive', e.target.value as Draft['productive'])}>
            <option value="">Neither</option>
            <option value="yes">Productive</option>
            <option value="no">Not productive</option>
          </select>
        )}
      </Field>
      <Field label="Description" error={errors.description}>
        {(id) => <input id={id} value={d.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <label className="checkbox wide">
        <input type="checkbox" checked={d.archived} onChange={(e) => set('archived', e.target.checked)} /> Archived (hidden from
        the check-in, history kept)
      </label>
      <div className="trk-form-actions">
        <button type="submit" className="button primary">
          Save metric
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** An editable grid of the last days' values: type in a cell, Enter or leaving it saves that one value. */
function HistoryGrid({ metrics, today }: { metrics: MetricDto[]; today: string }) {
  const api = useApi();
  const [end, setEnd] = useState(today);
  const from = addDays(end, -13);
  const values = useCall('tracking:values', { from, to: end }, { domains: ['tracking'] });
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const days = useMemo(() => Array.from({ length: 14 }, (_, i) => addDays(end, -i)), [end]);
  const byKey = useMemo(() => new Map((values.data ?? []).map((v) => [`${v.date}|${v.metricId}`, v])), [values.data]);
  const save = async (m: MetricDto, date: string, text: string, previous: string) => {
    if (text === previous) return;
    const key = `${date}|${m.id}`;
    try {
      await api.call('tracking:value-set', { metricId: m.id, date, value: text.trim() === '' ? null : text });
      setCellErrors((e) => ({ ...e, [key]: '' }));
    } catch (err) {
      setCellErrors((e) => ({ ...e, [key]: issuesOf(err).value ?? issuesOf(err).date ?? (err as Error).message }));
    }
  };
  return (
    <section className="card" aria-labelledby="history-h">
      <div className="row">
        <h2 id="history-h" style={{ margin: 0 }}>
          History
        </h2>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => setEnd(addDays(end, -14))}>
          Earlier
        </button>
        <button
          type="button"
          className="button small"
          disabled={end >= today}
          onClick={() => setEnd(addDays(end, 14) > today ? today : addDays(end, 14))}
        >
          Later
        </button>
      </div>
      <p className="faint">
        Type in a cell and press Enter (or leave it) to save that value; empty clears it. Every change is kept in the value
        history.
      </p>
      <div className="history-scroll">
        <table className="table" aria-label="Values by day">
          <thead>
            <tr>
              <th>Day</th>
              {metrics.map((m) => (
                <th key={m.id}>{m.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((date) => (
              <tr key={date}>
                <th scope="row" className="nowrap">
                  {shortDate(date)}
                </th>
                {metrics.map((m) => {
                  const v = byKey.get(`${date}|${m.id}`);
                  const shown = v
                    ? m.kind === 'duration'
                      ? formatValue(m.kind, v.value).replace(' ', '')
                      : m.kind === 'boolean'
                        ? v.value
                          ? 'yes'
                          : 'no'
                        : String(v.value)
                    : '';
                  const key = `${date}|${m.id}`;
                  const err = cellErrors[key];
                  return (
                    <td key={m.id} className={err ? 'cell-invalid' : undefined}>
                      <input
                        key={`${key}|${shown}`}
                        type="text"
                        defaultValue={shown}
                        aria-label={`${m.name} on ${date}`}
                        aria-invalid={err ? true : undefined}
                        title={err || undefined}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                        }}
                        onBlur={(e) => void save(m, date, e.target.value, shown)}
                      />
                      {err && (
                        <div className="field-error" role="alert">
                          {err}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CsvCard() {
  const api = useApi();
  const toasts = useToasts();
  const file = useRef<HTMLInputElement>(null);
  const [report, setReport] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ line: number; field: string; message: string }[]>([]);
  const exportCsv = async () => {
    try {
      const r = await api.call('tracking:csv-export', {});
      const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'folio-daily-stats.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
    } catch (err) {
      toasts.error('Export failed', err);
    }
  };
  const importCsv = async (f: File) => {
    try {
      const r = await api.call('tracking:csv-import', { text: await f.text(), replace: true });
      setReport(
        `${r.imported} value${r.imported === 1 ? '' : 's'} imported, ${r.unchanged} unchanged (${r.format} format, ${r.rowsRead} rows).`,
      );
      setErrors(r.errors);
    } catch (err) {
      toasts.error('Import failed', err);
    }
  };
  return (
    <section className="card">
      <h2>CSV</h2>
      <p className="faint">
        Wide (<code>date,mood,sleep,…</code>) or long (<code>date,metric,value</code>). Durations as 7:30, 7h30m or 450m. Bad
        cells are listed and skipped; the rest is imported.
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => file.current?.click()}>
          Import CSV…
        </button>
        <input
          ref={file}
          type="file"
          accept=".csv,text/csv,.tsv,text/plain"
          hidden
          onChange={(e) => e.target.files?.[0] && void importCsv(e.target.files[0])}
        />
      </div>
      {report && <p>{report}</p>}
      {errors.length > 0 && (
        <ul className="log-errors">
          {errors.slice(0, 50).map((e, i) => (
            <li key={i}>
              Line {e.line} ({e.field}): {e.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MetricsSection({ today }: { today: string }) {
  const api = useApi();
  const toasts = useToasts();
  const metrics = useCall('tracking:metrics', { includeArchived: true }, { domains: ['tracking'] });
  const [editing, setEditing] = useState<Draft | null>(null);
  const live = (metrics.data ?? []).filter((m) => !m.archived);
  const remove = async (m: MetricDto) => {
    if (!window.confirm(`Delete ${m.name} and its ${m.valueCount} values? Stamps that use it will show as broken.`)) return;
    try {
      await api.call('tracking:metric-delete', { id: m.id });
    } catch (err) {
      toasts.error('Could not delete', err);
    }
  };
  return (
    <>
      <section className="card">
        <div className="row">
          <h2 style={{ margin: 0 }}>Metrics</h2>
          <span className="spacer" />
          <button type="button" className="button primary" onClick={() => setEditing(draftOf())}>
            New metric
          </button>
        </div>
        <table className="table" aria-label="Metrics">
          <thead>
            <tr>
              <th>Name</th>
              <th>Id</th>
              <th>Kind</th>
              <th>Bounds</th>
              <th className="num">Values</th>
              <th>Last</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(metrics.data ?? []).map((m) => (
              <tr key={m.id} className={m.archived ? 'muted-row' : undefined}>
                <td>
                  {m.name}
                  {m.archived ? ' (archived)' : ''}
                </td>
                <td>
                  <code>{m.id}</code>
                </td>
                <td>{KIND_LABELS[m.kind]}</td>
                <td>
                  {m.bounds.min !== null || m.bounds.max !== null
                    ? `${formatValue(m.kind, m.bounds.min ?? 0)} – ${m.bounds.max === null ? '∞' : formatValue(m.kind, m.bounds.max)}`
                    : 'any'}
                </td>
                <td className="num">{m.valueCount}</td>
                <td>{m.lastDate ?? '–'}</td>
                <td>
                  <button type="button" className="button small" onClick={() => setEditing(draftOf(m))}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button small danger" onClick={() => void remove(m)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {live.length > 0 && <HistoryGrid metrics={live} today={today} />}
      <CsvCard />
      <Dialog
        open={editing !== null}
        title={editing?.isNew ? 'New metric' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing && <MetricEditor initial={editing} onClose={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}
