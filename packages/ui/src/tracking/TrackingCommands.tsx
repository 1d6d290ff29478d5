import { useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { navigate } from '../shell/router';
import { useToasts } from '../shell/Toasts';

/** Palette commands of the tracking pages (the dashboard, tracking, stamps and the weekly review). */
export function TrackingCommands() {
  const api = useApi();
  const toasts = useToasts();
  const commands = useMemo<AppCommand[]>(
    () => [
      {
        id: 'tracking:go-stamps',
        title: 'Open the stamps collection',
        group: 'Tracking',
        keywords: ['achievements', 'badges'],
        run: () => navigate('/stamps'),
      },
      {
        id: 'tracking:go-review',
        title: 'Open the weekly review',
        group: 'Tracking',
        keywords: ['week'],
        run: () => navigate('/review'),
      },
      { id: 'tracking:go-tasks', title: 'Tasks', group: 'Tracking', keywords: ['todo'], run: () => navigate('/track/tasks') },
      {
        id: 'tracking:go-time',
        title: 'Time log',
        group: 'Tracking',
        keywords: ['timer', 'hours'],
        run: () => navigate('/track/time'),
      },
      { id: 'tracking:go-habits', title: 'Habits', group: 'Tracking', run: () => navigate('/track/habits') },
      { id: 'tracking:go-goals', title: 'Goals', group: 'Tracking', run: () => navigate('/track/goals') },
      {
        id: 'tracking:go-metrics',
        title: 'Daily stats: metrics and history',
        group: 'Tracking',
        keywords: ['csv', 'import', 'export'],
        run: () => navigate('/track/metrics'),
      },
      {
        id: 'tracking:go-spend',
        title: 'Research spend ledger',
        group: 'Tracking',
        keywords: ['cost', 'money'],
        run: () => navigate('/track/spend'),
      },
      {
        id: 'tracking:timer-stop',
        title: 'Stop the timer',
        group: 'Tracking',
        run: async () => {
          try {
            const r = await api.call('tracking:timer-stop', {});
            toasts.show({ kind: 'info', title: r.stopped.length ? 'Timer stopped' : 'No timer was running', timeout: 2500 });
          } catch (err) {
            toasts.error('Could not stop the timer', err);
          }
        },
      },
      {
        id: 'tracking:review-start',
        title: 'Start this week’s review',
        group: 'Tracking',
        run: async () => {
          try {
            const r = await api.call('tracking:week-review-start', {});
            navigate(`/journal/${r.entryId}`);
          } catch (err) {
            toasts.error('Could not start the review', err);
          }
        },
      },
    ],
    [api, toasts],
  );
  useRegisterCommands(commands);
  return null;
}
