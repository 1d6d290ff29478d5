// Entry markdown -> safe HTML, for the published site and the standalone HTML/PDF export of one entry.
//
// Safety rules (nothing from an entry can run script on a page Folio writes):
// - raw HTML is never rendered: a block of it is shown as code (as the editor shows it), HTML comments are
//   dropped, and inline tags become literal text, except <br> and balanced pairs of a few formatting
//   tags (<b> <strong> <i> <em> <del> <s> <mark> <sub> <sup> <u> <kbd>) that the editor itself writes
//   next to CJK punctuation; those are re-emitted without attributes;
// - URLs pass an allow-list: http(s), mailto, relative paths and #anchors; `folio://blob/<sha>` and the
//   rest go through the caller's resolver; `data:` only for raster images; anything else (javascript:,
//   vbscript:, file:...) is dropped and the text kept;
// - `:::private` blocks (and a table holding one) are left out unless `includePrivate`.
import { Marked, type Token, type Tokens } from 'marked';
import { extractTags, markdownToPlainText } from '../../journal';
import {
  highlightExtension,
  privateBlockExtension,
  tableHasPrivate,
  wikilinkExtension,
  type HighlightToken,
  type PrivateBlockToken,
  type WikilinkToken,
} from './dialect';

export interface RenderOptions {
  /** Render `:::private` blocks (as a marked box) instead of leaving them out. Default false. */
  includePrivate?: boolean;
  /**
   * What an image or link URL becomes in the page: a `folio://blob/<sha>` must be mapped here (to a copied
   * file, a data: URL...) or it is dropped. Return null to drop the URL (the text stays). Called only with
   * URLs that passed the allow-list or are folio blobs.
   */
  resolveUrl?(url: string, use: 'image' | 'link'): string | null;
  /** Where a [[wikilink]] points, or null for plain text. */
  resolveWikilink?(target: string): string | null;
}

export interface RenderedMarkdown {
  html: string;
  /** The visible content (private blocks left out unless included) as markdown-ish text: for tags and links. */
  visibleMarkdown: string;
  /** Plain text of the visible content (for excerpts, RSS, PDF). */
  text: string;
  /** #tags of the visible content. */
  tags: string[];
  /** Image URLs of the visible content, as written (before resolving). */
  images: string[];
  /** Wikilink targets of the visible content. */
  wikilinks: string[];
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

const BLOB_URL = /^folio:\/\/blob\/([0-9a-f]{64})$/;
export function blobShaOf(url: string): string | null {
  return BLOB_URL.exec(url.trim())?.[1] ?? null;
}

/** `javascript:` hides behind control characters and entities in the wild; test what a browser would see. */
function schemeOf(url: string): string | null {
  const probe = url
    .replace(/&#x?[0-9a-f]+;?|&colon;|&tab;|&newline;/gi, (m) => {
      const lower = m.toLowerCase();
      if (lower.startsWith('&colon')) return ':';
      if (lower.startsWith('&tab') || lower.startsWith('&newline')) return '';
      const code = lower.startsWith('&#x') ? parseInt(lower.slice(3), 16) : parseInt(lower.slice(2), 10);
      return Number.isFinite(code) && code > 0x20 ? String.fromCodePoint(code) : '';
    })
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(probe);
  if (m) return m[1]!;
  // "//host/path" is protocol-relative: treat as a web URL.
  return probe.startsWith('//') ? 'https' : null;
}

const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|avif|bmp);base64,[a-z0-9+/=\s]+$/i;

/** The URL to emit, or null. */
export function safeUrl(url: string, use: 'image' | 'link', resolve?: RenderOptions['resolveUrl']): string | null {
  const u = url.trim();
  if (!u) return null;
  if (blobShaOf(u)) return resolve ? resolve(u, use) : null;
  const scheme = schemeOf(u);
  if (scheme === null) return resolve ? resolve(u, use) : u; // relative path or #anchor
  if (scheme === 'http' || scheme === 'https') return resolve ? resolve(u, use) : u;
  if (scheme === 'mailto' && use === 'link') return u;
  if (scheme === 'data' && use === 'image' && RASTER_DATA.test(u)) return u;
  return null;
}

