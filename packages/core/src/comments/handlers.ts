import type { CoreContext } from '../app/context';
import type { commentsContract } from '../contract/comments';
import type { HandlersOf } from '../contract/rpc';
import { listRuns } from './model';
import type { CommentsService } from './service';

export function createCommentsHandlers(ctx: CoreContext, svc: CommentsService): HandlersOf<typeof commentsContract> {
  return {
    async 'comments:import'(p) {
      return svc.import(p);
    },
    async 'comments:list'(p) {
      return svc.list(p);
    },
    async 'comments:get'({ id }) {
      return svc.get(id);
    },
    async 'comments:decide'({ ids, action }) {
      return svc.decide(ids, action);
    },
    async 'comments:revert'({ items }) {
      return svc.revert(items);
    },
    async 'comments:label'({ id, label }) {
      return svc.label(id, label);
    },
    async 'comments:explain'({ id, top }) {
      return svc.explain(id, top);
    },
    async 'comments:retrain'({ trigger }) {
      return svc.gate.retrain(trigger);
    },
    async 'comments:runs'({ limit }) {
      return listRuns(ctx, limit);
    },
    async 'comments:model'({ load }) {
      if (load) await svc.gate.service();
      return svc.gate.status();
    },
    async 'comments:eval'(p) {
      return svc.evaluate(p);
    },
    async 'comments:export'({ file, status }) {
      return svc.exportComments(status, file);
    },
    async 'comments:watch'(p) {
      return svc.watch(p);
    },
    async 'comments:unwatch'({ id }) {
      return svc.unwatch(id);
    },
    async 'comments:sources'() {
      return svc.sources();
    },
  };
}
