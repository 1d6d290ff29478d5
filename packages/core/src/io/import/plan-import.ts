// From files to an import plan: decode, detect, parse, resolve attachments, count, report.
// Pure apart from hashing: no file system access (see walk-folder.ts for that), never throws for
// bad input; every file that is not imported gets an issue with the reason.
import { IMPORT_IGNORED_NAMES } from '../../contract/io';
import { decodeText } from '../encoding';
import { contentHash, dirOf, makeEntry, normalizeRelPath } from './entry-common';
import { classifyByName, detectFormat, extensionOf } from './detect-format';
import { parseHexoDiary } from './hexo-diary';
import { parseMarkdownNote } from './markdown-note';
import { parsePlainMicroblog, plainLinesToMarkdown } from './microblog';
import type {
  ImportedAttachment,
  ImportedEntry,
  ImportFormat,
  ImportIssue,
  ImportPlan,
  ImportedPreamble,
  ParseContext,
  ParseResult,
} from './types';

export interface ImportFile {
  /** Path relative to the import root (any separator). */
  relPath: string;
  /** File content. May be omitted for attachments (only their size is needed). */
  bytes?: Uint8Array;
  /** Size in bytes when `bytes` is omitted. */
  size?: number;
  mtimeMs?: number;
}

export interface PlanOptions {
  /** Notes larger than this are refused (default 10 MB). */
  maxNoteBytes?: number;
  /** Attachments larger than this are refused (default 200 MB). */
  maxAttachmentBytes?: number;
  /** Repair mojibake while decoding (default true). */
  repairMojibake?: boolean;
  /** Issues found before planning (e.g. by the folder walker), merged into the plan. */
  priorIssues?: ImportIssue[];
  /** Make posts whose source does not say whether they are public (`unmarkedPost`) public (default false: private). */
  publicPosts?: boolean;
}

export const DEFAULT_MAX_NOTE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024;

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A .txt file that is not a microblog: one note, titled by its file name. */
export function parsePlainTextNote(text: string, ctx: ParseContext): ParseResult {
  const body = plainLinesToMarkdown(text.replace(/\r\n?/g, '\n').split('\n'));
  // Reuse the markdown path for title/date/kind rules; no front matter can appear after conversion.
  const r = parseMarkdownNote(body.startsWith('---') ? `\n${body}` : body, ctx);
  return {
    ...r,
    entries: r.entries.map((e) => {
      const { contentHash: _h, attachments: _a, ...rest } = e;
      return makeEntry({ ...rest, format: 'text' });
    }),
  };
}

function parseOne(format: ImportFormat, text: string, ctx: ParseContext): ParseResult {
  try {
    switch (format) {
      case 'hexo-diary':
        return parseHexoDiary(text, ctx);
      case 'microblog':
        return parsePlainMicroblog(text, ctx);
      case 'text':
        return parsePlainTextNote(text, ctx);
      default:
        return parseMarkdownNote(text, ctx);
    }
  } catch (e) {
    // Parsers are written not to throw; if one does, the file is reported and the rest go on.
    return {
      entries: [],
      issues: [{ path: ctx.relPath, reason: `could not parse: ${(e as Error).message}`, severity: 'error' }],
    };
  }
}

const IGNORED = new Set<string>(IMPORT_IGNORED_NAMES);

/**
 * The tool folder (`.obsidian`, `.trash`, `.git`...) or system file a path lies in, if any. The folder
 * walker and the UI never send these; a client that does must not get Obsidian's settings or its
 * trash imported as notes. Only the known names count: the import root itself may start with a dot.
 */
function ignoredSegment(relPath: string): string | undefined {
  return relPath.split('/').find((seg) => IGNORED.has(seg));
}

interface OtherFile {
  path: string;
  size: number;
  kind: 'attachment' | 'unsupported';
}

