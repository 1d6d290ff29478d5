import type { Mark, Node as PMNode, Schema } from '@tiptap/pm/model';

import { markdownToJSON } from './markdown-parse';

/**
 * ProseMirror document → markdown for Folio's journal dialect (see markdown.ts).
 *
 * ProseMirror nodes are immutable, so the markdown of every block is cached per node object: after a
 * keystroke only the blocks on the path to the edited paragraph are serialised again, the rest of a
 * long entry is string concatenation. That keeps `onChange` cheap enough to run on every transaction.
 */

type InlineMode = 'block' | 'heading' | 'table';

const blockCache = new WeakMap<PMNode, string>();
const itemCache = new WeakMap<PMNode, string>();

const MARK_ORDER: Record<string, number> = { link: 0, bold: 1, italic: 2, strike: 3, highlight: 4 };
const EMPHASIS = new Set(['bold', 'italic', 'strike', 'highlight']);
const MD_DELIMS: Record<string, [string, string]> = {
  bold: ['**', '**'],
  italic: ['*', '*'],
  strike: ['~~', '~~'],
  highlight: ['==', '=='],
};
const HTML_DELIMS: Record<string, [string, string]> = {
  bold: ['<strong>', '</strong>'],
  italic: ['<em>', '</em>'],
  strike: ['<del>', '</del>'],
  highlight: ['<mark>', '</mark>'],
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n';
const NEEDS_ESCAPE = /[\\`[\]*~_=<&|]/;
const ENTITY_AHEAD = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/** Backslash-escape what would otherwise turn literal text into markdown syntax. */
export function escapeText(s: string, mode: InlineMode): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    const p = s[i - 1] ?? '';
    const n = s[i + 1] ?? '';
    switch (c) {
      case '\\':
      case '`':
      case '[':
      case ']':
        out += `\\${c}`;
        break;
      case '*':
      case '~':
        // "a * b" cannot open or close emphasis; at a text-node boundary we cannot see the neighbour.
        out += isSpace(p) && isSpace(n) ? c : `\\${c}`;
        break;
      case '_':
        // Intraword underscores (snake_case, 中_文) never form emphasis in CommonMark.
        out += LETTER_OR_DIGIT.test(p) && LETTER_OR_DIGIT.test(n) ? c : '\\_';
        break;
      case '=':
        // Next to another "=" or at a node edge (where a "==" delimiter may sit).
        out += p === '=' || n === '=' || i === 0 || i === s.length - 1 ? '\\=' : c;
        break;
      case '<':
        out += /[A-Za-z/!?]/.test(n) ? '\\<' : c;
        break;
      case '&':
        out += ENTITY_AHEAD.test(s.slice(i, i + 40)) ? '\\&' : c;
        break;
      case '|':
        out += mode === 'table' ? '\\|' : c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

function escapeWiki(s: string, isTarget: boolean): string {
  return s.replace(isTarget ? /[\\[\]|]/g : /[\\[\]]/g, '\\$&').replace(/\n/g, ' ');
}

function hasUnbalancedParens(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth < 0) return true;
    }
  }
  return depth !== 0;
}

function linkDestination(url: string): string {
  if (!url) return '';
  if (/[\s<>]/.test(url) || hasUnbalancedParens(url)) {
    return `<${url.replace(/[\r\n]+/g, ' ').replace(/[\\<>]/g, '\\$&')}>`;
  }
  return url.replace(/\\/g, '\\\\');
}

function linkTitle(title: unknown): string {
  if (typeof title !== 'string' || !title) return '';
  return ` "${title.replace(/[\r\n]+/g, ' ').replace(/["\\]/g, '\\$&')}"`;
}

function codeSpan(text: string, mode: InlineMode): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (/^ .*[^ ].* $/s.test(text) && text.length > 2) ? ' ' : '';
  let body = text;
  if (mode !== 'block') body = body.replace(/\n/g, ' ');
  if (mode === 'table') body = body.replace(/\|/g, '\\|');
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

