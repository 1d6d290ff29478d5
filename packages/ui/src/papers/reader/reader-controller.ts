import type { PDFDocumentLoadingTask, PDFDocumentProxy, PageViewport } from 'pdfjs-dist';
import type { EventBus, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { getPdfWorker, loadPdfjs, type Pdfjs } from './pdfjs';
import { countTextChars, hasUsableText, TEXT_SAMPLE_PAGES } from './text-detection';

// Owns pdf.js for one reader: the viewer (pdf_viewer's PDFViewer renders only the pages near the
// viewport and keeps a bounded buffer of rendered pages), link service, find controller and the
// loaded document. React talks to it through methods and the `onChange` patches; nothing here
// touches React.

export type ScaleSetting = number | 'page-width' | 'page-fit' | 'auto';
/**
 * `url`: streamed, with HTTP range requests when the server advertises `Accept-Ranges: bytes`.
 * `size` (bytes, when the caller knows it): above LARGE_FILE_BYTES the reader fetches only the ranges
 * it needs instead of streaming the whole file into the worker's memory.
 * `data`: the whole file in memory (copied to the worker).
 */
export type PdfSource = { url: string; size?: number } | { data: Uint8Array };

export const LARGE_FILE_BYTES = 64 * 1024 * 1024;

/** Where the reader is: page (1-based), `top` = PDF y-coordinate at the top edge of the viewport, and the zoom. */
export interface ReaderPosition {
  page: number;
  top?: number;
  scale?: ScaleSetting;
}

export interface OutlineItem {
  title: string;
  /** Target page (1-based), null when the destination does not resolve or the item is a web link. */
  page: number | null;
  url: string | null;
  items: OutlineItem[];
}

export interface DocumentInfo {
  pageCount: number;
  /** False for scanned PDFs without OCR: nothing to select, search or highlight as text. */
  hasTextLayer: boolean;
  outline: OutlineItem[];
  /** The PDF's own Title metadata, when present. */
  title: string | null;
  /** pdf.js fingerprint of the file (stable across copies of the same bytes). */
  fingerprint: string | null;
}

export type FindStatus = 'idle' | 'pending' | 'found' | 'not-found' | 'wrapped';

export interface ReaderState {
  status: 'loading' | 'ready' | 'error';
  /** Bytes loaded / total while downloading (null when the size is unknown). */
  progress: number | null;
  error: string | null;
  pageCount: number;
  page: number;
  visiblePages: number[];
  /** Effective scale (1 = 100 %). */
  scale: number;
  scaleSetting: ScaleSetting;
  findStatus: FindStatus;
  findCurrent: number;
  findTotal: number;
  hasTextLayer: boolean | null;
  outline: OutlineItem[] | null;
  /** Milliseconds from `open()` to the first page painted. */
  firstPaintMs: number | null;
  /** Bumped whenever page geometry may have changed (pages loaded, zoom, rotation). */
  layoutVersion: number;
}

export const initialReaderState: ReaderState = {
  status: 'loading',
  progress: null,
  error: null,
  pageCount: 0,
  page: 1,
  visiblePages: [],
  scale: 1,
  scaleSetting: 'page-width',
  findStatus: 'idle',
  findCurrent: 0,
  findTotal: 0,
  hasTextLayer: null,
  outline: null,
  firstPaintMs: null,
  layoutVersion: 0,
};

/** Extra pdf.js asset folders (URLs ending in '/'); without them some real-world PDFs render with substitute fonts. */
export interface PdfAssetUrls {
  cMapUrl?: string;
  standardFontDataUrl?: string;
  wasmUrl?: string;
  iccUrl?: string;
}

/** The parts of pdf.js's PDFPageView the reader uses (the viewer's own typings say `any`). */
export interface PageView {
  id: number;
  div: HTMLDivElement;
  viewport: PageViewport;
  pdfPage: { getViewport(p: { scale: number; rotation?: number }): PageViewport } | null;
  canvas: HTMLCanvasElement | null;
  renderingState: number;
  destroy(): void;
}

interface VisibleView {
  id: number;
  view: PageView;
}

export interface ReaderControllerOptions {
  container: HTMLDivElement;
  viewer: HTMLDivElement;
  workerSrc: string;
  assets?: PdfAssetUrls;
  onChange(patch: Partial<ReaderState>): void;
  onPosition(pos: ReaderPosition): void;
  onDocumentInfo(info: DocumentInfo): void;
  onError(err: Error): void;
  /** A page's DOM was (re)built: overlays must be re-attached. `null` = every page. */
  onPageDom(page: number | null): void;
}

const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5];
const PRESETS = new Set(['page-width', 'page-fit', 'auto', 'page-actual', 'page-height']);
/** Rendered pages kept beyond the visible ones, each way; farther canvases are released. */
const KEEP_RENDERED_AROUND = 2;
/**
 * Canvas size cap: pdf.js renders at devicePixelRatio until a page canvas would exceed this many
 * pixels (8.4 Mpx, 32 MB), then renders a coarser page plus a sharp canvas of just the visible part.
 */