const INLINE_TAGS: Record<string, string> = {
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  del: 'del',
  s: 'del',
  strike: 'del',
  mark: 'mark',
  sub: 'sub',
  sup: 'sup',
  u: 'u',
  kbd: 'kbd',
};

type MarkedTag = Tokens.Tag & { folioTag?: string };

/** Pairs up allowed inline tags within each run of inline tokens; only balanced pairs (and <br>) are rendered. */
function markInlineHtml(tokens: readonly Token[]): void {
  const stack: { name: string; token: MarkedTag }[] = [];
  for (const t of tokens) {
    if (t.type === 'html' && !(t as Tokens.HTML).block) {
      const tag = t as MarkedTag;
      const text = tag.text.trim();
      if (/^<br\s*\/?>$/i.test(text)) {
        tag.folioTag = '<br>';
        continue;
      }
      const m = /^<(\/?)([a-z]+)\s*>$/i.exec(text);
      const name = m ? INLINE_TAGS[m[2]!.toLowerCase()] : undefined;
      if (!m || !name) continue;
      if (!m[1]) stack.push({ name, token: tag });
      else {
        const k = stack.map((s) => s.name).lastIndexOf(name);
        if (k >= 0) {
          stack[k]!.token.folioTag = `<${name}>`;
          tag.folioTag = `</${name}>`;
          stack.splice(k);
        }
      }
    }
  }
  for (const t of tokens) {
    const anyT = t as unknown as {
      tokens?: Token[];
      items?: Token[];
      header?: { tokens: Token[] }[];
      rows?: { tokens: Token[] }[][];
    };
    if (Array.isArray(anyT.tokens)) markInlineHtml(anyT.tokens);
    if (t.type === 'list') for (const item of anyT.items ?? []) markInlineHtml([item]);
    if (t.type === 'table') {
      for (const cell of anyT.header ?? []) markInlineHtml(cell.tokens);
      for (const row of anyT.rows ?? []) for (const cell of row) markInlineHtml(cell.tokens);
    }
  }
}

/** Visible leaf blocks' source (private blocks and tables holding one left out). */
function collectVisible(
  tokens: readonly Token[],
  includePrivate: boolean,
  out: string[],
  images: string[],
  wikilinks: string[],
): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'privateBlock':
        if (includePrivate) collectVisible((t as unknown as PrivateBlockToken).tokens, includePrivate, out, images, wikilinks);
        break;
      case 'list':
        for (const item of (t as Tokens.List).items) collectVisible(item.tokens, includePrivate, out, images, wikilinks);
        break;
      case 'blockquote':
        collectVisible((t as Tokens.Blockquote).tokens, includePrivate, out, images, wikilinks);
        break;
      case 'table':
        if (!includePrivate && tableHasPrivate(t)) break;
        out.push(t.raw);
        collectInline(t, images, wikilinks);
        break;
      case 'paragraph':
      case 'heading':
      case 'text':
        out.push(t.raw);
        collectInline(t, images, wikilinks);
        break;
      default:
        break;
    }
  }
}

function collectInline(t: Token, images: string[], wikilinks: string[]): void {
  const visit = (list: readonly Token[] | undefined) => {
    for (const x of list ?? []) {
      if (x.type === 'image') images.push((x as Tokens.Image).href);
      else if (x.type === 'wikilink') wikilinks.push((x as unknown as WikilinkToken).target);
      const anyX = x as unknown as { tokens?: Token[] };
      visit(anyX.tokens);
    }
  };
  if (t.type === 'table') {
    const tt = t as Tokens.Table;
    for (const c of tt.header) visit(c.tokens);
    for (const r of tt.rows) for (const c of r) visit(c.tokens);
  } else visit((t as { tokens?: Token[] }).tokens);
}

