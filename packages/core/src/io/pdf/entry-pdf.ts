// One entry as a PDF, laid out here with pdf-lib (no browser engine exists in serve mode or the CLI):
// A4, title and meta line, headings, paragraphs with bold/italic/code/links/highlights/strikethrough,
// lists (nested, numbered, tasks), quotes, code blocks, tables, rules, PNG/JPEG images from blobs, page
// numbers. Lines break between words and between any two CJK characters (closing punctuation stays
// with the character before it). Fonts: see fonts.ts — each character uses the first installed font
// that has it; missing ones print as "?" and are listed in `missingGlyphs`.
//
// What it cannot do: right-to-left scripts and complex shaping (Arabic, Devanagari) come out unshaped;
// there is no real bold or italic face (bold is drawn twice with a small offset, italic is slanted);
// GIF/WebP/SVG images and remote images show as their alt text; a table row taller than a page overflows.
import fontkit from '@pdf-lib/fontkit';
import { Marked, type Token, type Tokens } from 'marked';
import { degrees, PDFDocument, PDFString, rgb, StandardFonts, type Color, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CoreContext } from '../../app/context';
import type { EntryDto } from '../../contract/journal';
import { decodeEntities } from '../../journal';
import { sniffMime } from '../../system/blobs';
import {
  highlightExtension,
  privateBlockExtension,
  tableHasPrivate,
  wikilinkExtension,
  type PrivateBlockToken,
  type WikilinkToken,
} from '../render/dialect';
import { blobShaOf, safeUrl } from '../render/html';
import { findFonts, type LazyFont } from './fonts';

// ----- Document model -----------------------------------------------------------------------------

interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  strike?: boolean;
  mark?: boolean;
  link?: string;
  wiki?: boolean;
}

type Block =
  | { t: 'heading'; depth: number; runs: Run[] }
  | { t: 'para'; runs: Run[] }
  | { t: 'code'; text: string }
  | { t: 'list'; ordered: boolean; start: number; items: { task: boolean; checked: boolean; blocks: Block[] }[] }
  | { t: 'quote'; blocks: Block[] }
  | { t: 'private'; blocks: Block[] }
  | { t: 'table'; header: Run[][]; rows: Run[][][] }
  | { t: 'hr' }
  | { t: 'image'; href: string; alt: string };

let lexer: Marked | null = null;
function markedLexer(): Marked {
  lexer ??= new Marked({ gfm: true }).use({ extensions: [privateBlockExtension, wikilinkExtension, highlightExtension] });
  return lexer;
}

const INLINE_TAG = /^<\/?(b|strong|i|em|del|s|strike|mark|sub|sup|u|kbd|br)\s*\/?>$/i;

function inlineRuns(tokens: readonly Token[] | undefined, style: Omit<Run, 'text'>, images: Block[]): Run[] {
  const out: Run[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...inlineRuns((t as Tokens.Strong).tokens, { ...style, bold: true }, images));
        break;
      case 'em':
        out.push(...inlineRuns((t as Tokens.Em).tokens, { ...style, italic: true }, images));
        break;
      case 'del':
        out.push(...inlineRuns((t as Tokens.Del).tokens, { ...style, strike: true }, images));
        break;
      case 'highlight':
        out.push(...inlineRuns((t as { tokens: Token[] }).tokens, { ...style, mark: true }, images));
        break;
      case 'codespan':
        out.push({ ...style, code: true, text: decodeEntities((t as Tokens.Codespan).text) });
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const href = safeUrl(l.href, 'link');
        const linkable = href && /^(https?:|mailto:)/i.test(href) ? href : undefined;
        out.push(...inlineRuns(l.tokens, { ...style, ...(linkable ? { link: linkable } : {}) }, images));
        break;
      }
      case 'image': {
        const i = t as Tokens.Image;
        images.push({ t: 'image', href: i.href, alt: i.text });
        break;
      }
      case 'wikilink': {
        const w = t as unknown as WikilinkToken;
        out.push({ ...style, wiki: true, text: w.alias ?? w.target });
        break;
      }
      case 'br':
        out.push({ ...style, text: '\n' });
        break;
      case 'html': {
        const text = (t as Tokens.Tag).text;
        if (/^<br\s*\/?>$/i.test(text.trim())) out.push({ ...style, text: '\n' });
        else if (!INLINE_TAG.test(text.trim()) && !/^<!--[\s\S]*-->$/.test(text.trim())) out.push({ ...style, text });
        break;
      }
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens?.length) out.push(...inlineRuns(tt.tokens, style, images));
        else out.push({ ...style, text: decodeEntities(tt.text) });
        break;
      }
      case 'escape':
        out.push({ ...style, text: (t as Tokens.Escape).text });
        break;
      default:
        if ('text' in t && typeof t.text === 'string') out.push({ ...style, text: decodeEntities(t.text) });
    }
  }
  return out;
}

