// Repair of "mojibake": UTF-8 bytes that were once decoded as Windows-1252 (or Latin-1) and saved
// again, so that `—` became `â€”`, `é` became `Ã©` and `中` became `ä¸­`.
//
// The repair is conservative. We look at maximal runs of characters that each stand for one
// 1252 byte, map them back to bytes and accept only byte sequences that are valid UTF-8. A run that
// yields two or more valid sequences is repaired; a lone sequence is repaired only when its lead
// byte is a classic mojibake lead (Â/Ã for Latin-1, â for punctuation, ð for emoji) or when it
// decodes to a CJK/Greek/Cyrillic character that is not glued to a preceding letter (legitimate
// text such as `café”…` or `CAFÉ’s` must survive). Repair runs up to three passes to undo text
// that was damaged twice (`Ã¢â‚¬â„¢` -> `â€™` -> `’`).
import { cp1252ByteOf } from './cp1252';

export interface MojibakeRepair {
  text: string;
  /** Number of character sequences replaced (one per repaired original character). */
  repaired: number;
  /** Damaged-looking characters left in repaired runs (bytes lost on the way, e.g. to U+FFFD). */
  unrepaired: number;
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

function acceptLone(seq: Seq, lead: number, before: string | undefined): boolean {
  if (lead === 0xc2 || lead === 0xc3) return true; // Â©, Ã©: Latin-1 supplement
  if (lead === 0xe2) return true; // â€™, â€”, â†’: punctuation and symbols
  if (lead >= 0xf0) return true; // ðŸ”—: emoji and other astral characters
  const gluedToLetter = before !== undefined && LETTER_OR_DIGIT.test(before);
  if (gluedToLetter) return false;
  if (seq.length === 3) return isCjkLike(seq.codePoint);
  return lead >= 0xce && lead <= 0xd3; // Greek and Cyrillic letters
}

function repairPass(text: string): MojibakeRepair {
  let out = '';
  let last = 0;
  let repaired = 0;
  let unrepaired = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || cp1252ByteOf(c) === undefined) {
      i++;
      continue;
    }
    const bytes: number[] = [];
    let j = i;
    while (j < n) {
      const b = cp1252ByteOf(text.charCodeAt(j));
      if (b === undefined) break;
      bytes.push(b);
      j++;
    }
    if (bytes.length >= 2) {
      const seqs = findSequences(bytes);
      let accepted: Seq[] = [];
      if (seqs.length >= 2) accepted = seqs;
      else if (seqs.length === 1) {
        const s = seqs[0]!;
        const before = s.start > 0 ? text[i + s.start - 1] : i > 0 ? text[i - 1] : undefined;
        if (acceptLone(s, bytes[s.start]!, before)) accepted = [s];
      }
      if (accepted.length > 0) {
        out += text.slice(last, i);
        let k = 0;
        for (const s of accepted) {
          for (; k < s.start; k++) {
            out += text[i + k];
            if (bytes[k]! >= 0xc2 || (bytes[k]! >= 0x80 && bytes[k]! <= 0xbf)) unrepaired++;
          }
          out += String.fromCodePoint(s.codePoint);
          k = s.start + s.length;
          repaired++;
        }
        for (; k < bytes.length; k++) {
          out += text[i + k];
          if (bytes[k]! >= 0xc2 || (bytes[k]! >= 0x80 && bytes[k]! <= 0xbf)) unrepaired++;
        }
        last = j;
      }
    }
    i = j;
  }
  if (repaired === 0) return { text, repaired: 0, unrepaired: 0 };
  out += text.slice(last);
  return { text: out, repaired, unrepaired };
}

/**
 * Detect and repair UTF-8-read-as-Windows-1252 damage. Correct text comes back unchanged
 * (`repaired === 0`). A leading U+FEFF produced by a damaged BOM (`ï»¿`) is dropped.
 */
export function repairMojibake(text: string): MojibakeRepair {
  let current = text;
  let repaired = 0;
  let unrepaired = 0;
  for (let pass = 0; pass < 3; pass++) {
    const r = repairPass(current);
    if (r.repaired === 0) break;
    current = r.text;
    repaired += r.repaired;
    unrepaired = r.unrepaired;
  }
  if (repaired > 0 && current.charCodeAt(0) === 0xfeff) current = current.slice(1);
  return { text: current, repaired, unrepaired };
}

/** True when `text` contains at least one sequence `repairMojibake` would fix. */
export function hasMojibake(text: string): boolean {
  // Fast path: every mojibake run contains a character from U+00C2..U+00F4 (a lead byte image).
  if (!/[\u00c2-\u00f4]/.test(text)) return false;
  return repairPass(text).repaired > 0;
}
