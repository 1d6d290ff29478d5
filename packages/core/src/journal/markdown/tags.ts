// #tags in markdown bodies. Rules (close to Obsidian): a tag starts with `#` at the start of a line,
// after whitespace or after CJK punctuation; it continues over letters of any script (CJK too),
// digits, `_`, `-` and `/` (`#series/part` is a tag series); it must contain something other than
// digits (`#1`, `#2025` are not tags). Headings (`# Title`), code, HTML comments, URLs
// (`https://a.b/#x`) and entities (`&#39;`) never produce tags.
import { codeMask } from './code-mask';

export interface TagOccurrence {
  tag: string;
  /** Offset of the `#`. */
  start: number;
  end: number;
}

const TAG = /(?<=^|[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])#([\p{L}\p{N}\p{M}_\-/]+)/gu;

function cleanTag(raw: string): string | null {
  const t = raw.replace(/[/-]+$/, '');
  if (!t || t.startsWith('/') || t.includes('//')) return null;
  if (/^[\d_\-/]+$/.test(t)) return null;
  return t;
}

/** Every tag occurrence outside code, in order. */
export function findTags(md: string): TagOccurrence[] {
  if (!md.includes('#')) return [];
  const mask = codeMask(md);
  const out: TagOccurrence[] = [];
  for (const m of md.matchAll(TAG)) {
    if (mask[m.index]) continue;
    const tag = cleanTag(m[1]!);
    if (tag) out.push({ tag, start: m.index, end: m.index + 1 + tag.length });
  }
  return out;
}

/** Unique tags (case-insensitive, first spelling kept), without the `#`. */
export function extractTags(md: string): string[] {
  return uniqueTags(findTags(md).map((t) => t.tag));
}

/** Normalise a list of tag names: strip `#`, trim, drop empties, dedupe case-insensitively. */
export function uniqueTags(tags: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().replace(/^#+/, '').trim();
    if (!t) continue;
    const key = t.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** A tag series and its parents: `paper/ml/llm` -> [`paper`, `paper/ml`, `paper/ml/llm`]. */
export function tagSeries(tag: string): string[] {
  const parts = tag.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
