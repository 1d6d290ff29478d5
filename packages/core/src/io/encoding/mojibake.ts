// Repair of "mojibake": UTF-8 bytes that were once decoded as Windows-1252 (or Latin-1) and saved
// again, so that `—` became `â€”`, `é` became `Ã©` and `中` became `ä¸­`.
//
// The repair is conservative. We look at maximal runs of characters that each stand for one
// 1252 byte, map them back to bytes and accept only byte sequences that are valid UTF-8. A run that
// yields two or more valid sequences is repaired; a lone sequence is repaired only when its lead
// byte is a classic mojibake lead (Â/Ã for Latin-1, â for punctuation, ð for emoji) or when it
// decodes to a CJK/Greek/Cyrillic character that is not glued to a preceding letter (legitimate
// text such as `café”…` or `CAFÉ’s` must survive). A lone Latin-1, Greek or Cyrillic pair (`Ã©`) is
// weak evidence: it is repaired only when the text has no correct accented characters of its own or
// also shows clear damage; otherwise it is left as written and counted as `suspicious`. `â€` followed
// by U+FFFD is `”` whose last byte (0x9D, undefined in 1252) a strict decoder replaced. Repair runs up
// to three passes to undo text that was damaged twice (`Ã¢â‚¬â„¢` -> `â€™` -> `’`).
import { cp1252ByteOf } from './cp1252';

export interface MojibakeRepair {
  text: string;
  /** Number of character sequences replaced (one per repaired original character). */
  repaired: number;
  /** Damaged-looking characters left in repaired runs (bytes lost on the way, e.g. to U+FFFD). */
  unrepaired: number;
  /**
   * Lone Latin-1-looking sequences (`Ã©`) left as written because the rest of the text is correct
   * (it has accented characters of its own and no clear damage): reported, never changed.
   */
  suspicious: number;
}

interface Seq {
  start: number;
  length: number;
  codePoint: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Greedy left-to-right scan for valid UTF-8 multi-byte sequences inside a run of bytes. */
function findSequences(bytes: readonly number[]): Seq[] {
  const out: Seq[] = [];
  let k = 0;
  while (k < bytes.length) {
    const lead = bytes[k]!;
    const len = sequenceLength(lead);
    if (len === 0 || k + len > bytes.length) {
      k++;
      continue;
    }
    let ok = true;
    for (let m = 1; m < len; m++) {
      const b = bytes[k + m]!;
      if (b < 0x80 || b > 0xbf) ok = false;
    }
    const b1 = bytes[k + 1]!;
    if (ok && lead === 0xe0 && b1 < 0xa0) ok = false; // overlong
    if (ok && lead === 0xed && b1 > 0x9f) ok = false; // surrogates
    if (ok && lead === 0xf0 && b1 < 0x90) ok = false; // overlong
    if (ok && lead === 0xf4 && b1 > 0x8f) ok = false; // > U+10FFFF
    if (!ok) {
      k++;
      continue;
    }
    let cp = lead & (len === 2 ? 0x1f : len === 3 ? 0x0f : 0x07);
    for (let m = 1; m < len; m++) cp = (cp << 6) | (bytes[k + m]! & 0x3f);
    // C1 controls and noncharacters are never what someone meant to write.
    if ((cp >= 0x80 && cp <= 0x9f) || cp === 0xfffe || cp === 0xffff) {
      k++;
      continue;
    }
    out.push({ start: k, length: len, codePoint: cp });
    k += len;
  }
  return out;
}

function isCjkLike(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    cp === 0xfeff
  );
}

/** Whether a lone sequence is accepted, and whether it is weak evidence (a plain Latin-1/Greek/Cyrillic letter pair). */
function judgeLone(seq: Seq, lead: number, before: string | undefined): 'strong' | 'weak' | null {
  if (lead === 0xc2 || lead === 0xc3) return 'weak'; // Â©, Ã©: Latin-1 supplement
  if (lead === 0xe2) return 'strong'; // â€™, â€”, â†’: punctuation and symbols
  if (lead >= 0xf0) return 'strong'; // ðŸ”—: emoji and other astral characters
  const gluedToLetter = before !== undefined && LETTER_OR_DIGIT.test(before);
  if (gluedToLetter) return null;
  if (seq.length === 3) return isCjkLike(seq.codePoint) ? 'strong' : null;
  return lead >= 0xce && lead <= 0xd3 ? 'weak' : null; // Greek and Cyrillic letters
}

interface Replacement {
  /** Text offsets of the damaged characters. */
  start: number;
  end: number;
  codePoint: number;
  weak: boolean;
}

interface Scan {
  replacements: Replacement[];
  /** Characters left inside repaired runs that still look damaged. */
  unrepairedIn: Map<number, number>;
  /** Non-ASCII characters that no replacement covers: the text's own, correct characters. */
  genuine: number;
}

const REPLACEMENT_CHAR = 0xfffd;

/**
 * Non-ASCII characters that count as the text's own when deciding whether it is damaged. `Â` and `Ã`
 * do not: in damaged text they are often left behind alone (`Ã ` where a no-break space was lost).
 */
