import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type Ref,
} from 'react';
import { createPortal } from 'react-dom';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import './PdfReader.css';
import type { Annotation, AnnotationPatch, HighlightColor, NewAnnotation } from './annotation-types';
import { annotationBounds, groupByPage, hitTestAnnotations } from './annotation-geometry';
import { annotationsToMarkdown } from './annotations-markdown';
import { ActivityTracker, type ActivityEvent } from './activity-tracker';
import { AnnotationEditor, SelectionPopover, type PopoverPosition } from './AnnotationPopover';
import { AnnotationList } from './AnnotationList';
import {
  clientBoxToPdfRect,
  clientPointToPdfPoint,
  intersectBoxes,
  pdfPointToPageFractions,
  pdfRectToPageFractions,
  type Box,
} from './coordinates';
import { FindBar } from './FindBar';
import { OutlineTree } from './OutlineTree';
import { PageOverlay } from './PageOverlay';
import { ensurePdfViewerStyles } from './pdf-viewer-styles';
import {
  initialReaderState,
  ReaderController,
  type DocumentInfo,
  type OutlineItem,
  type PdfAssetUrls,
  type PdfSource,
  type ReaderPosition,
  type ReaderState,
  type ScaleSetting,
} from './reader-controller';
import { ReaderToolbar, type ReaderTool } from './ReaderToolbar';
import { pageContentBox, rangeToHighlightDrafts, type HighlightDraft, type PageGeometry } from './text-selection';
import { ThumbnailList } from './ThumbnailList';
import { throttle } from './throttle';

export type SidebarTab = 'outline' | 'thumbnails' | 'annotations';

/** A tab the host adds to the sidebar (after the reader's own), e.g. items related to the paper. */
export interface ReaderSidebarTab {
  /** Unique among the tabs; not one of the reader's own. */
  id: string;
  label: string;
  /** Rendered only while the tab is open. */
  render: () => ReactNode;
}

export interface PdfReaderHandle {
  goToPage(page: number): void;
  goToAnnotation(id: string): void;
  setScale(setting: ScaleSetting): void;
  openFind(): void;
}

export interface PdfReaderProps {
  /** `{ url }` streams with range requests (preferred for big files); `{ data }` is copied to the worker. */
  source: PdfSource;
  /** URL of `pdfjs-dist/build/pdf.worker.min.mjs` (Vite: `import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'`). */
  workerSrc: string;
  /** Optional pdf.js asset folders (cMaps, standard fonts, wasm decoders), each URL ending in '/'. */
  assets?: PdfAssetUrls;
  /** Where to open; read once per document. */
  initialPosition?: ReaderPosition;
  /** Throttled (500 ms) and flushed on close / when the window is hidden. */
  onPositionChange?: (pos: ReaderPosition) => void;
  annotations: readonly Annotation[];
  /** At least six colours with the meanings the user gave them. */
  colors: readonly HighlightColor[];
  onCreateAnnotation(a: NewAnnotation): Promise<Annotation>;
  onUpdateAnnotation(id: string, patch: AnnotationPatch): void | Promise<unknown>;
  onDeleteAnnotation(id: string): void | Promise<unknown>;
  /** When given, colour meanings are editable in the annotations sidebar. */
  onRenameColor?: (id: string, label: string) => void;
  /** Reading log: `active`/`idle` transitions with the visible pages (see ActivityEvent). */
  onActivity?: (e: ActivityEvent) => void;
  /** Idle after this long without input or scroll (default 60 s). */
  idleAfterMs?: number;
  onDocumentInfo?: (info: DocumentInfo) => void;
  onError?: (err: Error) => void;
  darkPages?: boolean;
  onDarkPagesChange?: (dark: boolean) => void;
  /** Used by the Markdown export; defaults to the PDF's Title metadata. */
  paperTitle?: string;
  /** Link written next to each exported annotation, e.g. `folio://paper/<id>?page=3`. */
  linkForPage?: (page: number) => string;
  /** Shows "Create paper note"; receives the annotations as Markdown. */
  onCreatePaperNote?: (markdown: string) => void;
  /** Replaces the default "download a .md file" export. */
  onExportMarkdown?: (markdown: string) => void;
  /** Sidebar tab open at start (null = closed). */
  defaultSidebar?: SidebarTab | null;
  /** Extra sidebar tabs, shown after Annotations, Outline and Pages. */
  extraSidebarTabs?: readonly ReaderSidebarTab[];
  className?: string;
  ref?: Ref<PdfReaderHandle>;
}

