/**
 * A small RFC 4180 CSV/TSV parser: quoted fields, doubled quotes, CRLF/LF/CR line ends, a UTF-8 BOM,
 * newlines inside quoted fields, delimiter auto-detection (comma, tab, semicolon, pipe) and an optional
 * header row. Pure and synchronous; linear in the input size, with fast paths for unquoted fields so
 * files of hundreds of megabytes parse without quadratic string building.
 *
 * Malformed input (an unclosed quote, text after a closing quote, a row with the wrong number of
 * fields) throws a {@link CsvParseError} naming the 1-based physical line where it happened.
 */

export type CsvDelimiter = ',' | '\t' | ';' | '|';

export interface CsvOptions {
  /** Field separator, or 'auto' (default) to detect it from the first lines. */
  delimiter?: CsvDelimiter | 'auto';
  /** Treat the first record as a header (default true). */
  header?: boolean;
  /** Quote character, or null to disable quoting (plain TSV exports). Default '"'. */
  quote?: '"' | "'" | null;
  /**
   * What to do when a record has a different number of fields than the first record:
   * 'error' (default) throws with the line number; 'pad' pads short rows with '' and keeps extra fields.
   */
  columnCount?: 'error' | 'pad';
  /** Skip records whose fields are all empty (default true): blank lines carry no data. */
  skipEmptyLines?: boolean;
  /** Refuse a single field longer than this many characters (default 10 million), a sign of a broken quote. */
  maxFieldLength?: number;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line on which the record starts. */
  line: number;
}

export interface CsvResult {
  /** Header names (trimmed), or null when `header: false`. */
  header: string[] | null;
  /** Data rows (without the header). */
  rows: string[][];
  /** 1-based physical line where each row starts, parallel to `rows`. */
  lines: number[];
  delimiter: CsvDelimiter;
}

export class CsvParseError extends Error {
  override readonly name = 'CsvParseError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const CANDIDATES: readonly CsvDelimiter[] = [',', '\t', ';', '|'];

/**
 * Guess the delimiter from the first lines (outside quotes): the candidate that appears in the most
 * lines with a consistent non-zero count wins; ties go to comma, then tab, semicolon, pipe.
 */
export function detectDelimiter(text: string, quote: string | null = '"'): CsvDelimiter {
  const sample = stripBom(text).slice(0, 64 * 1024);
  const lineCounts: Map<CsvDelimiter, number[]> = new Map(CANDIDATES.map((c) => [c, []]));
  let inQuotes = false;
  let counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let lines = 0;
  const flush = () => {
    for (const c of CANDIDATES) lineCounts.get(c)!.push(counts.get(c)!);
    counts = new Map(CANDIDATES.map((c) => [c, 0]));
    lines++;
  };
  for (let i = 0; i < sample.length && lines < 50; i++) {
    const ch = sample[i]!;
    if (quote !== null && ch === quote) {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && sample[i + 1] === '\n') i++;
      flush();
    } else if (!inQuotes && (CANDIDATES as readonly string[]).includes(ch)) {
      const c = ch as CsvDelimiter;
      counts.set(c, counts.get(c)! + 1);
    }
  }
  if ([...counts.values()].some((n) => n > 0)) flush();
  let best: CsvDelimiter = ',';
  let bestScore = -1;
  for (const c of CANDIDATES) {
    const per = lineCounts.get(c)!;
    const first = per[0] ?? 0;
    if (first === 0) continue;
    // Lines agreeing with the header's count, weighted by how many fields that makes.
    const agreeing = per.filter((n) => n === first).length;
    const score = agreeing * 1000 + Math.min(first, 999);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Iterate over records without materialising the whole table (the input string itself stays in memory).
 */
export function* csvRecords(input: string, options: CsvOptions = {}): Generator<CsvRecord> {
  const text = stripBom(input);
  const quote = options.quote === undefined ? '"' : options.quote;
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto' ? detectDelimiter(text, quote) : options.delimiter;
  const maxField = options.maxFieldLength ?? 10_000_000;
  const n = text.length;
  let pos = 0;
  let line = 1;

  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (quote !== null && text[pos] === quote) {
        // Quoted field: find the closing quote, unescaping doubled quotes.
        const openLine = line;
        pos++;
        let value = '';
        let chunkStart = pos;
        for (;;) {
          const q = text.indexOf(quote, pos);
          if (q === -1) {
            throw new CsvParseError(`unclosed quoted field (the quote opens here and never closes)`, openLine);
          }
          line += countNewlines(text, pos, q);
          if (text[q + 1] === quote) {
            value += text.slice(chunkStart, q + 1);
            pos = q + 2;
            chunkStart = pos;
            continue;
          }
          value += text.slice(chunkStart, q);
          pos = q + 1;
          break;
        }
        if (value.length > maxField) {
          throw new CsvParseError(`field longer than ${maxField} characters`, openLine);
        }
        fields.push(value);
        // After a closing quote: a delimiter, a line end or the end of input.
        const ch = text[pos];
        if (ch === delimiter) {
          pos++;
          if (pos >= n) {
            fields.push('');
            endOfRecord = true;
          }
        } else if (ch === '\n' || ch === '\r' || ch === undefined) {
          pos = skipLineEnd(text, pos);
          if (ch !== undefined) line++;
          endOfRecord = true;
        } else {
          throw new CsvParseError(`unexpected ${JSON.stringify(ch)} after a closing quote`, line);
        }
      } else {
        // Unquoted field: runs to the next delimiter or line end; quotes inside are kept literally.
        let end = pos;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 10 || c === 13 || text[end] === delimiter) break;
          end++;
        }
        if (end - pos > maxField) throw new CsvParseError(`field longer than ${maxField} characters`, line);
        fields.push(text.slice(pos, end));
        pos = end;
        const ch = text[pos];
        if (ch === delimiter) {
          pos++;
          if (pos >= n) {
            fields.push('');
            endOfRecord = true;
          }
        } else {
          if (ch !== undefined) {
            pos = skipLineEnd(text, pos);
            line++;
          }
          endOfRecord = true;
        }
      }
    }
    yield { fields, line: startLine };
  }
}

