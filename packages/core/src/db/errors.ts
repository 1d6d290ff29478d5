import { FolioError } from '../contract/errors';

/** Turns a better-sqlite3 / filesystem error into a Folio error a user can act on. */
export function toStoreError(err: unknown, file: string): FolioError {
  if (err instanceof FolioError) return err;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const msg = e?.message ?? String(err);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full/i.test(msg)) {
    return new FolioError('disk_full', `The disk holding ${file} is full: free some space, then try again.`);
  }
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  ) {
    return new FolioError('read_only', `Folio cannot write to ${file}: the file or its folder is read-only (${code || msg}).`);
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new FolioError('io_error', `Folio cannot open ${file}: check that the folder exists and is writable.`);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /file is not a database|malformed/i.test(msg)) {
    return new FolioError('db_corrupt', `${file} is not a readable Folio database (${msg}).`);
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new FolioError('db_locked', `${file} is busy: another Folio process holds a write lock. Try again in a moment.`);
  }
  return new FolioError('internal', msg);
}