const AUTOLINK_URL = /^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\u0000-\u001f]*$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function autolinkText(node: PMNode, link: Mark): string | null {
  const href = link.attrs.href as string;
  const text = node.text ?? '';
  if (link.attrs.title) return null;
  if (text === href && AUTOLINK_URL.test(href)) return `<${href}>`;
  if (href === `mailto:${text}` && EMAIL.test(text)) return `<${text}>`;
  return null;
}

function sortMarks(marks: readonly Mark[]): Mark[] {
  return marks.filter((m) => m.type.name in MARK_ORDER).sort((a, b) => MARK_ORDER[a.type.name]! - MARK_ORDER[b.type.name]!);
}

function imageMarkdown(node: PMNode): string {
  const alt = escapeText((node.attrs.alt as string | null) ?? '', 'block').replace(/\n/g, ' ');
  return `![${alt}](${linkDestination((node.attrs.src as string | null) ?? '')}${linkTitle(node.attrs.title)})`;
}

function wikilinkMarkdown(node: PMNode): string {
  const target = escapeWiki(String(node.attrs.target ?? ''), true);
  const alias = node.attrs.alias ? `|${escapeWiki(String(node.attrs.alias), false)}` : '';
  return `[[${target}${alias}]]`;
}

/** Escape a trailing unescaped "!" so a following "[" is not read as an image. */
function guardBang(out: string): string {
  if (!out.endsWith('!')) return out;
  let slashes = 0;
  for (let i = out.length - 2; i >= 0 && out[i] === '\\'; i -= 1) slashes += 1;
  return slashes % 2 === 0 ? `${out.slice(0, -1)}\\!` : out;
}

/**
 * Serialise a textblock's inline content. Marks open in a fixed nesting order (link outermost) but
 * an already-open mark stays open while it continues, so `*a **b***` does not reopen the italic.
 * Whitespace at the edges of a mark span is moved outside the delimiters ("**a** ", never "**a **").
 */
function inlineMarkdown(parent: PMNode, mode: InlineMode, html: boolean): string {
  const nodes: PMNode[] = [];
  parent.forEach((n) => nodes.push(n));
  while (nodes.length && nodes[nodes.length - 1]!.type.name === 'hardBreak') nodes.pop();
  while (nodes.length && nodes[0]!.type.name === 'hardBreak') nodes.shift();

  const delims = html ? HTML_DELIMS : MD_DELIMS;
  const open = (m: Mark): string => (m.type.name === 'link' ? '[' : delims[m.type.name]![0]);
  const close = (m: Mark): string =>
    m.type.name === 'link'
      ? `](${linkDestination((m.attrs.href as string | null) ?? '')}${linkTitle(m.attrs.title)})`
      : delims[m.type.name]![1];

  let out = '';
  let stack: Mark[] = [];
  let pendingSpace = '';

  for (let i = 0; i < nodes.length; i += 1) {
    const node = nodes[i]!;
    const isText = node.isText;
    const text = node.text ?? '';
    const isCode = isText && node.marks.some((m) => m.type.name === 'code');
    let marks = sortMarks(node.marks);
    let content: string;
    let lead = '';
    let trail = '';

    const link = marks.find((m) => m.type.name === 'link');
    const auto =
      isText && !isCode && link && !nodes[i - 1]?.marks.some((m) => m.eq(link)) && !nodes[i + 1]?.marks.some((m) => m.eq(link))
        ? autolinkText(node, link)
        : null;
    if (auto) marks = marks.filter((m) => m !== link);

    if (!isText) {
      if (node.type.name === 'hardBreak') {
        content = mode === 'block' ? '\\\n' : '<br>';
        // Line breaks carry no marks of their own: a mark stays open across one if it continues after.
        const next = nodes[i + 1];
        marks = stack.filter((m) => next?.marks.some((x) => x.eq(m)));
      } else if (node.type.name === 'image') content = imageMarkdown(node);
      else if (node.type.name === 'wikilink') content = wikilinkMarkdown(node);
      else content = escapeText(node.textContent, mode);
    } else if (auto) {
      content = auto;
    } else if (isCode) {
      content = codeSpan(text, mode);
    } else {
      let body = mode === 'block' ? text : text.replace(/\n/g, ' ');
      const l = /^\s+/.exec(body);
      if (l) {
        lead = l[0];
        body = body.slice(lead.length);
      }
      const t = /\s+$/.exec(body);
      if (t) {
        trail = t[0];
        body = body.slice(0, -trail.length);
      }
      if (!body) {
        // Whitespace alone never opens a mark.
        marks = marks.filter((m) => stack.some((s) => s.eq(m)));
      }
      content = escapeText(body, mode);
    }

    let keep = 0;
    while (keep < stack.length && marks.some((m) => m.eq(stack[keep]!))) keep += 1;
    for (let j = stack.length - 1; j >= keep; j -= 1) out += close(stack[j]!);
    stack = stack.slice(0, keep);
    out += pendingSpace + lead;
    for (const m of marks) {
      if (stack.some((s) => s.eq(m))) continue;
      if (m.type.name === 'link') out = guardBang(out);
      out += open(m);
      stack.push(m);
    }
    if (node.type.name === 'wikilink' || content.startsWith('[')) out = guardBang(out);
    out += content;
    pendingSpace = trail;
  }
  for (let j = stack.length - 1; j >= 0; j -= 1) out += close(stack[j]!);
  return out + pendingSpace;
}

