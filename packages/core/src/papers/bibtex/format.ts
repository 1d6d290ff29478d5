import { asciiFold, toLatex, toLatexTitle } from './latex';
import { splitPersonName } from './names';

/** What BibTeX export needs from a paper; every field is optional. */
export interface PaperLike {
  title?: string | null;
  /** Display names, "First Last" or "Last, First". */
  authors?: readonly string[] | null;
  year?: number | null;
  /** Journal or proceedings name. */
  venue?: string | null;
  doi?: string | null;
  arxivId?: string | null;
  arxivCategory?: string | null;
  url?: string | null;
  abstract?: string | null;
  volume?: string | null;
  number?: string | null;
  pages?: string | null;
  publisher?: string | null;
  keywords?: readonly string[] | null;
  note?: string | null;
  /** Forces the entry type (article, inproceedings, misc, book...). */
  entryType?: string | null;
  /** Forces the citation key (e.g. one the user kept from an import). */
  citationKey?: string | null;
}

export interface ToBibtexOptions {
  /** Include abstracts (default false: they make bibliographies heavy). */
  abstract?: boolean;
  /** Keys already used elsewhere (e.g. the rest of the library), to keep new keys unique. */
  takenKeys?: Iterable<string>;
}

const TITLE_STOPWORDS = new Set(
  'a an the on of in for to and or with via towards toward is are from by at as do does what why how when can we our your into beyond using its it this that'.split(
    ' ',
  ),
);

/** Surname for a key: the last name without particles ("Aäron van den Oord" -> "oord"). */
function keySurname(author: string): string {
  const { last } = splitPersonName(author);
  return asciiFold(last);
}

function keyTitleWord(title: string): string {
  for (const word of title.split(/[\s:;,.?!()"“”]+/)) {
    const folded = asciiFold(word);
    if (folded && !TITLE_STOPWORDS.has(folded)) return folded;
  }
  return '';
}

/** Google Scholar style key: first author's surname + year + first significant title word. */
export function baseCitationKey(paper: PaperLike): string {
  const surname = paper.authors?.[0] ? keySurname(paper.authors[0]) : '';
  const key = `${surname || 'anon'}${paper.year ?? ''}${keyTitleWord(paper.title ?? '')}`;
  return key || 'paper';
}

/** Makes keys unique within `taken`: the first keeps its key, later ones get b, c, ... z, then numbers. */
export function uniqueKey(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; i < 26; i++) {
    const candidate = base + String.fromCharCode(97 + i);
    if (!taken.has(candidate)) return candidate;
  }
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

const PROCEEDINGS = /\b(advances in|proceedings|proc\.|conference|conf\.|symposium|workshop|meeting|congress|annual)\b/i;
const CONFERENCE_ACRONYM =
  /^(ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|AAAI|IJCAI|KDD|WWW|SIGIR|SIGMOD|VLDB|SOSP|OSDI|NSDI|ICASSP|INTERSPEECH|ISMIR|UAI|AISTATS|COLT|ICRA|IROS|CHI|UIST|SIGGRAPH)\b/;

export function entryTypeFor(paper: PaperLike): string {
  if (paper.entryType) return paper.entryType.toLowerCase();
  const venue = paper.venue?.trim() ?? '';
  if (venue && !/^arxiv\b/i.test(venue))
    return PROCEEDINGS.test(venue) || CONFERENCE_ACRONYM.test(venue) ? 'inproceedings' : 'article';
  return 'misc';
}

function bibtexName(author: string): string {
  const { first, von, last, jr } = splitPersonName(author);
  const lastPart = [von, last].filter(Boolean).map(toLatex).join(' ');
  const lastProtected = last.includes(' ') && !von ? `{${toLatex(last)}}` : lastPart;
  if (!first) return lastProtected;
  return jr ? `${lastProtected}, ${toLatex(jr)}, ${toLatex(first)}` : `${lastProtected}, ${toLatex(first)}`;
}

/** Braces must balance inside a BibTeX value; URLs and DOIs are written raw otherwise. */
const raw = (value: string) => value.replace(/[{}]/g, '').trim();

function entryFields(paper: PaperLike, type: string, opts: ToBibtexOptions): [string, string][] {
  const fields: [string, string][] = [];
  const add = (name: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value.trim() !== '') fields.push([name, value]);
  };
  add('title', paper.title ? toLatexTitle(paper.title.trim()) : null);
  add('author', paper.authors?.length ? paper.authors.map(bibtexName).join(' and ') : null);
  const venue = paper.venue?.trim();
  if (venue && !/^arxiv\b/i.test(venue))
    add(type === 'inproceedings' ? 'booktitle' : type === 'article' ? 'journal' : 'howpublished', toLatex(venue));
  if (type === 'article' && !venue && paper.arxivId) add('journal', `arXiv preprint arXiv:${raw(paper.arxivId)}`);
  add('volume', paper.volume ? toLatex(paper.volume) : null);
  add('number', paper.number ? toLatex(paper.number) : null);
  add('pages', paper.pages ? toLatex(paper.pages).replace(/\s*[-–]+\s*/g, '--') : null);
  add('publisher', paper.publisher ? toLatex(paper.publisher) : null);
  add('year', paper.year ? String(paper.year) : null);
  add('doi', paper.doi ? raw(paper.doi) : null);
  if (paper.arxivId) {
    add('eprint', raw(paper.arxivId));
    add('archivePrefix', 'arXiv');
    add('primaryClass', paper.arxivCategory ? raw(paper.arxivCategory) : null);
  }
  add('url', paper.url ? raw(paper.url) : paper.arxivId && !paper.doi ? `https://arxiv.org/abs/${raw(paper.arxivId)}` : null);
  add('keywords', paper.keywords?.length ? paper.keywords.map(toLatex).join(', ') : null);
  add('note', paper.note ? toLatex(paper.note) : null);
  if (opts.abstract) add('abstract', paper.abstract ? toLatex(paper.abstract) : null);
  return fields;
}

/** One entry; `key` is used as given. */
export function formatEntry(paper: PaperLike, key: string, opts: ToBibtexOptions = {}): string {
  const type = entryTypeFor(paper);
  const fields = entryFields(paper, type, opts);
  const width = Math.max(0, ...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(',\n');
  return `@${type}{${key}${fields.length ? ',\n' + body : ','}\n}\n`;
}

/** The keys toBibtex gives `papers`, in order: a kept citationKey or a generated one, made unique. */
export function citationKeys(papers: readonly PaperLike[], takenKeys: Iterable<string> = []): string[] {
  const taken = new Set<string>(takenKeys);
  return papers.map((paper) => {
    const wanted = paper.citationKey?.replace(/[\s,{}"#%'()=\\]/g, '') || baseCitationKey(paper);
    const key = uniqueKey(wanted, taken);
    taken.add(key);
    return key;
  });
}

/** BibTeX for one or many papers, with unique Google-Scholar-style keys (vaswani2017attention). */
export function toBibtex(papers: readonly PaperLike[], opts: ToBibtexOptions = {}): string {
  const keys = citationKeys(papers, opts.takenKeys);
  return papers.map((paper, i) => formatEntry(paper, keys[i]!, opts)).join('\n');
}
