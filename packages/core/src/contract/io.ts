import { z } from 'zod';
import { entryIdSchema } from './journal';
import { method, type MethodMap } from './rpc';

// The io domain's calls ('io:verb'): journal import (with a preview), markdown export, export of one
// entry (HTML, PDF, markdown) and publishing public entries as a static site.
//
// Import reads either server-side paths (CLI, Electron, scripts) or files the UI uploaded first with
// `api.upload` (a browser cannot hand the server a folder): `files: [{ relPath, sha256 }]`, where
// `relPath` is the path inside the chosen folder INCLUDING the folder's own name (what
// `<input webkitdirectory>` gives as `webkitRelativePath`). Paths are imported the same way — a folder
// `~/vault` gives `vault/Daily/2025-03-14.md` — so importing a vault from the CLI and then from the UI
// finds the same entries. `sourceKey` (that path, or `path#YYYY-MM-DD` for one entry of a diary or
// microblog) is what makes re-import idempotent.

const SHA256 = /^[0-9a-f]{64}$/;

/** File extensions read as notes; everything else is an attachment (or unsupported). The UI uploads notes first. */
export const IMPORT_NOTE_EXTENSIONS = ['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdx', 'txt', 'text'] as const;
/** Names skipped anywhere in an imported folder (names starting with a dot are skipped too). */
export const IMPORT_IGNORED_NAMES = [
  '.obsidian',
  '.git',
  'node_modules',
  '.trash',
  '.Trash',
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '.stversions',
  '.stfolder',
] as const;
/** Notes larger than this are refused (reported), so the UI does not upload them. */
export const IMPORT_MAX_NOTE_BYTES = 10 * 1024 * 1024;

/** True when an import would read this file as a note (by its name). */
export function isImportNotePath(relPath: string): boolean {
  if (/\.excalidraw\.md$/i.test(relPath)) return false;
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && (IMPORT_NOTE_EXTENSIONS as readonly string[]).includes(base.slice(dot + 1).toLowerCase());
}

/** True when a folder walk skips this path (a hidden or ignored name in any segment). */
export function isIgnoredImportPath(relPath: string): boolean {
  return relPath.split('/').some((seg) => seg.startsWith('.') || (IMPORT_IGNORED_NAMES as readonly string[]).includes(seg));
}

/** One uploaded file of an import. Notes need `sha256`; attachments may come later (see `attachmentsNeeded`). */
export const importFileSchema = z.object({
  relPath: z.string().trim().min(1, 'A file needs its path').max(2000, 'A path can be at most 2,000 characters'),
  /** The uploaded bytes (`api.upload`). Omit for files you chose not to upload (too big, unsupported): they are reported. */
  sha256: z.string().regex(SHA256, 'Not a blob id').optional(),
  /** Size in bytes (required when sha256 is omitted, so limits can be checked). */
  size: z.number().int().min(0).optional(),
  /** Modification time (ms since epoch): the last-resort date of a note without one. */
  mtimeMs: z.number().finite().optional(),
});
export type ImportFileInput = z.input<typeof importFileSchema>;

export const importSourceSchema = z
  .object({
    /** Server-side files or folders (absolute, or relative to the backend's working folder). */
    paths: z.array(z.string().trim().min(1, 'Give a path')).max(100, 'At most 100 paths at once').optional(),
    /** Files uploaded by the UI. */
    files: z.array(importFileSchema).max(200_000, 'At most 200,000 files at once').optional(),
    /** What to do with entries imported before whose source changed: update them (a new revision) or keep them as they are. */
    onExisting: z.enum(['update', 'skip']).default('update'),
    /**
     * Import blog posts whose source does not say whether they are public (plain-text microblog entries,
     * Jekyll/Hexo/Hugo posts without `published`/`draft`) as public. Default false: only entries the source
     * marks public (`public: true`, `published: true`, `publish: true`, a blog post with `draft: false`) are.
     */
    publicPosts: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    const n = (p.paths?.length ?? 0) + (p.files?.length ?? 0);
    if (n === 0) ctx.addIssue({ code: 'custom', path: ['paths'], message: 'Choose files or a folder to import' });
    if (p.paths?.length && p.files?.length)
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'Give either paths or uploaded files, not both' });
  });
