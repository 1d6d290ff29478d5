/**
 * Reading comments files: Firebase Realtime Database exports (objects keyed by id, nested under
 * `{comments: …}` or per page `{page: {id: {…}}}`, replies inside comments), flat JSON arrays, JSON
 * lines, and CSV/TSV with column options. Pure: bytes in, records and per-record errors out.
 *
 * Nothing here interprets the text: HTML and scripts are kept verbatim as strings.
 */
import { createHash } from 'node:crypto';
import { FolioError } from '../contract/errors';
import type { CommentImportErrorDto, CommentImportReportDto, CsvColumnOptions } from '../contract/comments';
import { MAX_COMMENTS_IMPORT_BYTES } from '../contract/comments';
import { CsvParseError, csvRecords, decodeText, detectDelimiter, type CsvDelimiter } from '../io';
import {
  AUTHOR_KEYS,
  CONTAINER_KEYS,
  ID_KEYS,
  LABEL_KEYS,
  PAGE_KEYS,
  REPLY_KEYS,
  TEXT_KEYS,
  TIME_KEYS,
  authorText,
  findKey,
  normKey,
  pageText,
  parseLabelCell,
  parseTimestamp,
  scalarText,
} from './fields';

export interface ParsedComment {
  externalId: string | null;
  page: string | null;
  author: string | null;
  /** Verbatim. */
  text: string;
  createdAt: string | null;
  emptyText: boolean;
  label: 'spam' | 'ham' | null;
  /** The record as found (JSON: its fields without nested replies; CSV: the row by column name). */
  raw: Record<string, unknown>;
  /** Keys from the file's root to the record (JSON objects), so an export can rebuild the nesting. */
  path: string[] | null;
}

export type CommentFileFormat = CommentImportReportDto['format'];

export interface ParseOutcome {
  format: CommentFileFormat;
  records: ParsedComment[];
  errors: CommentImportErrorDto[];
  /** Records seen (good and bad). */
  total: number;
}

/** More than this many nested levels is not a comments export. */
const MAX_DEPTH = 64;

// ---------------------------------------------------------------------------------------------
// Bytes → text
// ---------------------------------------------------------------------------------------------

export function decodeCommentsFile(bytes: Uint8Array, name: string): string {
  if (bytes.byteLength > MAX_COMMENTS_IMPORT_BYTES) {
    throw new FolioError(
      'invalid_file',
      `${name} is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MB; comments files are limited to ${MAX_COMMENTS_IMPORT_BYTES / 2 ** 20} MB. Split it, or export one page at a time.`,
    );
  }
  const decoded = decodeText(bytes, { repair: false, keepNewlines: true });
  if (decoded.binary) throw new FolioError('invalid_file', `${name} is not a text file (${decoded.issues[0] ?? 'binary data'}).`);
  return decoded.text;
}

/** 'json' or 'csv' from the name and the first non-blank character. */
export function sniffFormat(text: string, name: string | undefined): 'json' | 'csv' {
  const ext = name?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson') return 'json';
  if (ext === 'csv' || ext === 'tsv' || ext === 'tab') return 'csv';
  const first = /\S/.exec(text)?.[0];
  return first === '{' || first === '[' ? 'json' : 'csv';
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  const end = Math.min(position, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: end - lastBreak };
}

/**
 * Where and why a text is not JSON: a small validating scanner (run only after JSON.parse failed),
 * because V8's messages differ between Node versions and some carry no position at all.
 */
