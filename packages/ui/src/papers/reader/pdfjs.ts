// The one place that loads pdf.js. `pdfjs-dist/web/pdf_viewer.mjs` reads the core library from
// `globalThis.pdfjsLib` when it is evaluated, so the core is imported and published first. Both are
// loaded on demand so the app's first screen does not pay for ~1.5 MB of pdf.js.

type PdfjsLib = typeof import('pdfjs-dist');
type PdfjsViewer = typeof import('pdfjs-dist/web/pdf_viewer.mjs');

export interface Pdfjs {
  lib: PdfjsLib;
  viewer: PdfjsViewer;
}

let modules: Promise<Pdfjs> | null = null;

export function loadPdfjs(): Promise<Pdfjs> {
  modules ??= (async () => {
    const lib = await import('pdfjs-dist');
    const g = globalThis as { pdfjsLib?: PdfjsLib };
    g.pdfjsLib ??= lib;
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    return { lib, viewer };
  })();
  modules.catch(() => {
    modules = null;
  });
  return modules;
}

type PDFWorker = InstanceType<PdfjsLib['PDFWorker']>;
const ports = new Map<string, Worker>();
const workers = new Map<string, PDFWorker>();

/** Starts the worker script right away, in parallel with loading pdf.js on the main thread. */
function workerPort(workerSrc: string): Worker {
  let port = ports.get(workerSrc);
  if (!port) {
    port = new Worker(workerSrc, { type: 'module' });
    ports.set(workerSrc, port);
  }
  return port;
}

/**
 * One long-lived pdf.js worker per worker URL, shared by every reader: starting a worker (fetching and
 * compiling ~1 MB) is the largest fixed cost of opening a PDF, so it is paid once per app session.
 */
export async function getPdfWorker(workerSrc: string): Promise<PDFWorker> {
  const port = workerPort(workerSrc);
  const { lib } = await loadPdfjs();
  let worker = workers.get(workerSrc);
  if (!worker || worker.destroyed) {
    // The generated typings declare `name`/`port` as null-only; the runtime takes a string and a Worker.
    worker = new lib.PDFWorker({ name: 'folio-pdf', port } as unknown as ConstructorParameters<PdfjsLib['PDFWorker']>[0]);
    workers.set(workerSrc, worker);
  }
  return worker;
}

/** Loads pdf.js and starts its worker ahead of time (call when the papers view mounts). */
export async function preloadPdfReader(workerSrc: string): Promise<void> {
  await getPdfWorker(workerSrc);
}
