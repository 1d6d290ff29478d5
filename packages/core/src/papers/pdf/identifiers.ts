/** arXiv ids, DOIs and years found in text. */

export interface ArxivStamp {
  /** Bare id without version: `1412.6980`, `hep-th/9901001`. */
  id: string;
  version: string | null;
  category: string | null;
  /** Year of the stamp's date, e.g. 2017 for "30 Jan 2017". */
  year: number | null;
}

// New style (2007+): YYMM.NNNN(N); old style: archive(.SUBJ)/YYMMNNN.
const ARXIV_ID = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(v\d+)?`;
const ARXIV_STAMP = new RegExp(
  String.raw`arXiv\s*:\s*${ARXIV_ID}(?:\s*\[\s*([a-z][a-z-]*(?:\.[A-Za-z-]+)?)\s*\])?(?:\s*(\d{1,2}\s+[A-Z][a-z]{2}\s+((?:19|20)\d\d)))?`,
  'i',
);
const ARXIV_URL = new RegExp(String.raw`arxiv\.org/(?:abs|pdf)/${ARXIV_ID}`, 'i');

/** Parses "arXiv:1412.6980v9 [cs.LG] 30 Jan 2017" (or an arxiv.org URL); null when absent. */
export function parseArxivStamp(text: string): ArxivStamp | null {
  const compact = text.replace(/\s+/g, ' ');
  const m = ARXIV_STAMP.exec(compact);
  if (m) {
    if (!isPlausibleArxivId(m[1]!)) return null;
    return {
      id: m[1]!,
      version: m[2] ?? null,
      category: m[3] ?? null,
      year: m[5] ? Number(m[5]) : null,
    };
  }
  const u = ARXIV_URL.exec(compact);
  if (u && isPlausibleArxivId(u[1]!)) return { id: u[1]!, version: u[2] ?? null, category: null, year: null };
  return null;
}

/** New-style ids encode year and month: reject "1399.12345" and the like. */
export function isPlausibleArxivId(id: string): boolean {
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(id) ?? /\/(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) return false;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (id.includes('.') && !id.includes('/')) {
    const yy = Number(m[1]);
    const digits = id.split('.')[1]!.length;
    if (yy < 7 || (digits === 5) !== yy >= 15) return false;
  }
  return true;
}

/** Year an arXiv id was first submitted. */
export function arxivIdYear(id: string): number | null {
  const m = /^(\d{2})\d{2}\./.exec(id) ?? /\/(\d{2})\d{5}$/.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

const DOI = /\b(10\.\d{4,9}\/[^\s"<>{}]+)/g;

/** Normalises a DOI: strips "doi:"/URL prefixes and trailing punctuation. */
export function normalizeDoi(raw: string): string | null {
  const m = /10\.\d{4,9}\/[^\s"<>{}]+/.exec(raw.replace(/\s+/g, ' '));
  if (!m) return null;
  let doi = m[0].replace(/[.,;:]+$/, '');
  // Drop an unbalanced closing bracket: "(doi:10.1/x)" -> "10.1/x".
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (doi.endsWith(close) && count(doi, open) < count(doi, close)) doi = doi.slice(0, -1);
  }
  return doi.replace(/[.,;:]+$/, '') || null;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/** Every DOI in `text`, normalised, in order of appearance. */
export function findDois(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DOI)) {
    const doi = normalizeDoi(m[1]!);
    if (doi && !out.includes(doi)) out.push(doi);
  }
  return out;
}

export function isPlausibleYear(year: number, now = new Date()): boolean {
  return Number.isInteger(year) && year >= 1900 && year <= now.getFullYear() + 1;
}

/** Year of a PDF date ("D:20170626123554Z00'00'") or an ISO date ("2015-05-21T14:57:35+01:00"). */
export function yearOfDate(value: unknown, now = new Date()): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:D:)?((?:19|20)\d\d)/.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return isPlausibleYear(year, now) ? year : null;
}

/** Two-digit year as in "SIGMOD'18" or "SOSP '03". */
export function expandTwoDigitYear(yy: number, now = new Date()): number {
  const century = yy <= (now.getFullYear() % 100) + 1 ? 2000 : 1900;
  return century + yy;
}

/** PDF 1.0 appeared in 1993: an earlier creation date comes from a broken clock or a zeroed field. */
const FIRST_PDF_YEAR = 1993;

/**
 * Year of a file's creation date (Info CreationDate, xmp:CreateDate), or null when the date is
 * bogus: unreadable, before PDFs existed (1970-01-01 is a zeroed clock), or later than `now`.
 */
export function creationYearOfDate(value: unknown, now = new Date()): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(?:D:)?(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?/.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (year < FIRST_PDF_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // A day's slack for time zones: the date is read without its offset.
  if (Date.UTC(year, month - 1, day) > now.getTime() + 24 * 3600 * 1000) return null;
  return year;
}
