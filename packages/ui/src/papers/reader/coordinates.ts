import type { PdfPoint, PdfRect } from './annotation-types';

// Conversions between the browser's client pixels and PDF user space. Everything that reaches
// storage goes through `clientBoxToPdfRect`; everything drawn goes through `pdfRectToPageFractions`,
// which yields fractions of the page box so the overlay follows CSS zoom without recomputation.

/** The subset of pdf.js `PageViewport` these helpers need (kept structural so tests use the real one). */
export interface ViewportLike {
  readonly width: number;
  readonly height: number;
  convertToPdfPoint(x: number, y: number): number[];
  convertToViewportPoint(x: number, y: number): number[];
  convertToViewportRectangle(rect: number[]): number[];
}

/** A rectangle in client (CSS) pixels, like `DOMRect`. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle as fractions (0..1) of the page box, top-left origin. */
export interface PageFractions {
  left: number;
  top: number;
  width: number;
  height: number;
}

// `|| 0` turns -0 into 0 so stored JSON never carries "-0".
const round2 = (v: number) => Math.round(v * 100) / 100 || 0;

export function normalizePdfRect(r: readonly number[]): PdfRect {
  const [a = 0, b = 0, c = 0, d = 0] = r;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** Client point -> viewport pixels of a page whose content box is `pageBox` (handles CSS rounding of the page size). */
function clientToViewport(x: number, y: number, pageBox: Box, viewport: ViewportLike): [number, number] {
  const sx = pageBox.width > 0 ? viewport.width / pageBox.width : 1;
  const sy = pageBox.height > 0 ? viewport.height / pageBox.height : 1;
  return [(x - pageBox.left) * sx, (y - pageBox.top) * sy];
}

export function clientPointToPdfPoint(x: number, y: number, pageBox: Box, viewport: ViewportLike): PdfPoint {
  const [vx, vy] = clientToViewport(x, y, pageBox, viewport);
  const [px = 0, py = 0] = viewport.convertToPdfPoint(vx, vy);
  return [round2(px), round2(py)];
}

/** A client-pixel box on a page -> PDF rectangle (rounded to 1/100 pt, which is far below a device pixel). */
export function clientBoxToPdfRect(box: Box, pageBox: Box, viewport: ViewportLike): PdfRect {
  const [x1, y1] = clientToViewport(box.left, box.top, pageBox, viewport);
  const [x2, y2] = clientToViewport(box.left + box.width, box.top + box.height, pageBox, viewport);
  const a = viewport.convertToPdfPoint(x1, y1);
  const b = viewport.convertToPdfPoint(x2, y2);
  const r = normalizePdfRect([a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0]);
  return [round2(r[0]), round2(r[1]), round2(r[2]), round2(r[3])];
}

/** PDF rectangle -> viewport pixels (top-left origin) for the given viewport. */
export function pdfRectToViewportBox(rect: PdfRect, viewport: ViewportLike): Box {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = viewport.convertToViewportRectangle(rect);
  return { left: Math.min(x1, x2), top: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** PDF rectangle -> fractions of the page box; independent of zoom, dependent only on rotation. */
export function pdfRectToPageFractions(rect: PdfRect, viewport: ViewportLike): PageFractions {
  const b = pdfRectToViewportBox(rect, viewport);
  return {
    left: b.left / viewport.width,
    top: b.top / viewport.height,
    width: b.width / viewport.width,
    height: b.height / viewport.height,
  };
}

export function pdfPointToPageFractions(point: PdfPoint, viewport: ViewportLike): { left: number; top: number } {
  const [x = 0, y = 0] = viewport.convertToViewportPoint(point[0], point[1]);
  return { left: x / viewport.width, top: y / viewport.height };
}

export function pdfRectContains(rect: PdfRect, point: PdfPoint, tolerance = 0): boolean {
  return (
    point[0] >= rect[0] - tolerance &&
    point[0] <= rect[2] + tolerance &&
    point[1] >= rect[1] - tolerance &&
    point[1] <= rect[3] + tolerance
  );
}

/** Intersection of two client boxes, or null when they do not overlap. */
export function intersectBoxes(a: Box, b: Box): Box | null {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.left + a.width, b.left + b.width);
  const bottom = Math.min(a.top + a.height, b.top + b.height);
  return right > left && bottom > top ? { left, top, width: right - left, height: bottom - top } : null;
}

/**
 * Merges the per-text-node client rects of a selection into one box per line fragment: boxes that
 * overlap vertically by at least half the smaller height are on the same line, and are joined when the
 * horizontal gap between them is under `gapFactor` x line height (word gaps; column gutters stay apart).
 * Degenerate boxes (under half a pixel) are dropped.
 */
export function mergeLineBoxes(boxes: readonly Box[], gapFactor = 1.2): Box[] {
  const usable = boxes.filter((b) => b.width >= 0.5 && b.height >= 0.5).map((b) => ({ ...b }));
  usable.sort((a, b) => a.top - b.top || a.left - b.left);
  const lines: Box[][] = [];
  for (const box of usable) {
    const line = lines.find((l) => {
      const ref = l[0]!;
      const overlap = Math.min(ref.top + ref.height, box.top + box.height) - Math.max(ref.top, box.top);
      return overlap >= 0.5 * Math.min(ref.height, box.height);
    });
    if (line) line.push(box);
    else lines.push([box]);
  }
  const out: Box[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.left - b.left);
    let cur: Box | null = null;
    for (const box of line) {
      if (!cur) {
        cur = { ...box };
        continue;
      }
      const lineHeight = Math.max(cur.height, box.height);
      const gap = box.left - (cur.left + cur.width);
      if (gap <= gapFactor * lineHeight) {
        const right = Math.max(cur.left + cur.width, box.left + box.width);
        const top = Math.min(cur.top, box.top);
        const bottom = Math.max(cur.top + cur.height, box.top + box.height);
        cur = { left: cur.left, top, width: right - cur.left, height: bottom - top };
      } else {
        out.push(cur);
        cur = { ...box };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

/** Bounding PDF rectangle of several rectangles (used to jump to and sort annotations). */
export function unionPdfRects(rects: readonly PdfRect[]): PdfRect | null {
  if (rects.length === 0) return null;
  let [x1, y1, x2, y2] = rects[0]!;
  for (const r of rects) {
    x1 = Math.min(x1, r[0]);
    y1 = Math.min(y1, r[1]);
    x2 = Math.max(x2, r[2]);
    y2 = Math.max(y2, r[3]);
  }
  return [x1, y1, x2, y2];
}
