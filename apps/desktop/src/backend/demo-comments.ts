import path from 'node:path';
import { FolioError, type CommentListDto } from '@folio/core';
import type { Backend } from './create-backend';

async function call<T>(backend: Backend, name: string, payload: unknown): Promise<T> {
  const r = await backend.dispatch(name as never, payload as never);
  if (!r.ok) throw FolioError.from(r.error);
  return r.value as T;
}

/** Decisions the demo starts with, so the model panel has something learned (by id in the export). */
const DECIDED: Record<string, 'spam' | 'ham'> = {
  '-Odemo01': 'ham',
  '-Odemo08': 'ham',
  '-Odemo16': 'ham',
  '-Odemo23': 'ham',
  '-Odemo03': 'spam',
  '-Odemo10': 'spam',
  '-Odemo17': 'spam',
  '-Odemo26': 'spam',
};

/**
 * The comment inbox of the demo notebook: resources/demo/comments/comments.json (a made-up Firebase
 * export) imported through the same handlers the UI uses, a few decisions filed, and the spam model
 * retrained on them (skipped, with the inbox still filled, when the model is not built).
 */
export async function seedDemoComments(backend: Backend, resourcesDir: string): Promise<Record<string, number>> {
  const file = path.join(resourcesDir, 'demo', 'comments', 'comments.json');
  const report = await call<{ imported: number }>(backend, 'comments:import', { file, format: 'json', origin: 'demo-site' });
  const list = await call<CommentListDto>(backend, 'comments:list', { limit: 500 });
  let decided = 0;
  for (const c of list.items) {
    const label = c.externalId ? DECIDED[c.externalId] : undefined;
    if (!label) continue;
    await call(backend, 'comments:decide', { ids: [c.id], action: label === 'spam' ? 'spam' : 'approve' });
    decided++;
  }
  if (list.model.state === 'ready') {
    try {
      await call(backend, 'comments:retrain', { trigger: 'manual' });
    } catch (err) {
      console.warn(`[folio] demo: retraining the spam model failed: ${(err as Error).message}`);
    }
  }
  return { comments: report.imported, 'comment decisions': decided };
}
