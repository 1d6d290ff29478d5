import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';

const THUMB_WIDTH = 132;
const MAX_THUMB_DPR = 2;

/** Renders thumbnails one at a time, newest request first, skipping ones scrolled away meanwhile. */
class ThumbnailQueue {
  #jobs: { run: () => Promise<void>; wanted: () => boolean }[] = [];
  #running = false;

  push(run: () => Promise<void>, wanted: () => boolean): void {
    this.#jobs.push({ run, wanted });
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      for (let job = this.#jobs.pop(); job; job = this.#jobs.pop()) {
        if (job.wanted()) await job.run().catch(() => {});
      }
    } finally {
      this.#running = false;
    }
  }
}

type Watch = (el: Element, onChange: (visible: boolean) => void) => () => void;

const Thumbnail = memo(function Thumbnail({
  doc,
  page,
  aspect,
  current,
  queue,
  watch,
  onSelect,
}: {
  doc: PDFDocumentProxy;
  page: number;
  aspect: number;
  current: boolean;
  queue: ThumbnailQueue;
  watch: Watch;
  onSelect(page: number): void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [ownAspect, setOwnAspect] = useState<number | null>(null);

  useEffect(() => {
    const el = buttonRef.current;
    if (!el) return;
    let visible = false;
    let task: RenderTask | null = null;
    let drawn = false;
    const release = () => {
      task?.cancel();
      task = null;
      const canvas = canvasRef.current;
      if (canvas && drawn) {
        // Zero-sized canvases give their backing store back right away.
        canvas.width = 0;
        canvas.height = 0;
      }
      drawn = false;
    };
    const render = async () => {
      const canvas = canvasRef.current;
      if (!canvas || drawn) return;
      const pdfPage = await doc.getPage(page);
      if (!visible) return;
      const base = pdfPage.getViewport({ scale: 1 });
      setOwnAspect(base.height / base.width);
      const dpr = Math.min(globalThis.devicePixelRatio || 1, MAX_THUMB_DPR);
      const viewport = pdfPage.getViewport({ scale: (THUMB_WIDTH / base.width) * dpr });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      task = pdfPage.render({ canvas, viewport });
      try {
        await task.promise;
        drawn = true;
      } finally {
        task = null;
      }
    };
    const stop = watch(el, (v) => {
      visible = v;
      if (v) queue.push(render, () => visible);
      else release();
    });
    return () => {
      stop();
      release();
    };
  }, [doc, page, queue, watch]);

  return (
    <button
      ref={buttonRef}
      type="button"
      className={`folio-thumb${current ? ' is-current' : ''}`}
      aria-current={current ? 'page' : undefined}
      onClick={() => onSelect(page)}
      data-page={page}
    >
      <canvas
        ref={canvasRef}
        className="folio-thumb__canvas"
        style={{ width: THUMB_WIDTH, height: Math.round(THUMB_WIDTH * (ownAspect ?? aspect)) }}
      />
      <span className="folio-thumb__label">{page}</span>
    </button>
  );
});

export interface ThumbnailListProps {
  doc: PDFDocumentProxy;
  pageCount: number;
  currentPage: number;
  onSelect(page: number): void;
}

/** Lazily rendered page thumbnails: only those near the sidebar's viewport hold a canvas. */
export function ThumbnailList({ doc, pageCount, currentPage, onSelect }: ThumbnailListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  const [aspect, setAspect] = useState(1.294);
  const queue = useMemo(() => new ThumbnailQueue(), []);
  const [watch, setWatch] = useState<Watch | null>(null);

  useEffect(() => {
    let alive = true;
    void doc.getPage(1).then((p) => {
      const v = p.getViewport({ scale: 1 });
      if (alive) setAspect(v.height / v.width);
    });
    return () => {
      alive = false;
    };
  }, [doc]);

  useEffect(() => {
    const root = listRef.current;
    if (!root) return;
    const callbacks = new Map<Element, (visible: boolean) => void>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) callbacks.get(e.target)?.(e.isIntersecting);
      },
      { root, rootMargin: '400px 0px' },
    );
    setWatch(() => (el: Element, cb: (visible: boolean) => void) => {
      callbacks.set(el, cb);
      observer.observe(el);
      return () => {
        observer.unobserve(el);
        callbacks.delete(el);
      };
    });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>(`[data-page="${currentPage}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [currentPage, watch]);

  const pages = useMemo(() => Array.from({ length: pageCount }, (_, i) => i + 1), [pageCount]);
  return (
    <div ref={listRef} className="folio-thumbs" aria-label="Page thumbnails">
      {watch &&
        pages.map((p) => (
          <Thumbnail
            key={p}
            doc={doc}
            page={p}
            aspect={aspect}
            current={p === currentPage}
            queue={queue}
            watch={watch}
            onSelect={onSelect}
          />
        ))}
    </div>
  );
}
