import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import {
  concatTransformationMatrix,
  degrees,
  drawObject,
  grayscale,
  PDFDocument,
  PDFHexString,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { GIVEN_NAMES, SECTION_TITLES, SENTENCES, SURNAMES, TITLE_WORDS } from './corpus';

/**
 * Realistic research-paper PDFs for tests, e2e and benchmarks: a title page (banner, big title,
 * byline, affiliations, abstract, optional arXiv side stamp, DOI/copyright footer), body pages of
 * real sentences in one or two columns with running heads and page numbers, an optional outline
 * and Info dictionary. Deterministic for a given seed.
 */

export interface TestAuthor {
  name: string;
  /** 1-based affiliation numbers, printed as superscripts after the name ('line' and 'stacked' layouts). */
  affiliations?: number[];
  email?: string;
}

export interface ArxivStampSpec {
  id: string;
  version?: number;
  category?: string;
  /** As printed: "30 Jan 2017". */
  date?: string;
}

export interface MakePaperOptions {
  title?: string;
  authors?: (string | TestAuthor)[];
  affiliations?: string[];
  /** 'line': "A, B, and C" centred; 'grid': name/affiliation/email cells side by side; 'stacked': one author a line, email right. */
  authorLayout?: 'line' | 'grid' | 'stacked';
  abstract?: string;
  /** Total pages (default 3). */
  pages?: number;
  columns?: 1 | 2;
  /** Small line above the title, e.g. "Published as a conference paper at ICLR 2015". */
  banner?: string;
  /**
   * Lines set above the title on page 1 in type larger than the title (default 20 pt), as journal
   * mastheads, conference headers and preprint notices often are.
   */
  masthead?: string[];
  mastheadSize?: number;
  /** Header of pages 2..n (default: the title, shortened). False for none. */
  runningHead?: string | false;
  /** Rotated stamp in the left margin of page 1, as arXiv adds it. */
  arxiv?: ArxivStampSpec;
  /** Printed in page 1's footer as "doi:...". */
  doi?: string;
  /** Printed in page 1's footer as "© YEAR ...". */
  copyrightYear?: number;
  /** Printed in page 1's footer, e.g. "In Proceedings of FOLIOCONF 2021". */
  venue?: string;
  titleSize?: number;
  /** Info dictionary fields; omitted fields stay absent (no pdf-lib defaults). */
  info?: {
    title?: string;
    author?: string;
    subject?: string;
    keywords?: string[];
    creator?: string;
    producer?: string;
    creationDate?: Date;
  };
  /** An outline (bookmarks) with one entry per section and one nested entry. */
  outline?: boolean;
  /** Lines for a References section on the last page (e.g. cited arXiv ids that must not be taken for the paper's own). */
  references?: string[];
  /** Adds an uncompressed image of about this many megabytes to the last page: big files that are cheap to generate. */
  paddingMegabytes?: number;
  seed?: number;
}

export interface GeneratedPaper {
  bytes: Uint8Array;
  title: string;
  authors: string[];
  /** Paragraphs and headings drawn on each page (0-based), whitespace-normalised. */
  pageTexts: string[][];
  /** Section headings with the 0-based page they start on. */
  sections: { title: string; page: number; level: number }[];
}

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 72;
const BOTTOM = 80;

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** A plausible title, author list and abstract for bulk generation (the bench imports hundreds). */
export function randomPaperSpec(seed: number): Required<Pick<MakePaperOptions, 'title' | 'authors' | 'abstract'>> {
  const rand = seededRandom(seed);
  const w = TITLE_WORDS;
  const title = `${pick(rand, w.adjectives)} ${pick(rand, w.nouns)} ${pick(rand, w.connectives)} ${pick(rand, w.objects)}`;
  const count = 1 + Math.floor(rand() * 5);
  const authors: string[] = [];
  while (authors.length < count) {
    const name = `${pick(rand, GIVEN_NAMES)} ${pick(rand, SURNAMES)}`;
    if (!authors.includes(name)) authors.push(name);
  }
  const abstract = Array.from({ length: 5 }, () => pick(rand, SENTENCES)).join(' ');
  return { title, authors, abstract };
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function centred(page: PDFPage, text: string, y: number, font: PDFFont, size: number): void {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (PAGE_W - width) / 2, y, size, font });
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export async function makePaperPdf(opts: MakePaperOptions = {}): Promise<GeneratedPaper> {
  const seed = opts.seed ?? 1;
  const rand = seededRandom(seed);
  const spec = randomPaperSpec(seed);
  const title = opts.title ?? spec.title;
  const authors: TestAuthor[] = (opts.authors ?? spec.authors).map((a) => (typeof a === 'string' ? { name: a } : a));
  const affiliations = opts.affiliations ?? [];
  const abstract = opts.abstract ?? spec.abstract;
  const pageCount = Math.max(1, opts.pages ?? 3);
  const columns = opts.columns ?? 1;
  const layout = opts.authorLayout ?? 'line';

  const doc = await PDFDocument.create({ updateMetadata: false });
  const roman = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const mono = await doc.embedFont(StandardFonts.Courier);

  const pageTexts: string[][] = [];
  const sections: GeneratedPaper['sections'] = [];
  const pages: PDFPage[] = [];
  const newPage = (): PDFPage => {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    pages.push(page);
    pageTexts.push([]);
    const index = pages.length - 1;
    page.drawText(String(index + 1), { x: PAGE_W / 2 - 4, y: 40, size: 9, font: roman });
    const head =
      opts.runningHead === false ? null : (opts.runningHead ?? (title.length > 60 ? `${title.slice(0, 57)}...` : title));
    if (index > 0 && head) {
      page.drawText(head, { x: MARGIN, y: PAGE_H - 42, size: 9, font: roman });
      pageTexts[index]!.push(norm(head));
    }
    return page;
  };
  const record = (page: number, text: string) => pageTexts[page]!.push(norm(text));

  // Title page ---------------------------------------------------------------------------------
  const first = newPage();
  let y = PAGE_H - MARGIN;
  if (opts.banner) {
    first.drawText(opts.banner, { x: MARGIN, y: PAGE_H - 50, size: 9, font: roman });
    record(0, opts.banner);
  }
  const titleSize = opts.titleSize ?? 17;
  if (opts.masthead?.length) {
    const size = opts.mastheadSize ?? 20;
    let my = PAGE_H - 40 - size;
    for (const line of opts.masthead) {
      first.drawText(line, { x: MARGIN, y: my, size, font: roman });
      record(0, line);
      my -= size * 1.3;
    }
    y = Math.min(y, my - 12);
  }
  for (const line of wrap(title, bold, titleSize, 440)) {
    centred(first, line, y, bold, titleSize);
    y -= titleSize * 1.25;
  }
  record(0, title);
  y -= 14;

  const nameSize = 11;
  const supSize = 7;
  const drawNameWithMarks = (page: PDFPage, author: TestAuthor, x: number, yy: number, font: PDFFont): number => {
    page.drawText(author.name, { x, y: yy, size: nameSize, font });
    let end = x + font.widthOfTextAtSize(author.name, nameSize);
    if (author.affiliations?.length) {
      const mark = author.affiliations.join(',');
      page.drawText(mark, { x: end + 0.5, y: yy + 4, size: supSize, font: roman });
      end += 0.5 + roman.widthOfTextAtSize(mark, supSize);
    }
    return end;
  };
  const markWidth = (a: TestAuthor) =>
    a.affiliations?.length ? 0.5 + roman.widthOfTextAtSize(a.affiliations.join(','), supSize) : 0;

  if (layout === 'line') {
    // "A, B, and C", wrapped, each line centred.
    const parts = authors.map((a, i) => {
      const sep = i === authors.length - 1 ? '' : authors.length === 2 ? ' and' : i === authors.length - 2 ? ', and' : ',';
      return { author: a, sep };
    });
    const rows: (typeof parts)[] = [[]];
    let rowWidth = 0;
    for (const p of parts) {
      const w = bold.widthOfTextAtSize(p.author.name + p.sep + ' ', nameSize) + markWidth(p.author);
      if (rowWidth + w > 460 && rows.at(-1)!.length > 0) {
        rows.push([]);
        rowWidth = 0;
      }
      rows.at(-1)!.push(p);
      rowWidth += w;
    }
    for (const row of rows) {
      const width = row.reduce(
        (s, p) => s + bold.widthOfTextAtSize(p.author.name + p.sep + ' ', nameSize) + markWidth(p.author),
        0,
      );
      let x = (PAGE_W - width) / 2;
      for (const p of row) {
        x = drawNameWithMarks(first, p.author, x, y, bold);
        if (p.sep) {
          first.drawText(p.sep, { x, y, size: nameSize, font: bold });
          x += bold.widthOfTextAtSize(p.sep, nameSize);
        }
        x += bold.widthOfTextAtSize(' ', nameSize);
      }
      y -= nameSize * 1.4;
    }
  } else if (layout === 'grid') {
    const perRow = Math.min(3, authors.length);
    for (let start = 0; start < authors.length; start += perRow) {
      const row = authors.slice(start, start + perRow);
      const cell = 440 / row.length;
      row.forEach((a, i) => {
        const cx = (PAGE_W - 440) / 2 + cell * i + cell / 2;
        const lines: [string, PDFFont, number][] = [[a.name, bold, nameSize]];
        const affiliation = a.affiliations?.[0] ? affiliations[a.affiliations[0] - 1] : undefined;
        if (affiliation) lines.push([affiliation.split(',').at(-1)!.trim(), roman, 10]);
        if (a.email) lines.push([a.email, mono, 9]);
        lines.forEach(([text, font, size], k) => {
          const w = font.widthOfTextAtSize(text, size);
          first.drawText(text, { x: cx - w / 2, y: y - k * 12, size, font });
        });
      });
      y -= 12 * 3 + 10;
    }
  } else {
    for (const a of authors) {
      drawNameWithMarks(first, a, MARGIN, y, bold);
      if (a.email) first.drawText(a.email, { x: PAGE_W - MARGIN - mono.widthOfTextAtSize(a.email, 9), y, size: 9, font: mono });
      y -= nameSize * 1.3;
    }
  }
  for (const a of authors) record(0, a.name);
  if (layout !== 'grid') {
    y -= 4;
    affiliations.forEach((aff, i) => {
      const mark = String(i + 1);
      const w = roman.widthOfTextAtSize(aff, 9) + roman.widthOfTextAtSize(mark, 6) + 1;
      const x = layout === 'stacked' ? MARGIN : (PAGE_W - w) / 2;
      first.drawText(mark, { x, y: y + 3, size: 6, font: roman });
      first.drawText(aff, { x: x + roman.widthOfTextAtSize(mark, 6) + 1, y, size: 9, font: roman });
      y -= 12;
    });
  }
  y -= 16;
  centred(first, 'Abstract', y, bold, 11);
  record(0, 'Abstract');
  y -= 16;
  for (const line of wrap(abstract, roman, 10, 360)) {
    first.drawText(line, { x: (PAGE_W - 360) / 2, y, size: 10, font: roman });
    y -= 12;
  }
  record(0, abstract);
  y -= 14;

  if (opts.arxiv) {
    const a = opts.arxiv;
    const stamp = `arXiv:${a.id}v${a.version ?? 1}  [${a.category ?? 'cs.LG'}]  ${a.date ?? '12 Mar 2021'}`;
    first.drawText(stamp, { x: 32, y: 220, size: 20, font: roman, rotate: degrees(90), color: grayscale(0.5) });
  }
  const footer: string[] = [];
  if (opts.venue) footer.push(opts.venue);
  if (opts.copyrightYear) footer.push(`© ${opts.copyrightYear} The authors. Distributed for testing only.`);
  if (opts.doi) footer.push(`doi:${opts.doi}`);
  footer.forEach((line, i) => {
    first.drawText(line, { x: MARGIN, y: 70 - i * 10, size: 8, font: roman });
    record(0, line);
  });
  const firstBottom = BOTTOM + footer.length * 10;

  // Body ---------------------------------------------------------------------------------------
  const refLines = opts.references ?? [];
  const colWidth = columns === 2 ? (PAGE_W - 2 * MARGIN - 18) / 2 : PAGE_W - 2 * MARGIN;
  let pageIndex = 0;
  let col = 0;
  let cursor = y;
  let done = false;
  const bottomOf = (p: number) =>
    p === 0 ? firstBottom : p === pageCount - 1 ? BOTTOM + (refLines.length ? 30 + refLines.length * 11 : 0) : BOTTOM;
  const topOf = (p: number) => (p === 0 ? y : PAGE_H - MARGIN);
  const colX = () => MARGIN + col * (colWidth + 18);
  const advance = (): boolean => {
    if (columns === 2 && col === 0) {
      col = 1;
      cursor = topOf(pageIndex);
      return true;
    }
    if (pageIndex + 1 >= pageCount) return false;
    pageIndex++;
    col = 0;
    newPage();
    cursor = topOf(pageIndex);
    return true;
  };
  const drawLine = (text: string, font: PDFFont, size: number, lead: number): boolean => {
    if (cursor - lead < bottomOf(pageIndex) && !advance()) return false;
    pages[pageIndex]!.drawText(text, { x: colX(), y: cursor, size, font });
    cursor -= lead;
    return true;
  };
  let sectionNo = 0;
  while (!done) {
    const heading = SECTION_TITLES[sectionNo % SECTION_TITLES.length]!;
    sectionNo++;
    const headingText = `${sectionNo} ${heading}`;
    cursor -= 6;
    if (cursor - 40 < bottomOf(pageIndex) && !advance()) break;
    if (!drawLine(headingText, bold, 12, 18)) break;
    sections.push({ title: headingText, page: pageIndex, level: 0 });
    record(pageIndex, headingText);
    for (let para = 0; para < 3 && !done; para++) {
      if (sectionNo === 1 && para === 1) {
        const sub = `${sectionNo}.1 Motivation`;
        if (!drawLine(sub, bold, 11, 16)) {
          done = true;
          break;
        }
        sections.push({ title: sub, page: pageIndex, level: 1 });
        record(pageIndex, sub);
      }
      const sentences = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(rand, SENTENCES));
      // Paragraphs are recorded per page, split where they cross a page or column break.
      let current: string[] = [];
      let currentPage = pageIndex;
      for (const line of wrap(sentences.join(' '), roman, 10, colWidth)) {
        const before = pageIndex;
        if (!drawLine(line, roman, 10, 12)) {
          done = true;
          break;
        }
        if (pageIndex !== before) {
          if (current.length) record(currentPage, current.join(' '));
          current = [];
          currentPage = pageIndex;
        }
        current.push(line);
      }
      if (current.length) record(currentPage, current.join(' '));
      cursor -= 6;
    }
  }
  while (pages.length < pageCount) newPage();
  if (refLines.length) {
    const last = pages[pageCount - 1]!;
    let ry = BOTTOM + refLines.length * 11 + 10;
    last.drawText('References', { x: MARGIN, y: ry + 4, size: 12, font: bold });
    record(pageCount - 1, 'References');
    ry -= 14;
    for (const ref of refLines) {
      last.drawText(ref, { x: MARGIN, y: ry, size: 9, font: roman });
      record(pageCount - 1, ref);
      ry -= 11;
    }
  }

  if (opts.outline) addOutline(doc, pages, sections);
  if (opts.info) {
    const i = opts.info;
    if (i.title !== undefined) doc.setTitle(i.title);
    if (i.author !== undefined) doc.setAuthor(i.author);
    if (i.subject !== undefined) doc.setSubject(i.subject);
    if (i.keywords !== undefined) doc.setKeywords(i.keywords);
    if (i.creator !== undefined) doc.setCreator(i.creator);
    if (i.producer !== undefined) doc.setProducer(i.producer);
    if (i.creationDate !== undefined) doc.setCreationDate(i.creationDate);
  }
  if (opts.paddingMegabytes) addPaddingImage(doc, pages[pageCount - 1]!, opts.paddingMegabytes);

  const bytes = await doc.save({ useObjectStreams: !opts.paddingMegabytes });
  return { bytes, title, authors: authors.map((a) => a.name), pageTexts, sections };
}

