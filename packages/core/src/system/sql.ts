import { FolioError } from '../contract/errors';
import type { SqlResultDto } from '../contract/system';
import { openReadOnly } from '../db/client';
import { toStoreError } from '../db/errors';

/** PRAGMAs whose argument names what to read (a table, an index, a row limit), not a value to set. */
const READ_PRAGMAS_WITH_ARGUMENT = new Set([
  'table_info',
  'table_xinfo',
  'table_list',
  'index_info',
  'index_xinfo',
  'index_list',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
]);

/** PRAGMAs that change the database even without a value (checkpoint, vacuum, statistics). */
const WRITING_PRAGMAS = new Set(['wal_checkpoint', 'incremental_vacuum', 'optimize', 'analysis_limit', 'shrink_memory']);

function stripLeadingComments(sql: string): string {
  let rest = sql;
  for (;;) {
    const m = /^\s*(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (!m) return rest.trimStart();
    rest = rest.slice(m[0].length);
  }
}

/**
 * Names a PRAGMA that would set something (`PRAGMA journal_mode = DELETE`, `PRAGMA user_version(7)`)
 * or act on the file (`PRAGMA wal_checkpoint`). SQLite alone answers these confusingly on a read-only
 * handle ("database is locked", "disk I/O error", or a silent per-connection change), so they are
 * refused before they run. Returns null for reads such as `PRAGMA journal_mode` or `PRAGMA table_info(entries)`.
 */
export function pragmaWrite(sql: string): string | null {
  const m = /^PRAGMA\s+(?:(?:"[^"]*"|`[^`]*`|\[[^\]]*\]|\w+)\s*\.\s*)?("[^"]*"|\w+)\s*([=(])?/i.exec(stripLeadingComments(sql));
  if (!m) return null;
  const name = m[1]!.replace(/"/g, '').toLowerCase();
  if (WRITING_PRAGMAS.has(name)) return name;
  if (m[2] === '=') return name;
  if (m[2] === '(' && !READ_PRAGMAS_WITH_ARGUMENT.has(name)) return name;
  return null;
}

/**
 * Runs one query on a separate read-only connection (`query_only` on a read-only handle): a write is
 * refused by SQLite itself, not by parsing the text. Statements that return no rows are refused before
 * they run so the message is clear.
 */
export function runReadOnlySql(file: string, sql: string, params: (string | number | null)[], limit: number): SqlResultDto {
  const pragma = pragmaWrite(sql);
  if (pragma) {
    throw new FolioError(
      'read_only',
      WRITING_PRAGMAS.has(pragma)
        ? `folio sql is read-only: PRAGMA ${pragma} changes the database file, so it is refused. Nothing was changed.`
        : `folio sql is read-only: setting PRAGMA ${pragma} is refused. Read its value with \`PRAGMA ${pragma}\` (no value). Nothing was changed.`,
    );
  }
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
