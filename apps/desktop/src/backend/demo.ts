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
  // The stamps the demo's history earns are part of the collection, not news: no burst of celebrations.
  await backend.handlers['stamps:recheck']({});
  const earned = (await backend.handlers['stamps:list']({})).filter((s) => s.unseen).map((s) => s.id);
  if (earned.length > 0) await backend.handlers['stamps:seen']({ ids: earned });
  counts['stamps earned'] = (await backend.handlers['stamps:list']({})).filter((s) => s.earnedAt).length;
  return counts;
}

export function describeSeed(counts: SeedCounts): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : 'empty';
}
