// A plain-text microblog: each entry starts with a line `M/D/YY, Title`, `M/D/YY: Title` or a
// bare `M/D/YY` (four-digit years too; `M/D/YY - Title` and `M/D/YY Title Case Title` are
// accepted as well). Body lines follow until the next such line.
//
// A line that merely begins with a date inside a paragraph ("6/5/26 was a long day...") must not
// start an entry, so an entry line is either the date alone, or the date, a comma or colon and
// a title that looks like a title: at most 100 characters and 14 words, and not a sentence (no
// sentence break inside, no final period unless it is short). The title of a bare-date entry is
// the date as written. Plain-text lines become markdown paragraphs; list lines stay lists.
// Dates are month-first unless some entry line's first number is above 12. Entries are posts marked
// `unmarkedPost`: private unless the import is told to make them public (`publicPosts`).
import { uniqueTags } from './journal-markdown';
import { expandYear, formatYmd, isValidYmd } from './dates';
import { collectBodyRefs, makeEntry, trimBody } from './entry-common';
import type { ImportedEntry, ImportIssue, ParseContext, ParseResult } from './types';

const ENTRY_LINE = /^[ \t]*(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(.*)$/;

export interface MicroblogLine {
  index: number;
  a: number;
  b: number;
  year: number;
  /** Title text after the separator ('' for a bare date). */
  title: string;
  /** The date as written (`6/21/26`). */
  dateText: string;
}

function looksLikeTitle(title: string): boolean {
  if (title.length > 100) return false;
  const words = title.split(/\s+/).filter(Boolean);
  if (words.length > 14) return false;
  if (/[.!?。！？]\s+\p{Lu}/u.test(title)) return false; // two sentences
  if (/[.!?。！？]$/u.test(title) && !/\.\.\.$|…$/.test(title) && words.length > 6) return false;
  return true;
}

function isTitleCase(title: string): boolean {
  const words = title.split(/\s+/).filter(Boolean);
  if (words.length > 8 || /[.!?。！？,;]$/.test(title)) return false;
  return words.every((w) => w.length <= 3 || !/^\p{Ll}/u.test(w)) && /^[\p{Lu}\p{N}]/u.test(title);
}

/** Lines that start a microblog entry, in text order. */
export function findMicroblogLines(lines: readonly string[]): MicroblogLine[] {
  const out: MicroblogLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 140) continue;
    const m = ENTRY_LINE.exec(line);
    if (!m) continue;
    const rest = m[4]!;
    let title: string;
    if (rest.trim() === '') title = '';
    else if (/^[ \t]*[,:，：]/.test(rest)) title = rest.replace(/^[ \t]*[,:，：]/, '').trim();
    else if (/^[ \t]+[-–—][ \t]/.test(rest)) title = rest.replace(/^[ \t]+[-–—]/, '').trim();
    else if (/^[ \t]+\S/.test(rest)) {
      // Without a comma, colon or dash, only a short Title Case title counts ("6/21/26 Weekend
      // Plans"), so that "6/5/26 was a long day..." stays a sentence.
      title = rest.trim();
      if (!isTitleCase(title)) continue;
    } else continue;
    if (title && !looksLikeTitle(title)) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) continue;
    out.push({ index: i, a, b, year: expandYear(Number(m[3])), title, dateText: /^\s*(\d{1,2}\/\d{1,2}\/\d+)/.exec(line)![1]! });
  }
  return dropOutOfOrder(out);
}

const DAY_MS = 86400000;

/**
 * A titled line whose date breaks the order its neighbours agree on by more than two months is
 * a sentence quoting an old date ("1/1/20: the year it all started"), not an entry.
 */
function dropOutOfOrder(lines: MicroblogLine[]): MicroblogLine[] {
  if (lines.length < 3) return lines;
  const dayFirst = lines.some((f) => f.a > 12 && f.b <= 12) && lines.every((f) => f.b <= 12);
  const t = (f: MicroblogLine) => Date.UTC(f.year, (dayFirst ? f.b : f.a) - 1, dayFirst ? f.a : f.b);
  const kept: MicroblogLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cur = lines[i]!;
    const prev = kept[kept.length - 1];
    const next = lines[i + 1];
    if (cur.title && prev && next) {
      const [p, c, n] = [t(prev), t(cur), t(next)];
      const between = (p >= c && c >= n) || (p <= c && c <= n);
      const far = Math.min(Math.abs(c - p), Math.abs(c - n)) > 62 * DAY_MS;
      if (!between && far && Math.abs(p - n) <= 62 * DAY_MS) continue;
    }
    kept.push(cur);
  }
  return kept;
}

/** True when the text reads as a microblog (used by `detectFormat`). */
export function detectMicroblog(text: string): boolean {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const found = findMicroblogLines(lines);
  if (found.length === 0) return false;
  let firstNonBlank = 0;
  while (firstNonBlank < lines.length && lines[firstNonBlank]!.trim() === '') firstNonBlank++;
  return found[0]!.index === firstNonBlank || found.length >= 3;
}

