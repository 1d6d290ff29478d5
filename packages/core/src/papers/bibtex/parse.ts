import type { PaperLike } from './format';
import { fromLatex } from './latex';
import { displayName, splitPersonName } from './names';

export interface ParsedBibEntry {
  /** Lowercase entry type: article, inproceedings, misc... */
  type: string;
  key: string;
  /** Field values as written (macros expanded, concatenations joined), names lowercased. */
  rawFields: Record<string, string>;
  /** Field values with LaTeX turned into Unicode. URLs and DOIs are left as written. */
  fields: Record<string, string>;
  /** 1-based line where the entry starts. */
  line: number;
  /** The entry as a paper: title, authors ("First Last"), year, venue, DOI, arXiv id... */
  paper: PaperLike;
}

export interface BibParseError {
  line: number;
  message: string;
}

export interface BibParseResult {
  entries: ParsedBibEntry[];
  errors: BibParseError[];
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: 'January',
  feb: 'February',
  mar: 'March',
  apr: 'April',
  may: 'May',
  jun: 'June',
  jul: 'July',
  aug: 'August',
  sep: 'September',
  oct: 'October',
  nov: 'November',
  dec: 'December',
};

const RAW_FIELDS = new Set(['url', 'doi', 'eprint', 'file', 'pdf', 'howpublished_url']);

class ParseFailure extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

class Scanner {
  pos = 0;
  private readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }
  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  skipSpace(): void {
    while (!this.done) {
      const ch = this.peek();
      if (/\s/.test(ch)) this.pos++;
      else if (ch === '%') {
        // A comment to the end of the line (inside entries, between fields).
        while (!this.done && this.peek() !== '\n') this.pos++;
      } else break;
    }
  }
  identifier(): string {
    const m = /^[^\s"#%'(),={}@]+/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }
  expect(ch: string, what: string): void {
    this.skipSpace();
    if (this.peek() !== ch)
      throw new ParseFailure(`expected ${what} but found ${this.peek() ? `"${this.peek()}"` : 'the end of the file'}`, this.pos);
    this.pos++;
  }
  /** {...} with nested braces; returns the inside. */
  braced(): string {
    const start = this.pos;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        this.pos++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return this.text.slice(start + 1, this.pos - 1);
        }
      }
    }
    throw new ParseFailure('unbalanced braces: a "{" is never closed', start);
  }
  /** "..." where quotes inside braces do not end the value. */
  quoted(): string {
    const start = this.pos;
    this.pos++;
    let depth = 0;
    for (; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (ch === '\\') {
        this.pos++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
      else if (ch === '"' && depth === 0) {
        this.pos++;
        return this.text.slice(start + 1, this.pos - 1);
      }
    }
    throw new ParseFailure('a quoted value is never closed', start);
  }
}

function readValue(sc: Scanner, macros: Map<string, string>): string {
  const parts: string[] = [];
  for (;;) {
    sc.skipSpace();
    const ch = sc.peek();
    if (ch === '{') parts.push(sc.braced());
    else if (ch === '"') parts.push(sc.quoted());
    else if (/\d/.test(ch)) parts.push(sc.identifier());
    else {
      const start = sc.pos;
      const name = sc.identifier();
      if (!name) throw new ParseFailure(`expected a value but found ${ch ? `"${ch}"` : 'the end of the file'}`, start);
      const macro = macros.get(name.toLowerCase());
      if (macro !== undefined) parts.push(macro);
      else if (MONTHS[name.toLowerCase()]) parts.push(MONTHS[name.toLowerCase()]!);
      else parts.push(name); // an undefined macro: BibTeX warns and uses nothing; keeping the name loses less
    }
    sc.skipSpace();
    if (sc.peek() !== '#') return parts.join('');
    sc.pos++;
  }
}

/** Display names from an author/editor field: "Last, First and First von Last and others". */
export function parseBibNames(value: string): string[] {
  return splitNamesOnAnd(value)
    .map((n) => n.trim())
    .filter((n) => n && n.toLowerCase() !== 'others')
    .map((n) => {
      // Split while braces still group words ("{van der Berg}, Jan"), then decode each part.
      const parts = splitPersonName(n);
      return displayName({
        first: fromLatex(parts.first),
        von: fromLatex(parts.von),
        last: fromLatex(parts.last),
        jr: fromLatex(parts.jr),
      });
    })
    .filter(Boolean);
}

