import type { FolioApi, PaperDto } from '@folio/core/contract';

export type AddFileState =
  | { name: string; state: 'waiting' | 'uploading' | 'checking' }
  | { name: string; state: 'added' | 'duplicate'; paper: PaperDto; message: string }
  | { name: string; state: 'failed'; message: string; code: string };

/**
 * Adds dropped or chosen files one after another: upload (content-addressed blob), then
 * `papers:add-blob`, which checks the file before the library changes. Reports each file's state.
 */
export async function addFiles(
  api: FolioApi,
  files: readonly File[],
  onUpdate: (states: AddFileState[]) => void,
  opts: { collectionId?: string } = {},
): Promise<AddFileState[]> {
  const states: AddFileState[] = files.map((f) => ({ name: f.name, state: 'waiting' }));
  const set = (i: number, s: AddFileState) => {
    states[i] = s;
    onUpdate([...states]);
  };
  onUpdate([...states]);
  for (const [i, file] of files.entries()) {
    try {
      set(i, { name: file.name, state: 'uploading' });
      const blob = await api.upload(file);
      set(i, { name: file.name, state: 'checking' });
      const r = await api.call('papers:add-blob', {
        sha256: blob.sha256,
        fileName: file.name,
        ...(opts.collectionId ? { collectionId: opts.collectionId } : {}),
      });
      set(i, { name: file.name, state: r.duplicate ? 'duplicate' : 'added', paper: r.paper, message: r.message });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      set(i, { name: file.name, state: 'failed', code: e.code ?? 'internal', message: e.message ?? String(err) });
    }
  }
  return states;
}

/** True while dragging something that carries files. */
export function hasFiles(e: { dataTransfer: DataTransfer | null }): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}
