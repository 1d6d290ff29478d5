import { useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import type { DashboardDto, HeatmapCellDto, MetricSummaryDto } from '@folio/core/contract';
import { EmptyState } from '../components/EmptyState';
import { formatMinutes, formatValue, seriesColor, shortDate } from './format';
import './tracking.css';

const tooltipStyle = {
  contentStyle: {
    background: 'var(--bg-raised)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    color: 'var(--fg)',
    fontSize: 12,
  },
  labelStyle: { color: 'var(--fg-muted)', marginBottom: 2 },
  itemStyle: { color: 'var(--fg)' },
  cursor: { fill: 'var(--bg-hover)', stroke: 'var(--border)' },
};

/** A dashboard card: a title, an optional figure, and either its chart or what to do to fill it. */
export function Card({
  title,
  figure,
  children,
  className,
  testId,
  actions,
}: {
  title: string;
  figure?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`card dash-card${className ? ` ${className}` : ''}`} aria-labelledby={id} data-testid={testId}>
      <header className="dash-card-head">
        <h3 id={id}>{title}</h3>
        {figure !== undefined && <div className="dash-figure">{figure}</div>}
        {actions && <div className="dash-card-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

function dayLabel(d: DashboardDto, i: number): string {
  const day = d.days[i] ?? '';
  return d.range === 'week'
    ? new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' })
    : shortDate(day);
}

/** One daily stat over the range: a line with a dot per logged day. */
export function MetricCard({ d, m, index }: { d: DashboardDto; m: MetricSummaryDto; index: number }) {
  const data = useMemo(() => {
    const scale = (v: number) => (m.kind === 'duration' ? Math.round((v / 60) * 100) / 100 : v);
    if (d.range !== 'year') {
      return m.series.map((v, i) => ({ day: d.days[i], label: dayLabel(d, i), value: v === null ? null : scale(v) }));
    }
    // A year reads better by month: the month's total, or its average over logged days.
    return d.buckets.map((b) => {
      let sum = 0;
      let n = 0;
      d.days.forEach((day, i) => {
        const v = m.series[i];
        if (v !== null && v !== undefined && day >= b.from && day <= b.to) {
          sum += v;
          n++;
        }
      });
      const v = n === 0 ? null : m.aggregate === 'avg' ? sum / n : sum;
      return { day: b.key, label: b.label, value: v === null ? null : Math.round(scale(v) * 100) / 100 };
    });
  }, [d, m]);
  const color = seriesColor(index);
  const fmt = (v: number) => (m.kind === 'duration' ? formatMinutes(Math.round(v * 60)) : formatValue(m.kind, v, m.unit));
  return (
    <Card title={m.name} figure={m.headlineText} testId={`metric-card-${m.id}`} className="dash-metric">
      {d.range === 'year' && m.count > 0 && (
        <p className="faint dash-sub">{m.aggregate === 'avg' ? 'monthly average' : 'monthly total'}</p>
      )}
      {m.count === 0 ? (
        <p className="dash-empty muted">
          Nothing logged in this {d.range}. Use the check-in above, or `folio log {m.id} VALUE`.
        </p>
      ) : (
        <div className="dash-chart small" data-points={m.count}>
          <ResponsiveContainer width="100%" height={120}>
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} title={`${m.name} per day`}>
              <CartesianGrid vertical={false} />
              <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
              <YAxis
                tickLine={false}
                axisLine={false}
                width={48}
                allowDecimals={m.kind === 'number'}
                tickCount={m.kind === 'boolean' ? 2 : 4}
                domain={
                  (m.kind === 'scale' || m.kind === 'boolean') && !(d.range === 'year' && m.aggregate === 'sum')
                    ? [m.bounds.min ?? 0, m.bounds.max ?? 'auto']
                    : [0, 'auto']
                }
                tickFormatter={(v: number) =>
                  m.kind === 'duration'
                    ? `${Math.round(v)}h`
                    : m.kind === 'boolean' && d.range !== 'year'
                      ? v
                        ? 'yes'
                        : 'no'
                      : String(Math.round(v * 10) / 10)
                }
              />
              <Tooltip
                {...tooltipStyle}
                formatter={(v) => [typeof v === 'number' ? fmt(v) : String(v ?? '–'), m.name]}
                labelFormatter={(_, p) => (p?.[0]?.payload as { day?: string } | undefined)?.day ?? ''}
              />
              <Line
                type="monotone"
                dataKey="value"
                stroke={color}
                strokeWidth={2}
                dot={{ r: d.range === 'month' ? 2 : 3, fill: color }}
                connectNulls
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

/** Time per category per day (or month), stacked, with productive versus not. */
export function TimeCard({ d }: { d: DashboardDto }) {
  const cats = d.time.byCategory;
  const data = d.buckets.map((b, i) => ({
    label: b.label,
    key: b.key,
    ...Object.fromEntries(
      cats.map((c) => [c.category, Math.round(((d.time.byBucket[i]?.minutes[c.category] ?? 0) / 60) * 100) / 100]),
    ),
  }));
  const share = d.time.total > 0 ? Math.round((d.time.productive / d.time.total) * 100) : 0;
  return (
    <Card
      title="Time per category"
      figure={d.time.total > 0 ? `${formatMinutes(d.time.total)} · ${share}% productive` : undefined}
      testId="time-card"
      className="dash-wide"
    >
      {d.time.total === 0 ? (
        <EmptyState icon="timer" title="No time logged">
          Start the timer above, or write a quick log under Tracking → Time: <code>09:10 reading RailS paper #research</code>.
        </EmptyState>
      ) : (
        <div className="dash-time">
          <div className="dash-chart">
            <ResponsiveContainer width="100%" height={200}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} title="Hours per category">
                <CartesianGrid vertical={false} />
                <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={8} />
                <YAxis tickLine={false} axisLine={false} width={48} unit="h" />
                <Tooltip
                  {...tooltipStyle}
                  formatter={(v, name) => [
                    typeof v === 'number' ? formatMinutes(Math.round(v * 60)) : String(v),
                    cats.find((c) => c.category === name)?.name ?? String(name),
                  ]}
                />
                {cats.map((c, i) => (
                  <Bar
                    key={c.category}
                    dataKey={c.category}
                    stackId="t"
                    fill={c.color ?? seriesColor(i)}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ul className="dash-legend" aria-label="Totals per category">
            {cats.map((c, i) => (
              <li key={c.category}>
                <span className="swatch" style={{ background: c.color ?? seriesColor(i) }} aria-hidden />
                <span className="legend-name">{c.name}</span>
                <span className="legend-value">{formatMinutes(c.minutes)}</span>
                {c.productive && (
                  <span className="prod-dot" title="Productive" aria-label="productive">
                    ●
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

/** Done days as a grid (a year reads like a contribution calendar); arrow keys walk it. */
export function Heatmap({ name, cells, weeks }: { name: string; cells: HeatmapCellDto[]; weeks: boolean }) {
  const [active, setActive] = useState<number | null>(null);
  const done = cells.filter((c) => c.done).length;
  const onKey = (e: KeyboardEvent) => {
    const step = {
      ArrowRight: weeks ? 7 : 1,
      ArrowLeft: weeks ? -7 : -1,
      ArrowDown: 1,
      ArrowUp: -1,
      Home: -Infinity,
      End: Infinity,
    }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    setActive((a) => {
      const cur = a ?? cells.length - 1;
      return Math.max(0, Math.min(cells.length - 1, Number.isFinite(step) ? cur + step : step < 0 ? 0 : cells.length - 1));
    });
  };
  const cell = active !== null ? cells[active] : undefined;
  return (
    <div className={`heatmap-row${weeks ? ' stacked' : ''}`}>
      <div className="heatmap-name">{name}</div>
      <div
        className={`heatmap${weeks ? ' heatmap-weeks' : ''}`}
        role="img"
        tabIndex={0}
        aria-label={`${name}: done on ${done} of ${cells.length} days. Use the arrow keys to read a day.`}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
        style={weeks ? { gridTemplateRows: 'repeat(7, 1fr)', gridAutoFlow: 'column' } : undefined}
      >
        {weeks &&
          cells[0] &&
          Array.from({ length: cells[0].weekday }, (_, i) => <span key={`pad${i}`} className="hm-cell hm-pad" />)}
        {cells.map((c, i) => (
          <span
            key={c.day}
            className={`hm-cell hm-l${c.done ? Math.max(1, c.level) : 0}${c.skipped ? ' hm-skip' : ''}${i === active ? ' hm-active' : ''}`}
            title={`${c.day}: ${c.skipped ? 'skipped' : c.done ? 'done' : 'not done'}${c.value ? ` (${Math.round(c.value * 100) / 100})` : ''}`}
            onMouseEnter={() => setActive(i)}
          />
        ))}
      </div>
      <div className="heatmap-read" aria-live="polite">
        {cell
          ? `${shortDate(cell.day)}: ${cell.skipped ? 'skipped' : cell.done ? 'done' : 'not done'}`
          : `${done}/${cells.length}`}
      </div>
    </div>
  );
}

export function HabitsCard({ d }: { d: DashboardDto }) {
  return (
    <Card title="Habits" testId="habits-card" className="dash-wide">
      {d.habits.length === 0 ? (
        <EmptyState icon="check" title="No habits yet">
          Add one under Tracking → Habits: “a vegetable a day”, “work out three times a week”, or one that counts by itself from
          the journal or the time log.
        </EmptyState>
      ) : (
        <div className="heatmaps">
          {d.habits.map((h) => (
            <div key={h.id} className="habit-heat">
              <Heatmap name={h.name} cells={h.heatmap} weeks={d.range !== 'week'} />
              <div className="habit-facts faint">
                strength {Math.round(h.score * 100)}% · streak {h.streaks.current} {h.streaks.unit}
                {h.streaks.current === 1 ? '' : 's'} (best {h.streaks.best}) · met {h.periodsMet}/{h.periodsDecided}
              </div>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

export function PapersCard({ d }: { d: DashboardDto }) {
  const goal = d.papers.goal;
  const monthData = useMemo(() => {
    if (!goal) return [];
    const dim = goal.progress.daysInMonth;
    return Array.from({ length: dim }, (_, i) => {
      const day = `${goal.month}-${String(i + 1).padStart(2, '0')}`;
      const point = goal.cumulative[i];
      return {
        day,
        label: String(i + 1),
        read: point ? point.value : null,
        pace: Math.round(((goal.target * (i + 1)) / dim) * 10) / 10,
      };
    });
  }, [goal]);
  const rangeData = d.days.map((day, i) => ({ day, label: dayLabel(d, i), read: d.papers.series[i] ?? 0 }));
  return (
    <Card
      title={goal ? 'Papers read against the goal' : 'Papers read'}
      figure={
        d.papers.available
          ? goal
            ? `${goal.progress.current} / ${goal.target}`
            : `${d.papers.total} this ${d.range}`
          : undefined
      }
      testId="papers-card"
    >
      {!d.papers.available ? (
        <EmptyState icon="papers" title="No papers data">
          Add papers to the library and mark them read; set a goal such as “30 papers in June” under Tracking → Goals.
        </EmptyState>
      ) : goal ? (
        <div className="dash-chart">
          <ResponsiveContainer width="100%" height={150}>
            <LineChart
              data={monthData}
              margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
              title="Papers read this month against the goal"
            >
              <CartesianGrid vertical={false} />
              <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
              <YAxis
                tickLine={false}
                axisLine={false}
                width={48}
                allowDecimals={false}
                domain={[0, (max: number) => Math.max(max, goal.target)]}
              />
              <Tooltip
                {...tooltipStyle}
                formatter={(v, name) => [String(v), name === 'pace' ? 'On pace' : 'Read so far']}
                labelFormatter={(_, p) => (p?.[0]?.payload as { day?: string } | undefined)?.day ?? ''}
              />
              <ReferenceLine
                y={goal.target}
                stroke="#e8590c"
                strokeDasharray="4 4"
                label={{ value: `goal ${goal.target}`, position: 'insideTopRight', fontSize: 11 }}
              />
              <Line
                type="linear"
                dataKey="pace"
                stroke="var(--fg-faint)"
                strokeDasharray="2 4"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="stepAfter"
                dataKey="read"
                stroke={seriesColor(0)}
                strokeWidth={2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
          <p className="faint dash-note">
            {goal.text}: {goal.progress.current} so far, projected {goal.progress.projected}
            {goal.progress.status === 'active' && goal.progress.paceNeeded !== null
              ? `; ${goal.progress.paceNeeded} a day from now on reaches it`
              : ''}
            . {d.papers.total} read this {d.range}.
          </p>
        </div>
      ) : d.papers.total === 0 ? (
        <p className="dash-empty muted">
          No paper finished in this {d.range}. Set a monthly goal under Tracking → Goals to see your pace.
        </p>
      ) : (
        <div className="dash-chart">
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={rangeData} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} title="Papers read per day">
              <CartesianGrid vertical={false} />
              <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
              <YAxis tickLine={false} axisLine={false} width={48} allowDecimals={false} />
              <Tooltip {...tooltipStyle} formatter={(v) => [String(v), 'Papers read']} />
              <Bar dataKey="read" fill={seriesColor(0)} radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

export function WordsCard({ d }: { d: DashboardDto }) {
  const data = d.days.map((day, i) => ({ day, label: dayLabel(d, i), words: d.words.series[i] ?? 0 }));
  return (
    <Card title="Words written" figure={d.words.available ? d.words.total.toLocaleString() : undefined} testId="words-card">
      {!d.words.available || d.words.total === 0 ? (
        <p className="dash-empty muted">No words written in this {d.range}. Open Today and write a line.</p>
      ) : (
        <div className="dash-chart">
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -10 }} title="Words per day">
              <CartesianGrid vertical={false} />
              <XAxis dataKey="label" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={16} />
              <YAxis tickLine={false} axisLine={false} width={48} />
              <Tooltip
                {...tooltipStyle}
                formatter={(v) => [typeof v === 'number' ? v.toLocaleString() : String(v), 'Words']}
                labelFormatter={(_, p) => (p?.[0]?.payload as { day?: string } | undefined)?.day ?? ''}
              />
              <Bar dataKey="words" fill={seriesColor(3)} radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

export function SpendCard({ d }: { d: DashboardDto }) {
  return (
    <Card title="Research spend" figure={d.spend.map((s) => s.formatted).join(' · ') || undefined} testId="spend-card">
      {d.spend.length === 0 ? (
        <p className="dash-empty muted">
          No costs recorded in this {d.range}. Add one under Tracking → Spend, or `folio spend add`.
        </p>
      ) : (
        d.spend.map((s) => (
          <div key={s.currency} className="dash-chart">
            <ResponsiveContainer width="100%" height={Math.max(70, 28 * s.byCategory.length + 20)}>
              <BarChart
                data={s.byCategory.map((c) => ({ key: c.key, value: c.total / 100, formatted: c.formatted }))}
                layout="vertical"
                margin={{ top: 0, right: 16, bottom: 0, left: 8 }}
                title={`Spend by category (${s.currency})`}
              >
                <XAxis type="number" hide />
                <YAxis type="category" dataKey="key" tickLine={false} axisLine={false} width={110} />
                <Tooltip
                  {...tooltipStyle}
                  formatter={(_v, _n, item) => [String((item.payload as { formatted: string }).formatted), s.currency]}
                />
                <Bar dataKey="value" fill={seriesColor(2)} radius={[0, 3, 3, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        ))
      )}
    </Card>
  );
}

export interface CorrelationOption {
  id: string;
  label: string;
}

export function CorrelationCard({
  d,
  options,
  onChange,
}: {
  d: DashboardDto;
  options: CorrelationOption[];
  onChange(x: string, y: string): void;
}) {
  const c = d.correlation;
  const xId = useId();
  const yId = useId();
  const strength =
    c.r === null ? null : Math.abs(c.r) < 0.2 ? 'no clear link' : Math.abs(c.r) < 0.5 ? 'a weak link' : 'a strong link';
  return (
    <Card
      title="Correlation"
      figure={c.r !== null ? `r = ${c.r.toFixed(2)}` : undefined}
      testId="correlation-card"
      actions={
        <div className="corr-pick">
          <label htmlFor={xId} className="sr-only">
            Across
          </label>
          <select id={xId} value={c.x.source} onChange={(e) => onChange(e.target.value, c.y.source)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          <span className="faint">vs</span>
          <label htmlFor={yId} className="sr-only">
            Up
          </label>
          <select id={yId} value={c.y.source} onChange={(e) => onChange(c.x.source, e.target.value)}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {c.points.length < 2 ? (
        <p className="dash-empty muted">
          Log both {c.x.label.toLowerCase()} and {c.y.label.toLowerCase()} on a few days of this {d.range} to see whether they
          move together.
        </p>
      ) : (
        <div className="dash-chart">
          <ResponsiveContainer width="100%" height={180}>
            <ScatterChart margin={{ top: 8, right: 12, bottom: 8, left: -12 }} title={`${c.y.label} against ${c.x.label}`}>
              <CartesianGrid />
              <XAxis type="number" dataKey="x" name={c.x.label} tickLine={false} axisLine={false} />
              <YAxis type="number" dataKey="y" name={c.y.label} tickLine={false} axisLine={false} width={48} />
              <ZAxis range={[50, 50]} />
              <Tooltip {...tooltipStyle} formatter={(v, name) => [String(v), String(name)]} />
              <Scatter data={c.points} fill={seriesColor(5)} isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
          {strength && (
            <p className="faint dash-note">
              Over {c.points.length} days: {strength} (Pearson r = {c.r!.toFixed(2)}). A link is not a cause.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
