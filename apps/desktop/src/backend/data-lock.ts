import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  kind: string;
  startedAt: string;
  url?: string;
}

const LOCK_NAME = 'folio.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who else has this data folder open as an app (serve or desktop), if anyone. */
export function readLiveLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_NAME), 'utf8')) as LockInfo;
    if (info.pid !== process.pid && alive(info.pid)) return info;
  } catch {
    // no lock, or unreadable: nobody we know of
  }
  return null;
}

/**
 * Marks the data folder as in use by this process, so `folio restore` can refuse to swap the database
 * under a running app. Several readers/writers are fine (SQLite WAL); replacing the file is not.
 */
export function writeLock(dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt'>): () => void {
  const file = path.join(dataDir, LOCK_NAME);
  const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info };
  try {
    fs.writeFileSync(file, JSON.stringify(mine));
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      if (current.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
