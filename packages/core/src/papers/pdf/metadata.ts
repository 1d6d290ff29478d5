import {
  arxivIdYear,
  creationYearOfDate,
  expandTwoDigitYear,
  findDois,
  isPlausibleYear,
  normalizeDoi,
  parseArxivStamp,
  yearOfDate,
  type ArxivStamp,
} from './identifiers';
import { joinRuns, type LineSegment, type PageLayout, type TextLine } from './layout';
import { fixNameCase, isPersonName, looksLikeAffiliation, splitAuthorField, splitNames } from './names';
import { cleanLine, foldForCompare } from './text-fixes';

/**
 * Bibliographic metadata guessed from a PDF: its info dictionary and XMP where they look genuine,
 * otherwise the layout of the first page (largest type near the top = title, the byline under it).
 * Everything here is a guess the user can edit.
 */

export type MetadataSource = 'info' | 'xmp' | 'layout' | 'stamp' | 'text' | 'references' | 'none';

export interface PaperMetadata {
  title: string | null;
  authors: string[];
  year: number | null;
  /** Bare arXiv id from the page-1 side stamp or header (`1412.6980`), never from references. */
  arxivId: string | null;
  arxivVersion: string | null;
  arxivCategory: string | null;
  doi: string | null;
  venue: string | null;
  abstract: string | null;
  /** Where each guess came from, for the UI ("from the PDF's layout") and for debugging. */
  sources: {
    title: MetadataSource;
    authors: MetadataSource;
    year: MetadataSource;
    arxivId: MetadataSource;
    doi: MetadataSource;
  };
  /** 0-based index of the page the title was read from (1 when page 0 is a repository cover). */
  titlePage: number | null;
}

export interface MetadataInput {
  /** The PDF's Info dictionary as pdf.js returns it (Title, Author, Subject, CreationDate...). */
  info: Readonly<Record<string, unknown>>;
  /** XMP properties by qualified name (`dc:title`, `dc:creator`, `prism:doi`...), or null. */
  xmp: Readonly<Record<string, unknown>> | null;
  /** Layouts of the pages read, in page order: the first pages, optionally the last ones too. */
  pages: readonly PageLayout[];
  pageCount: number;
}

// ---------------------------------------------------------------------------------------------
// Page classification

const COVER_PATTERNS = [
  /researchgate\.net|See discussions, stats,? and author profiles/i,
  /This content downloaded from|Your use of the JSTOR archive|jstor\.org\/stable/i,
  /HAL Id:|HAL is a multi-disciplinary open access/i,
  /Citation for published version|Link to publication|Take down policy|General rights/i,
  /^Accepted Manuscript$/im,
];

