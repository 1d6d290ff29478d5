// Reader annotations as the UI hands them to storage. Geometry is in PDF user space (points, origin at
// the bottom-left of the page's view box, y grows upwards), the space `PageViewport.convertToPdfPoint`
// returns, so a stored rectangle sits on the same words at every zoom and rotation. Annotations are
// never written into the PDF file. Page numbers are 1-based everywhere in this API.

/** `[x1, y1, x2, y2]` in PDF user space, normalised so that x1 <= x2 and y1 <= y2. */
export type PdfRect = [number, number, number, number];

/** `[x, y]` in PDF user space. */
export type PdfPoint = [number, number];

/** A highlight colour whose meaning the user names, e.g. `{ id: 'yellow', color: 'var(--hl-yellow)', label: 'Key idea' }`. */
export interface HighlightColor {
  /** Stable id stored on annotations; renaming a colour never touches the annotations. */
  id: string;
  /** Any CSS colour. Drawn with `mix-blend-mode: multiply` over the page. */
  color: string;
  /** The meaning the user gave this colour. */
  label: string;
}

interface AnnotationBase {
  id: string;
  /** 1-based page number. */
  page: number;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** A text highlight: one rectangle per line fragment, all on `page`. */
export interface HighlightAnnotation extends AnnotationBase {
  kind: 'highlight';
  rects: PdfRect[];
  /** The highlighted text as selected (whitespace normalised, line-end hyphenation joined). */
  text: string;
  /** A `HighlightColor.id`. */
  color: string;
  comment: string;
}

/** A rectangular region (figure, table, equation), optionally with a PNG snapshot of it. */
export interface AreaAnnotation extends AnnotationBase {
  kind: 'area';
  rect: PdfRect;
  color: string;
  comment: string;
  /**
   * Snapshot of the region. On creation the reader supplies a `data:image/png;base64,...` cut from the
   * rendered page; storage may keep it as a blob and hand back any image URL (e.g. a blob URL).
   */
  image?: string;
}

/** A sticky note pinned at a point (its top-left corner). */
export interface NoteAnnotation extends AnnotationBase {
  kind: 'note';
  point: PdfPoint;
  text: string;
  color: string;
}

export type Annotation = HighlightAnnotation | AreaAnnotation | NoteAnnotation;
export type AnnotationKind = Annotation['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the reader asks storage to create; storage assigns `id` and `createdAt`. */
export type NewAnnotation = DistributiveOmit<Annotation, 'id' | 'createdAt'>;

/** The fields the reader edits after creation. */
export interface AnnotationPatch {
  color?: string;
  comment?: string;
  /** Note text (notes only). */
  text?: string;
}
