// Journal import: parsers (pure), format detection, planning and the folder walker.
export type {
  EntryKind,
  ImportFormat,
  ImportedEntry,
  ImportIssue,
  IssueSeverity,
  ImportedPreamble,
  ImportedAttachment,
  ImportCounts,
  ImportPlan,
  ParseResult,
  ParseContext,
} from './types';
export { parseLooseDate, parseLooseTime, dateFromFileName, isoWeekMonday, type LooseDate } from './dates';
export { parseFrontMatter, type FrontMatter } from './front-matter';
export {
  parseMarkdownNote,
  formatMarkdownNote,
  MAPPED_KEYS,
  type NoteForExport,
  type MarkdownNoteOptions,
} from './markdown-note';
export { parseHexoDiary, detectHexoDiary, assignYears, findDiaryHeadings, headingDate, scanHeadings } from './hexo-diary';
export { parsePlainMicroblog, detectMicroblog, findMicroblogLines, plainLinesToMarkdown } from './microblog';
export { detectFormat, classifyByName, type FileClass } from './detect-format';
export { splitFileName, KNOWN_KINDS, normalizeRelPath } from './entry-common';
export {
  planImport,
  parsePlainTextNote,
  groupBySourceFile,
  DEFAULT_MAX_NOTE_BYTES,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  type ImportFile,
  type PlanOptions,
} from './plan-import';
export {
  walkImportFolder,
  readWalkedFiles,
  planImportFromPath,
  DEFAULT_IGNORE,
  type WalkOptions,
  type WalkedFile,
  type WalkResult,
} from './walk-folder';
