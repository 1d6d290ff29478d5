// Unlinked mentions: places where a note's title (or alias) appears as plain text, for the
// backlinks panel, plus turning one into a real [[link]].
import { codeRanges, type Range } from './code-mask';
import { extractWikilinks } from './wikilinks';

export interface Mention {
  start: number;
  end: number;
  /** The matched text as written. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** The surrounding line, trimmed to about 160 characters. */
  context: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function linkedRanges(md: string): Range[] {
  const ranges: Range[] = [...codeRanges(md)];
  for (const l of extractWikilinks(md)) ranges.push([l.start, l.end]);
  // Markdown links and images, autolinks, bare URLs and HTML tags.
  for (const re of [
    /!?\[[^\]\n]*\]\([^)\n]*\)/g,
    /!?\[[^\]\n]*\]\[[^\]\n]*\]/g,
    /<https?:[^>\s]+>/g,
    /\bhttps?:\/\/[^\s<>()]+/g,
    /<\/?[a-z][^>\n]*>/gi,
  ]) {
    for (const m of md.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Plain-text occurrences of `titles` (a title and its aliases) in `md`, case-insensitive, outside
 * code, links and URLs. Alphabetic titles match whole words only (`Rust` does not match
 * `Rusty`); CJK titles match anywhere. Titles shorter than 2 characters are ignored.
 */
export function findUnlinkedMentions(md: string, titles: string | readonly string[]): Mention[] {
  const list = (typeof titles === 'string' ? [titles] : titles)
    .map((t) => t.trim())
    .filter((t) => [...t].length >= 2)
    .sort((a, b) => b.length - a.length);
  if (list.length === 0 || !md) return [];
  const mask = new Uint8Array(md.length);
  for (const [s, e] of linkedRanges(md)) mask.fill(1, s, e);

  const found: Mention[] = [];
  const taken = new Uint8Array(md.length);
  for (const title of list) {
    const pattern = title.split(/\s+/).map(escapeRegExp).join('\\s+');
    const first = [...title][0]!;
    const last = [...title].at(-1)!;
    const lead = WORD_CHAR.test(first) && !CJK.test(first) ? '(?<![\\p{L}\\p{N}_])' : '';
    const tail = WORD_CHAR.test(last) && !CJK.test(last) ? '(?![\\p{L}\\p{N}_])' : '';
    const re = new RegExp(lead + pattern + tail, 'giu');
    for (const m of md.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      let blocked = false;
      for (let i = start; i < end; i++) if (mask[i] || taken[i]) blocked = true;
      if (blocked) continue;
      taken.fill(1, start, end);
      found.push({ start, end, text: m[0], line: 0, context: '' });
    }
  }
  found.sort((a, b) => a.start - b.start);
  // Line numbers and context in one pass.
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  for (const f of found) {
    while (cursor < f.start) {
      if (md.charCodeAt(cursor) === 10) {
        line++;
        lineStart = cursor + 1;
      }
      cursor++;
    }
    let lineEnd = md.indexOf('\n', f.start);
    if (lineEnd < 0) lineEnd = md.length;
    const from = Math.max(lineStart, f.start - 80);
    const to = Math.min(lineEnd, f.end + 80);
    f.line = line;
    f.context = (from > lineStart ? '…' : '') + md.slice(from, to).trim() + (to < lineEnd ? '…' : '');
  }
  return found;
}

/** Replace one mention with a wikilink: `[[Title]]`, or `[[Title|as written]]` when the spelling differs. */
export function linkMention(md: string, mention: Pick<Mention, 'start' | 'end'>, title: string): string {
  const text = md.slice(mention.start, mention.end);
  const link = text === title ? `[[${title}]]` : `[[${title}|${text}]]`;
  return md.slice(0, mention.start) + link + md.slice(mention.end);
}
