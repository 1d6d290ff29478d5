// The journal's writes: create, save (optimistic concurrency, coalesced revisions), rename (rewriting
// links in other entries), trash, revisions, lock and edit notes, templates and kinds. Every write runs
// in one transaction; events go out after it commits.
import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import {
  isRealDate,
  type EntryDto,
  type EntryProperties,
  type EntrySummaryDto,
  type EntryChangeAction,
  type KindDto,
  type RevisionReason,
  type TemplateDto,
  type FieldDef,
} from '../contract/journal';
import { localDay, localTime, processOffsetMinutes } from './dates';
import { newId } from './ids';
import { titleProviders } from './link-providers';
import {
  countWords,
  extractTags,
  extractWikilinks,
  isAttachmentTarget,
  markdownToPlainText,
  renameWikilinksCounted,
  titleKey,
  uniqueTags,
} from './markdown';
import {
  aliasKeysOf,
  entryIdByLinkKey,
  foldIntoRevision,
  getEntryRow,
  insertEntryRow,
  insertRevision,
  liveDailyFor,
  newestRevision,
  relinkEntry,
  relinkKey,
  replaceAliases,
  replaceLinks,
  replaceTags,
  stmt,
  tagsOf,
  toEntry,
  toSummary,
  updateEntryRow,
  type EntryRow,
  type LinkInput,
  type Sqlite,
} from './repo';
import { BUILTIN_KINDS, BUILTIN_TEMPLATES, fillProperties, fillTitle, fillPlaceholders, type TemplateVars } from './templates';

/** Autosaves fold into one revision while the gap between saves stays under this… */
export const COALESCE_GAP_MS = 2 * 60_000;
/** …and the revision is younger than this, so a long session still leaves a trail every ten minutes. */
export const COALESCE_SPAN_MS = 10 * 60_000;

type Change = { id: string; action: EntryChangeAction };

function sqlite(ctx: CoreContext): Sqlite {
  return ctx.store.sqlite;
}

function nowIso(ctx: CoreContext): string {
  return ctx.now().toISOString();
}

/** Emits after the transaction committed: the search index listens synchronously. */
export function emitChanges(ctx: CoreContext, changes: readonly Change[], action?: string): void {
  if (changes.length === 0) return;
  const ids = [...new Set(changes.map((c) => c.id))];
  ctx.events.emit('data:changed', { domain: 'journal', ids, ...(action ? { action } : {}) });
  const rev = stmt(sqlite(ctx), `SELECT revision FROM entries WHERE id = ?`);
  for (const c of changes) {
    const r = c.action === 'purged' ? undefined : (rev.get(c.id) as { revision: number } | undefined);
    ctx.events.emit('journal:entry-changed', r ? { ...c, revision: r.revision } : c);
  }
}

