import pdfViewerCss from 'pdfjs-dist/web/pdf_viewer.css?inline';

let injected = false;

/**
 * pdf.js' viewer stylesheet, confined to readers with `@scope (.folio-reader)`: besides the page, text and
 * annotation layers it styles generic class names (`.dialog`, `.sidebar`, `.toggle-button`...) that the
 * app's own shell and dialogs use, and it declares its variables on `:root`. Inserted once, first in
 * <head>, so PdfReader.css still overrides it as before.
 */
export function ensurePdfViewerStyles(): void {
  if (injected || typeof document === 'undefined') return;
  injected = true;
  const style = document.createElement('style');
  style.dataset.folio = 'pdfjs-viewer';
  style.textContent = `@scope (.folio-reader) {\n${pdfViewerCss.replace(/:root\b/g, ':scope')}\n}`;
  document.head.prepend(style);
}
