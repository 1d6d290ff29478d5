import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../app/context';
import {
  MAX_COMMENTS_IMPORT_BYTES,
  type CommentAction,
  type CommentChangeAction,
  type CommentDecisionDto,
  type CommentDto,
  type CommentExplanationDto,
  type CommentExportDto,
  type CommentImportReportDto,
  type CommentLabel,
  type CommentListDto,
  type CommentSourceDto,
  type CommentStateDto,
  type CommentStatus,
  type CommentView,
  type CsvColumnOptions,
  type SpamEvalReportDto,
} from '../contract/comments';
import { FolioError } from '../contract/errors';
import { readSetting } from '../system/settings';
import { SpamGate } from './model';
import { csvDelimiterFor, decodeCommentsFile, parseCommentsFile, readCsvRecords, resolveColumn } from './parse';
import { parseLabelCell } from './fields';
import { CsvParseError } from '../io';
import {
  countViews,
  findRow,
  getRow,
  labelRows,
  labelsDigest,
  listRows,
  newCommentId,
  statesOf,
  stmt,
  storeComments,
  toDto,
  writeStates,
  type CommentRow,
} from './store';
import { SourceWatcher } from './watch';

/** At most this many per-record errors are listed in a report (all are counted). */
const MAX_LISTED_ERRORS = 100;
/** Ids per `comments:changed` event. */
const EVENT_IDS = 1000;

export interface ImportInput {
  file?: string | undefined;
  content?: string | undefined;
  blob?: string | undefined;
  name?: string | undefined;
  format: 'auto' | 'json' | 'csv';
  origin?: string | undefined;
  csv?: CsvColumnOptions | undefined;
}

interface SourceRow {
  id: string;
  path: string;
  origin: string;
  format: 'auto' | 'json' | 'csv';
  options: string | null;
  active: number;
  created_at: string;
  last_import_at: string | null;
  last_mtime_ms: number | null;
  last_size: number | null;
  last_report: string | null;
  last_error: string | null;
}

function readFileChecked(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FolioError(
      code === 'ENOENT' ? 'not_found' : 'io_error',
      code === 'ENOENT' ? `There is no file ${file}.` : `Cannot read ${file}: ${(err as Error).message}`,
    );
  }
  if (!stat.isFile()) throw new FolioError('invalid_file', `${file} is not a file.`);
  if (stat.size > MAX_COMMENTS_IMPORT_BYTES) {
    throw new FolioError(
      'invalid_file',
      `${path.basename(file)} is ${(stat.size / 2 ** 20).toFixed(0)} MB; comments files are limited to ${MAX_COMMENTS_IMPORT_BYTES / 2 ** 20} MB. Split it, or export one page at a time.`,
    );
  }
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new FolioError('io_error', `Cannot read ${file}: ${(err as Error).message}`);
  }
}

function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new FolioError(code === 'ENOSPC' ? 'disk_full' : 'io_error', `Cannot write ${file}: ${(err as Error).message}`);
  }
}

