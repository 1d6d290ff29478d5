/**
 * Comment features for the spam classifier: text normalisation, hashed tokens and named dense
 * features, producing one sparse vector per text.
 *
 * Layout of the feature space (size 2^hashBits):
 *   index 0                      padding (always value 0 in the ONNX input)
 *   1 .. denseSlots-1            named dense features: a general copy, a per-domain copy
 *                                (comment / email) and a domain bias for email, so training on
 *                                SpamAssassin email does not drag comment-level statistics
 *                                (length, link counts) towards email habits
 *   denseSlots .. 2^hashBits-1   signed hashed tokens (words, bigrams, character n-grams of words,
 *                                link domains, TLDs and words inside URLs)
 *
 * Nothing here runs or renders the input: HTML is parsed with regular expressions only to strip tags
 * and to read link targets.
 */
import { LEXICONS, MESSAGING_DOMAINS, SUSPICIOUS_TLDS, URL_SHORTENERS } from './lexicons';
import { murmur3 } from './hash';

export const FEATURE_SCHEMA_VERSION = 2;

export interface SpamFeatureConfig {
  /** Bumped whenever extraction changes in a way that invalidates trained weights. */
  schema: number;
  /** log2 of the feature-space size. */
  hashBits: number;
  /** Indices below this are reserved for named dense features. */
  denseSlots: number;
  /** Only the first maxChars characters are tokenised (length features still see the full text). */
  maxChars: number;
  /** Character n-gram sizes taken inside words of at least `charMinWord` letters; [] disables them. */
  charNgrams: number[];
  charMinWord: number;
  /** Weight of each token group after per-group L2 normalisation. */
  scales: { word: number; bigram: number; char: number; urlPart: number };
  /**
   * Also hash every token a second time under its text domain (comment or email), so that a word's
   * comment weight can differ from its email weight ("your", "free", "call" are far more telling
   * in email marketing than in a reader's comment). Run time always extracts `comment`.
   */
  domainTokens: boolean;
}

export const DEFAULT_FEATURE_CONFIG: SpamFeatureConfig = {
  schema: FEATURE_SCHEMA_VERSION,
  hashBits: 18,
  denseSlots: 1024,
  maxChars: 20_000,
  charNgrams: [3, 4],
  charMinWord: 5,
  scales: { word: 1, bigram: 0.6, char: 0.5, urlPart: 0.5 },
  domainTokens: true,
};

export type TextDomain = 'comment' | 'email';

export interface SparseFeatures {
  /** Sorted, unique feature indices. */
  indices: Int32Array;
  /** Signed values, parallel to indices. */
  values: Float32Array;
}

/** One feature occurrence with a human-readable origin, for explanations. */
export interface NamedFeature {
  /** Stable key: `dense:<name>`, `w:<word>`, `b:<w1 w2>`, `c:<word>` (n-grams of a word), `d:<domain>`, ... */
  key: string;
  index: number;
  /** Signed value (hash sign applied) as it enters the dot product. */
  value: number;
}

// ---------------------------------------------------------------------------------------------
// Named dense features

interface DenseSpec {
  name: string;
  label: string;
}

