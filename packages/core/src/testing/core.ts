import { createCore, type Core, type CoreOptions } from '../app/create-core';
import { migrationsFolder } from '../paths';
import { makeTempDir } from './temp-dir';

/** A real core on a fresh, empty data folder: the way every domain test starts. */
export async function makeTestCore(
  opts: Partial<CoreOptions> = {},
): Promise<Core & { dataDir: string; cleanup: () => Promise<void> }> {
  const tmp = makeTempDir();
  const core = await createCore({ dataDir: tmp.dir, migrationsFolder: migrationsFolder(), appVersion: '0.0.0-test', ...opts });
  return Object.assign(core, {
    dataDir: tmp.dir,
    async cleanup() {
      await core.close();
      tmp.cleanup();
    },
  });
}
