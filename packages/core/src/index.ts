// @folio/core: Folio's domain and SQLite store, for Node (the app's backend and the CLI).
export * from './contract';
export { createCore, DB_FILE_NAME, type Core, type CoreOptions } from './app/create-core';
export { createDispatcher, toErrorShape, type Dispatch } from './app/dispatch';
export { EventBus } from './app/events';
export type { CoreContext } from './app/context';
export type { EmbedderService, Services, SpamService, WorkerRunner } from './app/services';
export { openStore, openReadOnly, type Store, type StoreOptions, type Db } from './db/client';
export { listBackups, createSnapshot, pruneBackups, describeBackups } from './db/backup';
export { restoreDatabase, validateSnapshot } from './db/restore';
export { BlobStore, sniffMime } from './system/blobs';
export { runReadOnlySql } from './system/sql';
export { migrationsFolder } from './paths';