function runTx<T>(ctx: CoreContext, fn: (db: Sqlite) => T): T {
  const db = sqlite(ctx);
  try {
    return db.transaction(() => fn(db))();
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /entries\.date/.test(e.message ?? '')) {
      throw new FolioError('conflict', 'There is already a daily note for that date.', {
        issues: [{ path: 'date', message: 'There is already a daily note for that date' }],
      });
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding: built-in kinds and templates, once per opened database
// ---------------------------------------------------------------------------------------------

const seeded = new WeakSet<Sqlite>();

export function builtinTemplateId(key: string): string {
  return `builtin-${key}`;
}

/** Adds missing built-in kinds and templates (a deleted built-in template stays hidden, not re-added). */
export function ensureSeeded(ctx: CoreContext): void {
  const db = sqlite(ctx);
  if (seeded.has(db)) return;
  const now = nowIso(ctx);
  db.transaction(() => {
    const insTpl = stmt(
      db,
      `INSERT OR IGNORE INTO entry_templates (id, name, kind, title, body, properties, builtin_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of BUILTIN_TEMPLATES) {
      insTpl.run(builtinTemplateId(t.key), t.name, t.kind, t.title, t.body, JSON.stringify(t.properties), t.key, now, now);
    }
    const insKind = stmt(
      db,
      `INSERT OR IGNORE INTO entry_kinds (key, name, builtin, fields, public_by_default, one_per_day, template_id, sort, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const k of BUILTIN_KINDS) {
      insKind.run(
        k.key,
        k.name,
        JSON.stringify(k.fields),
        k.publicByDefault ? 1 : 0,
        k.onePerDay ? 1 : 0,
        k.templateKey ? builtinTemplateId(k.templateKey) : null,
        k.sort,
        now,
        now,
      );
    }
  })();
  seeded.add(db);
}

/**
 * Entries written before `entry_aliases` existed (migration 0014; also a restored older backup) keep
 * their `aliases` property: index them, so links by alias resolve. Does nothing once the table holds
 * a row; cheap when no entry has aliases. Run when the journal opens and after a restore.
 */
export function backfillAliases(ctx: CoreContext): number {
  const db = sqlite(ctx);
  if (stmt(db, `SELECT 1 FROM entry_aliases LIMIT 1`).get()) return 0;
  const rows = stmt(db, `SELECT id, title_key, properties FROM entries WHERE properties LIKE '%"alias%'`).all() as Pick<
    EntryRow,
    'id' | 'title_key' | 'properties'
  >[];
  let n = 0;
  db.transaction(() => {
    for (const r of rows) {
      const aliases = aliasesFromProperties(JSON.parse(r.properties) as EntryProperties, r.title_key);
      if (aliases.length === 0) continue;
      replaceAliases(db, r.id, aliases);
      for (const [, key] of aliases) relinkKey(db, key);
      n++;
    }
  })();
  return n;
}

// ---------------------------------------------------------------------------------------------
// Derived data: word count, tags, links
// ---------------------------------------------------------------------------------------------

/** Cleans a title from any source into one line a [[link]] can name. */
export function cleanTitle(title: string): string {
  return title
    .replace(/\[\[|\]\]|\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function tagsFromProperties(props: EntryProperties): string[] {
  const raw = props.tags ?? props.tag;
  if (typeof raw === 'string') return raw.split(/[,\s]+/);
  if (Array.isArray(raw)) return raw.filter((t): t is string => typeof t === 'string');
  return [];
}

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('[[')) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
}

export function wordCountOf(body: string): number {
  return body.trim() ? countWords(markdownToPlainText(body)) : 0;
}

function resolveLinkTarget(
  ctx: CoreContext,
  db: Sqlite,
  target: string,
): { key: string; entryId: string | null; paperId: string | null } {
  const full = titleKey(target);
  let key = full;
  let entryId = entryIdByLinkKey(db, full);
  if (!entryId && target.includes('/')) {
    const base = titleKey(target.slice(target.lastIndexOf('/') + 1));
    const byBase = entryIdByLinkKey(db, base);
    if (byBase) {
      key = base;
      entryId = byBase;
    }
  }
  let paperId: string | null = null;
  if (!entryId) {
    for (const p of titleProviders(ctx)) {
      if (p.kind !== 'paper') continue;
      paperId = p.resolve(key);
      if (paperId) break;
    }
  }
  return { key, entryId, paperId };
}

function linksOf(ctx: CoreContext, db: Sqlite, selfId: string, body: string, props: EntryProperties): LinkInput[] {
  const sources = [body];
  stringsIn(props, sources);
  const seen = new Set<string>();
  const out: LinkInput[] = [];
  for (const text of sources) {
    for (const l of extractWikilinks(text)) {
      if (!l.target || isAttachmentTarget(l.target)) continue;
      const r = resolveLinkTarget(ctx, db, l.target);
      if (!r.key || seen.has(r.key)) continue;
      seen.add(r.key);
      out.push({
        target: l.target,
        targetKey: r.key,
        alias: l.alias ?? null,
        heading: l.heading ?? null,
        targetEntryId: r.entryId === selfId ? null : r.entryId,
        targetPaperId: r.paperId,
      });
    }
  }
  return out;
}

/**
 * Other names the entry answers to in links: its `aliases` (or `alias`) property, a list or one name,
 * `[[…]]` brackets dropped. Pairs of `[alias, key]`, unique by key, the title's own key left out.
 */
export function aliasesFromProperties(props: EntryProperties, ownTitleKey: string): [string, string][] {
  const raw = [props.aliases, props.alias].flatMap((v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]));
  const out = new Map<string, string>();
  for (const v of raw) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const alias = String(v)
      .replace(/^\s*\[\[|\]\]\s*$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const key = titleKey(alias);
    if (alias && key && key !== ownTitleKey && !out.has(key)) out.set(key, alias.slice(0, 500));
  }
  return [...out].map(([key, alias]) => [alias, key]);
}

function writeDerived(ctx: CoreContext, db: Sqlite, row: EntryRow): void {
  const props = JSON.parse(row.properties) as EntryProperties;
  replaceTags(db, row.id, uniqueTags([...extractTags(row.body), ...tagsFromProperties(props)]));
  replaceLinks(db, row.id, linksOf(ctx, db, row.id, row.body, props));
  writeAliases(db, row, props);
}

/** Stores the entry's aliases and re-resolves links to the names it gained or lost. */
function writeAliases(db: Sqlite, row: EntryRow, props: EntryProperties): void {
  const before = aliasKeysOf(db, row.id);
  const after = aliasesFromProperties(props, row.title_key);
  const afterKeys = after.map(([, k]) => k);
  if (before.length === afterKeys.length && before.every((k) => afterKeys.includes(k))) return;
  replaceAliases(db, row.id, after);
  for (const key of new Set([...before, ...afterKeys])) relinkKey(db, key);
}

// ---------------------------------------------------------------------------------------------
// Kinds and templates
// ---------------------------------------------------------------------------------------------

interface KindRow {
  key: string;
  name: string;
  builtin: number;
  fields: string;
  public_by_default: number;
  one_per_day: number;
  template_id: string | null;
  sort: number;
}

function kindRow(db: Sqlite, key: string): KindRow | undefined {
  return stmt(db, `SELECT * FROM entry_kinds WHERE key = ?`).get(key) as KindRow | undefined;
}

function requireKind(db: Sqlite, key: string): KindRow {
  const k = kindRow(db, key);
  if (!k) {
    throw new FolioError('bad_request', `There is no kind of entry called “${key}”.`, {
      issues: [{ path: 'kind', message: `Unknown kind “${key}”` }],
    });
  }
  return k;
}

function toKind(r: KindRow, entryCount: number): KindDto {
  let fields: FieldDef[] = [];
  try {
    fields = JSON.parse(r.fields) as FieldDef[];
  } catch {}
  return {
    key: r.key,
    name: r.name,
    builtin: r.builtin === 1,
    fields,
    publicByDefault: r.public_by_default === 1,
    onePerDay: r.one_per_day === 1,
    templateId: r.template_id,
    entryCount,
  };
}

export function listKinds(ctx: CoreContext): KindDto[] {
  ensureSeeded(ctx);
  const db = sqlite(ctx);
  const counts = new Map(
    (
      stmt(db, `SELECT kind, count(*) AS n FROM entries WHERE deleted_at IS NULL GROUP BY kind`).all() as {
        kind: string;
        n: number;
      }[]
    ).map((r) => [r.kind, r.n]),
  );
  return (stmt(db, `SELECT * FROM entry_kinds ORDER BY sort, name`).all() as KindRow[]).map((r) =>
    toKind(r, counts.get(r.key) ?? 0),
  );
}

export function saveKind(
  ctx: CoreContext,
  input: { key: string; name: string; fields: FieldDef[]; publicByDefault: boolean; templateId?: string | null },
): KindDto {
  ensureSeeded(ctx);
  const now = nowIso(ctx);
  const key = runTx(ctx, (db) => {
    if (input.templateId) requireTemplate(db, input.templateId);
    const existing = kindRow(db, input.key);
    if (existing) {
      stmt(
        db,
        `UPDATE entry_kinds SET name = ?, fields = ?, public_by_default = ?, template_id = ?, updated_at = ? WHERE key = ?`,
      ).run(
        input.name,
        JSON.stringify(input.fields),
        input.publicByDefault ? 1 : 0,
        input.templateId === undefined ? existing.template_id : input.templateId,
        now,
        input.key,
      );
    } else {
      stmt(
        db,
        `INSERT INTO entry_kinds (key, name, builtin, fields, public_by_default, one_per_day, template_id, sort, created_at, updated_at)
         VALUES (?, ?, 0, ?, ?, 0, ?, 100, ?, ?)`,
      ).run(
        input.key,
        input.name,
        JSON.stringify(input.fields),
        input.publicByDefault ? 1 : 0,
        input.templateId ?? null,
        now,
        now,
      );
    }
    return input.key;
  });
  ctx.events.emit('data:changed', { domain: 'journal', action: 'kinds' });
  return listKinds(ctx).find((k) => k.key === key)!;
}

export function deleteKind(ctx: CoreContext, key: string): void {
  ensureSeeded(ctx);
  runTx(ctx, (db) => {
    const k = kindRow(db, key);
    if (!k) throw new FolioError('not_found', `There is no kind of entry called “${key}”.`);
    if (k.builtin) throw new FolioError('bad_request', `“${k.name}” is built in and cannot be deleted.`);
    const used = (stmt(db, `SELECT count(*) AS n FROM entries WHERE kind = ?`).get(key) as { n: number }).n;
    if (used > 0) {
      throw new FolioError(
        'conflict',
        `${used} entr${used === 1 ? 'y is' : 'ies are'} of the kind “${k.name}” (trash included): change their kind first.`,
      );
    }
    stmt(db, `DELETE FROM entry_kinds WHERE key = ?`).run(key);
  });
  ctx.events.emit('data:changed', { domain: 'journal', action: 'kinds' });
}

/** Makes sure a kind exists (importers meeting a new front-matter `type`). */
export function ensureKind(ctx: CoreContext, key: string, name: string = key): KindDto {
  ensureSeeded(ctx);
  if (!kindRow(sqlite(ctx), key)) saveKind(ctx, { key, name, fields: [], publicByDefault: false });
  return listKinds(ctx).find((k) => k.key === key)!;
}

interface TemplateRow {
  id: string;
  name: string;
  kind: string;
  title: string;
  body: string;
  properties: string;
  builtin_key: string | null;
  deleted_at: string | null;
  updated_at: string;
}

function toTemplate(r: TemplateRow): TemplateDto {
  const shipped = r.builtin_key ? BUILTIN_TEMPLATES.find((t) => t.key === r.builtin_key) : undefined;
  const properties = JSON.parse(r.properties) as EntryProperties;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    title: r.title,
    body: r.body,
    properties,
    builtinKey: r.builtin_key,
    modified: shipped
      ? shipped.name !== r.name ||
        shipped.kind !== r.kind ||
        shipped.title !== r.title ||
        shipped.body !== r.body ||
        JSON.stringify(shipped.properties) !== JSON.stringify(properties)
      : false,
    updatedAt: r.updated_at,
  };
}

function templateRow(db: Sqlite, id: string): TemplateRow | undefined {
  return stmt(db, `SELECT * FROM entry_templates WHERE id = ? AND deleted_at IS NULL`).get(id) as TemplateRow | undefined;
}

function requireTemplate(db: Sqlite, id: string): TemplateRow {
  const t = templateRow(db, id);
  if (!t)
    throw new FolioError('not_found', 'That template no longer exists.', {
      issues: [{ path: 'templateId', message: 'No such template' }],
    });
  return t;
}

export function listTemplates(ctx: CoreContext): TemplateDto[] {
  ensureSeeded(ctx);
  return (
    stmt(
      sqlite(ctx),
      `SELECT t.* FROM entry_templates t LEFT JOIN entry_kinds k ON k.key = t.kind
       WHERE t.deleted_at IS NULL ORDER BY t.builtin_key IS NULL, coalesce(k.sort, 100), t.name`,
    ).all() as TemplateRow[]
  ).map(toTemplate);
}

export function getTemplate(ctx: CoreContext, id: string): TemplateDto | null {
  ensureSeeded(ctx);
  const r = templateRow(sqlite(ctx), id);
  return r ? toTemplate(r) : null;
}

export function saveTemplate(
  ctx: CoreContext,
  input: { id?: string; name: string; kind: string; title: string; body: string; properties: EntryProperties },
): TemplateDto {
  ensureSeeded(ctx);
  const now = nowIso(ctx);
  const id = runTx(ctx, (db) => {
    requireKind(db, input.kind);
    if (input.id) {
      requireTemplate(db, input.id);
      stmt(
        db,
        `UPDATE entry_templates SET name = ?, kind = ?, title = ?, body = ?, properties = ?, updated_at = ? WHERE id = ?`,
      ).run(input.name, input.kind, input.title, input.body, JSON.stringify(input.properties), now, input.id);
      return input.id;
    }
    const id = newId(ctx.now());
    stmt(
      db,
      `INSERT INTO entry_templates (id, name, kind, title, body, properties, builtin_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ).run(id, input.name, input.kind, input.title, input.body, JSON.stringify(input.properties), now, now);
    return id;
  });
  ctx.events.emit('data:changed', { domain: 'journal', action: 'templates' });
  return getTemplate(ctx, id)!;
}

export function deleteTemplate(ctx: CoreContext, id: string): void {
  ensureSeeded(ctx);
  const now = nowIso(ctx);
  runTx(ctx, (db) => {
    const t = requireTemplate(db, id);
    // Built-ins are hidden, so a reset can bring them back; kinds that used it start empty.
    if (t.builtin_key) stmt(db, `UPDATE entry_templates SET deleted_at = ? WHERE id = ?`).run(now, id);
    else stmt(db, `DELETE FROM entry_templates WHERE id = ?`).run(id);
    stmt(db, `UPDATE entry_kinds SET template_id = NULL WHERE template_id = ?`).run(id);
  });
  ctx.events.emit('data:changed', { domain: 'journal', action: 'templates' });
}

/** Restores one built-in template (or all) to the shipped text, bringing back deleted ones. */
export function resetTemplates(ctx: CoreContext, id?: string): TemplateDto[] {
  ensureSeeded(ctx);
  const now = nowIso(ctx);
  runTx(ctx, (db) => {
    let targets = BUILTIN_TEMPLATES;
    if (id) {
      const row = stmt(db, `SELECT * FROM entry_templates WHERE id = ?`).get(id) as TemplateRow | undefined;
      if (!row) throw new FolioError('not_found', 'That template no longer exists.');
      if (!row.builtin_key)
        throw new FolioError('bad_request', `“${row.name}” is your own template: there is no shipped version to go back to.`);
      targets = BUILTIN_TEMPLATES.filter((t) => t.key === row.builtin_key);
    }
    for (const t of targets) {
      stmt(
        db,
        `UPDATE entry_templates SET name = ?, kind = ?, title = ?, body = ?, properties = ?, deleted_at = NULL, updated_at = ? WHERE builtin_key = ?`,
      ).run(t.name, t.kind, t.title, t.body, JSON.stringify(t.properties), now, t.key);
      const kind = BUILTIN_KINDS.find((k) => k.templateKey === t.key);
      if (kind)
        stmt(db, `UPDATE entry_kinds SET template_id = ? WHERE key = ? AND template_id IS NULL`).run(
          builtinTemplateId(t.key),
          kind.key,
        );
    }
  });
  ctx.events.emit('data:changed', { domain: 'journal', action: 'templates' });
  return listTemplates(ctx);
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

function notFound(id: string): FolioError {
  return new FolioError('not_found', `There is no journal entry ${id.slice(0, 40)}.`);
}

function requireRow(db: Sqlite, id: string): EntryRow {
  const row = getEntryRow(db, id);
  if (!row) throw notFound(id);
  return row;
}

function requireLive(db: Sqlite, id: string): EntryRow {
  const row = requireRow(db, id);
  if (row.deleted_at) {
    throw new FolioError('conflict', `“${row.title || row.date}” is in the trash: restore it to change it.`, {
      current: toEntry(row, tagsOf(db, id)),
    });
  }
  return row;
}

function assertDate(date: string, path = 'date'): void {
  if (!isRealDate(date))
    throw new FolioError('bad_request', `${date} is not a real date.`, {
      issues: [{ path, message: `${date} is not a real date` }],
    });
}

function assertDailyFree(db: Sqlite, date: string, exceptId?: string): void {
  const other = liveDailyFor(db, date);
  if (other && other.id !== exceptId) {
    throw new FolioError('conflict', `There is already a daily note for ${date}.`, {
      existingId: other.id,
      issues: [{ path: 'date', message: `There is already a daily note for ${date}` }],
    });
  }
}

export function getEntry(ctx: CoreContext, id: string): EntryDto | null {
  const db = sqlite(ctx);
  const row = getEntryRow(db, id);
  return row ? toEntry(row, tagsOf(db, id)) : null;
}

export function requireEntry(ctx: CoreContext, id: string): EntryDto {
  const e = getEntry(ctx, id);
  if (!e) throw notFound(id);
  return e;
}

export interface CreateEntryInput {
  kind?: string;
  /** A template id; undefined = the kind's template; null = none. */
  templateId?: string | null;
  title?: string;
  date?: string;
  time?: string | null;
  body?: string;
  properties?: EntryProperties;
  isPublic?: boolean;
  locked?: boolean;
  tzOffsetMinutes?: number;
  /** When it was written (imports keep the file's times); default now. */
  createdAt?: string;
  updatedAt?: string;
  sourceKey?: string | null;
}

function buildNewRow(ctx: CoreContext, db: Sqlite, input: CreateEntryInput): EntryRow {
  const kind = requireKind(db, input.kind ?? 'post');
  const now = ctx.now();
  const tz = input.tzOffsetMinutes ?? processOffsetMinutes(now);
  const date = input.date ?? localDay(now, tz);
  assertDate(date);
  let template: TemplateRow | undefined;
  if (input.templateId === undefined) template = kind.template_id ? templateRow(db, kind.template_id) : undefined;
  else if (input.templateId !== null) template = requireTemplate(db, input.templateId);
  const time = input.time !== undefined ? input.time : kind.one_per_day ? null : localTime(now, tz);
  const vars: TemplateVars = { date, time: time ?? localTime(now, tz), title: input.title ?? '' };
  const title = cleanTitle(input.title ?? (template ? fillTitle(template.title, vars) : ''));
  vars.title = title;
  const body = input.body ?? (template ? fillPlaceholders(template.body, vars) : '');
  const properties = {
    ...(template ? fillProperties(JSON.parse(template.properties) as EntryProperties, vars) : {}),
    ...(input.properties ?? {}),
  };
  const iso = now.toISOString();
  return {
    id: newId(now),
    kind: kind.key,
    title,
    title_key: titleKey(title),
    date,
    time,
    body,
    properties: JSON.stringify(properties),
    is_public: (input.isPublic ?? kind.public_by_default === 1) ? 1 : 0,
    locked: input.locked ? 1 : 0,
    word_count: wordCountOf(body),
    created_at: input.createdAt ?? iso,
    updated_at: input.updatedAt ?? input.createdAt ?? iso,
    tz_offset_minutes: tz,
    deleted_at: null,
    source_key: input.sourceKey ?? null,
    // Only a pure template instance is "pristine" until someone writes in it.
    template_id: template && input.body === undefined ? template.id : null,
    revision: 1,
  };
}

function insertNew(ctx: CoreContext, db: Sqlite, row: EntryRow, reason: RevisionReason): void {
  if (row.kind === 'daily') assertDailyFree(db, row.date);
  insertEntryRow(db, row);
  insertRevision(db, row, reason, row.updated_at);
  writeDerived(ctx, db, row);
  relinkKey(db, row.title_key);
}

/** Creates an entry (from its kind's template unless told otherwise). */
export function createEntry(ctx: CoreContext, input: CreateEntryInput): EntryDto {
  ensureSeeded(ctx);
  const row = runTx(ctx, (db) => {
    const row = buildNewRow(ctx, db, input);
    insertNew(ctx, db, row, 'create');
    return row;
  });
  emitChanges(ctx, [{ id: row.id, action: 'saved' }], 'create');
  return requireEntry(ctx, row.id);
}

/** The daily note of `date` (default: today where the writer is), created from the daily template if missing. */
export function getOrCreateToday(ctx: CoreContext, opts: { date?: string; tzOffsetMinutes?: number } = {}): EntryDto {
  ensureSeeded(ctx);
  const now = ctx.now();
  const date = opts.date ?? localDay(now, opts.tzOffsetMinutes ?? processOffsetMinutes(now));
  const db = sqlite(ctx);
  const existing = liveDailyFor(db, date);
  if (existing) return toEntry(existing, tagsOf(db, existing.id));
  try {
    return createEntry(ctx, {
      kind: 'daily',
      date,
      ...(opts.tzOffsetMinutes !== undefined ? { tzOffsetMinutes: opts.tzOffsetMinutes } : {}),
    });
  } catch (err) {
    // Another process created it between our read and write.
    const again = liveDailyFor(db, date);
    if (again) return toEntry(again, tagsOf(db, again.id));
    throw err;
  }
}

export interface SaveEntryInput {
  id: string;
  baseRevision: number;
  title?: string;
  body?: string;
  properties?: EntryProperties;
  date?: string;
  time?: string | null;
  kind?: string;
  isPublic?: boolean;
  /** autosave folds into the newest autosave revision; save and keep-mine always add one. */
  mode?: 'autosave' | 'save' | 'keep-mine';
}

function sameJson(a: string, b: EntryProperties): boolean {
  return a === JSON.stringify(b);
}

/** True when every field the save carries already holds that value (a retried save that did land). */
function alreadyHolds(row: EntryRow, input: SaveEntryInput): boolean {
  return (
    (input.title === undefined || cleanTitle(input.title) === row.title) &&
    (input.body === undefined || input.body === row.body) &&
    (input.properties === undefined || sameJson(row.properties, input.properties)) &&
    (input.date === undefined || input.date === row.date) &&
    (input.time === undefined || input.time === row.time) &&
    (input.kind === undefined || input.kind === row.kind) &&
    (input.isPublic === undefined || (input.isPublic ? 1 : 0) === row.is_public)
  );
}

/**
 * Writes `next` as the entry's next revision. Autosaves fold into the newest autosave revision while
 * typing continues; everything else adds a revision.
 */
function commit(db: Sqlite, prev: EntryRow, next: EntryRow, reason: RevisionReason, nowMs: number): void {
  const now = new Date(nowMs).toISOString();
  next.revision = prev.revision + 1;
  next.updated_at = now;
  updateEntryRow(db, next);
  if (reason === 'autosave') {
    const last = newestRevision(db, prev.id);
    if (
      last &&
      last.reason === 'autosave' &&
      last.revision === prev.revision &&
      nowMs - Date.parse(last.updated_at) < COALESCE_GAP_MS &&
      nowMs - Date.parse(last.created_at) < COALESCE_SPAN_MS
    ) {
      foldIntoRevision(db, last.id, next, now);
      return;
    }
  }
  insertRevision(db, next, reason, now);
}

/**
 * Points links to `row` (by its old title) at `newTitle` in every other entry, each such change a
 * revision of that entry. Runs inside the caller's transaction.
 */
function rewriteLinksTo(
  ctx: CoreContext,
  db: Sqlite,
  row: EntryRow,
  oldTitle: string,
  newTitle: string,
  nowMs: number,
  changes: Change[],
): number {
  if (!oldTitle) return 0;
  const sources = stmt(
    db,
    `SELECT DISTINCT from_entry_id AS id FROM entry_links WHERE target_entry_id = ? AND from_entry_id != ?`,
  ).all(row.id, row.id) as {
    id: string;
  }[];
  let total = 0;
  for (const { id } of sources) {
    const src = getEntryRow(db, id);
    if (!src) continue;
    const body = renameWikilinksCounted(src.body, oldTitle, newTitle);
    const props = renameInProperties(JSON.parse(src.properties) as EntryProperties, oldTitle, newTitle);
    if (body.count + props.count === 0) continue;
    total += body.count + props.count;
    const next: EntryRow = {
      ...src,
      body: body.text,
      properties: JSON.stringify(props.value),
      word_count: wordCountOf(body.text),
    };
    commit(db, src, next, 'link-rename', nowMs);
    writeDerived(ctx, db, next);
    changes.push({ id, action: 'saved' });
  }
  return total;
}

function renameInProperties(
  props: EntryProperties,
  oldTitle: string,
  newTitle: string,
): { value: EntryProperties; count: number } {
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('[[')) return v;
      const r = renameWikilinksCounted(v, oldTitle, newTitle);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(props) as EntryProperties, count };
}

/**
 * Saves changes to an entry. `baseRevision` is the revision the writer started from: when the stored
 * entry moved on (another window, the CLI), nothing is written and a `conflict` error carries the
 * stored version in `details.current`. A retried save whose content already landed answers the entry.
 */
export function saveEntry(ctx: CoreContext, input: SaveEntryInput): EntryDto {
  ensureSeeded(ctx);
  const changes: Change[] = [];
  const mode = input.mode ?? 'autosave';
  const id = runTx(ctx, (db) => {
    const row = requireLive(db, input.id);
    if (input.baseRevision !== row.revision) {
      if (alreadyHolds(row, input)) return row.id;
      throw new FolioError(
        'conflict',
        `“${row.title || row.date}” was changed elsewhere (now revision ${row.revision}; you started from ${input.baseRevision}). Nothing was overwritten.`,
        { current: toEntry(row, tagsOf(db, row.id)) },
      );
    }
    if (alreadyHolds(row, input)) return row.id;
    const next: EntryRow = { ...row };
    if (input.body !== undefined && input.body !== row.body) {
      if (row.locked) {
        throw new FolioError(
          'read_only',
          `“${row.title || row.date}” is locked as past: add a dated edit note instead of rewriting it.`,
        );
      }
      next.body = input.body;
      next.word_count = wordCountOf(input.body);
    }
    if (input.properties !== undefined) next.properties = JSON.stringify(input.properties);
    if (input.date !== undefined) {
      assertDate(input.date);
      next.date = input.date;
    }
    if (input.time !== undefined) next.time = input.time;
    if (input.kind !== undefined && input.kind !== row.kind) next.kind = requireKind(db, input.kind).key;
    if (input.isPublic !== undefined) next.is_public = input.isPublic ? 1 : 0;
    if (next.kind === 'daily' && (next.date !== row.date || row.kind !== 'daily')) assertDailyFree(db, next.date, row.id);
    const nowMs = ctx.now().getTime();
    const oldTitle = row.title;
    if (input.title !== undefined) {
      next.title = cleanTitle(input.title);
      next.title_key = titleKey(next.title);
    }
    const reason: RevisionReason = mode === 'keep-mine' ? 'keep-mine' : next.title !== oldTitle ? 'rename' : mode;
    commit(db, row, next, reason, nowMs);
    if (next.body !== row.body || next.properties !== row.properties) writeDerived(ctx, db, next);
    changes.push({ id: row.id, action: 'saved' });
    if (next.title !== oldTitle) {
      rewriteLinksTo(ctx, db, next, oldTitle, next.title, nowMs, changes);
      relinkKey(db, row.title_key);
      relinkKey(db, next.title_key);
    }
    return row.id;
  });
  emitChanges(ctx, changes, 'save');
  return requireEntry(ctx, id);
}

/** Renames an entry and rewrites `[[Old title]]` links in other entries, all in one transaction. */
export function renameEntry(
  ctx: CoreContext,
  input: { id: string; title: string; baseRevision?: number },
): EntryDto & { linksUpdated: number; entriesUpdated: string[] } {
  ensureSeeded(ctx);
  const changes: Change[] = [];
  let linksUpdated = 0;
  runTx(ctx, (db) => {
    const row = requireLive(db, input.id);
    if (input.baseRevision !== undefined && input.baseRevision !== row.revision) {
      throw new FolioError('conflict', `“${row.title || row.date}” was changed elsewhere: reload it before renaming.`, {
        current: toEntry(row, tagsOf(db, row.id)),
      });
    }
    const title = cleanTitle(input.title);
    if (title === row.title) return;
    const nowMs = ctx.now().getTime();
    const next: EntryRow = { ...row, title, title_key: titleKey(title) };
    commit(db, row, next, 'rename', nowMs);
    changes.push({ id: row.id, action: 'saved' });
    linksUpdated = rewriteLinksTo(ctx, db, next, row.title, title, nowMs, changes);
    relinkKey(db, row.title_key);
    relinkKey(db, next.title_key);
  });
  emitChanges(ctx, changes, 'rename');
  return { ...requireEntry(ctx, input.id), linksUpdated, entriesUpdated: changes.slice(1).map((c) => c.id) };
}

/** Appends the template's text to an entry and fills its empty fields (an explicit revision). */
export function applyTemplate(ctx: CoreContext, input: { id: string; templateId: string; baseRevision: number }): EntryDto {
  ensureSeeded(ctx);
  runTx(ctx, (db) => {
    const row = requireLive(db, input.id);
    if (input.baseRevision !== row.revision) {
      throw new FolioError('conflict', 'The entry was changed elsewhere: reload it, then apply the template.', {
        current: toEntry(row, tagsOf(db, row.id)),
      });
    }
    if (row.locked) throw new FolioError('read_only', 'This entry is locked as past: a template cannot be applied to it.');
    const t = requireTemplate(db, input.templateId);
    const vars: TemplateVars = {
      date: row.date,
      time: row.time ?? localTime(ctx.now(), row.tz_offset_minutes),
      title: row.title,
    };
    const add = fillPlaceholders(t.body, vars);
    const props = JSON.parse(row.properties) as EntryProperties;
    for (const [k, v] of Object.entries(fillProperties(JSON.parse(t.properties) as EntryProperties, vars))) {
      const cur = props[k];
      if (cur === undefined || cur === null || cur === '' || (Array.isArray(cur) && cur.length === 0)) props[k] = v;
    }
    const body = row.body.trim() ? (add.trim() ? `${row.body.replace(/\s+$/, '')}\n\n${add}` : row.body) : add;
    const next: EntryRow = { ...row, body, properties: JSON.stringify(props), word_count: wordCountOf(body) };
    if (!row.title && t.title) {
      next.title = fillTitle(t.title, vars);
      next.title_key = titleKey(next.title);
    }
    commit(db, row, next, 'template', ctx.now().getTime());
    writeDerived(ctx, db, next);
    if (next.title_key !== row.title_key) relinkKey(db, next.title_key);
  });
  emitChanges(ctx, [{ id: input.id, action: 'saved' }], 'template');
  return requireEntry(ctx, input.id);
}

function setLocked(ctx: CoreContext, id: string, locked: boolean): EntryDto {
  let changed = false;
  runTx(ctx, (db) => {
    const row = requireLive(db, id);
    if ((row.locked === 1) === locked) return;
    commit(db, row, { ...row, locked: locked ? 1 : 0 }, locked ? 'lock' : 'unlock', ctx.now().getTime());
    changed = true;
  });
  if (changed) emitChanges(ctx, [{ id, action: 'saved' }], locked ? 'lock' : 'unlock');
  return requireEntry(ctx, id);
}

/** Locks an entry as "past": its body can then only grow by dated edit notes. */
export function lockEntry(ctx: CoreContext, id: string): EntryDto {
  return setLocked(ctx, id, true);
}

export function unlockEntry(ctx: CoreContext, id: string): EntryDto {
  return setLocked(ctx, id, false);
}

/** Appends `[Edit: YYYY-MM-DD] text` as a new revision (the way to change a locked entry). */
export function appendEditNote(
  ctx: CoreContext,
  input: { id: string; text: string; date?: string; tzOffsetMinutes?: number },
): EntryDto {
  const date = input.date ?? localDay(ctx.now(), input.tzOffsetMinutes ?? processOffsetMinutes(ctx.now()));
  assertDate(date);
  runTx(ctx, (db) => {
    const row = requireLive(db, input.id);
    const text = input.text.trim();
    if (!text) throw new FolioError('bad_request', 'Write the note.', { issues: [{ path: 'text', message: 'Write the note' }] });
    const body = `${row.body.replace(/\s+$/, '')}${row.body.trim() ? '\n\n' : ''}[Edit: ${date}] ${text}`;
    const next: EntryRow = { ...row, body, word_count: wordCountOf(body) };
    commit(db, row, next, 'edit-note', ctx.now().getTime());
    writeDerived(ctx, db, next);
  });
  emitChanges(ctx, [{ id: input.id, action: 'saved' }], 'edit-note');
  return requireEntry(ctx, input.id);
}

/** Moves an entry to the trash. Links to it stop resolving until it is restored. */
export function trashEntry(ctx: CoreContext, id: string): EntrySummaryDto {
  let changed = false;
  runTx(ctx, (db) => {
    const row = requireRow(db, id);
    if (row.deleted_at) return;
    stmt(db, `UPDATE entries SET deleted_at = ? WHERE id = ?`).run(nowIso(ctx), id);
    relinkEntry(db, row);
    changed = true;
  });
  if (changed) emitChanges(ctx, [{ id, action: 'deleted' }], 'delete');
  const db = sqlite(ctx);
  return toSummary(requireRow(db, id), tagsOf(db, id));
}

export function restoreEntry(ctx: CoreContext, id: string): EntryDto {
  let changed = false;
  runTx(ctx, (db) => {
    const row = requireRow(db, id);
    if (!row.deleted_at) return;
    if (row.kind === 'daily') {
      const other = liveDailyFor(db, row.date);
      if (other) {
        throw new FolioError(
          'conflict',
          `There is already a daily note for ${row.date}: change that one's date or kind first, then restore this one. It stays in the trash meanwhile.`,
          { existingId: other.id },
        );
      }
    }
    stmt(db, `UPDATE entries SET deleted_at = NULL WHERE id = ?`).run(id);
    relinkEntry(db, row);
    changed = true;
  });
  if (changed) emitChanges(ctx, [{ id, action: 'restored' }], 'restore');
  return requireEntry(ctx, id);
}

