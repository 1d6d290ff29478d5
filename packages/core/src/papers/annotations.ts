// Highlights, region highlights and sticky notes, stored in PDF user space (never in the PDF file),
// their Markdown export and "create paper note" (a journal entry of kind `paper`).
import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import {
  DEFAULT_HIGHLIGHT_COLORS,
  paperPageLink,
  type AnnotationDto,
  type HighlightColorSetting,
  type PdfRectDto,
} from '../contract/papers';
import { createEntry, getEntry, getTemplate, listKinds } from '../journal';
import { readSetting } from '../system/settings';
import { emitPaperChanges } from './events';
import {
  annotationRow,
  annotationRows,
  dayOf,
  newId,
  requirePaperRow,
  sqlite,
  stmt,
  toAnnotationDto,
  tx,
  updatePaperColumns,
  type AnnotationRow,
  type PaperRow,
} from './repo';
import { linkTitle } from './service';

export type NewAnnotationInput =
  | { kind: 'highlight'; page: number; rects: PdfRectDto[]; text: string; color: string; comment: string }
  | { kind: 'area'; page: number; rect: PdfRectDto; color: string; comment: string; image?: string }
  | { kind: 'note'; page: number; point: [number, number]; text: string; color: string };

export function listAnnotations(ctx: CoreContext, paperId: string): AnnotationDto[] {
  return annotationRows(sqlite(ctx), paperId).map(toAnnotationDto);
}

export function getAnnotation(ctx: CoreContext, id: string): AnnotationDto | null {
  const row = annotationRow(sqlite(ctx), id);
  return row ? toAnnotationDto(row) : null;
}

function requireAnnotation(ctx: CoreContext, id: string): AnnotationRow {
  const row = annotationRow(sqlite(ctx), id);
  if (!row) throw new FolioError('not_found', 'That annotation does not exist (any more).');
  return row;
}

function pageError(page: number, count: number | null): void {
  if (count !== null && page > count) {
    throw new FolioError('bad_request', `This paper has ${count} page${count === 1 ? '' : 's'}; there is no page ${page}.`, {
      issues: [{ path: 'annotation.page', message: `Pages go from 1 to ${count}` }],
    });
  }
}

