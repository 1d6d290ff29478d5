/**
 * Test helper (not exported from the package): makes sure resources/models holds the built embedder,
 * building it once if needed. Parallel test files serialise on a lock directory in the OS temp dir.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_DIR, buildEmbedder, outputsMatchLock } from '../../scripts/build-embedder';

export const MODEL_DIR = DEFAULT_MODEL_DIR;
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** Generous: the build takes 15-60 s depending on machine load. */
export const BUILD_TIMEOUT_MS = 240_000;

export async function ensureEmbedderModel(): Promise<string> {
  if (outputsMatchLock(MODEL_DIR)) return MODEL_DIR;
  const lockDir = path.join(os.tmpdir(), 'folio-embedder-build.lock');
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      try {
        // a lock older than the timeout belongs to a crashed run
        if (Date.now() - statSync(lockDir).mtimeMs > BUILD_TIMEOUT_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        /* raced with its removal */
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another embedder build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!outputsMatchLock(MODEL_DIR)) {
      console.warn('[test] embedder model missing or stale: building it (npm run build -w @folio/ml)');
      buildEmbedder({ dir: MODEL_DIR, log: (m) => console.warn(`[embedder] ${m}`) });
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
  return MODEL_DIR;
}