function addOutline(doc: PDFDocument, pages: PDFPage[], sections: GeneratedPaper['sections']): void {
  const context = doc.context;
  const outlinesRef = context.nextRef();
  interface Node {
    title: string;
    page: number;
    children: Node[];
  }
  const roots: Node[] = [];
  for (const s of sections) {
    const node = { title: s.title, page: s.page, children: [] };
    if (s.level === 0 || roots.length === 0) roots.push(node);
    else roots.at(-1)!.children.push(node);
  }
  const write = (nodes: Node[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = nodes.map(() => context.nextRef());
    let count = nodes.length;
    nodes.forEach((node, i) => {
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(node.title),
        Parent: parent,
        Dest: [pages[node.page]!.ref, 'XYZ', null, null, null],
      };
      if (i > 0) dict.Prev = refs[i - 1];
      if (i < nodes.length - 1) dict.Next = refs[i + 1];
      if (node.children.length) {
        const kids = write(node.children, refs[i]!);
        dict.First = kids.first;
        dict.Last = kids.last;
        dict.Count = kids.count;
        count += kids.count;
      }
      context.assign(refs[i]!, context.obj(dict as Parameters<typeof context.obj>[0] & object));
    });
    return { first: refs[0]!, last: refs.at(-1)!, count };
  };
  if (sections.length === 0) return;
  const top = write(roots, outlinesRef);
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}

