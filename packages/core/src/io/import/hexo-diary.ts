// A Hexo-style diary: one markdown file, front matter, then one `## MM/DD` heading per day.
//
// Years. Headings carry month/day only (`11/09`, `3月5日`, `March 5`); the year comes from the
// front-matter `date` (else `updated`, a year alone such as `date: 2024`, a year in the file name,
// or the file's modification time, with a warning; with none of these the file is refused with an
// error). Headings may run newest-first or oldest-first: the direction is the one under
// which the diary covers the fewest days, each step read around the year's circle.
// Walking in time order, a step back of more than 45 days means the year rolled over; smaller
// steps back are out-of-order entries in the same year. The base year is then chosen so that the
// diary's first or last day lies nearest to the anchor date, which is right whether the
// front-matter date marks when the diary was started or when it was last written, also for
// diaries longer than a year. Headings with a full date (`## 2025-01-24`, `## March 5, 2024`)
// fix the year explicitly.
//
// Other rules: headings inside fenced code or HTML comments are ignored; the heading level is the
// one most dated headings use; `DD/MM` is assumed when some heading's first number exceeds 12;
// text before the first dated heading is returned as the file's `preamble`, not as an entry.
// Each entry's title is its heading text as written (`11/09`, `11/09 周日 搬家`).
import { uniqueTags } from './journal-markdown';
import { daysInMonth, expandYear, formatYmd, parseLooseDate, type LooseDate } from './dates';
import { collectBodyRefs, makeEntry, splitFileName, tagsFromValue, trimBody } from './entry-common';
import { parseFrontMatter } from './front-matter';
import { MAPPED_KEYS } from './markdown-note';
import type { ImportedEntry, ImportIssue, ParseContext, ParseResult } from './types';

export interface Heading {
  /** 0-based index into the body's lines. */
  index: number;
  level: number;
  text: string;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** ATX headings outside fenced code blocks and HTML comments. */
export function scanHeadings(lines: readonly string[]): Heading[] {
  const out: Heading[] = [];
  let fence: { char: string; len: number } | null = null;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len) fence = null;
      continue;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const f = FENCE.exec(line);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, len: f[1]!.length };
      continue;
    }
    if (/^ {0,3}<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) out.push({ index: i, level: h[1]!.length, text: h[2]!.trim() });
  }
  return out;
}

export interface HeadingDate {
  a: number;
  b: number;
  year?: number;
  /** `a` is surely the month (`3月5日`, `March 5`): never swapped for day-first files. */
  monthFirst?: true;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_WORD = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY_WORD = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const ORDINAL = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR_AFTER = String.raw`(?:,?\s+(\d{4}))?`;
// "March 5", "Tue, Mar 5th", "March 5, 2024"; "5 March", "5th March 2024". The day must end there:
// "March 2024" (no day) and "May 3rd-party" are not dates.
const NAMED_MDY = new RegExp(String.raw`^${WEEKDAY_WORD}${MONTH_WORD}\s+${ORDINAL}${YEAR_AFTER}(?![\d\w%-])`, 'i');
const NAMED_DMY = new RegExp(String.raw`^${WEEKDAY_WORD}${ORDINAL}\s+${MONTH_WORD}${YEAR_AFTER}(?![\d\w%-])`, 'i');

/** Month headings: "三月五日" is rare in diaries; digits with 月/日 and English month names are common. */
function namedHeadingDate(text: string): HeadingDate | null {
  let m = NAMED_MDY.exec(text);
  let month: string | undefined;
  let day: string | undefined;
  if (m) [month, day] = [m[1], m[2]];
  else if ((m = NAMED_DMY.exec(text))) [day, month] = [m[1], m[2]];
  if (!m || !month || !day) return null;
  const mm = MONTH_NAMES[month.slice(0, 3).toLowerCase()];
  if (!mm) return null;
  return { a: mm, b: Number(day), ...(m[3] ? { year: Number(m[3]) } : {}), monthFirst: true };
}

const ZH_NUMBER = '[一二三四五六七八九十]{1,3}|[〇零一二三四五六七八九]{1,2}';
const ZH_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一..三十一 (also 二一 style digit by digit); null when not a number up to 31. */
function zhNumber(s: string): number | null {
  let n: number;
  if (s.includes('十')) {
    const [tens, ones] = s.split('十') as [string, string];
    if (tens.length > 1 || ones.length > 1) return null;
    n = (tens ? (ZH_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (ZH_DIGITS[ones] ?? NaN) : 0);
  } else n = [...s].reduce((acc, c) => acc * 10 + (ZH_DIGITS[c] ?? NaN), 0);
  return Number.isInteger(n) && n >= 1 && n <= 31 ? n : null;
}

/**
 * The date at the start of a heading: `11/09`, `1/9`, `11.09`, `11/09/25`, `2025-11-09`,
 * `2025年11月9日`, `11月9日`, `11月9`, `十一月九日`, full-width `１１/９`. `a`/`b` are month/day (or day/month, decided per file).
 */
export function headingDate(heading: string): HeadingDate | null {
  // Full-width digits and slashes (`３/７`, typed with a Chinese IME) read as ASCII ones.
  const text = heading.replace(/[\uff10-\uff19\uff0f\uff0e\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?![\d/.-]\d)/.exec(text);
  if (m) return { a: Number(m[2]), b: Number(m[3]), year: Number(m[1]), monthFirst: true };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-]\d)/.exec(text);
  if (m) return { a: Number(m[1]), b: Number(m[2]), year: expandYear(Number(m[3])) };
  m = /^(\d{1,2})\s*月\s*(\d{1,2})\s*(?:[日号]|(?=\s|$))/.exec(text);
  if (m) return { a: Number(m[1]), b: Number(m[2]), monthFirst: true };
  m = new RegExp(`^(${ZH_NUMBER})月(${ZH_NUMBER})[日号]`).exec(text);
  if (m) {
    const month = zhNumber(m[1]!);
    const day = zhNumber(m[2]!);
    if (month && day) return { a: month, b: day, monthFirst: true };
  }
  const named = namedHeadingDate(text);
  if (named) return named;
  m = /^(\d{1,2})[/.](\d{1,2})(?![\d/.]\d|[0-9A-Za-z%])/.exec(text) ?? /^(\d{2})-(\d{2})(?![\d-]|[A-Za-z%])/.exec(text);
  if (m) return { a: Number(m[1]), b: Number(m[2]) };
  return null;
}

function plausible(a: number, b: number): boolean {
  return a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (b <= 12 && a <= 31));
}

