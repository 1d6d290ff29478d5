import { addDays, isValidDay, type Day } from './dates';

/**
 * Time tracking: quick log lines and a start/stop timer, both producing time blocks measured in
 * whole minutes of a calendar day (0 = 00:00, 1440 = 24:00). A block never crosses midnight; the
 * timer splits one that does.
 *
 * Quick log grammar (one block per line, optional bullet `- `, `* `, `+ `, `• `):
 *   09:10 reading RailS paper #research     open block: ends where the next line starts
 *   9:10am reading / 9am / 2:30 pm          12-hour times
 *   14:05-15:30 meeting #work               explicit range (also `–`, `—`, ` to `)
 *   17:45                                   a time alone ends the block before it
 * The last open block ends at `now` (when logging today) or at the end of the day.
 */
export interface CategoryConfig {
  id: string;
  name?: string;
  productive: boolean;
  /** Words that put an untagged line in this category ("paper", "reading"). */
  keywords?: string[];
  color?: string;
}

export interface TimeLogConfig {
  categories: readonly CategoryConfig[];
  /** Category of a line with no tag and no keyword match. Default `other`. */
  defaultCategory?: string;
  /** Whether a #tag naming no configured category counts as productive. Default false. */
  unknownTagsProductive?: boolean;
}

export const DEFAULT_TIME_CATEGORIES: readonly CategoryConfig[] = [
  { id: 'research', productive: true, keywords: ['paper', 'reading', 'read', 'experiment', 'analysis', 'thesis'] },
  { id: 'writing', productive: true, keywords: ['writing', 'write', 'draft', 'journal', 'edit'] },
  { id: 'coding', productive: true, keywords: ['code', 'coding', 'debug', 'implement', 'refactor'] },
  { id: 'work', productive: true, keywords: ['meeting', 'email', 'call', 'review'] },
  { id: 'learning', productive: true, keywords: ['course', 'lecture', 'study', 'tutorial'] },
  { id: 'exercise', productive: false, keywords: ['gym', 'run', 'workout', 'walk', 'yoga'] },
  { id: 'break', productive: false, keywords: ['lunch', 'coffee', 'break', 'dinner', 'breakfast'] },
  { id: 'leisure', productive: false, keywords: ['tv', 'youtube', 'social', 'game', 'games', 'netflix'] },
  { id: 'other', productive: false },
];

export const DEFAULT_TIMELOG_CONFIG: TimeLogConfig = { categories: DEFAULT_TIME_CATEGORIES, defaultCategory: 'other' };

export interface TimeBlock {
  day: Day;
  /** Minutes since the day's midnight, start < end ≤ 1440. */
  start: number;
  end: number;
  /** The line's text without its times and tags. */
  label: string;
  tags: string[];
  category: string;
  productive: boolean;
  source: 'log' | 'timer';
  /** 1-based line of the quick log it came from. */
  line?: number;
}

export interface TimeLogError {
  line: number;
  text: string;
  message: string;
}

export const MINUTES_IN_DAY = 1440;

// ---------------------------------------------------------------------------------------------
// Times

/** `09:10`, `9:10`, `9.10`, `9:10am`, `9 am`, `9pm`, `12:30 a.m.` → minutes; null if not a time. */
export function parseClock(text: string, opts: { allow24?: boolean } = {}): number | null {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(?:([ap])\.?\s*m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] !== undefined ? Number(m[2]) : 0;
  const ampm = m[3]?.toLowerCase();
  if (m[2] === undefined && !ampm) return null; // a bare number is not a time
  if (min > 59) return null;
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (h === 12) h = 0;
    if (ampm === 'p') h += 12;
  } else if (h > 24 || (h === 24 && (min !== 0 || !opts.allow24))) {
    return null;
  }
  return h * 60 + min;
}

export function formatClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Categories

const TAG_RE = /(^|\s)#([\p{L}\p{N}_\-/]+)/gu;

