// Rewriting how a body points at its attachments: on import, the paths the notes used become
// `folio://blob/<sha256>`; on export, blob URLs become relative paths into `attachments/`. Code (fences,
// spans) is left alone.
import { codeMask, extractWikilinks } from '../journal';

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|svg|bmp|avif|heic|heif|tiff?|ico)$/i;
export const BLOB_URL_RE = /folio:\/\/blob\/([0-9a-f]{64})/g;

export function blobUrl(sha256: string): string {
  return `folio://blob/${sha256}`;
}

export function isImagePath(p: string): boolean {
  return IMAGE_EXT.test(p.replace(/[?#].*$/, ''));
}

/** Markdown destination as a parser sees it: without <>, backslash escapes resolved. */
function normalizeDest(d: string): string {
  let s = d.trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1);
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function escapeLinkText(s: string): string {
  return s.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(src: string, edits: Edit[]): string {
  if (edits.length === 0) return src;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const e of edits) {
    if (e.start < last) continue; // overlapping matches: keep the first
    out += src.slice(last, e.start) + e.text;
    last = e.end;
  }
  return out + src.slice(last);
}

/**
 * Points every reference in `refs` (as written in the body -> import-relative path) at its blob.
 * `[[file.png]]`/`![[file.png]]` embeds become markdown images (other files: links), keeping a text
 * alias as the alt text; markdown links, images, reference definitions and HTML src/href attributes get
 * the blob URL as their destination. References whose file has no blob are left as written.
 */
export function rewriteAttachmentRefs(
  body: string,
  refs: Record<string, string>,
  shaOf: (relPath: string) => string | undefined,
): string {
  const keys = Object.keys(refs);
  if (keys.length === 0) return body;
  const target = (ref: string): string | undefined => {
    const direct = refs[ref] ?? refs[ref.trim()];
    const p = direct ?? refs[normalizeDest(ref)];
    return p ? shaOf(p) : undefined;
  };
  const mask = codeMask(body);
  const inCode = (i: number) => mask[i] === 1;
  const edits: Edit[] = [];

  for (const l of extractWikilinks(body)) {
    if (!l.target) continue;
    const sha = target(l.target);
    if (!sha) continue;
    const name = l.target.slice(l.target.lastIndexOf('/') + 1);
    const alt = l.alias && !/^\d+(x\d+)?$/.test(l.alias) ? l.alias : name;
    const asImage = l.embed && isImagePath(l.target);
    edits.push({ start: l.start, end: l.end, text: `${asImage ? '!' : ''}[${escapeLinkText(alt)}](${blobUrl(sha)})` });
  }

  // Inline links and images: ](dest "title")
  for (const m of body.matchAll(/\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))+)/g)) {
    const destStart = m.index + m[0].length - m[1]!.length;
    if (inCode(destStart)) continue;
    const sha = target(m[1]!);
    if (sha) edits.push({ start: destStart, end: destStart + m[1]!.length, text: blobUrl(sha) });
  }
  // Reference definitions: [id]: dest
  for (const m of body.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm)) {
    const destStart = m.index + m[0].length - m[1]!.length;
    if (inCode(destStart)) continue;
    const sha = target(m[1]!);
    if (sha) edits.push({ start: destStart, end: destStart + m[1]!.length, text: blobUrl(sha) });
  }
  // HTML attributes
  for (const m of body.matchAll(/\b(?:src|href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const quoted = m[2] !== undefined || m[3] !== undefined;
    const valueStart = m.index + m[0].length - m[1]!.length + (quoted ? 1 : 0);
    if (inCode(valueStart)) continue;
    const sha = target(value);
    if (sha) edits.push({ start: valueStart, end: valueStart + value.length, text: blobUrl(sha) });
  }
  return applyEdits(body, edits);
}

/** The blobs a body references, in order of first appearance (code included: a blob is a blob). */
export function blobRefs(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(BLOB_URL_RE)) out.add(m[1]!);
  return [...out];
}

/** Replaces blob URLs outside code with whatever `to(sha)` returns (null: leave it). */
export function mapBlobUrls(body: string, to: (sha256: string) => string | null): string {
  if (!body.includes('folio://blob/')) return body;
  const mask = codeMask(body);
  const edits: Edit[] = [];
  for (const m of body.matchAll(BLOB_URL_RE)) {
    if (mask[m.index] === 1) continue;
    const next = to(m[1]!);
    if (next !== null) edits.push({ start: m.index, end: m.index + m[0].length, text: next });
  }
  return applyEdits(body, edits);
}
