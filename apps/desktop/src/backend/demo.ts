import type { Backend } from './create-backend';
import { seedDemoComments } from './demo-comments';
import { seedDemoJournal } from './demo-journal';
import { seedDemoPapers } from './demo-papers';
import { seedDemoTracking } from './demo-tracking';

export type SeedCounts = Record<string, number>;

/**
 * Fills a fresh data folder from resources/demo through the same handlers the UI uses, so a newcomer
 * sees a living notebook. Each domain adds its part here.
 */
export async function seedDemoNotebook(backend: Backend, resourcesDir: string): Promise<SeedCounts> {
  const counts: SeedCounts = {};
  Object.assign(counts, await seedDemoTracking(backend));
  Object.assign(counts, await seedDemoPapers(backend, resourcesDir));
  Object.assign(counts, await seedDemoJournal(backend, resourcesDir));
  Object.assign(counts, await seedDemoComments(backend, resourcesDir));
  return counts;
}

export function describeSeed(counts: SeedCounts): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : 'empty';
}
