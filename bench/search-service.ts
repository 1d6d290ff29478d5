/**
 * What the search benches share: a real core on a temporary data folder, with the real ONNX embedder
 * (resources/models) behind core's EmbedderService, the way apps/desktop wires it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCore,
  FolioError,
  migrationsFolder,
  type Core,
  type EmbedderService,
  type MethodName,
  type Payload,
  type Result,
} from '@folio/core';
import { createEmbedderWorker, type Embedder } from '@folio/ml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const modelsDir = path.join(repoRoot, 'resources', 'models');

export interface BenchCore {
  core: Core;
  dataDir: string;
  embedder: Embedder | null;
  /** Milliseconds the embedder took to load (worker start + model verification + session). */
  loadMs: number;
  call<K extends MethodName>(name: K, payload: Payload<K>): Promise<Result<K>>;
  close(): Promise<void>;
}

export async function openBenchCore(opts: { embed?: boolean; workers?: number; autoStart?: boolean } = {}): Promise<BenchCore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-search-'));
  let embedder: Embedder | null = null;
  let loadMs = 0;
  let service: EmbedderService | null = null;
  if (opts.embed !== false) {
    const t0 = performance.now();
    embedder = await createEmbedderWorker({ modelDir: modelsDir, workers: opts.workers ?? 2 });
    loadMs = performance.now() - t0;
    const e = embedder;
    service = { dim: e.dim, version: `${e.info.name}@${e.info.version}#${e.info.sha256.slice(0, 12)}`, embed: (t) => e.embed(t) };
  }
  const core = await createCore({
    dataDir,
    migrationsFolder: migrationsFolder(),
    appVersion: 'bench',
    services: { ...(service ? { embedder: async () => service } : {}), searchAutoStartMs: opts.autoStart ? 0 : false },
  });
  return {
    core,
    dataDir,
    embedder,
    loadMs,
    async call(name, payload) {
      const r = await core.dispatch(name, payload);
      if (!r.ok) throw FolioError.from(r.error);
      return r.value as never;
    },
    async close() {
      await core.close();
      await embedder?.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
