// The journal's reads: timeline, trash, calendar, streak, on this day, titles, backlinks, tags,
// revisions, activity for other domains.
import type { CoreContext } from '../app/context';
import { FolioError } from '../contract/errors';
import type {
  BacklinkDto,
  BacklinksDto,
  CalendarDto,
  EntryDto,
  EntrySummaryDto,
  ListEntriesDto,
  OnThisDayDto,
  RevisionDto,
  RevisionSummaryDto,
  StreakDto,
  TagNodeDto,
  TagsDto,
  TitleHitDto,
  TrashDto,
} from '../contract/journal';
import { addDays, dayToEpoch, localDay, monthRange } from './dates';
import { titleProviders } from './link-providers';
import { extractWikilinks, findUnlinkedMentions, titleKey } from './markdown';
import {
  ORDER_BY,
  SUMMARY_COLUMNS,
  WRITTEN,
  getEntryRow,
  parseJsonObject,
  revisionSummary,
  stmt,
  tagsFor,
  toEntry,
  toSummary,
  type EntryRow,
  type RevisionRow,
  type Sqlite,
  type SummaryRow,
} from './repo';
import { ensureSeeded } from './service';

function sqlite(ctx: CoreContext): Sqlite {
  return ctx.store.sqlite;
}

function summaries(db: Sqlite, rows: SummaryRow[]): EntrySummaryDto[] {
  const tags = tagsFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toSummary(r, tags.get(r.id) ?? []));
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface ListFilter {
  kind?: string;
  kinds?: string[];
  /** A tag; also matches its series (`paper` matches `paper/ml`). */
  tag?: string;
  from?: string;
  to?: string;
  isPublic?: boolean;
  titleContains?: string;
  writtenOnly?: boolean;
  /** Entries in the trash instead of live ones. */
  trashed?: boolean;
  order?: keyof typeof ORDER_BY;
  offset?: number;
  limit?: number;
}