function addPaddingImage(doc: PDFDocument, page: PDFPage, megabytes: number): void {
  const side = Math.max(1, Math.floor(Math.sqrt((megabytes * 1024 * 1024) / 3)));
  const data = randomBytes(side * side * 3);
  const ref = doc.context.register(
    doc.context.stream(data, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: side,
      Height: side,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
    }),
  );
  const name = page.node.newXObject('Pad', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(20, 0, 0, 20, PAGE_W - MARGIN - 20, 50),
    drawObject(name),
    popGraphicsState(),
  );
}

// Bad inputs -----------------------------------------------------------------------------------

/** The first `fraction` of a file, as an interrupted download leaves it. */
export function truncatePdf(bytes: Uint8Array, fraction = 0.6): Uint8Array {
  return bytes.slice(0, Math.max(1, Math.floor(bytes.length * fraction)));
}

/** Files that are not PDFs: a ZIP/Office document, an HTML page, a PNG image, or random bytes. */
export function notAPdf(kind: 'zip' | 'html' | 'png' | 'random' = 'zip', size = 2048): Uint8Array {
  const body = randomBytes(size);
  const prefix: Record<typeof kind, number[]> = {
    zip: [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00],
    html: [...Buffer.from('<!DOCTYPE html><html><head><title>Not a paper</title></head>')],
    png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    random: [],
  };
  const out = new Uint8Array(prefix[kind].length + size);
  out.set(prefix[kind]);
  out.set(body, prefix[kind].length);
  // Random bytes must not start like a PDF by chance.
  if (kind === 'random') out[0] = 0x00;
  return out;
}