const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** Strip line-edge whitespace and escape line starts that would be read as block syntax. */
function finishLines(s: string): string {
  const lines = s.split('\n');
  const out: string[] = [];
  for (let idx = 0; idx < lines.length; idx += 1) {
    let l = lines[idx]!.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
    if (!l) continue;
    if (/^#{1,6}(?:\s|$)/.test(l) || l.startsWith('>') || /^[-+*](?:\s|$)/.test(l) || l.startsWith(':::')) {
      l = `\\${l}`;
    } else if (/^=+$/.test(l) || /^-+$/.test(l)) {
      l = `\\${l}`;
    } else {
      const m = /^(\d{1,9})([.)])(?:\s|$)/.exec(l);
      if (m) l = `${m[1]}\\${l.slice(m[1]!.length)}`;
    }
    if (l.includes('|') && DELIMITER_ROW.test(l)) l = l.replace(/(?<!\\)\|/g, '\\|');
    out.push(l);
  }
  // A backslash line break needs a following line; a trailing one would become a literal "\".
  let result = out.join('\n');
  while (result.endsWith('\\') && !result.endsWith('\\\\')) result = result.slice(0, -1).trimEnd();
  return result;
}

function hasEmphasis(node: PMNode): boolean {
  let found = false;
  node.forEach((child) => {
    if (!found && child.marks.some((m) => EMPHASIS.has(m.type.name))) found = true;
  });
  return found;
}

/**
 * Emphasis delimiters obey CommonMark's flanking rules, which fail next to CJK punctuation
 * (`这是**“引用”**文字` is not bold). Rather than re-implementing those rules, re-read the output: if
 * it does not come back as the same markdown, write this block's emphasis as HTML tags, which the
 * parser maps back to the same marks.
 */
function verifiedInline(node: PMNode, mode: InlineMode, wrap: (s: string) => string, schema: Schema): string {
  const md = wrap(inlineMarkdown(node, mode, false));
  if (!hasEmphasis(node)) return md;
  const reparsed = reparseTextblock(md, node, schema);
  if (reparsed && inlineSignature(reparsed) === inlineSignature(node)) return md;
  return wrap(inlineMarkdown(node, mode, true));
}

function markKey(marks: readonly Mark[]): string {
  return sortMarks(marks)
    .map((m) => (m.type.name === 'link' ? `link:${String(m.attrs.href)}` : m.type.name))
    .concat(marks.some((m) => m.type.name === 'code') ? ['code'] : [])
    .join(',');
}

/**
 * What the reader sees, ignoring whitespace (which markdown normalises): each visible character or
 * inline atom with its marks. Two textblocks with the same signature serialise the same way.
 */
function inlineSignature(node: PMNode): string {
  let sig = '';
  node.forEach((child) => {
    if (child.isText) {
      const key = markKey(child.marks);
      for (const ch of child.text ?? '') if (!/\s/.test(ch)) sig += `${ch}\u0001${key}\u0002`;
    } else if (child.type.name !== 'hardBreak') {
      sig += `${child.type.name}${JSON.stringify(child.attrs)}\u0001${markKey(child.marks)}\u0002`;
    }
  });
  return sig;
}

