// Which parser a file goes to, from its name and (for text files) its content.
import { detectHexoDiary } from './hexo-diary';
import { detectMicroblog } from './microblog';
import { parseFrontMatter } from './front-matter';
import type { ImportFormat } from './types';

export type FileClass = ImportFormat | 'attachment' | 'unsupported';

const MARKDOWN_EXT = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn', 'mdx']);
const TEXT_EXT = new Set(['txt', 'text']);
const ATTACHMENT_EXT = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'svg',
  'bmp',
  'avif',
  'heic',
  'heif',
  'tif',
  'tiff',
  'ico',
  'pdf',
  'mp3',
  'm4a',
  'wav',
  'ogg',
  'oga',
  'flac',
  'aac',
  'mp4',
  'm4v',
  'webm',
  'mov',
  'mkv',
  'avi',
  'csv',
  'tsv',
  'json',
  'xlsx',
  'xls',
  'docx',
  'doc',
  'pptx',
  'ppt',
  'odt',
  'ods',
  'zip',
  'epub',
  'bib',
  'canvas',
  'excalidraw',
  'drawio',
  'ipynb',
  'py',
  'js',
  'ts',
  'c',
  'cpp',
  'h',
  'rs',
  'go',
  'sh',
  'tex',
]);

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Classify by name only: 'markdown' | 'text' for notes, 'attachment', or 'unsupported'. */
export function classifyByName(path: string): 'markdown' | 'text' | 'attachment' | 'unsupported' {
  // Obsidian Excalidraw drawings are stored as markdown wrapping JSON: files, not notes.
  if (/\.excalidraw\.md$/i.test(path)) return 'attachment';
  const ext = extensionOf(path);
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  if (TEXT_EXT.has(ext)) return 'text';
  if (ATTACHMENT_EXT.has(ext)) return 'attachment';
  return 'unsupported';
}

/**
 * The format of a file. Markdown files are a Hexo diary when dated `## MM/DD` headings dominate,
 * a microblog when they have no front matter and their lines are `M/D/YY, Title` entries, else
 * one note. Text files are a microblog when they read as one, else a plain note (or a markdown
 * note when they start with front matter).
 */
export function detectFormat(path: string, text?: string): FileClass {
  const byName = classifyByName(path);
  if (byName === 'attachment' || byName === 'unsupported') return byName;
  if (text === undefined) return byName;
  // Cheap pre-checks: a diary needs headings starting with a digit or a month name, a microblog lines starting with a date.
  const maybeDiary =
    /^ {0,3}#{1,6}[ \t]+[\d\uff10-\uff19〇零一二三四五六七八九十]/m.test(text) ||
    /^ {0,3}#{1,6}[ \t]+(?:[a-z]{3,9}\.?,?[ \t]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d/im.test(
      text,
    );
  const maybeMicroblog = /^[ \t]*\d{1,2}\/\d{1,2}\/\d{2}/m.test(text);
  const hasFrontMatter = /^(\ufeff)?(---|\+\+\+)[ \t]*\r?\n/.test(text) && parseFrontMatter(text).format !== null;
  if (byName === 'markdown') {
    if (maybeDiary && detectHexoDiary(text).isDiary) return 'hexo-diary';
    if (!hasFrontMatter && maybeMicroblog && detectMicroblog(text)) return 'microblog';
    return 'markdown';
  }
  if (maybeMicroblog && detectMicroblog(text)) return 'microblog';
  if (hasFrontMatter) return maybeDiary && detectHexoDiary(text).isDiary ? 'hexo-diary' : 'markdown';
  return 'text';
}