const DENSE_BASE: DenseSpec[] = [
  { name: 'empty', label: 'no words at all' },
  { name: 'len_0_20', label: 'very short (under 20 characters)' },
  { name: 'len_20_60', label: 'short (20-60 characters)' },
  { name: 'len_60_150', label: 'medium length (60-150 characters)' },
  { name: 'len_150_400', label: 'long (150-400 characters)' },
  { name: 'len_400_1000', label: 'very long (400-1000 characters)' },
  { name: 'len_1000_plus', label: 'huge (over 1000 characters)' },
  { name: 'url_any', label: 'contains a link' },
  { name: 'url_count', label: 'number of links' },
  { name: 'url_many_domains', label: 'links to several different sites' },
  { name: 'url_mostly', label: 'little text besides links' },
  { name: 'url_short_text', label: 'a link in a short comment' },
  { name: 'url_shortener', label: 'link through a URL shortener' },
  { name: 'url_messaging', label: 'link to a messaging app (t.me, wa.me...)' },
  { name: 'url_suspicious_tld', label: 'link to a throwaway-style domain (.xyz, .top...)' },
  { name: 'url_ip', label: 'link to a bare IP address' },
  { name: 'url_query', label: 'link with tracking or referral parameters' },
  { name: 'url_obfuscated', label: 'disguised link ("example dot com")' },
  { name: 'html_anchor', label: 'HTML link tag' },
  { name: 'bbcode_link', label: 'forum-style [url] link' },
  { name: 'html_tags', label: 'other HTML tags' },
  { name: 'script_injection', label: 'script or event-handler code' },
  { name: 'email_any', label: 'contains an email address' },
  { name: 'phone_any', label: 'contains a phone number' },
  { name: 'sms_shortcode', label: '"text X to 12345" short code' },
  { name: 'money_amount', label: 'a money amount ($500, 1000 USD)' },
  { name: 'percent_off', label: 'a percentage (50% off, 100%)' },
  { name: 'caps_ratio', label: 'share of capital letters' },
  { name: 'caps_high', label: 'mostly written in capitals' },
  { name: 'caps_words', label: 'words in ALL CAPS' },
  { name: 'exclaim_count', label: 'exclamation marks' },
  { name: 'exclaim_run', label: 'runs of !!!' },
  { name: 'repeat_char_run', label: 'a stretched word (soooo, yesss)' },
  { name: 'repeat_char_long', label: 'a character repeated many times (aaaaaaaaaa)' },
  { name: 'repeat_symbol_run', label: 'a symbol repeated ($$$, ***)' },
  { name: 'repeat_words', label: 'the same phrase over and over' },
  { name: 'dominant_token', label: 'one word making up most of the text' },
  { name: 'keyboard_mash', label: 'keyboard mashing or a repeated syllable (asdfasdf, lololol)' },
  { name: 'emoji_count', label: 'emoji' },
  { name: 'digit_ratio', label: 'many digits' },
  { name: 'han_text', label: 'written in Chinese characters' },
  { name: 'cyrillic_text', label: 'written in Cyrillic' },
  { name: 'mixed_script_word', label: 'words mixing alphabets (look-alike letters)' },
  { name: 'leet_word', label: 'obfuscated spelling (v1agra, fr33)' },
  { name: 'no_letters', label: 'only symbols or numbers' },
  { name: 'praise_and_link', label: 'generic praise together with a link' },
  { name: 'promo_and_link', label: 'self-promotion together with a link' },
  { name: 'contact_and_handle', label: 'asks for contact and gives a number, address or handle' },
  { name: 'at_handle', label: 'an @handle' },
];

const LEXICON_SPECS: DenseSpec[] = LEXICONS.map((l) => ({ name: `lex_${l.key}`, label: l.label }));

/** All dense features in index order (general copies start at index 1). */
export const DENSE_FEATURES: readonly DenseSpec[] = [...DENSE_BASE, ...LEXICON_SPECS];
const DENSE_INDEX = new Map(DENSE_FEATURES.map((d, i) => [d.name, i]));
const N_DENSE = DENSE_FEATURES.length;

function denseIndex(position: number, copy: 0 | 1 | 2): number {
  return 1 + copy * N_DENSE + position;
}
/** Index of the email-domain bias feature. */
function emailBiasIndex(): number {
  return 1 + 3 * N_DENSE;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
};

/** Decode HTML character references (named subset, decimal and hex). Invalid code points become U+FFFD. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    return named ?? match;
  });
}

const INVISIBLE = /[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]/g;

export interface NormalizedText {
  /** The analysed prefix of the input with tags removed, entities decoded, NFKC, invisible characters gone. */
  text: string;
  /** Length of the whole input in characters. */
  fullLength: number;
  anchors: number;
  bbcodeLinks: number;
  otherTags: number;
  scriptLike: boolean;
  /** Link targets found in href/src attributes and [url=...] (they vanish with the tags). */
  hiddenUrls: string[];
}