interface DatedHeading extends Heading {
  month: number;
  day: number;
  year?: number;
}

export interface DiaryHeadings {
  level: number;
  dayFirst: boolean;
  headings: DatedHeading[];
  /** All headings at the chosen level (dated or not). */
  totalAtLevel: number;
}

/** The dated headings of a diary body (front matter already removed), or null when there are none. */
export function findDiaryHeadings(lines: readonly string[]): DiaryHeadings | null {
  const all = scanHeadings(lines);
  const byLevel = new Map<number, Array<Heading & HeadingDate>>();
  for (const h of all) {
    const d = headingDate(h.text);
    if (!d || !plausible(d.a, d.b)) continue;
    const list = byLevel.get(h.level) ?? [];
    list.push({ ...h, ...d });
    byLevel.set(h.level, list);
  }
  let level = 0;
  let best: Array<Heading & HeadingDate> = [];
  for (const [lv, list] of byLevel) {
    if (list.length > best.length || (list.length === best.length && Math.abs(lv - 2) < Math.abs(level - 2))) {
      level = lv;
      best = list;
    }
  }
  if (best.length === 0) return null;
  const numeric = best.filter((h) => !h.monthFirst);
  const dayFirst = numeric.some((h) => h.a > 12 && h.b <= 12) && numeric.every((h) => h.b <= 12);
  const headings: DatedHeading[] = [];
  for (const h of best) {
    const swap = dayFirst && !h.monthFirst;
    const month = swap ? h.b : h.a;
    const day = swap ? h.a : h.b;
    if (month > 12 || day > 31) continue;
    headings.push({
      index: h.index,
      level: h.level,
      text: h.text,
      month,
      day,
      ...(h.year !== undefined ? { year: h.year } : {}),
    });
  }
  return { level, dayFirst, headings, totalAtLevel: all.filter((h) => h.level === level).length };
}

/** A step back in time larger than this (in day-of-year) is a new year, smaller ones are out-of-order entries. */
const ROLLOVER_DAYS = 45;

const CUM_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const dayOfYear = (month: number, day: number): number => CUM_DAYS[month - 1]! + day;

function toUtc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, Math.min(day, daysInMonth(year, month)));
}

/**
 * Years for dated headings given in text order. Returns one year per heading, or null when no
 * anchor is available and no heading carries its own year.
 */
