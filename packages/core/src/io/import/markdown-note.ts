// One markdown file = one entry (Obsidian vaults, Hexo/Jekyll/Hugo posts, Folio's own export).
//
// Title: front-matter `title`, else the file name without its extension (`Standup.meeting.md` ->
// `Standup`). Date: front-matter `date` (or `created`, `day`), else a date in the file name
// (`2025-01-24.md`, `2025-W04.md`, Jekyll `2025-01-24-slug.md`), else the file's modification
// time with a warning, else the file is skipped with an error. Kind: front-matter `kind`, else
// the typed-file suffix, else `daily`/`weekly` for date-named files, else `post` for a file that is
// clearly a blog post (see `looksLikeBlogPost`) or carries a date in its name (`2025-01-24-slug.md`),
// else `note`.
//
// Visibility is taken only from what the file says outright (`noteVisibility`): an Obsidian note
// never becomes public because of its kind. Entries the source leaves undecided are stored private.
import { stringify } from 'yaml';
import { uniqueTags } from './journal-markdown';
import { dateFromFileName, isDateOnlyName, localDateOf, parseLooseDate, parseLooseTime, type LooseDate } from './dates';
import { baseNameOf, collectBodyRefs, makeEntry, splitFileName, tagsFromValue, trimBody } from './entry-common';
import { parseFrontMatter } from './front-matter';
import type { ImportedEntry, ParseContext, ParseResult } from './types';

/** Front-matter keys that become entry fields rather than properties. */
export const MAPPED_KEYS = [
  'title',
  'date',
  'time',
  'kind',
  'tags',
  'tag',
  'public',
  'isPublic',
  'published',
  'publish',
] as const;
const DATE_KEYS = ['date', 'created', 'day', 'created_at', 'createdAt'] as const;

/** Spellings of the creation date in note templates (`Created`, `date created`, `creation_date`...), loosely matched. */
const DATE_KEY_NAMES = ['date', 'created', 'day', 'createdat', 'datecreated', 'creationdate', 'createddate', 'createdon'];

/** The front-matter keys that may hold the note's date, in order of preference. */
function dateKeysOf(data: Record<string, unknown>): string[] {
  const norm = (k: string) => k.toLowerCase().replace(/[\s_-]+/g, '');
  const keys = Object.keys(data);
  const out: string[] = [];
  for (const name of DATE_KEY_NAMES) for (const k of keys) if (norm(k) === name && !out.includes(k)) out.push(k);
  return out;
}

function kindFrom(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const k = value.trim().toLowerCase();
  return /^[a-z][a-z0-9_-]{0,29}$/.test(k) ? k : undefined;
}

function boolFrom(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false|yes|no)$/i.test(value.trim())) return /^(true|yes)$/i.test(value.trim());
  return undefined;
}

/** Front-matter keys only static-site generators write (Jekyll, Hexo, Hugo), never Obsidian by itself. */
const BLOG_KEYS = ['layout', 'categories', 'category', 'permalink', 'slug'] as const;

/**
 * True when a markdown file is clearly a blog post: it has a static-site generator's front-matter
 * keys (`layout`, `categories`, `category`, `permalink`, `slug`), TOML front matter (Hugo), lives in
 * a `_posts` folder (Jekyll, Hexo) or `content/posts` (Hugo), or is named like a Jekyll post
 * (`2025-01-24-my-post.md`).
 */
export function looksLikeBlogPost(data: Record<string, unknown>, relPath: string, fmFormat: 'yaml' | 'toml' | null): boolean {
  if (BLOG_KEYS.some((k) => data[k] !== undefined && data[k] !== null && data[k] !== '')) return true;
  if (fmFormat === 'toml') return true;
  const segments = relPath.split('/');
  const dirs = segments.slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.includes('_posts')) return true;
  for (let i = 0; i + 1 < dirs.length; i++)
    if (dirs[i] === 'content' && (dirs[i + 1] === 'posts' || dirs[i + 1] === 'post')) return true;
  return /^\d{4}-\d{2}-\d{2}-[^\s]+\.[a-z]+$/i.test(segments.at(-1) ?? '');
}