function toBlocks(tokens: readonly Token[], includePrivate: boolean): Block[] {
  const out: Block[] = [];
  for (const t of tokens) {
    const images: Block[] = [];
    switch (t.type) {
      case 'privateBlock':
        if (includePrivate) out.push({ t: 'private', blocks: toBlocks((t as unknown as PrivateBlockToken).tokens, true) });
        break;
      case 'heading':
        out.push({
          t: 'heading',
          depth: (t as Tokens.Heading).depth,
          runs: inlineRuns((t as Tokens.Heading).tokens, {}, images),
        });
        break;
      case 'paragraph':
      case 'text': {
        const runs = inlineRuns(
          (t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Token],
          {},
          images,
        );
        if (runs.some((r) => r.text.trim())) out.push({ t: 'para', runs });
        break;
      }
      case 'code':
        out.push({ t: 'code', text: (t as Tokens.Code).text });
        break;
      case 'html': {
        const text = (t as Tokens.HTML).text.replace(/\n+$/, '');
        if (!/^\s*(<!--[\s\S]*?-->\s*)+$/.test(text)) out.push({ t: 'code', text });
        break;
      }
      case 'blockquote':
        out.push({ t: 'quote', blocks: toBlocks((t as Tokens.Blockquote).tokens, includePrivate) });
        break;
      case 'list': {
        const l = t as Tokens.List;
        out.push({
          t: 'list',
          ordered: l.ordered,
          start: typeof l.start === 'number' ? l.start : 1,
          items: l.items.map((item) => ({
            task: item.task,
            checked: !!item.checked,
            blocks: toBlocks(
              item.tokens.filter((x) => x.type !== 'checkbox'),
              includePrivate,
            ),
          })),
        });
        break;
      }
      case 'table': {
        if (!includePrivate && tableHasPrivate(t)) break;
        const tb = t as Tokens.Table;
        out.push({
          t: 'table',
          header: tb.header.map((c) => inlineRuns(c.tokens, { bold: true }, images)),
          rows: tb.rows.map((r) => r.map((c) => inlineRuns(c.tokens, {}, images))),
        });
        break;
      }
      case 'hr':
        out.push({ t: 'hr' });
        break;
      default:
        break;
    }
    out.push(...images);
  }
  return out;
}

// ----- Fonts per character --------------------------------------------------------------------------

interface ResolvedFont {
  font: PDFFont;
  has(cp: number): boolean;
  name: string;
}

