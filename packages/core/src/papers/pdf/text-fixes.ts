/**
 * Repairs for text as PDFs hand it out: spacing accents drawn as separate glyphs (TeX's `A\"aron`
 * gives "A¨aron"), ligatures, and the glyph mojibake of fonts without a usable Unicode map.
 */

/** Spacing accent -> combining mark. Backtick and ASCII ^/~ are left out: they are real text too often. */
export const SPACING_ACCENTS: Readonly<Record<string, string>> = {
  '\u00a8': '\u0308', // ¨ diaeresis
  '\u00b4': '\u0301', // ´ acute
  '\u02c6': '\u0302', // ˆ circumflex
  '\u02dc': '\u0303', // ˜ tilde
  '\u00b8': '\u0327', // ¸ cedilla
  '\u02c7': '\u030c', // ˇ caron
  '\u02d8': '\u0306', // ˘ breve
  '\u02da': '\u030a', // ˚ ring
  '\u02d9': '\u0307', // ˙ dot above
  '\u02dd': '\u030b', // ˝ double acute
  '\u00af': '\u0304', // ¯ macron
  '\u02db': '\u0328', // ˛ ogonek
};

const ACCENT_CLASS = '[\u00a8\u00b4\u02c6\u02dc\u00b8\u02c7\u02d8\u02da\u02d9\u02dd\u00af\u02db]';
const ACCENT_BEFORE_LETTER = new RegExp(`(${ACCENT_CLASS})(\\p{L})`, 'gu');
const ACCENT_AFTER_LETTER = new RegExp(`(\\p{L})(${ACCENT_CLASS})(?=$|[^\\p{L}])`, 'gu');

export function isSpacingAccent(ch: string | undefined): boolean {
  return ch !== undefined && ch in SPACING_ACCENTS;
}

/** Letter + combining form of `accent`, composed when Unicode has a precomposed character. */
export function applyAccent(letter: string, accent: string): string {
  const mark = SPACING_ACCENTS[accent];
  return mark ? (letter + mark).normalize('NFC') : letter + accent;
}

const LIGATURES: Readonly<Record<string, string>> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

/**
 * Accents left as separate characters. TeX draws the accent before its letter ("A¨aron"), other
 * producers after it ("Matevzˇ"): an accent touching a following letter takes that letter, one
 * followed by a space or the end takes the letter before it.
 */
export function combineSpacingAccents(s: string): string {
  if (!/[\u00a8\u00b4\u02c6\u02dc\u00b8\u02c7\u02d8\u02da\u02d9\u02dd\u00af\u02db]/.test(s)) return s;
  return s
    .replace(ACCENT_AFTER_LETTER, (_m, letter: string, accent: string) => applyAccent(letter, accent))
    .replace(ACCENT_BEFORE_LETTER, (_m, accent: string, letter: string) => applyAccent(letter, accent));
}

/**
 * Glyphs that some producers (notably macOS Quartz re-saving TeX output) map to the wrong code
 * points: the ff ligature comes out as U+21B5 "↵" ("Geo↵rey") and ffi as U+0000 ("di\0cult").
 * Only repaired inside words: the same code points stand for math symbols elsewhere (↵ is α there).
 */
export function repairLigatureMojibake(s: string): string {
  let out = s;
  if (out.includes('\u21b5')) out = out.replace(/(?<=\p{L})\u21b5(?=\p{L}|[\s.,;:)!?'’]|$)/gu, 'ff');
  if (out.includes('\u0000')) out = out.replace(/(?<=\p{L})\u0000(?=\p{Ll})/gu, 'ffi');
  return out;
}

/** Text fit for indexing and display: ligatures expanded, accents combined, junk glyphs dropped. */
export function cleanText(s: string): string {
  let out = repairLigatureMojibake(s);
  out = out.replace(/[\ufb00-\ufb06]/g, (ch) => LIGATURES[ch] ?? ch);
  out = combineSpacingAccents(out);
  // Control characters (broken figure fonts), private-use glyphs and soft hyphens carry no text.
  out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\ue000-\uf8ff]/g, '');
  return out.normalize('NFC');
}

/** One line of display text: cleaned and whitespace collapsed. */
export function cleanLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ').trim();
}

/** Lowercase, accents stripped, alphanumerics only: for comparing strings from different sources. */
export function foldForCompare(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/[łŀ]/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
