import type { EmbedderInfo } from './embedder';
import type { ModelErrorCode } from './errors';

export interface WorkerData {
  modelDir: string;
  threads?: number;
}

export type WorkerRequest = { type: 'embed'; id: number; texts: string[] } | { type: 'dispose' };

export interface SerialisedError {
  name: string;
  message: string;
  code?: ModelErrorCode;
  file?: string;
}

export type WorkerReply =
  | { type: 'ready'; info: EmbedderInfo }
  | { type: 'result'; id: number; count: number; buffer: ArrayBuffer }
  | { type: 'error'; id: number; error: SerialisedError }
  | { type: 'disposed' };
