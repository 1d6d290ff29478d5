import { createHash } from 'node:crypto';
import { abortError, PdfError } from './errors';
import { layoutPage, runsToText, type PageLayout, type TextRun } from './layout';
import { extractMetadata, type PaperMetadata } from './metadata';
import { loadPdfjs, pdfjsResources } from './pdfjs';
import { cleanText } from './text-fixes';

type PdfjsModule = Awaited<ReturnType<typeof loadPdfjs>>;
type PdfDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

/** Info dictionary entries with a plain value (Title, Author, Subject, Keywords, Creator, Producer, dates...). */
export type PdfInfo = Record<string, string | number | boolean>;

export interface PdfOutlineNode {
  title: string;
  /** 0-based page the entry points to, null when it has no resolvable destination (e.g. a URL). */
  page: number | null;
  children: PdfOutlineNode[];
}

export interface PdfInspection {
  fileName: string;
  pageCount: number;
  /** PDF version from the header, e.g. "1.5". */
  pdfVersion: string | null;
  info: PdfInfo;
  /** XMP properties by qualified name (`dc:title`, `xmp:createdate`...), null without XMP. */
  xmp: Record<string, string | string[]> | null;
  metadata: PaperMetadata;
  /** False for scans without OCR: the paper opens, but there is nothing to index or select. */
  hasTextLayer: boolean;
  outline: PdfOutlineNode[];
  /** pdf.js' document fingerprint (the PDF's file ID, or a hash of its start). */
  fingerprint: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** Size of the first page in points. */
  pageSize: { width: number; height: number };
}

export interface PdfPageText {
  /** 0-based. */
  pageIndex: number;
  text: string;
  /** Set when this page could not be read; the other pages are still extracted. */
  error?: string;
}

export interface OpenPdfOptions {
  /** Shown in error messages: "notes.docx" is not a PDF. */
  fileName: string;
  /**
   * Hand the bytes over to pdf.js instead of copying them (saves a copy of a big file). The
   * caller's buffer is detached afterwards and must not be used again.
   */
  transferBytes?: boolean;
  signal?: AbortSignal;
}

export interface InspectOptions {
  /** Pages laid out for metadata from the start of the file (default 3). */
  maxPagesForText?: number;
  /**
   * Use the Info dictionary and XMP for title/authors/year/DOI when the page confirms them
   * (default true). False reads everything from the page layout (benchmarks, debugging).
   */
  useEmbeddedMetadata?: boolean;
  signal?: AbortSignal;
}

export interface PagesOptions {
  /** First page to extract, 0-based (default 0): resume an interrupted extraction. */
  fromPage?: number;
  /** Stop after this page, 0-based inclusive. */
  toPage?: number;
  signal?: AbortSignal;
  /** Called after each page, before it is yielded: report progress from here. */
  onPage?: (pageIndex: number, text: string, pageCount: number) => void;
}

const TAIL_WINDOW = 1024;

