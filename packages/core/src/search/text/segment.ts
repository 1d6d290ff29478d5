// Splitting text into the pieces search cares about: alphabetic/numeric words (any script that
// writes spaces between words) and runs of CJK characters (Han, kana, Hangul), with offsets into
// the original string so snippets can highlight the text the user wrote.
import { porterStem } from './porter';

export interface Segment {
  kind: 'word' | 'cjk';
  start: number;
  end: number;
  text: string;
}

const SEGMENT =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005\u3007]+)|((?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc])[\p{L}\p{N}\p{M}])+)/gu;

/** Words and CJK runs of `text`, in order. Punctuation, spaces and symbols separate them. */
export function segmentText(text: string): Segment[] {
  const out: Segment[] = [];
  for (const m of text.matchAll(SEGMENT)) {
    out.push({ kind: m[1] !== undefined ? 'cjk' : 'word', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Fold a word for matching: compatibility forms (full-width letters), case and diacritics. */
export function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase(); // nothing to normalise: the common case, kept cheap
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const ASCII_WORD = /^[a-z0-9]+$/;

// Snippets stem every word of the texts they show; notes reuse their vocabulary, so remember stems.
const STEMS = new Map<string, string>();
const MAX_STEMS = 50_000;

/** Folded and Porter-stemmed (ASCII words only; other scripts are kept folded). */
export function stemWord(folded: string): string {
  if (!ASCII_WORD.test(folded)) return folded;
  let s = STEMS.get(folded);
  if (s === undefined) {
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    STEMS.set(folded, (s = porterStem(folded)));
  }
  return s;
}

/** CJK characters of a run, compatibility-normalised (one string per code point). */
export function cjkChars(run: string): string[] {
  return [...run.normalize('NFKC')];
}

/**
 * Index grams of one CJK run: the bigram starting at every character, and the last character
 * alone. Every character starts exactly one token, so `"申"*` finds any single character, a
 * bigram token finds any two-character string, and a phrase of bigrams finds longer strings;
 * the trailing single character keeps bigram phrases from running across two runs.
 */
export function cjkGrams(run: string): string[] {
  const chars = cjkChars(run);
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  if (chars.length > 0) grams.push(chars[chars.length - 1]!);
  return grams;
}

/** Bigrams of a query's CJK run (the phrase that must appear), or the single character. */
export function cjkQueryGrams(run: string): { grams: string[]; single: boolean } {
  const chars = cjkChars(run);
  if (chars.length === 1) return { grams: chars, single: true };
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return { grams, single: false };
}
