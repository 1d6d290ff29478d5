import type { Annotation, PdfPoint, PdfRect } from './annotation-types';
import { pdfRectContains, unionPdfRects } from './coordinates';

/** The annotation's extent in PDF space (a note is a point, returned as an empty rectangle). */
export function annotationBounds(a: Annotation): PdfRect {
  switch (a.kind) {
    case 'highlight':
      return unionPdfRects(a.rects) ?? [0, 0, 0, 0];
    case 'area':
      return a.rect;
    case 'note':
      return [a.point[0], a.point[1], a.point[0], a.point[1]];
  }
}

/** Reading order: page, then top to bottom (higher y first in PDF space), then left to right. */
export function compareReadingOrder(a: Annotation, b: Annotation): number {
  if (a.page !== b.page) return a.page - b.page;
  const ba = annotationBounds(a);
  const bb = annotationBounds(b);
  const dy = bb[3] - ba[3];
  if (Math.abs(dy) > 2) return dy;
  return ba[0] - bb[0] || a.createdAt.localeCompare(b.createdAt);
}

/** The annotation under a PDF point on a page; the most recently created wins when several overlap. */
export function hitTestAnnotations(annotations: readonly Annotation[], page: number, point: PdfPoint): Annotation | null {
  let hit: Annotation | null = null;
  for (const a of annotations) {
    if (a.page !== page || a.kind === 'note') continue;
    const rects = a.kind === 'highlight' ? a.rects : [a.rect];
    if (rects.some((r) => pdfRectContains(r, point, 0.5)) && (!hit || a.createdAt >= hit.createdAt)) hit = a;
  }
  return hit;
}

export function groupByPage(annotations: readonly Annotation[]): Map<number, Annotation[]> {
  const out = new Map<number, Annotation[]>();
  for (const a of [...annotations].sort(compareReadingOrder)) {
    const list = out.get(a.page);
    if (list) list.push(a);
    else out.set(a.page, [a]);
  }
  return out;
}
