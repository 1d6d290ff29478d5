import type { Events } from '../contract';
import type { Store } from '../db/client';
import type { BlobStore } from '../system/blobs';
import type { EventBus } from './events';
import type { Services } from './services';

/**
 * What every domain's handlers receive.
 */
export interface CoreContext {
  readonly store: Store;
  readonly dataDir: string;
  readonly migrationsFolder: string;
  readonly blobs: BlobStore;
  readonly events: EventBus<Events>;
  readonly services: Services;
  readonly appVersion: string;
  readonly demo: boolean;
  now(): Date;
  /** Runs before the store closes (restore, shutdown): domains stop their background work here. */
  onClose(fn: () => Promise<void> | void): void;
}
