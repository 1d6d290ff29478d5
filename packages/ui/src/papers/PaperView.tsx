import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import {
  DEFAULT_HIGHLIGHT_COLORS,
  PAPER_STATUSES,
  paperPageLink,
  type AnnotationDto,
  type HighlightColorSetting,
  type PaperDto,
  type PaperStatus,
} from '@folio/core/contract';
import { useApi, useCall, useEvent } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { MenuButton } from '../components/MenuButton';
import { useRegisterCommands, type AppCommand } from '../shell/commands';
import { href, navigate, type Route } from '../shell/router';
import { useToasts } from '../shell/Toasts';
import { RelatedPanel } from '../search/RelatedPanel';
import { bytesLabel, downloadText, localOffsetMinutes, minutesLabel, readerColors, relativeDay, STATUS_LABELS } from './format';
import { PaperFormDialog } from './PaperFormDialog';
import { BibtexExportDialog } from './BibtexDialogs';
import {
  createReadingReporter,
  PdfReader,
  type Annotation,
  type NewAnnotation,
  type PdfAssetUrls,
  type PdfReaderHandle,
  type ReaderPosition,
  type ReaderSidebarTab,
} from './reader';

/** The reader's annotation shape from the stored one (area snapshots are served as blobs). */
function toReaderAnnotation(a: AnnotationDto, blobUrl: (sha: string) => string): Annotation {
  switch (a.kind) {
    case 'highlight':
      return {
        id: a.id,
        kind: 'highlight',
        page: a.page,
        rects: a.rects,
        text: a.text,
        color: a.color,
        comment: a.comment,
        createdAt: a.createdAt,
      };
    case 'area':
      return {
        id: a.id,
        kind: 'area',
        page: a.page,
        rect: a.rect,
        color: a.color,
        comment: a.comment,
        createdAt: a.createdAt,
        ...(a.imageSha256 ? { image: blobUrl(a.imageSha256) } : {}),
      };
    default:
      return { id: a.id, kind: 'note', page: a.page, point: a.point, text: a.text, color: a.color, createdAt: a.createdAt };
  }
}

/**
 * pdf.js' CMaps, standard fonts, wasm decoders and ICC profiles, copied beside the renderer by the desktop
 * build (./pdfjs/<folder>/). Absolute URLs: the worker resolves them, not the page.
 */
function pdfAssets(): PdfAssetUrls {
  const base = new URL('./pdfjs/', document.baseURI).href;
  return {
    cMapUrl: `${base}cmaps/`,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
    iccUrl: `${base}iccs/`,
  };
}

function newSessionId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `s-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function StatusSelect({ paper, onChange }: { paper: PaperDto; onChange(s: PaperStatus): void }) {
  return (
    <select
      className={`papers-status papers-status-${paper.status}`}
      aria-label="Reading status"
      value={paper.status}
      onChange={(e) => onChange(e.target.value as PaperStatus)}
    >
      {PAPER_STATUSES.map((s) => (
        <option key={s} value={s}>
          {STATUS_LABELS[s]}
        </option>
      ))}
    </select>
  );
}

/** Status history, reading log and file facts. */
function HistoryDialog({ open, paper, onClose }: { open: boolean; paper: PaperDto; onClose(): void }) {
  return (
    <Dialog open={open} title="Reading history" onClose={onClose}>
      <dl className="facts papers-facts">
        <dt>Added</dt>
        <dd>{new Date(paper.addedAt).toLocaleString()}</dd>
        <dt>Last opened</dt>
        <dd>{paper.lastOpenedAt ? new Date(paper.lastOpenedAt).toLocaleString() : 'Never'}</dd>
        <dt>Time read</dt>
        <dd>
          {minutesLabel(paper.reading.activeMinutes)} in {paper.reading.sessions} session{paper.reading.sessions === 1 ? '' : 's'}
        </dd>
        {paper.pageCount !== null && (
          <>
            <dt>Pages seen</dt>
            <dd>
              {paper.reading.pagesSeen} of {paper.pageCount} · {Math.round(paper.progress * 100)}%{' '}
              {paper.progressManual ? '(set by hand)' : ''}
            </dd>
          </>
        )}
        {paper.finishedAt && (
          <>
            <dt>Finished</dt>
            <dd>{new Date(paper.finishedAt).toLocaleDateString()}</dd>
          </>
        )}
        {paper.fileName && (
          <>
            <dt>File</dt>
            <dd>
              {paper.fileName} · {bytesLabel(paper.sizeBytes)}
            </dd>
          </>
        )}
        {paper.text.state !== 'none' && (
          <>
            <dt>Full text</dt>
            <dd>
              {paper.text.state === 'done'
                ? 'Searchable'
                : paper.text.state === 'failed'
                  ? `Failed: ${paper.text.error ?? ''}`
                  : `${paper.text.pagesDone} of ${paper.pageCount ?? '?'} pages read`}
            </dd>
          </>
        )}
      </dl>
      <h3>Status changes</h3>
      <ol className="papers-history">
        {[...paper.statusHistory].reverse().map((h, i) => (
          <li key={i}>
            <span className={`papers-status-dot papers-status-${h.status}`} aria-hidden />
            <strong>{STATUS_LABELS[h.status]}</strong> <span className="muted">{new Date(h.at).toLocaleString()}</span>
          </li>
        ))}
      </ol>
    </Dialog>
  );
}

/**
 * `#/papers/<id>[?page=N][&annotation=<id>]`: the reader for a PDF (search results for a highlight link to
 * it: the reader scrolls to it and flashes it), or the details of a link or book. Items related in meaning
 * are in the reader's "Related" sidebar tab, or under a link's or book's details.
 */
