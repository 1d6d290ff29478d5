// Import: from server-side paths or uploaded files to a plan (the preview), and from the plan to the
// journal — one transaction per source file, attachments copied into blobs first, body references
// rewritten to `folio://blob/<sha>`, idempotent by `sourceKey`.
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import type { Events } from '../contract';
import { FolioError } from '../contract/errors';
import type {
  ImportCountsDto,
  ImportedEntryDto,
  ImportIssueDto,
  ImportPlanAction,
  ImportPlanDto,
  ImportPlanEntryDto,
  ImportResultDto,
  ImportSourceInput,
} from '../contract/io';
import { MAX_BODY_CHARS, type EntryProperties } from '../contract/journal';
import type { EventBus } from '../app/events';
import { ensureKind, extractTags, listKinds, upsertImportedEntry, wordCountOf, type ImportEntryInput } from '../journal';
import { rewriteAttachmentRefs } from './attachment-refs';
import {
  classifyByName,
  DEFAULT_MAX_NOTE_BYTES,
  groupBySourceFile,
  planImport,
  readWalkedFiles,
  walkImportFolder,
  type ImportedEntry,
  type ImportFile,
  type ImportIssue,
  type ImportPlan,
  type WalkResult,
} from './import';
import { recordRun } from './runs';

type Source = Omit<ImportSourceInput, 'onExisting'> & { onExisting?: 'update' | 'skip' };

/** Where the bytes of an attachment come from. */
type AttachmentOrigin = { kind: 'path'; abs: string } | { kind: 'blob'; sha256: string } | { kind: 'missing' };

interface Gathered {
  plan: ImportPlan;
  attachmentOrigin: Map<string, AttachmentOrigin>;
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

function* prefixed(walk: WalkResult, prefix: string, issues: ImportIssue[]): Generator<ImportFile> {
  const readIssues: ImportIssue[] = [];
  for (const f of readWalkedFiles(walk, DEFAULT_MAX_NOTE_BYTES, (i) => readIssues.push(i))) {
    yield { ...f, relPath: prefix + f.relPath };
  }
  for (const i of readIssues) issues.push({ ...i, path: prefix + i.path });
}

/**
 * Reads server-side paths. A folder's files are named `<folder>/<path inside>` (what the browser's folder
 * picker gives), a single file by its name, so every route to the same vault yields the same source keys.
 */
function gatherPaths(paths: readonly string[], publicPosts: boolean): Gathered {
  const issues: ImportIssue[] = [];
  const origin = new Map<string, AttachmentOrigin>();
  const files: Iterable<ImportFile>[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      issues.push({ path: p, reason: `cannot open: ${errCode(e)}`, severity: 'error' });
      continue;
    }
    if (st.isFile()) {
      const rel = path.basename(abs);
      const cls = classifyByName(rel);
      if (cls === 'attachment' || cls === 'unsupported') {
        files.push([{ relPath: rel, size: st.size, mtimeMs: st.mtimeMs }]);
        origin.set(rel, { kind: 'path', abs });
        continue;
      }
      if (st.size > DEFAULT_MAX_NOTE_BYTES) {
        files.push([{ relPath: rel, size: st.size, mtimeMs: st.mtimeMs }]);
        continue;
      }
      try {
        files.push([{ relPath: rel, bytes: fs.readFileSync(abs), mtimeMs: st.mtimeMs }]);
      } catch (e) {
        issues.push({ path: rel, reason: `cannot read: ${errCode(e)}`, severity: 'error' });
      }
      continue;
    }
    if (!st.isDirectory()) {
      issues.push({ path: p, reason: 'not a file or folder', severity: 'error' });
      continue;
    }
    const walk = walkImportFolder(abs);
    const base = path.basename(abs);
    const prefix = base ? `${base}/` : '';
    for (const i of walk.issues) issues.push({ ...i, path: i.path === '.' || i.path === abs ? base || abs : prefix + i.path });
    for (const f of walk.files) origin.set(prefix + f.relPath, { kind: 'path', abs: f.absPath });
    files.push(prefixed(walk, prefix, issues));
  }
  const plan = planImport(
    (function* () {
      for (const list of files) yield* list;
    })(),
    { priorIssues: issues, publicPosts },
  );
  return { plan, attachmentOrigin: origin };
}

