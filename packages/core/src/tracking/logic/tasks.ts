import { startOfWeek, validateDate, type Day, type Weekday } from './dates';
import type { FieldError } from './result';

/**
 * Tasks are done strictly in priority order: every high task comes before any medium one, every
 * medium before any low; within a priority the earliest due date first (no due date last), then
 * the oldest created, then id (so the order is total and stable).
 */
export type TaskPriority = 'high' | 'medium' | 'low';
export const TASK_PRIORITIES: readonly TaskPriority[] = ['high', 'medium', 'low'];

export interface TaskLink {
  type: 'entry' | 'paper';
  id: string;
}

export interface Task {
  id: string;
  title: string;
  priority: TaskPriority;
  due?: Day | null;
  /** ISO timestamp. */
  createdAt: string;
  /** ISO timestamp when done; absent/null while open. */
  doneAt?: string | null;
  links?: TaskLink[];
}

const RANK: Record<TaskPriority, number> = { high: 0, medium: 1, low: 2 };

export function compareTasks(a: Task, b: Task): number {
  const p = RANK[a.priority] - RANK[b.priority];
  if (p !== 0) return p;
  const ad = a.due ?? null;
  const bd = b.due ?? null;
  if (ad !== bd) {
    if (ad === null) return 1;
    if (bd === null) return -1;
    return ad < bd ? -1 : 1;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Open tasks in the order they must be done. */
export function orderTasks(tasks: readonly Task[]): Task[] {
  return tasks.filter((t) => !t.doneAt).sort(compareTasks);
}

/** The task to do now: the first open one in strict order, or null. */
export function nextTask(tasks: readonly Task[]): Task | null {
  let best: Task | null = null;
  for (const t of tasks) if (!t.doneAt && (best === null || compareTasks(t, best) < 0)) best = t;
  return best;
}

/**
 * Whether finishing `task` now respects the order: allowed only when no open task ranks before it.
 * Returns the blocking task otherwise, so the UI can say "finish X first".
 */
export function blockingTask(tasks: readonly Task[], task: Task): Task | null {
  const next = nextTask(tasks.filter((t) => t.id !== task.id));
  return next && compareTasks(next, task) < 0 ? next : null;
}

export function isOverdue(task: Task, today: Day): boolean {
  return !task.doneAt && task.due != null && task.due < today;
}

export interface TaskInput {
  title: string;
  priority: string;
  due?: string | null;
}

export function validateTask(
  input: TaskInput,
): { ok: true; value: { title: string; priority: TaskPriority; due: Day | null } } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (title === '') errors.push({ field: 'title', message: 'Write what the task is' });
  else if (title.length > 500) errors.push({ field: 'title', message: `A title is at most 500 characters; got ${title.length}` });
  const priority = input.priority.trim().toLowerCase();
  if (!(TASK_PRIORITIES as readonly string[]).includes(priority)) {
    errors.push({ field: 'priority', message: `Priority is high, medium or low; got "${input.priority}"` });
  }
  let due: Day | null = null;
  if (input.due != null && input.due.trim() !== '') {
    const d = validateDate(input.due, { field: 'due', label: 'Due date' });
    if (d.ok) due = d.value;
    else errors.push({ field: d.field, message: d.message });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { title, priority: priority as TaskPriority, due } };
}

export interface DoneGroup {
  /** The group's key: a day, the Monday (week start) of a week, or `YYYY-MM`. */
  key: string;
  tasks: Task[];
  byPriority: Record<TaskPriority, number>;
}

/**
 * Done history, newest group first, tasks newest first inside a group. `dayOf` turns a done
 * timestamp into the user's calendar day (pass a local-time conversion; default: its date part).
 */
export function groupDone(
  tasks: readonly Task[],
  by: 'day' | 'week' | 'month',
  opts: { dayOf?: (iso: string) => Day; weekStartsOn?: Weekday } = {},
): DoneGroup[] {
  const dayOf = opts.dayOf ?? ((iso: string) => iso.slice(0, 10));
  const groups = new Map<string, DoneGroup>();
  for (const t of tasks) {
    if (!t.doneAt) continue;
    const day = dayOf(t.doneAt);
    const key = by === 'day' ? day : by === 'week' ? startOfWeek(day, opts.weekStartsOn) : day.slice(0, 7);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, tasks: [], byPriority: { high: 0, medium: 0, low: 0 } }));
    g.tasks.push(t);
    g.byPriority[t.priority]++;
  }
  const out = [...groups.values()].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  for (const g of out) g.tasks.sort((a, b) => (a.doneAt! < b.doneAt! ? 1 : a.doneAt! > b.doneAt! ? -1 : 0));
  return out;
}
