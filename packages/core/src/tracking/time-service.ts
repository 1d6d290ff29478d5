import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import type { CategoryDto, TimeBlockDto, TimeDayDto, TimerDto, TimeTotalsDto } from '../contract/tracking';
import { eventSources } from '../stamps';
import { emitTracking, nowIso, nowLocal, parseJson, refuse, stmt, today, tx } from './db';
import {
  dayTimeline,
  parseTimeLog,
  startTimer as startTimerLogic,
  stopTimer as stopTimerLogic,
  timeTotals,
  timerElapsed,
  validateDate,
  type CategoryConfig,
  type Day,
  type TimeBlock,
  type TimeLogConfig,
  type TimerState,
} from './logic';
import { ensureTrackingSeeded } from './seed';

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

interface CategoryRow {
  id: string;
  name: string | null;
  productive: number;
  keywords: string;
  color: string | null;
  sort: number;
}

function categoryDto(r: CategoryRow): CategoryDto {
  return {
    id: r.id,
    name: r.name || r.id,
    productive: r.productive === 1,
    keywords: parseJson<string[]>(r.keywords, []),
    color: r.color,
    sort: r.sort,
  };
}

export function listCategories(ctx: CoreContext): CategoryDto[] {
  ensureTrackingSeeded(ctx);
  return (stmt(ctx, `SELECT * FROM time_categories WHERE deleted_at IS NULL ORDER BY sort, id`).all() as CategoryRow[]).map(
    categoryDto,
  );
}

export function timeConfig(ctx: CoreContext): TimeLogConfig {
  const categories: CategoryConfig[] = listCategories(ctx).map((c) => {
    const cfg: CategoryConfig = { id: c.id, name: c.name, productive: c.productive, keywords: c.keywords };
    if (c.color) cfg.color = c.color;
    return cfg;
  });
  return { categories, defaultCategory: categories.some((c) => c.id === 'other') ? 'other' : (categories.at(-1)?.id ?? 'other') };
}