/**
 * A renderer with Folio's dialect. One instance can render many entries (each call takes its own
 * options); it is synchronous and not re-entrant.
 */
export class MarkdownRenderer {
  private readonly marked: Marked;
  /** The options of the render in progress (read by the renderer callbacks, whose `this` is marked's). */
  private readonly state: { opts: RenderOptions } = { opts: {} };

  constructor() {
    const self = this.state;
    this.marked = new Marked({ gfm: true, breaks: false });
    this.marked.use({
      extensions: [
        {
          ...privateBlockExtension,
          renderer(token) {
            if (!self.opts.includePrivate) return '';
            return `<div class="private-block" data-private="true">${this.parser.parse((token as unknown as PrivateBlockToken).tokens)}</div>\n`;
          },
        },
        {
          ...wikilinkExtension,
          renderer(token) {
            const t = token as unknown as WikilinkToken;
            const text = escapeHtml(t.alias ?? t.target);
            const href = self.opts.resolveWikilink?.(t.target) ?? null;
            return href ? `<a class="wikilink" href="${escapeHtml(href)}">${text}</a>` : `<span class="wikilink">${text}</span>`;
          },
        },
        {
          ...highlightExtension,
          renderer(token) {
            return `<mark>${this.parser.parseInline((token as unknown as HighlightToken).tokens)}</mark>`;
          },
        },
      ],
      renderer: {
        html(token) {
          const t = token as MarkedTag;
          if (t.folioTag) return t.folioTag;
          if (/^\s*(<!--[\s\S]*?-->\s*)+$/.test(t.text)) return '';
          if (t.block) return `<pre class="raw-html"><code>${escapeHtml(t.text.replace(/\n+$/, ''))}</code></pre>\n`;
          return escapeHtml(t.text);
        },
        link(token) {
          const inner = this.parser.parseInline(token.tokens);
          const href = safeUrl(token.href, 'link', self.opts.resolveUrl);
          if (!href) return inner;
          const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
          const external = /^(https?:)?\/\//i.test(href) ? ' rel="noopener noreferrer"' : '';
          return `<a href="${escapeHtml(href)}"${title}${external}>${inner}</a>`;
        },
        image(token) {
          const src = safeUrl(token.href, 'image', self.opts.resolveUrl);
          const alt = escapeHtml(token.text);
          if (!src) return alt ? `<span class="missing-image">[${alt}]</span>` : '';
          const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
          return `<img src="${escapeHtml(src)}" alt="${alt}"${title} loading="lazy">`;
        },
        table(token) {
          if (!self.opts.includePrivate && tableHasPrivate(token)) return '';
          return false;
        },
      },
    });
  }

  render(markdown: string, opts: RenderOptions = {}): RenderedMarkdown {
    this.state.opts = opts;
    const src = markdown.replace(/\r\n?/g, '\n');
    let tokens: Token[];
    try {
      tokens = this.marked.lexer(src);
    } catch {
      // marked should not throw; if it does, show the text, escaped, rather than nothing (or raw HTML).
      const text = opts.includePrivate ? src : '';
      return { html: `<pre>${escapeHtml(text)}</pre>`, visibleMarkdown: text, text, tags: [], images: [], wikilinks: [] };
    }
    markInlineHtml(tokens);
    const visible: string[] = [];
    const images: string[] = [];
    const wikilinks: string[] = [];
    collectVisible(tokens, opts.includePrivate ?? false, visible, images, wikilinks);
    const html = this.marked.parser(tokens);
    const visibleMarkdown = visible.join('\n\n');
    return {
      html,
      visibleMarkdown,
      text: markdownToPlainText(visibleMarkdown),
      tags: extractTags(visibleMarkdown),
      images,
      wikilinks: [...new Set(wikilinks)],
    };
  }
}
