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
 * In-vocabulary words map to their row. An out-of-vocabulary word tries, in order:
 *   1. a frequent word one edit away                (runnning -> running, sglang -> slang)
 *   2. a split into two frequent vocabulary words   (hicache -> hi + cache, dataloader -> data + loader)
 *   3. hashed character n-grams (fastText style, 3-5 grams with < > markers) whose rows were fitted
 *      to GloVe vectors at build time.
 * Steps 1-2 were added because n-gram rows fitted to GloVe recover little meaning on their own
 * (see README.md: held-out cosine about 0.35).
 */

/**
 * Bump when a change here changes any bag for any text: stored vectors must then be recomputed,
 * and the model must be rebuilt (the manifest records the version it was built for).
 */
export const TOKENIZER_VERSION = 1;

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
  /** OOV compound split: both parts must be among the first N vocabulary rows (0 = off) */
  compoundMaxRank: number;
  /** shortest part of a compound split (the longer part needs at least 4 letters) */
  compoundMinPart: number;
  /** OOV spelling fallback: the candidate must be among the first N rows (0 = off) */
  spellMaxRank: number;
  /** only letter-only words at least this long are spell-corrected */
  spellMinLength: number;
}

export const DEFAULT_TOKENIZER_PARAMS: TokenizerParams = {
  buckets: 32768,
  minN: 3,
  maxN: 5,
  oovWeight: 1,
  maxChars: 32768,
  maxTokens: 1024,
  maxWordLength: 32,
  compoundMaxRank: 50_000,
  compoundMinPart: 2,
  spellMaxRank: 30_000,
  spellMinLength: 5,
};

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
// ASCII letters/digits, optionally joined by apostrophe, hyphen or dot (no leading/trailing joiners)
const WORD = /[a-z0-9]+(?:['.-][a-z0-9]+)*/g;
const DIGITS = /^[0-9]+$/;
const LETTERS = /^[a-z]+$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
/** OOV resolutions cached per tokenizer (words repeat a lot across a notebook) */
const OOV_CACHE_SIZE = 20_000;
/** at most this many distinct rows per text (bounds the padded batch width) */
export const MAX_BAG_ROWS = 4096;

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

/** How an out-of-vocabulary word was resolved: rows with weights (summing to 1 for n-grams, 1 per word otherwise). */
interface OovResolution {
  ids: number[];
  weights: number[];
}

export class EmbedTokenizer {
  readonly vocabSize: number;
  private readonly index: Map<string, number>;
  private readonly oovCache = new Map<string, OovResolution>();

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
      else for (const rest of token.slice(apos + 1).split(/['.-]/)) if (rest) this.resolve(rest, onWord, onOov);
      return;
    }
    if (token.includes('-') || token.includes('.')) {
      for (const part of token.split(/[.-]/)) if (part) this.resolve(part, onWord, onOov);
      return;
    }
    if (DIGITS.test(token)) return; // unknown numbers carry no meaning in n-grams
    if (token.length < 2 || token.length > this.params.maxWordLength) return;
    onOov(token);
  }

  private frequent(word: string, maxRank: number): number {
    const id = this.index.get(word);
    return id !== undefined && id < maxRank ? id : -1;
  }

  /** Best split into two frequent words: longest shorter part, then most frequent pair. */
  private compound(word: string): number[] | null {
    const { compoundMaxRank: max, compoundMinPart: min } = this.params;
    if (!max || word.length < Math.max(2 * min, min + 4)) return null;
    let best: number[] | null = null;
    let bestShort = 0;
    let bestRank = Infinity;
    for (let i = min; i <= word.length - min; i++) {
      const a = this.frequent(word.slice(0, i), max);
      if (a < 0) continue;
      const b = this.frequent(word.slice(i), max);
      if (b < 0) continue;
      const short = Math.min(i, word.length - i);
      if (word.length - short < 4) continue; // the longer part must be a real word, not "ll" + "ms"
      const rank = Math.max(a, b);
      if (short > bestShort || (short === bestShort && rank < bestRank)) {
        best = [a, b];
        bestShort = short;
        bestRank = rank;
      }
    }
    return best;
  }

  /** Most frequent vocabulary word one edit (delete, transpose, replace, insert) away. */
  private spell(word: string): number {
    const { spellMaxRank: max, spellMinLength } = this.params;
    if (!max || word.length < spellMinLength || !LETTERS.test(word)) return -1;
    let best = -1;
    const consider = (cand: string) => {
      const id = this.frequent(cand, max);
      if (id >= 0 && (best < 0 || id < best)) best = id;
    };
    const n = word.length;
    for (let i = 0; i < n; i++) consider(word.slice(0, i) + word.slice(i + 1));
    for (let i = 0; i + 1 < n; i++) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (let i = 0; i < n; i++) {
      for (const c of ALPHABET) if (c !== word[i]) consider(word.slice(0, i) + c + word.slice(i + 1));
    }
    for (let i = 0; i <= n; i++) for (const c of ALPHABET) consider(word.slice(0, i) + c + word.slice(i));
    return best;
  }

  /** Resolve an out-of-vocabulary word (see the header for the order). */
  resolveOov(word: string): OovResolution {
    const cached = this.oovCache.get(word);
    if (cached) return cached;
    const p = this.params;
    let res: OovResolution;
    const fixed = this.spell(word);
    const parts = fixed >= 0 ? null : this.compound(word);
    if (fixed >= 0) {
      res = { ids: [fixed], weights: [p.oovWeight] };
    } else if (parts) {
      res = { ids: parts, weights: parts.map(() => p.oovWeight) };
    } else {
      const grams: number[] = [];
      forEachNgramBucket(word, p.minN, p.maxN, p.buckets, (b) => grams.push(this.vocabSize + b));
      res = { ids: grams, weights: grams.map(() => p.oovWeight / Math.max(grams.length, 1)) };
    }
    if (this.oovCache.size >= OOV_CACHE_SIZE) this.oovCache.clear();
    this.oovCache.set(word, res);
    return res;
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
      const r = this.resolveOov(word);
      for (let i = 0; i < r.ids.length; i++) add(r.ids[i]!, r.weights[i]!);
    };
    for (const t of raw) {
      if (tokens >= p.maxTokens || acc.size >= MAX_BAG_ROWS) break;
      this.resolve(t, onWord, onOov);
    }
    return { ids: [...acc.keys()], weights: [...acc.values()], tokens, oov };
  }
}