class FontSet {
  private readonly embedded = new Map<LazyFont, ResolvedFont | null>();
  private helvetica: ResolvedFont | null = null;
  private courier: ResolvedFont | null = null;
  readonly missing = new Set<string>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly text: LazyFont[],
    private readonly mono: LazyFont[],
  ) {}

  private async embed(lazy: LazyFont): Promise<ResolvedFont | null> {
    if (this.embedded.has(lazy)) return this.embedded.get(lazy)!;
    const f = lazy.get();
    let r: ResolvedFont | null = null;
    if (f) {
      try {
        r = { font: await this.doc.embedFont(f.bytes, { subset: !f.cff }), has: (cp) => f.has(cp), name: f.name };
      } catch {
        r = null;
      }
    }
    this.embedded.set(lazy, r);
    return r;
  }

  async standard(): Promise<void> {
    const winAnsi = (font: PDFFont, name: string) => {
      const set = new Set(font.getCharacterSet());
      return { font, has: (cp: number) => set.has(cp), name };
    };
    this.helvetica = winAnsi(await this.doc.embedFont(StandardFonts.Helvetica), 'Helvetica');
    this.courier = winAnsi(await this.doc.embedFont(StandardFonts.Courier), 'Courier');
  }

  /** The fonts to try for a run, best first (loaded on demand). */
  private candidates(code: boolean): LazyFont[] {
    return code ? [...this.mono, ...this.text] : this.text;
  }

  /** Embeds the fonts this text needs (the first font of the chain having each character), before layout. */
  async need(text: string, code: boolean): Promise<void> {
    const seen = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || seen.has(cp)) continue;
      seen.add(cp);
      // Only a font that has the character is embedded (an unused CFF font would be embedded whole).
      const lazy = this.candidates(code).find((l) => l.get()?.has(cp));
      if (lazy) await this.embed(lazy);
    }
  }

  /** The font that draws this character (or null: no font has it). */
  fontFor(cp: number, code: boolean): PDFFont | null {
    for (const lazy of this.candidates(code)) {
      const r = this.embedded.get(lazy);
      if (r && r.has(cp)) return r.font;
    }
    const std = code ? this.courier : this.helvetica;
    if (std && std.has(cp)) return std.font;
    const other = code ? this.helvetica : this.courier;
    if (other && other.has(cp)) return other.font;
    return null;
  }

  fallback(code: boolean): PDFFont {
    for (const lazy of this.candidates(code)) {
      const r = this.embedded.get(lazy);
      if (r && r.has(0x3f)) return r.font;
    }
    return (code ? this.courier : this.helvetica)!.font;
  }

  /** Installed fonts embedded in this document. */
  used(): string[] {
    return [...this.embedded.values()].filter((r): r is ResolvedFont => !!r).map((r) => r.name);
  }
}

// ----- Layout ------------------------------------------------------------------------------------------

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = { top: 64, bottom: 64, left: 62, right: 62 };
const COLORS = {
  text: rgb(0.12, 0.14, 0.16),
  muted: rgb(0.4, 0.44, 0.5),
  link: rgb(0.23, 0.36, 0.86),
  line: rgb(0.85, 0.84, 0.81),
  codeBg: rgb(0.95, 0.945, 0.925),
  mark: rgb(1, 0.95, 0.69),
  privateBar: rgb(0.91, 0.64, 0.24),
  privateBg: rgb(1, 0.96, 0.9),
};

interface Frag {
  text: string;
  font: PDFFont;
  size: number;
  width: number;
  run: Run;
}

interface Line {
  frags: Frag[];
  width: number;
}

const CJK_CLASS =
  '\\u3000-\\u303f\\u2e80-\\u2fff\\u3040-\\u30ff\\u3100-\\u312f\\u3190-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff00-\\uffef';
const CLOSING = '，。、；：！？）」』》】〉…,.;:!?)]}”’%';
const PIECE = new RegExp(`\\s+|[${CJK_CLASS}][${CLOSING.replace(/[\]\\)]/g, '\\$&')}]*|[^\\s${CJK_CLASS}]+`, 'gu');

/** Breakable pieces: whitespace, words, single CJK characters (with the closing punctuation after them). */
function pieces(text: string): string[] {
  return [...text.matchAll(PIECE)].map((m) => m[0]);
}

function sameStyle(a: Run, b: Run): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.code === b.code &&
    a.strike === b.strike &&
    a.mark === b.mark &&
    a.link === b.link &&
    a.wiki === b.wiki
  );
}

class Writer {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  /** Vertical bars drawn beside every line while a quote or private block is open. */
  private bars: { x: number; color: Color }[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
    private readonly images: (href: string) => Promise<{ bytes: Uint8Array; mime: string } | null>,
  ) {
    this.newPage();
  }