const SCRIPT_LIKE =
  /<\s*\/?\s*(script|iframe|object|embed|applet|meta|base|form)\b|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|\bon(error|load|click|mouse\w+|focus|blur|submit)\s*=|document\s*\.\s*(cookie|write|location)|window\s*\.\s*location|\beval\s*\(|\balert\s*\(|<\s*svg[^>]*\bon\w+\s*=|\{\{.*constructor.*\}\}/i;

/** Strip HTML/BBCode markup and normalise Unicode, keeping what matters for features. */
export function normalizeText(raw: unknown, maxChars = DEFAULT_FEATURE_CONFIG.maxChars): NormalizedText {
  const full = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  let text = full.length > maxChars ? full.slice(0, maxChars) : full;
  const hiddenUrls: string[] = [];
  let anchors = 0;
  let bbcodeLinks = 0;
  let otherTags = 0;
  const scriptLike = SCRIPT_LIKE.test(text);
  if (text.includes('<')) {
    text = text.replace(/<!--[\s\S]*?-->/g, ' ');
    text = text.replace(/<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi, (tag, name: string) => {
      const href = /\b(?:href|src)\s*=\s*["']?([^"'\s>]+)/i.exec(tag);
      if (name.toLowerCase() === 'a' && tag[1] !== '/') anchors++;
      else if (!/^(br|p|b|i|em|strong|u|span|div)$/i.test(name)) otherTags++;
      if (href?.[1]) hiddenUrls.push(decodeEntities(href[1]));
      return ' ';
    });
  }
  if (text.includes('[')) {
    text = text.replace(
      /\[(url|link|img)(?:=([^\]\s]+))?\]([\s\S]*?)\[\/\1\]/gi,
      (_m, _tag, target: string | undefined, inner: string) => {
        bbcodeLinks++;
        if (target) hiddenUrls.push(target);
        return ` ${inner} `;
      },
    );
  }
  text = decodeEntities(text);
  // Entities may have hidden tags ("&lt;script&gt;"): look at them, then strip those too.
  const scriptAfterDecoding = SCRIPT_LIKE.test(text);
  if (text.includes('<')) {
    text = text.replace(/<\/?[a-z][a-z0-9]*\b[^<>]*>/gi, () => {
      otherTags++;
      return ' ';
    });
  }
  text = text.normalize('NFKC').replace(INVISIBLE, '');
  return {
    text,
    fullLength: full.length,
    anchors,
    bbcodeLinks,
    otherTags,
    scriptLike: scriptLike || scriptAfterDecoding,
    hiddenUrls,
  };
}

// ---------------------------------------------------------------------------------------------
// Links, emails, phones

// Bare domains ("cheap-pills.ru") count as links only with these TLDs: two-letter ones that are also
// words or chat abbreviations (it, in, us, me, to, at, be, no, so...) would turn "message.it" into a link.
const BARE_TLDS =
  'com|net|org|info|biz|io|co|ru|su|ua|xyz|top|site|online|club|shop|store|uk|de|fr|nl|pl|cn|pk|ly|gl|gd|tk|ml|ga|cf|gq|cc|ws|tv|app|dev|live|link|click|win|bid|loan|loans|vip|icu|buzz|pw|cam|bet|casino|xxx|porn|sex|work|email|tech|space|website|fun|cfd|sbs|rest|monster|quest|ai|ca|au|br|jp|kr|hk|tw|vn|ng|za|ke|gh|mx|ar|tr|ir';
const URL_RE = new RegExp(
  String.raw`\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'\]\[)(]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${BARE_TLDS})\b(?![.@\w])(?:\/[^\s<>"'\]\[)(]*)?`,
  'gi',
);
const OBFUSCATED_URL_RE = /\b[a-z0-9-]{3,}\s*(?:\(|\[|\{)?\s*(?:dot|\.)\s*(?:\)|\]|\})?\s*(?:com|net|org|xyz|ru|info|top)\b/i;
const EMAIL_RE = /\b[a-z0-9._%+-]+\s?(?:@|\(at\)|\[at\])\s?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/gi;
const PHONE_RE = /(?:\+|\b)\d[\d \t().-]{7,18}\d\b/g;
const SHORTCODE_RE = /\b(?:text|txt|send|reply|sms|call)\b[^.\n]{0,30}?\b(?:to|on)\s+\d{4,6}\b/i;
const MONEY_RE =
  /[$€£¥₹₦]\s?\d[\d,.]*\s?(?:k|m|million|billion)?\b|\b\d[\d,.]*\s?(?:k\s)?(?:\$|€|£|usd|eur|gbp|dollars|bucks|pounds|btc|eth|usdt|元|万)/gi;
const PERCENT_RE = /\b\d{1,3}\s?%/g;
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go']);

export interface LinkInfo {
  host: string;
  /** Registrable domain, approximated as the last two labels (three under co.uk, com.cn...). */
  domain: string;
  tld: string;
  path: string;
}

export function parseLink(raw: string): LinkInfo | null {
  let s = raw.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  const slash = s.search(/[/?#]/);
  let host = slash === -1 ? s : s.slice(0, slash);
  const path = slash === -1 ? '' : s.slice(slash);
  host = host
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '')
    .replace(/^www\d*\./, '')
    .replace(/\.+$/, '');
  if (!host || !/^[a-z0-9.-]+$/.test(host) || !host.includes('.')) return null;
  const labels = host.split('.').filter(Boolean);
  const tld = labels[labels.length - 1] ?? '';
  let take = 2;
  if (labels.length >= 3 && tld.length === 2 && SECOND_LEVEL.has(labels[labels.length - 2]!)) take = 3;
  const domain = labels.slice(-take).join('.');
  return { host, domain, tld, path };
}

// ---------------------------------------------------------------------------------------------
// Tokens

const TOKEN_RE = /__[a-z]+__|\p{Script=Han}|\p{Extended_Pictographic}|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’][\p{L}]+)*|[$€£¥]/gu;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

function deLeet(token: string): string | null {
  if (token.length < 4 || !/[a-z]/.test(token) || !/[0-9@$!]/.test(token)) return null;
  // "100k", "2nd", "4k60fps" are numbers with units, not disguised words: letters must dominate.
  const letters = (token.match(/[a-z]/g) ?? []).length;
  if (letters < 2 || letters < token.length - letters) return null;
  let out = '';
  for (const ch of token) out += LEET[ch] ?? ch;
  return /^[a-z]+$/.test(out) ? out : null;
}

function numberToken(token: string): string {
  const n = token.length;
  return n === 1 ? '__n1__' : n === 2 ? '__n2__' : n <= 4 ? '__n34__' : n <= 6 ? '__n56__' : '__n7__';
}

const ASCII_WORD = /^[a-z]+$/;
const DIGITS = /^\d+$/;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LETTERS_ONLY = /^\p{L}+$/u;

/** A long token that repeats a short unit ("asdfasdf", "lolololol") or has almost no vowels ("kjsdhfkjh"). */
function isKeyboardMash(token: string): boolean {
  if (token.length < 8 || !/^[a-z]+$/.test(token)) return false;
  for (let unit = 2; unit <= 4; unit++) {
    let repeats = true;
    for (let i = unit; i < token.length && repeats; i++) repeats = token[i] === token[i % unit];
    if (repeats) return true;
  }
  if (token.length < 10) return false;
  const vowels = (token.match(/[aeiouy]/g) ?? []).length;
  return vowels / token.length < 0.1;
}

function hasTripleRun(token: string): boolean {
  for (let i = 2; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === token.charCodeAt(i - 1) && c === token.charCodeAt(i - 2)) return true;
  }
  return false;
}

