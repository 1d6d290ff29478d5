import { useState, type FormEvent } from 'react';
import type { TaskDto, TaskPriorityDto } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import { href } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { issuesOf } from './format';

function TaskForm({ task, onDone }: { task?: TaskDto; onDone?(): void }) {
  const api = useApi();
  const [title, setTitle] = useState(task?.title ?? '');
  const [priority, setPriority] = useState<TaskPriorityDto>(task?.priority ?? 'medium');
  const [due, setDue] = useState(task?.due ?? '');
  const [links, setLinks] = useState(task?.links.map((l) => `${l.type}:${l.id}`).join(' ') ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = links
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((s) => {
        const [type, ...rest] = s.split(':');
        return { type: (type === 'paper' ? 'paper' : 'entry') as 'paper' | 'entry', id: rest.join(':') || type! };
      });
    try {
      await api.call('tracking:task-save', {
        ...(task ? { id: task.id } : {}),
        title,
        priority,
        due: due || null,
        links: parsed,
      });
      setErrors({});
      if (!task) {
        setTitle('');
        setDue('');
        setLinks('');
      }
      onDone?.();
    } catch (err) {
      setErrors(issuesOf(err));
    }
  };
  const linkError = Object.entries(errors).find(([k]) => k.startsWith('links'))?.[1];
  return (
    <form className="trk-form" onSubmit={(e) => void save(e)} noValidate aria-label={task ? 'Edit task' : 'New task'}>
      <Field label="Task" error={errors.title}>
        {(id, desc) => (
          <input
            id={id}
            aria-describedby={desc}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="Send the draft to the co-authors"
          />
        )}
      </Field>
      <Field label="Priority" error={errors.priority}>
        {(id, desc) => (
          <select
            id={id}
            aria-describedby={desc}
            value={priority}
            onChange={(e) => setPriority(e.target.value as TaskPriorityDto)}
          >
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        )}
      </Field>
      <Field label="Due" error={errors.due}>
        {(id, desc) => <input id={id} aria-describedby={desc} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
      </Field>
      <Field label="Links" error={linkError} hint="entry:ID or paper:ID, space-separated">
        {(id, desc) => <input id={id} aria-describedby={desc} value={links} onChange={(e) => setLinks(e.target.value)} />}
      </Field>
      <div className="trk-form-actions">
        <button type="submit" className="button primary">
          {task ? 'Save task' : 'Add task'}
        </button>
        {task && (
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function TaskRow({ t }: { t: TaskDto }) {
  const api = useApi();
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);
  const done = async (value: boolean) => {
    try {
      await api.call('tracking:task-done', { id: t.id, done: value });
    } catch (err) {
      toasts.error('Not yet', err);
    }
  };
  if (editing) {
    return (
      <li>
        <div style={{ gridColumn: '1 / -1' }}>
          <TaskForm task={t} onDone={() => setEditing(false)} />
        </div>
      </li>
    );
  }
  return (
    <li data-testid="task-row">
      <span className="task-rank">{t.rank ?? ''}</span>
      <input
        type="checkbox"
        checked={t.doneAt !== null}
        disabled={t.doneAt === null && t.blockedBy !== null}
        title={t.blockedBy ? `Finish “${t.blockedBy.title}” first` : t.doneAt ? 'Open again' : 'Mark done'}
        aria-label={`Done: ${t.title}`}
        onChange={(e) => void done(e.target.checked)}
      />
      <div className="task-title">
        <span className={`prio prio-${t.priority}`}>{t.priority}</span>
        <span className="task-text">{t.title}</span>
        {t.links.length > 0 && (
          <span className="task-links">
            {' '}
            {t.links.map((l) =>
              l.type === 'entry' ? (
                <a key={l.id} href={href(`/journal/${l.id}`)}>
                  {l.title ?? 'entry'}
                </a>
              ) : (
                <a key={l.id} href={href(`/papers/${l.id}`)}>
                  {l.title ?? 'paper'}
                </a>
              ),
            )}
          </span>
        )}
        {t.doneAt && <span className="faint">done {t.doneDay}</span>}
      </div>
      <span className={t.overdue ? 'overdue' : 'faint'}>{t.due ? `${t.overdue ? 'overdue ' : 'due '}${t.due}` : ''}</span>
      <span>
        <button type="button" className="button small" onClick={() => setEditing(true)}>
          Edit
        </button>{' '}
        <button
          type="button"
          className="button small danger"
          aria-label={`Delete ${t.title}`}
          onClick={() => void api.call('tracking:task-delete', { id: t.id })}
        >
          ×
        </button>
      </span>
    </li>
  );
}

export function TasksSection() {
  const tasks = useCall('tracking:tasks', { doneLimit: 100 }, { domains: ['tracking'] });
  const history = useCall('tracking:task-history', { by: 'week' }, { domains: ['tracking'] });
  const list = tasks.data;
  return (
    <div className="trk-split">
      <div>
        <section className="card">
          <h2>New task</h2>
          <TaskForm />
        </section>
        <section className="card" aria-labelledby="open-h">
          <h2 id="open-h">
            To do <span className="faint">{list ? `(${list.open.length})` : ''}</span>
          </h2>
          <p className="faint">
            Strictly in order: every high before any medium, every medium before any low; then the earliest due date. Only the
            first can be ticked.
          </p>
          {list && list.open.length === 0 ? (
            <EmptyState icon="check" title="Nothing to do">
              Add a task above, or from a terminal: <code>folio tasks add "TITLE" --priority high</code>.
            </EmptyState>
          ) : (
            <ol className="task-list" aria-label="Open tasks">
              {list?.open.map((t) => (
                <TaskRow key={t.id} t={t} />
              ))}
            </ol>
          )}
        </section>
      </div>
      <section className="card done-groups" aria-labelledby="done-h">
        <h2 id="done-h">
          Done <span className="faint">{list ? `(${list.doneTotal})` : ''}</span>
        </h2>
        {history.data?.length === 0 && <p className="muted">Nothing done yet.</p>}
        {history.data?.map((g) => (
          <div key={g.key}>
            <h3>
              Week of {g.key} · {g.tasks.length} done ({g.byPriority.high} high, {g.byPriority.medium} medium, {g.byPriority.low}{' '}
              low)
            </h3>
            <ol className="task-list">
              {g.tasks.map((t) => (
                <TaskRow key={t.id} t={t} />
              ))}
            </ol>
          </div>
        ))}
      </section>
    </div>
  );
}
