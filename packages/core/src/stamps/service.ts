import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { FolioError, type FieldIssue } from '../contract/errors';
import type {
  EvidenceDto,
  RuleCheckDto,
  StampArtDto,
  StampDto,
  StampExportDto,
  StampImageDto,
  StampRuleDto,
  StampSourcesDto,
} from '../contract/stamps';
import type { EarnedStampBrief } from '../contract/tracking';
import { sniffMime } from '../system/blobs';
import { readSetting } from '../system/settings';
import {
  badgeSpecSchema,
  ICON_NAMES,
  PALETTE_NAMES,
  renderCollectionHtml,
  renderStampDataUrl,
  renderStampPng,
  type BadgeSpec,
  type CollectionStamp,
} from './art';
import {
  checkRule,
  describeRule,
  evaluateRule,
  evaluateStamps,
  listSources,
  parseRule,
  ruleSources,
  summarizeEvidence,
  type Day,
  type RuleResult,
  type StampDefinition,
  type StampState,
} from './engine';
import { activityRegistry, memoByStore } from './registry';
import { STARTER_STAMPS } from './starter';

type Sqlite = Database.Database;

/** Rules look no further back than this: the engine scans only days that hold data. */
export const EVALUATION_FROM: Day = '1970-01-01';

const stmtCache = new WeakMap<Sqlite, Map<string, Database.Statement>>();
function stmt(ctx: CoreContext, sql: string): Database.Statement {
  const db = ctx.store.sqlite;
  let m = stmtCache.get(db);
  if (!m) stmtCache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The user's calendar day now (the process's local time zone). */
