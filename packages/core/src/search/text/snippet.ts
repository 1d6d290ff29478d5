// Highlighted snippets in the ORIGINAL text: which words and CJK strings matched a query (the
// same stemming and folding as the index), the best window around them, HTML-escaped, with
// <mark> around matches.
import { parseUserQuery, type QueryItem } from './query';
import { foldWord, segmentText, stemWord, type Segment } from './segment';

export type MatchRange = readonly [start: number, end: number];

interface WordTok {
  start: number;
  end: number;
  folded: string;
  stem: string;
}

function wordTokens(segs: Segment[]): WordTok[] {
  const out: WordTok[] = [];
  for (const s of segs) {
    if (s.kind !== 'word') continue;
    const folded = foldWord(s.text);
    out.push({ start: s.start, end: s.end, folded, stem: stemWord(folded) });
  }
  return out;
}

/** Ranges of `text` matched by one query item, tagged with the item's index. */
function matchItem(text: string, words: WordTok[], item: QueryItem): MatchRange[] {
  const segs = segmentText(item.text);
  const qWords = segs.filter((s) => s.kind === 'word').map((s) => foldWord(s.text));
  const prefix = item.prefix && segs.length > 0 && segs[segs.length - 1]!.kind === 'word';
  const qStems = qWords.map(stemWord);
  const ranges: MatchRange[] = [];
  if (qWords.length > 0) {
    const n = qWords.length;
    for (let i = 0; i + n <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const w = words[i + k]!;
        if (prefix) ok = k === n - 1 ? w.folded.startsWith(qWords[k]!) : w.folded === qWords[k];
        else ok = w.stem === qStems[k];
      }
      if (ok) ranges.push([words[i]!.start, words[i + n - 1]!.end]);
    }
  }
  for (const run of segs.filter((s) => s.kind === 'cjk')) {
    const needle = run.text;
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
      ranges.push([at, at + needle.length]);
  }
  return ranges;
}

/** Every range of `text` that the query's (non-excluded) items match, sorted and merged. */
export function findMatches(text: string, userQuery: string): MatchRange[] {
  const parsed = parseUserQuery(userQuery);
  const items = parsed.required.flat();
  if (items.length === 0 || !text) return [];
  const words = wordTokens(segmentText(text));
  const all: MatchRange[] = [];
  for (const item of items) all.push(...matchItem(text, words, item));
  return mergeRanges(all);
}

function mergeRanges(ranges: MatchRange[]): MatchRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Escaped text with <mark> around the given ranges (which must lie inside [from, to)). */
function render(text: string, from: number, to: number, ranges: readonly MatchRange[], collapse: boolean): string {
  const clean = (s: string) => escapeHtml(collapse ? s.replace(/\s+/g, ' ') : s);
  let out = '';
  let pos = from;
  for (const [s, e] of ranges) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b <= a) continue;
    out += clean(text.slice(pos, a)) + '<mark>' + clean(text.slice(a, b)) + '</mark>';
    pos = b;
  }
  return out + clean(text.slice(pos, to));
}

/** The whole text, HTML-escaped, with matches marked (for titles and short fields). */
export function highlightText(text: string, userQuery: string): string {
  return render(text, 0, text.length, findMatches(text, userQuery), false);
}

export interface SnippetOptions {
  /** Approximate maximum length of the snippet text, excluding markup (default 200). */
  maxChars?: number;
  /** Marker for cut text (default '…'). */
  ellipsis?: string;
}

const isWordChar = (c: string | undefined): boolean =>
  c !== undefined && /[\p{L}\p{N}]/u.test(c) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c);
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * A short excerpt of `text` around the densest cluster of matches, HTML-escaped outside the
 * <mark> tags, whitespace collapsed, cut at word boundaries, with ellipses where text was cut.
 * Without matches, the start of the text.
 */
export function makeSnippet(text: string, userQuery: string, options: SnippetOptions = {}): string {
  const maxChars = Math.max(20, options.maxChars ?? 200);
  const ellipsis = options.ellipsis ?? '…';
  if (!text) return '';
  const ranges = findMatches(text, userQuery);

  let from = 0;
  let to = Math.min(text.length, maxChars);
  if (ranges.length > 0) {
    // Score windows starting a little before each match: distinct matched strings first, then count.
    let best = { score: -1, start: 0 };
    const lead = Math.floor(maxChars / 4);
    for (const [s] of ranges) {
      const start = Math.max(0, s - lead);
      const end = start + maxChars;
      const inside = ranges.filter(([a, b]) => a >= start && b <= end);
      const distinct = new Set(inside.map(([a, b]) => foldWord(text.slice(a, b)))).size;
      const score = distinct * 1000 + inside.length;
      if (score > best.score) best = { score, start };
    }
    from = best.start;
    to = Math.min(text.length, from + maxChars);
    if (to === text.length) from = Math.max(0, to - maxChars);
  }
  // Do not cut words or surrogate pairs; never cut inside a match.
  if (from > 0) {
    let f = from;
    while (f < text.length && f - from < 30 && isWordChar(text[f - 1]) && isWordChar(text[f])) f++;
    if (!(isWordChar(text[f - 1]) && isWordChar(text[f]))) from = f;
    if (isLowSurrogate(text.charCodeAt(from))) from++;
    const cut = ranges.find(([a, b]) => a < from && b > from);
    if (cut) from = cut[0];
  }
  if (to < text.length) {
    let t = to;
    while (t > from && to - t < 30 && isWordChar(text[t - 1]) && isWordChar(text[t])) t--;
    if (!(isWordChar(text[t - 1]) && isWordChar(text[t])) && t > from) to = t;
    if (isLowSurrogate(text.charCodeAt(to))) to--;
    const cut = ranges.find(([a, b]) => a < to && b > to);
    if (cut) to = cut[1];
  }
  // Trim whitespace at the edges.
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  const body = render(text, from, to, ranges, true);
  return (from > 0 ? ellipsis : '') + body + (to < text.length ? ellipsis : '');
}
