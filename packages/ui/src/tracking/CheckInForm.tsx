import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MetricDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { useToasts } from '../shell/Toasts';
import { inputHint, issuesOf } from './format';
import './tracking.css';

export interface CheckInFormProps {
  metrics: MetricDto[];
  date: string;
  /** Today's values as the form shows them (`7h30m`, `yes`, `4`). */
  inputs: Record<string, string>;
  today: string;
  autoFocus?: boolean;
  onDateChange?(date: string): void;
}

/**
 * (Mount it with `key={date}`: a new day starts a fresh form.)
 *
 * The daily check-in, built for the keyboard: type a value, Tab to the next, Enter saves. A refused
 * value gets its message under its field and keeps focus; everything else typed stays as it was.
 */
export function CheckInForm({ metrics, date, inputs, today, autoFocus, onDateChange }: CheckInFormProps) {
  const api = useApi();
  const toasts = useToasts();
  const [values, setValues] = useState<Record<string, string>>(inputs);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const refs = useRef<Record<string, HTMLInputElement | null>>({});
  const saved = useRef(inputs);

  // New day or values saved elsewhere: show them, unless the user is typing over them.
  useEffect(() => {
    setValues((cur) => {
      const next: Record<string, string> = {};
      for (const m of metrics) {
        const was = saved.current[m.id] ?? '';
        const typed = cur[m.id] ?? '';
        next[m.id] = typed !== was ? typed : (inputs[m.id] ?? '');
      }
      return next;
    });
    saved.current = inputs;
  }, [inputs, metrics]);

  useEffect(() => {
    if (!autoFocus || metrics.length === 0) return;
    const firstEmpty = metrics.find((m) => !(inputs[m.id] ?? '').trim()) ?? metrics[0]!;
    refs.current[firstEmpty.id]?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoFocus, metrics.length]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const payload: Record<string, string | null> = {};
      for (const m of metrics) payload[m.id] = (values[m.id] ?? '').trim() === '' ? null : values[m.id]!;
      const r = await api.call('tracking:checkin', { date, values: payload });
      setErrors({});
      toasts.show({
        kind: 'success',
        title: r.changed ? `Checked in for ${date === today ? 'today' : date}` : 'Nothing changed',
        body: r.changed ? `${r.changed} value${r.changed === 1 ? '' : 's'} saved` : undefined,
        timeout: 2500,
      });
    } catch (err) {
      const issues = issuesOf(err);
      const byField: Record<string, string> = {};
      for (const [path, msg] of Object.entries(issues)) byField[path.replace(/^values\./, '')] = msg;
      setErrors(byField);
      const first = metrics.find((m) => byField[m.id]);
      if (first) refs.current[first.id]?.focus();
      if (Object.keys(byField).length === 0) toasts.error('The check-in was not saved', err);
    } finally {
      setBusy(false);
    }
  };

  if (metrics.length === 0) {
    return <p className="muted">No daily stats yet. Add one under Tracking → Metrics.</p>;
  }

  return (
    <form className="checkin" onSubmit={(e) => void submit(e)} aria-label="Daily check-in" noValidate>
      <div className="checkin-date">
        <label htmlFor="checkin-date">Day</label>
        <input
          id="checkin-date"
          type="date"
          value={date}
          max={today}
          onChange={(e) => e.target.value && onDateChange?.(e.target.value)}
          aria-invalid={errors.date ? true : undefined}
          aria-describedby={errors.date ? 'checkin-date-msg' : undefined}
        />
        {errors.date && (
          <div id="checkin-date-msg" className="field-error" role="alert">
            {errors.date}
          </div>
        )}
      </div>
      <div className="checkin-fields">
        {metrics.map((m) => {
          const id = `checkin-${m.id}`;
          const err = errors[m.id];
          return (
            <div key={m.id} className={`checkin-field${err ? ' field-invalid' : ''}`}>
              <label htmlFor={id} title={m.description ?? undefined}>
                {m.name}
              </label>
              <input
                id={id}
                ref={(el) => {
                  refs.current[m.id] = el;
                }}
                type="text"
                inputMode={m.kind === 'scale' || m.kind === 'count' ? 'numeric' : undefined}
                autoComplete="off"
                spellCheck={false}
                placeholder={inputHint(m)}
                value={values[m.id] ?? ''}
                onChange={(e) => {
                  const v = e.target.value;
                  setValues((cur) => ({ ...cur, [m.id]: v }));
                  if (err) setErrors((cur) => ({ ...cur, [m.id]: '' }));
                }}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `${id}-msg` : undefined}
              />
              {err && (
                <div id={`${id}-msg`} className="field-error" role="alert">
                  {err}
                </div>
              )}
            </div>
          );
        })}
      </div>
      <div className="checkin-actions">
        <button type="submit" className="button primary" disabled={busy}>
          Save check-in
        </button>
        <span className="faint">
          <kbd>Tab</kbd> next field · <kbd>Enter</kbd> save · durations like 7h30m or 7.5
        </span>
      </div>
    </form>
  );
}
