import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core, type Services } from '@folio/core';
import { createLazyEmbedder } from './embedder';
import { resolveResources } from './resources';
import { createLazySpam } from './spam-service';
import { createWorkerPool } from './workers';

export interface BackendOptions {
  dataDir: string;
  demo?: boolean;
}

export interface Backend extends Core {
  readonly dataDir: string;
}

/**
 * The one place that joins core with the ML package and the app's resources. Every transport (Electron's
 * utility process, serve mode, the CLI) builds its backend here, so they all run the same handlers.
 */
/**
 * A long-running backend (serve mode, Electron's backend process) keeps answering when a background job
 * fails unexpectedly: the error is logged with its stack instead of taking every open window down.
 */
export function keepRunningOnUnexpectedErrors(log: (msg: string) => void = (m) => console.error(m)): void {
  process.on('uncaughtException', (err) => log(`[folio] unexpected error (Folio keeps running): ${err?.stack ?? err}`));
  process.on('unhandledRejection', (err) =>
    log(`[folio] unhandled rejection (Folio keeps running): ${(err as Error)?.stack ?? err}`),
  );
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const res = resolveResources();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const workers = createWorkerPool({ size: 2 });
  const embedder = createLazyEmbedder({ modelsDir: res.modelsDir, appRoot: res.appRoot });
  const spam = createLazySpam({ modelsDir: res.modelsDir, dataDir: opts.dataDir, appRoot: res.appRoot });
  const services: Services = {
    workers,
    embedder: () => embedder.get(),
    spam: () => spam.get(),
    modelStatus: () => ({ embedder: embedder.status(), spam: spam.status() }),
  };
  const core = await createCore({
    dataDir: opts.dataDir,
    migrationsFolder: res.migrations,
    appVersion: res.version,
    services,
    demo: opts.demo ?? false,
  });
  core.context.onClose(() => workers.close());
  core.context.onClose(() => embedder.close());
  core.context.onClose(() => spam.close());
  return Object.assign(core, { dataDir: path.resolve(opts.dataDir) });
}
