import {
  IMPORT_MAX_NOTE_BYTES,
  isIgnoredImportPath,
  isImportNotePath,
  type FolioApi,
  type ImportFileInput,
} from '@folio/core/contract';

/** A file chosen for import: its path inside the chosen folder (folder name first) and the File itself. */
export interface PickedFile {
  relPath: string;
  file: File;
}

function normalize(relPath: string): string {
  return relPath.replace(/\\/g, '/').replace(/^\/+/, '');
}

/**
 * Files from an <input type=file> (with or without `webkitdirectory`): `webkitRelativePath` already starts
 * with the folder's name. Hidden and tool folders (.obsidian, .git, node_modules...) are left out, as the
 * server-side folder walk does.
 */
export function fromFileList(list: FileList | readonly File[]): PickedFile[] {
  const out: PickedFile[] = [];
  for (const file of Array.from(list)) {
    const relPath = normalize((file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name);
    if (!relPath || isIgnoredImportPath(relPath)) continue;
    out.push({ relPath, file });
  }
  return sortPicked(out);
}

function sortPicked(list: PickedFile[]): PickedFile[] {
  return list.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}

async function walkEntry(entry: EntryLike, out: PickedFile[]): Promise<void> {
  const rel = normalize(entry.fullPath || entry.name);
  if (isIgnoredImportPath(rel)) return;
  if (entry.isFile && entry.file) {
    const file = await new Promise<File>((ok, fail) => entry.file!(ok, fail));
    out.push({ relPath: rel, file });
    return;
  }
  if (entry.isDirectory && entry.createReader) {
    const reader = entry.createReader();
    // readEntries answers in batches (100 in Chromium) until it answers nothing.
    for (;;) {
      const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
      if (batch.length === 0) break;
      for (const child of batch) await walkEntry(child, out);
    }
  }
}

/** Files and folders dropped on the page (folders are walked; their paths start with the folder's name). */
export async function fromDataTransfer(dt: DataTransfer): Promise<PickedFile[]> {
  const items = Array.from(dt.items ?? []);
  const entries = items
    .map((i) => (i.kind === 'file' && 'webkitGetAsEntry' in i ? (i.webkitGetAsEntry() as EntryLike | null) : null))
    .filter((e): e is EntryLike => !!e);
  if (entries.length === 0) return fromFileList(dt.files);
  const out: PickedFile[] = [];
  for (const e of entries) await walkEntry(e, out);
  return sortPicked(out);
}

export interface UploadProgress {
  done: number;
  total: number;
}

/** Runs `work` over `items`, `limit` at a time, in order of start. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}

/**
 * What the server needs for a preview: notes uploaded (their bytes are parsed), every other file
 * described by name and size only — attachments are uploaded later, only those the notes use.
 */
export async function uploadNotes(
  api: FolioApi,
  picked: readonly PickedFile[],
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ImportFileInput[]> {
  const files: ImportFileInput[] = picked.map((p) => ({ relPath: p.relPath, size: p.file.size, mtimeMs: p.file.lastModified }));
  const notes = picked
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => isImportNotePath(p.relPath) && p.file.size <= IMPORT_MAX_NOTE_BYTES);
  let done = 0;
  onProgress({ done, total: notes.length });
  await pool(notes, 4, async ({ p, i }) => {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const blob = await api.upload(p.file);
    files[i] = { ...files[i]!, sha256: blob.sha256 };
    onProgress({ done: ++done, total: notes.length });
  });
  return files;
}

/** Uploads the attachments a plan needs and returns the file list with their blob ids. */
export async function uploadAttachments(
  api: FolioApi,
  picked: readonly PickedFile[],
  files: readonly ImportFileInput[],
  needed: readonly string[],
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ImportFileInput[]> {
  const want = new Set(needed);
  const out = [...files];
  const todo = picked.map((p, i) => ({ p, i })).filter(({ p, i }) => want.has(p.relPath) && !out[i]!.sha256);
  let done = 0;
  onProgress({ done, total: todo.length });
  await pool(todo, 3, async ({ p, i }) => {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const blob = await api.upload(p.file);
    out[i] = { ...out[i]!, sha256: blob.sha256 };
    onProgress({ done: ++done, total: todo.length });
  });
  return out;
}

/** "vault (412 files)" / "3 files" for the chosen set. */
export function describePicked(picked: readonly PickedFile[]): string {
  const roots = new Set(picked.map((p) => (p.relPath.includes('/') ? p.relPath.slice(0, p.relPath.indexOf('/')) : '')));
  const n = picked.length;
  const files = `${n.toLocaleString()} file${n === 1 ? '' : 's'}`;
  const folders = [...roots].filter(Boolean);
  return folders.length === 1 && !roots.has('') ? `${folders[0]} (${files})` : files;
}