/**
 * Whether the file says it is public. Only explicit statements count:
 * `public`/`isPublic`/`published`/`publish` true or false (yes/no too) decide either way;
 * `private: true` and `draft: true` make it private; `draft: false` makes it public only on a file
 * that is clearly a blog post (`looksLikeBlogPost`: a Hugo/Hexo/Jekyll post that is not a draft is
 * on the site). Anything else is undecided (undefined) and the entry is stored private.
 */
export function noteVisibility(
  data: Record<string, unknown>,
  relPath: string,
  fmFormat: 'yaml' | 'toml' | null,
): boolean | undefined {
  for (const key of ['public', 'isPublic', 'published', 'publish']) {
    const v = boolFrom(data[key]);
    if (v !== undefined) return v;
  }
  if (boolFrom(data.private) === true) return false;
  const draft = boolFrom(data.draft);
  if (draft === true) return false;
  if (draft === false && looksLikeBlogPost(data, relPath, fmFormat)) return true;
  return undefined;
}

/** Letters and digits only, case and accents folded: names that differ only in punctuation compare equal. */
function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The name `[[links]]` reach a file by in Obsidian (its base name without `.md`: `Project Alpha`,
 * `Standup.meeting`), when that is not already its title. A name that is only the title written as a
 * file name (punctuation dropped, ` (2)` added for a collision, cut short) is no other name.
 */
export function fileNameAlias(relPath: string, title: string): string | undefined {
  const name = baseNameOf(relPath)
    .replace(/\.[^.]+$/, '')
    .trim();
  if (!name) return undefined;
  const folded = foldName(name.replace(/ \(\d+\)$/, ''));
  const t = foldName(title);
  if (!folded || folded === t) return undefined;
  if (new TextEncoder().encode(name).length >= 100 && t.startsWith(folded)) return undefined;
  return name;
}

export interface MarkdownNoteOptions {
  /** Kind to use when nothing else decides (default 'note'). */
  defaultKind?: string;
}

