// Search with the real ONNX sentence embedder (resources/models, built by `npm run build -w @folio/ml`),
// wired the way the app wires it; and with a missing or corrupt model.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCore,
  FolioError,
  migrationsFolder,
  type Core,
  type RelatedDto,
  type SearchIndexStatusDto,
  type SearchResultsDto,
} from '@folio/core';
import { EMBEDDER_FILES } from '@folio/ml';
import { createBackend, type Backend } from './create-backend';
import { createLazyEmbedder } from './embedder';
import { resolveResources } from './resources';

const { modelsDir, appRoot } = resolveResources();
const hasModel = fs.existsSync(path.join(modelsDir, EMBEDDER_FILES.model));
if (!hasModel)
  console.warn(
    `[search-embedder.test] no embedding model in ${modelsDir}; skipping the real-model tests (npm run build -w @folio/ml)`,
  );

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-search-'));
  dirs.push(d);
  return d;
}

async function call<T>(core: Core, name: string, payload: unknown): Promise<T> {
  const r = await core.dispatch(name as never, payload as never);
  if (!r.ok) throw FolioError.from(r.error);
  return r.value as T;
}

const NOTES: [string, string][] = [
  [
    'Kernel tuning',
    'Spent the afternoon profiling the CUDA kernel. Shared memory bank conflicts were the bottleneck; padding the tile fixed it.',
  ],
  ['Sourdough', 'Fed the sourdough starter twice today. The loaf rose well and the crumb was open.'],
  ['Long run', 'Ran eighteen kilometres along the river at an easy pace, legs felt heavy near the end.'],
  ['中文笔记', '今天整理了申请材料，心情不错。'],
];

describe.skipIf(!hasModel)('search with the real embedding model', () => {
  it('indexes in the background, answers hybrid and vector queries, and finds related notes', async () => {
    const backend: Backend = await createBackend({ dataDir: tmp() });
    closers.push(() => backend.close());
    const ids: string[] = [];
    for (const [title, body] of NOTES)
      ids.push((await call<{ id: string }>(backend, 'journal:create', { kind: 'post', title, body, templateId: null })).id);
    const s = await call<SearchIndexStatusDto & { complete: boolean }>(backend, 'search:wait-index', {});
    expect(s.complete).toBe(true);
    expect(s.embedder.state).toBe('ready');
    expect(s.embedder.version).toMatch(/^folio-embedder@/);
    expect(s.chunks.pending).toBe(0);
    expect(s.chunks.empty).toBe(1); // the Chinese note: keyword search only
    const info = await call<{ models: { embedder: { state: string } } }>(backend, 'system:info', {});
    expect(info.models.embedder.state).toBe('ready');

    // A paraphrase sharing no word with the note.
    const vec = await call<SearchResultsDto>(backend, 'search:query', { q: 'baking bread at home', mode: 'vector' });
    expect(vec.results[0]!.title).toBe('Sourdough');
    const hybrid = await call<SearchResultsDto>(backend, 'search:query', { q: 'GPU performance debugging' });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.results[0]!.title).toBe('Kernel tuning');
    expect(hybrid.results[0]!.why.vector).toBeDefined();
    const zh = await call<SearchResultsDto>(backend, 'search:query', { q: '申请' });
    expect(zh.results.map((r) => r.title)).toEqual(['中文笔记']);

    const related = await call<RelatedDto>(backend, 'search:related', { kind: 'entry', id: ids[0] });
    expect(related.state).toBe('ok');
    expect(related.items.map((r) => r.id)).not.toContain(ids[0]);
  }, 60_000);
});

describe('search without a usable model', () => {
  async function coreWith(modelsDir: string): Promise<Core> {
    const embedder = createLazyEmbedder({ modelsDir, appRoot, workers: 1 });
    const core = await createCore({
      dataDir: tmp(),
      migrationsFolder: migrationsFolder(),
      appVersion: 'test',
      services: {
        embedder: () => embedder.get(),
        modelStatus: () => ({ embedder: embedder.status(), spam: { state: 'unavailable' } }),
        searchAutoStartMs: false,
      },
    });
    closers.push(async () => {
      await core.close();
      await embedder.close();
    });
    await call(core, 'journal:create', {
      kind: 'post',
      title: 'Papers',
      body: 'Reading papers about retrieval.',
      templateId: null,
    });
    return core;
  }

  it('a missing model: a clear message, keyword search still works', async () => {
    const core = await coreWith(path.join(tmp(), 'no-models-here'));
    const before = await call<{ models: { embedder: { state: string; message: string } } }>(core, 'system:info', {});
    expect(before.models.embedder).toMatchObject({ state: 'unavailable', message: expect.stringContaining('not installed') });
    const r = await call<SearchResultsDto>(core, 'search:query', { q: 'paper', mode: 'hybrid' });
    expect(r.mode).toBe('fts');
    expect(r.note).toMatch(/not installed/);
    expect(r.results.map((x) => x.title)).toEqual(['Papers']);
    const s = await call<SearchIndexStatusDto & { complete: boolean }>(core, 'search:wait-index', {});
    expect(s).toMatchObject({ complete: false, embedder: { state: 'unavailable' } });
  });

  it.skipIf(!hasModel)('a corrupt model file: a clear message, keyword search still works', async () => {
    const dir = tmp();
    for (const f of [EMBEDDER_FILES.manifest, EMBEDDER_FILES.vocab]) fs.copyFileSync(path.join(modelsDir, f), path.join(dir, f));
    const bytes = fs.readFileSync(path.join(modelsDir, EMBEDDER_FILES.model));
    fs.writeFileSync(path.join(dir, EMBEDDER_FILES.model), bytes.subarray(0, bytes.length >> 1));
    const core = await coreWith(dir);
    const r = await call<SearchResultsDto>(core, 'search:query', { q: 'papers', mode: 'vector' });
    expect(r.mode).toBe('fts');
    expect(r.note).toMatch(/damaged/);
    expect(r.results).toHaveLength(1);
    const info = await call<{ models: { embedder: { state: string; message: string } } }>(core, 'system:info', {});
    expect(info.models.embedder).toMatchObject({ state: 'unavailable', message: expect.stringContaining('damaged') });
  });
});