/** Deletes trashed entries for good (with their revisions, tags and links). */
export function purgeEntries(ctx: CoreContext, ids: readonly string[] | 'all-trashed'): number {
  const purged: string[] = [];
  runTx(ctx, (db) => {
    const list =
      ids === 'all-trashed'
        ? (stmt(db, `SELECT id FROM entries WHERE deleted_at IS NOT NULL`).all() as { id: string }[]).map((r) => r.id)
        : [...ids];
    for (const id of list) {
      const row = requireRow(db, id);
      if (!row.deleted_at)
        throw new FolioError('bad_request', `“${row.title || row.date}” is not in the trash: move it there first.`);
      stmt(db, `DELETE FROM entries WHERE id = ?`).run(id);
      purged.push(id);
    }
  });
  emitChanges(
    ctx,
    purged.map((id) => ({ id, action: 'purged' as const })),
    'purge',
  );
  return purged.length;
}

/** Puts an old revision's content back as a new revision (the current one stays in history). */
export function restoreRevision(ctx: CoreContext, input: { id: string; revision: number; baseRevision?: number }): EntryDto {
  const changes: Change[] = [];
  runTx(ctx, (db) => {
    const row = requireLive(db, input.id);
    if (input.baseRevision !== undefined && input.baseRevision !== row.revision) {
      throw new FolioError(
        'conflict',
        'The entry was changed elsewhere: look at the newest version before restoring an old one.',
        {
          current: toEntry(row, tagsOf(db, row.id)),
        },
      );
    }
    const rev = stmt(db, `SELECT * FROM entry_revisions WHERE entry_id = ? AND revision = ?`).get(input.id, input.revision) as
      | { kind: string; title: string; date: string; body: string; properties: string; is_public: number; word_count: number }
      | undefined;
    if (!rev) throw new FolioError('not_found', `Revision ${input.revision} of this entry does not exist.`);
    if (row.locked && rev.body !== row.body) {
      throw new FolioError('read_only', 'This entry is locked as past: unlock it to restore an older version.');
    }
    const next: EntryRow = {
      ...row,
      title: rev.title,
      title_key: titleKey(rev.title),
      date: rev.date,
      kind: kindRow(db, rev.kind) ? rev.kind : row.kind,
      body: rev.body,
      properties: rev.properties,
      is_public: rev.is_public,
      word_count: rev.word_count,
    };
    if (next.kind === 'daily' && (next.date !== row.date || row.kind !== 'daily')) assertDailyFree(db, next.date, row.id);
    const nowMs = ctx.now().getTime();
    commit(db, row, next, 'restore', nowMs);
    writeDerived(ctx, db, next);
    changes.push({ id: row.id, action: 'saved' });
    if (next.title !== row.title) {
      rewriteLinksTo(ctx, db, next, row.title, next.title, nowMs, changes);
      relinkKey(db, row.title_key);
      relinkKey(db, next.title_key);
    }
  });
  emitChanges(ctx, changes, 'restore-revision');
  return requireEntry(ctx, input.id);
}

