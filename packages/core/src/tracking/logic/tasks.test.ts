import { describe, expect, it } from 'vitest';
import { blockingTask, compareTasks, groupDone, nextTask, orderTasks, validateTask, type Task } from './tasks';

const t = (
  id: string,
  priority: Task['priority'],
  due: string | null,
  createdAt = '2026-06-01T10:00:00Z',
  doneAt?: string,
): Task => ({
  id,
  title: id,
  priority,
  due,
  createdAt,
  ...(doneAt ? { doneAt } : {}),
});

describe('strict task order', () => {
  const tasks = [
    t('low-soon', 'low', '2026-06-02'),
    t('med-none', 'medium', null),
    t('high-late', 'high', '2026-07-01'),
    t('med-soon', 'medium', '2026-06-03'),
    t('high-none', 'high', null),
    t('high-early', 'high', '2026-06-10'),
    t('high-early-older', 'high', '2026-06-10', '2026-05-01T00:00:00Z'),
    t('done-high', 'high', '2026-06-01', '2026-05-01T00:00:00Z', '2026-06-02T09:00:00Z'),
  ];
  it('priority first, then due (none last), then created', () => {
    expect(orderTasks(tasks).map((x) => x.id)).toEqual([
      'high-early-older',
      'high-early',
      'high-late',
      'high-none',
      'med-soon',
      'med-none',
      'low-soon',
    ]);
  });
  it('a low task due today never jumps a medium one', () => {
    expect(compareTasks(t('a', 'low', '2020-01-01'), t('b', 'medium', null))).toBeGreaterThan(0);
  });
  it('next task and what blocks finishing another', () => {
    expect(nextTask(tasks)?.id).toBe('high-early-older');
    expect(blockingTask(tasks, tasks[0]!)?.id).toBe('high-early-older');
    expect(blockingTask(tasks, tasks[6]!)).toBeNull();
    expect(nextTask([])).toBeNull();
  });
});

describe('done history', () => {
  it('groups by day/week/month, newest first', () => {
    const tasks = [
      t('a', 'high', null, '2026-05-01T00:00:00Z', '2026-06-01T09:00:00Z'),
      t('b', 'low', null, '2026-05-01T00:00:00Z', '2026-06-03T09:00:00Z'),
      t('c', 'medium', null, '2026-05-01T00:00:00Z', '2026-06-08T09:00:00Z'),
      t('open', 'high', null),
    ];
    expect(groupDone(tasks, 'week').map((g) => [g.key, g.tasks.map((x) => x.id)])).toEqual([
      ['2026-06-08', ['c']],
      ['2026-06-01', ['b', 'a']],
    ]);
    expect(groupDone(tasks, 'month')[0]).toMatchObject({ key: '2026-06', byPriority: { high: 1, medium: 1, low: 1 } });
  });
});

describe('validateTask', () => {
  it('messages per field', () => {
    expect(validateTask({ title: ' ', priority: 'urgent', due: '2026-02-30' })).toEqual({
      ok: false,
      errors: [
        { field: 'title', message: 'Write what the task is' },
        { field: 'priority', message: 'Priority is high, medium or low; got "urgent"' },
        { field: 'due', message: '2026-02-30 is not a real date: February 2026 has 28 days' },
      ],
    });
    expect(validateTask({ title: 'Read', priority: 'High', due: '' })).toEqual({
      ok: true,
      value: { title: 'Read', priority: 'high', due: null },
    });
  });
});
