import { useState, type FormEvent } from 'react';
import type { ActivitySourceDto, GoalDto, HabitDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import { useToasts } from '../shell/Toasts';
import { Heatmap } from './DashboardCharts';
import { addDays, issuesOf } from './format';

type ScheduleType = 'daily' | 'perWeek' | 'perMonth' | 'atLeast' | 'atMost';

interface HabitDraft {
  id?: string;
  name: string;
  scheduleType: ScheduleType;
  n: string;
  per: 'day' | 'week' | 'month';
  sourceType: 'checkin' | 'activity';
  source: string;
  param: string;
  measure: 'count' | 'sum';
  startDate: string;
  unit: string;
}

function draftOf(h: HabitDto | undefined, today: string): HabitDraft {
  if (!h)
    return {
      name: '',
      scheduleType: 'daily',
      n: '3',
      per: 'day',
      sourceType: 'checkin',
      source: 'journal.entry',
      param: '',
      measure: 'count',
      startDate: today,
      unit: '',
    };
  const s = h.schedule;
  const src = h.source;
  const family = src.type === 'activity' && src.source.includes(':') ? src.source.slice(0, src.source.indexOf(':')) : '';
  return {
    id: h.id,
    name: h.name,
    scheduleType: s.type,
    n: String(
      s.type === 'perWeek' || s.type === 'perMonth'
        ? s.times
        : s.type === 'atLeast'
          ? s.amount
          : s.type === 'atMost'
            ? s.limit
            : 1,
    ),
    per: s.type === 'atLeast' || s.type === 'atMost' ? s.per : 'day',
    sourceType: src.type,
    source: src.type === 'activity' ? (family ? `${family}:<id>` : src.source) : 'journal.entry',
    param: family && src.type === 'activity' ? src.source.slice(family.length + 1) : '',
    measure: src.type === 'activity' ? src.measure : 'count',
    startDate: h.startDate,
    unit: h.unit ?? '',
  };
}

export function SourcePicker({
  sources,
  source,
  param,
  onChange,
  error,
  label = 'Counts',
}: {
  sources: ActivitySourceDto[];
  source: string;
  param: string;
  onChange(source: string, param: string): void;
  error?: string;
  label?: string;
}) {
  const cur = sources.find((s) => s.id === source);
  return (
    <>
      <Field label={label} error={error}>
        {(id, desc) => (
          <select id={id} aria-describedby={desc} value={source} onChange={(e) => onChange(e.target.value, param)}>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
                {s.available ? '' : ' (no data source yet)'}
              </option>
            ))}
          </select>
        )}
      </Field>
      {cur?.parameter && (
        <Field label={cur.parameter[0]!.toUpperCase() + cur.parameter.slice(1)}>
          {(id) => (
            <input
              id={id}
              value={param}
              onChange={(e) => onChange(source, e.target.value)}
              placeholder={cur.id.startsWith('metric') ? 'vegetables' : 'research'}
            />
          )}
        </Field>
      )}
    </>
  );
}

export function sourceId(source: string, param: string): string {
  return source.endsWith('<id>') || source.endsWith('<kind>') ? source.replace(/<[^>]+>$/, param.trim()) : source;
}