// ---------------------------------------------------------------------------------------------
// Imports (used by the io domain)
// ---------------------------------------------------------------------------------------------

export interface ImportEntryInput extends Omit<CreateEntryInput, 'templateId' | 'sourceKey'> {
  /** The importer's stable key for this item: re-importing the same key updates, never duplicates. */
  sourceKey: string;
  kind: string;
  date: string;
  body: string;
}

export type ImportAction = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface ImportResult {
  id: string;
  action: ImportAction;
  /** Why an item was skipped: `trashed`, `locked`, `kept` (onExisting: 'skip'). */
  reason?: 'trashed' | 'locked' | 'kept';
}

/**
 * Creates or updates the entry with this `sourceKey`, in one transaction. A new entry is private
 * unless `isPublic` is given and has no time unless `time` is (the kind's defaults do not apply). Unchanged content is left
 * alone; changed content becomes a new `import` revision (the previous text stays in history). A
 * trashed or locked entry is never touched. For a daily note whose date already has one: a
 * template-fresh note nobody wrote in is taken over; otherwise the answer is a `conflict` error
 * (`details.existingId`) and the importer decides (e.g. import it as a `note`).
 */
export function upsertImportedEntry(
  ctx: CoreContext,
  input: ImportEntryInput,
  opts: { onExisting?: 'update' | 'skip' } = {},
): ImportResult {
  ensureSeeded(ctx);
  assertDate(input.date);
  let result: ImportResult = { id: '', action: 'unchanged' };
  runTx(ctx, (db) => {
    requireKind(db, input.kind);
    const existing = stmt(db, `SELECT * FROM entries WHERE source_key = ?`).get(input.sourceKey) as EntryRow | undefined;
    const title = cleanTitle(input.title ?? '');
    const properties = JSON.stringify(input.properties ?? {});
    const nowMs = ctx.now().getTime();
    if (existing) {
      result = { id: existing.id, action: 'unchanged' };
      if (existing.deleted_at) {
        result = { id: existing.id, action: 'skipped', reason: 'trashed' };
        return;
      }
      const same =
        existing.title === title &&
        existing.body === input.body &&
        existing.properties === properties &&
        existing.date === input.date &&
        existing.kind === input.kind &&
        (input.time === undefined || existing.time === input.time) &&
        (input.isPublic === undefined || existing.is_public === (input.isPublic ? 1 : 0));
      if (same) return;
      if (opts.onExisting === 'skip') {
        result = { id: existing.id, action: 'skipped', reason: 'kept' };
        return;
      }
      if (existing.locked) {
        result = { id: existing.id, action: 'skipped', reason: 'locked' };
        return;
      }
      if (input.kind === 'daily' && (existing.kind !== 'daily' || existing.date !== input.date))
        assertDailyFree(db, input.date, existing.id);
      const next: EntryRow = {
        ...existing,
        kind: input.kind,
        title,
        title_key: titleKey(title),
        date: input.date,
        time: input.time !== undefined ? input.time : existing.time,
        body: input.body,
        properties,
        is_public: input.isPublic === undefined ? existing.is_public : input.isPublic ? 1 : 0,
        word_count: wordCountOf(input.body),
      };
      commit(db, existing, next, 'import', nowMs);
      writeDerived(ctx, db, next);
      relinkKey(db, existing.title_key);
      relinkKey(db, next.title_key);
      result = { id: existing.id, action: 'updated' };
      return;
    }
    if (input.kind === 'daily') {
      const daily = liveDailyFor(db, input.date);
      if (daily) {
        const pristine = daily.template_id !== null && daily.revision === 1;
        if (!pristine) assertDailyFree(db, input.date);
        const next: EntryRow = {
          ...daily,
          title: title || daily.title,
          title_key: titleKey(title || daily.title),
          body: input.body,
          properties,
          source_key: input.sourceKey,
          template_id: null,
          word_count: wordCountOf(input.body),
          created_at: input.createdAt ?? daily.created_at,
        };
        commit(db, daily, next, 'import', nowMs);
        stmt(db, `UPDATE entries SET created_at = ? WHERE id = ?`).run(next.created_at, daily.id);
        writeDerived(ctx, db, next);
        relinkKey(db, daily.title_key);
        relinkKey(db, next.title_key);
        result = { id: daily.id, action: 'created' };
        return;
      }
    }
    // An imported entry is public only when its source said so, and has a time only when its source
    // gave one: neither the kind's default visibility nor the clock at import time applies.
    const row = buildNewRow(ctx, db, {
      ...input,
      templateId: null,
      title,
      time: input.time ?? null,
      isPublic: input.isPublic ?? false,
    });
    insertNew(ctx, db, row, 'import');
    result = { id: row.id, action: 'created' };
  });
  if (result.action === 'created' || result.action === 'updated')
    emitChanges(ctx, [{ id: result.id, action: 'saved' }], 'import');
  return result;
}

/** Re-resolves [[links]] (e.g. after the papers domain added papers a link names). Default: every unresolved link. */
export function refreshLinks(ctx: CoreContext, targetKeys?: readonly string[]): number {
  const db = sqlite(ctx);
  return db.transaction(() => {
    const rows = (
      targetKeys
        ? targetKeys.flatMap((k) => stmt(db, `SELECT id, target FROM entry_links WHERE target_key = ?`).all(k))
        : stmt(db, `SELECT id, target FROM entry_links WHERE target_entry_id IS NULL`).all()
    ) as { id: number; target: string }[];
    const upd = stmt(db, `UPDATE entry_links SET target_key = ?, target_entry_id = ?, target_paper_id = ? WHERE id = ?`);
    for (const r of rows) {
      const t = resolveLinkTarget(ctx, db, r.target);
      upd.run(t.key, t.entryId, t.paperId, r.id);
    }
    return rows.length;
  })();
}