export const MAX_CANVAS_PIXELS = 2 ** 23;
const RENDERING_FINISHED = 3;
const TEXT_LAYER_ENABLE = 1;

export function nextZoomStep(scale: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((s) => s > scale + 0.005) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((s) => s < scale - 0.005) ?? ZOOM_STEPS[0]!;
}

function messageOf(err: unknown): string {
  const name = (err as { name?: string })?.name;
  if (name === 'InvalidPDFException') return 'This file is not a valid PDF (it may be damaged or truncated).';
  if (name === 'MissingPDFException' || name === 'ResponseException') return 'The PDF file could not be loaded.';
  if (name === 'PasswordException') return 'This PDF is password-protected, which the reader does not support.';
  return err instanceof Error ? err.message : String(err);
}

export class ReaderController {
  #o: ReaderControllerOptions;
  #pdfjs: Pdfjs | null = null;
  #eventBus: EventBus | null = null;
  #viewer: PDFViewer | null = null;
  #linkService: PDFLinkService | null = null;
  #task: PDFDocumentLoadingTask | null = null;
  #doc: PDFDocumentProxy | null = null;
  #destroyed = false;
  #openedAt = 0;
  #firstPainted = false;
  #layoutVersion = 0;
  #initial: ReaderPosition | undefined;
  #resizeObserver: ResizeObserver | null = null;
  #resizeFrame = 0;
  #abort = new AbortController();
  #outlineDests = new WeakMap<OutlineItem, unknown>();

  constructor(options: ReaderControllerOptions) {
    this.#o = options;
  }

  get document(): PDFDocumentProxy | null {
    return this.#doc;
  }

  get pageCount(): number {
    return this.#doc?.numPages ?? 0;
  }

  get scale(): number {
    return this.#viewer?.currentScale ?? 1;
  }

  get currentPage(): number {
    return this.#viewer?.currentPageNumber ?? 1;
  }