function countsAsText(code: number): boolean {
  return code >= 0x80 && code !== REPLACEMENT_CHAR && code !== 0xfeff && code !== 0xc2 && code !== 0xc3;
}

function scan(text: string): Scan {
  const replacements: Replacement[] = [];
  const unrepairedIn = new Map<number, number>();
  const n = text.length;
  let covered = 0;
  let nonAscii = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (countsAsText(c)) nonAscii++;
    if (c < 0x80 || cp1252ByteOf(c) === undefined) {
      i++;
      continue;
    }
    const bytes: number[] = [];
    const offsets: number[] = [];
    let j = i;
    while (j < n) {
      const code = text.charCodeAt(j);
      let b = cp1252ByteOf(code);
      // `â€` + U+FFFD: a strict decoder lost the 0x9D of `”` (E2 80 9D), the only common character
      // whose last byte Windows-1252 leaves undefined.
      if (b === undefined && code === REPLACEMENT_CHAR && bytes.at(-2) === 0xe2 && bytes.at(-1) === 0x80) b = 0x9d;
      if (b === undefined) break;
      if (j > i && countsAsText(code)) nonAscii++;
      bytes.push(b);
      offsets.push(j);
      j++;
    }
    if (bytes.length >= 2) {
      const seqs = findSequences(bytes);
      let accepted: Array<Seq & { weak: boolean }> = [];
      if (seqs.length >= 2) accepted = seqs.map((q) => ({ ...q, weak: false }));
      else if (seqs.length === 1) {
        const q = seqs[0]!;
        const before = q.start > 0 ? text[i + q.start - 1] : i > 0 ? text[i - 1] : undefined;
        const verdict = judgeLone(q, bytes[q.start]!, before);
        if (verdict) accepted = [{ ...q, weak: verdict === 'weak' }];
      }
      if (accepted.length > 0) {
        let left = 0;
        let k = 0;
        for (const q of accepted) {
          for (; k < q.start; k++) if (bytes[k]! >= 0x80 && bytes[k]! !== 0xa0) left++;
          replacements.push({
            start: offsets[q.start]!,
            end: offsets[q.start + q.length - 1]! + 1,
            codePoint: q.codePoint,
            weak: q.weak,
          });
          for (let m = q.start; m < q.start + q.length; m++) if (countsAsText(text.charCodeAt(offsets[m]!))) covered++;
          k = q.start + q.length;
        }
        for (; k < bytes.length; k++) if (bytes[k]! >= 0x80 && bytes[k]! !== 0xa0) left++;
        unrepairedIn.set(replacements.length - 1, left);
      }
    }
    i = j;
  }
  return { replacements, unrepairedIn, genuine: Math.max(0, nonAscii - covered) };
}

function repairPass(text: string, allowWeak: boolean): MojibakeRepair {
  const { replacements, unrepairedIn } = scan(text);
  const used = replacements.filter((r) => allowWeak || !r.weak);
  if (used.length === 0) return { text, repaired: 0, unrepaired: 0, suspicious: replacements.length };
  let out = '';
  let last = 0;
  let unrepaired = 0;
  for (let k = 0; k < replacements.length; k++) {
    const r = replacements[k]!;
    if (allowWeak || !r.weak) {
      out += text.slice(last, r.start) + String.fromCodePoint(r.codePoint);
      last = r.end;
      unrepaired += unrepairedIn.get(k) ?? 0;
    }
  }
  out += text.slice(last);
  return { text: out, repaired: used.length, unrepaired, suspicious: replacements.length - used.length };
}

/**
 * Detect and repair UTF-8-read-as-Windows-1252 damage. Correct text comes back unchanged
 * (`repaired === 0`). A leading U+FEFF produced by a damaged BOM (`ï»¿`) is dropped.
 */
export function repairMojibake(text: string): MojibakeRepair {
  // Weak evidence (a lone `Ã©`) is trusted only when the text has no correct accented text of its
  // own, or when it also has strong evidence (`â€™`, runs of several sequences): a note that writes
  // `é` correctly and quotes `Ã©` once is talking about mojibake, not damaged by it.
  const first = scan(text);
  const allowWeak = first.genuine === 0 || first.replacements.some((r) => !r.weak);
  let current = text;
  let repaired = 0;
  let unrepaired = 0;
  let suspicious = 0;
  for (let pass = 0; pass < 3; pass++) {
    const r = repairPass(current, allowWeak);
    if (pass === 0) suspicious = r.suspicious;
    if (r.repaired === 0) break;
    current = r.text;
    repaired += r.repaired;
    unrepaired = r.unrepaired;
  }
  if (repaired > 0 && current.charCodeAt(0) === 0xfeff) current = current.slice(1);
  return { text: current, repaired, unrepaired, suspicious };
}

/** True when `text` contains at least one sequence `repairMojibake` would fix. */
export function hasMojibake(text: string): boolean {
  // Fast path: every mojibake run contains a character from U+00C2..U+00F4 (a lead byte image).
  if (!/[\u00c2-\u00f4]/.test(text)) return false;
  return repairMojibake(text).repaired > 0;
}