export function PaperView({ id, route }: { id: string; route: Route }) {
  const api = useApi();
  const toasts = useToasts();
  const paper = useCall('papers:get', { id }, { domains: ['papers'] });
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const [editOpen, setEditOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [bibOpen, setBibOpen] = useState(false);
  const [textProgress, setTextProgress] = useState<{ done: number; total: number } | null>(null);
  const p = paper.data;

  useEffect(() => {
    void api.call('papers:opened', { id }).catch(() => {});
  }, [api, id]);

  useEvent('jobs:progress', (e) => {
    if (e.job !== `papers:text:${id}`) return;
    setTextProgress(e.state === 'running' ? { done: e.done, total: e.total } : null);
  });

  const setStatus = useCallback(
    (status: PaperStatus) =>
      void api.call('papers:set-status', { id, status, tzOffsetMinutes: localOffsetMinutes() }).then(
        (next) => status === 'read' && toasts.show({ kind: 'success', title: 'Marked as read', body: next.title }),
        (err: unknown) => toasts.error('Could not change the status', err),
      ),
    [api, id, toasts],
  );

  const createNote = useCallback(async () => {
    try {
      const r = await api.call('papers:create-note', { id, tzOffsetMinutes: localOffsetMinutes() });
      toasts.show({ kind: 'success', title: r.created ? 'Paper note created' : 'Opened your paper note', body: r.title });
      navigate(`/journal/${r.entryId}`);
    } catch (err) {
      toasts.error('Could not create the paper note', err);
    }
  }, [api, id, toasts]);

  const exportMarkdown = useCallback(async () => {
    try {
      const r = await api.call('papers:annotations-markdown', { id });
      downloadText(r.fileName, r.markdown, 'text/markdown;charset=utf-8');
    } catch (err) {
      toasts.error('Could not export the annotations', err);
    }
  }, [api, id, toasts]);

  const commands = useMemo<AppCommand[]>(
    () =>
      p
        ? [
            {
              id: 'paper:note',
              title: p.noteEntryId ? 'Open the paper note' : 'Create paper note',
              group: 'Paper',
              run: () => void createNote(),
            },
            ...(p.hasPdf
              ? [
                  {
                    id: 'paper:export-md',
                    title: 'Export annotations as Markdown',
                    group: 'Paper',
                    run: () => void exportMarkdown(),
                  },
                ]
              : []),
            { id: 'paper:edit', title: 'Edit paper details', group: 'Paper', run: () => setEditOpen(true) },
            { id: 'paper:read', title: 'Mark paper as read', group: 'Paper', run: () => setStatus('read') },
            { id: 'paper:library', title: 'Back to the library', group: 'Paper', run: () => navigate('/papers') },
          ]
        : [],
    [p, createNote, exportMarkdown, setStatus],
  );
  useRegisterCommands(commands);

  if (paper.error && !p) {
    return (
      <EmptyState
        icon="papers"
        title={paper.error.code === 'not_found' ? 'This paper is not in your library' : 'Could not open the paper'}
        action={
          <a className="button" href={href('/papers')}>
            Back to the library
          </a>
        }
      >
        {paper.error.code === 'not_found' ? 'It may have been removed.' : paper.error.message}
      </EmptyState>
    );
  }
  if (!p) return <div className="papers-reader-page" aria-busy="true" />;

  const menu = [
    { id: 'note', label: p.noteEntryId ? 'Open paper note' : 'Create paper note', onSelect: () => void createNote() },
    ...(p.hasPdf ? [{ id: 'md', label: 'Export annotations (.md)', onSelect: () => void exportMarkdown() }] : []),
    { id: 'bib', label: 'BibTeX…', onSelect: () => setBibOpen(true) },
    { id: 'history', label: 'Reading history…', onSelect: () => setHistoryOpen(true) },
    ...(p.url ? [{ id: 'url', label: 'Open link', onSelect: () => window.open(p.url!, '_blank', 'noopener,noreferrer') }] : []),
    {
      id: 'delete',
      label: 'Remove from library',
      danger: true,
      onSelect: () => {
        if (!window.confirm(`Remove “${p.title}” from your library? Its annotations and reading history go with it.`)) return;
        void api.call('papers:delete', { id }).then(
          () => navigate('/papers'),
          (err: unknown) => toasts.error('Could not remove', err),
        );
      },
    },
  ];

  return (
    <div className="papers-reader-page" data-testid="paper-view">
      <header className="papers-reader-head">
        <a className="icon-button" href={href('/papers')} aria-label="Back to the library" title="Library">
          <Icon name="chevronLeft" />
        </a>
        <div className="papers-reader-title">
          <h1 title={p.title}>{p.title}</h1>
          <p className="muted small">
            {[
              p.authors.length > 3 ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', '),
              p.year,
              p.venue,
              p.arxivId ? `arXiv:${p.arxivId}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
        {textProgress && (
          <span className="papers-chip-quiet" role="status" title="Reading the full text for search">
            Indexing {textProgress.done}/{textProgress.total}
          </span>
        )}
        <StatusSelect paper={p} onChange={setStatus} />
        <button type="button" className="button small" onClick={() => void createNote()}>
          {p.noteEntryId ? 'Paper note' : 'Create paper note'}
        </button>
        <button type="button" className="button small" onClick={() => setEditOpen(true)}>
          Edit details
        </button>
        <MenuButton label="⋯" className="icon-button" align="end" ariaLabel="More actions" items={menu} />
      </header>
      {p.hasPdf && p.sha256 ? (
        <ReaderPane
          key={p.sha256}
          paper={p}
          page={route.query.get('page')}
          annotationId={route.query.get('annotation')}
          colors={settings.data?.['papers.colors']}
          darkPages={settings.data?.['papers.darkPages'] ?? false}
          onCreateNote={createNote}
          onExportMarkdown={exportMarkdown}
        />
      ) : (
        <ItemDetails paper={p} />
      )}
      <PaperFormDialog open={editOpen} paper={p} onClose={() => setEditOpen(false)} onSaved={() => paper.reload()} />
      <HistoryDialog open={historyOpen} paper={p} onClose={() => setHistoryOpen(false)} />
      <BibtexExportDialog open={bibOpen} ids={bibOpen ? [p.id] : null} onClose={() => setBibOpen(false)} />
    </div>
  );
}

/** The "Related" tab of the reader's sidebar. */
const RELATED_TAB = (id: string): ReaderSidebarTab[] => [
  {
    id: 'related',
    label: 'Related',
    render: () => (
      <div className="papers-related">
        <RelatedPanel kind="paper" id={id} title={null} />
      </div>
    ),
  },
];

function ReaderPane({
  paper,
  page,
  annotationId,
  colors,
  darkPages,
  onCreateNote,
  onExportMarkdown,
}: {
  paper: PaperDto;
  page: string | null;
  /** `?annotation=<id>`: scroll to this annotation and flash it once the page and the annotations are there. */
  annotationId: string | null;
  colors: HighlightColorSetting[] | undefined;
  darkPages: boolean;
  onCreateNote(): Promise<void>;
  onExportMarkdown(): Promise<void>;
}) {
  const api = useApi();
  const toasts = useToasts();
  const id = paper.id;
  const readerRef = useRef<PdfReaderHandle>(null);
  // The reader opens at once; stored annotations are drawn as soon as they arrive.
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const blobUrl = useCallback((sha: string) => api.blobUrl(sha), [api]);

  // Read once per opening: where to start, and the file.
  const [initialPosition] = useState<ReaderPosition | undefined>(() => {
    const n = Number(page);
    if (page && Number.isInteger(n) && n >= 1) return { page: n };
    return paper.position
      ? {
          page: paper.position.page,
          ...(paper.position.top !== null ? { top: paper.position.top } : {}),
          ...(paper.position.scale !== null ? { scale: paper.position.scale } : {}),
        }
      : undefined;
  });
  const source = useMemo(
    () => ({ url: api.blobUrl(paper.sha256!), ...(paper.sizeBytes ? { size: paper.sizeBytes } : {}) }),
    [api, paper.sha256, paper.sizeBytes],
  );

  const [annotationsLoaded, setAnnotationsLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('papers:annotations', { paperId: id }).then(
      (list) => {
        if (!live) return;
        setAnnotations((mine) => [
          ...list.map((a) => toReaderAnnotation(a, blobUrl)),
          ...mine.filter((a) => !list.some((x) => x.id === a.id)),
        ]);
        setAnnotationsLoaded(true);
      },
      (err: unknown) => live && toasts.error('Could not load the annotations', err),
    );
    return () => {
      live = false;
    };
  }, [api, id, blobUrl, toasts]);

  // A link to another page of the open paper (`?page=N`) moves the reader there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const n = Number(page);
    if (page && Number.isInteger(n) && n >= 1) readerRef.current?.goToPage(n);
  }, [page]);

  // A link to an annotation (`?annotation=<id>`, from search): once the document is laid out and the
  // annotation has arrived, scroll to it and flash it (after `?page=`, so the annotation's place wins).
  const [docReady, setDocReady] = useState(false);
  const shownAnnotation = useRef<string | null>(null);
  useEffect(() => {
    if (!annotationId) {
      shownAnnotation.current = null;
      return;
    }
    if (!docReady || !annotationsLoaded || shownAnnotation.current === annotationId) return;
    shownAnnotation.current = annotationId;
    if (annotations.some((a) => a.id === annotationId)) readerRef.current?.goToAnnotation(annotationId);
    else toasts.show({ kind: 'info', title: 'That annotation is not in this paper any more' });
  }, [annotationId, docReady, annotationsLoaded, annotations, toasts]);

  // Reading log: active time and pages seen, reported every minute while reading and when it stops.
  const reporter = useMemo(() => {
    const sessionId = newSessionId();
    return createReadingReporter((r) => {
      void api.call('papers:reading-activity', { id, sessionId, ...r, tzOffsetMinutes: localOffsetMinutes() }).catch(() => {});
    });
  }, [api, id]);
  useEffect(() => () => reporter.dispose(), [reporter]);

  const colorList = useMemo(() => readerColors(colors ?? DEFAULT_HIGHLIGHT_COLORS), [colors]);
  const assets = useMemo(pdfAssets, []);
  const extraTabs = useMemo(() => RELATED_TAB(id), [id]);
  const onDocumentInfo = useCallback(() => setDocReady(true), []);

  const onCreateAnnotation = useCallback(
    async (a: NewAnnotation): Promise<Annotation> => {
      const created = await api.call('papers:annotation-create', {
        paperId: id,
        annotation: a,
        tzOffsetMinutes: localOffsetMinutes(),
      });
      const mapped = toReaderAnnotation(created, blobUrl);
      setAnnotations((list) => [...list, mapped]);
      return mapped;
    },
    [api, id, blobUrl],
  );
  const onUpdateAnnotation = useCallback(
    async (annotationId: string, patch: { color?: string; comment?: string; text?: string }) => {
      const updated = await api.call('papers:annotation-update', { id: annotationId, ...patch });
      const mapped = toReaderAnnotation(updated, blobUrl);
      setAnnotations((list) => list.map((a) => (a.id === annotationId ? mapped : a)));
    },
    [api, blobUrl],
  );
  const onDeleteAnnotation = useCallback(
    async (annotationId: string) => {
      await api.call('papers:annotation-delete', { id: annotationId });
      setAnnotations((list) => list.filter((a) => a.id !== annotationId));
    },
    [api],
  );
  const onRenameColor = useCallback(
    (colorId: string, label: string) => {
      const next = (colors ?? DEFAULT_HIGHLIGHT_COLORS).map((c) => (c.id === colorId ? { ...c, label } : c));
      void api
        .call('settings:set', { values: { 'papers.colors': next } })
        .catch((err: unknown) => toasts.error('Could not rename the colour', err));
    },
    [api, colors, toasts],
  );
  const onPositionChange = useCallback(
    (pos: ReaderPosition) =>
      void api.call('papers:position', { id, page: pos.page, top: pos.top ?? null, scale: pos.scale ?? null }).catch(() => {}),
    [api, id],
  );

  return (
    <div className="papers-reader-body">
      <PdfReader
        ref={readerRef}
        source={source}
        workerSrc={workerUrl}
        assets={assets}
        initialPosition={initialPosition}
        onPositionChange={onPositionChange}
        annotations={annotations}
        colors={colorList}
        onCreateAnnotation={onCreateAnnotation}
        onUpdateAnnotation={onUpdateAnnotation}
        onDeleteAnnotation={onDeleteAnnotation}
        onRenameColor={onRenameColor}
        onActivity={reporter.onActivity}
        onError={(err) => toasts.error('The reader hit a problem', err)}
        darkPages={darkPages}
        onDarkPagesChange={(dark) => void api.call('settings:set', { values: { 'papers.darkPages': dark } }).catch(() => {})}
        paperTitle={paper.title}
        linkForPage={(n) => paperPageLink(id, n)}
        onCreatePaperNote={() => void onCreateNote()}
        onExportMarkdown={() => void onExportMarkdown()}
        defaultSidebar="annotations"
        extraSidebarTabs={extraTabs}
        onDocumentInfo={onDocumentInfo}
      />
    </div>
  );
}

/** A link or book: its facts, and a way to attach the PDF when you get it. */
function ItemDetails({ paper }: { paper: PaperDto }) {
  const api = useApi();
  const toasts = useToasts();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const attach = async (file: File) => {
    setBusy(true);
    try {
      const blob = await api.upload(file);
      await api.call('papers:attach-pdf', { id: paper.id, sha256: blob.sha256, fileName: file.name });
      toasts.show({ kind: 'success', title: 'PDF attached', body: file.name });
    } catch (err) {
      toasts.error('Could not attach the PDF', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="papers-item">
      <section className="card">
        <p className="papers-item-kind">{paper.kind === 'book' ? 'Book' : 'Link'}</p>
        <h2>{paper.title}</h2>
        <dl className="facts">
          {paper.authors.length > 0 && (
            <>
              <dt>Authors</dt>
              <dd>{paper.authors.join(', ')}</dd>
            </>
          )}
          {paper.year && (
            <>
              <dt>Year</dt>
              <dd>{paper.year}</dd>
            </>
          )}
          {paper.venue && (
            <>
              <dt>Venue</dt>
              <dd>{paper.venue}</dd>
            </>
          )}
          {paper.publisher && (
            <>
              <dt>Publisher</dt>
              <dd>{paper.publisher}</dd>
            </>
          )}
          {paper.url && (
            <>
              <dt>Link</dt>
              <dd>
                <a href={paper.url} target="_blank" rel="noopener noreferrer">
                  {paper.url}
                </a>
              </dd>
            </>
          )}
          {paper.source && (
            <>
              <dt>From</dt>
              <dd>{paper.source}</dd>
            </>
          )}
          {paper.via && (
            <>
              <dt>Recommended by</dt>
              <dd>{paper.via}</dd>
            </>
          )}
          {paper.doi && (
            <>
              <dt>DOI</dt>
              <dd>{paper.doi}</dd>
            </>
          )}
          {paper.arxivId && (
            <>
              <dt>arXiv</dt>
              <dd>{paper.arxivId}</dd>
            </>
          )}
          <dt>Added</dt>
          <dd>{relativeDay(paper.addedAt)}</dd>
        </dl>
        {paper.abstract && <p className="papers-abstract">{paper.abstract}</p>}
        <div className="row">
          {paper.url && (
            <a className="button" href={paper.url} target="_blank" rel="noopener noreferrer">
              <Icon name="link" size={15} /> Open link
            </a>
          )}
          <button type="button" className="button primary" disabled={busy} onClick={() => input.current?.click()}>
            <Icon name="upload" size={15} /> Attach the PDF…
          </button>
          <input
            ref={input}
            type="file"
            accept="application/pdf,.pdf"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Choose the PDF to attach"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void attach(f);
              e.target.value = '';
            }}
          />
        </div>
      </section>
      <section className="card papers-related-card">
        <RelatedPanel kind="paper" id={paper.id} />
      </section>
    </div>
  );
}