export function todayOf(ctx: CoreContext): Day {
  const d = ctx.now();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function weekStartsOn(ctx: CoreContext): number {
  return memoByStore(ctx, 'setting:tracking.weekStartsOn', () => readSetting(ctx.store.db, 'tracking.weekStartsOn'));
}

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

interface StampRow {
  id: string;
  name: string;
  description: string;
  rule: string;
  art: string;
  image_sha: string | null;
  built_in: number;
  sort: number;
}

export interface StoredStamp {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  sort: number;
  art: StampArtDto;
  /** The raw rule as stored (shown even when invalid). */
  rawRule: unknown;
  /** Null when the stored rule does not parse (shown as broken). */
  def: StampDefinition | null;
  invalid: string | null;
}

const seeded = new WeakSet<Sqlite>();

/** Adds the starter stamps that were never added (a deleted one stays deleted). */
export function ensureStampsSeeded(ctx: CoreContext): void {
  const db = ctx.store.sqlite;
  if (seeded.has(db)) return;
  const now = ctx.now().toISOString();
  const insert = stmt(
    ctx,
    `INSERT OR IGNORE INTO stamps (id, name, description, rule, art, built_in, sort, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  db.transaction(() => {
    STARTER_STAMPS.forEach((s, i) =>
      insert.run(s.id, s.name, s.description, JSON.stringify(s.rule), JSON.stringify(s.art), (i + 1) * 10, now, now),
    );
  })();
  seeded.add(db);
}

const defsCache = new WeakMap<Sqlite, StoredStamp[]>();

function invalidateDefs(ctx: CoreContext): void {
  defsCache.delete(ctx.store.sqlite);
}

function parseArt(raw: string): StampArtDto {
  try {
    const v = JSON.parse(raw) as StampArtDto;
    if (v && (v.type === 'pixel' || v.type === 'image')) return v;
  } catch {}
  return { type: 'pixel', spec: { text: 'Stamp' } };
}

/** Every live stamp, in display order. */
export function loadStamps(ctx: CoreContext): StoredStamp[] {
  ensureStampsSeeded(ctx);
  const db = ctx.store.sqlite;
  const cached = defsCache.get(db);
  if (cached) return cached;
  const rows = stmt(
    ctx,
    `SELECT id, name, description, rule, art, image_sha, built_in, sort FROM stamps WHERE deleted_at IS NULL ORDER BY sort, created_at, id`,
  ).all() as StampRow[];
  const out = rows.map((r): StoredStamp => {
    let raw: unknown = null;
    let invalid: string | null = null;
    try {
      raw = JSON.parse(r.rule);
    } catch (e) {
      invalid = `The stored rule is not JSON: ${(e as Error).message}`;
    }
    const art = parseArt(r.art);
    let def: StampDefinition | null = null;
    if (!invalid) {
      const parsed = parseRule(raw);
      if (parsed.ok) {
        def = {
          id: r.id,
          name: r.name,
          description: r.description,
          rule: parsed.rule,
          art: art.type === 'pixel' ? { type: 'pixel', spec: art.spec as BadgeSpec } : art,
          builtIn: r.built_in === 1,
        };
      } else {
        const first = parsed.issues[0];
        invalid = `The rule is not valid: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'unknown problem'}`;
      }
    }
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      builtIn: r.built_in === 1,
      sort: r.sort,
      art,
      rawRule: raw,
      def,
      invalid,
    };
  });
  defsCache.set(db, out);
  return out;
}

/** Every source id some stamp's rule reads. */
function knownSources(ctx: CoreContext): string[] {
  const out = new Set<string>();
  for (const s of loadStamps(ctx)) if (s.def) for (const src of ruleSources(s.def.rule)) out.add(src);
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------------------------

interface StateRow {
  stamp_id: string;
  progress: number;
  current: number;
  target: number;
  earned: number;
  earned_at: string | null;
  evidence: string;
  broken: string | null;
  detail: string;
  evaluated_at: string;
  seen_at: string | null;
}

interface LoadedState extends StampState {
  seenAt: string | null;
}

/**
 * States, cached per open database: re-read only when another connection (the CLI, another window)
 * committed since (`PRAGMA data_version`), or after our own writes dropped the cache. Evidence JSON is
 * parsed only when someone reads it (an evaluation needs the figures, not the evidence).
 */
const stateCache = new WeakMap<Sqlite, { version: number; states: Map<string, LoadedState> }>();

function dataVersion(ctx: CoreContext): number {
  return ctx.store.sqlite.pragma('data_version', { simple: true }) as number;
}

function dropStateCache(ctx: CoreContext): void {
  stateCache.delete(ctx.store.sqlite);
}

function withLazyEvidence(st: Omit<LoadedState, 'evidence'>, raw: string): LoadedState {
  let parsed: RuleResult['evidence'] | undefined;
  return Object.defineProperty(st, 'evidence', {
    enumerable: true,
    configurable: true,
    get() {
      if (!parsed) {
        try {
          parsed = JSON.parse(raw) as RuleResult['evidence'];
        } catch {
          parsed = { days: [], items: [] };
        }
      }
      return parsed;
    },
    set(v: RuleResult['evidence']) {
      parsed = v;
    },
  }) as LoadedState;
}

function loadStates(ctx: CoreContext): Map<string, LoadedState> {
  const db = ctx.store.sqlite;
  const version = dataVersion(ctx);
  const cached = stateCache.get(db);
  if (cached && cached.version === version) return cached.states;
  const rows = stmt(ctx, `SELECT * FROM stamp_states`).all() as StateRow[];
  const out = new Map<string, LoadedState>();
  for (const r of rows) {
    const base: Omit<LoadedState, 'evidence'> = {
      stampId: r.stamp_id,
      progress: r.progress,
      current: r.current,
      target: r.target,
      earned: r.earned === 1,
      earnedAt: r.earned_at,
      detail: r.detail,
      evaluatedAt: r.evaluated_at,
      seenAt: r.seen_at,
    };
    if (r.broken) base.broken = { reason: r.broken };
    out.set(r.stamp_id, withLazyEvidence(base, r.evidence));
  }
  stateCache.set(db, { version, states: out });
  return out;
}

function sameState(a: StampState | undefined, b: StampState): boolean {
  if (!a) return false;
  return (
    a.earned === b.earned &&
    a.progress === b.progress &&
    a.current === b.current &&
    a.target === b.target &&
    a.earnedAt === b.earnedAt &&
    (a.broken?.reason ?? null) === (b.broken?.reason ?? null) &&
    a.detail === b.detail
  );
}

/**
 * The last evidence serialised per stamp: an event that moves a stamp's figures often leaves its
 * evidence (for an all-time total, every day with activity: ten years are tens of kB) as it was, and
 * comparing it is cheaper than serialising it again. A memo of `JSON.stringify` alone (keyed by equal
 * contents), so it holds whatever the table holds.
 */
const evidenceMemo = new WeakMap<CoreContext, Map<string, { days: readonly string[]; rest: string; json: string }>>();

function evidenceJson(ctx: CoreContext, stampId: string, evidence: StampState['evidence']): string {
  let m = evidenceMemo.get(ctx);
  if (!m) evidenceMemo.set(ctx, (m = new Map()));
  // Everything but the days, serialised (small), and a copy of the days: the engine's arrays are not
  // promised to stay as they are.
  const rest = JSON.stringify(evidence, function (this: unknown, key: string, value: unknown) {
    return this === evidence && key === 'days' ? 0 : value;
  });
  const hit = m.get(stampId);
  if (hit && hit.rest === rest && sameDays(hit.days, evidence.days)) return hit.json;
  const json = JSON.stringify(evidence);
  m.set(stampId, { days: evidence.days.slice(), rest, json });
  return json;
}

function sameDays(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function persistStates(ctx: CoreContext, states: readonly StampState[]): void {
  if (states.length === 0) return;
  const now = ctx.now().toISOString();
  const up = stmt(
    ctx,
    `INSERT INTO stamp_states (stamp_id, progress, current, target, earned, earned_at, evidence, broken, detail, evaluated_at, seen_at, updated_at)
     VALUES (@stampId, @progress, @current, @target, @earned, @earnedAt, @evidence, @broken, @detail, @evaluatedAt, NULL, @now)
     ON CONFLICT(stamp_id) DO UPDATE SET progress = excluded.progress, current = excluded.current, target = excluded.target,
       earned = excluded.earned, earned_at = excluded.earned_at, evidence = excluded.evidence, broken = excluded.broken,
       detail = excluded.detail, evaluated_at = excluded.evaluated_at, updated_at = excluded.updated_at,
       seen_at = CASE WHEN stamp_states.earned = 0 AND excluded.earned = 1 THEN NULL ELSE stamp_states.seen_at END`,
  );
  const cache = stateCache.get(ctx.store.sqlite);
  ctx.store.sqlite.transaction(() => {
    for (const s of states) {
      const prev = cache?.states.get(s.stampId);
      cache?.states.set(s.stampId, { ...s, seenAt: prev && (prev.earned || !s.earned) ? prev.seenAt : null });
      up.run({
        stampId: s.stampId,
        progress: s.progress,
        current: s.current,
        target: s.target,
        earned: s.earned ? 1 : 0,
        earnedAt: s.earnedAt,
        evidence: evidenceJson(ctx, s.stampId, s.evidence),
        broken: s.broken?.reason ?? null,
        detail: s.detail,
        evaluatedAt: s.evaluatedAt,
        now,
      });
    }
  })();
}

// ---------------------------------------------------------------------------------------------
// Evaluation (incremental, after events)
// ---------------------------------------------------------------------------------------------

interface Runtime {
  pending: Set<string>;
  all: boolean;
  scheduled: ReturnType<typeof setImmediate> | null;
  closed: boolean;
}

const runtimes = new WeakMap<CoreContext, Runtime>();
function runtime(ctx: CoreContext): Runtime {
  let r = runtimes.get(ctx);
  if (!r) runtimes.set(ctx, (r = { pending: new Set(), all: false, scheduled: null, closed: false }));
  return r;
}

/**
 * Queues sources touched by a change ('all' after a restore or a week-start change); they are
 * evaluated together on the next turn of the event loop, or now by `flushStamps`.
 */
export function queueActivity(ctx: CoreContext, sources: readonly string[] | 'all'): void {
  const rt = runtime(ctx);
  if (rt.closed) return;
  if (sources === 'all') rt.all = true;
  else for (const s of sources) rt.pending.add(s);
  if (!rt.all && rt.pending.size === 0) return;
  rt.scheduled ??= setImmediate(() => {
    rt.scheduled = null;
    try {
      flushStamps(ctx);
    } catch (err) {
      console.error('[folio] stamp evaluation failed:', err);
    }
  });
}

/** Same for a `data:changed { domain }` from a domain that does not name its sources. */
export function queueDomain(ctx: CoreContext, domain: string): void {
  const sources = activityRegistry(ctx).sourcesForDomain(domain, knownSources(ctx));
  if (sources.length > 0) queueActivity(ctx, sources);
}

/** Evaluates what is queued now; returns the stamps it earned. */
export function flushStamps(ctx: CoreContext): EarnedStampBrief[] {
  const rt = runtime(ctx);
  if (rt.scheduled) {
    clearImmediate(rt.scheduled);
    rt.scheduled = null;
  }
  const all = rt.all;
  const sources = [...rt.pending];
  rt.all = false;
  rt.pending.clear();
  if (!all && sources.length === 0) return [];
  return runEvaluation(ctx, all ? 'all' : sources);
}

/** Called when the store closes: evaluate what is queued, then stop listening. */
export function closeStamps(ctx: CoreContext): void {
  try {
    flushStamps(ctx);
  } catch (err) {
    console.error('[folio] stamp evaluation failed:', err);
  }
  runtime(ctx).closed = true;
}

/**
 * `'all'`: every locked stamp; `'stale'`: only stamps never evaluated or last evaluated before today;
 * a source list: the stamps reading those sources (plus stale ones).
 */
function runEvaluation(ctx: CoreContext, scope: 'all' | 'stale' | readonly string[]): EarnedStampBrief[] {
  const registry = activityRegistry(ctx);
  const stored = loadStamps(ctx);
  const defs = stored.flatMap((s) => (s.def ? [s.def] : []));
  if (defs.length === 0) return [];
  const asOf = todayOf(ctx);
  const loaded = loadStates(ctx);
  const fresh = new Map<string, StampState>();
  for (const [id, st] of loaded) if (st.earned || st.evaluatedAt === asOf) fresh.set(id, st);
  const result = registry.batch(() => {
    const event = scope === 'all' ? undefined : { sources: scope === 'stale' ? [] : registry.withDependents(scope) };
    return evaluateStamps(
      defs,
      fresh,
      { activity: registry, asOf, from: EVALUATION_FROM, weekStartsOn: weekStartsOn(ctx) },
      event,
    );
  });
  const changed = result.updated.filter(
    (s) => !sameState(loaded.get(s.stampId), s) || loaded.get(s.stampId)?.evaluatedAt !== s.evaluatedAt,
  );
  // Decided before persisting: the cached states are updated in place.
  const visible = changed.filter((s) => !sameState(loaded.get(s.stampId), s)).map((s) => s.stampId);
  persistStates(ctx, changed);
  const byId = new Map(stored.map((s) => [s.id, s]));
  const earned: EarnedStampBrief[] = [];
  for (const st of result.newlyEarned) {
    const s = byId.get(st.stampId);
    if (!s) continue;
    earned.push({ id: s.id, name: s.name, earnedAt: st.earnedAt! });
    ctx.events.emit('stamps:earned', {
      stamp: { id: s.id, name: s.name, description: s.description, image: imageOf(s) },
      earnedAt: st.earnedAt!,
      evidence: st.evidence as EvidenceDto,
      evidenceText: summarizeEvidence(st.evidence),
    });
  }
  if (visible.length > 0) ctx.events.emit('data:changed', { domain: 'stamps', action: 'evaluate', ids: visible });
  return earned;
}

/** Brings stale states (new stamps, or last judged before today) up to date. */
export function refreshStamps(ctx: CoreContext): EarnedStampBrief[] {
  return [...flushStamps(ctx), ...runEvaluation(ctx, 'stale')];
}

/** Re-evaluates every locked stamp. */
export function recheckStamps(ctx: CoreContext): { evaluated: number; newlyEarned: EarnedStampBrief[] } {
  flushStamps(ctx);
  const locked = loadStamps(ctx).filter((s) => s.def).length;
  const newlyEarned = runEvaluation(ctx, 'all');
  return { evaluated: locked, newlyEarned };
}

/** Stamps earned on days in [from, to], oldest first. */
export function stampsEarnedBetween(ctx: CoreContext, from: Day, to: Day): EarnedStampBrief[] {
  refreshStamps(ctx);
  return stmt(
    ctx,
    `SELECT s.id AS id, s.name AS name, st.earned_at AS earnedAt FROM stamp_states st JOIN stamps s ON s.id = st.stamp_id
     WHERE st.earned = 1 AND st.earned_at BETWEEN ? AND ? AND s.deleted_at IS NULL ORDER BY st.earned_at, s.sort`,
  ).all(from, to) as EarnedStampBrief[];
}

// ---------------------------------------------------------------------------------------------
// DTOs
// ---------------------------------------------------------------------------------------------

const dataUrlCache = new Map<string, string>();
function pixelDataUrl(spec: BadgeSpec, locked = false, scale = 1): string {
  const key = `${locked ? 1 : 0}${scale}${JSON.stringify(spec)}`;
  let url = dataUrlCache.get(key);
  if (!url) {
    const parsed = badgeSpecSchema.safeParse(spec);
    url = renderStampDataUrl(parsed.success ? (parsed.data as BadgeSpec) : { text: spec.text || 'Stamp' }, { locked, scale });
    if (dataUrlCache.size > 500) dataUrlCache.clear();
    dataUrlCache.set(key, url);
  }
  return url;
}

function imageOf(s: Pick<StoredStamp, 'art' | 'name'>): StampImageDto {
  if (s.art.type === 'image') return { blob: s.art.file, alt: s.art.alt || `${s.name} stamp` };
  return { dataUrl: pixelDataUrl(s.art.spec as BadgeSpec), alt: `${s.name} stamp` };
}

function toDto(ctx: CoreContext, s: StoredStamp, st: LoadedState | undefined): StampDto {
  const registry = activityRegistry(ctx);
  const evidence = (st?.evidence ?? { days: [], items: [] }) as EvidenceDto;
  const broken = s.invalid ?? st?.broken?.reason ?? (s.def && !st?.earned ? checkRule(s.def.rule, registry) : null) ?? null;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rule: (s.def?.rule ?? s.rawRule) as StampRuleDto,
    ruleText: s.def ? describeRule(s.def.rule, registry) : (s.invalid ?? ''),
    art: s.art,
    image: imageOf(s),
    builtIn: s.builtIn,
    sort: s.sort,
    earned: st?.earned ?? false,
    earnedAt: st?.earnedAt ?? null,
    progress: st ? Math.round(st.progress * 1000) / 1000 : 0,
    current: st?.current ?? 0,
    target: st?.target ?? 0,
    detail: broken && !st?.earned ? broken : (st?.detail ?? ''),
    evidence,
    evidenceText: summarizeEvidence(evidence),
    broken: st?.earned ? null : broken,
    evaluatedAt: st?.evaluatedAt ?? null,
    unseen: Boolean(st?.earned && !st.seenAt),
  };
}

export function listStampDtos(ctx: CoreContext): StampDto[] {
  refreshStamps(ctx);
  const states = loadStates(ctx);
  return loadStamps(ctx).map((s) => toDto(ctx, s, states.get(s.id)));
}

export function getStampDto(ctx: CoreContext, id: string): StampDto {
  refreshStamps(ctx);
  const s = loadStamps(ctx).find((x) => x.id === id);
  if (!s) throw new FolioError('not_found', `There is no stamp "${id}".`);
  return toDto(ctx, s, loadStates(ctx).get(id));
}

export function markSeen(ctx: CoreContext, ids: readonly string[]): number {
  const now = ctx.now().toISOString();
  const up = stmt(ctx, `UPDATE stamp_states SET seen_at = ? WHERE stamp_id = ? AND earned = 1 AND seen_at IS NULL`);
  let n = 0;
  ctx.store.sqlite.transaction(() => {
    for (const id of ids) n += up.run(now, id).changes;
  })();
  dropStateCache(ctx);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------------------------

function ruleIssues(rule: unknown): { rule: StampRuleDto | null; issues: FieldIssue[] } {
  const parsed = parseRule(rule);
  if (parsed.ok) return { rule: parsed.rule as StampRuleDto, issues: [] };
  return { rule: null, issues: parsed.issues.map((i) => ({ path: i.path ? `rule.${i.path}` : 'rule', message: i.message })) };
}

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function artIssues(ctx: CoreContext, art: unknown): { art: StampArtDto | null; issues: FieldIssue[] } {
  const a = art as { type?: unknown; spec?: unknown; file?: unknown; alt?: unknown } | null;
  if (!a || typeof a !== 'object')
    return { art: null, issues: [{ path: 'art', message: 'Choose a picture: a Folio badge or your own image' }] };
  if (a.type === 'pixel') {
    const r = badgeSpecSchema.safeParse(a.spec);
    if (r.success) return { art: { type: 'pixel', spec: r.data }, issues: [] };
    return {
      art: null,
      issues: r.error.issues.map((i) => ({ path: ['art', 'spec', ...i.path.map(String)].join('.'), message: i.message })),
    };
  }
  if (a.type === 'image') {
    const file = typeof a.file === 'string' ? a.file : '';
    if (!/^[0-9a-f]{64}$/.test(file) || !ctx.blobs.has(file)) {
      return { art: null, issues: [{ path: 'art.file', message: 'Upload an image first (PNG, JPEG, GIF or WebP)' }] };
    }
    const mime = sniffMime(ctx.blobs.read(file).subarray(0, 16));
    if (!IMAGE_MIMES.has(mime))
      return { art: null, issues: [{ path: 'art.file', message: 'That file is not a PNG, JPEG, GIF or WebP image' }] };
    const alt = typeof a.alt === 'string' ? a.alt.trim().slice(0, 200) : '';
    return { art: alt ? { type: 'image', file, alt } : { type: 'image', file }, issues: [] };
  }
  return {
    art: null,
    issues: [{ path: 'art.type', message: 'A picture is a Folio badge ("pixel") or your own image ("image")' }],
  };
}

function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'stamp';
}

export interface SaveStampInput {
  id?: string | undefined;
  name: string;
  description?: string | undefined;
  rule: unknown;
  art: unknown;
}

export function saveStamp(ctx: CoreContext, input: SaveStampInput): StampDto {
  ensureStampsSeeded(ctx);
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (name === '') issues.push({ path: 'name', message: 'Give the stamp a name' });
  const r = ruleIssues(input.rule);
  issues.push(...r.issues);
  const a = artIssues(ctx, input.art);
  issues.push(...a.issues);
  if (issues.length > 0 || !r.rule || !a.art) {
    throw new FolioError('bad_request', `The stamp was not saved: ${issues[0]!.message}`, { issues });
  }
  const now = ctx.now().toISOString();
  const db = ctx.store.sqlite;
  const ruleJson = JSON.stringify(r.rule);
  const artJson = JSON.stringify(a.art);
  const imageSha = a.art.type === 'image' ? a.art.file : null;
  let id = input.id;
  db.transaction(() => {
    if (id) {
      const row = stmt(ctx, `SELECT rule FROM stamps WHERE id = ? AND deleted_at IS NULL`).get(id) as
        { rule: string } | undefined;
      if (!row) throw new FolioError('not_found', `There is no stamp "${id}".`);
      stmt(ctx, `UPDATE stamps SET name = ?, description = ?, rule = ?, art = ?, image_sha = ?, updated_at = ? WHERE id = ?`).run(
        name,
        input.description?.trim() ?? '',
        ruleJson,
        artJson,
        imageSha,
        now,
        id,
      );
      // An edited rule is judged afresh (an earned stamp may become locked again).
      if (row.rule !== ruleJson) {
        stmt(ctx, `DELETE FROM stamp_states WHERE stamp_id = ?`).run(id);
        dropStateCache(ctx);
      }
    } else {
      const base = slugify(name);
      let candidate = base;
      for (let i = 2; stmt(ctx, `SELECT 1 FROM stamps WHERE id = ?`).get(candidate); i++) candidate = `${base}-${i}`;
      id = candidate;
      const sort = (stmt(ctx, `SELECT coalesce(max(sort), 0) + 10 AS s FROM stamps`).get() as { s: number }).s;
      stmt(
        ctx,
        `INSERT INTO stamps (id, name, description, rule, art, image_sha, built_in, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      ).run(id, name, input.description?.trim() ?? '', ruleJson, artJson, imageSha, sort, now, now);
    }
  })();
  invalidateDefs(ctx);
  ctx.events.emit('data:changed', { domain: 'stamps', ids: [id!], action: input.id ? 'update' : 'create' });
  return getStampDto(ctx, id!);
}