/** Repository cover sheets (ResearchGate, JSTOR, HAL, university repositories) before the article. */
export function isCoverPage(page: PageLayout): boolean {
  const text = page.lines.map((l) => l.text).join('\n');
  return COVER_PATTERNS.some((re) => re.test(text));
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const VENUE_ACRONYMS =
  'ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|EACL|AAAI|IJCAI|KDD|WWW|SIGIR|SIGMOD|VLDB|PODS|SOSP|OSDI|NSDI|EuroSys|USENIX|ICASSP|INTERSPEECH|ISMIR|UAI|AISTATS|COLT|ICRA|IROS|CoRL|MICCAI|WACV|BMVC|ICDE|CIKM|WSDM|RecSys|CHI|UIST|SIGGRAPH|ICSE|FSE|PLDI|POPL|ASPLOS|ISCA|MICRO|HPCA|SIGCOMM|MobiCom|CCS|NDSS|TACL|JMLR|PMLR|TPAMI|IJCV|FOCS|STOC|SODA|ICDM|SDM|ECML|PKDD|ACCV|ICPR|ICIP|ACM MM|MM';

/** Lines that can't be a title: banners, labels, running heads. */
const BANNER_PATTERNS = [
  /^(published|accepted|presented|appeared|to appear|under review|submitted|preprint|draft|camera[- ]ready|working paper|technical report)\b/i,
  /^(in )?proceedings\b|^(journal|transactions|annals|bulletin) (of|on)\b|^ieee |^acm |^springer|^elsevier/i,
  /^(original |research |review |short |brief |full |regular |invited |position |survey |technical |rapid |concise |mini[- ]?)?(article|paper|letter|review|communication|perspective|report|commentary|editorial|note)s?$/i,
  /^(open access|research|review|letters?|articles?|perspectives?|analysis|brief communication)$/i,
  /^arxiv\b|\barxiv:\s*\d/i,
  /\b(vol\.?|volume|issn|isbn|pp\.|no\.)\s*\d/i,
  // Citation lines of journals: "Habitat Informatics 45 (2012) 123-456", "(2019) 14:2231", "12(1): e016".
  /\b\d{1,4}\s*(\(\s*\d{1,4}\s*\))?\s*\(\s*(19|20)\d\d\s*\)|\(\s*(19|20)\d\d\s*\)\s*\d+\s*[-–:,]|\b\d{1,4}\s*\(\d{1,3}\)\s*:\s*\w*\d/,
  // Header fields split by bars: "Nature | Vol 612 | 8 December 2022".
  /\s[|•]\s.*\d|\d.*\s[|•]\s/,
  // ACM-style conference line: "SIGMOD'18, June 10-15, 2018, Houston".
  /^\p{L}[\p{L}\d-]*\s?['’]\s?\d{2}\s*[,:]/u,
  /^check for updates$|^(received|revised)\b[\s:]*(\d|on\b|in\b)/i,
  /^(page|pages|p\.)\s*\d|^\d+(\s*[-–/]\s*\d+)?$/i,
  /^(contents lists available|available online|journal homepage|www\.|https?:)/i,
  /\bcopyright\b|©/i,
  /^(workshop|conference|symposium) (on|track)\b/i,
  new RegExp(`^(?:${VENUE_ACRONYMS})\\s*(?:['’]\\s*\\d{2}|\\d{4})(?:\\s+(?:workshop|track|main track|conference))?[.,]?$`),
  /\bconference\b.*\b(19|20)\d\d\b|\b(19|20)\d\d\b.*\bconference\b/i,
];

function isBanner(text: string): boolean {
  return BANNER_PATTERNS.some((re) => re.test(text.trim()));
}

function normalizeForRepeat(text: string): string {
  return foldForCompare(text).replace(/\d+/g, '#');
}

const ABSTRACT_HEADING = /^\s*(abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|summary)\b/i;
const SECTION_HEADING =
  /^\s*((\d+|[IVX]+)\.?\s+)?(introduction|keywords|key words|index terms|categories and subject descriptors|general terms|background|motivation|acm reference format|ccs concepts|permission to make digital)\b/i;
const BYLINE_STOP =
  /^\s*(editors?|edited by|communicated by|handling editor|received|accepted|published|citation|keywords|index terms|key words|correspondence)\b/i;

function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
}

/** A line of running text (abstract, body): many words, mostly lowercase. */
function isBodyText(text: string): boolean {
  const words = wordsOf(text);
  if (words.length < 8) return false;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return lower / words.length >= 0.45;
}

// ---------------------------------------------------------------------------------------------
// Info / XMP

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
  return '';
}

