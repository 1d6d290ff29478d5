import type { CallResult } from '@folio/core/contract';

/** Messages between Electron's main process and the backend utility process. */
export type ToBackend =
  | { type: 'call'; id: number; name: string; payload: unknown }
  | { type: 'upload'; id: number; bytes: Uint8Array }
  | { type: 'shutdown' };

export type FromBackend =
  | { type: 'ready'; dataDir: string }
  | { type: 'fatal'; error: { code: string; message: string } }
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; name: string; payload: unknown };