export class CommentsService {
  readonly gate: SpamGate;
  readonly watcher: SourceWatcher;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: CoreContext) {
    this.gate = new SpamGate(ctx);
    this.watcher = new SourceWatcher(
      (id) => {
        const s = this.sourceRow(id);
        return s && s.active ? { id: s.id, path: s.path, lastMtimeMs: s.last_mtime_ms, lastSize: s.last_size } : null;
      },
      (id, stat) => this.importSource(id, stat).then(() => undefined),
      (id, message) => {
        const s = this.sourceRow(id);
        if (!s || s.last_error === message) return;
        stmt(ctx, 'UPDATE comment_sources SET last_error = ? WHERE id = ?').run(message, id);
        ctx.events.emit('comments:imported', { sourceId: id, report: null, error: message });
        ctx.events.emit('data:changed', { domain: 'comments', action: 'source' });
      },
    );
    const ms = ctx.services.commentsWatchStartMs;
    if (ms !== false) {
      this.resumeTimer = setTimeout(() => this.resumeWatching(), typeof ms === 'number' ? ms : 1500);
      this.resumeTimer.unref?.();
    }
  }

  // ------------------------------------------------------------------ import

  async import(p: ImportInput, sourceId: string | null = null): Promise<CommentImportReportDto> {
    let text: string;
    let name: string;
    if (p.file !== undefined) {
      const file = path.resolve(p.file);
      name = p.name ?? path.basename(file);
      text = decodeCommentsFile(readFileChecked(file), name);
    } else if (p.blob !== undefined) {
      name = p.name ?? 'uploaded file';
      if (!this.ctx.blobs.has(p.blob))
        throw new FolioError('not_found', 'The uploaded file is not there any more: choose it again.');
      text = decodeCommentsFile(this.ctx.blobs.read(p.blob), name);
    } else {
      name = p.name ?? 'pasted comments';
      text = p.content ?? '';
    }
    const origin = p.origin ?? name;
    const parsed = parseCommentsFile(text, { name, format: p.format, csv: p.csv });
    if (parsed.total === 0 && parsed.format !== 'csv') {
      throw new FolioError(
        'invalid_file',
        `No comments found in ${name}: expected objects with a text, message, comment, body or content field (keyed by id, in a list, or under pages).`,
      );
    }
    const stored = storeComments(this.ctx, parsed.records, { origin, sourceId });
    this.emitChanged(stored.changed, 'imported');
    const score = await this.gate.scoreIds(stored.toScore);
    // Older comments imported while the model was unavailable get their score too.
    void this.gate.rescoreStale().catch(() => undefined);
    if (stored.labelled > 0) this.gate.scheduleAutoRetrain();
    if (stored.imported + stored.updated + stored.labelled > 0)
      this.ctx.events.emit('data:changed', { domain: 'comments', action: 'import' });
    return {
      imported: stored.imported,
      duplicates: stored.duplicates,
      updated: stored.updated,
      errors: parsed.errors.slice(0, MAX_LISTED_ERRORS),
      errorCount: parsed.errors.length,
      scored: score.scored,
      total: parsed.total,
      emptyText: stored.emptyText,
      labelled: stored.labelled,
      format: parsed.format,
      origin,
      ...(score.note ? { note: score.note } : {}),
    };
  }

  // ------------------------------------------------------------------ reading

  async list(q: {
    view: CommentView;
    query?: string | undefined;
    page?: string | undefined;
    sort: 'newest' | 'oldest' | 'score' | 'score-asc';
    offset: number;
    limit: number;
  }): Promise<CommentListDto> {
    // Loading the model (once) gives the thresholds and starts scoring anything unscored.
    const svc = await this.gate.service();
    if (svc) void this.gate.rescoreStale().catch(() => undefined);
    const t = this.gate.thresholds();
    const { rows, total } = listRows(this.ctx, q, t);
    return {
      items: rows.map((r) => toDto(r, t)),
      total,
      counts: countViews(this.ctx, t),
      thresholds: t,
      model: this.gate.status(),
    };
  }

  get(id: string): CommentDto {
    return toDto(this.require(id), this.gate.thresholds());
  }

  private require(id: string): CommentRow {
    const row = findRow(this.ctx, id);
    if (!row) throw new FolioError('not_found', `There is no comment ${id}.`);
    return row;
  }

  // ------------------------------------------------------------------ decisions

  decide(ids: string[], action: CommentAction): CommentDecisionDto {
    const before = statesOf(this.ctx, ids);
    if (before.length === 0)
      throw new FolioError('not_found', ids.length === 1 ? `There is no comment ${ids[0]}.` : 'None of these comments exist.');
    const iso = this.ctx.now().toISOString();
    const next = before.map((s): CommentStateDto => {
      switch (action) {
        case 'approve':
          return { id: s.id, status: 'approved', label: 'ham', labeledAt: s.label === 'ham' ? s.labeledAt : iso };
        case 'spam':
          return { id: s.id, status: 'spam', label: 'spam', labeledAt: s.label === 'spam' ? s.labeledAt : iso };
        case 'delete':
          return { ...s, status: 'deleted' };
        case 'restore':
          return s.status !== 'deleted'
            ? s
            : { ...s, status: s.label === 'spam' ? 'spam' : s.label === 'ham' ? 'approved' : 'new' };
        case 'reset':
          return { id: s.id, status: 'new', label: null, labeledAt: null };
      }
    });
    const changedIds = new Set(next.filter((n, i) => !sameState(n, before[i]!)).map((n) => n.id));
    const changed = writeStates(
      this.ctx,
      next.filter((n) => changedIds.has(n.id)),
    );
    this.afterDecision(
      before.filter((b) => changedIds.has(b.id)),
      next,
    );
    return { changed, previous: before.filter((b) => changedIds.has(b.id)) };
  }

  revert(items: CommentStateDto[]): { changed: number } {
    const before = statesOf(
      this.ctx,
      items.map((i) => i.id),
    );
    const changed = writeStates(this.ctx, items);
    this.afterDecision(before, items);
    return { changed };
  }

  label(id: string, label: CommentLabel): CommentDto {
    const row = this.require(id);
    this.decide([row.id], label === 'spam' ? 'spam' : 'approve');
    return this.get(row.id);
  }

  /** `comments:changed` for written comments, at most EVENT_IDS ids per event (events cross to the UI). */
  private emitChanged(ids: readonly string[], action: CommentChangeAction): void {
    for (let i = 0; i < ids.length; i += EVENT_IDS)
      this.ctx.events.emit('comments:changed', { ids: ids.slice(i, i + EVENT_IDS), action });
  }

  private afterDecision(before: CommentStateDto[], after: CommentStateDto[]): void {
    if (before.length === 0) return;
    this.emitChanged(
      before.map((b) => b.id),
      'decided',
    );
    const labelOf = new Map(before.map((b) => [b.id, b.label]));
    const labelsChanged = after.some((a) => labelOf.has(a.id) && labelOf.get(a.id) !== a.label);
    if (labelsChanged) this.gate.scheduleAutoRetrain();
    this.ctx.events.emit('data:changed', {
      domain: 'comments',
      ids: before.length <= 100 ? before.map((b) => b.id) : undefined,
      action: 'decide',
    });
  }

  // ------------------------------------------------------------------ model

  async explain(id: string, top: number): Promise<CommentExplanationDto> {
    const row = this.require(id);
    const svc = await this.gate.service();
    if (!svc) throw new FolioError('model_unavailable', this.gate.status().message ?? 'The spam model is unavailable.');
    const exp = await svc.explain(row.text, top);
    const near = await svc.nearest(row.text, 6, {
      key: labelsDigest(this.ctx),
      load: () =>
        labelRows(this.ctx).map((r) => ({ id: r.id, text: r.text, label: r.label === 'spam' ? (1 as const) : (0 as const) })),
    });
    const neighbours: CommentExplanationDto['neighbours'] = [];
    for (const n of near) {
      if (n.id === row.id || neighbours.length >= 5) continue;
      const r = getRow(this.ctx, n.id);
      if (r?.label)
        neighbours.push({ id: r.id, text: r.text, label: r.label, similarity: n.similarity, author: r.author, page: r.page });
    }
    return { id: row.id, score: row.score, ...exp, neighbours };
  }

  async evaluate(p: {
    file?: string | undefined;
    content?: string | undefined;
    textColumn: string;
    labelColumn: string;
    threshold?: number | undefined;
    header: boolean;
    delimiter: ',' | '\t' | ';' | '|' | 'auto';
    skipInvalid: boolean;
  }): Promise<SpamEvalReportDto & { skipped?: { line: number; message: string }[] }> {
    const name = p.file !== undefined ? path.basename(p.file) : 'the labelled file';
    const text = p.file !== undefined ? decodeCommentsFile(readFileChecked(path.resolve(p.file)), name) : (p.content ?? '');
    const delimiter = csvDelimiterFor(p.delimiter, text, name);
    const rows: { text: string; label: string; line: number }[] = [];
    const skipped: { line: number; message: string }[] = [];
    const bad = (line: number, message: string) => {
      if (!p.skipInvalid) throw new FolioError('invalid_file', `${name}, line ${line}: ${message}`, { line });
      skipped.push({ line, message });
    };
    let records: { fields: string[]; line: number }[];
    try {
      records = readCsvRecords(text, delimiter).filter((r) => !r.fields.every((f) => f === ''));
    } catch (err) {
      if (err instanceof CsvParseError)
        throw new FolioError('invalid_file', `${name} is not valid CSV: ${err.message}`, { line: err.line });
      throw err;
    }
    if (records.length === 0) throw new FolioError('invalid_file', `${name} is empty.`);
    const header = p.header ? records.shift()!.fields.map((f) => f.trim()) : null;
    // Without a header, the usual number of fields (one odd first line must not decide it).
    const width = header ? header.length : modeOf(records.slice(0, 200).map((r) => r.fields.length));
    const tc = resolveColumn(header, width, p.textColumn, 'textColumn');
    const lc = resolveColumn(header, width, p.labelColumn, 'labelColumn');
    for (const rec of records) {
      const cellText = rec.fields[tc];
      const cellLabel = rec.fields[lc];
      if (cellText === undefined || cellLabel === undefined) {
        bad(rec.line, `the row has ${rec.fields.length} field${rec.fields.length === 1 ? '' : 's'}, not ${width}`);
        continue;
      }
      const label = parseLabelCell(cellLabel);
      if (label === undefined || label === null) {
        bad(rec.line, `unknown label ${JSON.stringify(cellLabel.slice(0, 40))} (expected spam/ham, 1/0, true/false, yes/no)`);
        continue;
      }
      rows.push({ text: cellText, label, line: rec.line });
    }
    if (rows.length === 0)
      throw new FolioError(
        'invalid_file',
        `${name} has no labelled rows${skipped.length ? ` (${skipped.length} skipped)` : ''}.`,
      );
    const svc = await this.gate.service();
    if (!svc) throw new FolioError('model_unavailable', this.gate.status().message ?? 'The spam model is unavailable.');
    // Where the user has labelled comments, the top-level figures are the model that learned from them.
    const withUser = this.gate.status().labels.total > 0 && (await this.gate.ensureFresh('eval'));
    const threshold = p.threshold ?? readSetting(this.ctx.store.db, 'comments.spamThreshold') ?? undefined;
    const report = await svc.evaluate(rows, { withUser, ...(threshold !== undefined ? { threshold } : {}) });
    return skipped.length > 0 ? { ...report, skipped } : report;
  }

  // ------------------------------------------------------------------ export

  exportComments(status: CommentStatus | 'all', file?: string): CommentExportDto {
    const where = status === 'all' ? `status <> 'deleted'` : `status = ?`;
    const rows = stmt(
      this.ctx,
      `SELECT id, external_id, page, author, text, created_at, raw, path FROM comments WHERE ${where}
       ORDER BY COALESCE(created_at, imported_at), id`,
    ).all(...(status === 'all' ? [] : [status])) as Pick<
      CommentRow,
      'id' | 'external_id' | 'page' | 'author' | 'text' | 'created_at' | 'raw' | 'path'
    >[];
    const exportedPaths = new Set(rows.filter((r) => r.path).map((r) => r.path!));
    const allPaths = new Set(stmt(this.ctx, 'SELECT path FROM comments WHERE path IS NOT NULL').pluck().all() as string[]);
    const out: Record<string, unknown> = {};
    let count = 0;
    const withPath = rows
      .filter((r) => r.path)
      .map((r) => ({ r, path: JSON.parse(r.path!) as string[] }))
      .sort((a, b) => a.path.length - b.path.length);
    for (const { r, path: keys } of withPath) {
      // A reply whose parent comment is not exported is left out (it would reappear without its parent).
      let orphan = false;
      for (let k = 1; k < keys.length && !orphan; k++) {
        const prefix = JSON.stringify(keys.slice(0, k));
        if (allPaths.has(prefix) && !exportedPaths.has(prefix)) orphan = true;
      }
      if (orphan || keys.length === 0) continue;
      let node: Record<string, unknown> = out;
      let ok = true;
      for (const key of keys.slice(0, -1)) {
        const next = node[key];
        if (next === undefined) node = node[key] = {} as Record<string, unknown>;
        else if (next && typeof next === 'object' && !Array.isArray(next)) node = next as Record<string, unknown>;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const last = keys[keys.length - 1]!;
      const existing = node[last];
      node[last] = existing && typeof existing === 'object' ? { ...recordOf(r), ...(existing as object) } : recordOf(r);
      count++;
    }
    for (const r of rows) {
      if (r.path) continue;
      let key = r.external_id ?? r.id;
      if (key in out) key = r.id;
      out[key] = recordOf(r);
      count++;
    }
    const json = `${JSON.stringify(out, null, 2)}\n`;
    if (file !== undefined) {
      const target = path.resolve(file);
      writeFileAtomic(target, json);
      return { count, file: target, json: null };
    }
    return { count, file: null, json };
  }

  // ------------------------------------------------------------------ watched files

  private sourceRow(id: string): SourceRow | undefined {
    return stmt(this.ctx, 'SELECT * FROM comment_sources WHERE id = ?').get(id) as SourceRow | undefined;
  }

  private sourceDto(r: SourceRow): CommentSourceDto {
    const parse = <T>(s: string | null): T | null => {
      if (s === null) return null;
      try {
        return JSON.parse(s) as T;
      } catch {
        return null;
      }
    };
    return {
      id: r.id,
      path: r.path,
      origin: r.origin,
      format: r.format,
      csv: parse<CsvColumnOptions>(r.options),
      active: r.active === 1,
      watching: this.watcher.isWatching(r.id),
      createdAt: r.created_at,
      lastImportAt: r.last_import_at,
      lastReport: parse<CommentImportReportDto>(r.last_report),
      lastError: r.last_error,
    };
  }

  sources(): CommentSourceDto[] {
    return (stmt(this.ctx, 'SELECT * FROM comment_sources ORDER BY created_at').all() as SourceRow[]).map((r) =>
      this.sourceDto(r),
    );
  }

  async watch(p: {
    path: string;
    format: 'auto' | 'json' | 'csv';
    origin?: string | undefined;
    csv?: CsvColumnOptions | undefined;
  }): Promise<{
    source: CommentSourceDto;
    report: CommentImportReportDto | null;
  }> {
    const file = path.resolve(p.path);
    const existing = stmt(this.ctx, 'SELECT * FROM comment_sources WHERE path = ?').get(file) as SourceRow | undefined;
    const id = existing?.id ?? newCommentId(this.ctx.now());
    const origin = p.origin ?? existing?.origin ?? path.basename(file);
    if (existing) {
      stmt(
        this.ctx,
        'UPDATE comment_sources SET origin = ?, format = ?, options = ?, active = 1, last_mtime_ms = NULL, last_size = NULL WHERE id = ?',
      ).run(origin, p.format, p.csv ? JSON.stringify(p.csv) : null, id);
    } else {
      stmt(
        this.ctx,
        'INSERT INTO comment_sources (id, path, origin, format, options, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
      ).run(id, file, origin, p.format, p.csv ? JSON.stringify(p.csv) : null, this.ctx.now().toISOString());
    }
    let report: CommentImportReportDto | null = null;
    if (fs.existsSync(file)) {
      const st = fs.statSync(file);
      report = await this.importSource(id, { mtimeMs: st.mtimeMs, size: st.size }, true);
    } else {
      stmt(this.ctx, 'UPDATE comment_sources SET last_error = ? WHERE id = ?').run(
        `${file} does not exist yet; it is imported when it appears.`,
        id,
      );
    }
    this.watcher.start(id, file);
    this.ctx.events.emit('data:changed', { domain: 'comments', action: 'source' });
    return { source: this.sourceDto(this.sourceRow(id)!), report };
  }

  unwatch(id: string): { removed: boolean } {
    this.watcher.stop(id);
    const r = stmt(this.ctx, 'DELETE FROM comment_sources WHERE id = ?').run(id);
    if (r.changes > 0) this.ctx.events.emit('data:changed', { domain: 'comments', action: 'source' });
    return { removed: r.changes > 0 };
  }

  /** Imports a watched file; records the outcome on the source. `rethrow` for the first, explicit import. */
  private async importSource(
    id: string,
    stat: { mtimeMs: number; size: number },
    rethrow = false,
  ): Promise<CommentImportReportDto | null> {
    const s = this.sourceRow(id);
    if (!s) return null;
    try {
      const options = s.options ? (JSON.parse(s.options) as CsvColumnOptions) : undefined;
      const report = await this.import({ file: s.path, format: s.format, origin: s.origin, csv: options }, id);
      stmt(
        this.ctx,
        'UPDATE comment_sources SET last_import_at = ?, last_mtime_ms = ?, last_size = ?, last_report = ?, last_error = NULL WHERE id = ?',
      ).run(this.ctx.now().toISOString(), stat.mtimeMs, stat.size, JSON.stringify(report), id);
      this.ctx.events.emit('comments:imported', { sourceId: id, report });
      this.ctx.events.emit('data:changed', { domain: 'comments', action: 'source' });
      return report;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      stmt(this.ctx, 'UPDATE comment_sources SET last_error = ? WHERE id = ?').run(message, id);
      this.ctx.events.emit('comments:imported', { sourceId: id, report: null, error: message });
      this.ctx.events.emit('data:changed', { domain: 'comments', action: 'source' });
      if (rethrow) throw err;
      return null;
    }
  }

  /** Starts watching every active source (catching up on changes made while Folio was closed). */
  resumeWatching(): void {
    this.resumeTimer = null;
    for (const s of stmt(this.ctx, 'SELECT * FROM comment_sources WHERE active = 1').all() as SourceRow[]) {
      if (this.watcher.isWatching(s.id)) continue;
      this.watcher.start(s.id, s.path);
      void this.watcher.check(s.id);
    }
  }

  async close(): Promise<void> {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    await this.watcher.close();
    await this.gate.close();
  }
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

function sameState(a: CommentStateDto, b: CommentStateDto): boolean {
  return a.status === b.status && a.label === b.label && a.labeledAt === b.labeledAt;
}

/** The record as the site had it (its own fields), or a plain Firebase-like one. */
function recordOf(r: {
  raw: string | null;
  author: string | null;
  text: string;
  created_at: string | null;
  page: string | null;
}): Record<string, unknown> {
  if (r.raw) {
    try {
      const raw = JSON.parse(r.raw) as unknown;
      if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
    } catch {
      // fall through to the plain shape
    }
  }
  return { author: r.author, text: r.text, timestamp: r.created_at ? Date.parse(r.created_at) : null, page: r.page };
}
