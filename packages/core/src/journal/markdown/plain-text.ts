// Markdown -> plain text for indexing, snippets and word counts: syntax dropped, words kept.
// Code is kept (people search for the commands they wrote down), link and image targets are
// dropped (their text and alt stay), HTML tags are stripped and entities decoded, wikilinks
// become their alias or target, attachment embeds disappear.
import { Lexer, type Token, type Tokens } from 'marked';
import { extractWikilinks, isAttachmentTarget } from './wikilinks';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  deg: '°',
  times: '×',
  divide: '÷',
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
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
};

/** Decode HTML character references (`&amp;`, `&#39;`, `&#x4e2d;`, common named ones). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
      return all;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? all;
  });
}

/** Strip tags from an HTML fragment, keeping text; block-level tags become line breaks. */
export function stripHtml(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|template|iframe|object|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/blockquote|hr)\b[^>]*>/gi, '\n')
      .replace(/<\/?[a-z][^>]*>/gi, ''),
  );
}

function stripFrontMatter(md: string): string {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(md);
  if (m && /^[\w"'-][^\n:]*:/.test(m[1]!)) return md.slice(m[0].length);
  return md;
}

function replaceWikilinks(md: string): string {
  const links = extractWikilinks(md);
  if (links.length === 0) return md;
  let out = '';
  let last = 0;
  for (const l of links) {
    let shown: string;
    if (l.alias) shown = l.alias;
    else if (l.embed && isAttachmentTarget(l.target)) shown = '';
    else shown = [l.target, l.heading].filter(Boolean).join(' ');
    // Escape so the replacement cannot open new markdown syntax.
    out += md.slice(last, l.start) + shown.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
    last = l.end;
  }
  return out + md.slice(last);
}

function inline(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) out += inlineToken(t);
  return out;
}

function inlineToken(t: Token): string {
  switch (t.type) {
    case 'text':
      return 'tokens' in t && t.tokens ? inline(t.tokens) : decodeEntities(t.text);
    case 'escape':
      return t.text;
    case 'codespan':
      return t.text;
    case 'strong':
    case 'em':
    case 'del':
      return inline(t.tokens);
    case 'link': {
      const text = inline(t.tokens);
      return text || t.href;
    }
    case 'image':
      return decodeEntities(t.text ?? '');
    case 'br':
      return '\n';
    case 'html':
      return stripHtml(t.text);
    case 'checkbox':
      return '';
    default:
      return 'tokens' in t && Array.isArray(t.tokens)
        ? inline(t.tokens)
        : 'text' in t && typeof t.text === 'string'
          ? t.text
          : '';
  }
}

function blocks(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) out += block(t);
  return out;
}

function block(t: Token): string {
  switch (t.type) {
    case 'space':
    case 'hr':
      return '\n';
    case 'def':
      return '';
    case 'code':
      return t.text + '\n\n';
    case 'heading':
    case 'paragraph':
      return inline(t.tokens) + '\n\n';
    case 'blockquote':
      return blocks(t.tokens ?? []);
    case 'list':
      return (t as Tokens.List).items.map((item) => blocks(item.tokens).trim()).join('\n') + '\n\n';
    case 'table': {
      const table = t as Tokens.Table;
      const rows = [table.header, ...table.rows].map((row) => row.map((cell) => inline(cell.tokens).trim()).join(' '));
      return rows.join('\n') + '\n\n';
    }
    case 'html':
      return stripHtml(t.text) + '\n\n';
    case 'text':
      return ('tokens' in t && t.tokens ? inline(t.tokens) : decodeEntities(t.text)) + '\n';
    default:
      return 'tokens' in t && Array.isArray(t.tokens)
        ? blocks(t.tokens)
        : 'text' in t && typeof t.text === 'string'
          ? t.text + '\n'
          : '';
  }
}

/** Plain text of a markdown document (front matter removed). Paragraphs are separated by blank lines. */
export function markdownToPlainText(md: string): string {
  if (!md) return '';
  const src = replaceWikilinks(stripFrontMatter(md.replace(/\r\n?/g, '\n')));
  let text: string;
  try {
    text = blocks(Lexer.lex(src, { gfm: true }));
  } catch {
    text = stripHtml(src); // marked should not throw, but never lose the text if it does
  }
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
