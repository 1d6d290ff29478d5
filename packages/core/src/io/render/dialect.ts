// Folio's journal markdown dialect for marked, on the server side: `:::private` blocks, `[[wikilinks]]`
// and `==highlights==`. The syntax is defined by the editor (packages/ui/src/journal/editor/markdown.ts);
// core cannot import ui code, so the tokenizers are re-implemented here by exactly those rules, and
// dialect.test.ts mirrors the editor's tests. Any change there must be made here too.
//
//   :::private          everything up to a line that is exactly ":::" never leaves the machine. Both lines
//   …markdown…          start at column 0 of their container (a list item's content indent, after "> " in a
//   :::                 quote); nested ":::name" containers and fenced code are skipped when looking for the
//                       close; an unclosed block runs to the END of the entry (more private, never less).
import type { Token, TokenizerAndRendererExtension } from 'marked';

export interface PrivateBlockToken {
  type: 'privateBlock';
  raw: string;
  tokens: Token[];
}

export interface WikilinkToken {
  type: 'wikilink';
  raw: string;
  target: string;
  alias: string | null;
  embed: boolean;
}

export interface HighlightToken {
  type: 'highlight';
  raw: string;
  tokens: Token[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Where a private block opened at the start of `src` ends: `rawEnd` after the closing line, or src.length (unclosed). */
export function privateBlockEnd(src: string, bodyStart: number): { bodyEnd: number; rawEnd: number; closed: boolean } {
  let pos = bodyStart;
  let depth = 1;
  let fence: { char: string; len: number } | null = null;
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
      if (depth === 0) return { bodyEnd: pos, rawEnd: nl < 0 ? src.length : nl + 1, closed: true };
    }
    pos = nl < 0 ? src.length : nl + 1;
  }
  return { bodyEnd: src.length, rawEnd: src.length, closed: false };
}

export const privateBlockExtension: TokenizerAndRendererExtension = {
  name: 'privateBlock',
  level: 'block',
  start(src) {
    // marked passes `src.slice(1)` here to find where a paragraph must stop, so index 0 is not a line
    // start; only an opener right after a newline may interrupt a paragraph.
    const m = /\n:::private[ \t]*$/m.exec(src);
    return m ? m.index + 1 : undefined;
  },
  tokenizer(src) {
    const open = /^:::private[ \t]*(?:\n|$)/.exec(src);
    if (!open) return undefined;
    const { bodyEnd, rawEnd } = privateBlockEnd(src, open[0].length);
    const body = src.slice(open[0].length, bodyEnd);
    return { type: 'privateBlock', raw: src.slice(0, rawEnd), tokens: this.lexer.blockTokens(body, []) };
  },
};

const WIKI_ESCAPE = /\\([\\[\]|])/g;
const unescapeWiki = (s: string) => s.replace(WIKI_ESCAPE, '$1');

export const wikilinkExtension: TokenizerAndRendererExtension = {
  name: 'wikilink',
  level: 'inline',
  start(src) {
    const i = src.search(/!?\[\[/);
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    const m = /^(!?)\[\[((?:\\[\\[\]|]|[^\\[\]|\n])+)(?:\|((?:\\[\\[\]|]|[^\\[\]\n])+))?\]\]/.exec(src);
    if (!m) return undefined;
    const target = unescapeWiki(m[2] ?? '').trim();
    if (!target) return undefined;
    const alias = m[3] !== undefined ? unescapeWiki(m[3]).trim() || null : null;
    return { type: 'wikilink', raw: m[0], target, alias, embed: m[1] === '!' } satisfies WikilinkToken;
  },
};

export const highlightExtension: TokenizerAndRendererExtension = {
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

/** Every block token, depth first, with `inPrivate` telling whether a private block encloses it. */
export function walkTokens(tokens: readonly Token[], visit: (t: Token, inPrivate: boolean) => void, inPrivate = false): void {
  for (const t of tokens) {
    const priv = inPrivate || t.type === 'privateBlock';
    visit(t, priv);
    if (t.type === 'list') for (const item of (t as { items: Token[] }).items) walkTokens([item], visit, priv);
    else if (t.type === 'table') {
      const tt = t as unknown as { header: { tokens: Token[] }[]; rows: { tokens: Token[] }[][] };
      for (const cell of tt.header) walkTokens(cell.tokens, visit, priv);
      for (const row of tt.rows) for (const cell of row) walkTokens(cell.tokens, visit, priv);
    }
    if ('tokens' in t && Array.isArray(t.tokens)) walkTokens(t.tokens as Token[], visit, priv);
  }
}

/**
 * A table is private as a whole when one of its cells holds a private opener: the editor writes a table
 * with a private block in a cell as a private block around the table, so `:::private` inside a cell can
 * only come from hand-written markdown, and the safe reading is "the table is private".
 */
export function tableHasPrivate(t: Token): boolean {
  return t.type === 'table' && /:::private/.test(t.raw);
}