export function locateJsonError(text: string): { position: number; message: string } | null {
  const n = text.length;
  let i = 0;
  const stack: ('o' | 'a')[] = [];
  let expect: 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' = 'value';
  const found = () => (i >= n ? 'the end of the file' : `"${text[i]}"`);
  const fail = (message: string, position = i) => ({ position, message });
  const scanString = (): { position: number; message: string } | null => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return fail(`"\\${e ?? ''}" is not a valid escape in a string`);
        continue;
      }
      if (c < 0x20) return fail('a line break or control character inside a string (strings must be on one line)');
      i++;
    }
    return fail('a string that never closes', start);
  };
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= n) {
      if (stack.length === 0 && expect === 'comma-or-end') return null;
      return fail(
        stack.length > 0
          ? `the file ends before the ${stack[stack.length - 1] === 'o' ? 'object' : 'list'} is closed`
          : 'the file is empty',
      );
    }
    const ch = text[i]!;
    if (expect === 'value' || expect === 'value-or-end') {
      if (expect === 'value-or-end' && ch === ']') {
        stack.pop();
        i++;
        expect = 'comma-or-end';
      } else if (ch === '{') {
        stack.push('o');
        i++;
        expect = 'key-or-end';
      } else if (ch === '[') {
        stack.push('a');
        i++;
        expect = 'value-or-end';
      } else if (ch === '"') {
        const e = scanString();
        if (e) return e;
        expect = 'comma-or-end';
      } else {
        const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
        if (!m) return fail(`unexpected ${found()} where a value was expected`);
        i += m[0].length;
        expect = 'comma-or-end';
      }
    } else if (expect === 'key' || expect === 'key-or-end') {
      if (expect === 'key-or-end' && ch === '}') {
        stack.pop();
        i++;
        expect = 'comma-or-end';
      } else if (ch !== '"') return fail(`expected a quoted property name, found ${found()}`);
      else {
        const e = scanString();
        if (e) return e;
        expect = 'colon';
      }
    } else if (expect === 'colon') {
      if (ch !== ':') return fail(`expected ":" after a property name, found ${found()}`);
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return fail(`unexpected ${found()} after the end of the JSON value`);
      if (ch === ',') {
        i++;
        expect = top === 'o' ? 'key' : 'value';
      } else if ((top === 'o' && ch === '}') || (top === 'a' && ch === ']')) {
        stack.pop();
        i++;
      } else return fail(`expected "," or "${top === 'o' ? '}' : ']'}", found ${found()}`);
    }
  }
}

/** Why a text is not JSON, as "what (line L, column C)". */
export function describeJsonError(err: unknown, text: string): { message: string; line: number; column: number } {
  const located = locateJsonError(text);
  const raw = err instanceof Error ? err.message : String(err);
  const position = located?.position ?? Number(/at position (\d+)/.exec(raw)?.[1] ?? 0);
  const { line, column } = lineColumn(text, position);
  return { message: `${located?.message ?? 'not valid JSON'} (line ${line}, column ${column})`, line, column };
}

export function parseCommentsJson(text: string, name: string): ParseOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const lines = parseJsonLines(text);
    if (lines) return lines;
    const e = describeJsonError(err, text);
    throw new FolioError('invalid_file', `${name} is not valid JSON: ${e.message}. Nothing was imported.`, {
      line: e.line,
      column: e.column,
    });
  }
  if (Array.isArray(data)) return walk(data, 'json-array');
  if (data && typeof data === 'object') return walk(data as Record<string, unknown>, 'firebase-json');
  throw new FolioError('invalid_file', `${name} holds a single ${data === null ? 'null' : typeof data}, not comments.`);
}

/** JSON lines (one object per line), or null when the text is not that either. */
function parseJsonLines(text: string): ParseOutcome | null {
  const lines = text.split(/\r?\n/);
  const nonBlank = lines.filter((l) => l.trim());
  if (nonBlank.length < 2 || !nonBlank.every((l) => l.trim().startsWith('{'))) return null;
  let good = 0;
  const outcome: ParseOutcome = { format: 'jsonl', records: [], errors: [], total: 0 };
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    outcome.total++;
    let obj: unknown;
    try {
      obj = JSON.parse(l);
      good++;
    } catch (err) {
      outcome.errors.push({
        line: i + 1,
        message: `not valid JSON: ${describeJsonError(err, l).message.replace(/line 1, /, '')}`,
      });
      return;
    }
    const rec = asRecord(obj as Record<string, unknown>, { key: null, page: null, path: null });
    if ('error' in rec) outcome.errors.push({ line: i + 1, message: rec.error });
    else outcome.records.push(rec.record);
  });
  // Mostly broken lines means it was meant as one JSON document: report that instead.
  return good >= nonBlank.length / 2 ? outcome : null;
}

