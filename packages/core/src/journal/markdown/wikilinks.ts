// [[Wikilinks]]: `[[Target]]`, `[[Target|alias]]`, `[[Target#Heading]]`, `[[Target#^block]]`,
// embeds `![[Target]]`, and `\|` inside tables. Code is ignored.
import { codeMask } from './code-mask';

export interface WikiLink {
  /** Link target as written, without heading or alias ('' for a same-note link like `[[#Heading]]`). */
  target: string;
  heading?: string;
  alias?: string;
  /** True for `![[...]]` embeds. */
  embed: boolean;
  /** Offsets of the whole `[[...]]` (including `!`) in the source. */
  start: number;
  end: number;
}

const WIKILINK = /(!?)\[\[([^[\]\n]+?)\]\]/g;
const ATTACHMENT_EXT =
  /\.(png|jpe?g|gif|webp|svg|bmp|avif|heic|tiff?|pdf|mp3|m4a|wav|ogg|flac|mp4|webm|mov|mkv|csv|xlsx?|docx?|pptx?|zip|canvas|excalidraw)$/i;

function parseInner(inner: string): { target: string; heading?: string; alias?: string } {
  // In tables the pipe is escaped as `\|`.
  const bar = inner.search(/\\?\|/);
  let main = inner;
  let alias: string | undefined;
  if (bar >= 0) {
    main = inner.slice(0, bar);
    alias = inner.slice(bar + (inner[bar] === '\\' ? 2 : 1)).trim();
  }
  const hash = main.indexOf('#');
  let heading: string | undefined;
  if (hash >= 0) {
    heading = main.slice(hash + 1).trim();
    main = main.slice(0, hash);
  }
  const out: { target: string; heading?: string; alias?: string } = { target: main.trim() };
  if (heading) out.heading = heading;
  if (alias) out.alias = alias;
  return out;
}

/** Every wikilink outside code, in document order. */
export function extractWikilinks(md: string): WikiLink[] {
  if (!md.includes('[[')) return [];
  const mask = codeMask(md);
  const out: WikiLink[] = [];
  for (const m of md.matchAll(WIKILINK)) {
    const start = m.index;
    if (mask[start] || mask[start + m[0].length - 1]) continue;
    const parsed = parseInner(m[2]!);
    out.push({ ...parsed, embed: m[1] === '!', start, end: start + m[0].length });
  }
  return out;
}

/** True when a wikilink points at a file (image, PDF, audio...) rather than a note. */
export function isAttachmentTarget(target: string): boolean {
  return ATTACHMENT_EXT.test(target.trim());
}

/** Normalised key for comparing titles and link targets: case-folded, `.md` dropped, spaces collapsed. */
export function titleKey(title: string): string {
  return title.normalize('NFC').replace(/\.md$/i, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
}

/** Unique note targets (not attachments, not same-note links), first spelling kept. */
export function wikilinkTargets(md: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of extractWikilinks(md)) {
    if (!l.target || isAttachmentTarget(l.target)) continue;
    const key = titleKey(l.target);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l.target);
  }
  return out;
}

/** The last path segment of a target: `folder/Note` -> `Note`. */
function baseName(target: string): { dir: string; base: string } {
  const i = target.lastIndexOf('/');
  return i < 0 ? { dir: '', base: target } : { dir: target.slice(0, i + 1), base: target.slice(i + 1) };
}

/**
 * Point every link to `oldTitle` at `newTitle`, keeping embeds, folders, headings and aliases.
 * Matching is case-insensitive and ignores a trailing `.md` and extra spaces. Links inside code
 * are left alone. Returns the new text and how many links changed.
 */
export function renameWikilinksCounted(md: string, oldTitle: string, newTitle: string): { text: string; count: number } {
  const oldKey = titleKey(oldTitle);
  if (!oldKey) return { text: md, count: 0 };
  let out = '';
  let last = 0;
  let count = 0;
  for (const l of extractWikilinks(md)) {
    const { dir, base } = baseName(l.target);
    if (titleKey(base) !== oldKey && titleKey(l.target) !== oldKey) continue;
    const keepDir = titleKey(base) === oldKey ? dir : '';
    // Keep the original inner text after the target (heading and alias, escaped pipes too).
    const raw = md.slice(l.start, l.end);
    const innerStart = raw.indexOf('[[') + 2;
    const inner = raw.slice(innerStart, -2);
    const cut = inner.search(/#|\\?\|/);
    const rest = cut < 0 ? '' : inner.slice(cut);
    out += md.slice(last, l.start) + (l.embed ? '!' : '') + '[[' + keepDir + newTitle + rest + ']]';
    last = l.end;
    count++;
  }
  if (count === 0) return { text: md, count: 0 };
  return { text: out + md.slice(last), count };
}

/** `renameWikilinksCounted` returning only the text. */
export function renameWikilinks(md: string, oldTitle: string, newTitle: string): string {
  return renameWikilinksCounted(md, oldTitle, newTitle).text;
}