/** Titles producers write for you: file names, "Microsoft Word - x.docx", "untitled", template text, ids. */
export function isJunkTitle(raw: string): boolean {
  const t = raw.trim();
  if (t.length < 4) return true;
  if (/^(microsoft (word|powerpoint|excel)\b|pii:|doi:|arxiv:|untitled\b)/i.test(t)) return true;
  if (
    /^(no title|title|paper title|document\s*\d*|slide\s*\d+|presentation\s*\d*|powerpoint presentation|word document|paper|article|manuscript|draft|final( version| draft)?|camera[- ]ready( version)?|main|template|layout\s*\d+)$/i.test(
      t,
    )
  )
    return true;
  // Template placeholders and tool names: "Insert your title here", "LaTeX", "TeX output 2021.03.04:1200".
  if (/\b(your|insert|enter|type) (paper |article )?title\b|\btitle (goes )?here\b/i.test(t)) return true;
  if (/^(la)?tex\b|^(pdf|xe|lua)(la)?tex\b|^dvips\b|^ghostscript\b|^(adobe|acrobat)\b/i.test(t)) return true;
  // Submission numbers and identifiers: "Manuscript 2231", "Paper ID 17", "JMLR-2020-123".
  if (/^(manuscript|submission|paper|article|draft|ms)\s*(no\.?|nr\.?|#|id)?\s*[\d-]+$/i.test(t)) return true;
  if (/\.(dvi|pdf|docx?|tex|ps|eps|indd|rtf|odt|odp|pptx?|xlsx?|key|pages|qxd|qxp|txt|md|html?|xml|fm|wpd|djvu)$/i.test(t))
    return true;
  if (/[\\/]/.test(t) && !/\s/.test(t.replace(/^[a-z]:\\/i, ''))) return true; // paths: C:\Users\x\paper, /home/x/paper
  if (/^[a-z]:\\|^\/(home|users|tmp|var)\//i.test(t)) return true;
  if (/^[\w.-]+$/.test(t) && (/[_\d]/.test(t) || t.length > 25)) return true; // nature14539, paper_final
  // One lower-case token is a file name ("thesis", "draft-v"); real one-word titles are capitalised.
  if (/^[\p{Ll}\d_.-]+$/u.test(t)) return true;
  if (!/\p{L}{3,}/u.test(t)) return true;
  return false;
}

export function isJunkAuthor(raw: string): boolean {
  const t = raw.trim();
  if (t.length < 3) return true;
  if (/@|\.(com|org|net|edu)\b/i.test(t)) return true;
  // Account names operating systems and tools write in: "Windows User", "Microsoft Office User", "admin".
  if (/\b(user|admin|administrator|owner|unknown|anonymous|guest|default|test|windows|office|computer|pc)\b/i.test(t))
    return true;
  if (/^(author|authors|ieee|acm|elsevier|springer|wiley|editor|editors)$/i.test(t)) return true;
  if (/^[\p{Ll}\d_.-]+$/u.test(t)) return true; // login names: jsmith, user01
  return false;
}

function metadataTitles(input: MetadataInput): { title: string; source: MetadataSource }[] {
  const out: { title: string; source: MetadataSource }[] = [];
  const push = (raw: string, source: MetadataSource) => {
    const title = cleanLine(raw.replace(/^Microsoft (Word|PowerPoint) - /i, '').replace(/[{}]/g, ''));
    if (title && !isJunkTitle(title)) out.push({ title, source });
  };
  push(str(input.info.Title), 'info');
  push(str(input.xmp?.['dc:title']), 'xmp');
  return out;
}

function metadataAuthors(input: MetadataInput): { authors: string[]; source: MetadataSource }[] {
  const out: { authors: string[]; source: MetadataSource }[] = [];
  const push = (raw: string, source: MetadataSource) => {
    const authors = splitAuthorField(cleanLine(raw))
      .map((a) => fixNameCase(a.replace(/\s+/g, ' ').trim()))
      .filter((a) => !isJunkAuthor(a));
    if (authors.length > 0) out.push({ authors, source });
  };
  push(str(input.info.Author), 'info');
  const creator = input.xmp?.['dc:creator'];
  push(
    Array.isArray(creator)
      ? creator
          .filter((c) => typeof c === 'string')
          .join('; ')
          .replace(/;\s*$/, '')
      : str(creator),
    'xmp',
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title from layout

interface TitleGuess {
  text: string;
  lines: TextLine[];
  size: number;
}

/** Header and footer lines of the other pages, with their type size: journals repeat the title there. */
function runningHeads(pages: readonly PageLayout[], main: PageLayout): Map<string, number[]> {
  const heads = new Map<string, number[]>();
  for (const page of pages) {
    if (page === main) continue;
    for (const line of page.lines) {
      if (line.y < page.height * 0.12 || line.y > page.height * 0.9) {
        for (const seg of [...line.segments.map((s) => s.text), line.text]) {
          const key = normalizeForRepeat(seg);
          heads.set(key, [...(heads.get(key) ?? []), line.size]);
        }
      }
    }
  }
  return heads;
}

function isRunningHead(text: string, size: number, heads: Map<string, number[]>): boolean {
  const sizes = heads.get(normalizeForRepeat(text));
  return sizes !== undefined && sizes.some((s) => Math.abs(s - size) <= 0.15 * size);
}

function lineTextAt(line: TextLine, size: number): string {
  // Drops footnote marks and stray small print, keeps fake small caps (capitals set larger).
  const segs = line.segments
    .map((s) => ({ s, runs: s.runs.filter((r) => r.role === 'normal' && r.size >= 0.7 * size) }))
    .filter((x) => x.runs.length > 0);
  return segs.map((x) => joinRuns(x.runs)).join(' ');
}

function isTitleCandidate(line: TextLine, page: PageLayout, heads: Map<string, number[]>): boolean {
  if (line.y > page.height * 0.62) return false;
  const text = cleanLine(line.text);
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  if (letters.length < text.replace(/\s/g, '').length * 0.6) return false;
  const words = wordsOf(text);
  if (words.length < 2 && (letters.length < 6 || letters === letters.toUpperCase())) return false;
  // One lower-case word is a journal's logotype ("nature", "cell"), not a title.
  if (words.length < 2 && /^\p{Ll}/u.test(letters)) return false;
  if (/@|https?:|www\./i.test(text)) return false;
  if (isBanner(text)) return false;
  if (isRunningHead(text, line.size, heads)) return false;
  if (line.segments.length > 0 && line.segments.every((s) => isRunningHead(s.text, s.size, heads))) return false;
  // A byline set large ("Hui ZOU, Trevor HASTIE, and Robert TIBSHIRANI") is not the title.
  const { names, rejected } = splitNames(text);
  if (names.length >= 2 && rejected === 0) return false;
  return true;
}

/**
 * Bottom of a publisher's masthead box ("Contents lists available at ..." over the journal's name
 * over "journal homepage: ..."): everything down to its last marker line is the masthead.
 */
function mastheadBottom(page: PageLayout): number {
  let bottom = -Infinity;
  for (const line of page.lines) {
    if (line.y > page.height * 0.35) break;
    const marker = /^(contents lists available at|journal homepage:?)\b/i;
    if ([line.text, ...line.segments.map((seg) => seg.text)].some((t) => marker.test(cleanLine(t)))) bottom = line.y;
  }
  return bottom;
}

export function guessTitleFromLayout(page: PageLayout, others: readonly PageLayout[] = []): TitleGuess | null {
  const heads = runningHeads(others, page);
  const masthead = mastheadBottom(page);
  const candidates = page.lines.filter((l) => l.y > masthead && isTitleCandidate(l, page, heads));
  if (candidates.length === 0) return null;
  const maxSize = Math.max(...candidates.map((l) => l.size));
  // Title type must stand out from the body text, unless nothing on the page does.
  const first = candidates.find((l) => l.size >= maxSize * 0.97)!;
  const block: TextLine[] = [first];
  const startIndex = page.lines.indexOf(first);
  for (let i = startIndex + 1; i < page.lines.length && block.length < 5; i++) {
    const line = page.lines[i]!;
    const prev = block.at(-1)!;
    const sameSize = Math.abs(line.size - first.size) <= 0.08 * first.size;
    const gap = line.y - prev.y;
    const sameFont = line.font === first.font;
    if (!sameSize || gap > (sameFont ? 2.0 : 1.5) * first.size) break;
    if (!isTitleCandidate(line, page, heads)) break;
    block.push(line);
  }
  let text = '';
  for (const line of block) {
    const part = cleanLine(lineTextAt(line, first.size));
    if (!text) text = part;
    else if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(part)) text = text.slice(0, -1) + part;
    else if (/-$/.test(text)) text += part;
    else text += ' ' + part;
  }
  text = text.replace(/[\s*∗†‡§¶⇤⋆,]+$/u, '').trim();
  if (!text) return null;
  return { text, lines: block, size: first.size };
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'for',
  'of',
  'in',
  'on',
  'at',
  'to',
  'by',
  'via',
  'with',
  'from',
  'as',
  'vs',
  'into',
  'over',
  'per',
]);

/** "CNN ARCHITECTURES FOR LARGE-SCALE AUDIO" -> "CNN Architectures for Large-Scale Audio". */
export function titleCaseIfShouting(title: string): string {
  const letters = title.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || letters !== letters.toUpperCase()) return title;
  const words = title.split(' ');
  return words
    .map((word, i) => {
      const bare = word.replace(/[^\p{L}]/gu, '');
      // Acronyms: short words without vowels (CNN, SVD, GPU) or with digits (3D, GPT-2).
      if ((bare.length >= 2 && bare.length <= 5 && !/[AEIOUY]/.test(bare)) || /\d/.test(word)) return word;
      const lower = word.toLowerCase();
      const afterColon = i > 0 && /[:.?!]$/.test(words[i - 1]!);
      if (i > 0 && !afterColon && SMALL_WORDS.has(lower.replace(/[^\p{L}]/gu, ''))) return lower;
      return lower.replace(/(^|[-/(“"'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Authors from layout

/** Gap, in ems, at which pdf.js starts a new text item: separate names set apart without commas. */
const NAME_GAP_EM = 0.6;

function segmentNames(seg: LineSegment): { names: string[]; rejected: number } {
  const pieces: string[] = [];
  let group: typeof seg.runs = [];
  let end = -Infinity;
  for (const run of seg.runs) {
    if (group.length > 0 && run.role === 'normal' && run.x - end > NAME_GAP_EM * run.size) {
      pieces.push(joinRuns(group, { marks: 'separator', separator: ';' }));
      group = [];
    }
    group.push(run);
    end = Math.max(end, run.x + run.width);
  }
  if (group.length > 0) pieces.push(joinRuns(group, { marks: 'separator', separator: ';' }));
  const text = cleanLine(pieces.join(';'));
  if (/@/.test(text) && !/[,;&]|\band\b/.test(text.replace(/\S+@\S+/g, ''))) return { names: [], rejected: 1 };
  return splitNames(text);
}

/** Where the front matter ends: the abstract heading or the first paragraph of running text. */
function frontMatterEnd(page: PageLayout, afterY: number): number {
  for (const line of page.lines) {
    if (line.y <= afterY) continue;
    const first = line.segments[0]?.text ?? '';
    if (ABSTRACT_HEADING.test(first) || SECTION_HEADING.test(first)) return line.y;
    if (line.segments.some((s) => isBodyText(cleanLine(s.text)) && s.size <= page.bodySize * 1.1)) return line.y;
  }
  return page.height;
}

export function guessAuthorsFromLayout(page: PageLayout, title: TitleGuess): string[] {
  const titleBottom = title.lines.at(-1)!.y;
  const end = Math.min(frontMatterEnd(page, titleBottom), titleBottom + page.height * 0.4);
  interface Candidate {
    names: string[];
    rejected: number;
    size: number;
    font: string;
  }
  const candidates: Candidate[] = [];
  for (const line of page.lines) {
    if (line.y <= titleBottom || line.y >= end) continue;
    if (BYLINE_STOP.test(cleanLine(line.text))) break;
    for (const seg of line.segments) {
      const text = cleanLine(seg.text);
      if (!text || looksLikeAffiliation(text)) continue;
      const { names, rejected } = segmentNames(seg);
      if (names.length === 0 || rejected > names.length / 3) continue;
      candidates.push({ names, rejected, size: seg.size, font: seg.font });
    }
  }
  if (candidates.length === 0) return [];
  // Bylines share one type: take the size that holds the most names (earliest on a tie), so a stray
  // name-like line (a subtitle, an affiliation) in another size cannot pull the byline off course.
  const sameSize = (a: number, b: number) => Math.abs(a - b) <= 0.08 * Math.max(a, b);
  let best: Candidate = candidates[0]!;
  let bestCount = -1;
  for (const c of candidates) {
    const count = candidates.filter((o) => sameSize(o.size, c.size)).reduce((n, o) => n + o.names.length, 0);
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  const first = candidates.find((c) => sameSize(c.size, best.size))!;
  const names: string[] = [];
  for (const c of candidates) {
    if (!sameSize(c.size, first.size)) continue;
    // Affiliations set in the names' size but another font ("UC Berkeley" under bold names).
    if (c !== first && c.font !== first.font && (c.rejected > 0 || c.names.length < 2)) continue;
    for (const name of c.names) if (!names.includes(name)) names.push(name);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Identifiers, year, venue, abstract

function findArxivStamp(page: PageLayout): ArxivStamp | null {
  for (const rotated of page.rotated) {
    const stamp = parseArxivStamp(rotated.text);
    if (stamp) return stamp;
  }
  // Some tools set the stamp upright in the margin or header: accept it only in those places and
  // only in stamp form ("arXiv:ID" starting the text), never an id cited in running text.
  const bodyLeft = Math.min(...page.lines.filter((l) => Math.abs(l.size - page.bodySize) < 0.5).map((l) => l.x0), page.width);
  for (const line of page.lines) {
    const inMargin = line.x1 < bodyLeft - 2;
    const inHeadOrFoot = line.y < page.height * 0.1 || line.y > page.height * 0.93;
    if (!inMargin && !inHeadOrFoot) continue;
    for (const seg of line.segments) {
      const text = cleanLine(seg.text);
      if (!/^(preprint[.:,]?\s*)?arxiv:\s*\S/i.test(text)) continue;
      const stamp = parseArxivStamp(text);
      if (stamp) return stamp;
    }
  }
  return null;
}

interface YearCandidate {
  year: number;
  score: number;
}

function yearCandidates(text: string, now: Date): YearCandidate[] {
  const out: YearCandidate[] = [];
  const add = (year: number, score: number) => {
    if (isPlausibleYear(year, now)) out.push({ year, score });
  };
  const Y = '((?:19|20)\\d\\d)';
  for (const m of text.matchAll(new RegExp(`(?:©|\\(c\\)|\\bcopyright\\b)\\s*(?:©\\s*)?(?:c\\s*)?(?:by\\s+)?${Y}`, 'gi')))
    add(Number(m[1]), 5);
  for (const m of text.matchAll(new RegExp(`\\b(published|appeared|appears|to appear|presented)\\b[^.;]{0,80}?\\b${Y}\\b`, 'gi')))
    add(Number(m[2]), 5);
  for (const m of text.matchAll(/\bpublished:?\s+\d{1,2}\/(\d{2})\b/gi)) add(expandTwoDigitYear(Number(m[1]), now), 5);
  for (const m of text.matchAll(new RegExp(`\\bcitation:[^()]{0,200}\\(${Y}\\)`, 'gi'))) add(Number(m[1]), 5);
  for (const m of text.matchAll(
    new RegExp(
      `\\b(proceedings|conference|symposium|workshop|journal|transactions|letters|annals)\\b[^;]{0,120}?\\b${Y}\\b`,
      'gi',
    ),
  ))
    add(Number(m[2]), 4.5);
  for (const m of text.matchAll(new RegExp(`\\b(?:${VENUE_ACRONYMS})\\s*(?:['’]\\s*(\\d{2})\\b|${Y}\\b)`, 'g'))) {
    add(m[1] ? expandTwoDigitYear(Number(m[1]), now) : Number(m[2]), 4.5);
  }
  // Journal citation lines in mastheads: "Habitat Informatics 45 (2012) 123-456", "| (2019) 14:2231 |".
  for (const m of text.matchAll(
    new RegExp(`\\b\\d{1,4}\\s*(?:\\(\\s*\\d{1,4}\\s*\\))?\\s*\\(\\s*${Y}\\s*\\)|\\(\\s*${Y}\\s*\\)\\s*\\d+\\s*[-–:,]`, 'g'),
  ))
    add(Number(m[1] ?? m[2]), 4.5);
  // "Vol 12, No 3, 2018" and ACM conference lines: "SIGMOD'18, June 10-15, 2018".
  for (const m of text.matchAll(new RegExp(`\\bvol(?:ume)?\\.?\\s*\\d+[^;\\n]{0,40}?\\b${Y}\\b`, 'gi'))) add(Number(m[1]), 4);
  for (const m of text.matchAll(/^\p{L}[\p{L}\d-]*\s?['’]\s?(\d{2})\s*[,:]/gmu)) add(expandTwoDigitYear(Number(m[1]), now), 4.5);
  for (const m of text.matchAll(new RegExp(`\\b(accepted|revised)\\b[^.;]{0,40}?\\b${Y}\\b`, 'gi'))) add(Number(m[2]), 3.5);
  for (const m of text.matchAll(new RegExp(`\\b(?:${MONTHS})\\.?\\s+(?:\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+)?${Y}\\b`, 'gi')))
    add(Number(m[1]), 2);
  return out;
}

/** Lines where a paper states its own venue and date: header, footer, small print, front matter. */
function venueZoneText(page: PageLayout, frontEnd: number, wholePage: boolean): string {
  return page.lines
    .filter(
      (l) =>
        wholePage ||
        l.y < page.height * 0.14 ||
        l.y > page.height * 0.82 ||
        l.y <= frontEnd ||
        (page.bodySize > 0 && l.size < page.bodySize * 0.9),
    )
    .flatMap((l) => l.segments.map((s) => cleanLine(s.text)))
    .join('\n');
}

const VENUE_PATTERNS: RegExp[] = [
  /^(?:published as an? (?:conference |workshop |journal )?paper at|published in|accepted (?:at|to|in)|appearing in|to appear in|presented at)\s+(.{3,})$/i,
  /\b((?:proceedings of|journal of|transactions on|conference on|symposium on|workshop on)\b.{3,})$/i,
  new RegExp(`^((?:${VENUE_ACRONYMS})\\s*(?:['’]\\s*\\d{2}|\\d{4}))\\b`),
];

/** Titles that are really venue names (some producers put the venue in Title). */
const VENUE_LINE = /^(in )?(proceedings of|journal of|transactions on)\b/i;

function guessVenue(info: Readonly<Record<string, unknown>>, zoneText: string): string | null {
  const subject = cleanLine(str(info.Subject));
  if (
    subject &&
    subject.length < 160 &&
    /\b(proceedings|conference|symposium|workshop|journal|transactions|letters)\b/i.test(subject)
  ) {
    return subject;
  }
  for (const raw of zoneText.split('\n')) {
    const line = raw.replace(/\b(?:doi:?\s*|https?:\/\/)\S+/gi, '').trim();
    if (line.length > 160 || /^(citation|copyright|©)/i.test(line)) continue;
    for (const re of VENUE_PATTERNS) {
      const m = re.exec(line);
      if (m?.[1])
        return m[1]
          .replace(/\.\s.*$/, '')
          .replace(/[.,;:]+$/, '')
          .trim();
    }
  }
  return null;
}

function guessAbstract(page: PageLayout): string | null {
  const headingIndex = page.lines.findIndex((l) => l.segments.some((s) => ABSTRACT_HEADING.test(cleanLine(s.text))));
  if (headingIndex < 0) return null;
  const headingLine = page.lines[headingIndex]!;
  const heading = headingLine.segments.find((s) => ABSTRACT_HEADING.test(cleanLine(s.text)))!;
  const inline = cleanLine(heading.text)
    .replace(ABSTRACT_HEADING, '')
    .replace(/^[\s.:—–-]+/, '');
  // The abstract's column: the extent of its first line under the heading; later lines must lie mostly inside it.
  const centre = (heading.x0 + heading.x1) / 2;
  let range: [number, number] | null = inline ? [heading.x0, heading.x1] : null;
  const inColumn = (s: LineSegment) => {
    if (!range) return s.x0 <= centre + 20 && s.x1 >= centre - 20;
    const overlap = Math.min(s.x1, range[1]) - Math.max(s.x0, range[0]);
    return overlap >= 0.6 * (s.x1 - s.x0);
  };
  const parts: string[] = inline ? [inline] : [];
  let prevY = headingLine.y;
  let spacing: number | null = null;
  for (let i = headingIndex + 1; i < page.lines.length && parts.length < 60; i++) {
    const line = page.lines[i]!;
    const segs = line.segments.filter(inColumn);
    if (segs.length === 0) continue;
    range ??= [Math.min(...segs.map((s) => s.x0)), Math.max(...segs.map((s) => s.x1))];
    const text = cleanLine(segs.map((s) => s.text).join(' '));
    if (SECTION_HEADING.test(text)) break;
    const gap = line.y - prevY;
    if (spacing !== null && gap > spacing * 1.9) break;
    if (parts.length > (inline ? 1 : 0)) spacing ??= gap;
    prevY = line.y;
    parts.push(text);
  }
  let out = '';
  for (const part of parts) {
    if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(part)) out = out.slice(0, -1) + part;
    else out += (out ? ' ' : '') + part;
  }
  out = out.trim();
  return out.length >= 40 ? out : null;
}

// ---------------------------------------------------------------------------------------------

function pageText(page: PageLayout): string {
  return page.lines.map((l) => l.text).join('\n');
}

function foldedNoSpace(s: string): string {
  return foldForCompare(s).replace(/\s+/g, '');
}

/** Metadata from the PDF's own fields and its first pages. Pure: give it layouts, get guesses. */
export function extractMetadata(input: MetadataInput, now = new Date()): PaperMetadata {
  const pages = input.pages;
  const first = pages.find((p) => p.pageIndex === 0) ?? pages[0] ?? null;
  let main = first;
  let cover: PageLayout | null = null;
  if (first && input.pageCount > 1 && isCoverPage(first)) {
    const next = pages.find((p) => p.pageIndex === first.pageIndex + 1);
    if (next) {
      cover = first;
      main = next;
    }
  }
  const leading = pages.filter((p) => p.pageIndex <= (main?.pageIndex ?? 0) + 2);
  const mainText = main ? foldedNoSpace(pageText(main)) : '';
  const hasText = mainText.length > 20;

  // Title: the PDF's own field when the first page really prints it, else the layout's guess.
  const layoutTitle =
    main && hasText
      ? guessTitleFromLayout(
          main,
          leading.filter((p) => p !== main && p !== cover),
        )
      : null;
  let title: string | null = null;
  let titleSource: MetadataSource = 'none';
  // Text set larger than the body: where a title is printed (a venue name in the header is not).
  const largeText = main
    ? foldedNoSpace(
        main.lines
          .filter((l) => l.size >= main!.bodySize * 1.1 && !isBanner(cleanLine(l.text)))
          .map((l) => l.text)
          .join(' '),
      )
    : '';
  for (const cand of metadataTitles(input)) {
    if (isBanner(cand.title) || VENUE_LINE.test(cand.title)) continue;
    const folded = foldedNoSpace(cand.title);
    const layoutFolded = layoutTitle ? foldedNoSpace(layoutTitle.text) : '';
    const printed =
      hasText &&
      folded.length >= 6 &&
      (largeText.includes(folded) || (layoutFolded !== '' && (layoutFolded.includes(folded) || folded.includes(layoutFolded))));
    const complete = !layoutTitle || folded.length >= layoutFolded.length * 0.6;
    if ((printed && complete) || !hasText) {
      title = cand.title;
      titleSource = cand.source;
      break;
    }
  }
  if (!title && layoutTitle) {
    title = titleCaseIfShouting(layoutTitle.text);
    titleSource = 'layout';
  }

  // Authors: the PDF's field when every surname is printed on the page, else the byline.
  const layoutAuthors = main && layoutTitle ? guessAuthorsFromLayout(main, layoutTitle) : [];
  let authors: string[] = [];
  let authorsSource: MetadataSource = 'none';
  for (const cand of metadataAuthors(input)) {
    const printed =
      hasText &&
      cand.authors.every((a) => {
        const surname = foldedNoSpace(a.split(' ').at(-1) ?? '');
        return surname.length >= 2 && mainText.includes(surname) && isPersonName(a.replace(/\s+/g, ' '));
      });
    if ((printed && cand.authors.length >= layoutAuthors.length) || (!hasText && cand.authors.length > 0)) {
      authors = cand.authors;
      authorsSource = cand.source;
      break;
    }
  }
  if (authors.length === 0 && layoutAuthors.length > 0) {
    authors = layoutAuthors;
    authorsSource = 'layout';
  }

  // arXiv: the stamp on page 1 (or the article's first page after a cover).
  let stamp: ArxivStamp | null = null;
  for (const page of [first, main]) {
    if (page && !stamp) stamp = findArxivStamp(page);
  }

  // DOI: metadata fields, then a DOI printed in the first page's front matter, header or footer.
  let doi: string | null = null;
  let doiSource: MetadataSource = 'none';
  for (const key of ['prism:doi', 'pdfx:doi', 'dc:identifier', 'crossmark:doi', 'pdfx:crossmarkdomains']) {
    const value = str(input.xmp?.[key]);
    const found = value ? normalizeDoi(value) : null;
    if (found) {
      doi = found;
      doiSource = 'xmp';
      break;
    }
  }
  if (!doi) {
    for (const key of ['doi', 'DOI', 'Subject', 'Keywords', 'Title']) {
      const value = str(input.info[key]);
      if (/\b(doi|10\.\d{4,9}\/)/i.test(value)) {
        const found = normalizeDoi(value);
        if (found) {
          doi = found;
          doiSource = 'info';
          break;
        }
      }
    }
  }
  const frontEnd = main && layoutTitle ? frontMatterEnd(main, layoutTitle.lines.at(-1)!.y) : main ? main.height * 0.3 : 0;
  const zones = [cover ? venueZoneText(cover, cover.height, true) : '', main ? venueZoneText(main, frontEnd, false) : ''].join(
    '\n',
  );
  if (!doi) {
    const labelled = /(?:\bdoi\b\s*:?\s*|doi\.org\/)(10\.\d{4,9}\/\S+)/i.exec(zones.replace(/doi:\s+/gi, 'doi:'));
    const found = labelled ? normalizeDoi(labelled[1]!) : (findDois(zones)[0] ?? null);
    if (found) {
      doi = found;
      doiSource = 'text';
    }
  }

  // Year: the venue or copyright line, then the arXiv stamp, then the file's dates, then references.
  let year: number | null = null;
  let yearSource: MetadataSource = 'none';
  const candidates = yearCandidates(zones, now);
  if (candidates.length > 0) {
    const best = Math.max(...candidates.map((c) => c.score));
    year = Math.max(...candidates.filter((c) => c.score === best).map((c) => c.year));
    yearSource = 'text';
  } else if (stamp) {
    year = stamp.year ?? arxivIdYear(stamp.id);
    yearSource = 'stamp';
  }
  if (year === null) {
    // Creation dates must be sane (not before PDFs existed, not in the future); publication dates
    // written into XMP may be old, as for a scanned classic.
    const infoYear = creationYearOfDate(input.info.CreationDate, now);
    const dates = [
      infoYear,
      creationYearOfDate(input.xmp?.['xmp:createdate'], now),
      yearOfDate(input.xmp?.['prism:publicationdate'], now),
      yearOfDate(input.xmp?.['prism:coverdate'], now),
    ].filter((y): y is number => y !== null);
    if (dates.length > 0) {
      year = Math.min(...dates);
      yearSource = infoYear === year ? 'info' : 'xmp';
    }
  }
  if (year === null) {
    const tail = pages.filter((p) => p.pageIndex > (main?.pageIndex ?? 0) + 2 || p.pageIndex >= input.pageCount - 2);
    const years = tail
      .flatMap((p) => [...pageText(p).matchAll(/\b((?:19|20)\d\d)[a-z]?\b/g)].map((m) => Number(m[1])))
      .filter((y) => isPlausibleYear(y, now));
    if (years.length > 0) {
      year = Math.max(...years);
      yearSource = 'references';
    }
  }

  return {
    title,
    authors,
    year,
    arxivId: stamp?.id ?? null,
    arxivVersion: stamp?.version ?? null,
    arxivCategory: stamp?.category ?? null,
    doi,
    venue: guessVenue(input.info, zones),
    abstract: main ? guessAbstract(main) : null,
    sources: {
      title: titleSource,
      authors: authorsSource,
      year: yearSource,
      arxivId: stamp ? 'stamp' : 'none',
      doi: doiSource,
    },
    titlePage: title && main ? main.pageIndex : null,
  };
}
