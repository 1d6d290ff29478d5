// Store open time and one API round trip over each transport (in-process dispatch, loopback HTTP).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, migrationsFolder, openStore } from '@folio/core';
import { startServer } from '../apps/desktop/src/serve/server';
import { ms, summarize } from './stats';

export async function run(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
  try {
    // Open: first (creates + migrates) and warm re-opens of an existing database.
    const file = path.join(dir, 'open', 'folio.db');
    let t0 = performance.now();
    await (await openStore({ file, migrationsFolder: migrationsFolder(), dailyBackup: false })).close();
    const firstOpen = performance.now() - t0;
    const reopen: number[] = [];
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      const s = await openStore({ file, migrationsFolder: migrationsFolder(), dailyBackup: false });
      reopen.push(performance.now() - t0);
      await s.close();
    }

    const core = await createCore({ dataDir: path.join(dir, 'core'), migrationsFolder: migrationsFolder(), appVersion: 'bench' });
    const inproc: number[] = [];
    for (let i = 0; i < 2000; i++) {
      t0 = performance.now();
      await core.dispatch('system:ping', { echo: 'x' });
      if (i >= 100) inproc.push(performance.now() - t0);
    }
    const server = await startServer({ dispatch: core.dispatch, events: core.events, blobs: core.context.blobs });
    const http: number[] = [];
    const url = `http://127.0.0.1:${server.port}/api/call/system:ping`;
    for (let i = 0; i < 600; i++) {
      t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        body: '{"echo":"x"}',
        headers: { Authorization: `Bearer ${server.token}` },
      });
      await res.json();
      if (i >= 100) http.push(performance.now() - t0);
    }
    await server.close();
    await core.close();
    const o = summarize(reopen);
    const a = summarize(inproc);
    const h = summarize(http);
    return {
      'store first open (create + migrate), ms': ms(firstOpen),
      'store re-open p50, ms': ms(o.p50),
      'store re-open p95, ms': ms(o.p95),
      'round trip in-process p50, ms': ms(a.p50),
      'round trip in-process p95, ms': ms(a.p95),
      'round trip HTTP p50, ms': ms(h.p50),
      'round trip HTTP p95, ms': ms(h.p95),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
