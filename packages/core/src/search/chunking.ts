// Plain text and passages ("chunks") of what the search index holds. An entry's markdown is cut into
// sections at its headings; each section's plain text is cut at paragraphs, small paragraphs merged up
// to a target length and long ones split at sentence ends, so a passage is about one thing and short
// enough for the embedder to represent it (and for "why it matched" to quote it).
import { createHash } from 'node:crypto';
import { markdownToPlainText } from '../journal';

export interface ChunkSpec {
  /** Offsets into the document's plain text. */
  start: number;
  end: number;
  heading: string | null;
  page: number | null;
}

export interface DerivedText {
  /** Plain text of the body (what snippets and passages are cut from). */
  text: string;
  chunks: ChunkSpec[];
}

/** Passages aim for this many characters (merging paragraphs)… */
export const CHUNK_TARGET_CHARS = 700;
/** …and never exceed this (splitting a paragraph at sentence ends, or hard). */
export const CHUNK_MAX_CHARS = 1200;

interface Section {
  heading: string | null;
  markdown: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Cuts markdown at ATX headings outside code fences. The text before the first heading has no heading. */
export function markdownSections(md: string): Section[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: Section[] = [];
  let cur: Section = { heading: null, markdown: '' };
  let body: string[] = [];
  let fence: string | null = null;
  let inFrontMatter = lines[0]?.trim() === '---';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFrontMatter) {
      body.push(line);
      if (i > 0 && (line.trim() === '---' || line.trim() === '...')) inFrontMatter = false;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1]!;
      if (fence === null) fence = marker[0]!.repeat(marker.length);
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      body.push(line);
      continue;
    }
    const h = fence === null ? ATX.exec(line) : null;
    if (h) {
      cur.markdown = body.join('\n');
      if (cur.heading !== null || cur.markdown.trim()) out.push(cur);
      cur = {
        heading: markdownToPlainText(h[2] ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
        markdown: '',
      };
      body = [];
      continue;
    }
    body.push(line);
  }
  cur.markdown = body.join('\n');
  if (cur.heading !== null || cur.markdown.trim()) out.push(cur);
  return out;
}

const SENTENCE_END = /[.!?。！？…]+["'”’)\]]*(?=\s|$)|[。！？]+/gu;

/** Cuts [start, end) of `text` into pieces of at most `max` characters, at sentence ends where possible. */
function splitLong(text: string, start: number, end: number, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  while (end - from > max) {
    const window = text.slice(from, from + max);
    let cut = -1;
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(window); m; m = SENTENCE_END.exec(window)) {
      const at = m.index + m[0].length;
      if (at >= max / 3) cut = at;
    }
    if (cut < 0) {
      const space = window.lastIndexOf(' ');
      cut = space > max / 3 ? space : max;
    }
    // Never split a surrogate pair.
    const code = text.charCodeAt(from + cut);
    if (code >= 0xdc00 && code <= 0xdfff) cut--;
    out.push([from, from + cut]);
    from += cut;
    while (from < end && /\s/.test(text[from]!)) from++;
  }
  if (end > from) out.push([from, end]);
  return out;
}

/** Paragraph ranges of text[start, end): separated by blank lines, trimmed. */
function paragraphs(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\n[ \t]*\n/g;
  re.lastIndex = start;
  let from = start;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push([a, b]);
  };
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, end);
  return out;
}

/**
 * Passages of text[start, end) (one section or page): paragraphs merged while they fit the target,
 * long ones split.
 */
export function chunkRange(text: string, start: number, end: number, heading: string | null, page: number | null): ChunkSpec[] {
  const out: ChunkSpec[] = [];
  let cur: [number, number] | null = null;
  const flush = () => {
    if (cur) out.push({ start: cur[0], end: cur[1], heading, page });
    cur = null;
  };
  for (const [a, b] of paragraphs(text, start, end)) {
    if (b - a > CHUNK_MAX_CHARS) {
      flush();
      for (const [x, y] of splitLong(text, a, b, CHUNK_MAX_CHARS)) out.push({ start: x, end: y, heading, page });
      continue;
    }
    if (cur && b - cur[0] <= CHUNK_TARGET_CHARS) cur = [cur[0], b];
    else {
      flush();
      cur = [a, b];
    }
  }
  flush();
  return out;
}

/** Plain text and passages of a journal entry's markdown body. */
export function deriveMarkdown(markdown: string): DerivedText {
  let text = '';
  const chunks: ChunkSpec[] = [];
  for (const s of markdownSections(markdown)) {
    const body = markdownToPlainText(s.markdown);
    if (!s.heading && !body) continue;
    if (text) text += '\n\n';
    if (s.heading) text += `${s.heading}\n\n`;
    const start = text.length;
    text += body;
    chunks.push(...chunkRange(text, start, text.length, s.heading || null, null));
  }
  return { text: text.trimEnd(), chunks };
}

/** Plain text and passages of a paper's pages (page numbers are 1-based; null for text before them, e.g. the abstract). */
export function derivePages(pages: readonly { page: number | null; text: string }[]): DerivedText {
  let text = '';
  const chunks: ChunkSpec[] = [];
  for (const p of pages) {
    const body = p.text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+\n/g, '\n')
      .trim();
    if (!body) continue;
    if (text) text += '\n\n';
    const start = text.length;
    text += body;
    chunks.push(...chunkRange(text, start, text.length, null, p.page));
  }
  return { text, chunks };
}

/** Plain text as one passage (annotations, comments): split only when long. */
export function derivePlain(plain: string): DerivedText {
  const text = plain.replace(/\r\n?/g, '\n').trim();
  return { text, chunks: chunkRange(text, 0, text.length, null, null) };
}

/**
 * What the embedder reads for a passage: the item's title and the passage's heading give it context
 * ("Project X — Risks: ..."), so a short paragraph under a telling heading is still found.
 */
export function embedText(title: string, chunk: ChunkSpec, text: string): string {
  const head = [title.trim(), chunk.heading?.trim()].filter(Boolean).join(' — ');
  const body = text.slice(chunk.start, chunk.end);
  return head ? `${head}\n${body}` : body;
}

export function sha1(s: string): string {
  return createHash('sha1').update(s).digest('hex');
}