function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const printable = [...head].every((b) => b >= 0x20 && b < 0x7f);
  const shown = printable
    ? `"${String.fromCharCode(...head).replace(/\s+$/, '')}"`
    : `bytes ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  const ascii = String.fromCharCode(...bytes.subarray(0, 64)).toLowerCase();
  let kind = '';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) kind = ', like a ZIP archive or an Office document';
  else if (bytes[0] === 0x89 && ascii.startsWith('\x89png')) kind = ', like a PNG image';
  else if (bytes[0] === 0xff && bytes[1] === 0xd8) kind = ', like a JPEG image';
  else if (ascii.startsWith('gif8')) kind = ', like a GIF image';
  else if (bytes[0] === 0xd0 && bytes[1] === 0xcf) kind = ', like an old Microsoft Office document';
  else if (/^\s*(<!doctype html|<html|<head|<\?xml)/.test(ascii)) kind = ', like a web page or XML file';
  else if (ascii.startsWith('{\\rtf')) kind = ', like an RTF document';
  else if (ascii.startsWith('%!ps')) kind = ', like a PostScript file';
  else if (ascii.startsWith('version https://git-lfs')) kind = ', like a Git LFS pointer';
  return shown + kind;
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const codes = [...needle].map((c) => c.charCodeAt(0));
  outer: for (let i = Math.max(0, from); i <= Math.min(bytes.length, to) - codes.length; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return i;
  }
  return -1;
}

/** Cheap checks before pdf.js sees the bytes: empty, not a PDF, cut short. */
export function checkPdfBytes(bytes: Uint8Array, fileName: string): { version: string | null } {
  if (bytes.length === 0) throw new PdfError('empty', fileName, `"${fileName}" is empty (0 bytes)`);
  // The spec allows junk before the header; readers look within the first KB.
  const header = indexOfAscii(bytes, '%PDF-', 0, 1024);
  if (header < 0) {
    throw new PdfError('not_pdf', fileName, `"${fileName}" is not a PDF (it starts with ${describeStart(bytes)})`);
  }
  const version = /^%PDF-(\d\.\d)/.exec(String.fromCharCode(...bytes.subarray(header, header + 8)))?.[1] ?? null;
  let end = bytes.length;
  while (
    end > 0 &&
    (bytes[end - 1] === 0 ||
      bytes[end - 1] === 0x20 ||
      bytes[end - 1] === 0x0a ||
      bytes[end - 1] === 0x0d ||
      bytes[end - 1] === 0x09)
  )
    end--;
  if (end <= header + 8) throw new PdfError('truncated', fileName, `"${fileName}" is truncated: it holds only a PDF header`);
  if (indexOfAscii(bytes, '%%EOF', end - TAIL_WINDOW, end) < 0) {
    throw new PdfError(
      'truncated',
      fileName,
      `"${fileName}" is truncated: the file ends before the PDF's end marker (%%EOF), so the download or copy was probably cut short`,
    );
  }
  return { version };
}