interface Context {
  /** The key this object sits under (the comment's id in Firebase exports). */
  key: string | null;
  /** The page from the nesting (`{page: {id: {…}}}`). */
  page: string | null;
  path: string[] | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The record's text key when it holds text (a string, number or null), else undefined. */
function textKeyOf(obj: Record<string, unknown>): string | undefined {
  const k = findKey(obj, TEXT_KEYS);
  if (k === undefined) return undefined;
  const v = obj[k];
  return v === null || typeof v === 'string' || typeof v === 'number' ? k : undefined;
}

function looksLikeComment(obj: Record<string, unknown>): boolean {
  return textKeyOf(obj) !== undefined;
}

/** Has the fields of a comment but no text (kept, flagged) — only trusted beside real comments. */
function looksLikeTextlessComment(obj: Record<string, unknown>): boolean {
  const author = findKey(obj, AUTHOR_KEYS);
  const time = findKey(obj, TIME_KEYS);
  return (author !== undefined && typeof obj[author] !== 'object') || (time !== undefined && parseTimestamp(obj[time]) !== null);
}

type RecordResult = { record: ParsedComment; replies: [string, unknown][] } | { error: string };

function asRecord(obj: Record<string, unknown>, ctx: Context): RecordResult {
  const textKey = findKey(obj, TEXT_KEYS);
  const rawText = textKey === undefined ? undefined : obj[textKey];
  if (rawText !== undefined && rawText !== null && typeof rawText !== 'string' && typeof rawText !== 'number') {
    return { error: `the comment's "${textKey}" is ${Array.isArray(rawText) ? 'a list' : `a ${typeof rawText}`}, not text` };
  }
  const text = rawText === undefined || rawText === null ? '' : String(rawText);
  const idKey = findKey(obj, ID_KEYS);
  const externalId = (idKey !== undefined ? scalarText(obj[idKey]) : null) ?? ctx.key;
  const authorKey = findKey(obj, AUTHOR_KEYS);
  const timeKey = findKey(obj, TIME_KEYS);
  const pageKey = findKey(obj, PAGE_KEYS);
  const labelKey = findKey(obj, LABEL_KEYS);
  const label = labelKey !== undefined ? parseLabelCell(obj[labelKey]) : null;
  const raw: Record<string, unknown> = {};
  const replies: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    // Nested replies become comments of their own (exported only if approved themselves).
    if (REPLY_KEYS.has(normKey(k)) && k !== textKey && (isObject(v) || Array.isArray(v))) replies.push([k, v]);
    else raw[k] = v;
  }
  return {
    record: {
      externalId: externalId?.slice(0, 500) ?? null,
      page: (pageKey !== undefined ? pageText(obj[pageKey]) : null) ?? ctx.page,
      author: authorKey !== undefined ? authorText(obj[authorKey]) : null,
      text,
      createdAt: timeKey !== undefined ? parseTimestamp(obj[timeKey]) : null,
      emptyText: text.trim() === '',
      label: label ?? null,
      raw,
      path: ctx.path,
    },
    replies,
  };
}

/**
 * Finds comment records anywhere in the tree. An object with a text field is a comment; an object
 * without one is a container, whose key names the page unless it is a generic word (`comments`,
 * `data`…). Objects without text but with an author or time, next to real comments, are comments
 * with empty text. Anything else next to comments is reported, not guessed at.
 */
