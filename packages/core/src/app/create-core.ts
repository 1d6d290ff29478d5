import path from 'node:path';
import type { Events, Handlers } from '../contract';
import { createComments } from '../comments';
import { openStore, type Store } from '../db/client';
import { createIoHandlers } from '../io';
import { createJournalHandlers } from '../journal';
import { createPapersHandlers } from '../papers';
import { createSearch } from '../search';
import { createStampsHandlers } from '../stamps';
import { createSystemHandlers } from '../system/handlers';
import { BlobStore } from '../system/blobs';
import { readSetting } from '../system/settings';
import { createTrackingHandlers } from '../tracking';
import type { CoreContext } from './context';
import { createDispatcher, type Dispatch } from './dispatch';
import { EventBus } from './events';
import type { Services } from './services';

export interface CoreOptions {
  /** The data folder: `folio.db`, `backups/`, `blobs/` live here. */
  dataDir: string;
  /** Folder of the shipped migrations (packages/core/drizzle, or its copy in a packaged app). */
  migrationsFolder: string;
  appVersion: string;
  services?: Services;
  demo?: boolean;
  now?: () => Date;
}

export interface Core {
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly events: EventBus<Events>;
  readonly context: CoreContext;
  close(): Promise<void>;
}

export const DB_FILE_NAME = 'folio.db';

/** Opens the data folder and builds the one handler object every transport dispatches to. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(opts.dataDir);
  const file = path.join(dataDir, DB_FILE_NAME);
  const now = opts.now ?? (() => new Date());
  let store: Store = await openStore({ file, migrationsFolder: opts.migrationsFolder, now });
  // The number of snapshots to keep is a setting; honour it from now on.
  const keep = readSetting(store.db, 'backups.keep');
  if (keep !== 10) {
    await store.close();
    store = await openStore({ file, migrationsFolder: opts.migrationsFolder, keepBackups: keep, dailyBackup: false, now });
  }
  const events = new EventBus<Events>();
  const closers: (() => Promise<void> | void)[] = [];
  const context: CoreContext = {
    get store() {
      return store;
    },
    dataDir,
    migrationsFolder: opts.migrationsFolder,
    blobs: new BlobStore(path.join(dataDir, 'blobs')),
    events,
    services: opts.services ?? {},
    appVersion: opts.appVersion,
    demo: opts.demo ?? false,
    now,
    onClose(fn) {
      closers.push(fn);
    },
  };

  const handlers: Handlers = {
    ...createSystemHandlers(context),
    ...createJournalHandlers(context),
    ...createPapersHandlers(context),
    ...createTrackingHandlers(context),
    ...createStampsHandlers(context),
    ...createComments(context).handlers,
    ...createSearch(context).handlers,
    ...createIoHandlers(context),
  } as Handlers;

  const dispatch = createDispatcher(handlers, {
    onInternalError: (name, err) => console.error(`[folio] ${name} failed:`, err),
  });

  return {
    handlers,
    dispatch,
    events,
    context,
    async close() {
      for (const fn of closers.splice(0)) await fn();
      await store.close();
    },
  };
}