function toPdfError(err: unknown, fileName: string): Error {
  if (err instanceof PdfError) return err;
  const e = err as { name?: string; message?: string; code?: number };
  if (e?.name === 'AbortError' || e?.name === 'AbortException') return err as Error;
  if (e?.name === 'PasswordException') {
    return new PdfError(
      'encrypted',
      fileName,
      `"${fileName}" is password-protected: open it in a PDF reader, save a copy without the password, and add that copy`,
      { cause: err },
    );
  }
  const detail = e?.message ? `: ${e.message}` : '';
  return new PdfError('corrupt', fileName, `"${fileName}" is damaged and cannot be read as a PDF${detail}`, { cause: err });
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function plainInfo(raw: unknown): PdfInfo {
  const out: PdfInfo = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

function plainXmp(raw: unknown): Record<string, string | string[]> | null {
  if (!raw || typeof (raw as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return null;
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of raw as Iterable<[string, unknown]>) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return Object.keys(out).length > 0 ? out : null;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL: boolean;
}

function isTextItem(item: unknown): item is TextItemLike {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Text content for indexing: cleaned, words hyphenated across lines joined. */
export function normalizePageText(raw: string): string {
  return cleanText(raw)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An open PDF: inspect it, then stream its text page by page, then close it. */
export class PdfHandle {
  private closed = false;
  private constructor(
    readonly fileName: string,
    private readonly pdfjs: PdfjsModule,
    private readonly doc: PdfDocument,
    readonly pdfVersion: string | null,
    /** The caller's bytes, kept to hash on demand; null once they were handed over to pdf.js. */
    private readonly bytes: Uint8Array | null,
    /** SHA-256 taken before the bytes were handed over (transferBytes). */
    private readonly transferredHash: string | null,
  ) {}

  /** Parses `bytes` as a PDF. Throws PdfError (not_pdf, empty, truncated, encrypted, corrupt). */
  static async open(bytes: Uint8Array, opts: OpenPdfOptions): Promise<PdfHandle> {
    const { fileName, signal } = opts;
    const { version } = checkPdfBytes(bytes, fileName);
    checkAbort(signal);
    const pdfjs = await loadPdfjs();
    const res = pdfjsResources();
    // pdf.js transfers (detaches) the buffer it is given: copy unless the caller hands it over,
    // and hash a handed-over buffer first.
    const kept = opts.transferBytes ? null : bytes;
    const data =
      opts.transferBytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const hash = opts.transferBytes ? createHash('sha256').update(bytes).digest('hex') : null;
    const task = pdfjs.getDocument({
      data,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      ...(res.cMapUrl ? { cMapUrl: res.cMapUrl, cMapPacked: true } : {}),
      ...(res.standardFontDataUrl ? { standardFontDataUrl: res.standardFontDataUrl } : {}),
    });
    const onAbort = () => void task.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (err) {
      await task.destroy().catch(() => {});
      if (signal?.aborted) throw abortError(signal);
      throw toPdfError(err, fileName);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (doc.numPages === 0) {
      await doc.destroy();
      throw new PdfError('empty', fileName, `"${fileName}" has no pages`);
    }
    return new PdfHandle(fileName, pdfjs, doc, version, kept, hash);
  }

  get pageCount(): number {
    return this.doc.numPages;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`"${this.fileName}" is closed`);
  }

  /** Text runs of one page in PDF drawing order, in top-left page coordinates. */
  async pageRuns(pageIndex: number): Promise<{ runs: TextRun[]; width: number; height: number }> {
    this.assertOpen();
    const page = await this.doc.getPage(pageIndex + 1);
    try {
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!isTextItem(item)) continue;
        const m = this.pdfjs.Util.transform(viewport.transform, item.transform) as number[];
        const size = Math.hypot(m[2]!, m[3]!);
        runs.push({
          text: item.str,
          x: m[4]!,
          y: m[5]!,
          width: item.width,
          size,
          font: item.fontName,
          angle: (Math.atan2(m[1]!, m[0]!) * 180) / Math.PI,
          eol: item.hasEOL,
        });
      }
      return { runs, width: viewport.width, height: viewport.height };
    } finally {
      page.cleanup();
    }
  }

  async pageLayout(pageIndex: number): Promise<PageLayout> {
    const { runs, width, height } = await this.pageRuns(pageIndex);
    return layoutPage(pageIndex, width, height, runs);
  }

  async pageText(pageIndex: number): Promise<PdfPageText> {
    try {
      const { runs } = await this.pageRuns(pageIndex);
      return { pageIndex, text: normalizePageText(runsToText(runs)) };
    } catch (err) {
      if (this.closed) throw err;
      return { pageIndex, text: '', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Streams every page's text; cancellable between pages through `signal`. */
  async *pages(opts: PagesOptions = {}): AsyncGenerator<PdfPageText> {
    const from = Math.max(0, opts.fromPage ?? 0);
    const to = Math.min(this.pageCount - 1, opts.toPage ?? this.pageCount - 1);
    for (let i = from; i <= to; i++) {
      checkAbort(opts.signal);
      const page = await this.pageText(i);
      // Fonts and parsed resources pile up in pdf.js' caches on long documents.
      if ((i - from) % 25 === 24) await this.doc.cleanup();
      opts.onPage?.(i, page.text, this.pageCount);
      yield page;
    }
  }

  async outline(maxNodes = 2000): Promise<PdfOutlineNode[]> {
    this.assertOpen();
    const raw = await this.doc.getOutline().catch(() => null);
    if (!raw) return [];
    let budget = maxNodes;
    const resolve = async (dest: unknown): Promise<number | null> => {
      try {
        const explicit = typeof dest === 'string' ? await this.doc.getDestination(dest) : dest;
        if (!Array.isArray(explicit) || explicit.length === 0) return null;
        const target = explicit[0] as unknown;
        if (typeof target === 'number') return target;
        if (target && typeof target === 'object' && 'num' in target)
          return await this.doc.getPageIndex(target as { num: number; gen: number });
      } catch {
        // A dangling destination: keep the entry without a page.
      }
      return null;
    };
    type RawNode = { title: string; dest: unknown; items: RawNode[] };
    const walk = async (nodes: RawNode[], depth: number): Promise<PdfOutlineNode[]> => {
      const out: PdfOutlineNode[] = [];
      for (const node of nodes) {
        if (budget-- <= 0) break;
        out.push({
          title: cleanText(node.title ?? '')
            .replace(/\s+/g, ' ')
            .trim(),
          page: await resolve(node.dest),
          children: depth < 8 && node.items?.length ? await walk(node.items, depth + 1) : [],
        });
      }
      return out;
    };
    return walk(raw as unknown as RawNode[], 0);
  }

  /** Metadata, text-layer check and outline, reading only the first few pages (and the last two when the year needs them). */
  async inspect(opts: InspectOptions = {}): Promise<PdfInspection> {
    this.assertOpen();
    const { signal } = opts;
    const leadingCount = Math.min(this.pageCount, Math.max(1, opts.maxPagesForText ?? 3));
    const meta = await this.doc.getMetadata().catch(() => null);
    const info = plainInfo(meta?.info);
    const xmp = plainXmp(meta?.metadata);
    const layouts: PageLayout[] = [];
    try {
      for (let i = 0; i < leadingCount; i++) {
        checkAbort(signal);
        layouts.push(await this.pageLayout(i));
      }
    } catch (err) {
      if (signal?.aborted) throw abortError(signal);
      // Page 1 unreadable is a damaged file; a later page is not worth refusing the paper for.
      if (layouts.length === 0) throw toPdfError(err, this.fileName);
    }
    let hasTextLayer = layouts.some((l) => l.charCount >= 16);
    if (!hasTextLayer && this.pageCount > leadingCount) {
      for (const fraction of [0.25, 0.5, 0.75]) {
        checkAbort(signal);
        const index = Math.min(this.pageCount - 1, Math.max(leadingCount, Math.floor(this.pageCount * fraction)));
        const layout = await this.pageLayout(index).catch(() => null);
        if (layout && layout.charCount >= 16) {
          hasTextLayer = true;
          break;
        }
      }
    }
    const fields = opts.useEmbeddedMetadata === false ? { info: {}, xmp: null } : { info, xmp };
    let metadata = extractMetadata({ ...fields, pages: layouts, pageCount: this.pageCount });
    if (metadata.year === null && hasTextLayer && this.pageCount > leadingCount) {
      // Last resort for the year: the newest year cited in the references.
      const tail: PageLayout[] = [];
      for (let i = Math.max(leadingCount, this.pageCount - 2); i < this.pageCount; i++) {
        checkAbort(signal);
        const layout = await this.pageLayout(i).catch(() => null);
        if (layout) tail.push(layout);
      }
      if (tail.length > 0) metadata = extractMetadata({ ...fields, pages: [...layouts, ...tail], pageCount: this.pageCount });
    }
    checkAbort(signal);
    const first = layouts[0];
    return {
      fileName: this.fileName,
      pageCount: this.pageCount,
      pdfVersion: this.pdfVersion,
      info,
      xmp,
      metadata,
      hasTextLayer,
      outline: await this.outline(),
      fingerprint: this.doc.fingerprints.find((f): f is string => typeof f === 'string') ?? '',
      sha256: this.transferredHash ?? (this.bytes ? createHash('sha256').update(this.bytes).digest('hex') : ''),
      pageSize: { width: first?.width ?? 0, height: first?.height ?? 0 },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.doc.destroy();
  }
}

/** Opens a PDF for several operations; close it when done. */
export function openPdf(bytes: Uint8Array, opts: OpenPdfOptions): Promise<PdfHandle> {
  return PdfHandle.open(bytes, opts);
}

/** Reads a PDF's metadata, outline and text-layer presence. Throws PdfError for unusable files. */
export async function inspectPdf(bytes: Uint8Array, opts: OpenPdfOptions & InspectOptions): Promise<PdfInspection> {
  const handle = await openPdf(bytes, opts);
  try {
    return await handle.inspect(opts);
  } finally {
    await handle.close();
  }
}

/**
 * Streams a PDF's text page by page (page-numbered, for search hits that jump to a page).
 * Breaking out of the loop or aborting `signal` releases the document.
 */
export async function* extractPdfText(bytes: Uint8Array, opts: OpenPdfOptions & PagesOptions): AsyncGenerator<PdfPageText> {
  const handle = await openPdf(bytes, opts);
  try {
    yield* handle.pages(opts);
  } finally {
    await handle.close();
  }
}

/** All pages' text at once (small files, tests). */
export async function extractAllText(bytes: Uint8Array, opts: OpenPdfOptions & PagesOptions): Promise<PdfPageText[]> {
  const out: PdfPageText[] = [];
  for await (const page of extractPdfText(bytes, opts)) out.push(page);
  return out;
}