function walk(root: Record<string, unknown> | unknown[], format: 'firebase-json' | 'json-array'): ParseOutcome {
  const outcome: ParseOutcome = { format, records: [], errors: [], total: 0 };
  const err = (path: string[], message: string) => {
    outcome.total++;
    outcome.errors.push({ index: outcome.total - 1, path: path.join('/') || '(root)', message });
  };
  const keep = (rec: RecordResult, path: string[], depth: number, page: string | null, exportable = false) => {
    outcome.total++;
    if ('error' in rec) {
      outcome.errors.push({ index: outcome.total - 1, path: path.join('/'), message: rec.error });
      return;
    }
    outcome.records.push(rec.record);
    for (const [k, v] of rec.replies) visit(v, [...path, k], depth + 1, rec.record.page ?? page, true, exportable);
  };

  const visit = (
    node: unknown,
    path: string[],
    depth: number,
    page: string | null,
    isReplies = false,
    exportable = true,
  ): void => {
    if (depth > MAX_DEPTH) {
      err(path, `nested more than ${MAX_DEPTH} levels deep; skipped`);
      return;
    }
    const entries: [string, unknown, boolean][] = Array.isArray(node)
      ? node.map((v, i) => [String(i), v, true])
      : isObject(node)
        ? Object.entries(node).map(([k, v]) => [k, v, false])
        : [];
    const siblingsAreComments = entries.some(([, v]) => isObject(v) && looksLikeComment(v));
    for (const [key, value, fromArray] of entries) {
      const here = [...path, key];
      // Arrays carry no ids in their positions: records keep only their own id field.
      const inObject = exportable && !fromArray;
      const ctx: Context = { key: fromArray ? null : key, page, path: inObject ? here : null };
      if (isObject(value)) {
        if (looksLikeComment(value) || (siblingsAreComments && looksLikeTextlessComment(value))) {
          keep(asRecord(value, ctx), here, depth, page, inObject);
        } else {
          const nextPage = isReplies || fromArray || CONTAINER_KEYS.has(normKey(key)) ? page : key;
          visit(value, here, depth + 1, nextPage, false, inObject);
        }
      } else if (Array.isArray(value)) {
        visit(value, here, depth + 1, CONTAINER_KEYS.has(normKey(key)) || fromArray ? page : key, false, false);
      } else if (siblingsAreComments && (typeof value === 'string' || value === null)) {
        err(
          here,
          typeof value === 'string' ? 'a bare string where a comment object was expected' : 'null where a comment was expected',
        );
      }
      // Other scalars (counters, flags, metadata) beside containers are not comments.
    }
  };

  if (Array.isArray(root)) visit(root, [], 0, null);
  else if (looksLikeComment(root)) keep(asRecord(root, { key: null, page: null, path: null }), [], 0, null);
  else visit(root, [], 0, null);
  // Records inside arrays have no export path (positions are not ids): they export flat, by id.
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const CSV_TEXT = ['text', 'content', 'comment', 'message', 'body', 'comment_text', 'commenttext', 'comment_content', 'msg'];
const CSV_AUTHOR = ['author', 'name', 'user', 'username', 'comment_author', 'nickname', 'nick', 'display_name'];
const CSV_PAGE = [
  'page',
  'thread',
  'post',
  'slug',
  'url',
  'post_id',
  'page_id',
  'thread_id',
  'article',
  'comment_post_id',
  'video',
  'video_id',
];
const CSV_TIME = ['timestamp', 'time', 'date', 'created_at', 'createdat', 'created', 'datetime', 'comment_date', 'posted_at'];
const CSV_ID = ['id', 'comment_id', 'commentid', 'key', 'cid', 'comment_ID'];

/**
 * A column by name (case-insensitive) or 1-based number. Throws a FolioError listing the columns
 * when it is not there.
 */
export function resolveColumn(header: string[] | null, width: number, column: string, option: string): number {
  const c = column.trim();
  if (header) {
    const i = header.findIndex((h) => h.trim().toLowerCase() === c.toLowerCase());
    if (i >= 0) return i;
  }
  if (/^\d+$/.test(c)) {
    const i = Number(c) - 1;
    if (i >= 0 && i < width) return i;
  }
  const available = header ? header.map((h, i) => `${i + 1} "${h}"`).join(', ') : `1 to ${width} (the file has no header row)`;
  throw new FolioError('bad_request', `There is no column "${c}" for ${option}. Columns: ${available}.`, {
    issues: [{ path: option, message: `No column "${c}"` }],
  });
}

function autoColumn(header: string[] | null, names: string[]): number {
  if (!header) return -1;
  const norm = header.map((h) => normKey(h));
  for (const n of names) {
    const i = norm.indexOf(normKey(n));
    if (i >= 0) return i;
  }
  return -1;
}

export function csvDelimiterFor(option: CsvColumnOptions['delimiter'], text: string, name: string | undefined): CsvDelimiter {
  if (option && option !== 'auto') return option;
  if (/\.(tsv|tab)$/i.test(name ?? '')) return '\t';
  return detectDelimiter(text);
}

/**
 * All records of a CSV/TSV text. Tab-separated exports are often plain (quotes are just characters):
 * when quoted parsing fails on a TSV, it is read again with quoting off.
 */
export function readCsvRecords(text: string, delimiter: CsvDelimiter): { fields: string[]; line: number }[] {
  try {
    return [...csvRecords(text, { delimiter })];
  } catch (err) {
    if (!(err instanceof CsvParseError) || delimiter !== '\t') throw err;
    return [...csvRecords(text, { delimiter, quote: null })];
  }
}

export function parseCommentsCsv(text: string, name: string | undefined, options: CsvColumnOptions = {}): ParseOutcome {
  const delimiter = csvDelimiterFor(options.delimiter, text, name);
  const wantHeader = options.header ?? true;
  const outcome: ParseOutcome = { format: 'csv', records: [], errors: [], total: 0 };
  let header: string[] | null = null;
  let width = -1;
  let cols: { text: number; author: number; page: number; time: number; id: number; label: number } | null = null;
  try {
    for (const record of readCsvRecords(text, delimiter)) {
      if (record.fields.every((f) => f === '')) continue;
      if (width === -1) {
        width = record.fields.length;
        if (wantHeader) {
          header = record.fields.map((f) => f.trim());
          cols = columnsFor(header, width, options);
          continue;
        }
        cols = columnsFor(null, width, options);
      }
      outcome.total++;
      if (record.fields.length !== width) {
        outcome.errors.push({
          line: record.line,
          message: `expected ${width} fields but found ${record.fields.length}; row skipped`,
        });
        continue;
      }
      const f = record.fields;
      const c = cols!;
      const cell = (i: number) => (i >= 0 ? (f[i] ?? '') : '');
      const rawText = cell(c.text);
      let label: 'spam' | 'ham' | null = null;
      if (c.label >= 0) {
        const parsed = parseLabelCell(cell(c.label));
        if (parsed === undefined) {
          outcome.errors.push({
            line: record.line,
            message: `unknown label "${cell(c.label).slice(0, 40)}" (expected spam/ham, 1/0); imported without a label`,
          });
        } else label = parsed;
      }
      const raw: Record<string, unknown> = {};
      f.forEach((v, i) => (raw[header?.[i] || `column${i + 1}`] = v));
      outcome.records.push({
        externalId: scalarText(cell(c.id))?.slice(0, 500) ?? null,
        page: scalarText(cell(c.page))?.slice(0, 2000) ?? null,
        author: scalarText(cell(c.author))?.slice(0, 500) ?? null,
        text: rawText,
        createdAt: parseTimestamp(cell(c.time)),
        emptyText: rawText.trim() === '',
        label,
        raw,
        path: null,
      });
    }
  } catch (err) {
    if (err instanceof CsvParseError) {
      throw new FolioError('invalid_file', `${name ?? 'The file'} is not valid CSV: ${err.message}. Nothing was imported.`, {
        line: err.line,
      });
    }
    throw err;
  }
  if (width === -1) throw new FolioError('invalid_file', `${name ?? 'The file'} is empty.`);
  return outcome;
}

function columnsFor(header: string[] | null, width: number, o: CsvColumnOptions) {
  const pick = (given: string | undefined, option: string, auto: string[]) =>
    given !== undefined ? resolveColumn(header, width, given, option) : autoColumn(header, auto);
  let text = pick(o.textColumn, 'textColumn', CSV_TEXT);
  if (text < 0) {
    if (width === 1) text = 0;
    else {
      const cols = header ? header.map((h, i) => `${i + 1} "${h}"`).join(', ') : `1 to ${width}`;
      throw new FolioError(
        'bad_request',
        `Which column holds the comment text? Name it with the text column option (columns: ${cols}).`,
        {
          issues: [{ path: 'textColumn', message: 'Choose the text column' }],
        },
      );
    }
  }
  return {
    text,
    author: pick(o.authorColumn, 'authorColumn', CSV_AUTHOR),
    page: pick(o.pageColumn, 'pageColumn', CSV_PAGE),
    time: pick(o.timeColumn, 'timeColumn', CSV_TIME),
    id: pick(o.idColumn, 'idColumn', CSV_ID),
    // Labels only when asked for: a "class" column must never silently decide comments.
    label: o.labelColumn !== undefined ? resolveColumn(header, width, o.labelColumn, 'labelColumn') : -1,
  };
}

// ---------------------------------------------------------------------------------------------
// Either
// ---------------------------------------------------------------------------------------------

export function parseCommentsFile(
  text: string,
  opts: { name: string; format: 'auto' | 'json' | 'csv'; csv?: CsvColumnOptions | undefined },
): ParseOutcome {
  const format = opts.format === 'auto' ? sniffFormat(text, opts.name) : opts.format;
  if (!text.trim()) throw new FolioError('invalid_file', `${opts.name} is empty.`);
  return format === 'json' ? parseCommentsJson(text, opts.name) : parseCommentsCsv(text, opts.name, opts.csv);
}

/** What makes two comments without an id the same comment. */
export function contentHash(c: { page: string | null; author: string | null; text: string; createdAt: string | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([c.page ?? '', c.author ?? '', c.text, c.createdAt ?? '']))
    .digest('hex');
}
