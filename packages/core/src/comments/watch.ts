/**
 * Watched comment files: re-imported when they change. The folder is watched (not the file: exports
 * are often written to a temporary name and renamed over it), changes are debounced, and a slow poll
 * backs fs.watch up where it is unreliable (network drives, some editors). A change is imported only
 * when the file's modification time or size differ from what was last imported successfully.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface WatchedSource {
  id: string;
  path: string;
  lastMtimeMs: number | null;
  lastSize: number | null;
}

export interface WatchOptions {
  /** Quiet time after the last change event before importing (default 400 ms). */
  debounceMs?: number;
  /** Poll interval backing fs.watch up (default 5 s). */
  pollMs?: number;
}

interface Entry {
  file: string;
  watcher: fs.FSWatcher | null;
  poll: ReturnType<typeof setInterval>;
  debounce: ReturnType<typeof setTimeout> | null;
  running: Promise<void> | null;
  again: boolean;
}

export class SourceWatcher {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(
    /** The source as stored now (null when it was removed). */
    private readonly current: (id: string) => WatchedSource | null,
    /** Imports the file; `stat` is what the file looked like just before reading. */
    private readonly onChange: (id: string, stat: { mtimeMs: number; size: number }) => Promise<void>,
    /** The file vanished or could not be read (reported once per state change). */
    private readonly onMissing: (id: string, message: string) => void,
    private readonly opts: WatchOptions = {},
  ) {}

  isWatching(id: string): boolean {
    return this.entries.has(id);
  }

  start(id: string, file: string): void {
    if (this.closed) return;
    this.stop(id);
    const entry: Entry = {
      file,
      watcher: null,
      poll: setInterval(() => this.check(id), this.opts.pollMs ?? 5000),
      debounce: null,
      running: null,
      again: false,
    };
    entry.poll.unref?.();
    try {
      const base = path.basename(file);
      entry.watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (name === null || name.toString() === base) this.kick(id);
      });
      entry.watcher.on('error', () => {
        // The folder went away: the poll keeps checking.
        entry.watcher?.close();
        entry.watcher = null;
      });
    } catch {
      // No folder yet, or watching is not supported here: the poll covers it.
    }
    this.entries.set(id, entry);
  }

  stop(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.watcher?.close();
    clearInterval(e.poll);
    if (e.debounce) clearTimeout(e.debounce);
    this.entries.delete(id);
  }

  private kick(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (e.debounce) clearTimeout(e.debounce);
    e.debounce = setTimeout(() => {
      e.debounce = null;
      this.check(id);
    }, this.opts.debounceMs ?? 400);
    e.debounce.unref?.();
  }

  /** Imports when the file changed since the last successful import; resolves when done. */
  check(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e || this.closed) return Promise.resolve();
    if (e.running) {
      e.again = true;
      return e.running;
    }
    const run = (async () => {
      do {
        e.again = false;
        const source = this.current(id);
        if (!source) {
          this.stop(id);
          return;
        }
        let stat: fs.Stats;
        try {
          stat = await fs.promises.stat(source.path);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          this.onMissing(
            id,
            code === 'ENOENT'
              ? `${source.path} does not exist (any more); watching for it to come back.`
              : `Cannot read ${source.path}: ${(err as Error).message}`,
          );
          return;
        }
        if (!stat.isFile()) {
          this.onMissing(id, `${source.path} is not a file.`);
          return;
        }
        if (source.lastMtimeMs === stat.mtimeMs && source.lastSize === stat.size) continue;
        if (this.closed) return;
        await this.onChange(id, { mtimeMs: stat.mtimeMs, size: stat.size });
      } while (e.again && !this.closed);
    })();
    e.running = run;
    return run
      .catch((err) => console.error('[folio] watched comments file failed:', err))
      .finally(() => {
        if (e.running === run) e.running = null;
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.entries.values()].map((e) => e.running);
    for (const id of [...this.entries.keys()]) this.stop(id);
    await Promise.allSettled(running);
  }
}
