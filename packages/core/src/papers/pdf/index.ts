// PDF reading for the papers domain: open/inspect/extract (pdf.js in Node) and metadata heuristics.
export { PdfError, isPdfError, type PdfErrorCode } from './errors';
export {
  checkPdfBytes,
  extractAllText,
  extractPdfText,
  inspectPdf,
  normalizePageText,
  openPdf,
  PdfHandle,
  type InspectOptions,
  type OpenPdfOptions,
  type PagesOptions,
  type PdfInfo,
  type PdfInspection,
  type PdfOutlineNode,
  type PdfPageText,
} from './extract';
export { extractMetadata, isCoverPage, type MetadataInput, type MetadataSource, type PaperMetadata } from './metadata';
export { arxivIdYear, findDois, normalizeDoi, parseArxivStamp, type ArxivStamp } from './identifiers';
export { buildLines, layoutPage, runsToText, type PageLayout, type TextLine, type TextRun } from './layout';
export { cleanText, foldForCompare } from './text-fixes';
export { configurePdfjs } from './pdfjs';