/** Decode, detect and parse every file; resolve attachment references against the files given. */
export function planImport(files: Iterable<ImportFile>, options: PlanOptions = {}): ImportPlan {
  const maxNote = options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES;
  const maxAttachment = options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const issues: ImportIssue[] = [...(options.priorIssues ?? [])];
  const entries: ImportedEntry[] = [];
  const preambles: ImportedPreamble[] = [];
  const others = new Map<string, OtherFile>();
  const byFormat: Record<ImportFormat, number> = { markdown: 0, 'hexo-diary': 0, microblog: 0, text: 0 };
  const seen = new Set<string>();
  let fileCount = 0;
  let mojibake = 0;

  for (const file of files) {
    fileCount++;
    const relPath = normalizeRelPath(file.relPath);
    if (!relPath) {
      issues.push({ path: file.relPath, reason: 'path is outside the import folder', severity: 'error' });
      continue;
    }
    if (seen.has(relPath.toLowerCase())) {
      issues.push({ path: relPath, reason: 'listed twice; imported once', severity: 'skipped' });
      continue;
    }
    seen.add(relPath.toLowerCase());
    const tool = ignoredSegment(relPath);
    if (tool) {
      issues.push({ path: relPath, reason: `inside a hidden or tool folder (${tool}); not imported`, severity: 'skipped' });
      continue;
    }
    const size = file.bytes?.length ?? file.size ?? 0;
    const cls = classifyByName(relPath);

    if (cls === 'attachment' || cls === 'unsupported') {
      if (size > maxAttachment)
        issues.push({
          path: relPath,
          reason: `file is ${MB(size)}, larger than the ${MB(maxAttachment)} limit`,
          severity: 'error',
        });
      else others.set(relPath, { path: relPath, size, kind: cls });
      continue;
    }
    if (size > maxNote) {
      issues.push({
        path: relPath,
        reason: `file is ${MB(size)}, larger than the ${MB(maxNote)} limit for notes`,
        severity: 'error',
      });
      continue;
    }
    if (!file.bytes) {
      issues.push({ path: relPath, reason: 'file content was not provided', severity: 'error' });
      continue;
    }
    const decoded = decodeText(file.bytes, { repair: options.repairMojibake ?? true });
    if (decoded.binary) {
      issues.push({ path: relPath, reason: decoded.issues[0] ?? 'binary file', severity: 'error' });
      continue;
    }
    if (decoded.encoding === 'unknown') {
      issues.push({ path: relPath, reason: decoded.issues[0] ?? 'unknown text encoding', severity: 'error' });
      continue;
    }
    if (decoded.text.trim() === '') {
      issues.push({ path: relPath, reason: 'empty file', severity: 'skipped' });
      continue;
    }
    const format = detectFormat(relPath, decoded.text) as ImportFormat;
    const ctx: ParseContext = { relPath, ...(file.mtimeMs !== undefined ? { mtimeMs: file.mtimeMs } : {}) };
    const result = parseOne(format, decoded.text, ctx);
    for (const note of decoded.issues) issues.push({ path: relPath, reason: note, severity: 'warning' });
    issues.push(...result.issues);
    if (result.entries.length === 0) {
      if (!result.issues.some((i) => i.severity === 'error'))
        issues.push({ path: relPath, reason: 'no entries found', severity: 'error' });
      continue;
    }
    mojibake += decoded.repairedMojibake;
    byFormat[format]++;
    entries.push(...result.entries);
    if (result.preamble) preambles.push(result.preamble);
  }

  const { attachments, missing } = resolveAttachments(entries, others, issues);
  let unmarkedPosts = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (!e.unmarkedPost) continue;
    unmarkedPosts++;
    if (options.publicPosts && e.isPublic === undefined) {
      const { contentHash: _h, attachments: _a, ...rest } = e;
      entries[i] = makeEntry({ ...rest, isPublic: true });
    }
  }

  const referenced = new Set(attachments.map((a) => a.path));
  for (const o of others.values()) {
    if (referenced.has(o.path)) continue;
    const ext = extensionOf(o.path);
    issues.push({
      path: o.path,
      reason:
        o.kind === 'attachment'
          ? 'not referenced by any imported note (attachments are imported with the notes that use them)'
          : `unsupported file type${ext ? ` (.${ext})` : ''}`,
      severity: 'skipped',
    });
  }

  const skippedFiles = new Set(issues.filter((i) => i.severity === 'error' || i.severity === 'skipped').map((i) => i.path));
  for (const e of entries) skippedFiles.delete(e.sourcePath);
  for (const a of attachments) skippedFiles.delete(a.path);
  return {
    entries,
    issues,
    preambles,
    attachments,
    counts: {
      files: fileCount,
      byFormat,
      entries: entries.length,
      skippedFiles: skippedFiles.size,
      attachments: attachments.length,
      missingAttachments: missing,
      mojibakeRepaired: mojibake,
      unmarkedPosts,
    },
  };
}

