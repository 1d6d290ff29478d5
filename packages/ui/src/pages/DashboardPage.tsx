import { memo, useMemo, useState } from 'react';
import type { DashboardRange } from '@folio/core/contract';
import { useCall } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { href, navigate } from '../shell/router';
import { errorMessage } from '../shell/Toasts';
import { CheckInForm } from '../tracking/CheckInForm';
import {
  Card,
  CorrelationCard,
  HabitsCard,
  MetricCard,
  PapersCard,
  SpendCard,
  TimeCard,
  WordsCard,
  type CorrelationOption,
} from '../tracking/DashboardCharts';
import { addDays, addMonths, longDate, shortDate } from '../tracking/format';
import { GoalsMini, HabitsDue, TimerWidget, TopTasks } from '../tracking/TodayPanel';
import type { PageProps } from './registry';

const RANGES: { id: DashboardRange; label: string }[] = [
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'year', label: 'Year' },
];

const DOMAINS = ['tracking', 'journal', 'papers', 'stamps', 'settings'];

function rangeTitle(range: DashboardRange, from: string, to: string): string {
  if (range === 'year') return from.slice(0, 4);
  if (range === 'month')
    return new Date(`${from}T12:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${shortDate(from)} – ${shortDate(to)} ${to.slice(0, 4)}`;
}

function DashboardCommands() {
  const commands = useMemo<AppCommand[]>(
    () => [
      ...RANGES.map((r) => ({
        id: `dashboard:${r.id}`,
        title: `Dashboard: this ${r.id}`,
        group: 'Dashboard',
        run: () => navigate(`/dashboard?range=${r.id}`),
      })),
      {
        id: 'dashboard:checkin',
        title: 'Check in (daily stats)',
        group: 'Dashboard',
        keywords: ['log', 'mood', 'sleep'],
        run: () => document.querySelector<HTMLInputElement>('.checkin-field input')?.focus(),
      },
    ],
    [],
  );
  useRegisterCommands(commands);
  return null;
}

/**
 * `#/dashboard?range=week|month|year&anchor=YYYY-MM-DD`: today at a glance (the check-in, habits due,
 * top tasks, the timer), then the week, month or year in charts. Memoised, and its palette commands
 * live in small children, so the charts re-render only when their data or the route changes.
 */
export const DashboardPage = memo(function DashboardPage({ route }: PageProps) {
  const range = (
    ['week', 'month', 'year'].includes(route.query.get('range') ?? '') ? route.query.get('range') : 'week'
  ) as DashboardRange;
  const anchor = route.query.get('anchor') ?? undefined;
  const [checkinDate, setCheckinDate] = useState<string | null>(null);
  const [correlate, setCorrelate] = useState<{ x: string; y: string } | undefined>(undefined);
  const today = useCall('tracking:today', {}, { domains: DOMAINS });
  const dash = useCall(
    'tracking:dashboard',
    { range, ...(anchor ? { anchor } : {}), ...(correlate ? { correlate } : {}) },
    { domains: DOMAINS },
  );
  const t = today.data;
  const d = dash.data;
  const day = checkinDate ?? t?.date ?? null;
  const otherDay = useCall('tracking:day', day && t && day !== t.date ? { date: day } : null, { domains: ['tracking'] });
  const inputs = day && t && day !== t.date ? otherDay.data?.inputs : t?.inputs;

  const go = (changes: { range?: DashboardRange; anchor?: string | null }) => {
    const q = new URLSearchParams(route.query);
    if (changes.range) q.set('range', changes.range);
    if (changes.anchor === null) q.delete('anchor');
    else if (changes.anchor) q.set('anchor', changes.anchor);
    const s = q.toString();
    navigate(`/dashboard${s ? `?${s}` : ''}`);
  };
  const step = (dir: 1 | -1) => {
    if (!d) return;
    const next =
      range === 'week'
        ? addDays(d.from, 7 * dir)
        : range === 'month'
          ? addMonths(d.from, dir)
          : `${Number(d.from.slice(0, 4)) + dir}-01-01`;
    go({ anchor: next });
  };

  const correlationOptions: CorrelationOption[] = useMemo(
    () => [
      ...(t?.metrics ?? []).filter((m) => m.kind !== 'boolean').map((m) => ({ id: `metric:${m.id}`, label: m.name })),
      { id: 'time.focus', label: 'Focused time (time log)' },
      { id: 'time.total', label: 'Time logged' },
      { id: 'journal.words', label: 'Words written' },
      { id: 'tasks.done', label: 'Tasks done' },
    ],
    [t?.metrics],
  );

  return (
    <div className="page dashboard">
      <DashboardCommands />
      <header className="page-header">
        <h1>Dashboard</h1>
        <span className="faint">{t ? longDate(t.date) : ''}</span>
        <span className="spacer" />
        <nav className="dash-links" aria-label="Tracking pages">
          <a className="button" href={href('/review')}>
            <Icon name="review" size={16} /> Weekly review
          </a>
          <a className="button" href={href('/stamps')}>
            <Icon name="stamps" size={16} /> Stamps
          </a>
          <a className="button" href={href('/track')}>
            <Icon name="settings" size={16} /> Tracking
          </a>
        </nav>
      </header>

      {today.error && <p className="field-error">Could not load today: {errorMessage(today.error)}</p>}

      <section className="today-grid" aria-label="Today at a glance">
        <div className="today-main">
          <div className="card today-checkin">
            <h2>Check-in</h2>
            {t && day && inputs && (
              <CheckInForm
                key={day}
                metrics={t.metrics}
                date={day}
                today={t.date}
                inputs={inputs}
                autoFocus={day === t.date && Object.keys(t.values).length < t.metrics.length}
                onDateChange={setCheckinDate}
              />
            )}
          </div>
          <div className="today-pair">
            <div className="card">
              <h2>Timer</h2>
              {t && <TimerWidget timer={t.timer} />}
            </div>
            <div className="card">
              <h2>This month’s goals</h2>
              {t && <GoalsMini goals={t.goals} />}
            </div>
          </div>
        </div>
        <div className="card">
          <h2>
            Habits <span className="faint count">{t ? `${t.habitsDue.length} due` : ''}</span>
          </h2>
          {t && <HabitsDue due={t.habitsDue} done={t.habitsDone} />}
        </div>
        <div className="card">
          <h2>
            Next tasks <span className="faint count">{t ? `${t.openTasks} open` : ''}</span>
          </h2>
          {t && <TopTasks tasks={t.topTasks} open={t.openTasks} />}
        </div>
      </section>

      <section className="dash-range" aria-label="Charts">
        <div className="dash-toolbar">
          <div className="segmented" role="group" aria-label="Range">
            {RANGES.map((r) => (
              <button
                key={r.id}
                type="button"
                className={r.id === range ? 'active' : undefined}
                aria-pressed={r.id === range}
                onClick={() => go({ range: r.id, anchor: anchor ?? null })}
              >
                {r.label}
              </button>
            ))}
          </div>
          <button type="button" className="icon-button" aria-label={`Previous ${range}`} onClick={() => step(-1)}>
            <Icon name="chevronLeft" />
          </button>
          <h2 className="dash-range-title">{d ? rangeTitle(range, d.from, d.to) : ''}</h2>
          <button type="button" className="icon-button" aria-label={`Next ${range}`} onClick={() => step(1)}>
            <Icon name="chevronRight" />
          </button>
          {anchor && (
            <button type="button" className="button small" onClick={() => go({ anchor: null })}>
              Today
            </button>
          )}
          {dash.loading && <span className="faint">Updating…</span>}
        </div>
        {dash.error && <p className="field-error">Could not load the dashboard: {errorMessage(dash.error)}</p>}
        {d && (
          <>
            {d.metrics.length === 0 ? (
              <EmptyState icon="dashboard" title="No daily stats">
                Add a metric under <a href={href('/track/metrics')}>Tracking → Metrics</a>.
              </EmptyState>
            ) : (
              <div className="dash-grid metrics-grid">
                {d.metrics.map((m, i) => (
                  <MetricCard key={m.id} d={d} m={m} index={i} />
                ))}
              </div>
            )}
            <div className="dash-grid">
              <TimeCard d={d} />
              <PapersCard d={d} />
              <HabitsCard d={d} />
              <WordsCard d={d} />
              <CorrelationCard d={d} options={correlationOptions} onChange={(x, y) => setCorrelate({ x, y })} />
              <SpendCard d={d} />
              <Card title="Tasks" figure={`${d.tasks.doneInRange} done`} testId="tasks-card">
                <p className="muted">
                  {d.tasks.open} open{d.tasks.overdue ? `, ${d.tasks.overdue} overdue` : ''}.{' '}
                  {d.tasks.next ? (
                    <>
                      Next: <strong>{d.tasks.next.title}</strong> ({d.tasks.next.priority})
                    </>
                  ) : (
                    <a href={href('/track/tasks')}>Add a task</a>
                  )}
                </p>
              </Card>
            </div>
          </>
        )}
      </section>
    </div>
  );
});