export function parseMarkdownNote(text: string, ctx: ParseContext, options: MarkdownNoteOptions = {}): ParseResult {
  const { relPath } = ctx;
  const fm = parseFrontMatter(text);
  if (fm.error) {
    return {
      entries: [],
      issues: [
        {
          path: relPath,
          ...(fm.error.line !== undefined ? { line: fm.error.line } : {}),
          reason: fm.error.message,
          severity: 'error',
        },
      ],
    };
  }
  const data = fm.data;
  const issues: ParseResult['issues'] = [];
  const name = splitFileName(relPath);

  // Title
  const rawTitle = data.title;
  const title =
    (typeof rawTitle === 'string' || typeof rawTitle === 'number') && String(rawTitle).trim()
      ? String(rawTitle).trim()
      : name.stem;

  // Date and time
  let when: LooseDate | null = null;
  let dateKeyUsed: string | undefined;
  for (const key of dateKeysOf(data)) {
    if (data[key] === undefined || data[key] === null || data[key] === '') continue;
    when = parseLooseDate(data[key]);
    if (when) {
      dateKeyUsed = key;
      break;
    }
    issues.push({
      path: relPath,
      reason: `front-matter ${key} "${String(data[key]).slice(0, 40)}" is not a date I can read`,
      severity: 'warning',
    });
  }
  const fromName = dateFromFileName(relPath);
  if (!when && fromName) when = { date: fromName.date };
  if (!when && ctx.mtimeMs !== undefined) {
    when = localDateOf(ctx.mtimeMs);
    issues.push({
      path: relPath,
      reason: `no date in front matter or file name; used the file's modification date ${when.date}`,
      severity: 'warning',
    });
  }
  if (!when) {
    issues.push({ path: relPath, reason: 'no date in front matter or file name', severity: 'error' });
    return { entries: [], issues };
  }
  const time = parseLooseTime(data.time) ?? when.time;

  // Kind
  let kind = kindFrom(data.kind) ?? name.kind;
  if (!kind && isDateOnlyName(name.stem) && fromName) kind = fromName.granularity === 'week' ? 'weekly' : 'daily';
  if (!kind && (fromName || looksLikeBlogPost(data, relPath, fm.format))) kind = 'post';
  kind ??= options.defaultKind ?? 'note';

  // Visibility: explicit only.
  const isPublic = noteVisibility(data, relPath, fm.format);

  // Properties: everything not mapped to a field (the date key only when it was used).
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if ((MAPPED_KEYS as readonly string[]).includes(k) && k !== 'date') continue;
    if (k === dateKeyUsed) continue;
    // `formatMarkdownNote` nests properties whose names collide with mapped keys.
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) Object.assign(properties, v);
    else properties[k] = v;
  }

  // Obsidian resolves [[links]] by file name: keep the file's own name as an alias when it is not the title.
  const fileAlias = fileNameAlias(relPath, title);
  if (fileAlias) {
    const have = [properties.aliases]
      .flat()
      .filter((a): a is string | number => typeof a === 'string' || typeof a === 'number')
      .map(String);
    const key = foldName(fileAlias);
    if (!have.some((a) => foldName(a) === key)) properties.aliases = [...have, fileAlias];
  }

  const bodyLines = fm.body.split('\n');
  let lead = 0;
  while (lead < bodyLines.length && bodyLines[lead]!.trim() === '') lead++;
  const body = trimBody(bodyLines);
  const refs = collectBodyRefs(body, relPath);
  const tags = uniqueTags([...tagsFromValue(data.tags), ...tagsFromValue(data.tag), ...refs.tags]);

  const entry: Omit<ImportedEntry, 'contentHash' | 'attachments'> = {
    sourceKey: relPath,
    sourcePath: relPath,
    sourceLine: fm.bodyLine + lead,
    format: 'markdown',
    kind,
    date: when.date,
    ...(time ? { time } : {}),
    title,
    bodyMarkdown: body,
    tags,
    properties,
    links: refs.links,
    attachmentRefs: refs.attachmentRefs,
    ...(isPublic !== undefined ? { isPublic } : {}),
    ...(isPublic === undefined && kind === 'post' && looksLikeBlogPost(data, relPath, fm.format) ? { unmarkedPost: true } : {}),
  };
  return { entries: [makeEntry(entry)], issues };
}

export interface NoteForExport {
  title: string;
  date: string;
  time?: string;
  kind: string;
  tags: string[];
  properties?: Record<string, unknown>;
  isPublic?: boolean;
  bodyMarkdown: string;
}

/**
 * The inverse of `parseMarkdownNote`: a markdown file with YAML front matter that imports back to
 * the same title, date, time, kind, tags, properties, visibility and body. Properties whose names
 * collide with mapped keys are nested under `properties:` so nothing is lost.
 */
export function formatMarkdownNote(note: NoteForExport): string {
  const head: Record<string, unknown> = { title: note.title, date: note.date };
  if (note.time) head.time = note.time;
  head.kind = note.kind;
  if (note.tags.length > 0) head.tags = note.tags;
  if (note.isPublic !== undefined) head.public = note.isPublic;
  const nested: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(note.properties ?? {})) {
    if (v === undefined) continue;
    if ((MAPPED_KEYS as readonly string[]).includes(k) || (DATE_KEYS as readonly string[]).includes(k) || k in head)
      nested[k] = v;
    else head[k] = v;
  }
  if (Object.keys(nested).length > 0) head.properties = nested;
  const yaml = stringify(head, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd();
  const body = note.bodyMarkdown.replace(/\s+$/, '');
  return `---\n${yaml}\n---\n\n${body}\n`;
}