/**
 * Point each entry's attachment references at real files: exact path, then case-insensitive
 * path, then (Obsidian style) the file with that name nearest to the note. Missing ones are
 * dropped from the entry and reported as warnings.
 */
function resolveAttachments(
  entries: ImportedEntry[],
  files: Map<string, OtherFile>,
  issues: ImportIssue[],
): { attachments: ImportedAttachment[]; missing: number } {
  const byLower = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const p of files.keys()) {
    byLower.set(p.toLowerCase(), p);
    const name = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
    const list = byName.get(name) ?? [];
    list.push(p);
    byName.set(name, list);
  }
  const used = new Map<string, ImportedAttachment>();
  let missing = 0;

  const nearest = (candidates: string[], noteDir: string): string => {
    let best = candidates[0]!;
    let bestScore = -1;
    for (const c of candidates) {
      const cd = dirOf(c);
      let common = 0;
      const a = noteDir.split('/');
      const b = cd.split('/');
      while (common < a.length && common < b.length && a[common] === b[common]) common++;
      const score = common * 1000 - b.length;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  };

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const refs = Object.entries(e.attachmentRefs);
    if (refs.length === 0) continue;
    const resolvedRefs: Record<string, string> = {};
    for (const [ref, candidate] of refs) {
      let hit = files.has(candidate) ? candidate : byLower.get(candidate.toLowerCase());
      if (!hit) {
        const name = candidate.slice(candidate.lastIndexOf('/') + 1).toLowerCase();
        const list = byName.get(name);
        if (list && list.length > 0) hit = nearest(list, dirOf(e.sourcePath));
      }
      if (!hit) {
        missing++;
        issues.push({ path: e.sourcePath, line: e.sourceLine, reason: `attachment not found: ${ref}`, severity: 'warning' });
        continue;
      }
      resolvedRefs[ref] = hit;
      const a = used.get(hit) ?? { path: hit, size: files.get(hit)!.size, referencedBy: [] };
      if (!a.referencedBy.includes(e.sourceKey)) a.referencedBy.push(e.sourceKey);
      used.set(hit, a);
    }
    const attachments = [...new Set(Object.values(resolvedRefs))];
    const next = { ...e, attachmentRefs: resolvedRefs, attachments };
    const { contentHash: _h, ...forHash } = next;
    entries[i] = { ...next, contentHash: contentHash(forHash) };
  }
  return { attachments: [...used.values()].sort((a, b) => a.path.localeCompare(b.path)), missing };
}

/** Entries grouped by source file, in plan order: what the writer commits one transaction at a time. */
export function groupBySourceFile(plan: Pick<ImportPlan, 'entries'>): Array<{ sourcePath: string; entries: ImportedEntry[] }> {
  const groups = new Map<string, ImportedEntry[]>();
  for (const e of plan.entries) {
    const list = groups.get(e.sourcePath) ?? [];
    list.push(e);
    groups.set(e.sourcePath, list);
  }
  return [...groups].map(([sourcePath, list]) => ({ sourcePath, entries: list }));
}
