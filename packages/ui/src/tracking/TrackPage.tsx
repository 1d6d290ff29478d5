import { memo } from 'react';
import { useCall } from '../api/ApiContext';
import type { PageProps } from '../pages/registry';
import { href } from '../shell/router';
import { HabitsSection, GoalsSection } from './HabitsSection';
import { MetricsSection } from './MetricsSection';
import { SpendSection } from './SpendSection';
import { TasksSection } from './TasksSection';
import { TimeSection } from './TimeSection';
import './tracking.css';

const SECTIONS = [
  ['tasks', 'Tasks'],
  ['time', 'Time'],
  ['habits', 'Habits'],
  ['goals', 'Goals'],
  ['metrics', 'Daily stats'],
  ['spend', 'Spend'],
] as const;

type Section = (typeof SECTIONS)[number][0];

/** `#/track/<section>`: managing what the dashboard shows (tasks, time, habits, goals, stats, spend). */
export const TrackPage = memo(function TrackPage({ route }: PageProps) {
  const section = (SECTIONS.some(([id]) => id === route.params[0]) ? route.params[0] : 'tasks') as Section;
  const info = useCall('tracking:day', {}, { domains: [] });
  const today = info.data?.today;
  return (
    <div className="page track-page">
      <header className="page-header">
        <h1>Tracking</h1>
        <span className="spacer" />
        <a className="button" href={href('/dashboard')}>
          Back to the dashboard
        </a>
      </header>
      <nav className="trk-tabs" aria-label="Tracking sections">
        {SECTIONS.map(([id, label]) => (
          <a
            key={id}
            href={href(`/track/${id}`)}
            className={id === section ? 'active' : undefined}
            aria-current={id === section ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {today && (
        <>
          {section === 'tasks' && <TasksSection />}
          {section === 'time' && <TimeSection today={today} initialDay={route.query.get('day') ?? undefined} />}
          {section === 'habits' && <HabitsSection today={today} />}
          {section === 'goals' && <GoalsSection today={today} />}
          {section === 'metrics' && <MetricsSection today={today} />}
          {section === 'spend' && <SpendSection today={today} />}
        </>
      )}
    </div>
  );
});
