/**
 * Errors that cross a process boundary travel as plain `{ code, message }` objects (never stacks or
 * class instances), so IPC, HTTP and the CLI all show the same thing.
 */
export const ERROR_CODES = [
  'bad_request', // the payload failed validation; `details.issues` names the fields
  'unknown_method', // no such `domain:verb`
  'unauthorized', // serve mode: missing or wrong token
  'not_found',
  'conflict', // e.g. a duplicate, or an edit against a stale revision
  'read_only', // a write where only reads are allowed (folio sql, a read-only data folder)
  'disk_full',
  'db_corrupt', // the database file is not a readable SQLite database, or fails its integrity check
  'db_newer_schema', // written by a newer Folio: refused, never modified
  'db_drift', // applied migrations differ from the shipped ones
  'db_locked',
  'io_error', // a file could not be read or written
  'invalid_file', // a user-supplied file is not what it claims to be (corrupt PDF, bad CSV...)
  'model_unavailable', // an ML model is missing or corrupt; keyword features keep working
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `values.mood`. Empty for the payload as a whole. */
  path: string;
  message: string;
}

export interface FolioErrorShape {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

export class FolioError extends Error implements FolioErrorShape {
  override readonly name = 'FolioError';
  readonly code: ErrorCode;
  readonly details?: FolioErrorShape['details'];

  constructor(code: ErrorCode, message: string, details?: FolioErrorShape['details']) {
    super(message);
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toJSON(): FolioErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(shape: FolioErrorShape): FolioError {
    return new FolioError(shape.code, shape.message, shape.details);
  }
}

export function isFolioErrorShape(value: unknown): value is FolioErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Field-level issues of a failed call, keyed by path, for forms that show a message on the field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isFolioErrorShape(error)) return out;
  for (const issue of error.details?.issues ?? []) {
    if (!(issue.path in out)) out[issue.path] = issue.message;
  }
  return out;
}
