// Adding PDFs: the file is checked (on a worker thread when the app injected one) BEFORE the library
// changes. A bad file answers `invalid_file` naming it and leaves no row; its blob is removed when this
// add stored it. The same bytes twice are reported as a duplicate of the existing paper.
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import type { AddPaperResultDto, PaperDto, PaperStatus } from '../contract/papers';
import { emitPaperChanges } from './events';
import { inspectJob, type InspectedPdf, type InspectJobResult } from './jobs';
import { paperRowBySha, requirePaperRow, sqlite, stmt, tx, updatePaperColumns, type PaperRow } from './repo';
import { buildPaperRow, insertNewPaper, paperTitleKey, relinkTitles, requirePaper } from './service';
import { scheduleText } from './text';

export interface AddBlobInput {
  sha256: string;
  fileName: string;
  /** True when the blob was already stored before this add (then a bad file does not remove it). */
  blobExisted?: boolean;
  collectionId?: string;
  tags?: string[];
  status?: PaperStatus;
  source?: string;
  via?: string;
  tzOffsetMinutes?: number;
}

function baseName(fileName: string): string {
  return path.basename(fileName.replace(/\\/g, '/'));
}

/** A title from a file name when the PDF has none: "attention_is-all.pdf" -> "attention is all". */
export function titleFromFileName(fileName: string): string {
  const t = baseName(fileName)
    .replace(/\.pdf$/i, '')
    .replace(/[_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t || 'Untitled paper';
}

/** Reads a stored PDF's metadata on a worker thread (or in-process without one). Throws `invalid_file`. */
export async function inspectBlob(ctx: CoreContext, sha256: string, fileName: string): Promise<InspectedPdf> {
  const payload = { path: ctx.blobs.pathFor(sha256), fileName: baseName(fileName) };
  const workers = ctx.services.workers;
  const result = workers ? await workers.run<InspectJobResult>('papers:inspect', payload) : await inspectJob(payload);
  if (!result.ok)
    throw new FolioError('invalid_file', result.error.message, { reason: result.error.reason, file: payload.fileName });
  return result.pdf;
}

/** Blobs nothing else refers to (a bad file's bytes) are not kept. */
function removeBlobIfUnused(ctx: CoreContext, sha256: string): void {
  const db = sqlite(ctx);
  const used =
    stmt(db, `SELECT 1 FROM papers WHERE sha256 = ? LIMIT 1`).get(sha256) ??
    stmt(db, `SELECT 1 FROM paper_annotations WHERE image_sha256 = ? LIMIT 1`).get(sha256);
  if (!used) ctx.blobs.remove(sha256);
}

function duplicateResult(ctx: CoreContext, row: PaperRow, fileName: string): AddPaperResultDto {
  return {
    paper: requirePaper(ctx, row.id),
    duplicate: true,
    message: `“${baseName(fileName)}” is already in your library as “${row.title}”.`,
  };
}

function metadataColumns(pdf: InspectedPdf): { title: string | null; authors: string[]; cols: Partial<PaperRow> } {
  const m = pdf.metadata;
  return {
    title: m.title,
    authors: m.authors,
    cols: {
      year: m.year,
      arxiv_id: m.arxivId,
      arxiv_version: m.arxivVersion,
      arxiv_category: m.arxivCategory,
      doi: m.doi ? m.doi.toLowerCase() : null,
      venue: m.venue,
      abstract: m.abstract,
    },
  };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Adds a stored PDF (uploaded through the UI, or put by the CLI) to the library. */
export async function addPdfBlob(ctx: CoreContext, input: AddBlobInput): Promise<AddPaperResultDto> {
  const fileName = baseName(input.fileName);
  const existing = paperRowBySha(sqlite(ctx), input.sha256);
  if (existing) return duplicateResult(ctx, existing, fileName);
  if (!ctx.blobs.has(input.sha256))
    throw new FolioError('not_found', `The file “${fileName}” was not found in the data folder: upload it again.`);

  let pdf: InspectedPdf;
  try {
    pdf = await inspectBlob(ctx, input.sha256, fileName);
  } catch (err) {
    if (!input.blobExisted) removeBlobIfUnused(ctx, input.sha256);
    throw err;
  }

  const meta = metadataColumns(pdf);
  const row = buildPaperRow(ctx, {
    kind: 'pdf',
    title: meta.title ?? titleFromFileName(fileName),
    authors: meta.authors,
    ...(input.status ? { status: input.status } : {}),
    ...(input.source ? { source: input.source } : {}),
    ...(input.via ? { via: input.via } : {}),
    ...(input.tzOffsetMinutes !== undefined ? { tzOffsetMinutes: input.tzOffsetMinutes } : {}),
    metadataSources: { ...pdf.metadata.sources, ...(meta.title ? {} : { title: 'file-name' }) },
  });
  Object.assign(row, {
    year: meta.cols.year ?? null,
    arxiv_id: meta.cols.arxiv_id ?? null,
    arxiv_version: meta.cols.arxiv_version ?? null,
    arxiv_category: meta.cols.arxiv_category ?? null,
    doi: meta.cols.doi ?? null,
    venue: meta.cols.venue ?? null,
    abstract: meta.cols.abstract ?? null,
    sha256: input.sha256,
    file_name: fileName,
    size_bytes: sizeOf(ctx, input.sha256),
    page_count: pdf.pageCount,
    has_text_layer: pdf.hasTextLayer ? 1 : 0,
    fingerprint: pdf.fingerprint || null,
    text_state: pdf.hasTextLayer ? 'pending' : 'none',
  } satisfies Partial<PaperRow>);

  try {
    tx(ctx, (db) => {
      // Another paper may hold the arXiv id or DOI read from this one (two versions of a preprint):
      // keep the new file, but do not claim an identifier twice.
      if (row.doi && stmt(db, `SELECT 1 FROM papers WHERE doi = ?`).get(row.doi)) row.doi = null;
      if (row.arxiv_id && stmt(db, `SELECT 1 FROM papers WHERE arxiv_id = ?`).get(row.arxiv_id)) row.arxiv_id = null;
      insertNewPaper(db, row, {
        ...(input.tags ? { tags: input.tags } : {}),
        ...(input.collectionId ? { collectionId: input.collectionId } : {}),
      });
    });
  } catch (err) {
    // The same file added twice at once: the other add won.
    if (isUniqueViolation(err)) {
      const other = paperRowBySha(sqlite(ctx), input.sha256);
      if (other) return duplicateResult(ctx, other, fileName);
    }
    throw err;
  }
  emitPaperChanges(ctx, [{ id: row.id, action: 'added' }]);
  ctx.events.emit('activity:changed', { sources: ['papers.added'], day: row.added_day });
  relinkTitles(ctx, [row.title_key]);
  if (pdf.hasTextLayer) scheduleText(ctx, row.id);
  const pages = `${pdf.pageCount} page${pdf.pageCount === 1 ? '' : 's'}`;
  return {
    paper: requirePaper(ctx, row.id),
    duplicate: false,
    message: pdf.hasTextLayer
      ? `Added “${row.title}” (${pages}).`
      : `Added “${row.title}” (${pages}). It has no text layer (a scan?): it opens and can be annotated, but its text can’t be searched or selected.`,
  };
}

function sizeOf(ctx: CoreContext, sha256: string): number | null {
  try {
    return fs.statSync(ctx.blobs.pathFor(sha256)).size;
  } catch {
    return null;
  }
}

/** Reads a file from disk into the blob store (streaming), then adds it. Used by the CLI. */
export async function addPdfFile(
  ctx: CoreContext,
  file: string,
  opts: Omit<AddBlobInput, 'sha256' | 'fileName' | 'blobExisted'> = {},
): Promise<AddPaperResultDto> {
  const fileName = baseName(file);
  let info;
  try {
    if (!fs.statSync(file).isFile()) throw new FolioError('invalid_file', `“${file}” is not a file.`, { file: fileName });
    info = await ctx.blobs.putFile(file);
  } catch (err) {
    if (err instanceof FolioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FolioError(
      code === 'ENOENT' ? 'not_found' : 'io_error',
      code === 'ENOENT' ? `“${file}” does not exist.` : `Could not read “${file}”: ${(err as Error).message}`,
      {
        file: fileName,
      },
    );
  }
  return addPdfBlob(ctx, { ...opts, sha256: info.sha256, fileName, blobExisted: info.existed });
}

/** Gives a link or book item its PDF (checked like an add). */
export async function attachPdf(
  ctx: CoreContext,
  input: { id: string; sha256: string; fileName: string; blobExisted?: boolean },
): Promise<PaperDto> {
  const fileName = baseName(input.fileName);
  const current = requirePaperRow(sqlite(ctx), input.id);
  const holder = paperRowBySha(sqlite(ctx), input.sha256);
  if (holder && holder.id !== input.id)
    throw new FolioError('conflict', `“${fileName}” is already in your library as “${holder.title}”.`, { existingId: holder.id });
  if (holder) return requirePaper(ctx, input.id);
  if (!ctx.blobs.has(input.sha256))
    throw new FolioError('not_found', `The file “${fileName}” was not found in the data folder: upload it again.`);
  let pdf: InspectedPdf;
  try {
    pdf = await inspectBlob(ctx, input.sha256, fileName);
  } catch (err) {
    if (!input.blobExisted) removeBlobIfUnused(ctx, input.sha256);
    throw err;
  }
  const meta = metadataColumns(pdf);
  tx(ctx, (db) => {
    const row = requirePaperRow(db, input.id);
    const cols: Partial<PaperRow> = {
      kind: 'pdf',
      sha256: input.sha256,
      file_name: fileName,
      size_bytes: sizeOf(ctx, input.sha256),
      page_count: pdf.pageCount,
      has_text_layer: pdf.hasTextLayer ? 1 : 0,
      fingerprint: pdf.fingerprint || null,
      text_state: pdf.hasTextLayer ? 'pending' : 'none',
      text_pages_done: 0,
      text_sha256: null,
      text_error: null,
      updated_at: ctx.now().toISOString(),
    };
    // Fill what the item lacks; what the user or a BibTeX entry set stays.
    if (row.authors === '[]' && meta.authors.length) cols.authors = JSON.stringify(meta.authors);
    const m = meta.cols;
    if (row.year === null && m.year) cols.year = m.year;
    if (!row.abstract && m.abstract) cols.abstract = m.abstract;
    if (!row.venue && m.venue) cols.venue = m.venue;
    if (!row.doi && m.doi && !stmt(db, `SELECT 1 FROM papers WHERE doi = ?`).get(m.doi)) cols.doi = m.doi;
    if (!row.arxiv_id && m.arxiv_id && !stmt(db, `SELECT 1 FROM papers WHERE arxiv_id = ?`).get(m.arxiv_id)) {
      cols.arxiv_id = m.arxiv_id;
      cols.arxiv_version = m.arxiv_version ?? null;
      cols.arxiv_category = m.arxiv_category ?? null;
    }
    stmt(db, `DELETE FROM paper_pages WHERE paper_id = ?`).run(row.id);
    updatePaperColumns(db, row.id, cols);
  });
  emitPaperChanges(ctx, [{ id: input.id, action: 'updated' }]);
  relinkTitles(ctx, [paperTitleKey(current.title)]);
  if (pdf.hasTextLayer) scheduleText(ctx, input.id);
  return requirePaper(ctx, input.id);
}
