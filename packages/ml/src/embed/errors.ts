export type ModelErrorCode = 'model_missing' | 'model_corrupt';

/**
 * The embedding model cannot be used. The message is written for the app to show as is
 * ("semantic search unavailable: ..."); keyword search does not depend on the model and keeps working.
 * Crosses worker and IPC boundaries as { name: 'ModelError', code, message }.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }

  static isModelError(e: unknown): e is ModelError {
    return (
      e instanceof ModelError ||
      (typeof e === 'object' &&
        e !== null &&
        (e as { name?: unknown }).name === 'ModelError' &&
        ((e as { code?: unknown }).code === 'model_missing' || (e as { code?: unknown }).code === 'model_corrupt'))
    );
  }

  toJSON(): { name: 'ModelError'; code: ModelErrorCode; message: string; file?: string } {
    return { name: this.name, code: this.code, message: this.message, ...(this.file ? { file: this.file } : {}) };
  }
}