export function assignYears(
  headings: ReadonlyArray<{ month: number; day: number; year?: number }>,
  anchor: LooseDate | null,
): number[] | null {
  const n = headings.length;
  if (n === 0) return [];
  // Direction: the reading under which the diary covers the fewest days, each step taken around
  // the calendar's circle ("12/28 -> 01/02" is five days on when read oldest-first, 360 when not).
  let daysIfOldestFirst = 0;
  let daysIfNewestFirst = 0;
  for (let i = 1; i < n; i++) {
    const p = dayOfYear(headings[i - 1]!.month, headings[i - 1]!.day);
    const c = dayOfYear(headings[i]!.month, headings[i]!.day);
    const forward = (c - p + 365) % 365;
    if (forward === 0) continue;
    daysIfOldestFirst += forward;
    daysIfNewestFirst += 365 - forward;
  }
  const order = [...Array(n).keys()];
  if (daysIfNewestFirst < daysIfOldestFirst) order.reverse();

  const rel = new Array<number>(n).fill(0);
  let offset = 0;
  let lastExplicit: { year: number; rel: number } | null = null;
  let firstExplicit: { year: number; rel: number; k: number } | null = null;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const h = headings[i]!;
    if (k > 0) {
      const prev = headings[order[k - 1]!]!;
      if (dayOfYear(h.month, h.day) < dayOfYear(prev.month, prev.day) - ROLLOVER_DAYS) offset++;
    }
    if (h.year !== undefined) {
      if (lastExplicit) offset = lastExplicit.rel + (h.year - lastExplicit.year);
      lastExplicit = { year: h.year, rel: offset };
      firstExplicit ??= { ...lastExplicit, k };
    }
    rel[i] = offset;
  }

  if (firstExplicit) {
    const base = firstExplicit.year - firstExplicit.rel;
    const years = rel.map((r) => base + r);
    // Headings before the first one with its own year: a long gap can hide a rollover there, so
    // the anchor places them when there is one, never later than the rollovers alone would.
    if (anchor && firstExplicit.k > 0) {
      const segEnd = order[firstExplicit.k - 1]!;
      const b0 = baseNearAnchor(headings[order[0]!]!, headings[segEnd]!, rel[segEnd]!, anchor, base);
      for (let k = 0; k < firstExplicit.k; k++) years[order[k]!] = b0 + rel[order[k]!]!;
    }
    return years;
  }
  if (!anchor) return null;
  const base = baseNearAnchor(headings[order[0]!]!, headings[order[n - 1]!]!, rel[order[n - 1]!]!, anchor, Infinity);
  return rel.map((r) => base + r);
}

/**
 * The year of the diary's first day (in time order). The front-matter date is when the diary was
 * started (Hexo's `date`) or last written: pick the base year that puts the first or the last day
 * nearest to it. Being merely inside the span is not enough: a diary longer than a year contains
 * the anchor's month/day under two base years.
 */
function baseNearAnchor(
  first: { month: number; day: number },
  last: { month: number; day: number },
  relLast: number,
  anchor: LooseDate,
  maxBase: number,
): number {
  const [ay, am, ad] = anchor.date.split('-').map(Number) as [number, number, number];
  const anchorMs = Date.UTC(ay, am - 1, ad);
  let bestScore: number[] | null = null;
  let base = Math.min(ay, maxBase);
  for (let b = ay - relLast - 1; b <= Math.min(ay + 1, maxBase); b++) {
    const start = toUtc(b, first.month, first.day);
    const end = toUtc(b + relLast, last.month, last.day);
    const dist = Math.min(Math.abs(anchorMs - start), Math.abs(anchorMs - end));
    const score = [dist, b === ay ? 0 : 1, Math.abs(b - ay)];
    if (!bestScore || lexLess(score, bestScore)) {
      bestScore = score;
      base = b;
    }
  }
  return base;
}

function lexLess(x: readonly number[], y: readonly number[]): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

function yearOnly(value: unknown): number | undefined {
  const m = /^\s*['"]?((?:19|20)\d{2})['"]?\s*$/.exec(
    typeof value === 'number' || typeof value === 'string' ? String(value) : '',
  );
  return m ? Number(m[1]) : undefined;
}

