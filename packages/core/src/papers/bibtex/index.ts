// BibTeX export (Google-Scholar-style keys, LaTeX-escaped fields) and import (robust parser).
export {
  baseCitationKey,
  citationKeys,
  entryTypeFor,
  formatEntry,
  toBibtex,
  uniqueKey,
  type PaperLike,
  type ToBibtexOptions,
} from './format';
export { parseBibNames, parseBibtex, type BibParseError, type BibParseResult, type ParsedBibEntry } from './parse';
export { asciiFold, fromLatex, toLatex, toLatexTitle } from './latex';
export { displayName, splitPersonName, type NameParts } from './names';
