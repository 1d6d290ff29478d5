import type { CoreContext } from '../app/context';
import type { HandlersOf } from '../contract/rpc';
import type { stampsContract } from '../contract/stamps';
import { journalActivityProvider } from './providers/journal';
import { registerActivityProvider } from './registry';
import {
  badgeDataUrl,
  checkRuleDto,
  closeStamps,
  deleteStamp,
  ensureStampsSeeded,
  exportCollection,
  exportCollectionHtml,
  getStampDto,
  listStampDtos,
  markSeen,
  queueActivity,
  queueDomain,
  recheckStamps,
  resetStarterStamps,
  saveStamp,
  stampSources,
} from './service';

/** Domains whose `data:changed` events say nothing stamps can use (tracking names its sources itself). */
const IGNORED_DOMAINS = new Set(['stamps', 'tracking', 'settings', 'system']);

/**
 * The stamps domain: registers the journal's activity provider, listens to every change that may
 * earn a stamp, and answers the `stamps:*` calls.
 */
export function createStampsHandlers(ctx: CoreContext): HandlersOf<typeof stampsContract> {
  registerActivityProvider(ctx, journalActivityProvider(ctx));
  ctx.events.on('activity:changed', (e) => queueActivity(ctx, e.sources));
  ctx.events.on('data:changed', (e) => {
    if (e.domain === '*') queueActivity(ctx, 'all');
    else if (!IGNORED_DOMAINS.has(e.domain)) queueDomain(ctx, e.domain);
  });
  ctx.events.on('settings:changed', (e) => {
    if ('tracking.weekStartsOn' in e.values) queueActivity(ctx, 'all');
  });
  ctx.onClose(() => closeStamps(ctx));

  const handlers: HandlersOf<typeof stampsContract> = {
    async 'stamps:list'() {
      return listStampDtos(ctx);
    },
    async 'stamps:get'({ id }) {
      return getStampDto(ctx, id);
    },
    async 'stamps:save'(p) {
      return saveStamp(ctx, p);
    },
    async 'stamps:delete'({ id }) {
      deleteStamp(ctx, id);
      return { id };
    },
    async 'stamps:check-rule'({ rule }) {
      return checkRuleDto(ctx, rule);
    },
    async 'stamps:badge'({ spec, locked, scale }) {
      return { dataUrl: badgeDataUrl(spec, { locked, scale }) };
    },
    async 'stamps:sources'() {
      return stampSources(ctx);
    },
    async 'stamps:export'({ dir, includeLocked, title, subtitle }) {
      return exportCollection(ctx, dir, { includeLocked, title, subtitle });
    },
    async 'stamps:export-html'(opts) {
      return exportCollectionHtml(ctx, opts);
    },
    async 'stamps:reset-starter'() {
      return resetStarterStamps(ctx);
    },
    async 'stamps:recheck'() {
      return recheckStamps(ctx);
    },
    async 'stamps:seen'({ ids }) {
      return { seen: markSeen(ctx, ids) };
    },
  };
  // The starter set exists before any call reads it (also after a restore swapped the database).
  for (const [name, fn] of Object.entries(handlers)) {
    (handlers as Record<string, (p: unknown) => Promise<unknown>>)[name] = (p: unknown) => {
      ensureStampsSeeded(ctx);
      return (fn as (p: unknown) => Promise<unknown>)(p);
    };
  }
  return handlers;
}