/** Uploaded files: notes are read back from the blobs the UI uploaded; attachments are passed by size. */
function gatherUploads(ctx: CoreContext, files: NonNullable<Source['files']>, publicPosts: boolean): Gathered {
  const issues: ImportIssue[] = [];
  const origin = new Map<string, AttachmentOrigin>();
  const list: ImportFile[] = [];
  for (const f of files) {
    const cls = classifyByName(f.relPath);
    const isNote = cls === 'markdown' || cls === 'text';
    let size = f.size;
    if (f.sha256) {
      const p = ctx.blobs.pathFor(f.sha256);
      try {
        size = fs.statSync(p).size;
      } catch {
        issues.push({ path: f.relPath, reason: 'the uploaded file is missing (upload it again)', severity: 'error' });
        continue;
      }
    }
    if (!isNote) {
      origin.set(normalizeKey(f.relPath), f.sha256 ? { kind: 'blob', sha256: f.sha256 } : { kind: 'missing' });
      list.push({ relPath: f.relPath, size: size ?? 0, ...(f.mtimeMs !== undefined ? { mtimeMs: f.mtimeMs } : {}) });
      continue;
    }
    if (!f.sha256 || (size ?? 0) > DEFAULT_MAX_NOTE_BYTES) {
      list.push({ relPath: f.relPath, size: size ?? 0, ...(f.mtimeMs !== undefined ? { mtimeMs: f.mtimeMs } : {}) });
      continue;
    }
    list.push({
      relPath: f.relPath,
      bytes: ctx.blobs.read(f.sha256),
      ...(f.mtimeMs !== undefined ? { mtimeMs: f.mtimeMs } : {}),
    });
  }
  return { plan: planImport(list, { priorIssues: issues, publicPosts }), attachmentOrigin: origin };
}

function normalizeKey(relPath: string): string {
  return relPath
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s && s !== '.')
    .join('/');
}

function gather(ctx: CoreContext, source: Source): Gathered {
  const publicPosts = source.publicPosts ?? false;
  if (source.paths?.length) return gatherPaths(source.paths, publicPosts);
  if (source.files?.length) return gatherUploads(ctx, source.files, publicPosts);
  throw new FolioError('bad_request', 'Choose files or a folder to import.', {
    issues: [{ path: 'paths', message: 'Choose files or a folder to import' }],
  });
}

// ---------------------------------------------------------------------------------------------
// What is stored already
// ---------------------------------------------------------------------------------------------

interface StoredRow {
  id: string;
  kind: string;
  date: string;
  deleted_at: string | null;
  locked: number;
  content_hash: string | null;
  attachment_blobs: string | null;
}

