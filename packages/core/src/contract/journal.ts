import { z } from 'zod';
import { method, type MethodMap } from './rpc';

// The journal domain's calls ('journal:verb'), their payload schemas and DTOs.
//
// An entry's body is markdown (the canonical form: what users import, export and query). Its `date`
// is the calendar day it belongs to, separate from when it was written (`createdAt`/`updatedAt`, UTC,
// plus `tzOffsetMinutes` of the place it was written). Every save bumps `revision`; `journal:save`
// takes the revision the client started from and answers a `conflict` error (with the stored version
// in `details.current`) instead of overwriting a newer one.

// ---------------------------------------------------------------------------------------------
// Field schemas (messages are user-facing: they appear under the field)
// ---------------------------------------------------------------------------------------------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isRealDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function whyNotADate(v: string): string {
  const [y, mo] = v.split('-').map(Number) as [number, number];
  if (y < 1) return `${v} is not a real date: there is no year 0`;
  if (mo < 1 || mo > 12) return `${v} is not a real date: there is no month ${mo}`;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return `${v} is not a real date: ${MONTHS[mo - 1]} ${y} has ${days} days`;
}

/** A calendar date `YYYY-MM-DD`, checked to exist. */
export const isoDateSchema = z
  .string({ error: 'Give a date as YYYY-MM-DD' })
  .trim()
  .superRefine((v, ctx) => {
    if (!DATE_RE.test(v))
      ctx.addIssue({ code: 'custom', message: `“${v.slice(0, 40)}” is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25` });
    else if (!isRealDate(v)) ctx.addIssue({ code: 'custom', message: whyNotADate(v) });
  });

export const monthSchema = z
  .string({ error: 'Give a month as YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give a month as YYYY-MM, e.g. 2026-11');

export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as HH:MM (24-hour), e.g. 09:30');

/** Minutes east of UTC where the entry was written (UTC+8 is 480). */
export const tzOffsetSchema = z
  .number({ error: 'The time-zone offset is a number of minutes' })
  .int('The time-zone offset is a whole number of minutes')
  .min(-14 * 60, 'No time zone is more than 14 hours behind UTC')
  .max(14 * 60, 'No time zone is more than 14 hours ahead of UTC');

export const entryIdSchema = z.string({ error: 'Which entry?' }).min(1, 'Which entry?').max(64, 'Not an entry id');

export const MAX_BODY_CHARS = 5_000_000;
export const MAX_TITLE_CHARS = 300;

export const titleSchema = z
  .string()
  .max(MAX_TITLE_CHARS, `A title can be at most ${MAX_TITLE_CHARS} characters`)
  .refine((t) => !/[\r\n]/.test(t), 'A title is one line')
  .refine((t) => !/\[\[|\]\]|\|/.test(t), 'A title cannot contain “[[”, “]]” or “|” (they would break links to it)')
  .transform((t) => t.trim());

export const bodySchema = z.string().max(MAX_BODY_CHARS, 'An entry can hold at most 5 million characters');

/** Kind keys: `daily`, `post`, `weekly`, `meeting`, `paper`, `note`, or a user-defined slug. */
export const kindKeySchema = z
  .string({ error: 'Choose a kind of entry' })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'A kind is a short lowercase name (letters, digits, “-”), e.g. “book-notes”');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const jsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string().max(100_000),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(jsonValue).max(1000),
    z.record(z.string().max(200), jsonValue),
  ]),
);

/** Named fields (front matter): stored as JSON, queryable with `json_extract(properties, '$.name')`. */
export const propertiesSchema = z
  .record(z.string().min(1, 'A field needs a name').max(100, 'A field name can be at most 100 characters'), jsonValue)
  .refine((p) => JSON.stringify(p).length <= 200_000, 'Properties can hold at most 200 KB');

export const PROPERTY_TYPES = ['text', 'number', 'date', 'list', 'link', 'checkbox'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const fieldDefSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'A field needs a name')
    .max(100, 'A field name can be at most 100 characters')
    .refine((n) => n !== 'tags', '“tags” is built in: tags come from #hashtags and the tags field'),
  type: z.enum(PROPERTY_TYPES, { error: `A field is one of: ${PROPERTY_TYPES.join(', ')}` }),
  label: z.string().trim().max(100).optional(),
});

// ---------------------------------------------------------------------------------------------
// DTOs
// ---------------------------------------------------------------------------------------------

