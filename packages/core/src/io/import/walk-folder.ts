// Walking an import folder: skip tool folders and hidden files, never follow a symlink out of
// the folder (or around in a loop), read lazily so thousands of files do not sit in memory.
import fs from 'node:fs';
import path from 'node:path';
import { classifyByName } from './detect-format';
import { planImport, DEFAULT_MAX_NOTE_BYTES, type ImportFile, type PlanOptions } from './plan-import';
import type { ImportIssue, ImportPlan } from './types';

export const DEFAULT_IGNORE = [
  '.obsidian',
  '.git',
  'node_modules',
  '.trash',
  '.Trash',
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '.stversions',
  '.stfolder',
];

export interface WalkOptions {
  /** Names (files or folders) to skip anywhere in the tree; default DEFAULT_IGNORE. */
  ignore?: readonly string[];
  /** Also walk names starting with a dot (default false, like Obsidian). */
  includeHidden?: boolean;
  /** Stop after this many files (default 100 000) and report it. */
  maxFiles?: number;
  maxDepth?: number;
}

export interface WalkedFile {
  relPath: string;
  absPath: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  root: string;
  files: WalkedFile[];
  issues: ImportIssue[];
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * List the files of an import folder (sorted, `/`-separated relative paths). Real files and
 * folders are walked first; symbolic links are followed afterwards, only when they stay inside
 * the folder and lead somewhere not already listed (so a link never duplicates a note and a
 * link loop ends).
 */
export function walkImportFolder(dir: string, options: WalkOptions = {}): WalkResult {
  const ignore = new Set(options.ignore ?? DEFAULT_IGNORE);
  const maxFiles = options.maxFiles ?? 100_000;
  const maxDepth = options.maxDepth ?? 64;
  const root = path.resolve(dir);
  const issues: ImportIssue[] = [];
  const files: WalkedFile[] = [];
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(root);
  } catch (e) {
    return { root, files, issues: [{ path: dir, reason: `cannot open folder: ${errCode(e)}`, severity: 'error' }] };
  }
  const seen = new Set<string>(); // dev:ino of every folder walked and file listed
  const links: Array<{ abs: string; rel: string; depth: number }> = [];
  let truncated = false;
  const idOf = (st: fs.Stats) => `${st.dev}:${st.ino}`;

  const addFile = (abs: string, rel: string, st: fs.Stats): void => {
    if (files.length >= maxFiles) {
      if (!truncated)
        issues.push({ path: rel, reason: `more than ${maxFiles} files; the rest of the folder was not read`, severity: 'error' });
      truncated = true;
      return;
    }
    seen.add(idOf(st));
    files.push({ relPath: rel, absPath: abs, size: st.size, mtimeMs: st.mtimeMs });
  };

  const visit = (abs: string, rel: string, depth: number): void => {
    let names: string[];
    try {
      names = fs.readdirSync(abs).sort();
    } catch (e) {
      issues.push({ path: rel || '.', reason: `cannot read folder: ${errCode(e)}`, severity: 'error' });
      return;
    }
    for (const name of names) {
      if (truncated) return;
      if (ignore.has(name) || (!options.includeHidden && name.startsWith('.'))) continue;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let st: fs.Stats;
      try {
        st = fs.lstatSync(childAbs);
      } catch (e) {
        issues.push({ path: childRel, reason: `cannot read: ${errCode(e)}`, severity: 'error' });
        continue;
      }
      if (st.isSymbolicLink()) links.push({ abs: childAbs, rel: childRel, depth });
      else if (st.isDirectory()) enterDir(childAbs, childRel, depth, st);
      else if (st.isFile()) addFile(childAbs, childRel, st);
      else issues.push({ path: childRel, reason: 'not a regular file (device, socket or pipe)', severity: 'skipped' });
    }
  };

  const enterDir = (abs: string, rel: string, depth: number, st: fs.Stats): void => {
    if (seen.has(idOf(st))) return;
    seen.add(idOf(st));
    if (depth >= maxDepth) {
      issues.push({ path: rel, reason: `folder nested deeper than ${maxDepth} levels; skipped`, severity: 'skipped' });
      return;
    }
    visit(abs, rel, depth + 1);
  };

  try {
    seen.add(idOf(fs.statSync(rootReal)));
  } catch {}
  visit(root, '', 0);
  // Symbolic links last, in the order found (links found inside linked folders are appended).
  for (let i = 0; i < links.length && !truncated; i++) {
    const link = links[i]!;
    let real: string;
    let st: fs.Stats;
    try {
      real = fs.realpathSync(link.abs);
      st = fs.statSync(real);
    } catch {
      issues.push({ path: link.rel, reason: 'broken symbolic link', severity: 'skipped' });
      continue;
    }
    if (!isInside(real, rootReal)) {
      issues.push({
        path: link.rel,
        reason: 'symbolic link points outside the import folder; not followed',
        severity: 'skipped',
      });
      continue;
    }
    if (seen.has(idOf(st))) {
      issues.push({ path: link.rel, reason: 'symbolic link to something already imported; not followed', severity: 'skipped' });
      continue;
    }
    if (st.isDirectory()) enterDir(link.abs, link.rel, link.depth, st);
    else if (st.isFile()) addFile(link.abs, link.rel, st);
  }
  files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return { root, files, issues };
}

function errCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * Lazily read walked files for `planImport`: notes are read (unless over the size limit, which
 * planImport reports without the bytes), attachments are passed by size only.
 */
export function* readWalkedFiles(
  walk: WalkResult,
  maxNoteBytes = DEFAULT_MAX_NOTE_BYTES,
  onError?: (issue: ImportIssue) => void,
): Generator<ImportFile> {
  for (const f of walk.files) {
    const cls = classifyByName(f.relPath);
    if (cls === 'attachment' || cls === 'unsupported' || f.size > maxNoteBytes) {
      yield { relPath: f.relPath, size: f.size, mtimeMs: f.mtimeMs };
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(f.absPath);
    } catch (e) {
      onError?.({
        path: f.relPath,
        reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        severity: 'error',
      });
      continue;
    }
    yield { relPath: f.relPath, bytes, mtimeMs: f.mtimeMs };
  }
}

/** Walk a folder (or take a single file) and plan its import. Paths in the plan are relative to `root`. */
export function planImportFromPath(target: string, options: PlanOptions & WalkOptions = {}): ImportPlan & { root: string } {
  const abs = path.resolve(target);
  let walk: WalkResult;
  try {
    const st = fs.statSync(abs);
    if (st.isFile()) {
      walk = {
        root: path.dirname(abs),
        files: [{ relPath: path.basename(abs), absPath: abs, size: st.size, mtimeMs: st.mtimeMs }],
        issues: [],
      };
    } else walk = walkImportFolder(abs, options);
  } catch (e) {
    walk = {
      root: abs,
      files: [],
      issues: [
        { path: target, reason: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' },
      ],
    };
  }
  const readIssues: ImportIssue[] = [];
  const plan = planImport(
    readWalkedFiles(walk, options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES, (i) => readIssues.push(i)),
    {
      ...options,
      priorIssues: [...(options.priorIssues ?? []), ...walk.issues],
    },
  );
  plan.issues.push(...readIssues);
  plan.counts.files += readIssues.length;
  plan.counts.skippedFiles += readIssues.length;
  return { ...plan, root: walk.root };
}