export interface Classified {
  label: string;
  tags: string[];
  category: string;
  productive: boolean;
}

/** Category from the first #tag naming a category, else the first tag, else keyword rules. */
export function classify(text: string, config: TimeLogConfig = DEFAULT_TIMELOG_CONFIG): Classified {
  const tags: string[] = [];
  for (const m of text.matchAll(TAG_RE)) tags.push(m[2]!.toLowerCase());
  const label = text.replace(TAG_RE, '$1').replace(/\s+/g, ' ').trim();
  const find = (key: string) => config.categories.find((c) => c.id.toLowerCase() === key || c.name?.toLowerCase() === key);
  for (const tag of tags) {
    const c = find(tag);
    if (c) return { label, tags, category: c.id, productive: c.productive };
  }
  if (tags.length > 0) {
    return { label, tags, category: tags[0]!, productive: config.unknownTagsProductive ?? false };
  }
  const words = new Set(
    label
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  for (const c of config.categories) {
    if (c.keywords?.some((k) => words.has(k.toLowerCase()))) {
      return { label, tags, category: c.id, productive: c.productive };
    }
  }
  const fallback = config.defaultCategory ?? 'other';
  return { label, tags, category: fallback, productive: find(fallback)?.productive ?? false };
}

// ---------------------------------------------------------------------------------------------
// Quick log

const BULLET_RE = /^(?:[-*+•]\s+|\[[ xX]\]\s+)/;
const TIME = String.raw`\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s*m\.?)?`;
const RANGE_RE = new RegExp(String.raw`^(${TIME})\s*(?:-|–|—|\bto\b)\s*(${TIME})(?=\s|$)\s*(.*)$`, 'i');
const START_RE = new RegExp(String.raw`^(${TIME})(?=\s|$)\s*(.*)$`, 'i');

export interface ParseTimeLogOptions {
  day: Day;
  config?: TimeLogConfig;
  /** Minutes since midnight now, when the log is today's: the last open block ends here. */
  now?: number;
  /** Where the last open block ends when `now` is not given. Default 24:00. */
  dayEnd?: number;
}

export interface ParsedTimeLog {
  blocks: TimeBlock[];
  errors: TimeLogError[];
}

/**
 * Parses a day's quick log. Each bad line yields an error naming its line and is skipped; every
 * good line is kept.
 */
export function parseTimeLog(text: string, opts: ParseTimeLogOptions): ParsedTimeLog {
  const config = opts.config ?? DEFAULT_TIMELOG_CONFIG;
  const blocks: TimeBlock[] = [];
  const errors: TimeLogError[] = [];
  if (!isValidDay(opts.day)) {
    return { blocks, errors: [{ line: 0, text: opts.day, message: `${opts.day} is not a real date` }] };
  }
  // The open block waiting for the next start (index into blocks).
  let open: number | null = null;
  // The latest minute already claimed by a block; new starts may not go before it.
  let lastStart = -1;
  let claimedUntil = 0;
  const lines = text.split(/\r\n|\n|\r/);
  const closeOpen = (at: number) => {
    if (open === null) return;
    const b = blocks[open]!;
    b.end = at;
    open = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    let line = raw.trim();
    if (line === '' || /^#{1,6}\s/.test(line)) return; // blank lines and markdown headings
    line = line.replace(BULLET_RE, '');
    const err = (message: string) => errors.push({ line: lineNo, text: raw, message });

    const range = RANGE_RE.exec(line);
    if (range) {
      const start = parseClock(range[1]!);
      const end = parseClock(range[2]!, { allow24: true });
      if (start === null) return err(`"${range[1]}" is not a time of day`);
      if (end === null) return err(`"${range[2]}" is not a time of day`);
      if (end <= start) return err(`Ends (${formatClock(end)}) before it starts (${formatClock(start)})`);
      if (start < lastStart) return err(`Out of order: ${formatClock(start)} comes before the line above`);
      if (open !== null) {
        const ob = blocks[open]!;
        if (start === ob.start) return err(`Starts at the same time as line ${ob.line}`);
        closeOpen(start);
      } else if (start < claimedUntil) {
        return err(`Overlaps the block before it, which runs until ${formatClock(claimedUntil)}`);
      }
      const c = classify(range[3] ?? '', config);
      blocks.push({ day: opts.day, start, end, ...c, source: 'log', line: lineNo });
      lastStart = start;
      claimedUntil = end;
      return;
    }
    const single = START_RE.exec(line);
    if (!single) return err('Start the line with a time, e.g. "09:10 reading #research"');
    const start = parseClock(single[1]!, { allow24: (single[2] ?? '').trim() === '' });
    if (start === null) return err(`"${single[1]}" is not a time of day`);
    const rest = (single[2] ?? '').trim();
    if (start < lastStart) return err(`Out of order: ${formatClock(start)} comes before the line above`);
    if (open === null && start < claimedUntil) {
      return err(`Overlaps the block before it, which runs until ${formatClock(claimedUntil)}`);
    }
    if (open !== null && start === blocks[open]!.start) {
      return err(`Starts at the same time as line ${blocks[open]!.line}`);
    }
    closeOpen(start);
    lastStart = start;
    claimedUntil = start;
    if (rest === '') return; // a time alone just ends the block before it
    if (start >= MINUTES_IN_DAY) return err('A block cannot start at 24:00');
    const c = classify(rest, config);
    blocks.push({ day: opts.day, start, end: start, ...c, source: 'log', line: lineNo });
    open = blocks.length - 1;
  });

  if (open !== null) {
    const b = blocks[open]!;
    const end = opts.now !== undefined ? Math.min(opts.now, MINUTES_IN_DAY) : (opts.dayEnd ?? MINUTES_IN_DAY);
    if (end <= b.start) {
      errors.push({
        line: b.line ?? 0,
        text: lines[(b.line ?? 1) - 1] ?? '',
        message:
          opts.now !== undefined
            ? `Starts at ${formatClock(b.start)}, after now (${formatClock(end)}); end it with a time line`
            : `Nothing ends this block before ${formatClock(end)}`,
      });
      blocks.splice(open, 1);
    } else {
      b.end = end;
    }
  }
  // Zero-length blocks (a start immediately ended at the same minute) carry no time.
  return { blocks: blocks.filter((b) => b.end > b.start), errors };
}

// ---------------------------------------------------------------------------------------------
// Timer

/** A local date and time to the minute, `YYYY-MM-DDTHH:MM` (seconds, if present, are ignored). */
export type LocalDateTime = string;

export interface RunningTimer {
  label: string;
  tags: string[];
  category: string;
  productive: boolean;
  startedAt: LocalDateTime;
}

export interface TimerState {
  running: RunningTimer | null;
}

export interface TimerTransition {
  state: TimerState;
  /** Blocks produced by stopping the running timer, split at midnight. */
  stopped: TimeBlock[];
}

export function toLocalDateTime(date: Date): LocalDateTime {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

function splitLocal(dt: LocalDateTime): { day: Day; minute: number } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(dt);
  if (!m || !isValidDay(m[1]!)) throw new RangeError(`Not a local date-time: ${dt}`);
  return { day: m[1]!, minute: Number(m[2]) * 60 + Number(m[3]) };
}

/** Starts a timer; a running one is stopped first (only one runs at a time). */
export function startTimer(
  state: TimerState,
  text: string,
  now: LocalDateTime,
  config: TimeLogConfig = DEFAULT_TIMELOG_CONFIG,
): TimerTransition {
  splitLocal(now);
  const { stopped } = stopTimer(state, now);
  return { state: { running: { ...classify(text, config), startedAt: now } }, stopped };
}

/** Stops the running timer (if any) and returns its blocks, one per calendar day it touched. */
export function stopTimer(state: TimerState, now: LocalDateTime): TimerTransition {
  const r = state.running;
  if (!r) return { state, stopped: [] };
  const from = splitLocal(r.startedAt);
  const to = splitLocal(now);
  const stopped: TimeBlock[] = [];
  let day = from.day;
  let start = from.minute;
  while (day < to.day || (day === to.day && start < to.minute)) {
    const end = day === to.day ? to.minute : MINUTES_IN_DAY;
    if (end > start) {
      stopped.push({
        day,
        start,
        end,
        label: r.label,
        tags: r.tags,
        category: r.category,
        productive: r.productive,
        source: 'timer',
      });
    }
    day = addDays(day, 1);
    start = 0;
  }
  return { state: { running: null }, stopped };
}

/** Minutes the running timer has run by `now`. */
export function timerElapsed(state: TimerState, now: LocalDateTime): number {
  if (!state.running) return 0;
  const a = splitLocal(state.running.startedAt);
  const b = splitLocal(now);
  const days = Math.round((Date.parse(`${b.day}T00:00Z`) - Date.parse(`${a.day}T00:00Z`)) / 86_400_000);
  return Math.max(0, days * MINUTES_IN_DAY + b.minute - a.minute);
}

// ---------------------------------------------------------------------------------------------
// Timeline and totals

export type TimelineSegment =
  { kind: 'block'; start: number; end: number; block: TimeBlock } | { kind: 'gap'; start: number; end: number };

/**
 * A day's blocks in time order with the untracked gaps between them, from `dayStart` to `dayEnd`
 * (default: the first block's start to the last block's end). Overlapping blocks (a timer on top
 * of a log line) are clipped so no minute is shown twice.
 */
export function dayTimeline(
  blocks: readonly TimeBlock[],
  day: Day,
  opts: { dayStart?: number; dayEnd?: number } = {},
): TimelineSegment[] {
  const own = blocks.filter((b) => b.day === day).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TimelineSegment[] = [];
  if (own.length === 0) {
    if (opts.dayStart !== undefined && opts.dayEnd !== undefined && opts.dayEnd > opts.dayStart) {
      out.push({ kind: 'gap', start: opts.dayStart, end: opts.dayEnd });
    }
    return out;
  }
  let cursor = opts.dayStart ?? own[0]!.start;
  for (const b of own) {
    const start = Math.max(b.start, cursor);
    if (b.start > cursor) out.push({ kind: 'gap', start: cursor, end: b.start });
    if (b.end > start) {
      out.push({ kind: 'block', start, end: b.end, block: b });
      cursor = b.end;
    }
  }
  const end = opts.dayEnd ?? cursor;
  if (end > cursor) out.push({ kind: 'gap', start: cursor, end });
  return out;
}

export interface CategoryTotal {
  category: string;
  minutes: number;
  productive: boolean;
  blocks: number;
}

export interface TimeTotals {
  /** Sorted by minutes, largest first. */
  byCategory: CategoryTotal[];
  total: number;
  productive: number;
  unproductive: number;
}

/** Totals per category and productive versus not: plain sums of (end − start), as SQL would. */
export function timeTotals(blocks: Iterable<TimeBlock>): TimeTotals {
  const map = new Map<string, CategoryTotal>();
  let total = 0;
  let productive = 0;
  for (const b of blocks) {
    const minutes = b.end - b.start;
    total += minutes;
    if (b.productive) productive += minutes;
    let t = map.get(b.category);
    if (!t) map.set(b.category, (t = { category: b.category, minutes: 0, productive: b.productive, blocks: 0 }));
    t.minutes += minutes;
    t.blocks++;
  }
  const byCategory = [...map.values()].sort((a, b) => b.minutes - a.minutes || a.category.localeCompare(b.category));
  return { byCategory, total, productive, unproductive: total - productive };
}
