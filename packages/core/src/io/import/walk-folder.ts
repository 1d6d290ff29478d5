// Walking an import folder: skip tool folders and hidden files, never follow a symlink out of
// the folder (or around in a loop), read lazily so thousands of files do not sit in memory.
import fs from 'node:fs';
import path from 'node:path';
import { classifyByName } from './detect-format';
import { planImport, DEFAULT_MAX_NOTE_BYTES, type ImportFile, type PlanOptions } from './plan-import';
import type { ImportIssue, ImportPlan } from './types';

export const DEFAULT_IGNORE = ['.obsidian', '.git', 'node_modules', '.trash', '.Trash', '.DS_Store', 'Thumbs.db', 'desktop.ini', '.stversions', '.stfolder'];

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

/** List the files of an import folder (sorted, `/`-separated relative paths). */
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
    return { root, files, issues: [{ path: dir, reason: `cannot open folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' }] };
  }
  const visited = new Set<string>([rootReal]);
  let truncated = false;

  const visit = (abs: string, rel: string, depth: number): void => {
    let names: string[];
    try {
      names = fs.readdirSync(abs).sort();
    } catch (e) {
      issues.push({ path: rel || '.', reason: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' });
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
        issues.push({ path: childRel, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' });
        continue;
      }
      if (st.isSymbolicLink()) {
        let real: string;
        try {
          real = fs.realpathSync(childAbs);
          st = fs.statSync(real);
        } catch {
          issues.push({ path: childRel, reason: 'broken symbolic link', severity: 'skipped' });
          continue;
        }
        if (!isInside(real, rootReal)) {
          issues.push({ path: childRel, reason: 'symbolic link points outside the import folder; not followed', severity: 'skipped' });
          continue;
        }
        if (st.isDirectory()) {
          if (visited.has(real)) {
            issues.push({ path: childRel, reason: 'symbolic link to a folder already imported; not followed again', severity: 'skipped' });
            continue;
          }
          visited.add(real);
        }
      } else if (st.isDirectory()) {
        let real = childAbs;
        try {
          real = fs.realpathSync(childAbs);
        } catch {}
        if (visited.has(real)) continue;
        visited.add(real);
      }
      if (st.isDirectory()) {
        if (depth >= maxDepth) {
          issues.push({ path: childRel, reason: `folder nested deeper than ${maxDepth} levels; skipped`, severity: 'skipped' });
          continue;
        }
        visit(childAbs, childRel, depth + 1);
      } else if (st.isFile()) {
        if (files.length >= maxFiles) {
          truncated = true;
          issues.push({ path: childRel, reason: `more than ${maxFiles} files; the rest of the folder was not read`, severity: 'error' });
          return;
        }
        files.push({ relPath: childRel, absPath: childAbs, size: st.size, mtimeMs: st.mtimeMs });
      } else {
        issues.push({ path: childRel, reason: 'not a regular file (device, socket or pipe)', severity: 'skipped' });
      }
    }
  };
  visit(root, '', 0);
  return { root, files, issues };
}

/**
 * Lazily read walked files for `planImport`: notes are read (unless over the size limit, which
 * planImport reports without the bytes), attachments are passed by size only.
 */
export function* readWalkedFiles(walk: WalkResult, maxNoteBytes = DEFAULT_MAX_NOTE_BYTES, onError?: (issue: ImportIssue) => void): Generator<ImportFile> {
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
      onError?.({ path: f.relPath, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' });
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
      walk = { root: path.dirname(abs), files: [{ relPath: path.basename(abs), absPath: abs, size: st.size, mtimeMs: st.mtimeMs }], issues: [] };
    } else walk = walkImportFolder(abs, options);
  } catch (e) {
    walk = { root: abs, files: [], issues: [{ path: target, reason: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: 'error' }] };
  }
  const readIssues: ImportIssue[] = [];
  const plan = planImport(readWalkedFiles(walk, options.maxNoteBytes ?? DEFAULT_MAX_NOTE_BYTES, (i) => readIssues.push(i)), {
    ...options,
    priorIssues: [...(options.priorIssues ?? []), ...walk.issues],
  });
  plan.issues.push(...readIssues);
  plan.counts.files += readIssues.length;
  plan.counts.skippedFiles += readIssues.length;
  return { ...plan, root: walk.root };
}
