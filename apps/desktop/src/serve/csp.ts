/** The Content-Security-Policy of Folio's pages, in the Electron window and in serve mode alike. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: folio:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' folio:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