export type ImportSourceInput = z.input<typeof importSourceSchema>;

export type ImportFormatName = 'markdown' | 'hexo-diary' | 'microblog' | 'text';

/** error: not imported (something is wrong with it); skipped: left out by design; warning: imported with a caveat. */
export interface ImportIssueDto {
  path: string;
  line?: number;
  reason: string;
  severity: 'error' | 'skipped' | 'warning';
}

/**
 * What importing would do to one entry: `create`, `update` (its source changed since the last import;
 * a new revision, the old text stays in history), `unchanged` (same source as last time: left alone,
 * including any edits made in Folio since), `skip` (`reason`: in the trash, locked, or kept).
 */
export type ImportPlanAction = 'create' | 'update' | 'unchanged' | 'skip';

export interface ImportPlanEntryDto {
  sourceKey: string;
  sourcePath: string;
  sourceLine: number;
  format: ImportFormatName;
  kind: string;
  /** Set when the entry will be stored under another kind (a second daily note for a date becomes a `note`). */
  storedKind?: string;
  date: string;
  time?: string;
  title: string;
  tags: string[];
  /** Wikilink targets. */
  links: string[];
  /** Attachments (paths relative to the import) the entry references. */
  attachments: string[];
  /** Public or private as the source says (or as `publicPosts` made it); absent: stored private. */
  isPublic?: boolean;
  /** A blog post the source does not mark public or private: private unless `publicPosts`. */
  unmarkedPost?: boolean;
  words: number;
  action: ImportPlanAction;
  reason?: string;
  /** The existing entry for update / unchanged / skip. */
  entryId?: string;
}

export interface ImportCountsDto {
  files: number;
  /** Files parsed per format. */
  byFormat: Record<ImportFormatName, number>;
  /** Entries per kind (as planned). */
  byKind: Record<string, number>;
  entries: number;
  create: number;
  update: number;
  unchanged: number;
  skip: number;
  /** Files not imported (each has an error or skipped issue). */
  skippedFiles: number;
  attachments: number;
  missingAttachments: number;
  mojibakeRepaired: number;
  /** Text before a diary's first dated heading: not an entry (reported as a skipped issue with its line count). */
  preambles: number;
  /** Blog and microblog posts whose source does not say whether they are public (`unmarkedPost`): private unless `publicPosts`. */
  unmarkedPosts: number;
}

export interface ImportNeededAttachmentDto {
  /** Path relative to the import, as given in `files[].relPath`. */
  path: string;
  size: number;
  /** True when its bytes were uploaded (a `sha256` was given). */
  uploaded: boolean;
}

export interface ImportPlanDto {
  counts: ImportCountsDto;
  entries: ImportPlanEntryDto[];
  issues: ImportIssueDto[];
  /**
   * Attachments the notes reference. For an upload, the UI uploads these (and only these) before
   * `io:import`, so a vault's unreferenced videos are never sent.
   */
  attachmentsNeeded: ImportNeededAttachmentDto[];
}

export type ImportEntryAction = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ImportedEntryDto {
  /** The entry's id (absent when its file failed). */
  id?: string;
  sourceKey: string;
  sourcePath: string;
  title: string;
  date: string;
  kind: string;
  action: ImportEntryAction;
  reason?: string;
}

