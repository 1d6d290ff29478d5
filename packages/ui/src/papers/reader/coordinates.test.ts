import { beforeAll, describe, expect, it } from 'vitest';
import { degrees, PDFDocument } from 'pdf-lib';
import type { PdfRect } from './annotation-types';
import {
  clientBoxToPdfRect,
  clientPointToPdfPoint,
  mergeLineBoxes,
  pdfPointToPageFractions,
  pdfRectToPageFractions,
  pdfRectToViewportBox,
  type Box,
  type ViewportLike,
} from './coordinates';

// Real pdf.js viewports (the legacy build runs on Node 20; the math is the same code as the browser build).
type Page = { getViewport(p: { scale: number; rotation?: number }): ViewportLike };
let plain: Page;
let rotated: Page;
let offsetBox: Page;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  doc.addPage([612, 792]);
  doc.addPage([612, 792]).setRotation(degrees(90));
  // A media box that does not start at the origin, as cropped scans often have.
  doc.addPage([600, 800]).setMediaBox(50, 100, 500, 700);
  const bytes = await doc.save();
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes }).promise;
  plain = (await pdf.getPage(1)) as unknown as Page;
  rotated = (await pdf.getPage(2)) as unknown as Page;
  offsetBox = (await pdf.getPage(3)) as unknown as Page;
});

/** Where a page's content box sits on screen in these tests (arbitrary, non-integer). */
function pageBoxFor(viewport: ViewportLike, left = 137.5, top = -2048.25): Box {
  return { left, top, width: viewport.width, height: viewport.height };
}

/** Client box of a PDF rectangle on a page rendered at `viewport` whose content box is `pageBox`. */
function toClient(rect: PdfRect, viewport: ViewportLike, pageBox: Box): Box {
  const b = pdfRectToViewportBox(rect, viewport);
  const k = pageBox.width / viewport.width;
  return { left: pageBox.left + b.left * k, top: pageBox.top + b.top * k, width: b.width * k, height: b.height * k };
}

describe('client <-> PDF coordinates with real pdf.js viewports', () => {
  it('maps a known box to PDF user space (origin bottom-left, y up)', () => {
    const vp = plain.getViewport({ scale: 1.5 });
    const pageBox = pageBoxFor(vp);
    // A 1.5x box whose top-left is 72 pt from the left and 92 pt from the top of a 792 pt page.
    const box = { left: pageBox.left + 72 * 1.5, top: pageBox.top + 92 * 1.5, width: 144 * 1.5, height: 12 * 1.5 };
    expect(clientBoxToPdfRect(box, pageBox, vp)).toEqual([72, 688, 216, 700]);
    expect(clientPointToPdfPoint(pageBox.left, pageBox.top + vp.height, pageBox, vp)).toEqual([0, 0]);
  });

  it('gives the same PDF rectangle for the same words at every zoom', () => {
    const stored: PdfRect = [71.25, 512.5, 301.75, 524.25];
    for (const scale of [0.5, 1, 4 / 3, 2.37, 4]) {
      const vp = plain.getViewport({ scale });
      const pageBox = pageBoxFor(vp, 10 * scale, 300 * scale);
      expect(clientBoxToPdfRect(toClient(stored, vp, pageBox), pageBox, vp)).toEqual(stored);
    }
  });

  it('draws at the same page fractions at every zoom, scaling the box proportionally', () => {
    const stored: PdfRect = [100, 200, 300, 230];
    const f1 = pdfRectToPageFractions(stored, plain.getViewport({ scale: 1 }));
    const f3 = pdfRectToPageFractions(stored, plain.getViewport({ scale: 3 }));
    expect(f3.left).toBeCloseTo(f1.left, 12);
    expect(f3.top).toBeCloseTo(f1.top, 12);
    expect(f3.width).toBeCloseTo(f1.width, 12);
    expect(f1).toEqual({ left: 100 / 612, top: (792 - 230) / 792, width: 200 / 612, height: 30 / 792 });
    const b1 = pdfRectToViewportBox(stored, plain.getViewport({ scale: 1 }));
    const b2 = pdfRectToViewportBox(stored, plain.getViewport({ scale: 2 }));
    expect(b2.width).toBeCloseTo(2 * b1.width, 9);
    expect(b2.top).toBeCloseTo(2 * b1.top, 9);
  });

  it('corrects for CSS rounding of the page size', () => {
    const vp = plain.getViewport({ scale: 1.37 });
    // The browser laid the page out 0.4 px narrower than the viewport: fractions must still line up.
    const pageBox = { left: 0, top: 0, width: vp.width - 0.4, height: vp.height - 0.5 };
    const right = clientPointToPdfPoint(pageBox.width, pageBox.height, pageBox, vp);
    expect(right[0]).toBeCloseTo(612, 1);
    expect(right[1]).toBeCloseTo(0, 1);
  });

  it('handles rotated pages: the stored rectangle stays in unrotated PDF space', () => {
    const stored: PdfRect = [72, 600, 300, 620];
    for (const scale of [1, 2]) {
      const vp = rotated.getViewport({ scale, rotation: 90 });
      expect(vp.width).toBeCloseTo(792 * scale, 6);
      const pageBox = pageBoxFor(vp);
      expect(clientBoxToPdfRect(toClient(stored, vp, pageBox), pageBox, vp)).toEqual(stored);
      // Rotated 90° clockwise: a wide, short text line becomes a tall, narrow box on screen.
      const f = pdfRectToPageFractions(stored, vp);
      expect(f.height * vp.height).toBeCloseTo(228 * scale, 6);
      expect(f.width * vp.width).toBeCloseTo(20 * scale, 6);
    }
  });

  it('honours a media box that does not start at the origin', () => {
    const vp = offsetBox.getViewport({ scale: 1 });
    expect([vp.width, vp.height]).toEqual([500, 700]);
    const pageBox = pageBoxFor(vp, 0, 0);
    // The page's top-left corner is (50, 800) in user space.
    expect(clientPointToPdfPoint(0, 0, pageBox, vp)).toEqual([50, 800]);
    expect(pdfPointToPageFractions([300, 450], vp)).toEqual({ left: 250 / 500, top: 350 / 700 });
    const stored: PdfRect = [60, 700, 200, 720];
    expect(clientBoxToPdfRect(toClient(stored, vp, pageBox), pageBox, vp)).toEqual(stored);
  });
});

describe('mergeLineBoxes', () => {
  const box = (left: number, top: number, width: number, height = 12): Box => ({ left, top, width, height });

  it('joins fragments of one line and keeps lines apart', () => {
    const merged = mergeLineBoxes([box(10, 100, 40), box(53, 100.5, 30), box(86, 99.5, 50), box(10, 116, 120)]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toEqual({ left: 10, top: 99.5, width: 126, height: 13 });
    expect(merged[1]).toEqual(box(10, 116, 120));
  });

  it('does not bridge a column gutter', () => {
    const merged = mergeLineBoxes([box(10, 100, 200), box(260, 100, 200)]);
    expect(merged).toHaveLength(2);
  });

  it('drops empty boxes (line ends, collapsed ranges)', () => {
    expect(mergeLineBoxes([box(10, 100, 0), box(10, 100, 30, 0.2), box(12, 100, 20)])).toEqual([box(12, 100, 20)]);
  });

  it('absorbs duplicate and contained rectangles', () => {
    expect(mergeLineBoxes([box(10, 100, 100), box(20, 100, 30), box(10, 100, 100)])).toEqual([box(10, 100, 100)]);
  });
});
