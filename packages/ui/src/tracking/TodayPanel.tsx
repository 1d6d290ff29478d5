import { useEffect, useState, type FormEvent } from 'react';
import type { GoalDto, HabitDto, TaskDto, TimerDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { href } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { formatMinutes, issuesOf } from './format';
import './tracking.css';

function elapsedSince(startedAt: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(startedAt);
  if (!m) return 0;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Math.max(0, Math.floor((Date.now() - start.getTime()) / 60_000));
}

/** The running timer with Stop, or a line to start one (`reading RailS #research`, Enter). */
export function TimerWidget({ timer }: { timer: TimerDto }) {
  const api = useApi();
  const toasts = useToasts();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!timer.running) return;
    const t = setInterval(() => tick((n) => n + 1), 20_000);
    return () => clearInterval(t);
  }, [timer.running]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('tracking:timer-start', { text });
      setText('');
      setError(null);
    } catch (err) {
      setError(issuesOf(err).text ?? (err as Error).message);
    }
  };
  const stop = async () => {
    try {
      const r = await api.call('tracking:timer-stop', {});
      const m = r.stopped.reduce((s, b) => s + b.minutes, 0);
      toasts.show({
        kind: 'success',
        title: `Logged ${formatMinutes(m)}`,
        body: r.stopped[0] ? `${r.stopped[0].category}: ${r.stopped[0].label}` : undefined,
        timeout: 3000,
      });
    } catch (err) {
      toasts.error('Could not stop the timer', err);
    }
  };

  if (timer.running) {
    const r = timer.running;
    return (
      <div className="timer timer-running" data-testid="timer">
        <span className="timer-dot" aria-hidden />
        <div className="timer-what">
          <strong>{r.label || r.category}</strong>
          <span className="faint">
            {r.category}
            {r.productive ? ' · productive' : ''} · since {r.startedAt.slice(11, 16)}
          </span>
        </div>
        <span className="timer-elapsed" aria-label="Elapsed">
          {formatMinutes(elapsedSince(r.startedAt))}
        </span>
        <button type="button" className="button" onClick={() => void stop()}>
          Stop
        </button>
      </div>
    );
  }
  return (
    <form className="timer" onSubmit={(e) => void start(e)} data-testid="timer">
      <label htmlFor="timer-text" className="sr-only">
        What are you starting?
      </label>
      <input
        id="timer-text"
        type="text"
        placeholder="e.g. reading #research"
        title="Start a timer: say what you are doing; a #tag picks the category"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
      />
      <button type="submit" className="button" disabled={!text.trim()}>
        Start
      </button>
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

export function HabitsDue({ due, done }: { due: HabitDto[]; done: HabitDto[] }) {
  const api = useApi();
  const toasts = useToasts();
  const check = async (h: HabitDto, value: boolean) => {
    try {
      await api.call('tracking:habit-check', { habitId: h.id, done: value });
    } catch (err) {
      toasts.error(`Could not update ${h.name}`, err);
    }
  };
  if (due.length === 0 && done.length === 0) {
    return (
      <p className="muted">
        No habits yet. <a href={href('/track/habits')}>Add a habit</a> such as “one vegetable a day”.
      </p>
    );
  }
  const row = (h: HabitDto) => {
    const p = h.currentPeriod;
    const progress = p && h.schedule.type !== 'daily' ? ` ${Math.round(p.value * 100) / 100}/${p.target}` : '';
    return (
      <li key={h.id} className={h.due ? 'due' : 'done'}>
        {h.source.type === 'checkin' ? (
          <label className="checkbox">
            <input type="checkbox" checked={h.doneToday} onChange={(e) => void check(h, e.target.checked)} />
            {h.name}
          </label>
        ) : (
          <span className="habit-auto" title={`Counts ${h.sourceLabel.toLowerCase()} by itself`}>
            <span aria-hidden>{h.due ? '○' : '●'}</span> {h.name}
          </span>
        )}
        <span className="faint">
          {h.scheduleText}
          {progress}
        </span>
        {h.streaks.current > 1 && (
          <span className="badge">
            {h.streaks.current} {h.streaks.unit}s
          </span>
        )}
      </li>
    );
  };
  return (
    <ul className="today-list habits-due" aria-label="Habits">
      {due.map(row)}
      {done.map(row)}
    </ul>
  );
}

export function TopTasks({ tasks, open }: { tasks: TaskDto[]; open: number }) {
  const api = useApi();
  const toasts = useToasts();
  const done = async (t: TaskDto) => {
    try {
      await api.call('tracking:task-done', { id: t.id, done: true });
    } catch (err) {
      toasts.error('Not done yet', err);
    }
  };
  if (tasks.length === 0) {
    return (
      <p className="muted">
        Nothing to do. <a href={href('/track/tasks')}>Add a task</a>.
      </p>
    );
  }
  return (
    <>
      <ol className="today-list top-tasks" aria-label="Next tasks">
        {tasks.map((t) => (
          <li key={t.id}>
            <label className="checkbox" title={t.blockedBy ? `Finish “${t.blockedBy.title}” first` : 'Mark done'}>
              <input type="checkbox" disabled={t.blockedBy !== null} onChange={() => void done(t)} />
              <span className={`prio prio-${t.priority}`}>{t.priority}</span>
              {t.title}
            </label>
            {t.due && (
              <span className={t.overdue ? 'overdue' : 'faint'}>
                {t.overdue ? 'overdue ' : 'due '}
                {t.due}
              </span>
            )}
          </li>
        ))}
      </ol>
      {open > tasks.length && (
        <a className="faint" href={href('/track/tasks')}>
          {open - tasks.length} more…
        </a>
      )}
    </>
  );
}

export function GoalsMini({ goals }: { goals: GoalDto[] }) {
  if (goals.length === 0) {
    return (
      <p className="muted">
        No goals this month. <a href={href('/track/goals')}>Set one</a>, e.g. 30 papers in June.
      </p>
    );
  }
  return (
    <ul className="today-list goals-mini">
      {goals.map((g) => (
        <li key={g.id}>
          <div className="goal-line">
            <span>{g.name}</span>
            <span className="faint">
              {Math.round(g.progress.current * 100) / 100}/{g.target}
              {g.unit ? ` ${g.unit}` : ''}
            </span>
          </div>
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
          {!g.sourceAvailable && <span className="faint">No data source yet</span>}
        </li>
      ))}
    </ul>
  );
}