export type EntryProperties = Record<string, Json>;

/** An entry without its body: what lists, calendars and pickers show. */
export interface EntrySummaryDto {
  id: string;
  kind: string;
  title: string;
  /** The calendar day the entry belongs to (YYYY-MM-DD). */
  date: string;
  time: string | null;
  isPublic: boolean;
  /** Locked as "past": the body can only grow by dated edit notes. */
  locked: boolean;
  wordCount: number;
  tags: string[];
  /** The first words of the body as plain text. */
  excerpt: string;
  /** When it was first and last written (UTC ISO). */
  createdAt: string;
  updatedAt: string;
  tzOffsetMinutes: number;
  revision: number;
  /** Set while the entry is in the trash. */
  deletedAt: string | null;
  /** Created from a template and never edited since (does not count as writing). */
  pristine: boolean;
}

export interface EntryDto extends EntrySummaryDto {
  body: string;
  properties: EntryProperties;
  templateId: string | null;
  /** Set for imported entries: the importer's stable key (e.g. `obsidian:Daily/2026-11-25.md`). */
  sourceKey: string | null;
}

export type RevisionReason =
  | 'create'
  | 'autosave'
  | 'save'
  | 'restore'
  | 'rename'
  | 'link-rename'
  | 'lock'
  | 'unlock'
  | 'template'
  | 'edit-note'
  | 'keep-mine'
  | 'import';

export interface RevisionSummaryDto {
  entryId: string;
  /** The entry's revision number this snapshot holds. */
  revision: number;
  reason: RevisionReason;
  /** When this revision was first written, and last updated (autosaves coalesce into one). */
  createdAt: string;
  updatedAt: string;
  title: string;
  wordCount: number;
  /** Autosaves folded into this revision. */
  saves: number;
}

export interface RevisionDto extends RevisionSummaryDto {
  body: string;
  properties: EntryProperties;
  date: string;
  kind: string;
  isPublic: boolean;
}

export interface FieldDef {
  name: string;
  type: PropertyType;
  label?: string;
}

export interface KindDto {
  key: string;
  name: string;
  /** Built-in kinds cannot be deleted. */
  builtin: boolean;
  /** Typed fields the properties panel offers for this kind. */
  fields: FieldDef[];
  /** New entries of this kind start public (posts). */
  publicByDefault: boolean;
  /** Only one live entry per date (the daily note). */
  onePerDay: boolean;
  /** The template new entries of this kind start from. */
  templateId: string | null;
  entryCount: number;
}

export interface TemplateDto {
  id: string;
  name: string;
  /** The kind of entry it creates. */
  kind: string;
  /** Title pattern, e.g. `Meeting: {{date}}`. */
  title: string;
  /** Markdown with placeholders: {{date}} {{time}} {{weekday}} {{week}} {{year}} {{month}} {{day}} {{title}}. */
  body: string;
  /** Prefilled values of named fields. */
  properties: EntryProperties;
  /** Set for the shipped templates; `journal:template-reset` restores them. */
  builtinKey: string | null;
  /** True when a built-in template differs from its shipped version. */
  modified: boolean;
  updatedAt: string;
}

export interface ListEntriesDto {
  items: EntrySummaryDto[];
  total: number;
  /** Pass as `offset` for the next page; null at the end. */
  nextOffset: number | null;
}

export interface CalendarDayDto {
  date: string;
  count: number;
  words: number;
  kinds: string[];
  hasDaily: boolean;
}

export interface CalendarDto {
  month: string;
  days: CalendarDayDto[];
}

export interface StreakDto {
  /** Consecutive days with writing, ending today (or yesterday while today is still open). */
  current: number;
  longest: number;
  /** The last day with writing. */
  lastDate: string | null;
  todayDone: boolean;
}

export interface OnThisDayDto {
  date: string;
  years: { year: number; yearsAgo: number; entries: EntrySummaryDto[] }[];
}

/** One pick in the quick switcher / wikilink autocomplete: entries here, papers merged in by the papers domain. */
export interface TitleHitDto {
  kind: 'entry' | 'paper';
  id: string;
  title: string;
  /** e.g. `2026-11-25 · Meeting note`, or a paper's authors and year. */
  detail: string;
  /** The entry's kind (entries only). */
  entryKind?: string;
  date?: string;
}