/** Normalises whitespace and joins words hyphenated across lines in a quote. */
function cleanQuote(text: string): string {
  return text
    .replace(/(\p{Ll})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createAnnotation(
  ctx: CoreContext,
  paperId: string,
  a: NewAnnotationInput,
  tzOffsetMinutes?: number,
): AnnotationDto {
  const now = ctx.now();
  const iso = now.toISOString();
  let imageSha: string | null = null;
  if (a.kind === 'area' && a.image) {
    const bytes = Buffer.from(a.image.slice(a.image.indexOf(',') + 1), 'base64');
    if (bytes.length > 0) imageSha = ctx.blobs.put(bytes).sha256;
  }
  const row: AnnotationRow = {
    id: newId(now),
    paper_id: paperId,
    kind: a.kind,
    page: a.page,
    rects: JSON.stringify(
      a.kind === 'highlight' ? a.rects : a.kind === 'area' ? [a.rect] : [[a.point[0], a.point[1], a.point[0], a.point[1]]],
    ),
    quote: a.kind === 'highlight' ? cleanQuote(a.text) : a.kind === 'note' ? a.text : '',
    color: a.color,
    comment: a.kind === 'note' ? '' : a.comment,
    image_sha256: imageSha,
    created_at: iso,
    updated_at: iso,
    day: dayOf(now, tzOffsetMinutes),
  };
  tx(ctx, (db) => {
    const paper = requirePaperRow(db, paperId);
    if (!paper.sha256) throw new FolioError('bad_request', `“${paper.title}” has no PDF to annotate.`);
    pageError(a.page, paper.page_count);
    stmt(
      db,
      `INSERT INTO paper_annotations (id, paper_id, kind, page, rects, quote, color, comment, image_sha256, created_at, updated_at, day)
       VALUES (@id, @paper_id, @kind, @page, @rects, @quote, @color, @comment, @image_sha256, @created_at, @updated_at, @day)`,
    ).run(row);
    updatePaperColumns(db, paperId, { updated_at: iso });
  });
  emitPaperChanges(ctx, [{ id: paperId, action: 'annotation-added', annotationId: row.id }]);
  ctx.events.emit('activity:changed', { sources: [a.kind === 'highlight' ? 'papers.highlight' : 'papers.note'], day: row.day });
  return toAnnotationDto(row);
}

export function updateAnnotation(
  ctx: CoreContext,
  input: { id: string; color?: string; comment?: string; text?: string },
): AnnotationDto {
  const row = requireAnnotation(ctx, input.id);
  const next: AnnotationRow = { ...row, updated_at: ctx.now().toISOString() };
  if (input.color !== undefined) next.color = input.color;
  if (input.comment !== undefined && row.kind !== 'note') next.comment = input.comment;
  if (input.text !== undefined && row.kind === 'note') next.quote = input.text;
  stmt(
    sqlite(ctx),
    `UPDATE paper_annotations SET color = @color, comment = @comment, quote = @quote, updated_at = @updated_at WHERE id = @id`,
  ).run(next);
  emitPaperChanges(ctx, [{ id: row.paper_id, action: 'annotation-updated', annotationId: row.id }]);
  return toAnnotationDto(next);
}

export function deleteAnnotation(ctx: CoreContext, id: string): void {
  const row = requireAnnotation(ctx, id);
  stmt(sqlite(ctx), `DELETE FROM paper_annotations WHERE id = ?`).run(id);
  if (
    row.image_sha256 &&
    !stmt(sqlite(ctx), `SELECT 1 FROM paper_annotations WHERE image_sha256 = ? LIMIT 1`).get(row.image_sha256)
  ) {
    ctx.blobs.remove(row.image_sha256);
  }
  emitPaperChanges(ctx, [{ id: row.paper_id, action: 'annotation-deleted', annotationId: id }]);
  ctx.events.emit('activity:changed', { sources: [row.kind === 'highlight' ? 'papers.highlight' : 'papers.note'], day: row.day });
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

export function highlightColors(ctx: CoreContext): HighlightColorSetting[] {
  try {
    return readSetting(ctx.store.db, 'papers.colors');
  } catch {
    return DEFAULT_HIGHLIGHT_COLORS;
  }
}

function colorLabel(colors: readonly HighlightColorSetting[], id: string): string {
  return colors.find((c) => c.id === id)?.label ?? id;
}

/** Escapes text quoted from a PDF so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([+\-=]|\d+[.)])(?=\s)/, (_m, sp: string, mark: string) => `${sp}\\${mark}`);
}

function quoteBlock(text: string): string {
  return (text || '(no text)')
    .split(/\n+/)
    .map((l) => `> ${escapeMarkdown(l.trim())}`)
    .join('\n');
}

/** Reading order on a page: top to bottom (PDF y grows upwards), then left to right. */
function readingOrder(a: AnnotationDto, b: AnnotationDto): number {
  if (a.page !== b.page) return a.page - b.page;
  const top = (x: AnnotationDto) =>
    x.kind === 'note' ? x.point[1] : x.kind === 'area' ? x.rect[3] : Math.max(...x.rects.map((r) => r[3]));
  const left = (x: AnnotationDto) =>
    x.kind === 'note' ? x.point[0] : x.kind === 'area' ? x.rect[0] : Math.min(...x.rects.map((r) => r[0]));
  return top(b) - top(a) || left(a) - left(b);
}

function pageRef(paperId: string, page: number): string {
  return `[p. ${page}](${paperPageLink(paperId, page)})`;
}

function titleLine(p: PaperRow): string {
  const authors = JSON.parse(p.authors || '[]') as string[];
  return [authors.length ? authors.join(', ') : null, p.year, p.venue].filter(Boolean).join(' · ');
}

/** The annotations by page in reading order, each with a link back to its page. */
export function annotationsMarkdown(ctx: CoreContext, paperId: string): { markdown: string; fileName: string } {
  const paper = requirePaperRow(sqlite(ctx), paperId);
  const colors = highlightColors(ctx);
  const list = listAnnotations(ctx, paperId).sort(readingOrder);
  const blocks = [`# ${escapeMarkdown(paper.title)}`];
  const byline = titleLine(paper);
  if (byline) blocks.push(escapeMarkdown(byline));
  blocks.push(`[Open in Folio](${paperPageLink(paperId)})`);
  if (list.length === 0) blocks.push('_No annotations yet._');
  let page = 0;
  for (const a of list) {
    if (a.page !== page) {
      page = a.page;
      blocks.push(`## Page ${page}`);
    }
    if (a.kind === 'highlight') {
      blocks.push(`${quoteBlock(a.text)}\n>\n> — ${escapeMarkdown(colorLabel(colors, a.color))} · ${pageRef(paperId, a.page)}`);
      if (a.comment.trim()) blocks.push(a.comment.trim());
    } else if (a.kind === 'area') {
      blocks.push(`**Figure / region** (${escapeMarkdown(colorLabel(colors, a.color))}) · ${pageRef(paperId, a.page)}`);
      if (a.comment.trim()) blocks.push(a.comment.trim());
    } else {
      blocks.push(`**Note** · ${pageRef(paperId, a.page)}`);
      if (a.text.trim()) blocks.push(a.text.trim());
    }
  }
  const fileName = `${
    paper.title
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'annotations'
  } - annotations.md`;
  return { markdown: `${blocks.join('\n\n')}\n`, fileName };
}

/** The body of a paper note: the link to the paper, the template's sections, then highlights by colour meaning. */
export function paperNoteBody(ctx: CoreContext, paper: PaperRow, templateBody: string): string {
  const colors = highlightColors(ctx);
  const list = listAnnotations(ctx, paper.id).sort(readingOrder);
  const blocks: string[] = [];
  const byline = titleLine(paper);
  blocks.push(`[[${linkTitle(paper.title)}]]${byline ? ` — ${escapeMarkdown(byline)}` : ''}`);
  if (templateBody.trim()) blocks.push(templateBody.trim());
  const highlights = list.filter((a): a is Exclude<AnnotationDto, { kind: 'note' }> => a.kind !== 'note');
  if (highlights.length > 0) {
    blocks.push('## Highlights');
    const order = [...colors.map((c) => c.id), ...new Set(highlights.map((a) => a.color))];
    for (const colorId of [...new Set(order)]) {
      const group = highlights.filter((a) => a.color === colorId);
      if (group.length === 0) continue;
      blocks.push(`### ${escapeMarkdown(colorLabel(colors, colorId))}`);
      for (const a of group) {
        if (a.kind === 'highlight') blocks.push(`${quoteBlock(a.text)}\n> — ${pageRef(paper.id, a.page)}`);
        else blocks.push(`Figure / region · ${pageRef(paper.id, a.page)}`);
        if (a.comment.trim()) blocks.push(a.comment.trim());
      }
    }
  }
  const notes = list.filter((a): a is Extract<AnnotationDto, { kind: 'note' }> => a.kind === 'note' && a.text.trim() !== '');
  if (notes.length > 0) {
    blocks.push('## Notes');
    for (const n of notes) blocks.push(`- ${n.text.trim().replace(/\n+/g, ' ')} — ${pageRef(paper.id, n.page)}`);
  }
  return `${blocks.join('\n\n')}\n`;
}

const NOTE_TITLE_MAX = 280;

/** "Create paper note": a journal entry of kind `paper` for this paper (or its existing live one). */
export function createPaperNote(
  ctx: CoreContext,
  paperId: string,
  opts: { fresh?: boolean; tzOffsetMinutes?: number } = {},
): { entryId: string; created: boolean; title: string } {
  const paper = requirePaperRow(sqlite(ctx), paperId);
  if (paper.note_entry_id && !opts.fresh) {
    const existing = getEntry(ctx, paper.note_entry_id);
    if (existing && !existing.deletedAt) return { entryId: existing.id, created: false, title: existing.title };
  }
  const kind = listKinds(ctx).find((k) => k.key === 'paper');
  const template = kind?.templateId ? getTemplate(ctx, kind.templateId) : null;
  const templateBody = (template?.body ?? '').replace(/\{\{\s*title\s*\}\}/gi, linkTitle(paper.title));
  const link = linkTitle(paper.title);
  const title = `Notes: ${link}`.slice(0, NOTE_TITLE_MAX).trim();
  const authors = JSON.parse(paper.authors || '[]') as string[];
  const entry = createEntry(ctx, {
    kind: 'paper',
    title,
    body: paperNoteBody(ctx, paper, templateBody),
    properties: {
      ...(template?.properties ?? {}),
      paper: `[[${link}]]`,
      paperId,
      authors,
      year: paper.year,
      ...(paper.doi ? { doi: paper.doi } : {}),
      ...(paper.arxiv_id ? { arxiv: paper.arxiv_id } : {}),
    },
    ...(opts.tzOffsetMinutes !== undefined ? { tzOffsetMinutes: opts.tzOffsetMinutes } : {}),
  });
  updatePaperColumns(sqlite(ctx), paperId, { note_entry_id: entry.id, updated_at: ctx.now().toISOString() });
  emitPaperChanges(ctx, [{ id: paperId, action: 'updated' }]);
  return { entryId: entry.id, created: true, title: entry.title };
}
