/**
 * The io domain: journal import (Obsidian-style vaults, Hexo diaries, plain-text microblogs; preview and
 * apply), markdown export, one entry as HTML/PDF/markdown, and publishing public entries as a static site.
 *
 * Tables (for `folio sql`): import_sources (what each imported entry came from: source_key, content_hash,
 * attachment_blobs), io_runs (one row per import/export/publish with its counts).
 */
export { createIoHandlers } from './handlers';
export { planImportFor, runImport } from './import-service';
export { runExport, entryToMarkdown, kindFolder, EXPORT_MARKER } from './export-service';
export { runPublish, slugify, SITE_MARKER } from './publish-service';
export { exportEntry, entryHtml } from './entry-export';
export { MarkdownRenderer, escapeHtml, safeUrl, type RenderOptions, type RenderedMarkdown } from './render/html';
export { renderEntryPdf, type EntryPdf } from './pdf/entry-pdf';
export { findFonts } from './pdf/fonts';
export { safeFileName } from './output-dir';
export * from './import';
export { parseCsv, csvRecords, detectDelimiter, csvColumnIndex, CsvParseError, type CsvDelimiter } from './csv';
export { decodeText, repairMojibake } from './encoding';
