import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import type { DoneGroupDto, EarnedStampBrief, TaskDto, TaskLinkDto, TasksDto } from '../contract/tracking';
import { getEntry } from '../journal';
import { eventSources, flushStamps } from '../stamps';
import { emitTracking, newId, nowIso, refuse, stmt, today, tx, weekStartsOn } from './db';
import {
  blockingTask,
  groupDone,
  isOverdue,
  localDay,
  orderTasks,
  validateTask,
  type Day,
  type Task,
  type TaskLink,
} from './logic';

interface TaskRow {
  id: string;
  title: string;
  priority: Task['priority'];
  due: string | null;
  notes: string | null;
  created_at: string;
  done_at: string | null;
  done_day: string | null;
}

type StoredTask = Task & { notes: string | null; doneDay: string | null };

function toTask(r: TaskRow, links: TaskLink[]): StoredTask {
  return {
    id: r.id,
    title: r.title,
    priority: r.priority,
    due: r.due,
    createdAt: r.created_at,
    doneAt: r.done_at,
    links,
    notes: r.notes,
    doneDay: r.done_day,
  };
}

function linksOf(ctx: CoreContext, ids: readonly string[]): Map<string, TaskLink[]> {
  const out = new Map<string, TaskLink[]>();
  if (ids.length === 0) return out;
  const rows: { task_id: string; type: 'entry' | 'paper'; target_id: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    rows.push(
      ...(ctx.store.sqlite
        .prepare(`SELECT task_id, type, target_id FROM task_links WHERE task_id IN (${chunk.map(() => '?').join(',')})`)
        .all(...chunk) as typeof rows),
    );
  }
  for (const r of rows) {
    let l = out.get(r.task_id);
    if (!l) out.set(r.task_id, (l = []));
    l.push({ type: r.type, id: r.target_id });
  }
  return out;
}

function load(ctx: CoreContext, where: string, params: unknown[], order = 'created_at'): StoredTask[] {
  const rows = ctx.store.sqlite.prepare(`SELECT * FROM tasks WHERE ${where} ORDER BY ${order}`).all(...params) as TaskRow[];
  const links = linksOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toTask(r, links.get(r.id) ?? []));
}

export function openTasks(ctx: CoreContext): StoredTask[] {
  return load(ctx, 'done_at IS NULL', []);
}

/** Tasks done on days in [from, to]. */
export function tasksDoneBetween(ctx: CoreContext, from: Day, to: Day): StoredTask[] {
  return load(ctx, 'done_day BETWEEN ? AND ?', [from, to], 'done_at');
}

/** Tasks created on or before `to` and still open at `from` (or done in the range): what was planned. */
export function tasksPlannedFor(ctx: CoreContext, from: Day, to: Day): StoredTask[] {
  return load(ctx, `substr(created_at, 1, 10) <= ? AND (done_day IS NULL OR done_day >= ?)`, [to, from]);
}

function linkTitle(ctx: CoreContext, l: TaskLink): string | null {
  if (l.type === 'entry') {
    const e = getEntry(ctx, l.id);
    return e && !e.deletedAt ? e.title || 'Untitled entry' : null;
  }
  return null;
}

export function taskDtos(
  ctx: CoreContext,
  tasks: readonly StoredTask[],
  open: readonly StoredTask[] = tasks.filter((t) => !t.doneAt),
): TaskDto[] {
  const ordered = orderTasks(open);
  const rank = new Map(ordered.map((t, i) => [t.id, i + 1]));
  const first = ordered[0];
  const day = today(ctx);
  return tasks.map((t) => {
    const links: TaskLinkDto[] = (t.links ?? []).map((l) => ({ type: l.type, id: l.id, title: linkTitle(ctx, l) }));
    const r = rank.get(t.id) ?? null;
    return {
      id: t.id,
      title: t.title,
      priority: t.priority,
      due: t.due ?? null,
      notes: t.notes,
      createdAt: t.createdAt,
      doneAt: t.doneAt ?? null,
      doneDay: t.doneDay,
      links,
      overdue: isOverdue(t, day),
      rank: r,
      blockedBy: r !== null && r > 1 && first ? { id: first.id, title: first.title } : null,
    };
  });
}

export function listTasks(ctx: CoreContext, doneLimit: number): TasksDto {
  const open = orderTasks(openTasks(ctx)) as StoredTask[];
  const done = load(ctx, 'done_at IS NOT NULL', [], 'done_at DESC LIMIT ' + Math.max(0, Math.floor(doneLimit)));
  const doneTotal = (stmt(ctx, `SELECT count(*) AS n FROM tasks WHERE done_at IS NOT NULL`).get() as { n: number }).n;
  const openDtos = taskDtos(ctx, open, open);
  return { open: openDtos, done: taskDtos(ctx, done, open), next: openDtos[0] ?? null, doneTotal };
}