function reparseTextblock(md: string, node: PMNode, schema: Schema): PMNode | null {
  try {
    const json = markdownToJSON(md);
    const first = json.content?.[0];
    if (json.content?.length !== 1 || !first) return null;
    if (node.type.name === 'heading' ? first.type !== 'heading' : first.type !== 'paragraph') return null;
    return schema.nodeFromJSON(first);
  } catch {
    return null;
  }
}

function paragraphMarkdown(node: PMNode): string {
  return verifiedInline(node, 'block', finishLines, node.type.schema);
}

function headingMarkdown(node: PMNode): string {
  const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1));
  const hashes = '#'.repeat(level);
  const wrap = (s: string) => {
    let body = s.trim();
    // A trailing run of '#' would be read as the heading's closing sequence.
    body = body.replace(/(^|\s)(#+)$/, (_m, sp: string, h: string) => `${sp}\\${h}`);
    return body ? `${hashes} ${body}` : hashes;
  };
  return verifiedInline(node, 'heading', wrap, node.type.schema);
}

function codeBlockMarkdown(node: PMNode): string {
  const text = node.textContent;
  let longest = 0;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const lang = String(node.attrs.language ?? '').replace(/[\s`]/g, '');
  return `${fence}${lang}\n${text}${text ? '\n' : ''}${fence}`;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\ud800-\udbff][\udc00-\udfff]/g;

function displayWidth(s: string): number {
  const wide = s.match(WIDE);
  let width = s.length;
  if (wide) for (const w of wide) width += w.length === 2 ? 0 : 1;
  return width;
}

function cellParts(node: PMNode, out: string[]): void {
  node.forEach((child) => {
    if (child.isTextblock) {
      out.push(verifiedInline(child, 'table', (s) => s.trim(), node.type.schema));
    } else if (child.type.name === 'privateBlock') {
      // Unwrapped here; the table as a whole becomes private (see tableMarkdown).
      cellParts(child, out);
    } else {
      // Lists or code inside a cell have no GFM form: keep their text on one line.
      out.push(blockMarkdown(child).replace(/\|/g, '\\|').replace(/\n+/g, ' '));
    }
  });
}

function cellMarkdown(cell: PMNode): string {
  const parts: string[] = [];
  cellParts(cell, parts);
  return parts.filter((p) => p !== '').join('<br>');
}

function tableMarkdown(node: PMNode): string {
  const rows: string[][] = [];
  const aligns: (string | null)[] = [];
  node.forEach((row, _o, r) => {
    const cells: string[] = [];
    row.forEach((cell) => {
      if (r === 0) aligns.push((cell.attrs.align as string | null) ?? null);
      cells.push(cellMarkdown(cell));
      const span = Number(cell.attrs.colspan) || 1;
      for (let k = 1; k < span; k += 1) {
        cells.push('');
        if (r === 0) aligns.push(null);
      }
    });
    rows.push(cells);
  });
  if (!rows.length) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols; c += 1) {
    widths.push(Math.max(3, ...rows.map((r) => displayWidth(r[c] ?? ''))));
  }
  const line = (cells: string[]) =>
    `| ${widths
      .map((w, c) => {
        const v = cells[c] ?? '';
        return v + ' '.repeat(w - displayWidth(v));
      })
      .join(' | ')} |`;
  const delimiter = `| ${widths
    .map((w, c) => {
      const a = aligns[c];
      if (a === 'center') return `:${'-'.repeat(w - 2)}:`;
      if (a === 'right') return `${'-'.repeat(w - 1)}:`;
      if (a === 'left') return `:${'-'.repeat(w - 1)}`;
      return '-'.repeat(w);
    })
    .join(' | ')} |`;
  const table = [line(rows[0]!), delimiter, ...rows.slice(1).map(line)].join('\n');
  // GFM cells cannot hold a private block. Rather than flattening private text into a public
  // cell, the whole table becomes private (fail closed; nothing is lost).
  let hasPrivate = false;
  node.descendants((n) => {
    if (n.type.name === 'privateBlock') hasPrivate = true;
    return !hasPrivate;
  });
  return hasPrivate ? `:::private\n${table}\n:::` : table;
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? first + l : l ? rest + l : ''))
    .join('\n');
}

const LIST_TYPES = new Set(['bulletList', 'orderedList', 'taskList']);

/** Join sibling blocks. Adjacent lists of one kind alternate their marker so they stay separate lists. */
function blockChildren(parent: PMNode, inListItem = false): string {
  let out = '';
  let prev: PMNode | null = null;
  let alt = false;
  parent.forEach((child) => {
    alt = prev !== null && LIST_TYPES.has(child.type.name) && sameListFamily(prev, child) ? !alt : false;
    const md = blockMarkdown(child, alt);
    if (md === '') return;
    if (out !== '') {
      // Inside a list item a nested list follows its paragraph directly (a tight list).
      out += inListItem && prev?.type.name === 'paragraph' && LIST_TYPES.has(child.type.name) ? '\n' : '\n\n';
    }
    out += md;
    prev = child;
  });
  return out;
}

function sameListFamily(a: PMNode, b: PMNode): boolean {
  const family = (n: PMNode) =>
    n.type.name === 'orderedList' ? 'ordered' : LIST_TYPES.has(n.type.name) ? 'bullet' : n.type.name;
  // A bullet list after a task list stays apart anyway (the parser splits mixed lists).
  return family(a) === family(b) && (a.type === b.type || family(a) === 'ordered');
}

function listItemBody(item: PMNode): string {
  const cached = itemCache.get(item);
  if (cached !== undefined) return cached;
  const md = blockChildren(item, true);
  itemCache.set(item, md);
  return md;
}

function listMarkdown(node: PMNode, alt: boolean): string {
  const lines: string[] = [];
  const start = Number(node.attrs.start ?? 1) || 1;
  node.forEach((item, _o, i) => {
    let marker: string;
    let indent: number;
    if (node.type.name === 'orderedList') {
      marker = `${start + i}${alt ? ')' : '.'}`;
      indent = marker.length + 1;
    } else {
      marker = alt ? '*' : '-';
      indent = 2;
      if (item.type.name === 'taskItem') marker += item.attrs.checked ? ' [x]' : ' [ ]';
    }
    const body = listItemBody(item);
    lines.push(body ? prefixLines(body, `${marker} `, ' '.repeat(indent)) : marker);
  });
  return lines.join('\n');
}

function quoteMarkdown(node: PMNode): string {
  const inner = blockChildren(node);
  return inner
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

function blockMarkdown(node: PMNode, alt = false): string {
  if (alt) return listMarkdown(node, true);
  const cached = blockCache.get(node);
  if (cached !== undefined) return cached;
  let md: string;
  switch (node.type.name) {
    case 'paragraph':
      md = paragraphMarkdown(node);
      break;
    case 'heading':
      md = headingMarkdown(node);
      break;
    case 'blockquote':
      md = quoteMarkdown(node);
      break;
    case 'bulletList':
    case 'orderedList':
    case 'taskList':
      md = listMarkdown(node, false);
      break;
    case 'codeBlock':
      md = codeBlockMarkdown(node);
      break;
    case 'horizontalRule':
      md = '---';
      break;
    case 'table':
      md = tableMarkdown(node);
      break;
    case 'privateBlock': {
      const inner = blockChildren(node);
      md = inner ? `:::private\n${inner}\n:::` : ':::private\n:::';
      break;
    }
    case 'htmlBlock':
      md = node.textContent.replace(/\s+$/, '');
      break;
    case 'image':
      md = imageMarkdown(node);
      break;
    default:
      md = node.isTextblock ? paragraphMarkdown(node) : blockChildren(node);
  }
  blockCache.set(node, md);
  return md;
}

/** Serialise a whole document. Empty documents give "", others end with one newline. */
export function serializeDoc(doc: PMNode): string {
  const body = blockChildren(doc);
  return body ? `${body}\n` : '';
}