function storedBySourceKey(ctx: CoreContext, keys: readonly string[]): Map<string, StoredRow> {
  const db = ctx.store.sqlite;
  const out = new Map<string, StoredRow>();
  const stmt = db.prepare(
    `SELECT e.source_key AS source_key, e.id, e.kind, e.date, e.deleted_at, e.locked, s.content_hash, s.attachment_blobs
       FROM entries e LEFT JOIN import_sources s ON s.source_key = e.source_key
      WHERE e.source_key IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of stmt.all(JSON.stringify(keys.slice(i, i + 500))) as (StoredRow & { source_key: string })[])
      out.set(r.source_key, r);
  }
  return out;
}

/** Dates that already have a written (non-template-fresh) live daily note, and whose source it came from. */
function liveDailies(
  ctx: CoreContext,
  dates: readonly string[],
): Map<string, { id: string; sourceKey: string | null; pristine: boolean }> {
  const out = new Map<string, { id: string; sourceKey: string | null; pristine: boolean }>();
  const stmt = ctx.store.sqlite.prepare(
    `SELECT id, date, source_key, template_id, revision FROM entries
      WHERE kind = 'daily' AND deleted_at IS NULL AND date IN (SELECT value FROM json_each(?))`,
  );
  for (let i = 0; i < dates.length; i += 500) {
    for (const r of stmt.all(JSON.stringify(dates.slice(i, i + 500))) as {
      id: string;
      date: string;
      source_key: string | null;
      template_id: string | null;
      revision: number;
    }[]) {
      out.set(r.date, { id: r.id, sourceKey: r.source_key, pristine: r.template_id !== null && r.revision === 1 });
    }
  }
  return out;
}

interface PlannedEntry {
  entry: ImportedEntry;
  action: ImportPlanAction;
  reason?: string;
  entryId?: string;
  storedKind?: string;
  stored?: StoredRow;
  /** Said in the preview and the result (e.g. a second daily note for a date, imported as a note). */
  warning?: string;
}

function decide(ctx: CoreContext, plan: ImportPlan, onExisting: 'update' | 'skip'): PlannedEntry[] {
  const stored = storedBySourceKey(
    ctx,
    plan.entries.map((e) => e.sourceKey),
  );
  const dailies = liveDailies(ctx, [...new Set(plan.entries.filter((e) => e.kind === 'daily').map((e) => e.date))]);
  const claimed = new Set<string>(); // daily dates this import fills
  const out: PlannedEntry[] = [];
  for (const e of plan.entries) {
    const s = stored.get(e.sourceKey);
    const p: PlannedEntry = { entry: e, action: 'create' };
    if (s) {
      p.entryId = s.id;
      p.stored = s;
      if (s.deleted_at) Object.assign(p, { action: 'skip', reason: 'in the trash (restore it to import it again)' });
      else if (s.content_hash === e.contentHash) p.action = 'unchanged';
      else if (onExisting === 'skip') Object.assign(p, { action: 'skip', reason: 'imported before; kept as it is' });
      else if (s.locked) Object.assign(p, { action: 'skip', reason: 'locked as past (unlock it to import changes)' });
      else p.action = 'update';
      if (s.kind !== e.kind && s.kind === 'note' && e.kind === 'daily') p.storedKind = 'note';
    }
    if (e.kind === 'daily' && p.action !== 'skip') {
      const existing = dailies.get(e.date);
      const taken =
        claimed.has(e.date) || (existing && existing.sourceKey !== e.sourceKey && !existing.pristine && existing.id !== s?.id);
      if (taken && (p.action === 'create' || (s && s.kind !== 'daily'))) {
        p.storedKind = 'note';
        if (p.action === 'create') p.warning = `there is already a daily note for ${e.date}; “${e.title}” is imported as a note`;
      } else if (!p.storedKind) claimed.add(e.date);
    }
    out.push(p);
  }
  return out;
}

function toIssue(i: ImportIssue): ImportIssueDto {
  return { path: i.path, ...(i.line !== undefined ? { line: i.line } : {}), reason: i.reason, severity: i.severity };
}

function preambleIssues(plan: ImportPlan): ImportIssueDto[] {
  return plan.preambles.map((p) => {
    const lines = p.bodyMarkdown.split('\n').filter((l) => l.trim()).length;
    return {
      path: p.sourcePath,
      line: 1,
      reason: `${lines} line${lines === 1 ? '' : 's'} of text before the first dated heading belong to no day; not imported as an entry`,
      severity: 'skipped' as const,
    };
  });
}

function countsOf(plan: ImportPlan, planned: readonly PlannedEntry[]): ImportCountsDto {
  const byKind: Record<string, number> = {};
  const actions = { create: 0, update: 0, unchanged: 0, skip: 0 };
  for (const p of planned) {
    const k = p.storedKind ?? p.entry.kind;
    byKind[k] = (byKind[k] ?? 0) + 1;
    actions[p.action]++;
  }
  return {
    files: plan.counts.files,
    byFormat: { ...plan.counts.byFormat },
    byKind,
    entries: plan.counts.entries,
    ...actions,
    skippedFiles: plan.counts.skippedFiles,
    attachments: plan.counts.attachments,
    missingAttachments: plan.counts.missingAttachments,
    mojibakeRepaired: plan.counts.mojibakeRepaired,
    preambles: plan.preambles.length,
    unmarkedPosts: plan.counts.unmarkedPosts,
  };
}

function planEntryDto(p: PlannedEntry): ImportPlanEntryDto {
  const e = p.entry;
  return {
    sourceKey: e.sourceKey,
    sourcePath: e.sourcePath,
    sourceLine: e.sourceLine,
    format: e.format,
    kind: e.kind,
    ...(p.storedKind && p.storedKind !== e.kind ? { storedKind: p.storedKind } : {}),
    date: e.date,
    ...(e.time ? { time: e.time } : {}),
    title: e.title,
    tags: e.tags,
    links: e.links,
    attachments: e.attachments,
    ...(e.isPublic !== undefined ? { isPublic: e.isPublic } : {}),
    ...(e.unmarkedPost ? { unmarkedPost: true } : {}),
    words: wordCountOf(e.bodyMarkdown),
    action: p.action,
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.entryId ? { entryId: p.entryId } : {}),
  };
}

/** The preview: what `io:import` would do with these files. Writes nothing. */
function plannedWarnings(planned: readonly PlannedEntry[]): ImportIssueDto[] {
  return planned
    .filter((p) => p.warning)
    .map((p) => ({ path: p.entry.sourcePath, line: p.entry.sourceLine, reason: p.warning!, severity: 'warning' as const }));
}

export function planImportFor(ctx: CoreContext, source: Source): ImportPlanDto {
  const { plan, attachmentOrigin } = gather(ctx, source);
  const planned = decide(ctx, plan, source.onExisting ?? 'update');
  return {
    counts: countsOf(plan, planned),
    entries: planned.map(planEntryDto),
    issues: [...plan.issues.map(toIssue), ...preambleIssues(plan), ...plannedWarnings(planned)],
    attachmentsNeeded: plan.attachments.map((a) => {
      const o = attachmentOrigin.get(a.path);
      return { path: a.path, size: a.size, uploaded: o?.kind === 'blob' || o?.kind === 'path' };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Applying
// ---------------------------------------------------------------------------------------------

/**
 * Runs `fn` (a file's transaction) with the bus's events routed through `route`: `journal:entry-changed`
 * goes to its listeners at once, inside the transaction — the search index then writes its rows in the
 * same transaction, so they commit or roll back with the entries (and a file costs one commit, not two);
 * every other event waits until `fn` returned (committed), and is dropped if it threw.
 * (Local to io: the journal emits from inside `upsertImportedEntry`, which runs here as a savepoint.)
 */
function withRoutedEvents<T>(bus: EventBus<Events>, fn: () => T, afterCommit: (name: string, payload: unknown) => void): T {
  const holder = bus as unknown as { emit: (name: string, payload: unknown) => void };
  const hadOwn = Object.prototype.hasOwnProperty.call(holder, 'emit');
  const previous = holder.emit;
  const queued: [string, unknown][] = [];
  holder.emit = (name, payload) => {
    if (name === 'journal:entry-changed') previous.call(bus, name, payload);
    else queued.push([name, payload]);
  };
  let result: T;
  try {
    result = fn();
  } finally {
    if (hadOwn) holder.emit = previous;
    else delete (holder as { emit?: unknown }).emit;
  }
  for (const [name, payload] of queued) afterCommit(name, payload);
  return result;
}

/** Front matter -> JSON properties; front-matter tags that are not #tags in the body go in the `tags` field. */
function propertiesFor(e: ImportedEntry): EntryProperties {
  const json = JSON.parse(
    JSON.stringify(e.properties, (_k, v: unknown) =>
      v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'bigint' ? Number(v) : v,
    ),
  ) as EntryProperties;
  const inBody = new Set(extractTags(e.bodyMarkdown).map((t) => t.toLocaleLowerCase()));
  const fieldTags = e.tags.filter((t) => !inBody.has(t.toLocaleLowerCase()));
  if (fieldTags.length > 0) json.tags = fieldTags;
  else if ('tags' in json && !Array.isArray(json.tags)) delete json.tags;
  return json;
}

/** When it was written, for a new entry: its date (and time) in this machine's zone. */
function writtenAt(date: string, time: string | undefined): { createdAt: string; tzOffsetMinutes: number } {
  const d = new Date(`${date}T${time ?? '12:00'}:00`);
  if (Number.isNaN(d.getTime())) return { createdAt: new Date().toISOString(), tzOffsetMinutes: -new Date().getTimezoneOffset() };
  return { createdAt: d.toISOString(), tzOffsetMinutes: -d.getTimezoneOffset() };
}

export interface ImportProgress {
  (done: number, total: number): void;
}

export async function runImport(ctx: CoreContext, source: Source, onProgress?: ImportProgress): Promise<ImportResultDto> {
  const started = Date.now();
  const startedAt = ctx.now().toISOString();
  const onExisting = source.onExisting ?? 'update';
  const { plan, attachmentOrigin } = gather(ctx, source);
  const planned = decide(ctx, plan, onExisting);
  const byKey = new Map(planned.map((p) => [p.entry.sourceKey, p]));
  const issues: ImportIssueDto[] = [...plan.issues.map(toIssue), ...preambleIssues(plan), ...plannedWarnings(planned)];
  const results: ImportedEntryDto[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  let failedFiles = 0;
  const blobOf = new Map<string, string>();
  const knownKinds = new Set(listKinds(ctx).map((k) => k.key));
  const changedIds = new Set<string>();
  const db = ctx.store.sqlite;
  const writeSource = db.prepare(
    `INSERT INTO import_sources (source_key, entry_id, source_path, format, content_hash, attachment_blobs, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(source_key) DO UPDATE SET entry_id = excluded.entry_id, source_path = excluded.source_path, format = excluded.format,
       content_hash = excluded.content_hash, attachment_blobs = excluded.attachment_blobs, imported_at = excluded.imported_at`,
  );
  const groups = groupBySourceFile(plan);
  const forward = (name: string, payload: unknown) => {
    // One `data:changed` for the whole import (pages refetch once); per-entry events go out as they commit.
    if (name === 'data:changed' && (payload as { domain?: string }).domain === 'journal') {
      for (const id of (payload as { ids?: string[] }).ids ?? []) changedIds.add(id);
      return;
    }
    ctx.events.emit(name as keyof Events, payload as never);
  };

  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    // 1. Attachments into blobs (content-addressed, outside the transaction: an orphan blob is harmless).
    const attachmentIssues: string[] = [];
    for (const e of group.entries) {
      for (const rel of e.attachments) {
        if (blobOf.has(rel)) continue;
        const o = attachmentOrigin.get(rel);
        try {
          if (o?.kind === 'path') blobOf.set(rel, (await ctx.blobs.putFile(o.abs)).sha256);
          else if (o?.kind === 'blob' && ctx.blobs.has(o.sha256)) blobOf.set(rel, o.sha256);
          else attachmentIssues.push(`${rel}: not uploaded; the link is kept as written`);
        } catch (err) {
          if (err instanceof FolioError && err.code === 'disk_full') throw err;
          attachmentIssues.push(`${rel}: ${(err as Error).message}`);
        }
      }
    }
    for (const reason of new Set(attachmentIssues))
      issues.push({ path: group.sourcePath, reason: `attachment not stored: ${reason}`, severity: 'warning' });

    // 2. The file's entries, in one transaction.
    const fileResults: ImportedEntryDto[] = [];
    const fileWarnings: ImportIssueDto[] = [];
    try {
      withRoutedEvents(
        ctx.events,
        () =>
          db.transaction(() => {
            fileResults.length = 0;
            fileWarnings.length = 0;
            for (const e of group.entries) fileResults.push(applyEntry(e));
          })(),
        forward,
      );
      results.push(...fileResults);
      issues.push(...fileWarnings);
      for (const r of fileResults) {
        if (r.action === 'created') counts.created++;
        else if (r.action === 'updated') counts.updated++;
        else if (r.action === 'unchanged') counts.unchanged++;
        else if (r.action === 'skipped') counts.skipped++;
      }
    } catch (err) {
      if (err instanceof FolioError && err.code === 'disk_full') throw err;
      failedFiles++;
      const message = err instanceof Error ? err.message : String(err);
      issues.push({ path: group.sourcePath, reason: `not imported: ${message}`, severity: 'error' });
      for (const e of group.entries) {
        results.push({
          sourceKey: e.sourceKey,
          sourcePath: e.sourcePath,
          title: e.title,
          date: e.date,
          kind: e.kind,
          action: 'failed',
          reason: message,
        });
      }
    }
    if (onProgress && (g % 25 === 24 || g === groups.length - 1)) onProgress(g + 1, groups.length);
    // Let the transport answer other requests (and forward progress) during a long import.
    if (g % 50 === 49) await new Promise((r) => setImmediate(r));

    function applyEntry(e: ImportedEntry): ImportedEntryDto {
      const p = byKey.get(e.sourceKey)!;
      const base = { sourceKey: e.sourceKey, sourcePath: e.sourcePath, title: e.title, date: e.date };
      const blobs = e.attachments.map((a) => blobOf.get(a) ?? '');
      const blobsJson = JSON.stringify(blobs);
      if (p.action === 'skip')
        return {
          ...base,
          ...(p.entryId ? { id: p.entryId } : {}),
          kind: p.stored?.kind ?? e.kind,
          action: 'skipped',
          reason: p.reason ?? 'skipped',
        };
      if (p.action === 'unchanged' && p.stored?.attachment_blobs === blobsJson) {
        return { ...base, id: p.entryId!, kind: p.stored.kind, action: 'unchanged' };
      }
      const body = rewriteAttachmentRefs(e.bodyMarkdown, e.attachmentRefs, (rel) => blobOf.get(rel));
      if (body.length > MAX_BODY_CHARS)
        throw new FolioError('bad_request', `“${e.title}” is longer than ${MAX_BODY_CHARS.toLocaleString('en')} characters`);
      let kind = p.storedKind ?? e.kind;
      if (!knownKinds.has(kind)) {
        ensureKind(ctx, kind, kind.charAt(0).toUpperCase() + kind.slice(1));
        knownKinds.add(kind);
      }
      const input: ImportEntryInput = {
        sourceKey: e.sourceKey,
        kind,
        date: e.date,
        title: e.title,
        body,
        properties: propertiesFor(e),
        ...(e.time ? { time: e.time } : {}),
        ...(e.isPublic !== undefined ? { isPublic: e.isPublic } : {}),
        ...writtenAt(e.date, e.time),
      };
      let r;
      try {
        r = upsertImportedEntry(ctx, input, { onExisting });
      } catch (err) {
        // A second daily note for a date (the diary has two headings for it, or you wrote one in Folio).
        if (!(err instanceof FolioError && err.code === 'conflict' && kind === 'daily')) throw err;
        kind = 'note';
        r = upsertImportedEntry(ctx, { ...input, kind }, { onExisting });
        fileWarnings.push({
          path: e.sourcePath,
          line: e.sourceLine,
          reason: `there is already a daily note for ${e.date}; imported “${e.title}” as a note`,
          severity: 'warning',
        });
      }
      if (r.action !== 'skipped')
        writeSource.run(e.sourceKey, r.id, e.sourcePath, e.format, e.contentHash, blobsJson, ctx.now().toISOString());
      const reason =
        r.reason === 'trashed'
          ? 'in the trash'
          : r.reason === 'locked'
            ? 'locked as past'
            : r.reason === 'kept'
              ? 'kept as it is'
              : undefined;
      return { ...base, id: r.id, kind, action: r.action, ...(reason ? { reason } : {}) };
    }
  }

  if (changedIds.size > 0) ctx.events.emit('data:changed', { domain: 'journal', ids: [...changedIds], action: 'import' });
  const result: ImportResultDto = {
    ...counts,
    failedFiles,
    entries: results,
    issues,
    counts: countsOf(plan, planned),
    attachmentsStored: blobOf.size,
    durationMs: Date.now() - started,
  };
  recordRun(ctx, 'import', source.paths?.join(', ') ?? `${source.files?.length ?? 0} uploaded files`, startedAt, {
    ...counts,
    failedFiles,
    files: plan.counts.files,
    skippedFiles: plan.counts.skippedFiles,
  });
  return result;
}
