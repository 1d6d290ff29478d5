// Markdown utilities of the journal: links, tags, plain text, word counts, mentions. Pure functions.
export { codeRanges, codeMask, type Range } from './code-mask';
export {
  extractWikilinks,
  wikilinkTargets,
  renameWikilinks,
  renameWikilinksCounted,
  isAttachmentTarget,
  titleKey,
  type WikiLink,
} from './wikilinks';
export { extractTags, findTags, uniqueTags, tagSeries, type TagOccurrence } from './tags';
export { markdownToPlainText, decodeEntities, stripHtml } from './plain-text';
export { countWords, countWordsDetailed, type WordCount } from './words';
export { findUnlinkedMentions, linkMention, type Mention } from './mentions';
