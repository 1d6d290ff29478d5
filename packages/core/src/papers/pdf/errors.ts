import { FolioError } from '../../contract/errors';

/** Why a file could not be read as a PDF. */
export type PdfErrorCode = 'not_pdf' | 'corrupt' | 'truncated' | 'encrypted' | 'empty';

/**
 * A file that is not a usable PDF. The message always names the file, so it can be shown as is
 * (CLI, toast, import report). Crossing a process boundary, use `toFolioError()`.
 */
export class PdfError extends Error {
  override readonly name = 'PdfError';
  readonly code: PdfErrorCode;
  readonly fileName: string;

  constructor(code: PdfErrorCode, fileName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.fileName = fileName;
  }

  /** The contract's error: `invalid_file`, with the precise reason in `details.reason`. */
  toFolioError(): FolioError {
    return new FolioError('invalid_file', this.message, { reason: this.code, file: this.fileName });
  }
}

export function isPdfError(err: unknown): err is PdfError {
  return err instanceof PdfError;
}

/** Thrown when an AbortSignal passed to the extractor fires. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('PDF extraction was cancelled');
  err.name = 'AbortError';
  return err;
}
