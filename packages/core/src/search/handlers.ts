import type { CoreContext } from '../app/context';
import type { HandlersOf } from '../contract/rpc';
import type { searchContract } from '../contract/search';
import type { SearchService } from './service';

export function createSearchHandlers(_ctx: CoreContext, service: SearchService): HandlersOf<typeof searchContract> {
  return {
    async 'search:query'(p) {
      return service.query({
        q: p.q,
        ...(p.mode ? { mode: p.mode } : {}),
        filters: {
          ...(p.kinds ? { kinds: p.kinds } : {}),
          ...(p.entryKinds ? { entryKinds: p.entryKinds } : {}),
          ...(p.tags ? { tags: p.tags } : {}),
          ...(p.from ? { from: p.from } : {}),
          ...(p.to ? { to: p.to } : {}),
          ...(p.public !== undefined ? { public: p.public } : {}),
        },
        limit: p.limit,
        offset: p.offset,
      });
    },
    async 'search:related'({ kind, id, limit }) {
      return service.related(kind, id, limit);
    },
    async 'search:similar-text'(p) {
      return service.similarText({
        text: p.text,
        kinds: p.kinds,
        limit: p.limit,
        minScore: p.minScore,
        ...(p.excludeId ? { excludeId: p.excludeId } : {}),
      });
    },
    async 'search:index-status'() {
      return service.status();
    },
    async 'search:reindex'({ vectors }) {
      return service.reindex(vectors);
    },
    async 'search:wait-index'({ timeoutMs }) {
      const complete = await service.waitIdle(timeoutMs);
      return { ...service.status(), complete };
    },
  };
}
