// Markdown export: every live entry as `<Kind folder>/<title>.md` with YAML front matter (title, date,
// time, kind, tags, public, properties), wikilinks as written, attachments copied to `attachments/` and
// linked relatively. Importing the folder gives back the same entries (see export.test.ts). The output
// is deterministic: the same notebook exports to the same bytes.
import type { CoreContext } from '../app/context';
import type { ExportResultDto } from '../contract/io';
import type { EntryDto, EntryProperties } from '../contract/journal';
import { iterateAllEntries } from '../journal';
import { sniffMime } from '../system/blobs';
import { blobRefs, mapBlobUrls } from './attachment-refs';
import { formatMarkdownNote } from './import';
import { NameAllocator, openOutputDir, safeFileName } from './output-dir';
import { recordRun } from './runs';

export const EXPORT_MARKER = '.folio-export.json';

const KIND_FOLDERS: Record<string, string> = {
  daily: 'Daily',
  post: 'Posts',
  weekly: 'Weekly',
  meeting: 'Meetings',
  paper: 'Papers',
  note: 'Notes',
};

export function kindFolder(kind: string): string {
  return KIND_FOLDERS[kind] ?? safeFileName(kind.charAt(0).toUpperCase() + kind.slice(1), 'Other', 60);
}

const MIME_EXT: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A blob's file extension: from its bytes, else from how the body names it (`[slides.key](folio://blob/…)`). */
export function blobExtension(head: Uint8Array, body: string, sha: string): string {
  const byMime = MIME_EXT[sniffMime(head)];
  if (byMime) return byMime;
  const m = new RegExp(`\\[([^\\]\\n]*?)\\.([A-Za-z0-9]{1,8})\\]\\(folio://blob/${sha}\\)`).exec(body);
  if (m) return m[2]!.toLowerCase();
  const head5 = Buffer.from(head.subarray(0, 256)).toString('utf8').trimStart();
  if (/^<svg[\s>]|^<\?xml[^>]*>\s*<svg/i.test(head5)) return 'svg';
  return 'bin';
}

function relativeFrom(fromDir: string, to: string): string {
  const depth = fromDir ? fromDir.split('/').length : 0;
  return `${'../'.repeat(depth)}${to}`;
}

/** Front-matter properties of an entry: the `tags` field is written as `tags:` beside the other fields. */
function exportProperties(props: EntryProperties): Record<string, unknown> {
  const { tags: _tags, ...rest } = props;
  return rest;
}

export function entryToMarkdown(e: EntryDto, body: string): string {
  return formatMarkdownNote({
    title: e.title || e.date,
    date: e.date,
    ...(e.time ? { time: e.time } : {}),
    kind: e.kind,
    tags: e.tags,
    properties: exportProperties(e.properties),
    isPublic: e.isPublic,
    bodyMarkdown: body,
  });
}

export async function runExport(
  ctx: CoreContext,
  input: { dir: string; force: boolean },
  onProgress?: (done: number) => void,
): Promise<ExportResultDto> {
  const started = Date.now();
  const startedAt = ctx.now().toISOString();
  const out = openOutputDir(input.dir, EXPORT_MARKER, 'export', input.force);
  const names = new NameAllocator();
  const attachmentName = new Map<string, string | null>();
  const missing = new Set<string>();
  let entries = 0;
  let attachments = 0;

  const attachmentFor = (sha: string, body: string): string | null => {
    if (attachmentName.has(sha)) return attachmentName.get(sha)!;
    let name: string | null = null;
    if (ctx.blobs.has(sha)) {
      const bytes = ctx.blobs.read(sha);
      name = `attachments/${sha.slice(0, 16)}.${blobExtension(bytes.subarray(0, 512), body, sha)}`;
      out.write(name, bytes);
      attachments++;
    } else missing.add(sha);
    attachmentName.set(sha, name);
    return name;
  };

  // Read all entries first: writing files while a SQLite read cursor is open is fine, but the journal asks
  // callers not to write to it while iterating, and the blob reads above do not.
  let n = 0;
  for (const e of iterateAllEntries(ctx)) {
    const folder = kindFolder(e.kind);
    const base = safeFileName(e.title, e.date);
    const rel = names.take(folder, base, '.md');
    const noteDir = folder;
    for (const sha of blobRefs(e.body)) attachmentFor(sha, e.body);
    const body = mapBlobUrls(e.body, (sha) => {
      const a = attachmentName.get(sha);
      return a ? relativeFrom(noteDir, a) : null;
    });
    out.write(rel, entryToMarkdown(e, body));
    entries++;
    if (++n % 200 === 0) {
      onProgress?.(n);
      await new Promise((r) => setImmediate(r));
    }
  }
  const removed = out.finish(ctx.now());
  const result: ExportResultDto = {
    dir: out.root,
    entries,
    files: out.written.length,
    attachments,
    removed,
    missingAttachments: [...missing],
    durationMs: Date.now() - started,
  };
  recordRun(ctx, 'export', out.root, startedAt, { entries, attachments, removed, missing: missing.size });
  return result;
}
