// Writing a folder of files safely: names that work on every file system (Chinese titles included),
// each file written through a temporary file and a rename, and a marker listing what Folio wrote so a
// later run can remove its own stale files — and never anything else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FolioError } from '../contract/errors';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Truncates to at most `maxBytes` of UTF-8 without splitting a character. */
function clipBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * A file name (without extension) that is valid on Windows, macOS and Linux: no `/ \ : * ? " < > |`,
 * control characters or trailing dots/spaces, not a reserved device name, at most `maxBytes` of UTF-8
 * (file systems count bytes: 255 on most; leave room for " (2)" and the extension). Letters of every
 * script are kept.
 */
export function safeFileName(name: string, fallback = 'untitled', maxBytes = 150): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[/\\:*?"<>|]/g, ' ')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  s = clipBytes(s, maxBytes)
    .replace(/[. ]+$/, '')
    .replace(/^[. ]+/, '');
  if (!s) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** Hands out names unique within a folder, case-insensitively (macOS and Windows fold case): `a`, `a (2)`... */
export class NameAllocator {
  private readonly used = new Set<string>();

  take(dir: string, base: string, ext: string): string {
    let n = 1;
    for (;;) {
      const name = `${n === 1 ? base : `${base} (${n})`}${ext}`;
      const key = `${dir}/${name}`.normalize('NFC').toLowerCase();
      if (!this.used.has(key)) {
        this.used.add(key);
        return dir ? `${dir}/${name}` : name;
      }
      n++;
    }
  }
}

export function writeFileAtomic(abs: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw ioError(err, abs);
  }
}

export function ioError(err: unknown, where: string): FolioError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return new FolioError('disk_full', `The disk is full: could not write ${where}.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new FolioError('io_error', `No permission to write ${where}.`);
  return new FolioError('io_error', `Could not write ${where}: ${(err as Error).message}`);
}

interface Marker {
  tool: 'folio';
  kind: string;
  writtenAt: string;
  files: string[];
}

export interface OutputDir {
  root: string;
  /** Files the previous run of the same kind wrote (relative, validated to stay inside). */
  previous: Set<string>;
  write(rel: string, data: string | Uint8Array): void;
  /** Removes the previous run's files not written this time, writes the marker; returns how many were removed. */
  finish(now: Date): number;
  written: string[];
}

function sameContent(abs: string, data: string | Uint8Array): boolean {
  try {
    const st = fs.statSync(abs);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (!st.isFile() || st.size !== bytes.byteLength) return false;
    return fs.readFileSync(abs).equals(bytes);
  } catch {
    return false;
  }
}

function isInside(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || rel.includes('\0')) return false;
  const norm = path.posix.normalize(rel.replace(/\\/g, '/'));
  return !norm.startsWith('../') && norm !== '..' && !norm.startsWith('/');
}

/**
 * Opens (creating) an output folder. A folder that holds files Folio did not write (hidden files aside:
 * a `.git` folder is fine) is refused unless `force`; with `force` such files are never deleted, and
 * only same-named ones are overwritten.
 */
export function openOutputDir(dir: string, markerName: string, kind: string, force: boolean): OutputDir {
  const root = path.resolve(dir);
  try {
    fs.mkdirSync(root, { recursive: true });
  } catch (err) {
    throw ioError(err, root);
  }
  if (!fs.statSync(root).isDirectory())
    throw new FolioError('bad_request', `${root} is a file, not a folder.`, {
      issues: [{ path: 'dir', message: 'This is a file, not a folder' }],
    });
  const markerPath = path.join(root, markerName);
  let previous = new Set<string>();
  let hasMarker = false;
  try {
    const m = JSON.parse(fs.readFileSync(markerPath, 'utf8')) as Partial<Marker>;
    if (m.tool === 'folio' && m.kind === kind && Array.isArray(m.files)) {
      hasMarker = true;
      previous = new Set(m.files.filter((f): f is string => typeof f === 'string' && isInside(f)));
    }
  } catch {
    // no marker (or not ours): a fresh folder
  }
  if (!hasMarker && !force) {
    const visible = fs.readdirSync(root).filter((n) => !n.startsWith('.'));
    if (visible.length > 0) {
      throw new FolioError(
        'conflict',
        `${root} already holds files Folio did not write (${visible.slice(0, 3).join(', ')}${visible.length > 3 ? '…' : ''}). Choose an empty folder, or write into it anyway (nothing there is deleted; files with the same names are replaced).`,
        { issues: [{ path: 'dir', message: 'This folder already holds other files' }], dir: root },
      );
    }
  }
  const written: string[] = [];
  return {
    root,
    previous,
    written,
    write(rel, data) {
      if (!isInside(rel)) throw new FolioError('internal', `Refusing to write outside ${root}: ${rel}`);
      const abs = path.join(root, rel);
      // A file this folder already holds with the same bytes is left alone (re-export and re-publish are
      // mostly unchanged files; creating files is the slow part on many file systems).
      if (!sameContent(abs, data)) writeFileAtomic(abs, data);
      written.push(rel);
    },
    finish(now) {
      const keep = new Set(written);
      let removed = 0;
      const dirs = new Set<string>();
      for (const rel of previous) {
        if (keep.has(rel)) continue;
        try {
          fs.rmSync(path.join(root, rel), { force: true });
          removed++;
          dirs.add(path.dirname(rel));
        } catch {
          // a file we cannot remove stays; it is listed again next time
          keep.add(rel);
        }
      }
      // Folders emptied by the removals go too (deepest first).
      for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
        for (let cur = d; cur && cur !== '.'; cur = path.dirname(cur)) {
          try {
            fs.rmdirSync(path.join(root, cur));
          } catch {
            break;
          }
        }
      }
      const marker: Marker = { tool: 'folio', kind, writtenAt: now.toISOString(), files: [...keep].sort() };
      writeFileAtomic(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
      return removed;
    },
  };
}
