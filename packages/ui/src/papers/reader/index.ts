export { PdfReader, type PdfReaderHandle, type PdfReaderProps, type ReaderSidebarTab, type SidebarTab } from './PdfReader';
export type {
  Annotation,
  AnnotationKind,
  AnnotationPatch,
  AreaAnnotation,
  HighlightAnnotation,
  HighlightColor,
  NewAnnotation,
  NoteAnnotation,
  PdfPoint,
  PdfRect,
} from './annotation-types';
export type { ActivityEvent } from './activity-tracker';
export { createReadingReporter, MAX_REPORT_MS, type ReadingReport, type ReadingReporter } from './reading-log';
export type { DocumentInfo, OutlineItem, PdfAssetUrls, PdfSource, ReaderPosition, ScaleSetting } from './reader-controller';
export { annotationsToMarkdown, type AnnotationsMarkdownOptions } from './annotations-markdown';
export { defaultHighlightColors } from './highlight-colors';
export { preloadPdfReader } from './pdfjs';
