import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FolioError, type WorkerRunner } from '@folio/core';
import { resolveResources } from './resources';

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  onProgress?: (done: number, total: number) => void;
}

interface WorkerEntry {
  file: string;
  execArgv: string[];
  /** Source run through tsx (tests and scripts from the repository). */
  typescript?: boolean;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * Where the worker code lives: the bundle when it is built and current, else the TypeScript source run
 * through tsx (tests, `tsx` scripts). Callers can pass their own (a packaged app).
 */
function defaultEntry(): WorkerEntry {
  const res = resolveResources();
  const bundled = path.join(res.appRoot, 'dist', 'workers', 'jobs.mjs');
  const source = path.join(res.appRoot, 'src', 'backend', 'worker-entry.ts');
  const fresh =
    fs.existsSync(bundled) &&
    (!fs.existsSync(source) || fs.statSync(bundled).mtimeMs >= newestSource(path.dirname(path.dirname(source))));
  if (fresh || !fs.existsSync(source)) return { file: bundled, execArgv: [] };
  return { file: source, execArgv: [], typescript: true };
}

/** A worker that registers tsx's loader first, then imports the TypeScript entry. */
function tsWorker(file: string): Worker {
  // The ESM build of tsx's API (require.resolve finds the CommonJS one beside it).
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return new Worker(code, { eval: true });
}

function newestSource(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

/**
 * A small pool of worker threads (one per core, at most `size`) for CPU-heavy jobs. Jobs go to the least
 * busy worker; a crashed worker fails its jobs with a clear error and is replaced.
 */
export function createWorkerPool(opts: { size?: number; entry?: WorkerEntry } = {}): WorkerRunner & { close(): Promise<void> } {
  const entry = opts.entry ?? defaultEntry();
  const size = Math.max(1, Math.min(opts.size ?? 2, os.availableParallelism?.() ?? os.cpus().length));
  const slots: Slot[] = [];
  const pending = new Map<number, Pending & { slot: Slot }>();
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const worker = entry.typescript ? tsWorker(entry.file) : new Worker(entry.file, { execArgv: entry.execArgv });
    const slot: Slot = { worker, busy: 0 };
    worker.on(
      'message',
      (msg: {
        id: number;
        type: string;
        done?: number;
        total?: number;
        result?: unknown;
        error?: { code: string; message: string };
      }) => {
        const p = pending.get(msg.id);
        if (!p) return;
        if (msg.type === 'progress') p.onProgress?.(msg.done ?? 0, msg.total ?? 0);
        else {
          pending.delete(msg.id);
          slot.busy--;
          if (msg.type === 'done') p.resolve(msg.result);
          else p.reject(new FolioError((msg.error?.code as never) ?? 'internal', msg.error?.message ?? 'Worker job failed'));
        }
      },
    );
    const fail = (why: string) => {
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.reject(new FolioError('internal', `A background worker stopped (${why}).`));
      }
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => {
      if (!closed) fail(`exit ${code}`);
    });
    worker.unref();
    slots.push(slot);
    return slot;
  };

  return {
    run<T>(job: string, payload: unknown, onProgress?: (done: number, total: number) => void): Promise<T> {
      if (closed) return Promise.reject(new FolioError('cancelled', 'The worker pool is closed.'));
      let slot = slots.reduce<Slot | undefined>((best, s) => (!best || s.busy < best.busy ? s : best), undefined);
      if (!slot || (slot.busy > 0 && slots.length < size)) slot = spawn();
      const id = nextId++;
      slot.busy++;
      slot.worker.ref();
      return new Promise<T>((resolve, reject) => {
        pending.set(id, {
          resolve: (v) => {
            if (slot.busy === 0) slot.worker.unref();
            resolve(v as T);
          },
          reject: (e) => {
            if (slot.busy === 0) slot.worker.unref();
            reject(e);
          },
          onProgress,
          slot,
        });
        slot.worker.postMessage({ id, job, payload });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
