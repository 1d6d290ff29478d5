import type { TaskDto } from '@folio/core';
import { table } from '../format';
import type { Command } from '../types';

function rows(tasks: TaskDto[]): unknown[][] {
  return tasks.map((t) => [t.rank ?? '', t.priority, t.due ?? '', t.title + (t.overdue ? '  (overdue)' : ''), t.id]);
}

/**
 * `folio tasks`: open tasks in their strict order (priority, then due date). `folio tasks add TITLE
 * [--priority high|medium|low] [--due YYYY-MM-DD]`, `folio tasks done N|ID` (N = the place in the list).
 *
 * --json: list `{ open: Task[], done: Task[], next, doneTotal }`; add/done: the `Task`
 * (`{ id, title, priority, due, notes, createdAt, doneAt, doneDay, links, overdue, rank, blockedBy }`).
 */
export const tasksCommand: Command = {
  name: 'tasks',
  summary: 'Tasks in strict order (high, medium, low, then due date); add and done',
  usage: 'tasks [add TITLE --priority P --due DATE | done N|ID]',
  options: {
    priority: { type: 'string', short: 'p', description: 'add: high, medium or low (default medium)' },
    due: { type: 'string', description: 'add: due date YYYY-MM-DD' },
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'add') {
      const title = rest.join(' ').trim();
      if (!title) {
        ctx.err('folio tasks add: give a title, e.g. folio tasks add "Email the reviewers" --priority high');
        return 2;
      }
      const t = await ctx.call('tracking:task-save', {
        title,
        priority: typeof ctx.flags.priority === 'string' ? ctx.flags.priority : 'medium',
        ...(typeof ctx.flags.due === 'string' ? { due: ctx.flags.due } : {}),
      });
      ctx.print(t, () => `Added #${t.rank}: ${t.title} (${t.priority}${t.due ? `, due ${t.due}` : ''})`);
      return;
    }
    if (sub === 'done') {
      const key = rest[0];
      if (!key) {
        ctx.err('folio tasks done: give the task number from "folio tasks" or its id');
        return 2;
      }
      let id = key;
      if (/^\d+$/.test(key)) {
        const list = await ctx.call('tracking:tasks', {});
        const t = list.open.find((x) => x.rank === Number(key));
        if (!t) {
          ctx.err(`folio tasks done: there is no open task #${key}`);
          return 1;
        }
        id = t.id;
      }
      const t = await ctx.call('tracking:task-done', { id, done: true });
      ctx.print(t, () => [`Done: ${t.title}`, ...t.earned.map((s) => `Stamp earned: ${s.name} (${s.earnedAt})`)].join('\n'));
      return;
    }
    if (sub) {
      ctx.err(`folio tasks: unknown subcommand "${sub}" (try: add, done)`);
      return 2;
    }
    const list = await ctx.call('tracking:tasks', {});
    ctx.print(list, () =>
      list.open.length === 0
        ? `No open tasks. Add one: folio tasks add "TITLE" --priority high (${list.doneTotal} done so far)`
        : `${table(['#', 'priority', 'due', 'task', 'id'], rows(list.open))}\n\n${list.doneTotal} done so far.`,
    );
  },
};
