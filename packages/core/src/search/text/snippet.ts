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

// Characters that fold (NFKD, marks removed, lower case) onto ASCII letters or digits: Latin-1 and
// Latin Extended letters, combining marks, phonetic and superscript forms, letterlike symbols,
// ligatures, full-width letters and digits (not the full-width punctuation Chinese uses), mathematical
// alphanumerics, and combining marks. Text without them can be searched for an ASCII query word with a
// plain lower-case scan.
const FOLDS_TO_ASCII =
  /[\u00aa-\u024f\u1d00-\u1eff\u2070-\u209f\u2100-\u24ff\ufb00-\ufb06\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u{1d400}-\u{1d7ff}]|\p{M}/u;
const ASCII_QUERY_WORD = /^[a-z0-9]+$/;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]$/u;

/** True when the character ending just before `i` continues a (non-CJK) word. */
function wordCharBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  let cp = text.charCodeAt(i - 1);
  if (cp >= 0xdc00 && cp <= 0xdfff && i >= 2) cp = text.codePointAt(i - 2)!;
  const ch = String.fromCodePoint(cp);
  return WORD_CHAR.test(ch) && !CJK_CHAR.test(ch);
}

interface WordQuery {
  words: string[];
  stems: string[];
  prefix: boolean;
}

function wordsMatchAt(words: readonly WordTok[], i: number, q: WordQuery): boolean {
  const n = q.words.length;
  if (i + n > words.length) return false;
  for (let k = 0; k < n; k++) {
    const w = words[i + k]!;
    const ok = q.prefix ? (k === n - 1 ? w.folded.startsWith(q.words[k]!) : w.folded === q.words[k]) : w.stem === q.stems[k];
    if (!ok) return false;
  }
  return true;
}

/**
 * The same matches as tokenising the whole text, found by scanning for the first word: every word
 * whose stem equals the query's stem starts with the stem less its last two letters (Porter only
 * rewrites the end of a word), so only the places holding that prefix at a word start are tokenised.
 */
function scanWordMatches(text: string, lower: string, q: WordQuery): MatchRange[] {
  const n = q.words.length;
  const needle = q.prefix ? q.words[0]! : q.stems[0]!.slice(0, Math.max(1, q.stems[0]!.length - 2));
  const out: MatchRange[] = [];
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    if (wordCharBefore(text, at)) continue;
    let win = 48 * n + 32;
    let toks: WordTok[];
    for (;;) {
      toks = wordTokens(segmentText(text.slice(at, at + win)));
      if (toks.length > n || at + win >= text.length) break;
      win *= 2;
    }
    if (toks.length === 0 || toks[0]!.start !== 0) continue;
    if (wordsMatchAt(toks, 0, q)) out.push([at, at + toks[n - 1]!.end]);
  }
  return out;
}

/** Ranges of `text` matched by one query item. `words` tokenises the whole text (on demand, once). */
function matchItem(text: string, words: () => WordTok[], lower: () => string | null, item: QueryItem): MatchRange[] {
  const segs = segmentText(item.text);
  const qWords = segs.filter((s) => s.kind === 'word').map((s) => foldWord(s.text));
  const prefix = item.prefix && segs.length > 0 && segs[segs.length - 1]!.kind === 'word';
  const q: WordQuery = { words: qWords, stems: qWords.map(stemWord), prefix };
  const ranges: MatchRange[] = [];
  if (qWords.length > 0) {
    const scan = qWords.every((w) => ASCII_QUERY_WORD.test(w)) ? lower() : null;
    if (scan !== null) ranges.push(...scanWordMatches(text, scan, q));
    else {
      const all = words();
      for (let i = 0; i + qWords.length <= all.length; i++) {
        if (wordsMatchAt(all, i, q)) ranges.push([all[i]!.start, all[i + qWords.length - 1]!.end]);
      }
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
  let words: WordTok[] | null = null;
  let lower: string | null | undefined;
  const all: MatchRange[] = [];
  for (const item of items) {
    all.push(
      ...matchItem(
        text,
        () => (words ??= wordTokens(segmentText(text))),
        () => (lower === undefined ? (lower = FOLDS_TO_ASCII.test(text) ? null : text.toLowerCase()) : lower),
        item,
      ),
    );
  }
  return mergeRanges(all);
}

/** findMatches without the scanning shortcut (for tests: both must agree). */
export function findMatchesByTokens(text: string, userQuery: string): MatchRange[] {
  const parsed = parseUserQuery(userQuery);
  const items = parsed.required.flat();
  if (items.length === 0 || !text) return [];
  const words = wordTokens(segmentText(text));
  const all: MatchRange[] = [];
  for (const item of items)
    all.push(
      ...matchItem(
        text,
        () => words,
        () => null,
        item,
      ),
    );
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
  /** `findMatches(text, userQuery)` when the caller has it already. */
  matches?: readonly MatchRange[];
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
  const ranges = options.matches ?? findMatches(text, userQuery);

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
