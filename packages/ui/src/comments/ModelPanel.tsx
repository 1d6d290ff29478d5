import { useEffect, useState } from 'react';
import type { ModelRunDto, SpamMetricsDto, SpamModelStatusDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { useToasts } from '../shell/Toasts';
import { plural } from './format';

const METRICS: [keyof SpamMetricsDto, string, string][] = [
  ['precision', 'Precision', 'Of the comments it called spam, how many were spam'],
  ['recall', 'Recall', 'Of the spam, how much it caught'],
  ['f1', 'F1', 'Precision and recall together'],
  ['rocAuc', 'ROC AUC', 'How well it ranks spam above the rest (1 = always)'],
];

function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(2);
}

/** Before (base model) and after (learned from the user's decisions) on decisions held out from training. */
export function RunTable({ run }: { run: ModelRunDto }) {
  if (run.state !== 'done' || !run.before || !run.after) return null;
  const method =
    run.evaluation.method === 'k-fold'
      ? `${plural(run.evaluation.evaluated, 'decision')} it did not learn from (${run.evaluation.folds}-fold cross-validation)`
      : run.evaluation.method === 'holdout'
        ? `${plural(run.evaluation.evaluated, 'decision')} held out (a quarter of them)`
        : `the ${plural(run.evaluation.evaluated, 'decision')} it learned from — too few of one kind to hold any out, so this is optimistic`;
  return (
    <table className="table run-table" aria-label="Before and after retraining">
      <caption>Measured on {method}.</caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {METRICS.map(([key, label, hint]) => {
          const b = run.before![key] as number | null;
          const a = run.after![key] as number | null;
          const delta = a !== null && b !== null ? a - b : 0;
          return (
            <tr key={key}>
              <th scope="row" title={hint}>
                {label}
              </th>
              <td>{fmt(b)}</td>
              <td className={delta > 0.005 ? 'better' : delta < -0.005 ? 'worse' : undefined}>
                {fmt(a)}
                {Math.abs(delta) > 0.005 && (
                  <span className="delta">{delta > 0 ? ` ▲${delta.toFixed(2)}` : ` ▼${(-delta).toFixed(2)}`}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Spam and review thresholds, saved as Settings (empty = the model's own defaults). */
export function ThresholdFields({ compact }: { compact?: boolean }) {
  const api = useApi();
  const toasts = useToasts();
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const model = useCall('comments:model', { load: true }, { domains: ['comments', 'settings'] });
  const s = settings.data;
  const t = model.data?.thresholds;
  const [spam, setSpam] = useState('');
  const [review, setReview] = useState('');
  useEffect(() => {
    if (!s) return;
    setSpam(s['comments.spamThreshold'] === null ? '' : String(Math.round(s['comments.spamThreshold'] * 100)));
    setReview(s['comments.reviewThreshold'] === null ? '' : String(Math.round(s['comments.reviewThreshold'] * 100)));
  }, [s]);
  const save = async (key: 'comments.spamThreshold' | 'comments.reviewThreshold', raw: string) => {
    const v = raw.trim() === '' ? null : Number(raw) / 100;
    try {
      await api.call('settings:set', { values: { [key]: v } });
    } catch (err) {
      toasts.error('Threshold not saved', err);
      settings.reload();
    }
  };
  const modelDefault = (k: 'spam' | 'review') => (t && t.from !== 'settings' ? `${Math.round(t[k] * 100)}` : undefined);
  return (
    <div className={`threshold-fields${compact ? ' compact' : ''}`}>
      <label>
        <span>Likely spam from</span>
        <span className="threshold-input">
          <input
            type="number"
            min={1}
            max={99}
            step={1}
            inputMode="numeric"
            aria-label="Spam threshold (percent)"
            placeholder={modelDefault('spam') ?? 'model'}
            value={spam}
            onChange={(e) => setSpam(e.target.value)}
            onBlur={() => void save('comments.spamThreshold', spam)}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
          %
        </span>
      </label>
      <label>
        <span>Needs review from</span>
        <span className="threshold-input">
          <input
            type="number"
            min={1}
            max={99}
            step={1}
            inputMode="numeric"
            aria-label="Review threshold (percent)"
            placeholder={modelDefault('review') ?? 'model'}
            value={review}
            onChange={(e) => setReview(e.target.value)}
            onBlur={() => void save('comments.reviewThreshold', review)}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
          %
        </span>
      </label>
      {!compact && (
        <p className="field-hint">
          Scores are calibrated probabilities. Leave a field empty to use the model's default
          {t ? ` (now ${Math.round(t.spam * 100)}% and ${Math.round(t.review * 100)}%)` : ''}.
        </p>
      )}
    </div>
  );
}

/** The spam model: which one scores, what it learned from, retraining with before/after, thresholds. */
export function ModelPanel({ model }: { model: SpamModelStatusDto | undefined }) {
  const api = useApi();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const retrain = async () => {
    setBusy(true);
    try {
      const run = await api.call('comments:retrain', { trigger: 'manual' });
      if (run.state === 'done') {
        toasts.show({
          kind: 'success',
          title: 'Model retrained',
          body: `Learned from ${plural(run.labels.used, 'decision')} in ${(run.elapsedMs / 1000).toFixed(1)} s.`,
        });
      }
    } catch (err) {
      toasts.error('Retraining failed', err);
    } finally {
      setBusy(false);
    }
  };
  const m = model;
  const running = busy || !!m?.retraining;
  const last = m?.lastRun ?? null;
  return (
    <section className="inbox-model" aria-labelledby="inbox-model-title">
      <h2 id="inbox-model-title" className="inbox-side-title">
        Spam model
      </h2>
      {!m ? (
        <p className="muted small">Loading…</p>
      ) : m.state === 'unavailable' ? (
        <p className="inbox-model-state unavailable" role="status">
          Unavailable. {m.message}
        </p>
      ) : (
        <>
          <p className="inbox-model-state" data-state={m.state}>
            {m.state === 'loading' ? (
              'Loading…'
            ) : m.active === 'user' ? (
              <>
                <strong>Your model</strong>, learned from {plural(m.user?.labels ?? 0, 'decision')}
              </>
            ) : (
              <>
                <strong>Base model</strong>
                {m.labels.total === 0 ? ' — it learns from your approve and spam decisions' : ''}
              </>
            )}
          </p>
          {m.message && <p className="small warning-text">{m.message}</p>}
          <p className="small muted" data-testid="inbox-labels">
            {m.labels.spam} spam · {m.labels.ham} approved
            {m.stale && m.labels.total > 0 ? ' · new decisions not learned yet' : ''}
          </p>
          <button
            type="button"
            className="button small primary"
            disabled={running || m.labels.total === 0}
            onClick={() => void retrain()}
          >
            {running ? 'Learning…' : 'Retrain now'}
          </button>
          {last && last.state === 'failed' && <p className="field-error small">Last retraining failed: {last.error}</p>}
          {last && last.state === 'done' && (
            <div className="inbox-run" aria-live="polite">
              <p className="small muted">
                Last retrained{' '}
                {new Date(last.finishedAt ?? last.startedAt).toLocaleString(undefined, {
                  dateStyle: 'short',
                  timeStyle: 'short',
                })}{' '}
                on {plural(last.labels.used, 'decision')} ({(last.elapsedMs / 1000).toFixed(1)} s)
              </p>
              <RunTable run={last} />
            </div>
          )}
        </>
      )}
      <details className="inbox-thresholds">
        <summary>Thresholds</summary>
        <ThresholdFields compact />
      </details>
    </section>
  );
}

/** For the Settings page: the inbox's thresholds and automatic retraining. */
export function SpamSettingsSection() {
  const api = useApi();
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const s = settings.data;
  return (
    <section className="card" aria-labelledby="spam-settings-heading">
      <h2 id="spam-settings-heading">Comment inbox</h2>
      <p className="muted">
        The spam model gives every comment a probability of spam. Comments from the first threshold are likely spam; undecided
        ones from the second need your review.
      </p>
      <ThresholdFields />
      {s && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={s['comments.autoRetrain']}
            onChange={(e) =>
              void api
                .call('settings:set', { values: { 'comments.autoRetrain': e.target.checked } })
                .then(() => settings.reload())
            }
          />{' '}
          Learn from my decisions automatically (a few seconds after I approve or mark spam)
        </label>
      )}
    </section>
  );
}
