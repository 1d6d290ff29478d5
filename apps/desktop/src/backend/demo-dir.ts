import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Every demo notebook folder is `<tmp>/folio-demo-XXXXXX` holding this marker; nothing else is ever swept. */
export const DEMO_DIR_PREFIX = 'folio-demo-';
export const DEMO_MARKER = '.folio-demo';
const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoMarker {
  pid: number;
  createdAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readMarker(dir: string): DemoMarker | null {
  const file = path.join(dir, DEMO_MARKER);
  try {
    if (!fs.lstatSync(file).isFile()) return null;
    const m = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoMarker>;
    if (typeof m.pid !== 'number' || typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) return null;
    return { pid: m.pid, createdAt: m.createdAt };
  } catch {
    return null;
  }
}

/** Whether an app (serve or desktop, this process included) holds the folder's `folio.pid` lock. */
function lockedByLiveApp(dir: string): boolean {
  try {
    const { pid } = JSON.parse(fs.readFileSync(path.join(dir, 'folio.pid'), 'utf8')) as { pid?: unknown };
    return typeof pid === 'number' && (pid === process.pid || alive(pid));
  } catch {
    return false;
  }
}

/** Creates a fresh demo folder, marked as ours so a later sweep (and only it) may remove it. */
export function createDemoDir(tmpRoot: string = os.tmpdir(), now: Date = new Date()): string {
  const dir = fs.mkdtempSync(path.join(tmpRoot, DEMO_DIR_PREFIX));
  const marker: DemoMarker = { pid: process.pid, createdAt: now.toISOString() };
  fs.writeFileSync(path.join(dir, DEMO_MARKER), JSON.stringify(marker));
  return dir;
}

/** Removes a demo folder this process made; refuses anything without our marker. */
export function removeDemoDir(dir: string): boolean {
  if (!path.basename(dir).startsWith(DEMO_DIR_PREFIX) || !readMarker(dir)) return false;
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes demo folders left behind by earlier runs (killed, crashed, or quit before cleaning up): only
 * real directories named `folio-demo-*` that hold our marker, were made more than `maxAgeMs` ago, and
 * are not in use (their creator has exited and no app holds the folder's lock). Returns what was removed.
 */
export function sweepStaleDemoDirs(opts: { tmpRoot?: string; maxAgeMs?: number; now?: Date } = {}): string[] {
  const tmpRoot = opts.tmpRoot ?? os.tmpdir();
  const maxAgeMs = opts.maxAgeMs ?? DAY_MS;
  const now = (opts.now ?? new Date()).getTime();
  let names: string[];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(DEMO_DIR_PREFIX)) continue;
    const dir = path.join(tmpRoot, name);
    try {
      if (!fs.lstatSync(dir).isDirectory()) continue;
    } catch {
      continue;
    }
    const marker = readMarker(dir);
    if (!marker) continue;
    if (now - Date.parse(marker.createdAt) < maxAgeMs) continue;
    if (marker.pid === process.pid || alive(marker.pid) || lockedByLiveApp(dir)) continue;
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // someone else's permissions or a race with another sweep: leave it
    }
  }
  return removed;
}
