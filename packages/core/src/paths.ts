import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped migrations beside this package. Bundled apps pass their own copy to createCore instead;
 * this default serves tests, the CLI and serve mode run from the repository.
 */
export function migrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', 'drizzle');
}
