/**
 * Tokenizer for Folio's bag-of-words sentence embedder. Shared by the model build
 * (scripts/build-embedder.ts) and the runtime, so both agree byte for byte on tokens and n-gram buckets.
 *
 * Pipeline: cap length -> lowercase -> (non-ASCII only) NFKD + strip combining marks -> match
 * `[a-z0-9]+` runs joined by ' - . (so "fine-tuning", "don't", "3.5" stay whole when the vocabulary
 * has them, and are split otherwise). Everything else (CJK, emoji, symbols, control bytes) is a
 * separator: GloVe has no vectors for it, so Chinese-only text gets an all-zero embedding and is
 * found through full-text search; mixed Chinese/English text embeds its English part.
 *
 * In-vocabulary words map to their row; other words become hashed character n-grams (fastText
 * style, with < > boundary markers) whose rows were fitted to GloVe vectors at build time.
 */

export interface TokenizerParams {
  /** number of hashed n-gram buckets; bucket b is row vocabSize + b of the table */
  buckets: number;
  minN: number;
  maxN: number;
  /** total weight an out-of-vocabulary word spreads over its n-grams (in-vocabulary words weigh 1) */
  oovWeight: number;
  /** only the first maxChars characters of a text are read */
  maxChars: number;
  /** only the first maxTokens word tokens count */
  maxTokens: number;
  /** words longer than this are treated as noise (hashes, base64, URLs) and skipped */
  maxWordLength: number;
}

export const DEFAULT_TOKENIZER_PARAMS: TokenizerParams = {
  buckets: 32768,
  minN: 3,
  maxN: 5,
  oovWeight: 1,
  maxChars: 32768,
  maxTokens: 1024,
  maxWordLength: 32,
};

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
// ASCII letters/digits, optionally joined by apostrophe, hyphen or dot (no leading/trailing joiners)
const WORD = /[a-z0-9]+(?:['.\-][a-z0-9]+)*/g;
const DIGITS = /^[0-9]+$/;

/** Lowercase, fold accents and compatibility forms (ﬁ -> fi, ｆｕｌｌｗｉｄｔｈ -> fullwidth). */
export function normalizeText(text: string, maxChars = DEFAULT_TOKENIZER_PARAMS.maxChars): string {
  if (typeof text !== 'string') text = String(text ?? '');
  let t = text.length > maxChars ? text.slice(0, maxChars) : text;
  t = t.toLowerCase();
  if (NON_ASCII.test(t)) {
    // toWellFormed avoids normalize() choking on lone surrogates in binary-looking input
    const wf = (t as string & { toWellFormed?: () => string }).toWellFormed?.() ?? t;
    t = wf.normalize('NFKD').replace(MARKS, '').replace(/[’‘]/g, "'");
  }
  return t;
}

/** Raw word tokens of a text (before vocabulary lookup). Never throws. */
export function tokenize(text: string, maxChars = DEFAULT_TOKENIZER_PARAMS.maxChars): string[] {
  return normalizeText(text, maxChars).match(WORD) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Bucket ids of the character n-grams of `<word>` (minN..maxN), FNV-1a over UTF-16 code units.
 * Calls `emit` once per n-gram occurrence; returns how many were emitted.
 */
export function forEachNgramBucket(
  word: string,
  minN: number,
  maxN: number,
  buckets: number,
  emit: (bucket: number) => void,
): number {
  const padded = `<${word}>`;
  const len = padded.length;
  let count = 0;
  for (let i = 0; i < len; i++) {
    let h = FNV_OFFSET;
    for (let n = 1; n <= maxN && i + n <= len; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
      if (n >= minN) {
        emit((h >>> 0) % buckets);
        count++;
      }
    }
  }
  return count;
}

/** A text as a bag of table rows with summed weights (rows in first-seen order). */
export interface Bag {
  ids: number[];
  weights: number[];
  /** word tokens that found a row (vocabulary or n-grams) */
  tokens: number;
  /** of which out-of-vocabulary (n-gram fallback) */
  oov: number;
}

export class EmbedTokenizer {
  readonly vocabSize: number;
  private readonly index: Map<string, number>;

  constructor(
    vocab: readonly string[],
    readonly params: TokenizerParams,
  ) {
    this.vocabSize = vocab.length;
    this.index = new Map();
    vocab.forEach((w, i) => this.index.set(w, i));
  }

  /** Row of an in-vocabulary word, or -1. */
  lookup(word: string): number {
    return this.index.get(word) ?? -1;
  }

  /**
   * Resolve one raw token into vocabulary words and OOV words: keep it whole if known, otherwise
   * split clitics ("don't" -> do n't) and joiners ("torch.compile" -> torch compile).
   */
  private resolve(token: string, onWord: (id: number) => void, onOov: (word: string) => void): void {
    const id = this.index.get(token);
    if (id !== undefined) return onWord(id);
    if (token.includes("'")) {
      const m = /^(.+)n't$/.exec(token);
      if (m) {
        this.resolve(m[1]!, onWord, onOov);
        const neg = this.index.get("n't");
        if (neg !== undefined) onWord(neg);
        return;
      }
      const apos = token.indexOf("'");
      const stem = token.slice(0, apos);
      const clitic = this.index.get(token.slice(apos));
      if (stem) this.resolve(stem, onWord, onOov);
      if (clitic !== undefined) onWord(clitic);
      else for (const rest of token.slice(apos + 1).split(/['.\-]/)) if (rest) this.resolve(rest, onWord, onOov);
      return;
    }
    if (token.includes('-') || token.includes('.')) {
      for (const part of token.split(/[.\-]/)) if (part) this.resolve(part, onWord, onOov);
      return;
    }
    if (DIGITS.test(token)) return; // unknown numbers carry no meaning in n-grams
    if (token.length < 2 || token.length > this.params.maxWordLength) return;
    onOov(token);
  }

  /** Text -> bag of rows. Never throws; empty or symbol-only text gives an empty bag. */
  encode(text: string): Bag {
    const p = this.params;
    const raw = tokenize(text, p.maxChars);
    const acc = new Map<number, number>();
    let tokens = 0;
    let oov = 0;
    const add = (id: number, w: number) => acc.set(id, (acc.get(id) ?? 0) + w);
    const onWord = (id: number) => {
      tokens++;
      add(id, 1);
    };
    const onOov = (word: string) => {
      tokens++;
      oov++;
      const grams: number[] = [];
      forEachNgramBucket(word, p.minN, p.maxN, p.buckets, (b) => grams.push(b));
      if (grams.length === 0) return;
      const w = p.oovWeight / grams.length;
      for (const b of grams) add(this.vocabSize + b, w);
    };
    for (const t of raw) {
      if (tokens >= p.maxTokens) break;
      this.resolve(t, onWord, onOov);
    }
    return { ids: [...acc.keys()], weights: [...acc.values()], tokens, oov };
  }
}
