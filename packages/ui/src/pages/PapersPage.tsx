import { useEffect } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { LibraryView } from '../papers/LibraryView';
import { PaperView } from '../papers/PaperView';
import { preloadPdfReader } from '../papers/reader';
import '../papers/papers.css';
import type { PageProps } from './registry';

/** `#/papers` the library (filters in the query), `#/papers/<id>[?page=N]` a paper in the reader. */
export function PapersPage({ route }: PageProps) {
  const id = route.params[0];
  // Start pdf.js and its worker while the library shows, so opening a paper costs only parse + render.
  useEffect(() => {
    void preloadPdfReader(workerUrl).catch(() => {});
  }, []);
  return (
    <div className="page page-papers">{id ? <PaperView key={id} id={id} route={route} /> : <LibraryView route={route} />}</div>
  );
}
