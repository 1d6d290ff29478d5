import type { CSSProperties } from 'react';
import type { Annotation, HighlightColor } from './annotation-types';
import { pdfPointToPageFractions, pdfRectToPageFractions, type PageFractions, type ViewportLike } from './coordinates';
import { colorById } from './highlight-colors';

const pct = (v: number) => `${(v * 100).toFixed(4)}%`;

function boxStyle(f: PageFractions, color: string): CSSProperties {
  return { left: pct(f.left), top: pct(f.top), width: pct(f.width), height: pct(f.height), ['--folio-hl' as string]: color };
}

export interface PageOverlayProps {
  annotations: readonly Annotation[];
  viewport: ViewportLike;
  colors: readonly HighlightColor[];
  activeId: string | null;
  flashId: string | null;
  onOpenNote(annotation: Annotation, anchor: DOMRect): void;
}

/**
 * Drawn inside pdf.js's `.page` element. Positions are fractions of the page box computed from the
 * PDF rectangles, so CSS zoom moves them with the page and nothing is recomputed per zoom step.
 */
export function PageOverlay({ annotations, viewport, colors, activeId, flashId, onOpenNote }: PageOverlayProps) {
  return (
    <>
      {annotations.map((a) => {
        const state = `${a.id === activeId ? ' is-active' : ''}${a.id === flashId ? ' is-flash' : ''}`;
        const color = colorById(colors, a.color).color;
        if (a.kind === 'highlight') {
          return (
            <div
              key={a.id}
              className={`folio-hl${state}`}
              data-annotation-id={a.id}
              data-color={a.color}
              title={a.comment || undefined}
            >
              {a.rects.map((r, i) => (
                <div key={i} className="folio-hl__rect" style={boxStyle(pdfRectToPageFractions(r, viewport), color)} />
              ))}
            </div>
          );
        }
        if (a.kind === 'area') {
          return (
            <div
              key={a.id}
              className={`folio-area${state}`}
              data-annotation-id={a.id}
              data-color={a.color}
              style={boxStyle(pdfRectToPageFractions(a.rect, viewport), color)}
              title={a.comment || undefined}
            />
          );
        }
        const p = pdfPointToPageFractions(a.point, viewport);
        return (
          <button
            key={a.id}
            type="button"
            className={`folio-note${state}`}
            data-annotation-id={a.id}
            style={{ left: pct(p.left), top: pct(p.top), ['--folio-hl' as string]: color }}
            title={a.text || 'Empty note'}
            aria-label={a.text ? `Note: ${a.text}` : 'Empty note'}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={(e) => {
              e.stopPropagation();
              onOpenNote(a, e.currentTarget.getBoundingClientRect());
            }}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M2.5 2.5h11v7.5l-3.5 3.5h-7.5z" fill="currentColor" stroke="rgb(0 0 0 / 45%)" strokeWidth="1" />
              <path d="M10 13.5V10h3.5" fill="none" stroke="rgb(0 0 0 / 45%)" strokeWidth="1" />
            </svg>
          </button>
        );
      })}
    </>
  );
}
