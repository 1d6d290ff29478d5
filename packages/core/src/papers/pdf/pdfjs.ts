import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Loads pdf.js for Node without a browser worker. pdf.js falls back to a "fake worker" in Node; we
 * hand it the worker's message handler ourselves (globalThis.pdfjsWorker) instead of letting it
 * import './pdf.worker.mjs' relative to itself, which breaks once the code is bundled. The caller
 * (a worker thread or utility process) owns the thread: parsing runs where this module is loaded.
 */
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

export interface PdfjsResources {
  /** Folder of pdf.js' packed CMaps (needed to decode CJK text), with a trailing slash. */
  cMapUrl: string | null;
  /** Folder of pdf.js' standard font data, with a trailing slash. */
  standardFontDataUrl: string | null;
}

let loading: Promise<PdfjsModule> | null = null;
let resources: PdfjsResources | null = null;

/** Overrides where pdf.js finds its CMaps and fonts (e.g. a packaged app's resources folder). */
export function configurePdfjs(paths: Partial<PdfjsResources>): void {
  resources = { ...defaultResources(), ...paths };
}

export function pdfjsResources(): PdfjsResources {
  resources ??= defaultResources();
  return resources;
}

function defaultResources(): PdfjsResources {
  try {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    return {
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    };
  } catch {
    // Bundled without node_modules: text in standard fonts and Unicode-mapped fonts still works.
    return { cMapUrl: null, standardFontDataUrl: null };
  }
}

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) {
      const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      g.pdfjsWorker = { WorkerMessageHandler: worker.WorkerMessageHandler };
    }
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc ||= 'pdf.worker.mjs';
    return pdfjs;
  })();
  return loading;
}
