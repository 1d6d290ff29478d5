// Index text for the bilingual FTS5 table. better-sqlite3's SQLite cannot take a JavaScript
// tokenizer, so we tokenize here and hand FTS5 strings its plain `unicode61` tokenizer splits on
// spaces. Each field has three columns:
//   <field>      folded + Porter-stemmed words      ("papers" -> "paper")    plain and phrase queries
//   <field>_raw  folded words, unstemmed            ("learning")             prefix queries (`learni*`)
//   <field>_cjk  CJK grams (see cjkGrams)           ("申请 请材 材料 料")       Chinese/Japanese/Korean
import { cjkGrams, foldWord, segmentText, stemWord } from './segment';

export const SEARCH_FIELDS = ['title', 'body', 'props'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_COLUMNS = [
  'title',
  'body',
  'props',
  'title_raw',
  'body_raw',
  'props_raw',
  'title_cjk',
  'body_cjk',
  'props_cjk',
] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];
export type SearchRow = Record<SearchColumn, string>;

/** Relative column weights for bm25(): titles count most, properties next, body last. */
export const SEARCH_COLUMN_WEIGHTS: Record<SearchColumn, number> = {
  title: 10,
  body: 1,
  props: 3,
  title_raw: 5,
  body_raw: 0.5,
  props_raw: 1.5,
  title_cjk: 10,
  body_cjk: 1,
  props_cjk: 3,
};

/**
 * The virtual table the search repo creates (tested in fts.test.ts). Contentless: the original
 * text lives in the domain tables; rowid is the owning row's id. `contentless_delete=1` allows
 * DELETE and INSERT OR REPLACE by rowid (SQLite >= 3.43).
 */
export function createSearchTableSql(table = 'search_fts'): string {
  return `CREATE VIRTUAL TABLE ${table} USING fts5(${SEARCH_COLUMNS.join(', ')}, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1)`;
}

/** `bm25(table, w1, ..., w9)` in column order, for ORDER BY (smaller is better). */
export function bm25Sql(table = 'search_fts'): string {
  return `bm25(${table}, ${SEARCH_COLUMNS.map((c) => SEARCH_COLUMN_WEIGHTS[c]).join(', ')})`;
}

const MAX_TOKEN_CHARS = 64;

export interface FieldIndexText {
  stemmed: string;
  raw: string;
  cjk: string;
}

/** Index strings of one field's plain text. */
export function indexField(text: string): FieldIndexText {
  const stemmed: string[] = [];
  const raw: string[] = [];
  const cjk: string[] = [];
  for (const seg of segmentText(text)) {
    if (seg.kind === 'cjk') {
      for (const g of cjkGrams(seg.text)) cjk.push(g);
      continue;
    }
    const folded = foldWord(seg.text);
    if (!folded || folded.length > MAX_TOKEN_CHARS) continue;
    raw.push(folded);
    stemmed.push(stemWord(folded));
  }
  return { stemmed: stemmed.join(' '), raw: raw.join(' '), cjk: cjk.join(' ') };
}

export interface SearchDocument {
  title?: string;
  /** Plain text of the body: pass markdownToPlainText(bodyMarkdown). */
  body?: string;
  /** Property values and tags as text: see propertiesToText. */
  props?: string;
}

/** The nine column values for one document, ready for `INSERT INTO search_fts(rowid, ...)`. */
export function buildSearchRow(doc: SearchDocument): SearchRow {
  const row = {} as SearchRow;
  for (const f of SEARCH_FIELDS) {
    const t = indexField(doc[f] ?? '');
    row[f] = t.stemmed;
    row[`${f}_raw`] = t.raw;
    row[`${f}_cjk`] = t.cjk;
  }
  return row;
}

/** Property values (not keys) and tags as one searchable text. */
export function propertiesToText(properties: Record<string, unknown> | null | undefined, tags: readonly string[] = []): string {
  const parts: string[] = [...tags];
  const visit = (v: unknown, depth: number) => {
    if (depth > 5 || v === null || v === undefined) return;
    if (typeof v === 'string') parts.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(String(v));
    else if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (typeof v === 'object') for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(properties, 0);
  return parts.join('\n');
}