/** "{Barnes and Noble}" is one corporate name: protect its inner "and" before splitting. */
function splitNamesOnAnd(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    if (depth === 0 && /\s/.test(ch) && /^\s+and\s/i.test(value.slice(i, i + 6))) {
      out.push(current);
      current = '';
      i += /^\s+and/i.exec(value.slice(i))![0].length - 1;
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

const ARXIV_ID = /(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/;

function toPaper(type: string, key: string, f: Record<string, string>, raw: Record<string, string>): PaperLike {
  const authors = raw.author ? parseBibNames(raw.author) : [];
  const yearMatch = /\b(1[5-9]\d\d|20\d\d)\b/.exec(f.year ?? f.date ?? '');
  let arxivId: string | null = null;
  const prefix = (f.archiveprefix ?? f.eprinttype ?? '').toLowerCase();
  if (f.eprint && (prefix === 'arxiv' || ARXIV_ID.test(f.eprint))) arxivId = ARXIV_ID.exec(f.eprint)?.[1] ?? null;
  arxivId ??=
    /arxiv(?:\.org\/abs\/|:\s*|\s+preprint\s+(?:arxiv:)?\s*)([^\s,}]+)/i
      .exec(`${f.journal ?? ''} ${f.url ?? ''} ${f.note ?? ''}`)?.[1]
      ?.replace(/v\d+$/, '') ?? null;
  if (arxivId && !ARXIV_ID.test(arxivId)) arxivId = null;
  const doiRaw = f.doi ?? /doi\.org\/(10\.\S+)/i.exec(f.url ?? '')?.[1] ?? null;
  const venue = f.journal && !/^arxiv\b/i.test(f.journal) ? f.journal : (f.booktitle ?? null);
  const keywords = f.keywords ? f.keywords.split(/\s*[,;]\s*/).filter(Boolean) : null;
  return {
    title: f.title ?? null,
    authors,
    year: yearMatch ? Number(yearMatch[1]) : null,
    venue,
    doi: doiRaw ? doiRaw.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '').replace(/^doi:\s*/i, '') : null,
    arxivId,
    arxivCategory: f.primaryclass ?? null,
    url: f.url ?? null,
    abstract: f.abstract ?? null,
    volume: f.volume ?? null,
    number: f.number ?? f.issue ?? null,
    pages: f.pages ?? null,
    publisher: f.publisher ?? null,
    keywords,
    note: f.note ?? null,
    entryType: type,
    citationKey: key,
  };
}

/**
 * Parses BibTeX: nested braces, quoted values, @string macros, # concatenation, @comment and
 * text between entries, LaTeX accents. A broken entry is reported with its line and skipped;
 * the entries after it still parse.
 */
export function parseBibtex(text: string): BibParseResult {
  const sc = new Scanner(text);
  const macros = new Map<string, string>();
  const entries: ParsedBibEntry[] = [];
  const errors: BibParseError[] = [];
  while (!sc.done) {
    const at = text.indexOf('@', sc.pos);
    if (at < 0) break;
    sc.pos = at + 1;
    // An "@" inside a word between entries (an email address in a comment) starts no entry.
    if (at > 0 && /[\w.-]/.test(text[at - 1]!)) continue;
    const entryStart = at;
    try {
      sc.skipSpace();
      const type = sc.identifier().toLowerCase();
      if (!type) throw new ParseFailure('expected an entry type after "@"', sc.pos);
      sc.skipSpace();
      const open = sc.peek();
      if (open !== '{' && open !== '(') {
        // "@" in free text between entries (an email address in a comment): not an entry.
        if (type === 'comment') continue;
        throw new ParseFailure(`expected "{" after @${type}`, sc.pos);
      }
      const close = open === '{' ? '}' : ')';
      if (type === 'comment') {
        if (open === '{') sc.braced();
        else sc.pos = Math.max(sc.pos + 1, text.indexOf(')', sc.pos) + 1);
        continue;
      }
      sc.pos++;
      if (type === 'preamble') {
        readValue(sc, macros);
        sc.expect(close, `"${close}" to end @preamble`);
        continue;
      }
      if (type === 'string') {
        sc.skipSpace();
        const name = sc.identifier();
        if (!name) throw new ParseFailure('expected a macro name in @string', sc.pos);
        sc.expect('=', '"=" in @string');
        macros.set(name.toLowerCase(), readValue(sc, macros));
        sc.skipSpace();
        if (sc.peek() === ',') sc.pos++;
        sc.expect(close, `"${close}" to end @string`);
        continue;
      }
      sc.skipSpace();
      const keyMatch = /^[^,\s}]*/.exec(text.slice(sc.pos));
      const key = keyMatch?.[0] ?? '';
      sc.pos += key.length;
      sc.skipSpace();
      const rawFields: Record<string, string> = {};
      if (sc.peek() === ',') {
        sc.pos++;
        for (;;) {
          sc.skipSpace();
          if (sc.peek() === close) break;
          if (sc.peek() === ',') {
            sc.pos++;
            continue;
          }
          if (sc.peek() === '@' || sc.done) throw new ParseFailure(`entry "${key}" is not closed with "${close}"`, entryStart);
          const nameStart = sc.pos;
          const name = sc.identifier().toLowerCase();
          if (!name) throw new ParseFailure(`expected a field name in entry "${key}" but found "${sc.peek()}"`, nameStart);
          sc.expect('=', `"=" after field "${name}"`);
          rawFields[name] = readValue(sc, macros).replace(/\s+/g, ' ').trim();
          sc.skipSpace();
          if (sc.peek() === ',') sc.pos++;
          else if (sc.peek() !== close)
            throw new ParseFailure(`expected "," or "${close}" after field "${name}" in entry "${key}"`, sc.pos);
        }
      } else if (sc.peek() !== close) {
        throw new ParseFailure(`expected "," after the key of entry "${key}"`, sc.pos);
      }
      sc.pos++;
      if (!key) errors.push({ line: sc.lineOf(entryStart), message: `@${type} entry without a citation key` });
      const fields: Record<string, string> = {};
      for (const [name, value] of Object.entries(rawFields))
        fields[name] = RAW_FIELDS.has(name) ? value.replace(/[{}]/g, '') : fromLatex(value);
      entries.push({ type, key, rawFields, fields, line: sc.lineOf(entryStart), paper: toPaper(type, key, fields, rawFields) });
    } catch (err) {
      if (!(err instanceof ParseFailure)) throw err;
      errors.push({ line: sc.lineOf(err.pos), message: err.message });
      // Resume at the next entry.
      const next = text.indexOf('@', Math.max(entryStart + 1, err.pos));
      sc.pos = next < 0 ? text.length : next;
    }
  }
  return { entries, errors };
}
