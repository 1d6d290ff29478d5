import type { PdfRect } from './annotation-types';
import { clientBoxToPdfRect, intersectBoxes, mergeLineBoxes, type Box, type ViewportLike } from './coordinates';

/** A rendered page as the selection code needs it. */
export interface PageGeometry {
  page: number;
  /** The pdf.js `.page` element. */
  element: HTMLElement;
  viewport: ViewportLike;
}

/** One page's share of a text selection, ready to become a highlight. */
export interface HighlightDraft {
  page: number;
  rects: PdfRect[];
  text: string;
  /** Client box of the last line fragment (where the colour popover goes). */
  anchor: Box;
}

/** The page's content box in client pixels (inside any border). */
export function pageContentBox(pageDiv: HTMLElement): Box {
  const r = pageDiv.getBoundingClientRect();
  const bx = pageDiv.clientLeft;
  const by = pageDiv.clientTop;
  return { left: r.left + bx, top: r.top + by, width: r.width - 2 * bx, height: r.height - 2 * by };
}

/** Text as a reader would quote it: lines joined with spaces, words hyphenated across a line end rejoined. */
export function normalizeQuotedText(raw: string): string {
  return raw
    .replace(/(\p{L})[-\u00AD\u2010]\s*\n\s*(?=\p{Ll})/gu, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

function collectFromTextLayer(range: Range, textLayer: Element): { text: string; boxes: Box[] } {
  const doc = textLayer.ownerDocument;
  const walker = doc.createTreeWalker(textLayer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '';
  const boxes: Box[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    if (node.nodeType === Node.ELEMENT_NODE) {
      if ((node as Element).tagName === 'BR') text += '\n';
      continue;
    }
    const t = node as Text;
    const start = t === range.startContainer ? range.startOffset : 0;
    const end = t === range.endContainer ? range.endOffset : t.length;
    if (end <= start) continue;
    text += t.data.slice(start, end);
    const sub = doc.createRange();
    sub.setStart(t, start);
    sub.setEnd(t, end);
    for (const r of Array.from(sub.getClientRects())) boxes.push({ left: r.left, top: r.top, width: r.width, height: r.height });
  }
  return { text, boxes };
}

/**
 * Splits a DOM selection range over pdf.js text layers into per-page highlight drafts: the client
 * rects of every selected text fragment, clipped to its page, merged into line boxes and converted
 * to PDF user space with that page's current viewport.
 */
export function rangeToHighlightDrafts(range: Range, pages: readonly PageGeometry[]): HighlightDraft[] {
  const drafts: HighlightDraft[] = [];
  for (const { page, element, viewport } of pages) {
    const textLayer = element.querySelector('.textLayer');
    if (!textLayer || !range.intersectsNode(textLayer)) continue;
    const { text, boxes } = collectFromTextLayer(range, textLayer);
    const pageBox = pageContentBox(element);
    const lines = mergeLineBoxes(boxes.map((b) => intersectBoxes(b, pageBox)).filter((b): b is Box => b !== null));
    const quoted = normalizeQuotedText(text);
    const last = lines[lines.length - 1];
    if (!last || !quoted) continue;
    drafts.push({ page, rects: lines.map((b) => clientBoxToPdfRect(b, pageBox, viewport)), text: quoted, anchor: last });
  }
  return drafts;
}
