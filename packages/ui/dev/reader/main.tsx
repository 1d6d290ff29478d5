import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import '../../src/styles/tokens.css';
import {
  defaultHighlightColors,
  PdfReader,
  type ActivityEvent,
  type Annotation,
  type AnnotationPatch,
  type DocumentInfo,
  type HighlightColor,
  type NewAnnotation,
  type PdfSource,
  type ReaderPosition,
  type SidebarTab,
} from '../../src/papers/reader';
import { generatePaper } from './generate-pdf';
import './harness.css';

// Dev harness: the reader full-window, annotations and reading position kept in localStorage.
// Query: ?pdf=/file.pdf (served) | ?gen=15 (generate in the browser) · key=<storage key> · data=1
// (load bytes instead of URL) · size=<bytes> (size hint) · theme=dark · dark=1 · sidebar=annotations|outline|thumbnails · idle=<ms>.

interface HarnessLog {
  activity: ActivityEvent[];
  info: DocumentInfo | null;
  errors: string[];
  positions: ReaderPosition[];
  paperNote: string | null;
  exported: string | null;
  openPdf(url: string): void;
}

declare global {
  interface Window {
    __reader: HarnessLog;
  }
}

const params = new URLSearchParams(location.search);
const storageKey = `folio-reader:${params.get('key') ?? params.get('pdf') ?? `gen-${params.get('gen') ?? 15}`}`;
if (params.get('theme') === 'dark') document.documentElement.dataset.theme = 'dark';

function load<T>(name: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`${storageKey}:${name}`);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
const save = (name: string, value: unknown) => localStorage.setItem(`${storageKey}:${name}`, JSON.stringify(value));

const log: HarnessLog = {
  activity: [],
  info: null,
  errors: [],
  positions: [],
  paperNote: null,
  exported: null,
  openPdf: () => {},
};
window.__reader = log;

async function initialSource(): Promise<PdfSource> {
  const pdf = params.get('pdf');
  if (pdf) {
    if (params.get('data') === '1') return { data: new Uint8Array(await (await fetch(pdf)).arrayBuffer()) };
    const size = Number(params.get('size') ?? 0);
    return size > 0 ? { url: pdf, size } : { url: pdf };
  }
  const generated = await generatePaper({ pages: Number(params.get('gen') ?? 15) });
  return { data: generated.bytes };
}

function Harness({ first }: { first: PdfSource }) {
  const [source, setSource] = useState<PdfSource>(first);
  const [annotations, setAnnotations] = useState<Annotation[]>(() => load('annotations', []));
  const [colors, setColors] = useState<HighlightColor[]>(() => load('colors', [...defaultHighlightColors]));
  const [note, setNote] = useState<string | null>(null);
  const initialPosition = useMemo(() => load<ReaderPosition | undefined>('position', undefined), []);

  useEffect(() => {
    log.openPdf = (url: string) => setSource({ url });
  }, []);
  useEffect(() => save('annotations', annotations), [annotations]);
  useEffect(() => save('colors', colors), [colors]);

  const onCreate = useCallback(async (a: NewAnnotation): Promise<Annotation> => {
    const created = { ...a, id: crypto.randomUUID(), createdAt: new Date().toISOString() } as Annotation;
    setAnnotations((list) => [...list, created]);
    return created;
  }, []);
  const onUpdate = useCallback((id: string, patch: AnnotationPatch) => {
    setAnnotations((list) => list.map((a) => (a.id === id ? ({ ...a, ...patch } as Annotation) : a)));
  }, []);
  const onDelete = useCallback((id: string) => setAnnotations((list) => list.filter((a) => a.id !== id)), []);

  return (
    <div className="harness">
      <PdfReader
        source={source}
        workerSrc={workerUrl}
        assets={{
          cMapUrl: '/pdfjs-dist/cmaps/',
          standardFontDataUrl: '/pdfjs-dist/standard_fonts/',
          wasmUrl: '/pdfjs-dist/wasm/',
          iccUrl: '/pdfjs-dist/iccs/',
        }}
        initialPosition={initialPosition}
        onPositionChange={(pos) => {
          log.positions.push(pos);
          save('position', pos);
        }}
        annotations={annotations}
        colors={colors}
        onCreateAnnotation={onCreate}
        onUpdateAnnotation={onUpdate}
        onDeleteAnnotation={onDelete}
        onRenameColor={(id, label) => setColors((list) => list.map((c) => (c.id === id ? { ...c, label } : c)))}
        onActivity={(e) => log.activity.push(e)}
        idleAfterMs={Number(params.get('idle') ?? 60_000)}
        onDocumentInfo={(info) => (log.info = info)}
        onError={(err) => log.errors.push(`${err.name}: ${err.message}`)}
        darkPages={params.get('dark') === '1'}
        paperTitle={params.get('title') ?? undefined}
        linkForPage={(page) => `folio://paper/harness?page=${page}`}
        onCreatePaperNote={(md) => {
          log.paperNote = md;
          setNote(md);
        }}
        onExportMarkdown={(md) => {
          log.exported = md;
          setNote(md);
        }}
        defaultSidebar={(params.get('sidebar') as SidebarTab | null) ?? null}
      />
      {note !== null && (
        <div className="harness__note" role="dialog" aria-label="Paper note">
          <div className="harness__note-head">
            <strong>Paper note (Markdown)</strong>
            <button type="button" onClick={() => setNote(null)}>
              Close
            </button>
          </div>
          <pre>{note}</pre>
        </div>
      )}
    </div>
  );
}

const first = await initialSource();
const root = createRoot(document.getElementById('root')!);
root.render(
  params.get('strict') === '0' ? (
    <Harness first={first} />
  ) : (
    <StrictMode>
      <Harness first={first} />
    </StrictMode>
  ),
);
