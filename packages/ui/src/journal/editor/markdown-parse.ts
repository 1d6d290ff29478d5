import type { JSONContent } from '@tiptap/core';
import { Marked } from 'marked';
import type { Token, TokenizerAndRendererExtension, Tokens } from 'marked';

/**
 * Markdown → TipTap JSON for Folio's journal dialect (see markdown.ts for the syntax).
 *
 * marked does the CommonMark/GFM lexing; this file maps its tokens onto the editor schema. We use a
 * private `Marked` instance: @tiptap/markdown registers its tokenizers on marked's global singleton
 * every time an editor is created, and it turns raw HTML into nodes (or drops it), which this dialect
 * must not do.
 */

type MarkJSON = { type: string; attrs?: Record<string, unknown> };

interface WikilinkToken {
  type: 'wikilink';
  raw: string;
  target: string;
  alias: string | null;
}

interface ContainerToken {
  type: 'highlight' | 'privateBlock';
  raw: string;
  tokens: Token[];
}

const WIKI_ESCAPE = /\\([\\[\]|])/g;
export const unescapeWiki = (s: string) => s.replace(WIKI_ESCAPE, '$1');

const wikilinkExtension: TokenizerAndRendererExtension = {
  name: 'wikilink',
  level: 'inline',
  start(src) {
    const i = src.indexOf('[[');
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    const m = /^\[\[((?:\\[\\[\]|]|[^\\[\]|\n])+)(?:\|((?:\\[\\[\]|]|[^\\[\]\n])+))?\]\]/.exec(src);
    if (!m) return undefined;
    const target = unescapeWiki(m[1] ?? '').trim();
    if (!target) return undefined;
    const alias = m[2] !== undefined ? unescapeWiki(m[2]).trim() || null : null;
    return { type: 'wikilink', raw: m[0], target, alias } satisfies WikilinkToken;
  },
};

const highlightExtension: TokenizerAndRendererExtension = {
  name: 'highlight',
  level: 'inline',
  start(src) {
    const i = src.indexOf('==');
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    // ==text== : the opener is not followed by space or '=', the closer not preceded by space or '\'.
    const m = /^==(?![\s=])([\s\S]*?[^\s\\])==(?!=)/.exec(src);
    if (!m) return undefined;
    return { type: 'highlight', raw: m[0], tokens: this.lexer.inlineTokens(m[1] ?? '') };
  },
};

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * `:::private` … `:::` at the start of a line. Nested `:::name` containers and fenced code are skipped
 * when looking for the closing line. An unclosed block runs to the end of the document: for privacy
 * the failure mode is "more stays private", never less.
 */
const privateBlockExtension: TokenizerAndRendererExtension = {
  name: 'privateBlock',
  level: 'block',
  start(src) {
    // marked passes `src.slice(1)` here to find where a paragraph must stop, so index 0 is not a
    // line start; only an opener right after a newline may interrupt a paragraph.
    const m = /\n:::private[ \t]*$/m.exec(src);
    return m ? m.index + 1 : undefined;
  },
  tokenizer(src) {
    const open = /^:::private[ \t]*(?:\n|$)/.exec(src);
    if (!open) return undefined;
    const bodyStart = open[0].length;
    let pos = bodyStart;
    let depth = 1;
    let fence: { char: string; len: number } | null = null;
    let bodyEnd = src.length;
    let rawEnd = src.length;
    while (pos < src.length) {
      const nl = src.indexOf('\n', pos);
      const lineEnd = nl < 0 ? src.length : nl;
      const line = src.slice(pos, lineEnd);
      const f = FENCE.exec(line);
      if (fence) {
        if (f && f[1]![0] === fence.char && f[1]!.length >= fence.len && !f[2]!.trim()) fence = null;
      } else if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
        fence = { char: f[1]![0]!, len: f[1]!.length };
      } else if (/^:::[A-Za-z][\w-]*/.test(line)) {
        depth += 1;
      } else if (/^:::[ \t]*$/.test(line)) {
        depth -= 1;
        if (depth === 0) {
          bodyEnd = pos;
          rawEnd = nl < 0 ? src.length : nl + 1;
          break;
        }
      }
      pos = nl < 0 ? src.length : nl + 1;
    }
    const body = src.slice(bodyStart, bodyEnd);
    return { type: 'privateBlock', raw: src.slice(0, rawEnd), tokens: this.lexer.blockTokens(body, []) };
  },
};

let markedInstance: Marked | null = null;

export function getMarked(): Marked {
  if (!markedInstance) {
    markedInstance = new Marked({ gfm: true, breaks: false });
    markedInstance.use({ extensions: [privateBlockExtension, wikilinkExtension, highlightExtension] });
  }
  return markedInstance;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  middot: '·',
  bull: '•',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  micro: 'µ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  sigma: 'σ',
  theta: 'θ',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
};