  get bottom(): number {
    return MARGIN.bottom;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.pages.push(this.page);
    this.y = A4.h - MARGIN.top;
  }

  ensure(h: number): void {
    if (this.y - h < this.bottom && this.y < A4.h - MARGIN.top - 1) this.newPage();
  }

  space(h: number): void {
    this.y -= h;
  }

  private readonly widths = new Map<PDFFont, Map<string, number>>();

  /** Width at size 1 (widths scale linearly), cached: measuring runs a text shaper and words repeat. */
  private width(font: PDFFont, text: string): number {
    let m = this.widths.get(font);
    if (!m) this.widths.set(font, (m = new Map()));
    let w = m.get(text);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, 1);
      m.set(text, w);
    }
    return w;
  }

  /** Splits text into fragments of one font each, replacing characters no font has. */
  frags(run: Run, size: number): Frag[] {
    const out: Frag[] = [];
    let cur: { text: string; font: PDFFont } | null = null;
    const push = () => {
      if (cur && cur.text) out.push({ text: cur.text, font: cur.font, size, width: this.width(cur.font, cur.text) * size, run });
    };
    for (const ch of run.text.replace(/\t/g, '    ')) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x200d) continue; // controls, variation selectors, ZWJ
      let font = this.fonts.fontFor(cp, !!run.code);
      let c = ch;
      if (!font) {
        this.fonts.missing.add(ch);
        font = this.fonts.fallback(!!run.code);
        c = '?';
      }
      if (cur && cur.font === font) cur.text += c;
      else {
        push();
        cur = { text: c, font };
      }
    }
    push();
    return out;
  }

  /** Greedy line breaking of styled runs into lines no wider than `width`. */
  layout(runs: Run[], size: number, width: number): Line[] {
    const lines: Line[] = [];
    let line: Line = { frags: [], width: 0 };
    const flush = () => {
      // Trailing spaces do not count.
      while (line.frags.length && !line.frags[line.frags.length - 1]!.text.trim()) {
        line.width -= line.frags.pop()!.width;
      }
      lines.push(line);
      line = { frags: [], width: 0 };
    };
    for (const run of runs) {
      const parts = run.text.split('\n');
      parts.forEach((part, pi) => {
        if (pi > 0) flush();
        for (const piece of pieces(part)) {
          const isSpace = !piece.trim();
          if (isSpace && line.frags.length === 0) continue;
          const fr = this.frags({ ...run, text: isSpace ? ' ' : piece }, size);
          const w = fr.reduce((s, f) => s + f.width, 0);
          const closingOnly = [...piece].every((ch) => CLOSING.includes(ch));
          if (line.width + w > width && line.frags.length > 0 && !isSpace && !closingOnly) flush();
          if (w > width && !isSpace) {
            // A word wider than the line: break it between characters.
            for (const ch of piece) {
              const cf = this.frags({ ...run, text: ch }, size);
              const cw = cf.reduce((s, f) => s + f.width, 0);
              if (line.width + cw > width && line.frags.length > 0) flush();
              line.frags.push(...cf);
              line.width += cw;
            }
            continue;
          }
          if (isSpace && line.width + w > width) continue;
          line.frags.push(...fr);
          line.width += w;
        }
      });
    }
    if (line.frags.length || lines.length === 0) flush();
    return lines;
  }

  private drawBars(top: number, bottom: number): void {
    for (const b of this.bars)
      this.page.drawLine({ start: { x: b.x, y: top }, end: { x: b.x, y: bottom }, thickness: 2.5, color: b.color });
  }

  drawLines(
    lines: Line[],
    x: number,
    size: number,
    leading: number,
    opts: { color?: Color; align?: 'left' | 'center'; width?: number; background?: Color } = {},
  ): void {
    const h = size * leading;
    for (const line of lines) {
      this.ensure(h);
      const top = this.y;
      if (opts.background)
        this.page.drawRectangle({ x: x - 6, y: top - h, width: (opts.width ?? 0) + 12, height: h, color: opts.background });
      this.drawBars(top, top - h);
      const baseline = top - (h - size) / 2 - size * 0.82;
      let cx = opts.align === 'center' && opts.width ? x + (opts.width - line.width) / 2 : x;
      // One drawText per run of the same font and style (encoding text runs the shaper again).
      const merged: Frag[] = [];
      for (const f of line.frags) {
        const last = merged[merged.length - 1];
        if (last && last.font === f.font && last.size === f.size && sameStyle(last.run, f.run))
          merged[merged.length - 1] = { ...last, text: last.text + f.text, width: last.width + f.width };
        else merged.push(f);
      }
      for (const f of merged) {
        const r = f.run;
        const color = r.link || r.wiki ? COLORS.link : (opts.color ?? COLORS.text);
        if (r.mark)
          this.page.drawRectangle({ x: cx, y: baseline - size * 0.22, width: f.width, height: size * 1.15, color: COLORS.mark });
        if (r.code)
          this.page.drawRectangle({
            x: cx - 1,
            y: baseline - size * 0.25,
            width: f.width + 2,
            height: size * 1.2,
            color: COLORS.codeBg,
          });
        const common = { x: cx, y: baseline, size: f.size, font: f.font, color, ...(r.italic ? { ySkew: degrees(12) } : {}) };
        this.page.drawText(f.text, common);
        if (r.bold) this.page.drawText(f.text, { ...common, x: cx + Math.max(0.3, f.size * 0.035) });
        if (r.strike)
          this.page.drawLine({
            start: { x: cx, y: baseline + size * 0.3 },
            end: { x: cx + f.width, y: baseline + size * 0.3 },
            thickness: 0.7,
            color,
          });
        if (r.link) {
          this.page.drawLine({
            start: { x: cx, y: baseline - 1.5 },
            end: { x: cx + f.width, y: baseline - 1.5 },
            thickness: 0.5,
            color,
          });
          this.linkAnnotation(cx, baseline - 2, cx + f.width, baseline + size * 0.9, r.link);
        }
        cx += f.width;
      }
      this.y -= h;
    }
  }

  private linkAnnotation(x1: number, y1: number, x2: number, y2: number, url: string): void {
    const ctx = this.doc.context;
    const annot = ctx.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [x1, y1, x2, y2],
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    });
    this.page.node.addAnnot(ctx.register(annot));
  }

  async blocks(blocks: Block[], x: number, width: number): Promise<void> {
    for (const b of blocks) await this.block(b, x, width);
  }

  async block(b: Block, x: number, width: number): Promise<void> {
    switch (b.t) {
      case 'heading': {
        const size = [0, 19, 16, 13.5, 12, 11.5, 11][b.depth] ?? 11;
        this.space(size * 0.6);
        const lines = this.layout(
          b.runs.map((r) => ({ ...r, bold: true })),
          size,
          width,
        );
        this.ensure(size * 1.35 * Math.min(lines.length, 2) + 20); // keep a heading with what follows
        this.drawLines(lines, x, size, 1.35);
        this.space(size * 0.25);
        break;
      }
      case 'para':
        this.drawLines(this.layout(b.runs, 11, width), x, 11, 1.55);
        this.space(6);
        break;
      case 'code': {
        const size = 9.5;
        const lines = b.text.split('\n').flatMap((l) => this.layout([{ text: l.length ? l : ' ', code: true }], size, width - 4));
        this.space(2);
        this.drawLines(lines, x + 2, size, 1.45, { background: COLORS.codeBg, width: width - 4 });
        this.space(8);
        break;
      }
      case 'list': {
        let n = b.start;
        for (const item of b.items) {
          const marker = b.ordered ? `${n++}.` : item.task ? (item.checked ? '☑' : '☐') : '•';
          const usable = [...marker].every((ch) => this.fonts.fontFor(ch.codePointAt(0)!, false) !== null);
          const text = usable ? marker : item.task ? (item.checked ? '[x]' : '[ ]') : '-';
          this.ensure(11 * 1.55);
          const top = this.y;
          const indent = b.ordered ? 20 : 16;
          const page = this.page;
          await this.blocks(
            item.blocks.length ? item.blocks : [{ t: 'para', runs: [{ text: ' ' }] }],
            x + indent,
            width - indent,
          );
          // The marker goes beside the item's first line (on the page where it started).
          const mf = this.frags({ text }, 11);
          let mx = x + indent - 5 - mf.reduce((s, f) => s + f.width, 0);
          for (const f of mf) {
            page.drawText(f.text, {
              x: mx,
              y: top - (11 * 1.55 - 11) / 2 - 11 * 0.82,
              size: 11,
              font: f.font,
              color: COLORS.muted,
            });
            mx += f.width;
          }
        }
        this.space(2);
        break;
      }
      case 'quote':
        this.bars.push({ x: x + 1, color: COLORS.line });
        await this.blocks(b.blocks, x + 14, width - 14);
        this.bars.pop();
        break;
      case 'private': {
        this.bars.push({ x: x + 1, color: COLORS.privateBar });
        this.drawLines(this.layout([{ text: 'PRIVATE' }], 7.5, width), x + 12, 7.5, 1.6, { color: COLORS.muted });
        await this.blocks(b.blocks, x + 12, width - 12);
        this.bars.pop();
        this.space(4);
        break;
      }
      case 'hr':
        this.ensure(20);
        this.space(10);
        this.page.drawLine({ start: { x, y: this.y }, end: { x: x + width, y: this.y }, thickness: 0.7, color: COLORS.line });
        this.space(10);
        break;
      case 'table':
        this.table(b, x, width);
        break;
      case 'image':
        await this.image(b, x, width);
        break;
    }
  }

  private table(b: Extract<Block, { t: 'table' }>, x: number, width: number): void {
    const cols = Math.max(b.header.length, ...b.rows.map((r) => r.length), 1);
    const size = 9.5;
    const pad = 4;
    const colW = width / cols;
    const rows = [b.header, ...b.rows];
    this.space(2);
    rows.forEach((row, ri) => {
      const cells = Array.from({ length: cols }, (_, c) => this.layout(row[c] ?? [], size, colW - pad * 2));
      const h = Math.max(...cells.map((l) => l.length)) * size * 1.4 + pad * 2;
      this.ensure(h);
      const top = this.y;
      if (ri === 0) this.page.drawRectangle({ x, y: top - h, width, height: h, color: COLORS.codeBg });
      cells.forEach((lines, c) => {
        const saved = this.y;
        this.y = top - pad;
        this.drawLines(lines, x + c * colW + pad, size, 1.4);
        this.y = saved;
      });
      for (let c = 0; c <= cols; c++)
        this.page.drawLine({
          start: { x: x + c * colW, y: top },
          end: { x: x + c * colW, y: top - h },
          thickness: 0.5,
          color: COLORS.line,
        });
      this.page.drawLine({ start: { x, y: top }, end: { x: x + width, y: top }, thickness: 0.5, color: COLORS.line });
      this.page.drawLine({ start: { x, y: top - h }, end: { x: x + width, y: top - h }, thickness: 0.5, color: COLORS.line });
      this.y = top - h;
    });
    this.space(8);
  }

  private async image(b: Extract<Block, { t: 'image' }>, x: number, width: number): Promise<void> {
    const data = await this.images(b.href);
    let img = null;
    try {
      if (data?.mime === 'image/png') img = await this.doc.embedPng(data.bytes);
      else if (data?.mime === 'image/jpeg') img = await this.doc.embedJpg(data.bytes);
    } catch {
      img = null;
    }
    if (!img) {
      const alt = b.alt || 'image';
      this.drawLines(this.layout([{ text: `[${alt}]`, italic: true }], 10, width), x, 10, 1.5, { color: COLORS.muted });
      this.space(4);
      return;
    }
    const maxH = (A4.h - MARGIN.top - MARGIN.bottom) * 0.6;
    const scale = Math.min(1, width / img.width, maxH / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    this.space(4);
    this.ensure(h);
    this.page.drawImage(img, { x, y: this.y - h, width: w, height: h });
    this.y -= h;
    this.space(8);
  }
}

