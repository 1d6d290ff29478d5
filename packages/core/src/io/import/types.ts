// What the importers produce. Pure data: the lead's io service writes it to the database (one
// transaction per source file) and copies the attachments.

/** Known entry kinds; any other lower-case word from a typed file name (`x.recipe.md`) is allowed too. */
export type EntryKind = 'daily' | 'post' | 'weekly' | 'meeting' | 'paper' | (string & {});

export type ImportFormat = 'markdown' | 'hexo-diary' | 'microblog' | 'text';

export interface ImportedEntry {
  /**
   * Stable identity across re-imports, for dedupe: the relative path for one-entry files
   * (`notes/a.md`), `path#YYYY-MM-DD` for entries cut from a diary or microblog (`#YYYY-MM-DD~2`
   * for a second entry on the same day).
   */
  sourceKey: string;
  /** Path relative to the import root, with `/` separators. */
  sourcePath: string;
  /** 1-based line in the source where the entry starts. */
  sourceLine: number;
  format: ImportFormat;
  kind: EntryKind;
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' when known. */
  time?: string;
  title: string;
  bodyMarkdown: string;
  tags: string[];
  /** Front matter minus the keys mapped to fields (title, date, time, kind, tags, public...). */
  properties: Record<string, unknown>;
  /** Wikilink targets (and links to other .md files, by title), unique. */
  links: string[];
  /** Attachments the body references, as paths relative to the import root. */
  attachments: string[];
  /** How each attachment was written in the body -> its root-relative path (for rewriting links after copying). */
  attachmentRefs: Record<string, string>;
  /** As the source says; undefined = it does not say (stored private). */
  isPublic?: boolean;
  /**
   * A post from a blog source (a plain-text microblog, a Jekyll/Hexo/Hugo post) that does not say whether
   * it is public: the import's `publicPosts` option makes it public.
   */
  unmarkedPost?: boolean;
  /** sha256 of the fields above that a re-import would write; equal hash = nothing to update. */
  contentHash: string;
}

/**
 * error: the file (or that entry) was not imported because something is wrong with it;
 * skipped: the file was left out by design (not a note, an unreferenced image, ignored);
 * warning: imported, with a caveat worth showing (guessed encoding, repaired mojibake, fallback date).
 */
export type IssueSeverity = 'error' | 'skipped' | 'warning';

export interface ImportIssue {
  path: string;
  line?: number;
  reason: string;
  severity: IssueSeverity;
}

/** Text that belongs to a file but to no dated entry (a diary's introduction before its first heading). */
export interface ImportedPreamble {
  sourceKey: string;
  sourcePath: string;
  title: string;
  /** The file's front-matter date, if any. */
  date?: string;
  bodyMarkdown: string;
  properties: Record<string, unknown>;
}

export interface ImportedAttachment {
  /** Path relative to the import root. */
  path: string;
  size: number;
  /** sourceKeys of the entries that reference it. */
  referencedBy: string[];
}

export interface ImportCounts {
  files: number;
  /** Files parsed per detected format. */
  byFormat: Record<ImportFormat, number>;
  entries: number;
  /** Files not imported (each has an error issue). */
  skippedFiles: number;
  attachments: number;
  missingAttachments: number;
  mojibakeRepaired: number;
  /** Entries with `unmarkedPost` (made public when `publicPosts` was given). */
  unmarkedPosts: number;
}

export interface ImportPlan {
  entries: ImportedEntry[];
  issues: ImportIssue[];
  preambles: ImportedPreamble[];
  attachments: ImportedAttachment[];
  counts: ImportCounts;
}

/** One parsed file. Parsers never throw; problems are issues. */
export interface ParseResult {
  entries: ImportedEntry[];
  issues: ImportIssue[];
  preamble?: ImportedPreamble;
}

/** Context every parser receives besides the decoded text. */
export interface ParseContext {
  /** Path relative to the import root, `/`-separated. */
  relPath: string;
  /** The file's modification time, used only as a documented last-resort date. */
  mtimeMs?: number;
}