export interface ImportResultDto {
  created: number;
  updated: number;
  unchanged: number;
  /** Entries left alone on purpose (in the trash, locked, onExisting: skip). */
  skipped: number;
  /** Files whose transaction failed (their entries are `failed`; nothing of them was written). */
  failedFiles: number;
  entries: ImportedEntryDto[];
  /** Every file or entry not imported, with the reason, and warnings. */
  issues: ImportIssueDto[];
  counts: ImportCountsDto;
  /** Attachments stored as blobs (new or already present). */
  attachmentsStored: number;
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Export and publish
// ---------------------------------------------------------------------------------------------

const dirSchema = z.string({ error: 'Give a folder' }).trim().min(1, 'Give a folder').max(4000, 'That path is too long');

export const exportSchema = z.object({
  /** The folder to write into (created if missing). A folder holding other files is refused unless `force`. */
  dir: dirSchema,
  /** Write into a folder that holds files Folio did not write (they are never deleted; same-named ones are overwritten). */
  force: z.boolean().default(false),
});

export interface ExportResultDto {
  dir: string;
  entries: number;
  /** Files written (notes + attachments). */
  files: number;
  attachments: number;
  /** Files of an earlier export into this folder that no longer match an entry, removed. */
  removed: number;
  /** Blobs an entry references that are missing from the data folder (the link is kept). */
  missingAttachments: string[];
  durationMs: number;
}

export const EXPORT_ENTRY_FORMATS = ['html', 'pdf', 'markdown'] as const;
export type ExportEntryFormat = (typeof EXPORT_ENTRY_FORMATS)[number];

export const exportEntrySchema = z.object({
  id: entryIdSchema,
  format: z.enum(EXPORT_ENTRY_FORMATS, { error: 'A format is html, pdf or markdown' }),
  /** Write to this server-side file; without it the content comes back in the answer (for a download). */
  file: z.string().trim().min(1).max(4000).optional(),
  /**
   * HTML and PDF leave `:::private` blocks out unless this is true (they are files made to be shared).
   * Markdown is the lossless data format and always keeps them.
   */
  includePrivate: z.boolean().default(false),
});

export interface ExportEntryDto {
  format: ExportEntryFormat;
  /** A safe file name (title + extension). */
  fileName: string;
  mime: string;
  sizeBytes: number;
  /** Set when written to `file`. */
  file?: string;
  /** HTML or markdown text when no `file` was given. */
  text?: string;
  /** PDF bytes, base64, when no `file` was given. */
  base64?: string;
  /** Characters the PDF's fonts cannot draw (shown as "?"): install a font that covers them. Empty for HTML/markdown. */
  missingGlyphs?: string[];
}

export const publishSchema = z.object({
  dir: dirSchema,
  siteTitle: z.string().trim().max(200, 'A title can be at most 200 characters').optional(),
  /** The site's public address (`https://me.example/blog/`): makes RSS links absolute, as feed readers expect. */
  baseUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^\s/]+/i.test(u), 'The base URL starts with http:// or https://')
    .optional(),
  description: z.string().trim().max(1000).optional(),
  force: z.boolean().default(false),
});

export interface PublishResultDto {
  dir: string;
  /** Public entries published (each has a page). */
  posts: number;
  tags: number;
  /** Every file written, relative to `dir`. */
  files: string[];
  /** Pages of an earlier publish no longer public, removed. */
  removed: number;
  /** `feed.xml`, absolute when `baseUrl` was given. */
  feed: string;
  durationMs: number;
}

export const ioContract = {
  /** Preview of an import: what would be created, updated or left alone, and every file that would be skipped, with the reason. Writes nothing. */
  'io:import-plan': method(importSourceSchema).returns<ImportPlanDto>(),
  /** Imports: one transaction per source file (a file is imported whole or not at all); attachments become blobs. */
  'io:import': method(importSourceSchema).returns<ImportResultDto>(),
  /** Every live entry as a markdown file with front matter (+ attachments/), ready for another tool or re-import. */
  'io:export': method(exportSchema).returns<ExportResultDto>(),
  /** One entry as a standalone HTML page (inline CSS, embedded images), a PDF, or markdown. */
  'io:export-entry': method(exportEntrySchema).returns<ExportEntryDto>(),
  /** Public entries as a static site (index by date, a page per post, tag pages, RSS), without private blocks. */
  'io:publish': method(publishSchema).returns<PublishResultDto>(),
} satisfies MethodMap;

export interface IoEvents {}
