// Bilingual (English + CJK) search text: index strings, FTS5 query building, snippets.
export { porterStem } from './porter';
export { segmentText, foldWord, stemWord, cjkGrams, type Segment } from './segment';
export {
  SEARCH_FIELDS,
  SEARCH_COLUMNS,
  SEARCH_COLUMN_WEIGHTS,
  createSearchTableSql,
  bm25Sql,
  indexField,
  buildSearchRow,
  propertiesToText,
  type SearchField,
  type SearchColumn,
  type SearchRow,
  type SearchDocument,
} from './index-text';
export { parseUserQuery, buildFtsQuery, type ParsedQuery, type QueryItem, type FtsQueryOptions } from './query';
export { makeSnippet, highlightText, findMatches, escapeHtml, type SnippetOptions, type MatchRange } from './snippet';