  async open(source: PdfSource, initial?: ReaderPosition): Promise<void> {
    this.#openedAt = performance.now();
    performance.mark('folio-reader:open');
    this.#initial = initial;
    this.#o.onChange({ ...initialReaderState, scaleSetting: initial?.scale ?? 'page-width' });
    try {
      const [pdfjs, worker] = await Promise.all([loadPdfjs(), getPdfWorker(this.#o.workerSrc)]);
      performance.mark('folio-reader:pdfjs-ready');
      if (this.#destroyed) return;
      this.#pdfjs = pdfjs;
      this.#createViewer(pdfjs);
      const { lib } = pdfjs;
      const params: Parameters<typeof lib.getDocument>[0] = {
        worker,
        // No eval-compiled font paths: the app's CSP forbids 'unsafe-eval'.
        isEvalSupported: false,
        enableXfa: false,
        ...(this.#o.assets?.cMapUrl ? { cMapUrl: this.#o.assets.cMapUrl, cMapPacked: true } : {}),
        ...(this.#o.assets?.standardFontDataUrl ? { standardFontDataUrl: this.#o.assets.standardFontDataUrl } : {}),
        ...(this.#o.assets?.wasmUrl ? { wasmUrl: this.#o.assets.wasmUrl } : {}),
        ...(this.#o.assets?.iccUrl ? { iccUrl: this.#o.assets.iccUrl } : {}),
      };
      // pdf.js transfers `data` to the worker (detaching it); hand it a copy so the caller's bytes survive.
      if ('url' in source) {
        params.url = source.url;
        if ((source.size ?? 0) > LARGE_FILE_BYTES) {
          params.disableStream = true;
          params.disableAutoFetch = true;
        }
      } else params.data = source.data.slice();
      const task = (this.#task = lib.getDocument(params));
      task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
        if (!this.#destroyed) this.#o.onChange({ progress: total > 0 ? Math.min(1, loaded / total) : null });
      };
      task.onPassword = () => {
        const err = new Error(messageOf({ name: 'PasswordException' }));
        err.name = 'PasswordException';
        void task.destroy();
        this.#fail(err);
      };
      const doc = await task.promise;
      performance.mark('folio-reader:document-ready');
      if (this.#destroyed) {
        void doc.destroy();
        return;
      }
      this.#doc = doc;
      this.#linkService!.setDocument(doc, null);
      this.#viewer!.setDocument(doc);
      this.#o.onChange({ pageCount: doc.numPages, progress: 1 });
      void this.#collectDocumentInfo(doc);
    } catch (err) {
      if (this.#destroyed) return;
      this.#fail(err);
    }
  }

  #fail(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    this.#o.onChange({ status: 'error', error: messageOf(err) });
    this.#o.onError(e);
  }

  #createViewer({ viewer: v, lib }: Pdfjs): void {
    const eventBus = (this.#eventBus = new v.EventBus());
    const linkService = (this.#linkService = new v.PDFLinkService({ eventBus, externalLinkTarget: v.LinkTarget.BLANK }));
    const findController: PDFFindController = new v.PDFFindController({ eventBus, linkService });
    // `abortSignal` (detaches the viewer's scroll and resize listeners) is missing from the typings.
    const viewer = (this.#viewer = new v.PDFViewer({
      container: this.#o.container,
      viewer: this.#o.viewer,
      eventBus,
      linkService,
      findController,
      removePageBorders: true,
      textLayerMode: TEXT_LAYER_ENABLE,
      annotationMode: lib.AnnotationMode.ENABLE,
      annotationEditorMode: lib.AnnotationEditorType.DISABLE,
      maxCanvasPixels: MAX_CANVAS_PIXELS,
      abortSignal: this.#abort.signal,
    } as ConstructorParameters<typeof v.PDFViewer>[0]));
    linkService.setViewer(viewer);
    // Like the pdf.js app: after 30 s without rendering, drop the document's decoded fonts/images.
    (viewer.renderingQueue as unknown as { onIdle: (() => void) | null }).onIdle = () => {
      viewer.cleanup();
      this.#doc?.cleanup().catch(() => {});
    };

    eventBus.on('pagesinit', () => this.#onPagesInit());
    eventBus.on('pagesloaded', () => this.#bumpLayout(null));
    eventBus.on('pagechanging', (e: { pageNumber: number }) => this.#o.onChange({ page: e.pageNumber }));
    eventBus.on('scalechanging', (e: { scale: number; presetValue?: string }) => {
      this.#o.onChange({ scale: e.scale, scaleSetting: this.#scaleSetting() });
      this.#bumpLayout(null);
    });
    eventBus.on('rotationchanging', () => this.#bumpLayout(null));
    eventBus.on('updateviewarea', (e: { location?: { pageNumber: number; top: number } }) => this.#onViewArea(e.location));
    const pageDom = (e: { pageNumber: number }) => this.#o.onPageDom(e.pageNumber);
    eventBus.on('pagerender', (e: { pageNumber: number }) => {
      // pdf.js has just evicted pages from its render buffer (its own listener runs first).
      this.#forgetDetachedTextLayers();
      pageDom(e);
    });
    eventBus.on('textlayerrendered', pageDom);
    eventBus.on('annotationlayerrendered', pageDom);
    eventBus.on('pagerendered', (e: { pageNumber: number; cssTransform?: boolean; isDetailView?: boolean }) => {
      this.#o.onPageDom(e.pageNumber);
      if (!this.#firstPainted && !e.cssTransform && !e.isDetailView) {
        this.#firstPainted = true;
        const ms = Math.round(performance.now() - this.#openedAt);
        try {
          performance.measure('folio-reader:first-page', 'folio-reader:open');
        } catch {
          // The mark can be cleared by the host page; the number below is what matters.
        }
        this.#o.onChange({ firstPaintMs: ms, status: 'ready' });
      }
    });
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
      this.#o.onChange({ findCurrent: e.matchesCount.current, findTotal: e.matchesCount.total }),
    );
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount?: { current: number; total: number } }) => {
      const status: FindStatus = e.state === 0 ? 'found' : e.state === 1 ? 'not-found' : e.state === 2 ? 'wrapped' : 'pending';
      this.#o.onChange({
        findStatus: status,
        ...(e.matchesCount ? { findCurrent: e.matchesCount.current, findTotal: e.matchesCount.total } : {}),
      });
    });

    // Preset zooms (fit width/page) follow the container size, as in the pdf.js app.
    this.#resizeObserver = new ResizeObserver(() => {
      cancelAnimationFrame(this.#resizeFrame);
      this.#resizeFrame = requestAnimationFrame(() => {
        const value = this.#viewer?.currentScaleValue;
        if (this.#doc && value && PRESETS.has(value)) this.#viewer!.currentScaleValue = value;
      });
    });
    this.#resizeObserver.observe(this.#o.container);
  }

  #onPagesInit(): void {
    const viewer = this.#viewer!;
    const initial = this.#initial;
    this.setScale(initial?.scale ?? 'page-width');
    if (initial && initial.page > 1 && initial.page <= this.pageCount) {
      if (typeof initial.top === 'number') {
        viewer.scrollPageIntoView({
          pageNumber: initial.page,
          destArray: [null, { name: 'XYZ' }, null, initial.top, null],
          ignoreDestinationZoom: true,
        });
      } else viewer.currentPageNumber = initial.page;
    } else if (initial && initial.page === 1 && typeof initial.top === 'number') {
      viewer.scrollPageIntoView({
        pageNumber: 1,
        destArray: [null, { name: 'XYZ' }, null, initial.top, null],
        ignoreDestinationZoom: true,
      });
    }
    this.#bumpLayout(null);
  }

  #bumpLayout(page: number | null): void {
    this.#layoutVersion++;
    this.#o.onChange({ layoutVersion: this.#layoutVersion });
    this.#o.onPageDom(page);
  }

  #scaleSetting(): ScaleSetting {
    const value = this.#viewer?.currentScaleValue;
    if (value === 'page-width' || value === 'page-fit' || value === 'auto') return value;
    return Math.round((this.#viewer?.currentScale ?? 1) * 1000) / 1000;
  }

  visibleViews(): VisibleView[] {
    const viewer = this.#viewer as unknown as { _getVisiblePages(): { views: VisibleView[] } } | null;
    if (!viewer || !this.#doc) return [];
    return viewer._getVisiblePages().views;
  }

  #onViewArea(location: { pageNumber: number; top: number } | undefined): void {
    const views = this.visibleViews();
    const visiblePages = views.map((v) => v.id).sort((a, b) => a - b);
    this.#o.onChange({ visiblePages });
    if (location) this.#o.onPosition({ page: location.pageNumber, top: location.top, scale: this.#scaleSetting() });
    this.#releaseFarPages(visiblePages);
  }

  /** pdf.js keeps up to 10 rendered pages; release the ones well away from the viewport sooner. */
  #releaseFarPages(visiblePages: number[]): void {
    const first = visiblePages[0];
    const last = visiblePages[visiblePages.length - 1];
    if (!this.#viewer || first === undefined || last === undefined) return;
    for (const view of this.#viewer.getCachedPageViews() as Set<PageView>) {
      if (view.renderingState !== RENDERING_FINISHED) continue;
      if (view.id < first - KEEP_RENDERED_AROUND || view.id > last + KEEP_RENDERED_AROUND) view.destroy();
    }
    this.#forgetDetachedTextLayers();
  }

  /**
   * pdf.js's per-page find highlighter keeps the spans of a page's last text layer after the page is
   * reset, so every page ever rendered would stay in memory as detached DOM. Drop them once the page
   * has no text layer; rendering it again installs a fresh mapping before re-enabling the highlighter.
   */
  #forgetDetachedTextLayers(): void {
    const count = this.pageCount;
    for (let i = 1; i <= count; i++) {
      const view = this.getPageView(i) as (PageView & { textLayer?: unknown }) | null;
      if (!view || view.textLayer || !Object.hasOwn(view, '_textHighlighter')) continue;
      const h = (
        view as unknown as {
          _textHighlighter: { enabled: boolean; textDivs: unknown; textContentItemsStr: unknown; matches: unknown[] };
        }
      )._textHighlighter;
      if (!h.enabled && h.textDivs) {
        h.textDivs = null;
        h.textContentItemsStr = null;
        h.matches = [];
      }
    }
  }

  async #collectDocumentInfo(doc: PDFDocumentProxy): Promise<void> {
    // Runs after the first page is on screen: none of this may delay it.
    await this.#viewer?.onePageRendered?.catch(() => undefined);
    if (this.#destroyed || doc !== this.#doc) return;
    try {
      const sample = Math.min(doc.numPages, TEXT_SAMPLE_PAGES);
      const counts: number[] = [];
      for (let i = 1; i <= sample; i++) {
        const page = await doc.getPage(i);
        const content = await page.getTextContent();
        counts.push(countTextChars(content.items));
        if (hasUsableText(counts)) break;
      }
      const hasTextLayer = hasUsableText(counts);
      const [outline, metadata] = await Promise.all([this.#resolveOutline(doc), doc.getMetadata().catch(() => null)]);
      if (this.#destroyed || doc !== this.#doc) return;
      const info = metadata?.info as { Title?: unknown } | undefined;
      const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
      this.#o.onChange({ hasTextLayer, outline });
      this.#o.onDocumentInfo({ pageCount: doc.numPages, hasTextLayer, outline, title, fingerprint: doc.fingerprints[0] ?? null });
    } catch (err) {
      if (!this.#destroyed) this.#o.onError(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async #resolveOutline(doc: PDFDocumentProxy): Promise<OutlineItem[]> {
    const raw = await doc.getOutline().catch(() => null);
    if (!raw) return [];
    type RawItem = { title: string; dest: string | unknown[] | null; url: string | null; items: RawItem[] };
    const resolvePage = async (dest: RawItem['dest']): Promise<number | null> => {
      try {
        const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
        const ref = Array.isArray(explicit) ? explicit[0] : null;
        if (ref == null) return null;
        if (typeof ref === 'number') return ref + 1;
        return (await doc.getPageIndex(ref as Parameters<typeof doc.getPageIndex>[0])) + 1;
      } catch {
        return null;
      }
    };
    const walk = (items: RawItem[]): Promise<OutlineItem[]> =>
      Promise.all(
        items.map(async (it) => {
          const item: OutlineItem = {
            title: it.title,
            url: it.url ?? null,
            page: await resolvePage(it.dest),
            items: await walk(it.items ?? []),
          };
          if (it.dest) this.#outlineDests.set(item, it.dest);
          return item;
        }),
      );
    return walk(raw as unknown as RawItem[]);
  }

  /** Jumps to an outline entry's exact destination (falls back to its page). */
  goToOutlineItem(item: OutlineItem): void {
    const dest = this.#outlineDests.get(item);
    if (dest && this.#linkService) void this.#linkService.goToDestination(dest as string | unknown[]);
    else if (item.page) this.goToPage(item.page);
  }

  getPageView(page: number): PageView | null {
    if (!this.#viewer || page < 1 || page > this.pageCount) return null;
    return (this.#viewer.getPageView(page - 1) as PageView | undefined) ?? null;
  }

  setScale(setting: ScaleSetting): void {
    const viewer = this.#viewer;
    if (!viewer || !this.#doc) return;
    if (typeof setting === 'number') viewer.currentScale = Math.min(10, Math.max(0.1, setting));
    else viewer.currentScaleValue = setting;
    this.#o.onChange({ scale: viewer.currentScale, scaleSetting: this.#scaleSetting() });
  }

  zoom(direction: 1 | -1): void {
    this.setScale(nextZoomStep(this.scale, direction));
  }

  /** Ctrl+wheel / pinch: scale by a factor around a client point, repainting once the gesture settles. */
  zoomBy(factor: number, clientX: number, clientY: number): void {
    this.#viewer?.updateScale({ scaleFactor: factor, origin: [clientX, clientY], drawingDelay: 400 });
  }

  goToPage(page: number): void {
    if (!this.#viewer || !this.#doc) return;
    this.#viewer.currentPageNumber = Math.min(this.pageCount, Math.max(1, Math.round(page)));
  }

  /** Scrolls so PDF y-coordinate `top` of `page` is `marginPx` below the viewport's top edge. */
  goToPdfPoint(page: number, top: number, marginPx = 48): void {
    const viewer = this.#viewer;
    if (!viewer || !this.#doc || page < 1 || page > this.pageCount) return;
    const cssPerPt = viewer.currentScale * (this.#pdfjs?.lib.PixelsPerInch.PDF_TO_CSS_UNITS ?? 96 / 72);
    viewer.scrollPageIntoView({
      pageNumber: page,
      destArray: [null, { name: 'XYZ' }, null, top + marginPx / cssPerPt, null],
      ignoreDestinationZoom: true,
    });
  }

  find(query: string, options: { again?: boolean; previous?: boolean } = {}): void {
    if (!this.#eventBus) return;
    if (!query) {
      this.closeFind();
      return;
    }
    this.#eventBus.dispatch('find', {
      source: this,
      type: options.again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: !!options.previous,
      matchDiacritics: false,
    });
  }

  closeFind(): void {
    this.#eventBus?.dispatch('findbarclose', { source: this });
    this.#o.onChange({ findStatus: 'idle', findCurrent: 0, findTotal: 0 });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#abort.abort();
    this.#resizeObserver?.disconnect();
    cancelAnimationFrame(this.#resizeFrame);
    try {
      this.#viewer?.setDocument(null as unknown as PDFDocumentProxy);
      this.#linkService?.setDocument(null, null);
    } catch {
      // Tearing down a half-initialised viewer; nothing left to release.
    }
    // pdf.js's viewer requests every page right after the first one renders; destroying the document
    // under those requests makes it log one error per page. Let them settle first (briefly).
    const task = this.#task;
    const doc = this.#doc;
    if (task && doc && doc.numPages <= 1000) {
      const pages = Promise.allSettled(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
      void Promise.race([pages, new Promise((r) => setTimeout(r, 1500))]).then(() => task.destroy());
    } else void task?.destroy();
    this.#task = null;
    this.#doc = null;
    this.#viewer = null;
  }
}