function addCharGrams(
  spelled: string,
  owner: string,
  sizes: readonly number[],
  grams: Map<string, number>,
  owners: Map<string, string> | null,
): void {
  const padded = `<${spelled}>`;
  for (const n of sizes) {
    for (let i = 0; i + n <= padded.length; i++) {
      const gram = padded.slice(i, i + n);
      grams.set(gram, (grams.get(gram) ?? 0) + 1);
      if (owners && !owners.has(gram)) owners.set(gram, `c:${owner}`);
    }
  }
}

/** Lexicon entries indexed for one pass over the tokens: words by themselves, phrases by first word. */
interface LexiconIndex {
  words: Map<string, string[]>;
  phrases: Map<string, { key: string; rest: string[] }[]>;
}

const LEXICON_INDEX: LexiconIndex = (() => {
  const index: LexiconIndex = { words: new Map(), phrases: new Map() };
  for (const lexicon of LEXICONS) {
    for (const w of lexicon.words) {
      const list = index.words.get(w) ?? [];
      list.push(lexicon.key);
      index.words.set(w, list);
    }
    for (const phrase of lexicon.phrases) {
      const parts = phrase.replace(/'/g, '').split(' ');
      const list = index.phrases.get(parts[0]!) ?? [];
      list.push({ key: lexicon.key, rest: parts.slice(1) });
      index.phrases.set(parts[0]!, list);
    }
  }
  return index;
})();

/** Count distinct lexicon entries present, per lexicon. `cjkText` is searched for CJK entries ('' to skip). */
function lexiconHits(sequence: readonly string[], cjkText: string): Map<string, number> {
  const seen = new Set<string>();
  const hits = new Map<string, number>();
  const hit = (key: string, entry: string) => {
    const id = `${key}\u0000${entry}`;
    if (seen.has(id)) return;
    seen.add(id);
    hits.set(key, (hits.get(key) ?? 0) + 1);
  };
  const tokens = sequence.map((t) => (t.includes("'") || t.includes('’') ? t.replace(/['’]/g, '') : t));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const keys = LEXICON_INDEX.words.get(t);
    if (keys) for (const key of keys) hit(key, t);
    const phrases = LEXICON_INDEX.phrases.get(t);
    if (!phrases) continue;
    for (const { key, rest } of phrases) {
      let ok = true;
      for (let r = 0; r < rest.length && ok; r++) ok = tokens[i + 1 + r] === rest[r];
      if (ok) hit(key, `${t} ${rest.join(' ')}`);
    }
  }
  if (cjkText) {
    for (const lexicon of LEXICONS) for (const c of lexicon.cjk ?? []) if (cjkText.includes(c)) hit(lexicon.key, c);
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Extraction

interface Accumulator {
  config: SpamFeatureConfig;
  modulus: number;
  values: Map<number, number>;
  named: NamedFeature[] | null;
  /** Hash-key prefix of the per-domain token copies ('' when they are off). */
  domainPrefix: string;
}

function addHashedOnce(acc: Accumulator, hashKey: string, value: number, nameKey: string): void {
  const h = murmur3(hashKey);
  const index = acc.config.denseSlots + (h % acc.modulus);
  const signed = h >>> 31 ? -value : value;
  acc.values.set(index, (acc.values.get(index) ?? 0) + signed);
  if (acc.named) acc.named.push({ key: nameKey, index, value: signed });
}

/** A hashed token: a general copy, plus a per-domain copy when the config asks for one. */
function addHashed(acc: Accumulator, hashKey: string, value: number, nameKey: string): void {
  addHashedOnce(acc, hashKey, value, nameKey);
  if (acc.domainPrefix) addHashedOnce(acc, acc.domainPrefix + hashKey, value, nameKey);
}

function addDense(acc: Accumulator, name: string, value: number, domain: TextDomain): void {
  if (value === 0) return;
  const position = DENSE_INDEX.get(name);
  if (position === undefined) throw new Error(`unknown dense feature ${name}`);
  const copies: number[] = [denseIndex(position, 0), denseIndex(position, domain === 'comment' ? 1 : 2)];
  for (const index of copies) {
    acc.values.set(index, (acc.values.get(index) ?? 0) + value);
    if (acc.named) acc.named.push({ key: `dense:${name}`, index, value });
  }
}

/** Add a bag of counts as one L2-normalised group (sublinear tf), scaled. */
function addGroup(
  acc: Accumulator,
  counts: Map<string, number>,
  prefix: string,
  scale: number,
  nameOf?: Map<string, string>,
): void {
  if (counts.size === 0 || scale === 0) return;
  let norm = 0;
  const weighted: [string, number][] = [];
  for (const [token, count] of counts) {
    const v = 1 + Math.log(count);
    weighted.push([token, v]);
    norm += v * v;
  }
  const k = scale / Math.sqrt(norm);
  for (const [token, v] of weighted) {
    addHashed(acc, prefix + token, v * k, nameOf?.get(token) ?? prefix + token);
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function capped(count: number, cap: number): number {
  return Math.min(count, cap) / cap;
}

export interface ExtractOptions {
  domain?: TextDomain;
  /** Also return each feature's key for explanations (slower). */
  names?: boolean;
}

export interface ExtractedFeatures extends SparseFeatures {
  named?: NamedFeature[];
}

/** Turn a text into a sparse feature vector. Never throws on any string input. */
export function extractFeatures(
  raw: unknown,
  config: SpamFeatureConfig = DEFAULT_FEATURE_CONFIG,
  options: ExtractOptions = {},
): ExtractedFeatures {
  const domain = options.domain ?? 'comment';
  const size = 2 ** config.hashBits;
  if (2 + 3 * N_DENSE > config.denseSlots) throw new Error('denseSlots too small for the dense features');
  const acc: Accumulator = {
    config,
    modulus: size - config.denseSlots,
    values: new Map(),
    named: options.names ? [] : null,
    domainPrefix: config.domainTokens ? (domain === 'comment' ? '\u0001c|' : '\u0001e|') : '',
  };

  const norm = normalizeText(raw, config.maxChars);
  let text = norm.text;
  const original = text;

  // Links: collect, then replace by a placeholder so their words do not pose as prose.
  const linkTexts: string[] = [...norm.hiddenUrls];
  const emails: string[] = [];
  text = text.replace(EMAIL_RE, (m) => {
    emails.push(m);
    return ' __email__ ';
  });
  text = text.replace(URL_RE, (m) => {
    linkTexts.push(m.replace(/[.,;:!?]+$/, ''));
    return ' __url__ ';
  });
  const obfuscatedUrl = OBFUSCATED_URL_RE.test(text);
  let phones = 0;
  text = text.replace(PHONE_RE, (m) => {
    const digits = m.replace(/\D/g, '').length;
    // "1 2 3 4 5 6 7 8 9" is a list, not a number: real phone numbers have a group of 3+ digits.
    if (digits < 9 || digits > 15 || !/\d{3}/.test(m)) return m;
    phones++;
    return ' __phone__ ';
  });
  const shortcode = SHORTCODE_RE.test(text);
  const moneyCount = (text.match(MONEY_RE) ?? []).length;
  const percentCount = (text.match(PERCENT_RE) ?? []).length;

  const links = linkTexts.map(parseLink).filter((l): l is LinkInfo => l !== null);
  const domains = new Set(links.map((l) => l.domain));

  // Word tokens.
  const lower = text.toLowerCase();
  const rawTokens = lower.match(TOKEN_RE) ?? [];
  const sequence: string[] = [];
  // Tokens as the lexicons see them: de-leeted where that gives a word ("v1agra" -> "viagra").
  const lexSequence: string[] = [];
  const words = new Map<string, number>();
  const charGrams = new Map<string, number>();
  const charGramOwner = new Map<string, string>();
  let leetWords = 0;
  let emoji = 0;
  let mixedScript = 0;
  for (const rawToken of rawTokens) {
    let token = rawToken;
    if (ASCII_WORD.test(token)) {
      // Fast path for the common case: plain ASCII letters.
      if (hasTripleRun(token)) token = token.replace(/(.)\1{2,}/g, '$1$1');
      if (config.charNgrams.length > 0 && token.length >= config.charMinWord) {
        addCharGrams(token, token, config.charNgrams, charGrams, acc.named ? charGramOwner : null);
      }
    } else if (DIGITS.test(token)) {
      token = numberToken(token);
    } else if (!token.startsWith('__')) {
      if (PICTOGRAPHIC.test(token)) emoji++;
      token = token.replace(/(.)\1{2,}/gu, '$1$1');
      if (LATIN.test(token) && CYRILLIC_GREEK.test(token)) mixedScript++;
      const plain = deLeet(token);
      if (plain) {
        leetWords++;
        bump(words, plain);
      }
      const spelled = plain ?? token;
      if (config.charNgrams.length > 0 && spelled.length >= config.charMinWord && LETTERS_ONLY.test(spelled)) {
        addCharGrams(spelled, token, config.charNgrams, charGrams, acc.named ? charGramOwner : null);
      }
    }
    sequence.push(token);
    lexSequence.push(deLeet(token) ?? token);
    bump(words, token);
  }
  const bigrams = new Map<string, number>();
  for (let i = 0; i + 1 < sequence.length; i++) bump(bigrams, `${sequence[i]} ${sequence[i + 1]}`);

  addGroup(acc, words, 'w:', config.scales.word);
  addGroup(acc, bigrams, 'b:', config.scales.bigram);
  addGroup(acc, charGrams, 'c:', config.scales.char, acc.named ? charGramOwner : undefined);

  // Link targets: domains and TLDs as tokens (value 1 each), words inside URLs as a group.
  const urlParts = new Map<string, number>();
  for (const domainName of domains) addHashed(acc, `d:${domainName}`, 1 / Math.sqrt(domains.size), `d:${domainName}`);
  const tlds = new Set(links.map((l) => l.tld));
  for (const tld of tlds) addHashed(acc, `t:${tld}`, 1 / Math.sqrt(tlds.size), `t:${tld}`);
  for (const link of links) {
    for (const part of `${link.host} ${link.path}`.split(/[^a-z]+/)) {
      if (part.length >= 3 && part !== 'www' && part !== 'http' && part !== 'https') bump(urlParts, part);
    }
  }
  addGroup(acc, urlParts, 'u:', config.scales.urlPart);

  // Dense features.
  const len = norm.fullLength;
  const letters = (original.match(/\p{L}/gu) ?? []).length;
  const upper = (original.match(/\p{Lu}/gu) ?? []).length;
  const lettersLatin = (original.match(/[A-Za-z]/g) ?? []).length;
  const hanCount = (original.match(/\p{Script=Han}/gu) ?? []).length;
  const cyrillic = (original.match(/\p{Script=Cyrillic}/gu) ?? []).length;
  const digits = (original.match(/\p{N}/gu) ?? []).length;
  const nonSpace = original.replace(/\s+/g, '').length;
  const realWords = sequence.filter((t) => !t.startsWith('__'));
  const textWithoutLinks = text.replace(/__[a-z]+__/g, ' ');
  const lettersWithoutLinks = (textWithoutLinks.match(/\p{L}/gu) ?? []).length;

  if (rawTokens.length === 0 && links.length === 0) addDense(acc, 'empty', 1, domain);
  const lenBucket =
    len < 20
      ? 'len_0_20'
      : len < 60
        ? 'len_20_60'
        : len < 150
          ? 'len_60_150'
          : len < 400
            ? 'len_150_400'
            : len < 1000
              ? 'len_400_1000'
              : 'len_1000_plus';
  addDense(acc, lenBucket, 1, domain);

  if (links.length > 0 || obfuscatedUrl) {
    addDense(acc, 'url_any', 1, domain);
    addDense(acc, 'url_count', capped(links.length, 5), domain);
    if (domains.size >= 2) addDense(acc, 'url_many_domains', 1, domain);
    if (lettersWithoutLinks < 15) addDense(acc, 'url_mostly', 1, domain);
    if (len < 160) addDense(acc, 'url_short_text', 1, domain);
    if (links.some((l) => URL_SHORTENERS.has(l.host) || URL_SHORTENERS.has(l.domain))) addDense(acc, 'url_shortener', 1, domain);
    if (links.some((l) => MESSAGING_DOMAINS.has(l.host) || MESSAGING_DOMAINS.has(l.domain)))
      addDense(acc, 'url_messaging', 1, domain);
    if (links.some((l) => SUSPICIOUS_TLDS.has(l.tld))) addDense(acc, 'url_suspicious_tld', 1, domain);
    if (links.some((l) => /^\d+\.\d+\.\d+\.\d+$/.test(l.host))) addDense(acc, 'url_ip', 1, domain);
    if (links.some((l) => /[?&](ref|aff|affiliate|id|uid|campaign|utm_[a-z]+|r|code)=/.test(l.path)))
      addDense(acc, 'url_query', 1, domain);
    if (obfuscatedUrl) addDense(acc, 'url_obfuscated', 1, domain);
  }
  if (norm.anchors > 0) addDense(acc, 'html_anchor', capped(norm.anchors, 3), domain);
  if (norm.bbcodeLinks > 0) addDense(acc, 'bbcode_link', capped(norm.bbcodeLinks, 3), domain);
  if (norm.otherTags > 0) addDense(acc, 'html_tags', capped(norm.otherTags, 5), domain);
  if (norm.scriptLike) addDense(acc, 'script_injection', 1, domain);
  if (emails.length > 0) addDense(acc, 'email_any', 1, domain);
  if (phones > 0) addDense(acc, 'phone_any', 1, domain);
  if (shortcode) addDense(acc, 'sms_shortcode', 1, domain);
  if (moneyCount > 0) addDense(acc, 'money_amount', capped(moneyCount, 3), domain);
  if (percentCount > 0) addDense(acc, 'percent_off', capped(percentCount, 3), domain);

  if (lettersLatin >= 8) {
    const ratio = upper / Math.max(1, letters);
    addDense(acc, 'caps_ratio', ratio, domain);
    if (ratio > 0.6) addDense(acc, 'caps_high', 1, domain);
  }
  const capsWords = (original.match(/\b[A-Z]{3,}\b/g) ?? []).length;
  if (capsWords > 0) addDense(acc, 'caps_words', capped(capsWords, 5), domain);
  const exclaims = (original.match(/[!！]/g) ?? []).length;
  if (exclaims > 0) addDense(acc, 'exclaim_count', capped(exclaims, 6), domain);
  if (/[!！]{2,}/.test(original)) addDense(acc, 'exclaim_run', 1, domain);
  // Stretched words ("soooo good", "noooo") are how people talk; 7+ of one letter is mostly junk.
  if (/(\p{L})\1{6,}/u.test(original)) addDense(acc, 'repeat_char_long', 1, domain);
  else if (/(\p{L})\1{3,}/u.test(original)) addDense(acc, 'repeat_char_run', 1, domain);
  if (/([^\p{L}\p{N}\s.])\1{2,}/u.test(original)) addDense(acc, 'repeat_symbol_run', 1, domain);
  if (sequence.length >= 6) {
    // Share of word pairs already seen earlier in the text: "buy now buy now buy now" is ~0.8, while
    // ordinary prose repeats a few pairs ("of the") and stays under ~0.15 even when long.
    const pairs = new Set<string>();
    let repeated = 0;
    for (let i = 0; i + 1 < sequence.length; i++) {
      const pair = `${sequence[i]} ${sequence[i + 1]}`;
      if (pairs.has(pair)) repeated++;
      else pairs.add(pair);
    }
    const share = repeated / (sequence.length - 1);
    if (share > 0.2) addDense(acc, 'repeat_words', Math.min(1, (share - 0.2) / 0.5), domain);
  }
  if (sequence.length >= 4) {
    const counts = new Map<string, number>();
    for (const t of sequence) counts.set(t, (counts.get(t) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (top / sequence.length >= 0.5) addDense(acc, 'dominant_token', 1, domain);
  }
  if (realWords.some(isKeyboardMash)) addDense(acc, 'keyboard_mash', 1, domain);
  if (emoji > 0) addDense(acc, 'emoji_count', capped(emoji, 6), domain);
  if (nonSpace >= 10 && digits / nonSpace > 0.2) addDense(acc, 'digit_ratio', 1, domain);
  if (letters > 0 && hanCount / letters > 0.3) addDense(acc, 'han_text', 1, domain);
  if (letters > 0 && cyrillic / letters > 0.3) addDense(acc, 'cyrillic_text', 1, domain);
  if (mixedScript > 0) addDense(acc, 'mixed_script_word', 1, domain);
  if (leetWords > 0) addDense(acc, 'leet_word', capped(leetWords, 3), domain);
  if (letters === 0 && nonSpace > 0) addDense(acc, 'no_letters', 1, domain);
  const handle = /(?:^|\s)@[a-z0-9_.]{3,}/i.test(original);
  if (handle) addDense(acc, 'at_handle', 1, domain);

  // Lexicons on the token sequence (phrases need word boundaries) and on raw text for CJK.
  const hits = lexiconHits(lexSequence, hanCount > 0 ? lower : '');
  for (const lexicon of LEXICONS) {
    const count = hits.get(lexicon.key) ?? 0;
    if (count > 0) addDense(acc, `lex_${lexicon.key}`, capped(count, 3), domain);
  }
  const hasLink = links.length > 0 || obfuscatedUrl;
  if (hasLink && (hits.get('praise') ?? 0) > 0) addDense(acc, 'praise_and_link', 1, domain);
  if (hasLink && ((hits.get('selfpromo') ?? 0) > 0 || (hits.get('seo') ?? 0) > 0)) addDense(acc, 'promo_and_link', 1, domain);
  if ((hits.get('contact') ?? 0) > 0 && (phones > 0 || emails.length > 0 || handle || shortcode)) {
    addDense(acc, 'contact_and_handle', 1, domain);
  }

  if (domain === 'email') {
    const index = emailBiasIndex();
    acc.values.set(index, 1);
    if (acc.named) acc.named.push({ key: 'dense:email_bias', index, value: 1 });
  }

  // Typed-array sort is numeric and far cheaper than sorting [key, value] pairs.
  const keys = new Int32Array(acc.values.size);
  let n = 0;
  for (const [index, value] of acc.values) if (value !== 0) keys[n++] = index;
  const indices = keys.subarray(0, n).sort();
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = acc.values.get(indices[i]!)!;
  const out: ExtractedFeatures = { indices, values };
  if (acc.named) out.named = acc.named;
  return out;
}

/** Human-readable description of a feature key (see {@link NamedFeature.key}). */
export function featureLabel(key: string): string {
  const colon = key.indexOf(':');
  const ns = key.slice(0, colon);
  const body = key.slice(colon + 1);
  switch (ns) {
    case 'dense': {
      if (body === 'email_bias') return 'email-style text';
      const spec = DENSE_FEATURES[DENSE_INDEX.get(body) ?? -1];
      return spec ? spec.label : body;
    }
    case 'w':
      return placeholderLabel(body) ?? `word "${body}"`;
    case 'b':
      return `phrase "${body
        .split(' ')
        .map((t) => placeholderLabel(t) ?? t)
        .join(' ')}"`;
    case 'c':
      return `spelling of "${body}"`;
    case 'd':
      return `link to ${body}`;
    case 't':
      return `link ending in .${body}`;
    case 'u':
      return `"${body}" inside a link`;
    default:
      return key;
  }
}

function placeholderLabel(token: string): string | null {
  switch (token) {
    case '__url__':
      return '[link]';
    case '__email__':
      return '[email address]';
    case '__phone__':
      return '[phone number]';
    case '__n1__':
    case '__n2__':
    case '__n34__':
    case '__n56__':
    case '__n7__':
      return '[number]';
    default:
      return null;
  }
}

/** Describe the layout for metadata and manifests. */
export function featureLayout(config: SpamFeatureConfig = DEFAULT_FEATURE_CONFIG): {
  size: number;
  dense: number;
  denseNames: string[];
} {
  return { size: 2 ** config.hashBits, dense: N_DENSE, denseNames: DENSE_FEATURES.map((d) => d.name) };
}