export interface BacklinkDto {
  entry: EntrySummaryDto;
  /** Lines around the link or mention. */
  contexts: string[];
}

export interface BacklinksDto {
  /** Entries with a [[link]] to this one. */
  linked: BacklinkDto[];
  /** Entries that mention its title as plain text. */
  unlinked: BacklinkDto[];
}

export interface TagDto {
  tag: string;
  /** Live entries carrying exactly this tag. */
  count: number;
}

export interface TagNodeDto {
  /** Last segment: `ml` for `paper/ml`. */
  name: string;
  /** The whole series path: `paper/ml`. */
  path: string;
  count: number;
  /** Entries with this tag or any tag below it. */
  total: number;
  children: TagNodeDto[];
}

export interface TagsDto {
  tags: TagDto[];
  tree: TagNodeDto[];
}

export interface TrashDto {
  items: EntrySummaryDto[];
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------------------------

export const createEntrySchema = z.object({
  kind: kindKeySchema.default('post'),
  /** Start from this template (default: the kind's template). `null` starts empty. */
  templateId: z.string().min(1).nullable().optional(),
  title: titleSchema.optional(),
  /** Defaults to today (in the writer's time zone). */
  date: isoDateSchema.optional(),
  time: timeSchema.nullable().optional(),
  body: bodySchema.optional(),
  properties: propertiesSchema.optional(),
  isPublic: z.boolean().optional(),
  tzOffsetMinutes: tzOffsetSchema.optional(),
});

export const saveEntrySchema = z.object({
  id: entryIdSchema,
  /** The revision the client started from; a newer stored revision answers `conflict`. */
  baseRevision: z.number({ error: 'Which revision did you start from?' }).int().min(0),
  title: titleSchema.optional(),
  body: bodySchema.optional(),
  properties: propertiesSchema.optional(),
  date: isoDateSchema.optional(),
  time: timeSchema.nullable().optional(),
  kind: kindKeySchema.optional(),
  isPublic: z.boolean().optional(),
  /**
   * `autosave` (default) folds into the newest autosave revision while typing continues; `save` always
   * makes a revision; `keep-mine` resolves a conflict by saving on top of the other version.
   */
  mode: z.enum(['autosave', 'save', 'keep-mine']).default('autosave'),
});

const listSchema = z.object({
  kind: kindKeySchema.optional(),
  kinds: z.array(kindKeySchema).max(50).optional(),
  /** A tag; also matches the series below it (`paper` matches `paper/ml`). */
  tag: z.string().trim().min(1).max(200).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  isPublic: z.boolean().optional(),
  /** Words in the title. */
  titleContains: z.string().trim().max(200).optional(),
  /** Leave out template-fresh entries nobody wrote in. */
  writtenOnly: z.boolean().default(false),
  order: z.enum(['date-desc', 'date-asc', 'updated-desc']).default('date-desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export const templateSaveSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1, 'Give the template a name').max(100, 'A name can be at most 100 characters'),
  kind: kindKeySchema,
  title: z.string().max(MAX_TITLE_CHARS, `A title can be at most ${MAX_TITLE_CHARS} characters`).default(''),
  body: bodySchema.default(''),
  properties: propertiesSchema.default({}),
});

export const kindSaveSchema = z.object({
  key: kindKeySchema,
  name: z.string().trim().min(1, 'Give the kind a name').max(60, 'A name can be at most 60 characters'),
  fields: z
    .array(fieldDefSchema)
    .max(50, 'A kind can have at most 50 fields')
    .refine((f) => new Set(f.map((x) => x.name.toLowerCase())).size === f.length, 'Two fields have the same name')
    .default([]),
  publicByDefault: z.boolean().default(false),
  templateId: z.string().min(1).nullable().optional(),
});

export const journalContract = {
  /** Today's daily note, created from the daily template on first open. */
  'journal:today': method(
    z.object({ date: isoDateSchema.optional(), tzOffsetMinutes: tzOffsetSchema.optional() }),
  ).returns<EntryDto>(),
  'journal:get': method(z.object({ id: entryIdSchema })).returns<EntryDto>(),
  'journal:list': method(listSchema).returns<ListEntriesDto>(),
  'journal:create': method(createEntrySchema).returns<EntryDto>(),
  /** Saves changes; answers error `conflict` with `details.current` (an EntryDto) when the stored revision moved on. */
  'journal:save': method(saveEntrySchema).returns<EntryDto>(),
  /** Renames and rewrites `[[Old title]]` links in other entries (each a revision of that entry), in one transaction. */
  'journal:rename': method(
    z.object({ id: entryIdSchema, title: titleSchema, baseRevision: z.number().int().min(0).optional() }),
  ).returns<EntryDto & { linksUpdated: number; entriesUpdated: string[] }>(),
  'journal:apply-template': method(
    z.object({ id: entryIdSchema, templateId: z.string().min(1, 'Choose a template'), baseRevision: z.number().int().min(0) }),
  ).returns<EntryDto>(),
  /** Moves to the trash. */
  'journal:delete': method(z.object({ id: entryIdSchema })).returns<EntrySummaryDto>(),
  'journal:trash': method(
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
  ).returns<TrashDto>(),
  'journal:restore': method(z.object({ id: entryIdSchema })).returns<EntryDto>(),
  /** Deletes for good (only from the trash). */
  'journal:purge': method(z.object({ id: entryIdSchema })).returns<{ purged: number }>(),
  'journal:empty-trash': method(z.object({})).returns<{ purged: number }>(),
  'journal:revisions': method(z.object({ id: entryIdSchema })).returns<RevisionSummaryDto[]>(),
  'journal:revision': method(z.object({ id: entryIdSchema, revision: z.number().int().min(1) })).returns<RevisionDto>(),
  'journal:restore-revision': method(
    z.object({ id: entryIdSchema, revision: z.number().int().min(1), baseRevision: z.number().int().min(0).optional() }),
  ).returns<EntryDto>(),
  'journal:lock': method(z.object({ id: entryIdSchema })).returns<EntryDto>(),
  'journal:unlock': method(z.object({ id: entryIdSchema })).returns<EntryDto>(),
  /** Appends `[Edit: YYYY-MM-DD] text` to an entry (the way to change a locked one). */
  'journal:append-edit-note': method(
    z.object({
      id: entryIdSchema,
      text: z.string().trim().min(1, 'Write the note').max(100_000, 'An edit note can be at most 100,000 characters'),
      date: isoDateSchema.optional(),
    }),
  ).returns<EntryDto>(),
  'journal:calendar': method(z.object({ month: monthSchema })).returns<CalendarDto>(),
  'journal:streak': method(z.object({ today: isoDateSchema.optional() })).returns<StreakDto>(),
  'journal:on-this-day': method(z.object({ date: isoDateSchema.optional() })).returns<OnThisDayDto>(),
  /** Quick switcher and [[wikilink]] autocomplete: entries (and papers, once the papers domain adds them) by title. */
  'journal:titles': method(
    z.object({
      query: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(100).default(20),
      include: z.array(z.enum(['entry', 'paper'])).default(['entry', 'paper']),
    }),
  ).returns<TitleHitDto[]>(),
  'journal:backlinks': method(z.object({ id: entryIdSchema })).returns<BacklinksDto>(),
  'journal:tags': method(z.object({})).returns<TagsDto>(),
  'journal:templates': method(z.object({})).returns<TemplateDto[]>(),
  'journal:template-save': method(templateSaveSchema).returns<TemplateDto>(),
  'journal:template-delete': method(z.object({ id: z.string().min(1) })).returns<{ deleted: true }>(),
  /** Restores one built-in template (or all of them, shipped versions, undeleted) to its shipped text. */
  'journal:template-reset': method(z.object({ id: z.string().min(1).optional() })).returns<TemplateDto[]>(),
  'journal:kinds': method(z.object({})).returns<KindDto[]>(),
  'journal:kind-save': method(kindSaveSchema).returns<KindDto>(),
  /** Deletes a user-defined kind that no entry uses. */
  'journal:kind-delete': method(z.object({ key: kindKeySchema })).returns<{ deleted: true }>(),
} satisfies MethodMap;

export type EntryChangeAction = 'saved' | 'deleted' | 'restored' | 'purged';

export interface JournalEvents {
  /**
   * One entry changed; emitted synchronously after the transaction commits (the search index listens).
   * `saved` covers create, save, rename, restore-revision, lock, edit notes and import. `revision` is the
   * entry's revision after the change (absent once purged).
   */
  'journal:entry-changed': { id: string; action: EntryChangeAction; revision?: number };
}
