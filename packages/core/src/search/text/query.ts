// User query -> FTS5 MATCH expression for the columns of index-text.ts. Users type words,
// "quoted phrases", prefix*, -excluded, OR, title:/body:/tag: field prefixes, and CJK text of any length; anything else (quotes,
// brackets, colons, lone operators, `*` alone...) is treated as separators. Every string reaches
// FTS5 inside double quotes, so no user input can produce a syntax error.
import { type SearchField, SEARCH_FIELDS } from './index-text';
import { cjkQueryGrams, foldWord, segmentText, stemWord } from './segment';

export interface QueryItem {
  text: string;
  phrase: boolean;
  prefix: boolean;
  /** Set by a `title:` / `body:` / `tag:` (or `props:`) prefix. */
  field?: SearchField;
}

const FIELD_PREFIX: Record<string, SearchField> = {
  title: 'title',
  body: 'body',
  text: 'body',
  tag: 'props',
  tags: 'props',
  prop: 'props',
  props: 'props',
};

export interface ParsedQuery {
  /** Items that must match: each inner array is an OR-group (usually of one item). */
  required: QueryItem[][];
  /** Items that must not match. */
  excluded: QueryItem[];
}

const MAX_QUERY_CHARS = 1000;
const MAX_ITEMS = 32;
const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“', '「': '」', '『': '』', '«': '»' };

/** Split what the user typed into items and operators. Never throws. */
export function parseUserQuery(input: string): ParsedQuery {
  const s = (input ?? '').slice(0, MAX_QUERY_CHARS).normalize('NFKC');
  const required: QueryItem[][] = [];
  const excluded: QueryItem[] = [];
  let negateNext = false;
  let orNext = false;
  let count = 0;
  let i = 0;

  const push = (item: QueryItem) => {
    if (fieldNext) item.field = fieldNext;
    fieldNext = undefined;
    if (count >= MAX_ITEMS) return;
    if (segmentText(item.text).length === 0) {
      negateNext = false;
      return;
    }
    count++;
    if (negateNext) excluded.push(item);
    else if (orNext && required.length > 0) required[required.length - 1]!.push(item);
    else required.push([item]);
    negateNext = false;
    orNext = false;
  };

  let fieldNext: SearchField | undefined;
  while (i < s.length) {
    const ch = s[i]!;
    const fieldMatch = /^([a-z]+):(?=\S)/i.exec(s.slice(i, i + 8));
    if (fieldMatch && FIELD_PREFIX[fieldMatch[1]!.toLowerCase()] && (i === 0 || /[\s\-!]/.test(s[i - 1]!))) {
      fieldNext = FIELD_PREFIX[fieldMatch[1]!.toLowerCase()];
      i += fieldMatch[0].length;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ((ch === '-' || ch === '!') && i + 1 < s.length && !/\s/.test(s[i + 1]!)) {
      negateNext = true;
      i++;
      continue;
    }
    if (ch === '+') {
      i++;
      continue;
    }
    const close = OPEN_QUOTES[ch];
    if (close) {
      const end = s.indexOf(close, i + 1);
      const text = s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end + 1;
      let prefix = false;
      while (s[i] === '*') {
        prefix = true;
        i++;
      }
      push({ text, phrase: true, prefix });
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!) && !OPEN_QUOTES[s[j]!]) j++;
    const word = s.slice(i, j);
    i = j;
    if (word === 'OR' || word === '|' || word === '||') {
      if (required.length > 0) orNext = true;
      continue;
    }
    if (word === 'AND' || word === '&&' || word === '&') continue;
    if (word === 'NOT') {
      negateNext = true;
      continue;
    }
    const prefix = /\*+$/.test(word);
    push({ text: word.replace(/\*+$/, ''), phrase: false, prefix });
  }
  if (required.length === 0 && excluded.length > 0) return { required: [], excluded };
  return { required, excluded };
}

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function columns(fields: readonly SearchField[], suffix: '' | '_raw' | '_cjk'): string {
  return `{${fields.map((f) => f + suffix).join(' ')}}`;
}

/** FTS5 expression for one item, or null when it has nothing searchable. */
function itemExpression(item: QueryItem, allowed: readonly SearchField[]): string | null {
  const fields = item.field ? allowed.filter((f) => f === item.field) : allowed;
  if (fields.length === 0) return null;
  const segs = segmentText(item.text);
  const words = segs
    .filter((s) => s.kind === 'word')
    .map((s) => foldWord(s.text))
    .filter(Boolean);
  const runs = segs.filter((s) => s.kind === 'cjk');
  const lastIsWord = segs.length > 0 && segs[segs.length - 1]!.kind === 'word';
  const parts: string[] = [];
  if (words.length > 0) {
    if (item.prefix && lastIsWord) parts.push(`${columns(fields, '_raw')} : ${quote(words.join(' '))} *`);
    else parts.push(`${columns(fields, '')} : ${quote(words.map(stemWord).join(' '))}`);
  }
  for (const run of runs) {
    const { grams, single } = cjkQueryGrams(run.text);
    parts.push(`${columns(fields, '_cjk')} : ${quote(grams.join(' '))}${single ? ' *' : ''}`);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

export interface FtsQueryOptions {
  /** Restrict to these fields (default all: title, body, props). */
  fields?: readonly SearchField[];
  /** Match items holding ANY of the words instead of all of them (a relaxed second try for long queries). */
  any?: boolean;
  /** With `any`: plain words to leave out (folded, e.g. `the`), so a relaxed query is not matched by filler alone. */
  stopwords?: ReadonlySet<string>;
}

/**
 * The MATCH expression for `userQuery`, or null when there is nothing to search for (empty input,
 * only punctuation, or only excluded terms). Words match by Porter stem (`paper` finds `papers`),
 * `word*` by prefix, "quoted words" as a phrase; a CJK run of any length matches as a substring.
 */
export function buildFtsQuery(userQuery: string, options: FtsQueryOptions = {}): string | null {
  const fields =
    options.fields && options.fields.length > 0 ? options.fields.filter((f) => SEARCH_FIELDS.includes(f)) : SEARCH_FIELDS;
  if (fields.length === 0) return null;
  const parsed = parseUserQuery(userQuery);
  const stop = options.any ? options.stopwords : undefined;
  const isStopword = (item: QueryItem): boolean =>
    !!stop && !item.phrase && !item.prefix && !item.field && stop.has(foldWord(item.text));
  const groups: string[] = [];
  for (const group of parsed.required) {
    const alts = group
      .filter((item) => !isStopword(item))
      .map((item) => itemExpression(item, fields))
      .filter((e): e is string => e !== null);
    if (alts.length === 0) continue;
    groups.push(alts.length === 1 ? alts[0]! : `(${alts.join(' OR ')})`);
  }
  if (groups.length === 0) return null;
  let expr =
    groups.length === 1 ? groups[0]! : groups.map((g) => (g.startsWith('(') ? g : `(${g})`)).join(options.any ? ' OR ' : ' AND ');
  for (const item of parsed.excluded) {
    const e = itemExpression(item, fields);
    if (e) expr = `(${expr}) NOT (${e})`;
  }
  return expr;
}
