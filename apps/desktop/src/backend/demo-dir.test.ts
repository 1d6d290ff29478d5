import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeLock } from './data-lock';
import { DEMO_MARKER, createDemoDir, removeDemoDir, sweepStaleDemoDirs } from './demo-dir';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
function tmpRoot(): string {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-demo-dir-test-'));
  roots.push(r);
  return r;
}

/** A pid that has certainly exited: a child we ran to completion. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function markAsFrom(dir: string, pid: number, createdAt: Date): void {
  fs.writeFileSync(path.join(dir, DEMO_MARKER), JSON.stringify({ pid, createdAt: createdAt.toISOString() }));
}

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-06-10T12:00:00Z');

describe('demo folders', () => {
  it('creates a marked folio-demo-* folder and removes it again', () => {
    const root = tmpRoot();
    const dir = createDemoDir(root, now);
    expect(path.basename(dir)).toMatch(/^folio-demo-/);
    expect(JSON.parse(fs.readFileSync(path.join(dir, DEMO_MARKER), 'utf8'))).toEqual({
      pid: process.pid,
      createdAt: now.toISOString(),
    });
    fs.writeFileSync(path.join(dir, 'folio.db'), 'x');
    expect(removeDemoDir(dir)).toBe(true);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('removeDemoDir refuses a folder without the marker', () => {
    const root = tmpRoot();
    const dir = path.join(root, 'folio-demo-notours');
    fs.mkdirSync(dir);
    expect(removeDemoDir(dir)).toBe(false);
    expect(fs.existsSync(dir)).toBe(true);
  });

  it('sweeps only old, unused, marked demo folders', () => {
    const root = tmpRoot();
    const gone = deadPid();
    const old = new Date(now.getTime() - 2 * DAY);

    const stale = createDemoDir(root);
    markAsFrom(stale, gone, old);
    fs.mkdirSync(path.join(stale, 'blobs'));

    const recent = createDemoDir(root);
    markAsFrom(recent, gone, new Date(now.getTime() - DAY / 2));

    const creatorAlive = createDemoDir(root);
    markAsFrom(creatorAlive, process.ppid, old);

    const locked = createDemoDir(root);
    markAsFrom(locked, gone, old);
    const lockFile = path.join(locked, 'folio.pid');
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, kind: 'serve', startedAt: old.toISOString() }));

    const unmarked = path.join(root, 'folio-demo-abc123');
    fs.mkdirSync(unmarked);
    const badMarker = path.join(root, 'folio-demo-bad');
    fs.mkdirSync(badMarker);
    fs.writeFileSync(path.join(badMarker, DEMO_MARKER), 'not json');
    const otherName = path.join(root, 'my-folio-demo-old');
    fs.mkdirSync(otherName);
    markAsFrom(otherName, gone, old);
    const aFile = path.join(root, 'folio-demo-file');
    fs.writeFileSync(aFile, 'keep');
    const target = path.join(root, 'precious');
    fs.mkdirSync(target);
    markAsFrom(target, gone, old);
    const link = path.join(root, 'folio-demo-link');
    fs.symlinkSync(target, link);

    expect(sweepStaleDemoDirs({ tmpRoot: root, now })).toEqual([stale]);
    for (const kept of [recent, creatorAlive, locked, unmarked, badMarker, otherName, aFile, target, link]) {
      expect(fs.existsSync(kept), kept).toBe(true);
    }
    expect(fs.existsSync(path.join(target, DEMO_MARKER))).toBe(true);
  });

  it('a folder whose lock is stale (its app exited) is swept', () => {
    const root = tmpRoot();
    const gone = deadPid();
    const dir = createDemoDir(root);
    markAsFrom(dir, gone, new Date(now.getTime() - 3 * DAY));
    const unlock = writeLock(dir, { kind: 'serve' });
    // This process holds the lock: in use.
    expect(sweepStaleDemoDirs({ tmpRoot: root, now })).toEqual([]);
    unlock();
    fs.writeFileSync(path.join(dir, 'folio.pid'), JSON.stringify({ pid: gone, kind: 'serve', startedAt: now.toISOString() }));
    expect(sweepStaleDemoDirs({ tmpRoot: root, now })).toEqual([dir]);
  });
});
