// One autosave controller per entry for the whole page: leaving an entry while a save is pending (or
// the backend is away) does not stop it, and coming back picks the same controller up, unsaved text
// and all, instead of racing a second one against it.
import type { FolioApi } from '@folio/core/contract';
import { AutosaveController } from './autosave';

const sessions = new Map<string, AutosaveController>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function existingSession(entryId: string): AutosaveController | undefined {
  return sessions.get(entryId);
}

export function openSession(api: FolioApi, entryId: string, baseRevision: number): AutosaveController {
  let c = sessions.get(entryId);
  if (!c) {
    c = new AutosaveController({
      entryId,
      baseRevision,
      storage: storage(),
      save: (p) => api.call('journal:save', p),
    });
    sessions.set(entryId, c);
  }
  return c;
}

/** The view let go of the entry: the controller finishes its work in the background, then goes. */
export function releaseSession(c: AutosaveController): void {
  c.bind({});
  const done = () => {
    if (sessions.get(c.entryId) === c && !c.hasUnsaved) {
      c.dispose();
      sessions.delete(c.entryId);
    }
  };
  if (!c.hasUnsaved) return done();
  if (c.isPaused) return; // a conflict waits for the writer to come back
  c.flush().then(done, () => undefined);
}

/** Drops the session (the entry was purged or replaced). */
export function closeSession(entryId: string): void {
  const c = sessions.get(entryId);
  c?.dispose();
  sessions.delete(entryId);
}

export function draftStorage(): Storage | null {
  return storage();
}