function allText(blocks: Block[], out: { text: string; code: boolean }[]): void {
  const runs = (rs: Run[]) => rs.forEach((r) => out.push({ text: r.text, code: !!r.code }));
  for (const b of blocks) {
    if (b.t === 'heading' || b.t === 'para') runs(b.runs);
    else if (b.t === 'code') out.push({ text: b.text, code: true });
    else if (b.t === 'list') {
      out.push({ text: b.ordered ? '0123456789.' : b.items.some((i) => i.task) ? '☐☑[]x-' : '•-', code: false });
      b.items.forEach((i) => allText(i.blocks, out));
    } else if (b.t === 'quote' || b.t === 'private') allText(b.blocks, out);
    else if (b.t === 'table') {
      b.header.forEach(runs);
      b.rows.forEach((r) => r.forEach(runs));
    } else if (b.t === 'image') out.push({ text: `[${b.alt}]`, code: false });
  }
}

export interface EntryPdf {
  bytes: Uint8Array;
  pages: number;
  missingGlyphs: string[];
  /** File names of the installed fonts used. */
  fonts: string[];
}

export async function renderEntryPdf(
  ctx: CoreContext,
  e: EntryDto,
  opts: { includePrivate: boolean; kindName: string },
): Promise<EntryPdf> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const title = e.title || e.date;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setCreator('Folio');
  doc.setProducer('Folio');
  doc.setCreationDate(new Date(e.createdAt));
  doc.setModificationDate(new Date(e.updatedAt));
  if (e.tags.length) doc.setKeywords(e.tags);

  let tokens: Token[];
  try {
    tokens = markedLexer().lexer(e.body.replace(/\r\n?/g, '\n'));
  } catch {
    tokens = [{ type: 'code', raw: e.body, text: opts.includePrivate ? e.body : '' } as Token];
  }
  const blocks = toBlocks(tokens, opts.includePrivate);
  const chain = findFonts();
  const fonts = new FontSet(doc, chain.text, chain.mono);
  await fonts.standard();
  const meta = [`${e.date}${e.time ? ` ${e.time}` : ''}`, opts.kindName, ...e.tags.map((t) => `#${t}`)].join('  ·  ');
  const texts: { text: string; code: boolean }[] = [{ text: `${title}${meta}?PRIVATE1234567890/`, code: false }];
  allText(blocks, texts);
  for (const t of texts) await fonts.need(t.text, t.code);

  const w = new Writer(doc, fonts, async (href) => {
    const sha = blobShaOf(href);
    if (!sha || !ctx.blobs.has(sha)) return null;
    const bytes = ctx.blobs.read(sha);
    return { bytes: new Uint8Array(bytes), mime: sniffMime(bytes.subarray(0, 16)) };
  });
  const x = MARGIN.left;
  const width = A4.w - MARGIN.left - MARGIN.right;
  w.drawLines(w.layout([{ text: title, bold: true }], 22, width), x, 22, 1.3);
  w.space(2);
  w.drawLines(w.layout([{ text: meta }], 9.5, width), x, 9.5, 1.5, { color: COLORS.muted });
  w.space(6);
  w.page.drawLine({ start: { x, y: w.y }, end: { x: x + width, y: w.y }, thickness: 0.7, color: COLORS.line });
  w.space(14);
  await w.blocks(blocks, x, width);

  const numberFont = fonts.fallback(false);
  w.pages.forEach((p, i) => {
    const label = `${i + 1} / ${w.pages.length}`;
    const lw = numberFont.widthOfTextAtSize(label, 8.5);
    p.drawText(label, { x: (A4.w - lw) / 2, y: MARGIN.bottom / 2, size: 8.5, font: numberFont, color: COLORS.muted });
  });
  const bytes = await doc.save({ useObjectStreams: true });
  return {
    bytes,
    pages: w.pages.length,
    missingGlyphs: [...fonts.missing].sort(),
    fonts: fonts.used(),
  };
}
