import { useState, type FormEvent } from 'react';
import { useApi, useCall } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import { issuesOf, money } from './format';

const CATEGORIES = ['EMPIRICAL', 'ENGINEERING', 'METHODOLOGY', 'COMPUTE', 'DATA', 'OTHER'];

function SpendForm({ today, currency, projects }: { today: string; currency: string; projects: string[] }) {
  const api = useApi();
  const empty = {
    amount: '',
    currency,
    project: projects[0] ?? '',
    category: 'EMPIRICAL',
    date: today,
    note: '',
    refund: false,
    link: '',
  };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const link = f.link.trim();
    try {
      await api.call('tracking:spend-save', {
        amount: f.amount,
        currency: f.currency,
        project: f.project,
        category: f.category,
        date: f.date,
        refund: f.refund,
        note: f.note || null,
        link: link
          ? /^https?:/.test(link)
            ? { type: 'post', id: link }
            : { type: link.startsWith('paper:') ? 'paper' : 'entry', id: link.replace(/^(paper|entry):/, '') }
          : null,
      });
      setF({ ...empty, project: f.project, category: f.category, currency: f.currency, date: f.date });
      setErrors({});
    } catch (err) {
      setErrors(issuesOf(err));
    }
  };
  return (
    <form className="trk-form" onSubmit={(e) => void save(e)} noValidate aria-label="New expense">
      <Field label="Amount" error={errors.amount}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={f.amount}
            onChange={(e) => set('amount', e.target.value)}
            placeholder="12.50"
            inputMode="decimal"
          />
        )}
      </Field>
      <Field label="Currency" error={errors.currency}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={f.currency}
            maxLength={3}
            onChange={(e) => set('currency', e.target.value.toUpperCase())}
          />
        )}
      </Field>
      <Field label="Project" error={errors.project}>
        {(id, desc) => (
          <>
            <input
              id={id}
              aria-describedby={desc}
              list="spend-projects"
              value={f.project}
              onChange={(e) => set('project', e.target.value)}
              placeholder="RailS"
            />
            <datalist id="spend-projects">
              {projects.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Category" error={errors.category}>
        {(id, desc) => (
          <>
            <input
              id={id}
              aria-describedby={desc}
              list="spend-cats"
              value={f.category}
              onChange={(e) => set('category', e.target.value.toUpperCase())}
            />
            <datalist id="spend-cats">
              {CATEGORIES.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Date" error={errors.date}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            type="date"
            value={f.date}
            max={today}
            onChange={(e) => set('date', e.target.value)}
          />
        )}
      </Field>
      <Field label="Link" hint="a post URL, entry:ID or paper:ID">
        {(id, desc) => <input id={id} aria-describedby={desc} value={f.link} onChange={(e) => set('link', e.target.value)} />}
      </Field>
      <Field label="Note">{(id) => <input id={id} value={f.note} onChange={(e) => set('note', e.target.value)} />}</Field>
      <label className="checkbox">
        <input type="checkbox" checked={f.refund} onChange={(e) => set('refund', e.target.checked)} /> Refund (money back)
      </label>
      <div className="trk-form-actions">
        <button type="submit" className="button primary">
          Record
        </button>
      </div>
    </form>
  );
}

export function SpendSection({ today }: { today: string }) {
  const api = useApi();
  const [project, setProject] = useState('');
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const list = useCall('tracking:spend', project ? { project } : {}, { domains: ['tracking'] });
  const l = list.data;
  return (
    <>
      <section className="card">
        <h2>Record a cost</h2>
        {settings.data && <SpendForm today={today} currency={settings.data['tracking.currency']} projects={l?.projects ?? []} />}
      </section>
      <div className="trk-split">
        <section className="card" aria-labelledby="ledger-h">
          <div className="row">
            <h2 id="ledger-h" style={{ margin: 0 }}>
              Ledger
            </h2>
            <span className="spacer" />
            <label htmlFor="spend-filter" className="faint">
              Project
            </label>
            <select id="spend-filter" value={project} onChange={(e) => setProject(e.target.value)}>
              <option value="">All</option>
              {l?.projects.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          {l && l.entries.length === 0 ? (
            <EmptyState icon="plus" title="No costs recorded">
              Record what an experiment cost (compute, data, participants); totals appear per project and category.
            </EmptyState>
          ) : (
            <table className="table" aria-label="Expenses">
              <thead>
                <tr>
                  <th>Date</th>
                  <th className="num">Amount</th>
                  <th>Project</th>
                  <th>Category</th>
                  <th>Note</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {l?.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.date}</td>
                    <td className="num">{e.amount}</td>
                    <td>{e.project}</td>
                    <td>{e.category}</td>
                    <td className="faint">
                      {e.note}
                      {e.link ? ` (${e.link.type})` : ''}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button small danger"
                        aria-label="Delete"
                        onClick={() => void api.call('tracking:spend-delete', { id: e.id })}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="totals-h">
          <h2 id="totals-h">Totals</h2>
          {l?.totals.length === 0 && <p className="muted">Totals appear once a cost is recorded.</p>}
          {l?.totals.map((t) => (
            <div key={t.currency}>
              <div className="totals-row">
                <div className="fig">
                  <strong data-testid={`spend-total-${t.currency}`}>{t.formatted}</strong>
                  <span>
                    {t.currency} overall · {t.count} entr{t.count === 1 ? 'y' : 'ies'}
                    {t.refunded ? ` · ${money(t.refunded, t.currency)} refunded` : ''}
                  </span>
                </div>
              </div>
              <TotalsTable label="Project" currency={t.currency} rows={t.byProject} />
              <TotalsTable label="Category" currency={t.currency} rows={t.byCategory} />
            </div>
          ))}
        </section>
      </div>
    </>
  );
}

/** One breakdown of a currency's spend (by project or by category). */
function TotalsTable({
  label,
  currency,
  rows,
}: {
  label: string;
  currency: string;
  rows: readonly { key: string; formatted: string }[];
}) {
  return (
    <table className="table" aria-label={`By ${label.toLowerCase()} (${currency})`}>
      <thead>
        <tr>
          <th>{label}</th>
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.key}>
            <td>{b.key}</td>
            <td className="num">{b.formatted}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