/** Leading tabs as spaces (tab stops of 4, as CommonMark counts them), so indentation rules see columns. */
function expandLeadingTabs(line: string): string {
  const m = /^[ \t]+/.exec(line);
  if (!m || !m[0].includes('\t')) return line;
  let col = 0;
  for (const ch of m[0]) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  return ' '.repeat(col) + line.slice(m[0].length);
}

/** Plain-text lines -> markdown: each text line its own paragraph, list runs kept together. */
export function plainLinesToMarkdown(lines: readonly string[]): string {
  const out: string[] = [];
  let prevList = false;
  let listIndent = 0; // indentation of the first item of the current list run, removed from all its items
  for (const raw of lines) {
    const line = expandLeadingTabs(raw.replace(/\s+$/, ''));
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      prevList = false;
      continue;
    }
    const isList = /^\s*([-*+•]|\d{1,3}[.)])\s+/.test(line);
    if (out.length > 0 && out[out.length - 1] !== '' && !(isList && prevList)) out.push('');
    // A plain line must not turn into a heading, setext underline or code block by accident: an
    // indented line or the first item of a list run loses its indentation (nested items keep it).
    let md = line.replace(/^(\s*)(#{1,6})(\s)/, '$1\\$2$3');
    if (!isList) md = md.replace(/^\s{4,}/, '');
    else {
      const indent = /^ */.exec(md)![0].length;
      if (!prevList) listIndent = indent;
      md = md.slice(Math.min(indent, listIndent));
    }
    if (/^\s*(=+|-+)\s*$/.test(md) && !/^\s*-{3,}\s*$/.test(md)) md = md.replace(/^(\s*)([=-])/, '$1\\$2');
    out.push(md.replace(/^\s*•\s+/, '- '));
    prevList = isList;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

export function parsePlainMicroblog(text: string, ctx: ParseContext): ParseResult {
  const { relPath } = ctx;
  const lines = text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const found = findMicroblogLines(lines);
  const issues: ImportIssue[] = [];
  if (found.length === 0) {
    return { entries: [], issues: [{ path: relPath, reason: 'no entry lines (M/D/YY, Title) found', severity: 'error' }] };
  }
  const dayFirst = found.some((f) => f.a > 12 && f.b <= 12) && found.every((f) => f.b <= 12);
  const entries: ImportedEntry[] = [];
  const perDate = new Map<string, number>();
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    const month = dayFirst ? f.b : f.a;
    const day = dayFirst ? f.a : f.b;
    const end = k + 1 < found.length ? found[k + 1]!.index : lines.length;
    if (!isValidYmd(f.year, month, day)) {
      issues.push({
        path: relPath,
        line: f.index + 1,
        reason: `"${lines[f.index]!.trim().slice(0, 60)}" is not a real date; its text was added to the previous entry`,
        severity: 'warning',
      });
      const prev = entries.pop();
      if (prev) {
        const body = `${prev.bodyMarkdown}\n\n${plainLinesToMarkdown(lines.slice(f.index, end))}`.trim();
        const refs = collectBodyRefs(body, relPath);
        const { contentHash: _h, attachments: _a, ...rest } = prev;
        entries.push(
          makeEntry({
            ...rest,
            bodyMarkdown: body,
            tags: uniqueTags(refs.tags),
            links: refs.links,
            attachmentRefs: refs.attachmentRefs,
          }),
        );
      }
      continue;
    }
    const date = formatYmd(f.year, month, day);
    const n = (perDate.get(date) ?? 0) + 1;
    perDate.set(date, n);
    const body = trimBody(plainLinesToMarkdown(lines.slice(f.index + 1, end)).split('\n'));
    const refs = collectBodyRefs(body, relPath);
    entries.push(
      makeEntry({
        sourceKey: `${relPath}#${date}${n > 1 ? `~${n}` : ''}`,
        sourcePath: relPath,
        sourceLine: f.index + 1,
        format: 'microblog',
        kind: 'post',
        // Posts from the author's site, but a text file cannot say which were public: the import decides.
        unmarkedPost: true,
        date,
        title: f.title || f.dateText,
        bodyMarkdown: body,
        tags: uniqueTags(refs.tags),
        properties: {},
        links: refs.links,
        attachmentRefs: refs.attachmentRefs,
      }),
    );
  }
  const result: ParseResult = { entries, issues };
  const pre = plainLinesToMarkdown(lines.slice(0, found[0]!.index));
  if (pre) {
    result.preamble = {
      sourceKey: `${relPath}#preamble`,
      sourcePath: relPath,
      title: relPath.replace(/^.*\//, '').replace(/\.[^.]+$/, ''),
      bodyMarkdown: pre,
      properties: {},
    };
  }
  return result;
}
