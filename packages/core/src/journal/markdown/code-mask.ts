// Which characters of a markdown text are "code-like" and must be left alone by link, tag and
// mention scanners: fenced code blocks, inline code spans, HTML comments and a leading front
// matter block. Indented code blocks are deliberately NOT masked: four-space indentation is far
// more often a nested list in journals than a code block, and tags/links there are meant.

export type Range = readonly [start: number, end: number];

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** Sorted, non-overlapping [start, end) ranges of code-like text. */
export function codeRanges(md: string): Range[] {
  const ranges: Range[] = [];
  let pos = 0;
  const n = md.length;

  // Front matter at the very top.
  if (/^---[ \t]*\n/.test(md)) {
    const close = /\n(---|\.\.\.)[ \t]*(\n|$)/.exec(md.slice(3));
    if (close) {
      const end = 3 + close.index + close[0].length;
      ranges.push([0, end]);
      pos = end;
    }
  }

  // Line-based pass for fences; text between fences is scanned for spans and comments.
  let textStart = pos;
  let fence: { char: string; len: number; start: number } | null = null;
  while (pos < n) {
    const nl = md.indexOf('\n', pos);
    const lineEnd = nl < 0 ? n : nl;
    const line = md.slice(pos, lineEnd);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len) {
        ranges.push([fence.start, lineEnd]);
        fence = null;
        textStart = lineEnd;
      }
    } else {
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string may not contain backticks.
      if (open && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
        scanInline(md, textStart, pos, ranges);
        fence = { char: open[2]![0]!, len: open[2]!.length, start: pos };
      }
    }
    pos = nl < 0 ? n : nl + 1;
  }
  if (fence) ranges.push([fence.start, n]);
  else scanInline(md, textStart, n, ranges);
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges;
}

/** Inline code spans and HTML comments in md[from, to). */
function scanInline(md: string, from: number, to: number, out: Range[]): void {
  let i = from;
  while (i < to) {
    const ch = md.charCodeAt(i);
    if (ch === 0x3c /* < */ && md.startsWith('<!--', i)) {
      const end = md.indexOf('-->', i + 4);
      const stop = end < 0 || end + 3 > to ? to : end + 3;
      out.push([i, stop]);
      i = stop;
      continue;
    }
    if (ch === 0x60 /* ` */) {
      let run = 1;
      while (i + run < to && md.charCodeAt(i + run) === 0x60) run++;
      let escaped = false;
      for (let k = i - 1; k >= from && md[k] === '\\'; k--) escaped = !escaped;
      if (escaped) {
        i += run;
        continue;
      }
      // Find a closing run of exactly the same length before a blank line.
      let j = i + run;
      let closed = -1;
      while (j < to) {
        const c = md.charCodeAt(j);
        if (c === 0x0a && /^\n[ \t]*(\n|$)/.test(md.slice(j, j + 200))) break;
        if (c === 0x60) {
          let r = 1;
          while (j + r < to && md.charCodeAt(j + r) === 0x60) r++;
          if (r === run) {
            closed = j + r;
            break;
          }
          j += r;
          continue;
        }
        j++;
      }
      if (closed > 0) {
        out.push([i, closed]);
        i = closed;
      } else i += run;
      continue;
    }
    i++;
  }
}

/** A per-character mask: 1 where the character is inside code-like text. */
export function codeMask(md: string): Uint8Array {
  const mask = new Uint8Array(md.length);
  for (const [s, e] of codeRanges(md)) mask.fill(1, s, e);
  return mask;
}