function skipLineEnd(text: string, pos: number): number {
  if (text[pos] === '\r' && text[pos + 1] === '\n') return pos + 2;
  if (text[pos] === '\r' || text[pos] === '\n') return pos + 1;
  return pos;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** Parse a whole CSV/TSV text (or UTF-8 bytes) into a header and rows. */
export function parseCsv(input: string | Uint8Array, options: CsvOptions = {}): CsvResult {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const quote = options.quote === undefined ? '"' : options.quote;
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto' ? detectDelimiter(text, quote) : options.delimiter;
  const wantHeader = options.header ?? true;
  const skipEmpty = options.skipEmptyLines ?? true;
  const strict = (options.columnCount ?? 'error') === 'error';
  let header: string[] | null = null;
  let width = -1;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const record of csvRecords(text, { ...options, delimiter, quote })) {
    if (skipEmpty && record.fields.every((f) => f === '')) continue;
    if (width === -1) {
      width = record.fields.length;
      if (wantHeader) {
        header = record.fields.map((f) => f.trim());
        continue;
      }
    }
    if (record.fields.length !== width) {
      if (strict) {
        throw new CsvParseError(
          `expected ${width} field${width === 1 ? '' : 's'} but found ${record.fields.length}`,
          record.line,
        );
      }
      while (record.fields.length < width) record.fields.push('');
    }
    rows.push(record.fields);
    lines.push(record.line);
  }
  return { header, rows, lines, delimiter };
}

/**
 * Find a column by name (case-insensitive, trimmed) or by 0-based index given as a number or digit string.
 * Throws a plain Error listing the available columns when it is not there.
 */
export function csvColumnIndex(header: readonly string[] | null, column: string | number): number {
  if (typeof column === 'number' || (/^\d+$/.test(column) && (!header || !header.includes(column)))) {
    const index = Number(column);
    const width = header?.length ?? Infinity;
    if (index < width) return index;
  } else if (header) {
    const wanted = column.trim().toLowerCase();
    const index = header.findIndex((h) => h.toLowerCase() === wanted);
    if (index !== -1) return index;
  }
  const available = header ? header.map((h) => JSON.stringify(h)).join(', ') : '(no header row)';
  throw new Error(`column ${JSON.stringify(String(column))} not found; available columns: ${available}`);
}