/** Starts and ends like a PDF, but holds no readable objects. */
export function corruptPdf(size = 4096): Uint8Array {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\nstartxref\n999999\n%%EOF\n', 'latin1');
  const junk = Buffer.from(randomBytes(size).map((b) => (b === 0x25 ? 0x26 : b))); // no stray '%' markers
  return new Uint8Array(Buffer.concat([head, junk, tail]));
}

/** A PDF whose pages are images only, as a scanner without OCR produces. */
export async function makeScannedPdf(opts: { pages?: number; seed?: number } = {}): Promise<Uint8Array> {
  const rand = seededRandom(opts.seed ?? 7);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const width = 306;
  const height = 396;
  for (let p = 0; p < (opts.pages ?? 2); p++) {
    // Grey page with dark bars where lines of text would be.
    const pixels = new Uint8Array(width * height).fill(235);
    for (let row = 40; row < height - 40; row += 9) {
      const len = 120 + Math.floor(rand() * 140);
      for (let r = row; r < row + 4; r++) for (let x = 30; x < 30 + len && x < width - 30; x++) pixels[r * width + x] = 40;
    }
    const png = await doc.embedPng(encodeGrayPng(width, height, pixels));
    const page = doc.addPage([PAGE_W, PAGE_H]);
    page.drawImage(png, { x: 0, y: 0, width: PAGE_W, height: PAGE_H });
  }
  return doc.save();
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** Minimal 8-bit greyscale PNG encoder (tests need images without an image library). */
export function encodeGrayPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', ihdr),
      pngChunk('IDAT', deflateSync(raw)),
      pngChunk('IEND', new Uint8Array(0)),
    ]),
  );
}

export { makeEncryptedPdf, type EncryptedPdfOptions } from './encrypted-pdf';
