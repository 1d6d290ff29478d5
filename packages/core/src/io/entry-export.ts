// One entry as a file: a standalone HTML page (inline CSS, images embedded as data: URLs, strict CSP, no
// script), a PDF (the same content laid out by pdf/, see there for fonts), or markdown (the lossless form:
// front matter + body, images embedded as data: URLs so the file stands alone).
import path from 'node:path';
import type { CoreContext } from '../app/context';
import type { ExportEntryDto, ExportEntryFormat } from '../contract/io';
import type { EntryDto } from '../contract/journal';
import { listKinds, requireEntry } from '../journal';
import { sniffMime } from '../system/blobs';
import { mapBlobUrls } from './attachment-refs';
import { entryToMarkdown } from './export-service';
import { safeFileName, writeFileAtomic } from './output-dir';
import { renderEntryPdf } from './pdf/entry-pdf';
import { blobShaOf, escapeHtml, MarkdownRenderer } from './render/html';
import { PAGE_CSS } from './render/styles';

const MAX_EMBED_BYTES = 20 * 1024 * 1024;
const EMBEDDABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A blob as a data: URL when it is an image small enough to embed, else null. */
export function blobDataUrl(ctx: CoreContext, sha: string): string | null {
  if (!ctx.blobs.has(sha)) return null;
  const bytes = ctx.blobs.read(sha);
  const mime = sniffMime(bytes.subarray(0, 16));
  if (!EMBEDDABLE.has(mime) || bytes.length > MAX_EMBED_BYTES) return null;
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

function kindName(ctx: CoreContext, key: string): string {
  return listKinds(ctx).find((k) => k.key === key)?.name ?? key;
}

export interface StandaloneHtmlOptions {
  includePrivate: boolean;
}

/** The entry as one self-contained HTML document. */
export function entryHtml(ctx: CoreContext, e: EntryDto, opts: StandaloneHtmlOptions): { html: string; text: string } {
  const r = new MarkdownRenderer().render(e.body, {
    includePrivate: opts.includePrivate,
    resolveUrl: (url, use) => {
      const sha = blobShaOf(url);
      if (!sha) return url;
      return use === 'image' ? blobDataUrl(ctx, sha) : null;
    },
    resolveWikilink: () => null,
  });
  const title = e.title || e.date;
  const tags = e.tags.length
    ? `<ul class="tags" aria-label="Tags">${e.tags.map((t) => `<li><span class="tag">#${escapeHtml(t)}</span></li>`).join('')}</ul>`
    : '';
  const html = `<!doctype html>
<html lang="${/[\u3400-\u9fff]/.test(title + r.text.slice(0, 500)) ? 'zh' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="Folio">
<title>${escapeHtml(title)}</title>
<style>
${PAGE_CSS}</style>
</head>
<body>
<div class="wrap">
<article>
<h1>${escapeHtml(title)}</h1>
<div class="meta"><time datetime="${e.date}">${e.date}${e.time ? ` ${e.time}` : ''}</time><span>${escapeHtml(kindName(ctx, e.kind))}</span>${tags}</div>
${r.html}
</article>
</div>
</body>
</html>
`;
  return { html, text: r.text };
}

/** The entry as markdown with front matter; images embedded as data: URLs so the file stands alone. */
export function entryMarkdownStandalone(ctx: CoreContext, e: EntryDto): string {
  return entryToMarkdown(
    e,
    mapBlobUrls(e.body, (sha) => blobDataUrl(ctx, sha)),
  );
}

const MIME: Record<ExportEntryFormat, string> = { html: 'text/html', pdf: 'application/pdf', markdown: 'text/markdown' };
const EXT: Record<ExportEntryFormat, string> = { html: '.html', pdf: '.pdf', markdown: '.md' };

export async function exportEntry(
  ctx: CoreContext,
  input: { id: string; format: ExportEntryFormat; file?: string; includePrivate: boolean },
): Promise<ExportEntryDto> {
  const e = requireEntry(ctx, input.id);
  const fileName = `${safeFileName(e.title, e.date)}${EXT[input.format]}`;
  let data: string | Uint8Array;
  let missingGlyphs: string[] | undefined;
  if (input.format === 'html') data = entryHtml(ctx, e, { includePrivate: input.includePrivate }).html;
  else if (input.format === 'markdown') data = entryMarkdownStandalone(ctx, e);
  else {
    const pdf = await renderEntryPdf(ctx, e, { includePrivate: input.includePrivate, kindName: kindName(ctx, e.kind) });
    data = pdf.bytes;
    missingGlyphs = pdf.missingGlyphs;
  }
  const sizeBytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  const base: ExportEntryDto = {
    format: input.format,
    fileName,
    mime: MIME[input.format],
    sizeBytes,
    ...(missingGlyphs ? { missingGlyphs } : {}),
  };
  if (input.file) {
    const abs = path.resolve(input.file);
    writeFileAtomic(abs, data);
    return { ...base, file: abs };
  }
  return typeof data === 'string' ? { ...base, text: data } : { ...base, base64: Buffer.from(data).toString('base64') };
}