const CATEGORY_ID_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function saveCategory(
  ctx: CoreContext,
  input: {
    id: string;
    name?: string | null | undefined;
    productive: boolean;
    keywords?: string[] | undefined;
    color?: string | null | undefined;
  },
): CategoryDto {
  ensureTrackingSeeded(ctx);
  const id = input.id.trim().toLowerCase();
  if (!CATEGORY_ID_RE.test(id))
    refuse([{ path: 'id', message: `A category id is a short lowercase word (letters, digits, - and _); got "${input.id}"` }]);
  const now = nowIso(ctx);
  const keywords = JSON.stringify([...new Set((input.keywords ?? []).map((k) => k.trim().toLowerCase()).filter(Boolean))]);
  const existing = stmt(ctx, `SELECT * FROM time_categories WHERE id = ?`).get(id) as
    (CategoryRow & { deleted_at: string | null }) | undefined;
  tx(ctx, () => {
    if (existing) {
      stmt(
        ctx,
        `UPDATE time_categories SET name = ?, productive = ?, keywords = ?, color = ?, deleted_at = NULL, updated_at = ? WHERE id = ?`,
      ).run(input.name?.trim() || null, input.productive ? 1 : 0, keywords, input.color ?? null, now, id);
      // Productive or not is a property of the category: past blocks follow it, so totals stay consistent.
      stmt(ctx, `UPDATE time_blocks SET productive = ? WHERE category = ?`).run(input.productive ? 1 : 0, id);
    } else {
      const sort = (stmt(ctx, `SELECT coalesce(max(sort), 0) + 10 AS s FROM time_categories`).get() as { s: number }).s;
      stmt(
        ctx,
        `INSERT INTO time_categories (id, name, productive, keywords, color, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.name?.trim() || null, input.productive ? 1 : 0, keywords, input.color ?? null, sort, now, now);
    }
  });
  emitTracking(ctx, 'category-save', eventSources.timeBlock(id));
  return categoryDto(stmt(ctx, `SELECT * FROM time_categories WHERE id = ?`).get(id) as CategoryRow);
}

export function deleteCategory(ctx: CoreContext, id: string): void {
  const now = nowIso(ctx);
  const r = stmt(ctx, `UPDATE time_categories SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(
    now,
    now,
    id,
  );
  if (r.changes === 0) throw new FolioError('not_found', `There is no category "${id}".`);
  emitTracking(ctx, 'category-delete', []);
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

interface BlockRow {
  id: number;
  day: string;
  start_min: number;
  end_min: number;
  minutes: number;
  label: string;
  tags: string;
  category: string;
  productive: number;
  source: 'log' | 'timer';
  line: number | null;
}

function blockDto(r: BlockRow): TimeBlockDto {
  return {
    id: r.id,
    day: r.day,
    start: r.start_min,
    end: r.end_min,
    minutes: r.minutes,
    label: r.label,
    tags: parseJson<string[]>(r.tags, []),
    category: r.category,
    productive: r.productive === 1,
    source: r.source,
    line: r.line,
  };
}

function toLogic(b: TimeBlockDto): TimeBlock {
  const out: TimeBlock = {
    day: b.day,
    start: b.start,
    end: b.end,
    label: b.label,
    tags: b.tags,
    category: b.category,
    productive: b.productive,
    source: b.source,
  };
  if (b.line !== null) out.line = b.line;
  return out;
}

/** Blocks with days in [from, to] (the dashboard's input), by day and start; labels and tags left out. */
export function rawBlocks(ctx: CoreContext, from: Day, to: Day): TimeBlock[] {
  const rows = stmt(
    ctx,
    `SELECT day, start_min, end_min, category, productive FROM time_blocks WHERE day BETWEEN ? AND ? ORDER BY day, start_min, id`,
  ).all(from, to) as Pick<BlockRow, 'day' | 'start_min' | 'end_min' | 'category' | 'productive'>[];
  return rows.map((r) => ({
    day: r.day,
    start: r.start_min,
    end: r.end_min,
    label: '',
    tags: [],
    category: r.category,
    productive: r.productive === 1,
    source: 'log',
  }));
}

function dayBlocks(ctx: CoreContext, day: Day): TimeBlockDto[] {
  return (stmt(ctx, `SELECT * FROM time_blocks WHERE day = ? ORDER BY start_min, end_min, id`).all(day) as BlockRow[]).map(
    blockDto,
  );
}

function insertBlock(ctx: CoreContext, b: TimeBlock, now: string): number {
  const r = stmt(
    ctx,
    `INSERT INTO time_blocks (day, start_min, end_min, minutes, label, tags, category, productive, source, line, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.day,
    b.start,
    b.end,
    b.end - b.start,
    b.label,
    JSON.stringify(b.tags),
    b.category,
    b.productive ? 1 : 0,
    b.source,
    b.line ?? null,
    now,
  );
  return Number(r.lastInsertRowid);
}

export function totalsDto(ctx: CoreContext, blocks: Iterable<TimeBlock>): TimeTotalsDto {
  const t = timeTotals(blocks);
  const cats = new Map(listCategories(ctx).map((c) => [c.id, c]));
  return {
    total: t.total,
    productive: t.productive,
    unproductive: t.unproductive,
    byCategory: t.byCategory.map((c) => ({
      category: c.category,
      name: cats.get(c.category)?.name ?? c.category,
      color: cats.get(c.category)?.color ?? null,
      minutes: c.minutes,
      productive: c.productive,
      blocks: c.blocks,
    })),
  };
}

function minutesNow(ctx: CoreContext): number {
  const d = ctx.now();
  return d.getHours() * 60 + d.getMinutes();
}

function parseDay(ctx: CoreContext, day: Day, text: string) {
  return parseTimeLog(text, { day, config: timeConfig(ctx), ...(day === today(ctx) ? { now: minutesNow(ctx) } : {}) });
}

export function timeDay(ctx: CoreContext, day?: string): TimeDayDto {
  const d = day ?? today(ctx);
  const v = validateDate(d, { field: 'day' });
  if (!v.ok) refuse([{ path: 'day', message: v.message }]);
  const text = (stmt(ctx, `SELECT text FROM time_logs WHERE day = ?`).get(d) as { text: string } | undefined)?.text ?? '';
  const blocks = dayBlocks(ctx, d);
  const logic = blocks.map(toLogic);
  const ids = new Map(logic.map((b, i) => [b, blocks[i]!.id]));
  return {
    day: d,
    text,
    blocks,
    timeline: dayTimeline(logic, d).map((s) =>
      s.kind === 'gap' ? s : { kind: 'block' as const, start: s.start, end: s.end, blockId: ids.get(s.block)! },
    ),
    totals: totalsDto(ctx, logic),
    errors: text ? parseDay(ctx, d, text).errors : [],
  };
}

function touchedSources(categories: Iterable<string>): string[] {
  const out = new Set<string>(['time.total', 'time.focus']);
  for (const c of categories) out.add(`time.category:${c}`);
  return [...out];
}

/**
 * Saves a day's quick log: its 'log' blocks are replaced by what the text says now. Lines that
 * cannot be read are reported (and kept in the text); every good line becomes a block.
 */
export function saveTimeLog(ctx: CoreContext, input: { day: string; text: string }): TimeDayDto {
  const t = today(ctx);
  const v = validateDate(input.day, { field: 'day', notAfter: t });
  if (!v.ok) refuse([{ path: 'day', message: v.message }]);
  const day = v.value;
  const parsed = parseDay(ctx, day, input.text);
  const now = nowIso(ctx);
  const cats = new Set<string>();
  tx(ctx, () => {
    for (const r of stmt(ctx, `SELECT DISTINCT category FROM time_blocks WHERE day = ? AND source = 'log'`).all(day) as {
      category: string;
    }[])
      cats.add(r.category);
    stmt(ctx, `DELETE FROM time_blocks WHERE day = ? AND source = 'log'`).run(day);
    for (const b of parsed.blocks) {
      insertBlock(ctx, b, now);
      cats.add(b.category);
    }
    if (input.text.trim() === '') stmt(ctx, `DELETE FROM time_logs WHERE day = ?`).run(day);
    else {
      stmt(
        ctx,
        `INSERT INTO time_logs (day, text, updated_at) VALUES (?, ?, ?) ON CONFLICT(day) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
      ).run(day, input.text, now);
    }
  });
  emitTracking(ctx, 'time-log', touchedSources(cats), day);
  return timeDay(ctx, day);
}

/**
 * Adds one quick-log line (`09:10 reading RailS paper #research`) to a day's log. A line that cannot
 * be read, or that does not fit after the lines already there, is refused with the reason.
 */
export function addTimeLine(
  ctx: CoreContext,
  input: { text: string; day?: string | undefined },
): TimeDayDto & { added: TimeBlockDto[] } {
  const t = today(ctx);
  const v = validateDate(input.day ?? t, { field: 'day', notAfter: t });
  if (!v.ok) refuse([{ path: 'day', message: v.message }]);
  const day = v.value;
  const before = (stmt(ctx, `SELECT text FROM time_logs WHERE day = ?`).get(day) as { text: string } | undefined)?.text ?? '';
  const lines = input.text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trim())
    .filter(Boolean);
  const base = before.replace(/\s+$/, '');
  const text = [base, ...lines].filter((l) => l !== '').join('\n');
  const firstNew = (base === '' ? 0 : base.split(/\r\n|\n|\r/).length) + 1;
  const parsed = parseDay(ctx, day, text);
  const own = parsed.errors.filter((e) => e.line >= firstNew);
  if (own.length > 0) {
    const issues: FieldIssue[] = own.map((e) => ({ path: 'text', message: e.message }));
    refuse(issues, lines.length === 1 ? `“${lines[0]}” was not logged` : 'Not logged');
  }
  const saved = saveTimeLog(ctx, { day, text });
  return { ...saved, added: saved.blocks.filter((b) => b.source === 'log' && (b.line ?? 0) >= firstNew) };
}

export function deleteBlock(ctx: CoreContext, id: number): void {
  const row = stmt(ctx, `SELECT * FROM time_blocks WHERE id = ?`).get(id) as BlockRow | undefined;
  if (!row) throw new FolioError('not_found', `There is no time block ${id}.`);
  if (row.source === 'log') {
    refuse([{ path: 'id', message: 'This block comes from the day’s quick log: edit the log line instead' }]);
  }
  stmt(ctx, `DELETE FROM time_blocks WHERE id = ?`).run(id);
  emitTracking(ctx, 'time-block-delete', touchedSources([row.category]), row.day);
}

// ---------------------------------------------------------------------------------------------
// Timer
// ---------------------------------------------------------------------------------------------

function timerState(ctx: CoreContext): TimerState {
  const r = stmt(ctx, `SELECT * FROM time_timer WHERE id = 1`).get() as
    { label: string; tags: string; category: string; productive: number; started_at: string } | undefined;
  if (!r) return { running: null };
  return {
    running: {
      label: r.label,
      tags: parseJson<string[]>(r.tags, []),
      category: r.category,
      productive: r.productive === 1,
      startedAt: r.started_at,
    },
  };
}

function timerDto(ctx: CoreContext, state: TimerState): TimerDto {
  if (!state.running) return { running: null };
  return { running: { ...state.running, elapsedMinutes: timerElapsed(state, nowLocal(ctx)) } };
}

export function getTimer(ctx: CoreContext): TimerDto {
  return timerDto(ctx, timerState(ctx));
}

function saveStopped(ctx: CoreContext, blocks: TimeBlock[], now: string): TimeBlockDto[] {
  const ids = blocks.map((b) => insertBlock(ctx, b, now));
  return ids.map((id) => blockDto(stmt(ctx, `SELECT * FROM time_blocks WHERE id = ?`).get(id) as BlockRow));
}

/** Starts the timer on what the text says (`reading RailS #research`); a running one stops first. */
export function startTimer(ctx: CoreContext, text: string): TimerDto & { stopped: TimeBlockDto[] } {
  const at = nowLocal(ctx);
  const now = nowIso(ctx);
  const tr = startTimerLogic(timerState(ctx), text, at, timeConfig(ctx));
  const stopped = tx(ctx, () => {
    const saved = saveStopped(ctx, tr.stopped, now);
    const r = tr.state.running!;
    stmt(
      ctx,
      `INSERT INTO time_timer (id, label, tags, category, productive, started_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET label = excluded.label, tags = excluded.tags, category = excluded.category, productive = excluded.productive, started_at = excluded.started_at`,
    ).run(r.label, JSON.stringify(r.tags), r.category, r.productive ? 1 : 0, r.startedAt);
    return saved;
  });
  emitTracking(ctx, 'timer-start', stopped.length ? touchedSources(stopped.map((b) => b.category)) : [], today(ctx));
  return { ...timerDto(ctx, tr.state), stopped };
}

/** Stops the timer; its time becomes blocks (split at midnight). */
export function stopTimer(ctx: CoreContext): TimerDto & { stopped: TimeBlockDto[] } {
  const state = timerState(ctx);
  if (!state.running) return { running: null, stopped: [] };
  const tr = stopTimerLogic(state, nowLocal(ctx));
  const now = nowIso(ctx);
  const stopped = tx(ctx, () => {
    const saved = saveStopped(ctx, tr.stopped, now);
    stmt(ctx, `DELETE FROM time_timer WHERE id = 1`).run();
    return saved;
  });
  emitTracking(ctx, 'timer-stop', touchedSources(stopped.map((b) => b.category)), today(ctx));
  return { running: null, stopped };
}