export function deleteStamp(ctx: CoreContext, id: string): void {
  const now = ctx.now().toISOString();
  const r = stmt(ctx, `UPDATE stamps SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, now, id);
  if (r.changes === 0) throw new FolioError('not_found', `There is no stamp "${id}".`);
  stmt(ctx, `DELETE FROM stamp_states WHERE stamp_id = ?`).run(id);
  dropStateCache(ctx);
  invalidateDefs(ctx);
  ctx.events.emit('data:changed', { domain: 'stamps', ids: [id], action: 'delete' });
}

/** Brings back deleted starter stamps (with their shipped rules). */
export function resetStarterStamps(ctx: CoreContext): StampDto[] {
  ensureStampsSeeded(ctx);
  const now = ctx.now().toISOString();
  const up = stmt(
    ctx,
    `UPDATE stamps SET deleted_at = NULL, name = ?, description = ?, rule = ?, art = ?, image_sha = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL`,
  );
  ctx.store.sqlite.transaction(() => {
    for (const s of STARTER_STAMPS) up.run(s.name, s.description, JSON.stringify(s.rule), JSON.stringify(s.art), now, s.id);
  })();
  invalidateDefs(ctx);
  ctx.events.emit('data:changed', { domain: 'stamps', action: 'reset' });
  return listStampDtos(ctx);
}

export function checkRuleDto(ctx: CoreContext, rule: unknown): RuleCheckDto {
  const parsed = parseRule(rule);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, description: null, broken: null, preview: null };
  const registry = activityRegistry(ctx);
  const description = describeRule(parsed.rule, registry);
  const broken = checkRule(parsed.rule, registry);
  if (broken) return { ok: true, issues: [], description, broken, preview: null };
  const r = registry.batch(() =>
    evaluateRule(parsed.rule, {
      activity: registry,
      asOf: todayOf(ctx),
      from: EVALUATION_FROM,
      weekStartsOn: weekStartsOn(ctx),
      evidenceItemLimit: 0,
    }),
  );
  return {
    ok: true,
    issues: [],
    description,
    broken: null,
    preview: {
      progress: r.progress,
      current: r.current,
      target: r.target,
      earned: r.earned,
      earnedAt: r.earnedAt,
      detail: r.detail,
    },
  };
}

export function badgeDataUrl(spec: unknown, opts: { locked?: boolean | undefined; scale?: number | undefined }): string {
  const r = badgeSpecSchema.safeParse(spec);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: ['spec', ...i.path.map(String)].join('.'), message: i.message }));
    throw new FolioError('bad_request', `The badge cannot be drawn: ${issues[0]!.message}`, { issues });
  }
  return pixelDataUrl(r.data as BadgeSpec, opts.locked ?? false, opts.scale ?? 1);
}

export function stampSources(ctx: CoreContext): StampSourcesDto {
  const registry = activityRegistry(ctx);
  const sources = listSources().map((s) => ({
    ...s,
    available: s.parameter ? registry.isAvailable(s.id.replace(/<[^>]+>$/, 'x')) : registry.isAvailable(s.id),
  }));
  const metrics: StampSourcesDto['metrics'] = [];
  const habits: StampSourcesDto['habits'] = [];
  const categories: StampSourcesDto['categories'] = [];
  for (const p of registry.list()) {
    const extra = p.catalog?.();
    if (extra) {
      metrics.push(...(extra.metrics ?? []));
      habits.push(...(extra.habits ?? []));
      categories.push(...(extra.categories ?? []));
    }
  }
  return {
    sources,
    metrics,
    habits,
    categories,
    journalKinds: [...(registry.journalKinds() ?? [])],
    icons: [...ICON_NAMES],
    palettes: [...PALETTE_NAMES],
    backgrounds: ['gradient', 'solid', 'stripes', 'checker', 'dots'],
  };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

function imageFile(ctx: CoreContext, s: StoredStamp): { name: string; bytes: Buffer; mime: string } {
  if (s.art.type === 'image' && ctx.blobs.has(s.art.file)) {
    const bytes = ctx.blobs.read(s.art.file);
    const mime = sniffMime(bytes.subarray(0, 16));
    const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' }[mime] ?? 'png';
    if (IMAGE_MIMES.has(mime)) return { name: `${s.id}.${ext}`, bytes, mime };
  }
  const spec = s.art.type === 'pixel' ? (s.art.spec as BadgeSpec) : { text: s.name.slice(0, 40) };
  const parsed = badgeSpecSchema.safeParse(spec);
  return {
    name: `${s.id}.png`,
    bytes: renderStampPng(parsed.success ? (parsed.data as BadgeSpec) : { text: 'Stamp' }),
    mime: 'image/png',
  };
}

interface CollectionOpts {
  includeLocked?: boolean | undefined;
  title?: string | undefined;
  subtitle?: string | undefined;
}

function collection(
  ctx: CoreContext,
  opts: CollectionOpts,
): { stamps: StampDto[]; entries: { stored: StoredStamp; dto: StampDto; image: ReturnType<typeof imageFile> }[] } {
  const dtos = listStampDtos(ctx);
  const byId = new Map(loadStamps(ctx).map((s) => [s.id, s]));
  const entries = dtos
    .filter((d) => (opts.includeLocked ?? true) || d.earned)
    .map((dto) => ({ stored: byId.get(dto.id)!, dto, image: imageFile(ctx, byId.get(dto.id)!) }));
  return { stamps: dtos, entries };
}

function collectionStamp(dto: StampDto, image: string): CollectionStamp {
  const c: CollectionStamp = { name: dto.name, description: dto.description, image, alt: dto.image.alt, earnedAt: dto.earnedAt };
  if (dto.earned) c.evidence = dto.evidenceText;
  else {
    c.progress = dto.progress;
    c.progressText = dto.broken ? `Broken: ${dto.broken}` : dto.detail;
  }
  return c;
}

export function exportCollection(ctx: CoreContext, dir: string, opts: CollectionOpts): StampExportDto {
  const target = path.resolve(dir);
  const { entries } = collection(ctx, opts);
  try {
    fs.mkdirSync(target, { recursive: true });
    const images: string[] = [];
    for (const e of entries) {
      fs.writeFileSync(path.join(target, e.image.name), e.image.bytes);
      images.push(e.image.name);
    }
    const html = renderCollectionHtml(
      entries.map((e) => collectionStamp(e.dto, e.image.name)),
      {
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.subtitle ? { subtitle: opts.subtitle } : {}),
        generatedOn: todayOf(ctx),
        includeLocked: opts.includeLocked ?? true,
      },
    );
    const index = path.join(target, 'index.html');
    fs.writeFileSync(index, html);
    return { dir: target, index, images, stamps: entries.length, earned: entries.filter((e) => e.dto.earned).length };
  } catch (err) {
    if (err instanceof FolioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new FolioError('disk_full', `The disk is full: could not write to ${target}.`);
    throw new FolioError('io_error', `Could not write the collection to ${target}: ${(err as Error).message}`);
  }
}

/** The collection as one self-contained HTML file: every image inlined as a data URL. */
export function exportCollectionHtml(ctx: CoreContext, opts: CollectionOpts): { html: string; fileName: string } {
  const { entries } = collection(ctx, opts);
  const token = (i: number) => `folio-image-${i}.png`;
  let html = renderCollectionHtml(
    entries.map((e, i) => collectionStamp(e.dto, token(i))),
    {
      ...(opts.title ? { title: opts.title } : {}),
      ...(opts.subtitle ? { subtitle: opts.subtitle } : {}),
      generatedOn: todayOf(ctx),
      includeLocked: opts.includeLocked ?? true,
    },
  );
  entries.forEach((e, i) => {
    html = html.split(`src="${token(i)}"`).join(`src="data:${e.image.mime};base64,${e.image.bytes.toString('base64')}"`);
  });
  return { html, fileName: `stamps-${todayOf(ctx)}.html` };
}