type Editing = { id: string; position: PopoverPosition; autoFocus: boolean };
type SelectionState = { drafts: HighlightDraft[]; position: PopoverPosition };
type AreaDrag = { page: number; pointerId: number; startX: number; startY: number; pageBox: Box; box: Box };

const sameArray = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function mergeState(prev: ReaderState, patch: Partial<ReaderState>): ReaderState {
  let changed = false;
  for (const key of Object.keys(patch) as (keyof ReaderState)[]) {
    const next = patch[key];
    const cur = prev[key];
    if (Array.isArray(next) && Array.isArray(cur) && key === 'visiblePages' ? sameArray(next, cur) : Object.is(next, cur))
      continue;
    changed = true;
    break;
  }
  return changed ? { ...prev, ...patch } : prev;
}

/** Latest-value callback with a stable identity (keeps memoised children from re-rendering). */
function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

function sourceKey(source: PdfSource): unknown {
  return 'url' in source ? source.url : source.data;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The PDF reader: continuous scroll, text layer, find, outline, thumbnails, zoom, dark pages and annotations in PDF coordinates. */
export function PdfReader(props: PdfReaderProps) {
  ensurePdfViewerStyles();
  const { source, workerSrc, annotations, colors, className, ref } = props;
  const latest = useRef(props);
  latest.current = props;

  const rootRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<ReaderController | null>(null);
  const hostsRef = useRef(new Map<number, HTMLDivElement>());

  const [state, setState] = useState<ReaderState>(initialReaderState);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [docTitle, setDocTitle] = useState<string | null>(null);
  const [tool, setTool] = useState<ReaderTool>('select');
  const [dark, setDark] = useState(props.darkPages ?? false);
  // A built-in tab or the id of an extra one.
  const [sidebar, setSidebar] = useState<string | null>(props.defaultSidebar ?? null);
  const [lastSidebar, setLastSidebar] = useState<string>(props.defaultSidebar ?? 'annotations');
  const [findOpen, setFindOpen] = useState(false);
  const [findFocus, setFindFocus] = useState(0);
  const [selection, setSelection] = useState<SelectionState | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [area, setArea] = useState<AreaDrag | null>(null);
  const [lastColor, setLastColor] = useState<string | null>(null);
  const [noticeDismissed, setNoticeDismissed] = useState(false);

  useEffect(() => setDark(props.darkPages ?? false), [props.darkPages]);

  const positionThrottle = useMemo(() => throttle((pos: ReaderPosition) => latest.current.onPositionChange?.(pos), 500), []);

  // ---- overlays: one host element per annotated page, living inside pdf.js's page div ----
  const attachHost = useCallback((page: number) => {
    const host = hostsRef.current.get(page);
    const view = controllerRef.current?.getPageView(page);
    if (host && view && host.parentElement !== view.div) view.div.append(host);
  }, []);
  const onPageDom = useCallback(
    (page: number | null) => {
      if (page === null) for (const p of hostsRef.current.keys()) attachHost(p);
      else attachHost(page);
    },
    [attachHost],
  );

  // ---- open the document ----
  const key = sourceKey(source);
  const assetsKey = JSON.stringify(props.assets ?? {});
  useEffect(() => {
    const container = containerRef.current;
    const viewer = viewerRef.current;
    if (!container || !viewer) return;
    const hosts = hostsRef.current;
    const controller = new ReaderController({
      container,
      viewer,
      workerSrc,
      assets: latest.current.assets,
      onChange: (patch) => setState((s) => mergeState(s, patch)),
      onPosition: (pos) => positionThrottle(pos),
      onDocumentInfo: (info) => {
        setDocTitle(info.title);
        latest.current.onDocumentInfo?.(info);
      },
      onError: (err) => latest.current.onError?.(err),
      onPageDom,
    });
    controllerRef.current = controller;
    setSelection(null);
    setEditing(null);
    setNoticeDismissed(false);
    void controller.open(latest.current.source, latest.current.initialPosition).then(() => {
      if (controllerRef.current === controller) setDoc(controller.document);
    });
    return () => {
      positionThrottle.flush();
      controller.destroy();
      if (controllerRef.current === controller) controllerRef.current = null;
      setDoc(null);
      for (const host of hosts.values()) host.remove();
      hosts.clear();
    };
    // The source identity (URL or byte array), worker and assets decide when to reopen; the
    // latest props are read through `latest`.
  }, [key, workerSrc, assetsKey, positionThrottle, onPageDom]);

  // ---- reading log ----
  const trackerRef = useRef<ActivityTracker | null>(null);
  useEffect(() => {
    const root = rootRef.current;
    const container = containerRef.current;
    if (!root || !container) return;
    const tracker = new ActivityTracker((e) => latest.current.onActivity?.(e), {
      idleAfterMs: latest.current.idleAfterMs ?? 60_000,
    });
    trackerRef.current = tracker;
    const input = () => tracker.input();
    const onVisibility = () => {
      const hidden = document.visibilityState === 'hidden';
      tracker.setHidden(hidden);
      if (hidden) positionThrottle.flush();
    };
    const opts = { passive: true } as const;
    for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel'] as const) root.addEventListener(type, input, opts);
    container.addEventListener('scroll', input, opts);
    document.addEventListener('visibilitychange', onVisibility);
    if (document.visibilityState === 'hidden') tracker.setHidden(true);
    return () => {
      for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel'] as const) root.removeEventListener(type, input);
      container.removeEventListener('scroll', input);
      document.removeEventListener('visibilitychange', onVisibility);
      tracker.dispose();
      trackerRef.current = null;
    };
  }, [key, positionThrottle]);
  useEffect(() => {
    trackerRef.current?.setView(state.page, state.visiblePages);
  }, [state.page, state.visiblePages]);

  // Geometry-dependent popovers would point at stale places after a zoom.
  useEffect(() => {
    setSelection(null);
    setEditing((e) => (e ? null : e));
  }, [state.scale]);

  // ---- geometry helpers ----
  const toContent = useCallback((clientX: number, clientY: number): PopoverPosition => {
    const c = containerRef.current!;
    const r = c.getBoundingClientRect();
    const left = clientX - r.left + c.scrollLeft;
    return {
      left: Math.max(c.scrollLeft + 8, Math.min(left, c.scrollLeft + c.clientWidth - 332)),
      top: clientY - r.top + c.scrollTop,
    };
  }, []);

  const annotationClientBox = useCallback((a: Annotation): Box | null => {
    const view = controllerRef.current?.getPageView(a.page);
    if (!view?.pdfPage) return null;
    const page = pageContentBox(view.div);
    if (a.kind === 'note') {
      const p = pdfPointToPageFractions(a.point, view.viewport);
      return { left: page.left + p.left * page.width, top: page.top + p.top * page.height, width: 20, height: 20 };
    }
    const f = pdfRectToPageFractions(annotationBounds(a), view.viewport);
    return {
      left: page.left + f.left * page.width,
      top: page.top + f.top * page.height,
      width: f.width * page.width,
      height: f.height * page.height,
    };
  }, []);

  const openEditor = useCallback(
    (a: Annotation, autoFocus = false) => {
      const box = annotationClientBox(a);
      if (!box) return;
      setSelection(null);
      setActiveId(a.id);
      setEditing({ id: a.id, position: toContent(box.left, box.top + box.height + 6), autoFocus });
    },
    [annotationClientBox, toContent],
  );

  const pagesAround = useCallback((from: number, to: number): PageGeometry[] => {
    const c = controllerRef.current;
    const out: PageGeometry[] = [];
    for (let p = Math.max(1, from); p <= to; p++) {
      const view = c?.getPageView(p);
      if (view?.pdfPage) out.push({ page: p, element: view.div, viewport: view.viewport });
    }
    return out;
  }, []);

  // ---- text selection -> highlight ----
  const readSelection = useCallback(() => {
    const sel = window.getSelection();
    const viewer = viewerRef.current;
    if (!sel || sel.isCollapsed || sel.rangeCount === 0 || !viewer) return;
    const range = sel.getRangeAt(0);
    if (!viewer.contains(range.startContainer) && !viewer.contains(range.endContainer)) return;
    const pageOf = (n: Node) =>
      Number((n instanceof Element ? n : n.parentElement)?.closest<HTMLElement>('.page')?.dataset.pageNumber ?? NaN);
    const visible = controllerRef.current?.visibleViews().map((v) => v.id) ?? [];
    const first = Number.isFinite(pageOf(range.startContainer)) ? pageOf(range.startContainer) : Math.min(...visible);
    const last = Number.isFinite(pageOf(range.endContainer)) ? pageOf(range.endContainer) : Math.max(...visible);
    if (!Number.isFinite(first) || !Number.isFinite(last)) return;
    const drafts = rangeToHighlightDrafts(range, pagesAround(first, last));
    const anchor = drafts[drafts.length - 1]?.anchor;
    if (!anchor) return;
    setEditing(null);
    setSelection({ drafts, position: toContent(anchor.left, anchor.top + anchor.height + 6) });
  }, [pagesAround, toContent]);

  const createHighlights = useStable(async (colorId: string, comment: string) => {
    if (!selection || creating) return;
    setCreating(true);
    try {
      const created: Annotation[] = [];
      for (const [i, d] of selection.drafts.entries()) {
        created.push(
          await latest.current.onCreateAnnotation({
            kind: 'highlight',
            page: d.page,
            rects: d.rects,
            text: d.text,
            color: colorId,
            comment: i === 0 ? comment : '',
          }),
        );
      }
      window.getSelection()?.removeAllRanges();
      setSelection(null);
      setLastColor(colorId);
      if (created[0]) setActiveId(created[0].id);
    } catch (err) {
      latest.current.onError?.(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setCreating(false);
    }
  });

  // ---- pointer handling on pages ----
  const pageAt = (target: EventTarget | null): { page: number; div: HTMLElement } | null => {
    const div = target instanceof Element ? target.closest<HTMLElement>('.page') : null;
    const page = Number(div?.dataset.pageNumber);
    return div && Number.isInteger(page) ? { page, div } : null;
  };

  const createAndEdit = useStable(async (a: NewAnnotation) => {
    try {
      const created = await latest.current.onCreateAnnotation(a);
      setTool('select');
      // Wait a frame for the new annotation to be drawn before anchoring the editor to it.
      requestAnimationFrame(() => openEditor(created, true));
    } catch (err) {
      latest.current.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  });

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if ((e.target as Element).closest('.folio-popover')) return;
    if (selection) setSelection(null);
    const hit = pageAt(e.target);
    if (!hit || e.button !== 0) return;
    const view = controllerRef.current?.getPageView(hit.page);
    if (!view?.pdfPage) return;
    const pageBox = pageContentBox(view.div);
    const defaultColor = lastColor ?? colors[0]?.id ?? 'yellow';
    if (tool === 'note') {
      e.preventDefault();
      const point = clientPointToPdfPoint(e.clientX, e.clientY, pageBox, view.viewport);
      void createAndEdit({ kind: 'note', page: hit.page, point, text: '', color: defaultColor });
    } else if (tool === 'area') {
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      setEditing(null);
      setArea({
        page: hit.page,
        pointerId: e.pointerId,
        startX: e.clientX,
        startY: e.clientY,
        pageBox,
        box: { left: e.clientX, top: e.clientY, width: 0, height: 0 },
      });
    }
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!area || e.pointerId !== area.pointerId) return;
    const raw = {
      left: Math.min(area.startX, e.clientX),
      top: Math.min(area.startY, e.clientY),
      width: Math.abs(e.clientX - area.startX),
      height: Math.abs(e.clientY - area.startY),
    };
    const box = intersectBoxes(raw, area.pageBox) ?? { ...raw, width: 0, height: 0 };
    setArea({ ...area, box });
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (area && e.pointerId === area.pointerId) {
      const { page, box } = area;
      setArea(null);
      const view = controllerRef.current?.getPageView(page);
      if (!view?.pdfPage || box.width < 6 || box.height < 6) return;
      const pageBox = pageContentBox(view.div);
      const rect = clientBoxToPdfRect(box, pageBox, view.viewport);
      const image = snapshot(view.canvas, pageBox, box);
      void createAndEdit({
        kind: 'area',
        page,
        rect,
        color: lastColor ?? colors[0]?.id ?? 'yellow',
        comment: '',
        ...(image ? { image } : {}),
      });
      return;
    }
    if (tool === 'select' && !(e.target as Element).closest('.folio-popover')) setTimeout(readSelection, 0);
  };

  const onClick = (e: ReactMouseEvent<HTMLDivElement>) => {
    if (tool !== 'select') return;
    const target = e.target as Element;
    if (target.closest('.folio-popover, .folio-note, a, .annotationLayer section')) return;
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const hit = pageAt(target);
    const view = hit && controllerRef.current?.getPageView(hit.page);
    if (!hit || !view?.pdfPage) {
      setEditing(null);
      return;
    }
    const point = clientPointToPdfPoint(e.clientX, e.clientY, pageContentBox(view.div), view.viewport);
    const a = hitTestAnnotations(latest.current.annotations, hit.page, point);
    if (a) openEditor(a);
    else {
      setEditing(null);
      setActiveId(null);
    }
  };

  // Keyboard selection (Shift+arrows) also offers the colour popover.
  const onKeyUp = (e: ReactKeyboardEvent) => {
    if (tool === 'select' && e.shiftKey && e.key.startsWith('Arrow')) readSelection();
  };

  // ---- commands ----
  const goToAnnotation = useStable((a: Annotation) => {
    const b = annotationBounds(a);
    controllerRef.current?.goToPdfPoint(a.page, b[3]);
    setActiveId(a.id);
    setFlashId(a.id);
    window.setTimeout(() => setFlashId((f) => (f === a.id ? null : f)), 1600);
  });
  const openFind = useStable(() => {
    if (state.hasTextLayer === false) return;
    setFindOpen(true);
    setFindFocus((n) => n + 1);
  });
  const closeFind = useStable(() => {
    setFindOpen(false);
    controllerRef.current?.closeFind();
  });
  const markdown = useStable(() =>
    annotationsToMarkdown(
      latest.current.paperTitle ?? docTitle ?? 'Untitled paper',
      latest.current.annotations,
      latest.current.colors,
      latest.current.linkForPage ?? ((p) => `#page=${p}`),
    ),
  );
  const exportMarkdown = useStable(() => {
    const md = markdown();
    if (latest.current.onExportMarkdown) latest.current.onExportMarkdown(md);
    else download(`${(latest.current.paperTitle ?? docTitle ?? 'annotations').replace(/[\\/:*?"<>|]+/g, ' ').trim()}.md`, md);
  });
  const createPaperNote = useStable(() => latest.current.onCreatePaperNote?.(markdown()));
  const updateAnnotation = useStable((id: string, patch: AnnotationPatch) => {
    void Promise.resolve(latest.current.onUpdateAnnotation(id, patch)).catch((err) => latest.current.onError?.(err));
  });
  const deleteAnnotation = useStable((id: string) => {
    setEditing((e) => (e?.id === id ? null : e));
    void Promise.resolve(latest.current.onDeleteAnnotation(id)).catch((err) => latest.current.onError?.(err));
  });
  const selectOutline = useStable((item: OutlineItem) => controllerRef.current?.goToOutlineItem(item));
  const goToPage = useStable((page: number) => controllerRef.current?.goToPage(page));
  const toggleDark = useStable(() => {
    setDark(!dark);
    latest.current.onDarkPagesChange?.(!dark);
  });
  const toggleSidebar = useStable(() => setSidebar((s) => (s ? null : lastSidebar)));
  const showTab = (tab: string) => {
    setSidebar(tab);
    setLastSidebar(tab);
  };

  useImperativeHandle(
    ref,
    () => ({
      goToPage: (page) => controllerRef.current?.goToPage(page),
      goToAnnotation: (id) => {
        const a = latest.current.annotations.find((x) => x.id === id);
        if (a) goToAnnotation(a);
      },
      setScale: (s) => controllerRef.current?.setScale(s),
      openFind,
    }),
    [goToAnnotation, openFind],
  );

  // ---- keyboard shortcuts ----
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const root = rootRef.current;
      const active = document.activeElement;
      if (!root || (active && active !== document.body && !root.contains(active))) return;
      const mod = e.ctrlKey || e.metaKey;
      const c = controllerRef.current;
      if (mod && (e.key === '+' || e.key === '=')) {
        e.preventDefault();
        c?.zoom(1);
      } else if (mod && (e.key === '-' || e.key === '_')) {
        e.preventDefault();
        c?.zoom(-1);
      } else if (mod && e.key === '0') {
        e.preventDefault();
        c?.setScale('page-width');
      } else if (mod && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        openFind();
      } else if (e.key === 'Escape') {
        if (selection || editing || area || tool !== 'select') {
          setSelection(null);
          setEditing(null);
          setArea(null);
          setTool('select');
        } else if (findOpen) closeFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [area, closeFind, editing, findOpen, openFind, selection, tool]);

  // Ctrl/Cmd + wheel (and trackpad pinch, which arrives as ctrl+wheel) zooms around the pointer.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      controllerRef.current?.zoomBy(Math.exp(-e.deltaY / 400), e.clientX, e.clientY);
    };
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => container.removeEventListener('wheel', onWheel);
  }, []);

  // ---- overlays ----
  const byPage = useMemo(() => groupByPage(annotations), [annotations]);
  const hosts = hostsRef.current;
  const portals: ReactNode[] = [];
  const controller = controllerRef.current;
  if (controller && state.pageCount > 0) {
    for (const [page, list] of byPage) {
      const view = controller.getPageView(page);
      if (!view?.pdfPage) continue;
      let host = hosts.get(page);
      if (!host) {
        host = document.createElement('div');
        host.className = 'folio-annotation-layer';
        host.dataset.page = String(page);
        hosts.set(page, host);
      }
      portals.push(
        createPortal(
          <PageOverlay
            annotations={list}
            viewport={view.viewport}
            colors={colors}
            activeId={activeId}
            flashId={flashId}
            onOpenNote={(a) => openEditor(a)}
          />,
          host,
          `p${page}`,
        ),
      );
    }
  }
  useLayoutEffect(() => {
    for (const [page, host] of hostsRef.current) {
      if (byPage.has(page)) attachHost(page);
      else {
        host.remove();
        hostsRef.current.delete(page);
      }
    }
  });

  const editingAnnotation = editing ? annotations.find((a) => a.id === editing.id) : undefined;
  useEffect(() => {
    if (editing && !editingAnnotation) setEditing(null);
  }, [editing, editingAnnotation]);

  let areaBox: Box | null = null;
  if (area && containerRef.current) {
    const c = containerRef.current;
    const r = c.getBoundingClientRect();
    areaBox = {
      left: area.box.left - r.left + c.scrollLeft,
      top: area.box.top - r.top + c.scrollTop,
      width: area.box.width,
      height: area.box.height,
    };
  }

  const rootClass = ['folio-reader', dark ? 'folio-reader--dark-pages' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div
      ref={rootRef}
      className={rootClass}
      data-tool={tool}
      data-status={state.status}
      data-page={state.page}
      data-page-count={state.pageCount}
      data-scale={state.scale}
      data-first-paint-ms={state.firstPaintMs ?? undefined}
      data-has-text-layer={state.hasTextLayer === null ? undefined : String(state.hasTextLayer)}
    >
      <ReaderToolbar
        page={state.page}
        pageCount={state.pageCount}
        scale={state.scale}
        scaleSetting={state.scaleSetting}
        tool={tool}
        darkPages={dark}
        sidebarOpen={sidebar !== null}
        findOpen={findOpen}
        canSelectText={state.hasTextLayer !== false}
        onToggleSidebar={toggleSidebar}
        onGoToPage={goToPage}
        onZoom={(d) => controllerRef.current?.zoom(d)}
        onScale={(s) => controllerRef.current?.setScale(s)}
        onTool={(t) => setTool((cur) => (cur === t ? 'select' : t))}
        onToggleDark={toggleDark}
        onToggleFind={() => (findOpen ? closeFind() : openFind())}
      />
      {state.status === 'loading' && (
        <div
          className="folio-reader__progress"
          role="progressbar"
          aria-label="Loading PDF"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={state.progress === null ? undefined : Math.round(state.progress * 100)}
        >
          <div
            className={`folio-reader__progress-bar${state.progress === null ? ' is-indeterminate' : ''}`}
            style={state.progress === null ? undefined : { width: `${state.progress * 100}%` }}
          />
        </div>
      )}
      {findOpen && (
        <FindBar
          status={state.findStatus}
          current={state.findCurrent}
          total={state.findTotal}
          focusToken={findFocus}
          onFind={(q, o) => controllerRef.current?.find(q, o)}
          onClose={closeFind}
        />
      )}
      {state.hasTextLayer === false && !noticeDismissed && (
        <div className="folio-reader__notice" role="status" data-testid="no-text-layer">
          <span>
            <strong>This PDF has no text layer</strong> — it looks scanned. Text can’t be selected, searched or highlighted;
            region highlights and notes still work.
          </span>
          <button
            type="button"
            className="folio-btn folio-btn--ghost folio-btn--icon"
            aria-label="Dismiss"
            onClick={() => setNoticeDismissed(true)}
          >
            ×
          </button>
        </div>
      )}
      <div className="folio-reader__body">
        {sidebar && (
          <aside className="folio-sidebar" aria-label="Reader sidebar">
            <div className="folio-sidebar__tabs" role="tablist">
              {[
                ['annotations', `Annotations${annotations.length ? ` (${annotations.length})` : ''}`] as const,
                ['outline', 'Outline'] as const,
                ['thumbnails', 'Pages'] as const,
                ...(props.extraSidebarTabs ?? []).map((t) => [t.id, t.label] as const),
              ].map(([tab, label]) => (
                <button
                  key={tab}
                  type="button"
                  role="tab"
                  aria-selected={sidebar === tab}
                  className="folio-sidebar__tab"
                  onClick={() => showTab(tab)}
                >
                  {label}
                </button>
              ))}
            </div>
            <div className="folio-sidebar__panel" role="tabpanel">
              {sidebar === 'annotations' && (
                <AnnotationList
                  annotations={annotations}
                  colors={colors}
                  activeId={activeId}
                  onSelect={goToAnnotation}
                  onUpdate={updateAnnotation}
                  onDelete={deleteAnnotation}
                  onRenameColor={props.onRenameColor}
                  onExportMarkdown={exportMarkdown}
                  onCreatePaperNote={props.onCreatePaperNote ? createPaperNote : undefined}
                />
              )}
              {sidebar === 'outline' && <OutlineTree outline={state.outline} onSelect={selectOutline} />}
              {sidebar === 'thumbnails' && doc && (
                <ThumbnailList doc={doc} pageCount={state.pageCount} currentPage={state.page} onSelect={goToPage} />
              )}
              {props.extraSidebarTabs?.find((t) => t.id === sidebar)?.render()}
            </div>
          </aside>
        )}
        <div className="folio-reader__stage">
          <div
            ref={containerRef}
            className="folio-reader__container"
            tabIndex={-1}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onClick={onClick}
            onKeyUp={onKeyUp}
          >
            <div ref={viewerRef} className="pdfViewer" />
            <div className="folio-reader__float">
              {areaBox && <div className="folio-area-draft" style={areaBox} />}
              {selection && (
                <SelectionPopover
                  position={selection.position}
                  colors={colors}
                  busy={creating}
                  onHighlight={createHighlights}
                  onClose={() => setSelection(null)}
                />
              )}
              {editing && editingAnnotation && (
                <AnnotationEditor
                  key={editing.id}
                  annotation={editingAnnotation}
                  position={editing.position}
                  colors={colors}
                  autoFocus={editing.autoFocus}
                  onUpdate={updateAnnotation}
                  onDelete={deleteAnnotation}
                  onClose={() => setEditing(null)}
                />
              )}
            </div>
          </div>
          {state.status === 'error' && (
            <div className="folio-reader__message" role="alert">
              <strong>Couldn’t open this PDF.</strong>
              <span>{state.error}</span>
            </div>
          )}
          {state.status === 'loading' && state.firstPaintMs === null && (
            <div className="folio-reader__message folio-reader__message--quiet">Opening…</div>
          )}
        </div>
      </div>
      {portals}
    </div>
  );
}

/** Cuts the region out of the page's rendered canvas (at most 1024 px wide) as a PNG data URL. */
function snapshot(canvas: HTMLCanvasElement | null, pageBox: Box, box: Box): string | undefined {
  if (!canvas || canvas.width === 0 || pageBox.width === 0) return undefined;
  const sx = canvas.width / pageBox.width;
  const sy = canvas.height / pageBox.height;
  const w = box.width * sx;
  const h = box.height * sy;
  const k = Math.min(1, 1024 / w);
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(w * k));
  out.height = Math.max(1, Math.round(h * k));
  const ctx = out.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(canvas, (box.left - pageBox.left) * sx, (box.top - pageBox.top) * sy, w, h, 0, 0, out.width, out.height);
  try {
    return out.toDataURL('image/png');
  } catch {
    return undefined;
  }
}
