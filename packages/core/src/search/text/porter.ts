// The Porter stemmer exactly as SQLite's FTS5 `porter` tokenizer implements it (fts5_tokenize.c),
// ported so that index text, queries and snippet highlighting all agree with one another. A test
// checks it against SQLite itself on real text. Tokens shorter than 3 or longer than 64 characters
// pass through unchanged, as in SQLite.

const MAX_TOKEN = 64;

function isVowel(c: string | undefined, yIsVowel: boolean): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (yIsVowel && c === 'y');
}

/** Index just past the first vowel-consonant sequence of s[0, n), or 0. */
function gobbleVC(s: string[], from: number, n: number, prevCons: boolean): number {
  let cons = prevCons;
  let i = from;
  for (; i < n; i++) {
    cons = !isVowel(s[i], cons);
    if (!cons) break;
  }
  for (i++; i < n; i++) {
    cons = !isVowel(s[i], cons);
    if (cons) return i + 1;
  }
  return 0;
}

const mGt0 = (s: string[], n: number): boolean => gobbleVC(s, 0, n, false) !== 0;
function mGt1(s: string[], n: number): boolean {
  const k = gobbleVC(s, 0, n, false);
  return k !== 0 && gobbleVC(s, k, n, true) !== 0;
}
function mEq1(s: string[], n: number): boolean {
  const k = gobbleVC(s, 0, n, false);
  return k !== 0 && gobbleVC(s, k, n, true) === 0;
}
function oStar(s: string[], n: number): boolean {
  const last = s[n - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  let cons = false;
  let mask = 0;
  for (let i = 0; i < n; i++) {
    cons = !isVowel(s[i], cons);
    mask = ((mask << 1) + (cons ? 1 : 0)) & 0xffff;
  }
  return (mask & 0x7) === 0x5;
}
const mGt1SorT = (s: string[], n: number): boolean => (s[n - 1] === 's' || s[n - 1] === 't') && mGt1(s, n);
function hasVowel(s: string[], n: number): boolean {
  for (let i = 0; i < n; i++) if (isVowel(s[i], i > 0)) return true;
  return false;
}

type Cond = ((s: string[], n: number) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, cond: Cond];

class Buf {
  constructor(
    public s: string[],
    public n: number,
  ) {}
  endsWith(suffix: string): boolean {
    const k = suffix.length;
    if (this.n <= k) return false; // SQLite requires nBuf > suffix length
    for (let i = 0; i < k; i++) if (this.s[this.n - k + i] !== suffix[i]) return false;
    return true;
  }
  replace(suffixLen: number, replacement: string): void {
    const stem = this.n - suffixLen;
    for (let i = 0; i < replacement.length; i++) this.s[stem + i] = replacement[i]!;
    this.n = stem + replacement.length;
  }
  /** First rule whose suffix matches (grouped by the penultimate letter, as in SQLite) is applied if its condition holds. */
  apply(groups: Record<string, readonly Rule[]>): boolean {
    const rules = groups[this.s[this.n - 2] ?? ''];
    if (!rules) return false;
    for (const [suffix, rep, cond] of rules) {
      if (!this.endsWith(suffix)) continue;
      if (cond === null || cond(this.s, this.n - suffix.length)) {
        this.replace(suffix.length, rep);
        return true;
      }
      return false;
    }
    return false;
  }
}

const STEP2: Record<string, readonly Rule[]> = {
  a: [
    ['ational', 'ate', mGt0],
    ['tional', 'tion', mGt0],
  ],
  c: [
    ['enci', 'ence', mGt0],
    ['anci', 'ance', mGt0],
  ],
  e: [['izer', 'ize', mGt0]],
  g: [['logi', 'log', mGt0]],
  l: [
    ['bli', 'ble', mGt0],
    ['alli', 'al', mGt0],
    ['entli', 'ent', mGt0],
    ['eli', 'e', mGt0],
    ['ousli', 'ous', mGt0],
  ],
  o: [
    ['ization', 'ize', mGt0],
    ['ation', 'ate', mGt0],
    ['ator', 'ate', mGt0],
  ],
  s: [
    ['alism', 'al', mGt0],
    ['iveness', 'ive', mGt0],
    ['fulness', 'ful', mGt0],
    ['ousness', 'ous', mGt0],
  ],
  t: [
    ['aliti', 'al', mGt0],
    ['iviti', 'ive', mGt0],
    ['biliti', 'ble', mGt0],
  ],
};
const STEP3: Record<string, readonly Rule[]> = {
  a: [['ical', 'ic', mGt0]],
  s: [['ness', '', mGt0]],
  t: [
    ['icate', 'ic', mGt0],
    ['iciti', 'ic', mGt0],
  ],
  u: [['ful', '', mGt0]],
  v: [['ative', '', mGt0]],
  z: [['alize', 'al', mGt0]],
};
const STEP4: Record<string, readonly Rule[]> = {
  a: [['al', '', mGt1]],
  c: [
    ['ance', '', mGt1],
    ['ence', '', mGt1],
  ],
  e: [['er', '', mGt1]],
  i: [['ic', '', mGt1]],
  l: [
    ['able', '', mGt1],
    ['ible', '', mGt1],
  ],
  n: [
    ['ant', '', mGt1],
    ['ement', '', mGt1],
    ['ment', '', mGt1],
    ['ent', '', mGt1],
  ],
  o: [
    ['ion', '', mGt1SorT],
    ['ou', '', mGt1],
  ],
  s: [['ism', '', mGt1]],
  t: [
    ['ate', '', mGt1],
    ['iti', '', mGt1],
  ],
  u: [['ous', '', mGt1]],
  v: [['ive', '', mGt1]],
  z: [['ize', '', mGt1]],
};
const STEP1B2: Record<string, readonly Rule[]> = {
  a: [['at', 'ate', null]],
  b: [['bl', 'ble', null]],
  i: [['iz', 'ize', null]],
};

/** Step 1b: `eed`/`ed`/`ing`. Returns true when `ed`/`ing` was removed (1b2 follows). */
function step1b(b: Buf): boolean {
  const p = b.s[b.n - 2];
  if (p === 'e') {
    if (b.endsWith('eed')) {
      if (mGt0(b.s, b.n - 3)) b.replace(3, 'ee');
      return false;
    }
    if (b.endsWith('ed')) {
      if (hasVowel(b.s, b.n - 2)) {
        b.replace(2, '');
        return true;
      }
    }
    return false;
  }
  if (p === 'n' && b.endsWith('ing') && hasVowel(b.s, b.n - 3)) {
    b.replace(3, '');
    return true;
  }
  return false;
}

/** Porter stem of a lower-case token (SQLite FTS5 flavour). */
export function porterStem(token: string): string {
  if (token.length < 3 || token.length > MAX_TOKEN) return token;
  const b = new Buf([...token], 0);
  b.n = b.s.length;
  if (b.n < 3 || b.n > MAX_TOKEN) return token;

  // Step 1a
  if (b.s[b.n - 1] === 's') {
    if (b.s[b.n - 2] === 'e') {
      if ((b.n > 4 && b.s[b.n - 4] === 's' && b.s[b.n - 3] === 's') || (b.n > 3 && b.s[b.n - 3] === 'i')) b.n -= 2;
      else b.n -= 1;
    } else if (b.s[b.n - 2] !== 's') b.n -= 1;
  }

  // Step 1b
  if (step1b(b)) {
    if (!b.apply(STEP1B2)) {
      const c = b.s[b.n - 1];
      if (!isVowel(c, false) && c !== 'l' && c !== 's' && c !== 'z' && c === b.s[b.n - 2]) b.n--;
      else if (mEq1(b.s, b.n) && oStar(b.s, b.n)) {
        b.s[b.n] = 'e';
        b.n++;
      }
    }
  }

  // Step 1c
  if (b.s[b.n - 1] === 'y' && hasVowel(b.s, b.n - 1)) b.s[b.n - 1] = 'i';

  b.apply(STEP2);
  b.apply(STEP3);
  b.apply(STEP4);

  // Step 5a
  if (b.s[b.n - 1] === 'e' && (mGt1(b.s, b.n - 1) || (mEq1(b.s, b.n - 1) && !oStar(b.s, b.n - 1)))) b.n--;
  // Step 5b
  if (b.n > 1 && b.s[b.n - 1] === 'l' && b.s[b.n - 2] === 'l' && mGt1(b.s, b.n - 1)) b.n--;

  return b.s.slice(0, b.n).join('');
}
