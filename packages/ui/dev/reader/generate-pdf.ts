// Test PDFs for the reader harness, generated at run time with pdf-lib (nothing is committed). The
// text is made up here from small word lists; it only has to look and wrap like a paper.
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFHexString,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { encodePng } from './png';

export const TARGET_SENTENCE = 'Highlights drawn in PDF coordinates stay attached to the words they cover at every zoom level.';
export const FIND_WORD = 'zeolite';

export interface GeneratedPaper {
  bytes: Uint8Array;
  pageCount: number;
  title: string;
  /** Page holding TARGET_SENTENCE (the first paragraph that starts on page 2). */
  targetPage: number;
  /** How many times FIND_WORD occurs. */
  findCount: number;
  sections: { title: string; page: number }[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'The proposed estimator',
  'Our sampling scheme',
  'A shallow baseline',
  'The annotated corpus',
  'Each reader',
  'The ablation',
  'This variant',
  'The calibration step',
  'Every configuration',
  'The retrieval module',
  'A second experiment',
  'The encoder',
];
const VERBS = [
  'reduces',
  'improves',
  'stabilises',
  'explains',
  'predicts',
  'summarises',
  'approximates',
  'constrains',
  'reveals',
  'separates',
  'doubles',
  'preserves',
];
const OBJECTS = [
  'the variance of the gradient',
  'the reading time per page',
  'most of the observed error',
  'the long tail of rare terms',
  'the cost of each update',
  'the agreement between annotators',
  'the memory footprint',
  'the ranking of related papers',
  'the spread of the margins',
  'the number of required passes',
];
const TAILS = [
  'when the batch is small',
  'across all six datasets',
  'without any extra supervision',
  'at a modest computational cost',
  'under the noisier protocol',
  'for documents longer than ten pages',
  'in every held-out split',
  'once the warm-up phase ends',
  'compared with the earlier method',
  'as the second table shows',
];
const SECTION_NAMES = [
  'Introduction',
  'Related work',
  'Method',
  'Experimental setup',
  'Results',
  'Ablations',
  'Discussion',
  'Limitations',
  'Conclusion',
];

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function addOutline(doc: PDFDocument, items: { title: string; page: PDFPage; y: number }[]): void {
  if (items.length === 0) return;
  const { context } = doc;
  const outlinesRef = context.nextRef();
  const refs = items.map(() => context.nextRef());
  items.forEach((item, i) => {
    const dict = context.obj({
      Title: PDFHexString.fromText(item.title),
      Parent: outlinesRef,
      Dest: [item.page.ref, 'XYZ', null, item.y, null],
      ...(i > 0 ? { Prev: refs[i - 1]! } : {}),
      ...(i < items.length - 1 ? { Next: refs[i + 1]! } : {}),
    });
    context.assign(refs[i]!, dict);
  });
  context.assign(
    outlinesRef,
    context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs[refs.length - 1]!, Count: items.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}

function heatmapPng(w: number, h: number): Uint8Array {
  const px = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = x / w;
      const v = y / h;
      const z = 0.5 + 0.5 * Math.sin(6 * u + 3 * v) * Math.cos(4 * v - 2 * u);
      const i = (y * w + x) * 3;
      px[i] = Math.round(255 * Math.min(1, 1.6 * z));
      px[i + 1] = Math.round(255 * (0.25 + 0.6 * z * (1 - z) * 2));
      px[i + 2] = Math.round(255 * (1 - z));
    }
  return encodePng(w, h, 3, px);
}

/** A paper-like PDF: title page with abstract, two-column body, section outline, vector and raster figures, page numbers. */
export async function generatePaper(options: { pages: number; title?: string; seed?: number }): Promise<GeneratedPaper> {
  const title = options.title ?? 'Reading Layers: A Study of Annotation Stability in Scrolling Document Viewers';
  const rand = mulberry32(options.seed ?? 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor('Folio test generator');
  const serif = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const sans = await doc.embedFont(StandardFonts.Helvetica);
  const heatmap = await doc.embedPng(heatmapPng(240, 150));

  const W = 612;
  const H = 792;
  const MARGIN = 54;
  const GUTTER = 18;
  const COL_W = (W - 2 * MARGIN - GUTTER) / 2;
  const SIZE = 10;
  const LEAD = 12.2;
  const BOTTOM = 72;
  const pages: PDFPage[] = [];
  const sections: { title: string; page: number }[] = [];
  const outline: { title: string; page: PDFPage; y: number }[] = [];
  let targetPage = -1;
  let targetPending = false;
  let figureNo = 0;

  let page!: PDFPage;
  let col = 0;
  let y = 0;
  let top = 0;

  const newPage = () => {
    page = doc.addPage([W, H]);
    pages.push(page);
    const n = pages.length;
    page.drawText(String(n), { x: W / 2 - 5, y: 36, size: 9, font: sans, color: rgb(0.3, 0.3, 0.3) });
    col = 0;
    top = H - MARGIN;
    if (n === 2) targetPending = true;
    if (n > 1 && n % 3 === 0) {
      // A vector figure across both columns at the top of every third page.
      figureNo++;
      const fx = MARGIN;
      const fy = H - MARGIN - 170;
      page.drawRectangle({
        x: fx,
        y: fy,
        width: W - 2 * MARGIN,
        height: 160,
        borderColor: rgb(0.75, 0.75, 0.75),
        borderWidth: 0.5,
      });
      page.drawLine({ start: { x: fx + 30, y: fy + 20 }, end: { x: fx + 30, y: fy + 145 }, thickness: 0.8 });
      page.drawLine({ start: { x: fx + 30, y: fy + 20 }, end: { x: fx + 480, y: fy + 20 }, thickness: 0.8 });
      for (let b = 0; b < 9; b++) {
        const h = 20 + rand() * 110;
        page.drawRectangle({
          x: fx + 45 + b * 48,
          y: fy + 21,
          width: 30,
          height: h,
          color: b % 2 ? rgb(0.29, 0.45, 0.82) : rgb(0.93, 0.55, 0.2),
        });
      }
      page.drawText(`Figure ${figureNo}: Mean reading time per page for each of nine viewer settings.`, {
        x: fx,
        y: fy - 14,
        size: 9,
        font: sans,
      });
      top = fy - 30;
    } else if (n > 1 && n % 5 === 4) {
      // A raster figure in the left column.
      figureNo++;
      const fy = H - MARGIN - 150;
      page.drawImage(heatmap, { x: MARGIN, y: fy, width: COL_W, height: 150 });
      page.drawText(`Figure ${figureNo}: Attention density`, { x: MARGIN, y: fy - 13, size: 9, font: sans });
      page.drawText('over the first pages.', { x: MARGIN, y: fy - 24, size: 9, font: sans });
      top = fy - 40;
    }
    y = top;
  };

  const colX = () => MARGIN + col * (COL_W + GUTTER);
  const ensureLine = (height: number) => {
    if (y - height >= BOTTOM) return;
    if (col === 0) {
      col = 1;
      y = top;
    } else newPage();
  };

  const heading = (text: string) => {
    ensureLine(LEAD * 4);
    y -= 6;
    page.drawText(text, { x: colX(), y: y - 11, size: 11, font: bold });
    outline.push({ title: text, page, y: y + 2 });
    sections.push({ title: text, page: pages.length });
    y -= LEAD + 8;
  };

  const paragraph = (text: string) => {
    const lines = wrap(text, serif, SIZE, COL_W);
    for (const line of lines) {
      ensureLine(LEAD);
      page.drawText(line, { x: colX(), y: y - SIZE, size: SIZE, font: serif });
      y -= LEAD;
    }
    y -= 5;
  };

  const sentence = (i: number) => {
    if (i % 23 === 11) {
      return `The ${FIND_WORD} benchmark ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
    }
    return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
  };

  // Title page.
  newPage();
  let ty = H - 96;
  for (const line of wrap(title, bold, 18, W - 160)) {
    page.drawText(line, { x: (W - bold.widthOfTextAtSize(line, 18)) / 2, y: ty, size: 18, font: bold });
    ty -= 24;
  }
  const authors = 'Ada Quill, Bo Margin and Cyrus Folio';
  page.drawText(authors, { x: (W - serif.widthOfTextAtSize(authors, 12)) / 2, y: ty - 8, size: 12, font: serif });
  ty -= 48;
  page.drawText('Abstract', { x: (W - bold.widthOfTextAtSize('Abstract', 11)) / 2, y: ty, size: 11, font: bold });
  ty -= 16;
  let s = 0;
  const abstract = Array.from({ length: 6 }, () => sentence(s++)).join(' ');
  for (const line of wrap(abstract, serif, SIZE, W - 2 * 96)) {
    page.drawText(line, { x: 96, y: ty, size: SIZE, font: serif });
    ty -= LEAD;
  }
  top = ty - 24;
  y = top;

  // Fill pages until the content spills onto page N+1, then drop that last, partial page.
  let section = 0;
  const full = () => pages.length > options.pages;
  while (!full()) {
    const name = SECTION_NAMES[section % SECTION_NAMES.length]!;
    heading(
      `${section + 1} ${name}${section >= SECTION_NAMES.length ? ` (part ${Math.floor(section / SECTION_NAMES.length) + 1})` : ''}`,
    );
    section++;
    const paragraphs = options.pages > 40 ? 30 : 12;
    for (let p = 0; p < paragraphs && !full(); p++) {
      const sentences = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => sentence(s++));
      if (targetPending && pages.length === 2) {
        sentences.unshift(TARGET_SENTENCE);
        targetPending = false;
        targetPage = 2;
      }
      paragraph(sentences.join(' '));
    }
  }
  doc.removePage(pages.length - 1);
  pages.pop();
  addOutline(
    doc,
    outline.filter((o) => pages.includes(o.page)),
  );
  const bytes = await doc.save();
  return {
    bytes,
    pageCount: doc.getPageCount(),
    title,
    targetPage,
    findCount: await countWord(bytes, FIND_WORD),
    sections: sections.filter((x) => x.page <= doc.getPageCount()),
  };
}

/** Counts a word in the generated file's page content (pdf-lib writes each line as one literal string). */
async function countWord(bytes: Uint8Array, word: string): Promise<number> {
  const doc = await PDFDocument.load(bytes);
  let n = 0;
  for (const p of doc.getPages()) {
    const contents = p.node.Contents();
    if (!contents) continue;
    const streams = 'asArray' in contents ? contents.asArray() : [contents];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref as PDFRef);
      if (!stream || !('getContents' in stream)) continue;
      const raw = (stream as { getContents(): Uint8Array }).getContents();
      const filter = (stream as unknown as { dict: { get(n: PDFName): unknown } }).dict.get(PDFName.of('Filter'));
      const decoded = filter ? await inflate(raw) : new TextDecoder('latin1').decode(raw);
      // pdf-lib encodes standard-font text as hex strings: decode every <...> before counting.
      const text = decoded.replace(/<([0-9A-Fa-f]+)>/g, (_m, hex: string) =>
        hex.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16))),
      );
      n += text.split(word).length - 1;
    }
  }
  return n;
}

async function inflate(data: Uint8Array): Promise<string> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new TextDecoder('latin1').decode(await new Response(stream).arrayBuffer());
}

/** Image-only pages (a "scan" of text lines) with no text operators at all. */
export async function generateScanned(pages = 3): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const rand = mulberry32(99);
  const w = 850;
  const h = 1100;
  for (let p = 0; p < pages; p++) {
    const px = new Uint8Array(w * h).fill(246);
    for (let line = 0; line < 44; line++) {
      const y0 = 90 + line * 21;
      let x = 80 + (line % 9 === 0 ? 30 : 0);
      const end = line % 9 === 8 ? 400 : 770;
      while (x < end) {
        const word = 12 + Math.floor(rand() * 55);
        for (let y = y0; y < y0 + 10; y++)
          for (let xx = x; xx < Math.min(x + word, end); xx++) px[y * w + xx] = 40 + Math.floor(rand() * 40);
        x += word + 8;
      }
    }
    for (let i = 0; i < 4000; i++) px[Math.floor(rand() * w * h)] = 180;
    const img = await doc.embedPng(encodePng(w, h, 1, px));
    doc.addPage([612, 792]).drawImage(img, { x: 0, y: 0, width: 612, height: 792 });
  }
  return doc.save();
}

/**
 * A large PDF made of uncompressed raster plates (about `targetMb` MB), with a caption per page. The
 * image streams are written raw so the file really is that big, like high-resolution scans.
 */
export async function generateLarge(targetMb = 200): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const w = 1400;
  const h = 1200;
  const plateBytes = w * h * 3;
  const pages = Math.ceil((targetMb * 1024 * 1024) / plateBytes);
  let seed = 12345;
  for (let p = 0; p < pages; p++) {
    const px = new Uint8Array(plateBytes);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        const noise = (seed >>> 24) & 63;
        const i = (y * w + x) * 3;
        px[i] = (x * 255) / w / 1.3 + noise;
        px[i + 1] = (y * 255) / h / 1.3 + noise;
        px[i + 2] = ((p * 37) % 200) + noise;
      }
    const ref = doc.context.register(
      doc.context.stream(px, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: w,
        Height: h,
        ColorSpace: 'DeviceRGB',
        BitsPerComponent: 8,
      }),
    );
    const page = doc.addPage([612, 792]);
    const name = page.node.newXObject('Plate', ref);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(540, 0, 0, 463, 36, 250),
      drawObject(name),
      popGraphicsState(),
    );
    page.drawText(
      `Plate ${p + 1} of ${pages}: an uncompressed ${w} x ${h} raster, part of the large-file check for the reader.`,
      { x: 36, y: 220, size: 10, font },
    );
  }
  return doc.save({ useObjectStreams: false });
}
