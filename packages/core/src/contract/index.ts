/**
 * Folio's API contract: browser-safe (zod and types only). Every backend call is `domain:verb` with one
 * payload object, validated with zod at the boundary, answered with a DTO or a `{ code, message }` error.
 * Electron IPC, serve-mode HTTP and the CLI all dispatch to the same handler object.
 */
import { commentsContract, type CommentsEvents } from './comments';
import { ioContract, type IoEvents } from './io';
import { journalContract, type JournalEvents } from './journal';
import { papersContract, type PapersEvents } from './papers';
import type { CallResult, Disposable, HandlersOf, InputOf, OutputOf } from './rpc';
import { searchContract, type SearchEvents } from './search';
import { stampsContract, type StampsEvents } from './stamps';
import { systemContract, type SystemEvents } from './system';
import { trackingContract, type TrackingEvents } from './tracking';

export * from './errors';
export * from './rpc';
export * from './system';
export * from './journal';
export * from './papers';
export * from './tracking';
export * from './stamps';
export * from './comments';
export * from './search';
export * from './io';

export const contract = {
  ...systemContract,
  ...journalContract,
  ...papersContract,
  ...trackingContract,
  ...stampsContract,
  ...commentsContract,
  ...searchContract,
  ...ioContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type Handlers = HandlersOf<Contract>;
export type Payload<K extends MethodName> = InputOf<Contract[K]>;
export type Result<K extends MethodName> = OutputOf<Contract[K]>;

export type Events = SystemEvents &
  JournalEvents &
  PapersEvents &
  TrackingEvents &
  StampsEvents &
  CommentsEvents &
  SearchEvents &
  IoEvents;
export type EventName = keyof Events & string;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * The client every UI talks to. Implemented over Electron IPC (preload's `window.folio`) and over
 * serve-mode HTTP; the UI cannot tell which.
 */
export interface FolioApi {
  call<K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>>;
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): Disposable;
  /** URL the UI can put in <img src> / hand to pdf.js for a content-addressed blob. */
  blobUrl(sha256: string): string;
  /** Stores bytes content-addressed in the data folder (pasted images, dropped PDFs). */
  upload(data: Blob | ArrayBuffer | Uint8Array): Promise<UploadedBlob>;
  readonly transport: 'ipc' | 'http' | 'memory';
}

export interface UploadedBlob {
  sha256: string;
  sizeBytes: number;
  mime: string;
}

/** What crosses the wire: a call envelope and its answer. */
export interface CallEnvelope {
  name: string;
  payload: unknown;
}
export type CallAnswer = CallResult;
export interface EventEnvelope {
  name: string;
  payload: unknown;
}