function HabitEditor({ initial, sources, onClose }: { initial: HabitDraft; sources: ActivitySourceDto[]; onClose(): void }) {
  const api = useApi();
  const [d, setD] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof HabitDraft>(k: K, v: HabitDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(d.n);
    const schedule =
      d.scheduleType === 'daily'
        ? { type: 'daily' as const }
        : d.scheduleType === 'perWeek'
          ? { type: 'perWeek' as const, times: n }
          : d.scheduleType === 'perMonth'
            ? { type: 'perMonth' as const, times: n }
            : d.scheduleType === 'atLeast'
              ? { type: 'atLeast' as const, amount: n, per: d.per }
              : { type: 'atMost' as const, limit: n, per: d.per };
    try {
      await api.call('tracking:habit-save', {
        ...(d.id ? { id: d.id } : {}),
        name: d.name,
        schedule,
        source:
          d.sourceType === 'checkin'
            ? { type: 'checkin' }
            : { type: 'activity', source: sourceId(d.source, d.param), measure: d.measure },
        startDate: d.startDate,
        unit: d.unit || null,
      });
      onClose();
    } catch (err) {
      setErrors(issuesOf(err));
    }
  };
  return (
    <form className="trk-form" onSubmit={(e) => void save(e)} noValidate>
      <Field label="Name" error={errors.name}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={d.name}
            onChange={(e) => set('name', e.target.value)}
            autoFocus
            placeholder="A vegetable a day"
          />
        )}
      </Field>
      <Field label="Schedule" error={errors['schedule.times'] ?? errors['schedule.amount'] ?? errors['schedule.limit']}>
        {(id, desc) => (
          <select
            id={id}
            aria-describedby={desc}
            value={d.scheduleType}
            onChange={(e) => set('scheduleType', e.target.value as ScheduleType)}
          >
            <option value="daily">Every day</option>
            <option value="perWeek">N times a week</option>
            <option value="perMonth">N times a month</option>
            <option value="atLeast">At least an amount</option>
            <option value="atMost">At most an amount</option>
          </select>
        )}
      </Field>
      {d.scheduleType !== 'daily' && (
        <Field label={d.scheduleType.startsWith('per') ? 'Times' : 'Amount'}>
          {(id) => <input id={id} type="number" min={0} value={d.n} onChange={(e) => set('n', e.target.value)} />}
        </Field>
      )}
      {(d.scheduleType === 'atLeast' || d.scheduleType === 'atMost') && (
        <Field label="Per">
          {(id) => (
            <select id={id} value={d.per} onChange={(e) => set('per', e.target.value as HabitDraft['per'])}>
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          )}
        </Field>
      )}
      <Field label="Kept by" error={errors['source.type']}>
        {(id) => (
          <select id={id} value={d.sourceType} onChange={(e) => set('sourceType', e.target.value as HabitDraft['sourceType'])}>
            <option value="checkin">Ticking it off</option>
            <option value="activity">Activity (counts by itself)</option>
          </select>
        )}
      </Field>
      {d.sourceType === 'activity' && (
        <>
          <SourcePicker
            sources={sources}
            source={d.source}
            param={d.param}
            onChange={(s, p) => setD((x) => ({ ...x, source: s, param: p }))}
            error={errors['source.source']}
          />
          <Field label="Measure" error={errors['source.measure']}>
            {(id, desc) => (
              <select
                id={id}
                aria-describedby={desc}
                value={d.measure}
                onChange={(e) => set('measure', e.target.value as 'count' | 'sum')}
              >
                <option value="count">How many</option>
                <option value="sum">How much (minutes, words, the value)</option>
              </select>
            )}
          </Field>
        </>
      )}
      <Field label="Starts" error={errors.startDate}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            type="date"
            value={d.startDate}
            onChange={(e) => set('startDate', e.target.value)}
          />
        )}
      </Field>
      <Field label="Unit" hint="shown with amounts, e.g. min">
        {(id, desc) => <input id={id} aria-describedby={desc} value={d.unit} onChange={(e) => set('unit', e.target.value)} />}
      </Field>
      <div className="trk-form-actions">
        <button type="submit" className="button primary">
          Save habit
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function HabitCard({ h, today, onEdit }: { h: HabitDto; today: string; onEdit(): void }) {
  const api = useApi();
  const toasts = useToasts();
  const detail = useCall(
    'tracking:habit-detail',
    { id: h.id, from: addDays(today, -181), to: today },
    { domains: ['tracking', 'journal', 'papers'] },
  );
  const toggle = async (done: boolean) => {
    try {
      await api.call('tracking:habit-check', { habitId: h.id, done });
    } catch (err) {
      toasts.error(`Could not update ${h.name}`, err);
    }
  };
  const skip = async () => {
    try {
      await api.call('tracking:habit-check', { habitId: h.id, skip: !h.skippedToday });
    } catch (err) {
      toasts.error('Could not skip', err);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the habit ${h.name}?`)) return;
    await api.call('tracking:habit-delete', { id: h.id }).catch((err: unknown) => toasts.error('Could not delete', err));
  };
  return (
    <section className="card habit-card" aria-label={h.name}>
      <header>
        <h3>{h.name}</h3>
        <span className="faint">{h.scheduleText}</span>
        <span className="score" title="Habit strength (Loop Habit Tracker's score)">
          {Math.round(h.score * 100)}%
        </span>
      </header>
      <p className="faint">
        {h.sourceLabel} · streak {h.streaks.current} {h.streaks.unit}
        {h.streaks.current === 1 ? '' : 's'} · best {h.streaks.best}
        {h.currentPeriod
          ? ` · this ${h.streaks.unit}: ${Math.round(h.currentPeriod.value * 100) / 100}/${h.currentPeriod.target}`
          : ''}
      </p>
      {h.broken && <p className="broken">{h.broken}</p>}
      {detail.data && <Heatmap name="Last 26 weeks" cells={detail.data.heatmap} weeks />}
      <div className="row">
        {h.source.type === 'checkin' && (
          <label className="checkbox">
            <input type="checkbox" checked={h.doneToday} onChange={(e) => void toggle(e.target.checked)} /> Done today
          </label>
        )}
        <button type="button" className="button small" onClick={() => void skip()}>
          {h.skippedToday ? 'Unskip today' : 'Skip today'}
        </button>
        <span className="spacer" />
        <button type="button" className="button small" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button small danger" onClick={() => void remove()}>
          Delete
        </button>
      </div>
    </section>
  );
}

export function HabitsSection({ today }: { today: string }) {
  const habits = useCall('tracking:habits', {}, { domains: ['tracking', 'journal', 'papers'] });
  const sources = useCall('tracking:sources', {}, { domains: ['tracking'] });
  const [editing, setEditing] = useState<HabitDraft | null>(null);
  return (
    <>
      <div className="row">
        <p className="muted" style={{ margin: 0 }}>
          Strength follows Loop Habit Tracker’s score: recent days weigh most, and a missed day costs less the stronger the habit.
        </p>
        <span className="spacer" />
        <button type="button" className="button primary" onClick={() => setEditing(draftOf(undefined, today))}>
          New habit
        </button>
      </div>
      {habits.data && habits.data.length === 0 && (
        <EmptyState
          icon="check"
          title="No habits yet"
          action={
            <button type="button" className="button primary" onClick={() => setEditing(draftOf(undefined, today))}>
              Add a habit
            </button>
          }
        >
          Daily (“one vegetable a day”), N a week (“work out three times a week”), at most (“screens under 2 h”), or counted from
          your activity (“a paper finished”, “an entry written”).
        </EmptyState>
      )}
      <div className="habit-cards">
        {(habits.data ?? []).map((h) => (
          <HabitCard key={h.id} h={h} today={today} onEdit={() => setEditing(draftOf(h, today))} />
        ))}
      </div>
      <Dialog open={editing !== null} title={editing?.id ? 'Edit habit' : 'New habit'} onClose={() => setEditing(null)} wide>
        {editing && <HabitEditor initial={editing} sources={sources.data ?? []} onClose={() => setEditing(null)} />}
      </Dialog>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

function GoalEditor({
  goal,
  month,
  sources,
  onClose,
}: {
  goal?: GoalDto;
  month: string;
  sources: ActivitySourceDto[];
  onClose(): void;
}) {
  const api = useApi();
  const fam = goal && goal.source.includes(':') ? goal.source.slice(0, goal.source.indexOf(':')) : '';
  const [name, setName] = useState(goal?.name ?? '');
  const [source, setSource] = useState(goal ? (fam ? `${fam}:<id>` : goal.source) : 'papers.finished');
  const [param, setParam] = useState(goal && fam ? goal.source.slice(fam.length + 1) : '');
  const [measure, setMeasure] = useState<'count' | 'sum'>(goal?.measure ?? 'count');
  const [m, setM] = useState(goal?.month ?? month);
  const [target, setTarget] = useState(goal ? String(goal.target) : '30');
  const [unit, setUnit] = useState(goal?.unit ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('tracking:goal-save', {
        ...(goal ? { id: goal.id } : {}),
        name,
        source: sourceId(source, param),
        measure,
        month: m,
        target: Number(target),
        unit: unit || null,
      });
      onClose();
    } catch (err) {
      setErrors(issuesOf(err));
    }
  };
  return (
    <form className="trk-form" onSubmit={(e) => void save(e)} noValidate>
      <Field label="Name" error={errors.name}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
            placeholder="Papers in June"
          />
        )}
      </Field>
      <SourcePicker
        sources={sources}
        source={source}
        param={param}
        onChange={(s, p) => (setSource(s), setParam(p))}
        error={errors.source}
      />
      <Field label="Measure" error={errors.measure}>
        {(id, desc) => (
          <select id={id} aria-describedby={desc} value={measure} onChange={(e) => setMeasure(e.target.value as 'count' | 'sum')}>
            <option value="count">How many</option>
            <option value="sum">How much</option>
          </select>
        )}
      </Field>
      <Field label="Month" error={errors.month}>
        {(id, desc) => <input id={id} aria-describedby={desc} type="month" value={m} onChange={(e) => setM(e.target.value)} />}
      </Field>
      <Field label="Target" error={errors.target}>
        {(id, desc) => (
          <input id={id} aria-describedby={desc} type="number" value={target} onChange={(e) => setTarget(e.target.value)} />
        )}
      </Field>
      <Field label="Unit">
        {(id) => <input id={id} value={unit} onChange={(e) => setUnit(e.target.value)} placeholder="papers" />}
      </Field>
      <div className="trk-form-actions">
        <button type="submit" className="button primary">
          Save goal
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function GoalsSection({ today }: { today: string }) {
  const api = useApi();
  const goals = useCall('tracking:goals', {}, { domains: ['tracking', 'journal', 'papers'] });
  const sources = useCall('tracking:sources', {}, { domains: ['tracking'] });
  const [editing, setEditing] = useState<{ goal?: GoalDto } | null>(null);
  return (
    <>
      <div className="row">
        <p className="muted" style={{ margin: 0 }}>
          A target for one month (“30 papers in June”), with the pace so far and where it leads.
        </p>
        <span className="spacer" />
        <button type="button" className="button primary" onClick={() => setEditing({})}>
          New goal
        </button>
      </div>
      {goals.data && goals.data.length === 0 && (
        <EmptyState icon="check" title="No goals yet">
          Set a monthly target over anything Folio counts: papers read, words written, hours of focus, a daily stat.
        </EmptyState>
      )}
      <table className="table" aria-label="Goals">
        <tbody>
          {(goals.data ?? []).map((g) => (
            <tr key={g.id}>
              <td>
                <strong>{g.name}</strong>
                <div className="faint">
                  {g.text} · {g.sourceLabel}
                  {g.sourceAvailable ? '' : ' (no data source yet)'}
                </div>
              </td>
              <td style={{ width: '35%' }}>
                <div
                  className={`progress${g.progress.onTrack ? '' : ' behind'}`}
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(g.progress.fraction * 100)}
                  aria-label={g.text}
                >
                  <span style={{ width: `${Math.round(g.progress.fraction * 100)}%` }} />
                </div>
                <div className="faint">
                  {g.progress.current} of {g.target} · {g.progress.status}
                  {g.progress.status === 'active'
                    ? ` · projected ${g.progress.projected}${g.progress.paceNeeded !== null ? ` · ${g.progress.paceNeeded}/day needed` : ''}`
                    : ''}
                </div>
              </td>
              <td>
                <button type="button" className="button small" onClick={() => setEditing({ goal: g })}>
                  Edit
                </button>{' '}
                <button
                  type="button"
                  className="button small danger"
                  onClick={() => void api.call('tracking:goal-delete', { id: g.id })}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog open={editing !== null} title={editing?.goal ? 'Edit goal' : 'New goal'} onClose={() => setEditing(null)} wide>
        {editing && (
          <GoalEditor
            goal={editing.goal}
            month={today.slice(0, 7)}
            sources={sources.data ?? []}
            onClose={() => setEditing(null)}
          />
        )}
      </Dialog>
    </>
  );
}
