// Pieces every parser shares: path handling, references found in a body (links, tags,
// attachments) and the content hash that makes re-imports cheap to compare.
import { createHash } from 'node:crypto';
import { Lexer, type Token } from 'marked';
import { extractTags, extractWikilinks, isAttachmentTarget, titleKey, uniqueTags } from './journal-markdown';
import type { ImportedEntry } from './types';

/** `a\\b/./c/../d` -> `a/b/d`; returns null when the path climbs above the root. */
export function normalizeRelPath(p: string): string | null {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function dirOf(relPath: string): string {
  const i = relPath.lastIndexOf('/');
  return i < 0 ? '' : relPath.slice(0, i);
}

export function baseNameOf(relPath: string): string {
  return relPath.slice(relPath.lastIndexOf('/') + 1);
}

/** Known note kinds, plus the rule for typed file names `name.<kind>.md`. */
export const KNOWN_KINDS = ['daily', 'post', 'weekly', 'meeting', 'paper'] as const;
const NOT_A_KIND = new Set(['bak', 'old', 'orig', 'copy', 'tmp', 'temp', 'backup', 'min', 'md', 'txt', 'conflict', 'sync']);

/**
 * Split a file name into its title stem and typed-file kind: `Standup.meeting.md` ->
 * { stem: 'Standup', kind: 'meeting' }. A kind is a word of 3-20 letters (2-letter suffixes are
 * language codes: `README.en.md`), excluding backup-ish suffixes (`.bak`, `.old`, `.copy`...).
 */
export function splitFileName(fileName: string): { stem: string; kind?: string; ext: string } {
  const base = baseNameOf(fileName);
  const m = /^(.*?)(\.[^.]+)?$/.exec(base)!;
  const ext = (m[2] ?? '').slice(1).toLowerCase();
  let stem = m[1] ?? base;
  const typed = /^(.+)\.([A-Za-z][A-Za-z_-]{2,19})$/.exec(stem);
  if (typed && !NOT_A_KIND.has(typed[2]!.toLowerCase())) {
    return { stem: typed[1]!, kind: typed[2]!.toLowerCase(), ext };
  }
  if (!stem) stem = base;
  return { stem, ext };
}

export interface BodyRefs {
  tags: string[];
  links: string[];
  /** Root-relative candidate path -> first spelling in the body. */
  attachmentRefs: Record<string, string>;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const WEB_PAGE = /\.(html?|php|aspx?|jsp)$/i;
const NOTE_FILE = /\.(md|markdown|mdown|mkd)$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function walk(tokens: Token[] | undefined, visit: (t: Token) => void): void {
  if (!tokens) return;
  for (const t of tokens) {
    visit(t);
    if ('tokens' in t && Array.isArray(t.tokens)) walk(t.tokens, visit);
    if (t.type === 'list') for (const item of t.items) walk(item.tokens, visit);
    if (t.type === 'table') {
      for (const cell of t.header) walk(cell.tokens, visit);
      for (const row of t.rows) for (const cell of row) walk(cell.tokens, visit);
    }
  }
}

/** Links, tags and attachment references of a markdown body belonging to the note at `notePath`. */
export function collectBodyRefs(body: string, notePath: string): BodyRefs {
  const tags = extractTags(body);
  const links: string[] = [];
  const seenLinks = new Set<string>();
  const attachmentRefs: Record<string, string> = {};
  const noteDir = dirOf(notePath);

  const addLink = (target: string) => {
    const t = target.trim();
    const key = titleKey(t);
    if (!t || seenLinks.has(key)) return;
    seenLinks.add(key);
    links.push(t);
  };
  const addAttachment = (ref: string, resolveByName: boolean) => {
    const raw = ref.trim();
    if (!raw || raw in attachmentRefs) return;
    const clean = safeDecode(raw.replace(/[?#].*$/, ''));
    let resolved: string | null;
    if (resolveByName && !clean.includes('/'))
      resolved = clean; // Obsidian: resolved by name in the plan
    else if (clean.startsWith('/')) resolved = normalizeRelPath(clean);
    else resolved = normalizeRelPath(noteDir ? `${noteDir}/${clean}` : clean);
    if (resolved) attachmentRefs[raw] = resolved;
  };

  for (const l of extractWikilinks(body)) {
    if (!l.target) continue;
    if (isAttachmentTarget(l.target)) addAttachment(l.target, true);
    else addLink(l.target.replace(NOTE_FILE, '').replace(/^.*\//, ''));
  }

  const handleHref = (href: string | null | undefined, isImage: boolean) => {
    if (!href) return;
    const h = href.trim();
    if (!h || h.startsWith('#') || SCHEME.test(h)) return;
    const path = safeDecode(h.replace(/[?#].*$/, ''));
    if (NOTE_FILE.test(path)) {
      if (!isImage) addLink(baseNameOf(path).replace(NOTE_FILE, ''));
      return;
    }
    if (WEB_PAGE.test(path)) return;
    if (!/\.[A-Za-z0-9]{1,8}$/.test(path)) return; // folders and extension-less paths: not files we can copy
    addAttachment(h, false);
  };

  let tokens: Token[];
  try {
    tokens = Lexer.lex(body, { gfm: true });
  } catch {
    tokens = [];
  }
  walk(tokens, (t) => {
    if (t.type === 'image') handleHref(t.href, true);
    else if (t.type === 'link') handleHref(t.href, false);
    else if (t.type === 'def') handleHref(t.href, false);
    else if (t.type === 'html') {
      for (const m of t.text.matchAll(/\b(src|href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
        handleHref(m[3] ?? m[4] ?? m[5], m[1]!.toLowerCase() === 'src');
      }
    }
  });
  return { tags, links, attachmentRefs };
}

/** Tags from front matter: a list, a comma/space separated string, `#`-prefixed words. */
export function tagsFromValue(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return uniqueTags(value.flatMap((v) => tagsFromValue(v)));
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return [];
  const s = value.trim();
  if (!s) return [];
  const parts = s.includes(',') || s.includes('，') ? s.split(/[,，]/) : s.split(/\s+/);
  return uniqueTags(parts);
}

type HashInput = Omit<ImportedEntry, 'contentHash' | 'sourceKey' | 'sourcePath' | 'sourceLine' | 'format'>;

export function contentHash(e: HashInput): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([
      e.kind,
      e.date,
      e.time ?? null,
      e.title,
      e.bodyMarkdown,
      e.tags,
      e.properties,
      e.links,
      e.attachments,
      e.isPublic ?? null,
    ]),
  );
  return h.digest('hex');
}

export function makeEntry(e: Omit<ImportedEntry, 'contentHash' | 'attachments'>): ImportedEntry {
  const attachments = [...new Set(Object.values(e.attachmentRefs))];
  const withAtt = { ...e, attachments };
  return { ...withAtt, contentHash: contentHash(withAtt) };
}

/** Trim blank lines at both ends and trailing thematic breaks that separated entries. */
export function trimBody(lines: string[]): string {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  for (;;) {
    while (b > a && lines[b - 1]!.trim() === '') b--;
    if (b > a && /^ {0,3}([-*_])( *\1){2,} *$/.test(lines[b - 1]!)) b--;
    else break;
  }
  return lines.slice(a, b).join('\n');
}
