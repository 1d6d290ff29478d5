import { FolioError } from '../contract/errors';
import type { SqlResultDto } from '../contract/system';
import { openReadOnly } from '../db/client';
import { toStoreError } from '../db/errors';

/**
 * Runs one query on a separate read-only connection (`query_only` on a read-only handle): a write is
 * refused by SQLite itself, not by parsing the text. Statements that return no rows are refused before
 * they run so the message is clear.
 */
export function runReadOnlySql(file: string, sql: string, params: (string | number | null)[], limit: number): SqlResultDto {
  const ro = openReadOnly(file);
  try {
    let stmt;
    try {
      stmt = ro.sqlite.prepare(sql);
    } catch (err) {
      const msg = (err as Error).message;
      if (/more than one statement/i.test(msg)) {
        throw new FolioError('bad_request', 'folio sql runs one statement at a time.');
      }
      if (/readonly|read-only/i.test(msg)) throw new FolioError('read_only', `folio sql is read-only: ${msg}`);
      throw new FolioError('bad_request', `SQL error: ${msg}`);
    }
    if (!stmt.reader) {
      throw new FolioError(
        'read_only',
        'folio sql is read-only: only queries that return rows (SELECT, WITH, read-only PRAGMA) are allowed. Nothing was changed.',
      );
    }
    const columns = stmt.columns().map((c) => c.name);
    const rows: unknown[][] = [];
    let truncated = false;
    try {
      for (const row of stmt.raw(true).iterate(...params) as Iterable<unknown[]>) {
        if (rows.length >= limit) {
          truncated = true;
          break;
        }
        rows.push(row.map((v) => (Buffer.isBuffer(v) ? `<blob ${v.length} bytes>` : typeof v === 'bigint' ? Number(v) : v)));
      }
    } catch (err) {
      const e = err as { code?: string; message: string };
      if (e.code?.startsWith('SQLITE_READONLY') || /readonly|read-only|query_only/i.test(e.message)) {
        throw new FolioError('read_only', `folio sql is read-only: ${e.message}. Nothing was changed.`);
      }
      if (e.code === 'SQLITE_ERROR') throw new FolioError('bad_request', `SQL error: ${e.message}`);
      throw toStoreError(err, file);
    }
    return { columns, rows, truncated };
  } finally {
    ro.close();
  }
}