function yearFromFileName(relPath: string): number | undefined {
  const m = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(relPath.replace(/^.*\//, ''));
  return m ? Number(m[1]) : undefined;
}

export interface DiaryDetection {
  isDiary: boolean;
  datedHeadings: number;
}

/** Cheap check used by `detectFormat`: front matter (or full dates) and dated headings dominate. */
export function detectHexoDiary(text: string): DiaryDetection {
  const fm = parseFrontMatter(text);
  // A note with an explicit `kind` (Folio's own export) is one entry, whatever its headings.
  if (typeof fm.data.kind === 'string') return { isDiary: false, datedHeadings: 0 };
  const lines = fm.body.split('\n');
  const found = findDiaryHeadings(lines);
  if (!found) return { isDiary: false, datedHeadings: 0 };
  const count = found.headings.length;
  const dominant = count >= found.totalAtLevel * 0.5;
  const typed = typeof fm.data.type === 'string' && /diary|journal|日记/i.test(fm.data.type);
  const hasYears = found.headings.some((h) => h.year !== undefined);
  const isDiary =
    dominant && ((fm.format !== null && (count >= 2 || (typed && count >= 1))) || (hasYears && count >= 2) || count >= 3);
  return { isDiary, datedHeadings: count };
}

export function parseHexoDiary(text: string, ctx: ParseContext): ParseResult {
  const { relPath } = ctx;
  const fm = parseFrontMatter(text);
  if (fm.error) {
    return {
      entries: [],
      issues: [
        {
          path: relPath,
          ...(fm.error.line !== undefined ? { line: fm.error.line } : {}),
          reason: fm.error.message,
          severity: 'error',
        },
      ],
    };
  }
  const issues: ImportIssue[] = [];
  const data = fm.data;
  const lines = fm.body.split('\n');
  const found = findDiaryHeadings(lines);
  if (!found || found.headings.length === 0) {
    return { entries: [], issues: [{ path: relPath, reason: 'no dated headings (## MM/DD) found', severity: 'error' }] };
  }

  let anchor: LooseDate | null = parseLooseDate(data.date) ?? parseLooseDate(data.updated);
  if (!anchor) {
    // `date: 2024` (a year alone, which YAML reads as a number) or a year in the file name: mid-year.
    const y = yearOnly(data.date) ?? yearOnly(data.updated) ?? yearFromFileName(relPath);
    if (y) anchor = { date: `${y}-07-01` };
  }
  if (!anchor && ctx.mtimeMs !== undefined) {
    const d = new Date(ctx.mtimeMs);
    anchor = { date: formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()) };
    if (!found.headings.some((h) => h.year !== undefined)) {
      issues.push({
        path: relPath,
        reason: `no year in front matter or file name; years inferred from the file's modification date ${anchor.date}`,
        severity: 'warning',
      });
    }
  }
  const years = assignYears(found.headings, anchor);
  if (!years) {
    return {
      entries: [],
      issues: [
        ...issues,
        { path: relPath, reason: 'cannot tell the year of the dated headings (no front-matter date)', severity: 'error' },
      ],
    };
  }

  const diaryTitle = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : splitFileName(relPath).stem;
  const fileTags = uniqueTags([...tagsFromValue(data.tags), ...tagsFromValue(data.tag)]);
  // Hexo categories (`categories: 日记`, a list, or nested lists for a hierarchy) go with every day.
  const categories = [data.categories, data.category]
    .flat(2)
    .filter((c): c is string | number => (typeof c === 'string' && c.trim() !== '') || typeof c === 'number')
    .map((c) => String(c).trim());
  const entryProperties: Record<string, unknown> = { diary: diaryTitle, ...(categories.length > 0 ? { categories } : {}) };
  const lineNo = (index: number) => fm.bodyLine + index;

  const entries: ImportedEntry[] = [];
  const perDate = new Map<string, number>();
  const hs = found.headings;
  for (let k = 0; k < hs.length; k++) {
    const h = hs[k]!;
    const year = years[k]!;
    let day = h.day;
    if (day > daysInMonth(year, h.month)) {
      day = daysInMonth(year, h.month);
      issues.push({
        path: relPath,
        line: lineNo(h.index),
        reason: `heading "${h.text}" is not a real date in ${year}; used ${formatYmd(year, h.month, day)}`,
        severity: 'warning',
      });
    }
    const date = formatYmd(year, h.month, day);
    const n = (perDate.get(date) ?? 0) + 1;
    perDate.set(date, n);
    const end = k + 1 < hs.length ? hs[k + 1]!.index : lines.length;
    const body = trimBody(lines.slice(h.index + 1, end));
    const refs = collectBodyRefs(body, relPath);
    const timeMatch = /^\S+\s+(\d{1,2}):(\d{2})(?!\d)/.exec(h.text);
    const time =
      timeMatch && Number(timeMatch[1]) < 24 && Number(timeMatch[2]) < 60
        ? `${timeMatch[1]!.padStart(2, '0')}:${timeMatch[2]}`
        : undefined;
    entries.push(
      makeEntry({
        sourceKey: `${relPath}#${date}${n > 1 ? `~${n}` : ''}`,
        sourcePath: relPath,
        sourceLine: lineNo(h.index),
        format: 'hexo-diary',
        kind: 'daily',
        date,
        ...(time ? { time } : {}),
        title: h.text,
        bodyMarkdown: body,
        tags: uniqueTags([...fileTags, ...refs.tags]),
        properties: entryProperties,
        links: refs.links,
        attachmentRefs: refs.attachmentRefs,
      }),
    );
  }

  const pre = trimBody(lines.slice(0, hs[0]!.index));
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!(MAPPED_KEYS as readonly string[]).includes(k)) properties[k] = v;
  const result: ParseResult = { entries, issues };
  const fmDate = parseLooseDate(data.date);
  if (pre || Object.keys(properties).length > 0) {
    result.preamble = {
      sourceKey: `${relPath}#preamble`,
      sourcePath: relPath,
      title: diaryTitle,
      ...(fmDate ? { date: fmDate.date } : {}),
      bodyMarkdown: pre,
      properties,
    };
  }
  return result;
}