function requireTask(ctx: CoreContext, id: string): StoredTask {
  const t = load(ctx, 'id = ?', [id])[0];
  if (!t) throw new FolioError('not_found', `There is no task "${id}".`);
  return t;
}

function getTaskDto(ctx: CoreContext, id: string): TaskDto {
  return taskDtos(ctx, [requireTask(ctx, id)], openTasks(ctx))[0]!;
}

export interface TaskInput {
  id?: string | undefined;
  title: string;
  priority: string;
  due?: string | null | undefined;
  notes?: string | null | undefined;
  links?: { type: 'entry' | 'paper'; id: string }[] | undefined;
}

export function saveTask(ctx: CoreContext, input: TaskInput): TaskDto {
  const existing = input.id ? requireTask(ctx, input.id) : undefined;
  const v = validateTask({ title: input.title, priority: input.priority, due: input.due ?? null });
  const issues: FieldIssue[] = v.ok ? [] : v.errors.map((e) => ({ path: e.field, message: e.message }));
  (input.links ?? []).forEach((l, i) => {
    if (l.type === 'entry') {
      const e = getEntry(ctx, l.id);
      if (!e || e.deletedAt) issues.push({ path: `links.${i}.id`, message: `There is no journal entry "${l.id}"` });
    }
  });
  if (issues.length > 0 || !v.ok) refuse(issues, 'The task was not saved');
  const id = existing?.id ?? newId('t');
  const now = nowIso(ctx);
  tx(ctx, () => {
    if (existing) {
      stmt(ctx, `UPDATE tasks SET title = ?, priority = ?, due = ?, notes = ?, updated_at = ? WHERE id = ?`).run(
        v.value.title,
        v.value.priority,
        v.value.due,
        input.notes?.trim() || null,
        now,
        id,
      );
    } else {
      stmt(ctx, `INSERT INTO tasks (id, title, priority, due, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        id,
        v.value.title,
        v.value.priority,
        v.value.due,
        input.notes?.trim() || null,
        now,
        now,
      );
    }
    if (input.links) {
      stmt(ctx, `DELETE FROM task_links WHERE task_id = ?`).run(id);
      const ins = stmt(ctx, `INSERT OR IGNORE INTO task_links (task_id, type, target_id) VALUES (?, ?, ?)`);
      for (const l of input.links) ins.run(id, l.type, l.id);
    }
  });
  emitTracking(ctx, existing ? 'task-update' : 'task-create', existing?.doneAt ? eventSources.taskDone(v.value.priority) : []);
  return getTaskDto(ctx, id);
}

/**
 * Marks a task done (or open again). Tasks are done strictly in order: finishing one while a task
 * ranked before it is open is refused (`conflict`, naming the task to finish first).
 */
export function setTaskDone(ctx: CoreContext, id: string, done: boolean): TaskDto & { earned: EarnedStampBrief[] } {
  const task = requireTask(ctx, id);
  if (done === Boolean(task.doneAt)) return { ...getTaskDto(ctx, id), earned: [] };
  if (done) {
    const blocker = blockingTask(openTasks(ctx), task);
    if (blocker) {
      const message = `Finish “${blocker.title}” first: tasks are done strictly by priority (high, medium, low), then due date`;
      throw new FolioError('conflict', message, {
        issues: [{ path: 'done', message }],
        blocking: { id: blocker.id, title: blocker.title },
      });
    }
  }
  const at = ctx.now();
  const day = localDay(at);
  stmt(ctx, `UPDATE tasks SET done_at = ?, done_day = ?, updated_at = ? WHERE id = ?`).run(
    done ? at.toISOString() : null,
    done ? day : null,
    at.toISOString(),
    id,
  );
  emitTracking(ctx, done ? 'task-done' : 'task-reopen', eventSources.taskDone(task.priority), day);
  const earned = flushStamps(ctx);
  return { ...getTaskDto(ctx, id), earned };
}

export function deleteTask(ctx: CoreContext, id: string): void {
  const task = requireTask(ctx, id);
  stmt(ctx, `DELETE FROM tasks WHERE id = ?`).run(id);
  emitTracking(ctx, 'task-delete', task.doneAt ? eventSources.taskDone(task.priority) : []);
}

export function taskHistory(ctx: CoreContext, by: 'day' | 'week' | 'month'): DoneGroupDto[] {
  const done = load(ctx, 'done_at IS NOT NULL', [], 'done_at DESC');
  const dayByIso = new Map(done.map((t) => [t.doneAt!, t.doneDay ?? localDay(new Date(t.doneAt!))]));
  const groups = groupDone(done, by, {
    dayOf: (iso) => dayByIso.get(iso) ?? localDay(new Date(iso)),
    weekStartsOn: weekStartsOn(ctx),
  });
  const open = openTasks(ctx);
  return groups.map((g) => ({ key: g.key, byPriority: g.byPriority, tasks: taskDtos(ctx, g.tasks as StoredTask[], open) }));
}
