// The papers domain's CPU-heavy work, written as plain job functions: the app runs them on a worker
// thread (apps/desktop/src/backend/worker-jobs.ts registers `papersJobs`), tests and a core without a
// worker runner call them in-process. Jobs take a file path, not bytes, so a 200 MB PDF is read by the
// thread that parses it and never crosses a message port. Imports only ./pdf (no database, no zod).
import fs from 'node:fs';
import { isPdfError, openPdf, type PaperMetadata, type PdfHandle } from './pdf';

export interface InspectJobPayload {
  path: string;
  fileName: string;
}

export interface InspectedPdf {
  pageCount: number;
  hasTextLayer: boolean;
  fingerprint: string;
  metadata: PaperMetadata;
}

/** A bad file comes back as a value (its `reason` would be lost crossing the pool as an error). */
export type InspectJobResult =
  { ok: true; pdf: InspectedPdf } | { ok: false; error: { code: 'invalid_file'; message: string; reason: string } };

export interface ExtractJobPayload {
  path: string;
  fileName: string;
  /** 1-based, inclusive. */
  fromPage: number;
  toPage: number;
}

export interface ExtractJobResult {
  pageCount: number;
  /** 1-based pages with their text; `error` when one page could not be read (the others still are). */
  pages: { page: number; text: string; error?: string }[];
}

function readFile(path: string, fileName: string): Uint8Array {
  try {
    const buf = fs.readFileSync(path);
    // pdf.js wants a plain Uint8Array, not a Buffer (same memory, no copy).
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const e = new Error(`Could not read "${fileName}": ${(err as Error).message}`);
    (e as Error & { code: string }).code = 'io_error';
    throw e;
  }
}

export async function inspectJob(payload: InspectJobPayload): Promise<InspectJobResult> {
  const bytes = readFile(payload.path, payload.fileName);
  let handle: PdfHandle | null = null;
  try {
    handle = await openPdf(bytes, { fileName: payload.fileName, transferBytes: true });
    const r = await handle.inspect();
    return {
      ok: true,
      pdf: { pageCount: r.pageCount, hasTextLayer: r.hasTextLayer, fingerprint: r.fingerprint, metadata: r.metadata },
    };
  } catch (err) {
    if (isPdfError(err)) return { ok: false, error: { code: 'invalid_file', message: err.message, reason: err.code } };
    throw err;
  } finally {
    await handle?.close();
  }
}

// One open document per thread, kept between chunk jobs of the same file so a long PDF is parsed once.
interface Cached {
  path: string;
  handle: Promise<PdfHandle>;
  users: number;
  timer: ReturnType<typeof setTimeout> | null;
}
let cached: Cached | null = null;

function closeCached(c: Cached): void {
  if (cached === c) cached = null;
  if (c.timer) clearTimeout(c.timer);
  void c.handle.then((h) => h.close()).catch(() => {});
}

/** The open document for `path`, and a function to call when done with it. */
function acquire(path: string, fileName: string): { handle: Promise<PdfHandle>; done(last: boolean): void } {
  if (cached && cached.path === path) {
    const c = cached;
    if (c.timer) clearTimeout(c.timer);
    c.timer = null;
    c.users++;
    return { handle: c.handle, done: (last) => releaseCached(c, last) };
  }
  if (cached && cached.users > 0) {
    // Another file is being read on this thread right now: this one gets its own, uncached handle.
    const handle = openPdf(readFile(path, fileName), { fileName, transferBytes: true });
    return { handle, done: () => void handle.then((h) => h.close()).catch(() => {}) };
  }
  if (cached) closeCached(cached);
  const c: Cached = { path, handle: openPdf(readFile(path, fileName), { fileName, transferBytes: true }), users: 1, timer: null };
  cached = c;
  c.handle.catch(() => {
    if (cached === c) cached = null;
  });
  return { handle: c.handle, done: (last) => releaseCached(c, last) };
}

function releaseCached(c: Cached, last: boolean): void {
  c.users--;
  if (c.users > 0 || cached !== c) return;
  // The last chunk: nothing more will be read from this file. Otherwise keep it a little while.
  if (last) closeCached(c);
  else {
    c.timer = setTimeout(() => closeCached(c), 20_000);
    (c.timer as { unref?: () => void }).unref?.();
  }
}

export async function extractTextJob(
  payload: ExtractJobPayload,
  progress?: (done: number, total: number) => void,
): Promise<ExtractJobResult> {
  const lease = acquire(payload.path, payload.fileName);
  let last = true;
  try {
    const handle = await lease.handle;
    const to = Math.min(payload.toPage, handle.pageCount);
    last = to >= handle.pageCount;
    const pages: ExtractJobResult['pages'] = [];
    for await (const p of handle.pages({ fromPage: payload.fromPage - 1, toPage: to - 1 })) {
      pages.push(p.error ? { page: p.pageIndex + 1, text: p.text, error: p.error } : { page: p.pageIndex + 1, text: p.text });
      progress?.(p.pageIndex + 1, handle.pageCount);
    }
    return { pageCount: handle.pageCount, pages };
  } finally {
    lease.done(last);
  }
}

/** Job names and functions for the worker pool (`JobFn` shape: payload, progress). */
export const papersJobs = {
  'papers:inspect': (payload: unknown) => inspectJob(payload as InspectJobPayload),
  'papers:extract-text': (payload: unknown, progress: (done: number, total: number) => void) =>
    extractTextJob(payload as ExtractJobPayload, progress),
} as const;