function whereOf(f: ListFilter): { where: string; params: unknown[] } {
  const parts: string[] = [f.trashed ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: unknown[] = [];
  const kinds = [...(f.kinds ?? []), ...(f.kind ? [f.kind] : [])];
  if (kinds.length > 0) {
    parts.push(`kind IN (${kinds.map(() => '?').join(',')})`);
    params.push(...kinds);
  }
  if (f.from) {
    parts.push('date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    parts.push('date <= ?');
    params.push(f.to);
  }
  if (f.isPublic !== undefined) {
    parts.push('is_public = ?');
    params.push(f.isPublic ? 1 : 0);
  }
  if (f.titleContains) {
    for (const word of titleKey(f.titleContains).split(' ').filter(Boolean)) {
      parts.push(`title_key LIKE ? ESCAPE '\\'`);
      params.push(`%${likeEscape(word)}%`);
    }
  }
  if (f.tag) {
    const key = f.tag.replace(/^#/, '').toLocaleLowerCase();
    parts.push(`id IN (SELECT entry_id FROM entry_tags WHERE tag_key = ? OR tag_key LIKE ? ESCAPE '\\')`);
    params.push(key, `${likeEscape(key)}/%`);
  }
  if (f.writtenOnly) parts.push(WRITTEN);
  return { where: parts.join(' AND '), params };
}

/** A page of entries, newest first by default. */
export function listEntries(ctx: CoreContext, f: ListFilter = {}): ListEntriesDto {
  const db = sqlite(ctx);
  const { where, params } = whereOf(f);
  const limit = f.limit ?? 50;
  const offset = f.offset ?? 0;
  const order = f.trashed ? 'deleted_at DESC, id DESC' : ORDER_BY[f.order ?? 'date-desc'];
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM entries WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as SummaryRow[];
  const total = (db.prepare(`SELECT count(*) AS n FROM entries WHERE ${where}`).get(...params) as { n: number }).n;
  return { items: summaries(db, rows), total, nextOffset: offset + rows.length < total ? offset + rows.length : null };
}

export function listTrash(ctx: CoreContext, offset = 0, limit = 100): TrashDto {
  const r = listEntries(ctx, { trashed: true, offset, limit });
  return { items: r.items, total: r.total };
}

/**
 * Every entry with its body, oldest date first, read in batches (export, indexing). Synchronous: do
 * not write to the journal while iterating.
 */
export function* iterateAllEntries(
  ctx: CoreContext,
  opts: { includeDeleted?: boolean; batchSize?: number } = {},
): Generator<EntryDto> {
  const db = sqlite(ctx);
  const size = opts.batchSize ?? 200;
  const live = opts.includeDeleted ? '' : 'AND deleted_at IS NULL';
  let last = { date: '', id: '' };
  for (;;) {
    const rows = stmt(
      db,
      `SELECT * FROM entries WHERE (date > ? OR (date = ? AND id > ?)) ${live} ORDER BY date, id LIMIT ?`,
    ).all(last.date, last.date, last.id, size) as EntryRow[];
    if (rows.length === 0) return;
    const tags = tagsFor(
      db,
      rows.map((r) => r.id),
    );
    for (const r of rows) yield toEntry(r, tags.get(r.id) ?? []);
    const tail = rows[rows.length - 1]!;
    last = { date: tail.date, id: tail.id };
  }
}

export function calendar(ctx: CoreContext, month: string): CalendarDto {
  const { from, to } = monthRange(month);
  const rows = stmt(
    sqlite(ctx),
    `SELECT date, count(*) AS count, coalesce(sum(word_count), 0) AS words, group_concat(DISTINCT kind) AS kinds,
       max(kind = 'daily') AS has_daily
     FROM entries WHERE deleted_at IS NULL AND date BETWEEN ? AND ? AND ${WRITTEN} GROUP BY date ORDER BY date`,
  ).all(from, to) as { date: string; count: number; words: number; kinds: string; has_daily: number }[];
  return {
    month,
    days: rows.map((r) => ({
      date: r.date,
      count: r.count,
      words: r.words,
      kinds: r.kinds.split(','),
      hasDaily: r.has_daily === 1,
    })),
  };
}

/** Days with writing (any kind), as a run ending today, or yesterday while today is still open. */
export function streak(ctx: CoreContext, today?: string): StreakDto {
  const day = today ?? localDay(ctx.now());
  const dates = (
    stmt(
      sqlite(ctx),
      `SELECT DISTINCT date FROM entries WHERE deleted_at IS NULL AND date <= ? AND ${WRITTEN} ORDER BY date`,
    ).all(day) as {
      date: string;
    }[]
  ).map((r) => dayToEpoch(r.date));
  let longest = 0;
  let run = 0;
  for (let i = 0; i < dates.length; i++) {
    run = i > 0 && dates[i] === dates[i - 1]! + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const t = dayToEpoch(day);
  const lastEpoch = dates.at(-1);
  const todayDone = lastEpoch === t;
  const current = lastEpoch !== undefined && (lastEpoch === t || lastEpoch === t - 1) ? run : 0;
  return { current, longest, lastDate: lastEpoch === undefined ? null : addDays('1970-01-01', lastEpoch), todayDone };
}

/** Entries written on the same month and day in earlier years, newest year first. */
export function onThisDay(ctx: CoreContext, date?: string): OnThisDayDto {
  const day = date ?? localDay(ctx.now());
  const db = sqlite(ctx);
  const first = (stmt(db, `SELECT min(date) AS d FROM entries WHERE deleted_at IS NULL`).get() as { d: string | null }).d;
  const year = Number(day.slice(0, 4));
  const md = day.slice(4);
  const dates: string[] = [];
  if (first) {
    for (let y = year - 1; y >= Number(first.slice(0, 4)); y--) {
      const d = `${String(y).padStart(4, '0')}${md}`;
      if (md !== '-02-29' || (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) dates.push(d);
    }
  }
  const byYear = new Map<number, EntrySummaryDto[]>();
  for (let i = 0; i < dates.length; i += 400) {
    const chunk = dates.slice(i, i + 400);
    const rows = db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM entries WHERE date IN (${chunk.map(() => '?').join(',')}) AND deleted_at IS NULL AND ${WRITTEN}
         ORDER BY ${ORDER_BY['date-desc']}`,
      )
      .all(...chunk) as SummaryRow[];
    for (const s of summaries(db, rows)) {
      const y = Number(s.date.slice(0, 4));
      const list = byYear.get(y);
      if (list) list.push(s);
      else byYear.set(y, [s]);
    }
  }
  return {
    date: day,
    years: [...byYear.entries()].sort((a, b) => b[0] - a[0]).map(([y, entries]) => ({ year: y, yearsAgo: year - y, entries })),
  };
}

/** How well `title` matches the words of `query`: whole-title prefix > word starts > contains; 0 = no match. */
export function titleScore(query: string, title: string): number {
  const q = titleKey(query);
  const t = titleKey(title);
  if (!q) return 1;
  if (t === q) return 1000;
  if (t.startsWith(q)) return 800 - Math.min(t.length, 200);
  let score = 0;
  for (const w of q.split(' ').filter(Boolean)) {
    const at = t.indexOf(w);
    if (at < 0) return 0;
    score += at === 0 || /[\s\-_/:(]/.test(t[at - 1]!) ? 60 : 25;
  }
  return score - Math.min(t.length, 200) / 10;
}

const KIND_NAMES: Record<string, string> = {
  daily: 'Daily note',
  post: 'Post',
  weekly: 'Weekly review',
  meeting: 'Meeting note',
  paper: 'Paper note',
  note: 'Note',
};

/** Up to this many title matches are read by rowid from the title index (see titles()). */
const FEW_TITLE_MATCHES = 1000;

/** Entries (and, through providers, papers) whose title matches `query`, best first. */
export function titles(
  ctx: CoreContext,
  query: string,
  limit = 20,
  include: readonly ('entry' | 'paper')[] = ['entry', 'paper'],
): TitleHitDto[] {
  ensureSeeded(ctx);
  const db = sqlite(ctx);
  const hits: (TitleHitDto & { score: number; updated: string })[] = [];
  if (include.includes('entry')) {
    const words = titleKey(query).split(' ').filter(Boolean);
    const kindNames = new Map(
      (stmt(db, `SELECT key, name FROM entry_kinds`).all() as { key: string; name: string }[]).map((k) => [k.key, k.name]),
    );
    const likes = words.map((w) => `%${likeEscape(w)}%`);
    const matching = words.map(() => `title_key LIKE ? ESCAPE '\\'`).join(' AND ');
    // Few matches (a typed name): find them in the title index alone, then read just those rows; reading
    // every row newest first (bodies and all) until 500 match took ~10 ms at 6,000 entries. Many matches
    // (a digit, one letter): that walk stops early, so it stays.
    const few =
      words.length > 0 &&
      (stmt(db, `SELECT count(*) AS n FROM entries WHERE ${matching}`).get(...likes) as { n: number }).n <= FEW_TITLE_MATCHES;
    const rows = stmt(
      db,
      `SELECT id, title, kind, date, updated_at FROM entries WHERE deleted_at IS NULL AND title != ''
       ${few ? `AND rowid IN (SELECT rowid FROM entries WHERE ${matching})` : words.length ? `AND ${matching}` : ''}
       ORDER BY updated_at DESC LIMIT ?`,
    ).all(...likes, words.length ? 500 : limit) as {
      id: string;
      title: string;
      kind: string;
      date: string;
      updated_at: string;
    }[];
    for (const r of rows) {
      hits.push({
        kind: 'entry',
        id: r.id,
        title: r.title,
        detail: `${r.date} · ${kindNames.get(r.kind) ?? KIND_NAMES[r.kind] ?? r.kind}`,
        entryKind: r.kind,
        date: r.date,
        score: titleScore(query, r.title),
        updated: r.updated_at,
      });
    }
  }
  if (include.includes('paper')) {
    for (const p of titleProviders(ctx)) {
      if (!include.includes(p.kind)) continue;
      for (const h of p.search(query, limit)) hits.push({ ...h, score: titleScore(query, h.title), updated: '' });
    }
  }
  return hits
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || (b.updated > a.updated ? 1 : b.updated < a.updated ? -1 : 0))
    .slice(0, limit)
    .map(({ score: _s, updated: _u, ...h }) => h);
}

function lineAround(text: string, start: number, end: number): string {
  const ls = text.lastIndexOf('\n', start - 1) + 1;
  let le = text.indexOf('\n', end);
  if (le < 0) le = text.length;
  const from = Math.max(ls, start - 100);
  const to = Math.min(le, end + 100);
  return (from > ls ? '…' : '') + text.slice(from, to).trim() + (to < le ? '…' : '');
}

/** Entries linking to this one, and entries mentioning its title without a link. */
export function backlinks(ctx: CoreContext, id: string): BacklinksDto {
  const db = sqlite(ctx);
  const target = getEntryRow(db, id);
  if (!target) throw new FolioError('not_found', `There is no journal entry ${id.slice(0, 40)}.`);
  const linkedRows = stmt(
    db,
    `SELECT e.* FROM entries e WHERE e.deleted_at IS NULL AND e.id != ?
       AND e.id IN (SELECT from_entry_id FROM entry_links WHERE target_entry_id = ?)
     ORDER BY ${ORDER_BY['date-desc']}`,
  ).all(id, id) as EntryRow[];
  const key = target.title_key;
  const linkedIds = new Set(linkedRows.map((r) => r.id));
  const linked: BacklinkDto[] = [];
  const tags = tagsFor(db, [...linkedIds]);
  for (const r of linkedRows) {
    const contexts: string[] = [];
    for (const l of extractWikilinks(r.body)) {
      if (titleKey(l.target) === key || titleKey(l.target.slice(l.target.lastIndexOf('/') + 1)) === key)
        contexts.push(lineAround(r.body, l.start, l.end));
      if (contexts.length >= 3) break;
    }
    if (contexts.length === 0) {
      for (const [name, value] of Object.entries(parseJsonObject(r.properties))) {
        if (JSON.stringify(value).toLocaleLowerCase().includes(`[[${target.title.toLocaleLowerCase()}`))
          contexts.push(`${name}: ${JSON.stringify(value)}`);
      }
    }
    linked.push({ entry: toSummary(r, tags.get(r.id) ?? []), contexts });
  }

  const unlinked: BacklinkDto[] = [];
  const title = target.title.trim();
  if ([...title].length >= 2) {
    // SQLite narrows (LIKE folds ASCII case only), the mention finder decides (whole words, not in code or links).
    const candidates = stmt(
      db,
      `SELECT * FROM entries WHERE deleted_at IS NULL AND id != ? AND body LIKE ? ESCAPE '\\' ORDER BY ${ORDER_BY['date-desc']} LIMIT 300`,
    ).all(id, `%${likeEscape(title)}%`) as EntryRow[];
    const found: { row: EntryRow; contexts: string[] }[] = [];
    for (const r of candidates) {
      if (linkedIds.has(r.id)) continue;
      const mentions = findUnlinkedMentions(r.body, [title]);
      if (mentions.length > 0) found.push({ row: r, contexts: mentions.slice(0, 3).map((m) => m.context) });
      if (found.length >= 50) break;
    }
    const t2 = tagsFor(
      db,
      found.map((f) => f.row.id),
    );
    for (const f of found) unlinked.push({ entry: toSummary(f.row, t2.get(f.row.id) ?? []), contexts: f.contexts });
  }
  return { linked, unlinked };
}

/** Tags with their counts, and the series tree (`a/b/c`) with totals per branch. */
export function tags(ctx: CoreContext): TagsDto {
  const db = sqlite(ctx);
  const rows = stmt(
    db,
    `SELECT t.entry_id AS id, t.tag_key AS key, t.tag AS tag FROM entry_tags t JOIN entries e ON e.id = t.entry_id WHERE e.deleted_at IS NULL`,
  ).all() as { id: string; key: string; tag: string }[];
  const spelling = new Map<string, string>();
  const direct = new Map<string, number>();
  const below = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!spelling.has(r.key)) spelling.set(r.key, r.tag);
    direct.set(r.key, (direct.get(r.key) ?? 0) + 1);
    const parts = r.key.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      let s = below.get(p);
      if (!s) below.set(p, (s = new Set()));
      s.add(r.id);
    }
  }
  const list = [...direct.entries()]
    .map(([k, n]) => ({ tag: spelling.get(k)!, count: n }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  const nodes = new Map<string, TagNodeDto>();
  const roots: TagNodeDto[] = [];
  for (const path of [...below.keys()].sort()) {
    const spelled = spelling.get(path);
    const segs = path.split('/');
    const name = spelled ? spelled.split('/').at(-1)! : segs.at(-1)!;
    const node: TagNodeDto = {
      name,
      path: spelled ?? path,
      count: direct.get(path) ?? 0,
      total: below.get(path)!.size,
      children: [],
    };
    nodes.set(path, node);
    const parent = segs.length > 1 ? nodes.get(segs.slice(0, -1).join('/')) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return { tags: list, tree: roots };
}

export function revisions(ctx: CoreContext, id: string): RevisionSummaryDto[] {
  const db = sqlite(ctx);
  if (!getEntryRow(db, id)) throw new FolioError('not_found', `There is no journal entry ${id.slice(0, 40)}.`);
  return (
    stmt(
      db,
      `SELECT id, entry_id, revision, reason, kind, title, date, is_public, word_count, saves, created_at, updated_at
       FROM entry_revisions WHERE entry_id = ? ORDER BY revision DESC`,
    ).all(id) as Omit<RevisionRow, 'body' | 'properties'>[]
  ).map(revisionSummary);
}

export function revision(ctx: CoreContext, id: string, rev: number): RevisionDto {
  const r = stmt(sqlite(ctx), `SELECT * FROM entry_revisions WHERE entry_id = ? AND revision = ?`).get(id, rev) as
    RevisionRow | undefined;
  if (!r) throw new FolioError('not_found', `Revision ${rev} of this entry does not exist.`);
  return {
    ...revisionSummary(r),
    body: r.body,
    properties: parseJsonObject(r.properties),
    date: r.date,
    kind: r.kind,
    isPublic: r.is_public === 1,
  };
}

export interface DayActivity {
  date: string;
  kind: string;
  /** Entries of that kind on that day that were written in (not template-fresh). */
  count: number;
  words: number;
}

/** Per day and kind: how many entries and words, for days in [from, to] (dashboard, stamps). */
/** Live entries written in (template-fresh ones excluded): one indexed count, the total of `entryActivity`. */
export function writtenEntryCount(ctx: CoreContext): number {
  const row = stmt(sqlite(ctx), `SELECT count(*) AS n FROM entries WHERE deleted_at IS NULL AND ${WRITTEN}`).get() as {
    n: number;
  };
  return row.n;
}

/** The day an entry sits on, trashed or not; null for an unknown id. */
export function entryDay(ctx: CoreContext, id: string): string | null {
  const row = stmt(sqlite(ctx), `SELECT date FROM entries WHERE id = ?`).get(id) as { date: string } | undefined;
  return row?.date ?? null;
}

export function entryActivity(ctx: CoreContext, from: string, to: string): DayActivity[] {
  return stmt(
    sqlite(ctx),
    `SELECT date, kind, count(*) AS count, coalesce(sum(word_count), 0) AS words FROM entries
     WHERE deleted_at IS NULL AND date BETWEEN ? AND ? AND ${WRITTEN} GROUP BY date, kind ORDER BY date, kind`,
  ).all(from, to) as DayActivity[];
}
