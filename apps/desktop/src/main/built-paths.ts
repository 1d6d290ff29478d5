import path from 'node:path';

/**
 * Where the bundled files sit relative to the bundled main (dist/main/main.mjs); scripts/bundle.mjs
 * writes them (its ENTRIES), and a test keeps the two in step. The preload is CommonJS because a
 * sandboxed preload cannot be an ES module.
 */
export function builtPaths(mainDir: string): { preload: string; backend: string } {
  return {
    preload: path.join(mainDir, '..', 'preload', 'preload.cjs'),
    backend: path.join(mainDir, '..', 'backend', 'backend.mjs'),
  };
}