/** Decode the HTML entities CommonMark decodes in text (named ones from a small table, all numeric ones). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (m, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED_ENTITIES[name as string] ?? m;
  });
}

const unescapePunct = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

const HTML_MARKS: Record<string, string> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  del: 'strike',
  s: 'strike',
  strike: 'strike',
  mark: 'highlight',
};

function withMark(marks: MarkJSON[], mark: MarkJSON): MarkJSON[] {
  const rest = marks.filter((m) => m.type !== mark.type);
  return [...rest, mark];
}

function text(value: string, marks: MarkJSON[]): JSONContent | null {
  if (!value) return null;
  return marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };
}

function sameMarks(a: MarkJSON[] | undefined, b: MarkJSON[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((m, i) => JSON.stringify(m) === JSON.stringify(y[i]));
}

function mergeText(nodes: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (last && last.type === 'text' && n.type === 'text' && sameMarks(last.marks as MarkJSON[], n.marks as MarkJSON[])) {
      last.text = (last.text ?? '') + (n.text ?? '');
    } else {
      out.push(n);
    }
  }
  return out;
}

function inline(tokens: Token[] | undefined, marks: MarkJSON[] = []): JSONContent[] {
  if (!tokens) return [];
  const out: JSONContent[] = [];
  let htmlMarks: MarkJSON[] = [];
  const current = () => htmlMarks.reduce(withMark, marks);
  const push = (n: JSONContent | null) => {
    if (n) out.push(n);
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens?.length) out.push(...inline(tt.tokens, current()));
        else push(text(decodeEntities(tt.text), current()));
        break;
      }
      case 'escape':
        push(text((t as Tokens.Escape).text, current()));
        break;
      case 'strong':
        out.push(...inline((t as Tokens.Strong).tokens, withMark(current(), { type: 'bold' })));
        break;
      case 'em':
        out.push(...inline((t as Tokens.Em).tokens, withMark(current(), { type: 'italic' })));
        break;
      case 'del':
        out.push(...inline((t as Tokens.Del).tokens, withMark(current(), { type: 'strike' })));
        break;
      case 'highlight':
        out.push(...inline((t as unknown as ContainerToken).tokens, withMark(current(), { type: 'highlight' })));
        break;
      case 'codespan':
        push(text((t as Tokens.Codespan).text, withMark(current(), { type: 'code' })));
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const mark = { type: 'link', attrs: { href: l.href, title: l.title ?? null } };
        out.push(...inline(l.tokens, withMark(current(), mark)));
        break;
      }
      case 'image': {
        const im = t as Tokens.Image;
        const node: JSONContent = {
          type: 'image',
          attrs: { src: im.href, alt: decodeEntities(unescapePunct(im.text)) || null, title: im.title ?? null },
        };
        const ms = current();
        if (ms.length) node.marks = ms;
        out.push(node);
        break;
      }
      case 'br':
        out.push({ type: 'hardBreak' });
        break;
      case 'wikilink': {
        const w = t as unknown as WikilinkToken;
        const node: JSONContent = { type: 'wikilink', attrs: { target: w.target, alias: w.alias } };
        const ms = current().filter((m) => m.type !== 'code');
        if (ms.length) node.marks = ms;
        out.push(node);
        break;
      }
      case 'html': {
        const raw = (t as Tokens.HTML).raw;
        if (/^<br\s*\/?>$/i.test(raw)) {
          out.push({ type: 'hardBreak' });
          break;
        }
        const open = /^<([a-z]+)\s*>$/i.exec(raw);
        const close = /^<\/([a-z]+)\s*>$/i.exec(raw);
        const openMark = open && HTML_MARKS[open[1]!.toLowerCase()];
        const closeMark = close && HTML_MARKS[close[1]!.toLowerCase()];
        if (openMark) {
          htmlMarks = [...htmlMarks, { type: openMark }];
        } else if (closeMark && htmlMarks.some((m) => m.type === closeMark)) {
          const i = htmlMarks.map((m) => m.type).lastIndexOf(closeMark);
          htmlMarks = htmlMarks.filter((_, j) => j !== i);
        } else {
          // Any other inline HTML stays visible as literal text and is never rendered.
          push(text(raw, current()));
        }
        break;
      }
      case 'checkbox':
        break;
      default: {
        const anyT = t as { tokens?: Token[]; raw?: string };
        if (anyT.tokens?.length) out.push(...inline(anyT.tokens, current()));
        else if (anyT.raw) push(text(anyT.raw, current()));
      }
    }
  }
  return mergeText(out);
}

const paragraph = (content: JSONContent[]): JSONContent =>
  content.length ? { type: 'paragraph', content } : { type: 'paragraph' };

function ensureLeadingParagraph(content: JSONContent[]): JSONContent[] {
  if (content[0]?.type === 'paragraph') return content;
  return [{ type: 'paragraph' }, ...content];
}

function nonEmptyBlocks(content: JSONContent[]): JSONContent[] {
  return content.length ? content : [{ type: 'paragraph' }];
}

function listItemContent(item: Tokens.ListItem): JSONContent[] {
  const tokens = item.tokens.filter((t) => t.type !== 'checkbox');
  return ensureLeadingParagraph(blocks(tokens));
}

function list(token: Tokens.List): JSONContent[] {
  // marked gives one list for "- [ ] a" followed by "- b"; the schema has separate task and bullet lists.
  const groups: { task: boolean; items: Tokens.ListItem[]; offset: number }[] = [];
  token.items.forEach((item, i) => {
    // GFM needs text after "[ ]"; an empty task item is written "- [ ]" and read back here.
    const empty = !item.task && /^\[([ xX])\]\s*$/.exec(item.text);
    if (empty) {
      item.task = true;
      item.checked = empty[1] !== ' ';
      item.tokens = [];
    }
    const task = !!item.task;
    const last = groups[groups.length - 1];
    if (last && last.task === task) last.items.push(item);
    else groups.push({ task, items: [item], offset: i });
  });
  const start = typeof token.start === 'number' ? token.start : 1;
  return groups.map((g) => {
    if (g.task) {
      return {
        type: 'taskList',
        content: g.items.map((item) => ({
          type: 'taskItem',
          attrs: { checked: !!item.checked },
          content: listItemContent(item),
        })),
      };
    }
    const items = g.items.map((item) => ({ type: 'listItem', content: listItemContent(item) }));
    if (token.ordered) return { type: 'orderedList', attrs: { start: start + g.offset, type: null }, content: items };
    return { type: 'bulletList', content: items };
  });
}

function table(token: Tokens.Table): JSONContent {
  const cell = (c: Tokens.TableCell, type: string): JSONContent => ({
    type,
    attrs: { colspan: 1, rowspan: 1, colwidth: null, align: c.align ?? null },
    content: [paragraph(inline(c.tokens))],
  });
  const rows: JSONContent[] = [{ type: 'tableRow', content: token.header.map((c) => cell(c, 'tableHeader')) }];
  for (const row of token.rows) rows.push({ type: 'tableRow', content: row.map((c) => cell(c, 'tableCell')) });
  return { type: 'table', content: rows };
}

function blocks(tokens: Token[] | undefined): JSONContent[] {
  if (!tokens) return [];
  const out: JSONContent[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'paragraph': {
        const content = inline((t as Tokens.Paragraph).tokens);
        if (content.length) out.push(paragraph(content));
        break;
      }
      case 'text': {
        const tt = t as Tokens.Text;
        const content = tt.tokens?.length
          ? inline(tt.tokens)
          : inline(getMarked().Lexer.lexInline(tt.text, getMarked().defaults));
        out.push(paragraph(content));
        break;
      }
      case 'heading': {
        const h = t as Tokens.Heading;
        const content = inline(h.tokens);
        out.push(
          content.length
            ? { type: 'heading', attrs: { level: h.depth }, content }
            : { type: 'heading', attrs: { level: h.depth } },
        );
        break;
      }
      case 'code': {
        const c = t as Tokens.Code;
        const language = (c.lang ?? '').trim().split(/\s+/)[0] || null;
        const node: JSONContent = { type: 'codeBlock', attrs: { language } };
        if (c.text) node.content = [{ type: 'text', text: c.text }];
        out.push(node);
        break;
      }
      case 'blockquote':
        out.push({ type: 'blockquote', content: nonEmptyBlocks(blocks((t as Tokens.Blockquote).tokens)) });
        break;
      case 'list':
        out.push(...list(t as Tokens.List));
        break;
      case 'table':
        out.push(table(t as Tokens.Table));
        break;
      case 'hr':
        out.push({ type: 'horizontalRule' });
        break;
      case 'html': {
        const raw = (t as Tokens.HTML).raw.replace(/\s+$/, '');
        if (raw) out.push({ type: 'htmlBlock', content: [{ type: 'text', text: raw }] });
        break;
      }
      case 'privateBlock':
        out.push({ type: 'privateBlock', content: nonEmptyBlocks(blocks((t as unknown as ContainerToken).tokens)) });
        break;
      default: {
        const anyT = t as { tokens?: Token[]; raw?: string };
        if (anyT.tokens?.length) out.push(...blocks(anyT.tokens));
        else if (anyT.raw?.trim()) out.push(paragraph([{ type: 'text', text: anyT.raw.trim() }]));
      }
    }
  }
  return out;
}

/** Lex markdown with the dialect's tokenizers. */
export function lexMarkdown(markdown: string): Token[] {
  const src = markdown.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  return getMarked().lexer(src);
}

/** Markdown → TipTap JSON document (not yet validated against the schema). */
export function markdownToJSON(markdown: string): JSONContent {
  const content = blocks(lexMarkdown(markdown));
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

/** Block-level JSON for a markdown fragment (paste). */
export function markdownToBlocks(markdown: string): JSONContent[] {
  return blocks(lexMarkdown(markdown));
}
