// Autosave that loses nothing. Every edit is written at once to a local draft (localStorage), then sent
// to the backend at most `debounceMs` after the last keystroke and at least every `maxWaitMs` while
// typing continues. One save is in flight at a time; a save whose answer never came (backend killed,
// network gone) is re-sent unchanged first, so the backend can recognise one that did land. When the
// stored entry moved on (another window, the CLI) nothing is overwritten: the controller stops and
// reports the conflict with both versions. A draft left behind by a crash is pushed when the entry is
// opened again (`recoverDraft`).
import type { EntryDto, EntryProperties } from '@folio/core/contract';

export interface EntryFields {
  title?: string;
  body?: string;
  properties?: EntryProperties;
  date?: string;
  time?: string | null;
  kind?: string;
  isPublic?: boolean;
}

export type SaveMode = 'autosave' | 'save' | 'keep-mine';

export interface SavePayload extends EntryFields {
  id: string;
  baseRevision: number;
  mode: SaveMode;
}

export type SaveState = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

export interface SaveStatus {
  state: SaveState;
  message?: string;
  /** When the backend last confirmed a save (ms since epoch). */
  savedAt?: number;
  /** Offline: when the next retry happens. */
  retryAt?: number;
}

export interface ApiErrorLike {
  code?: string;
  message?: string;
  details?: { current?: EntryDto; [key: string]: unknown };
}

export type AutosaveHandlers = Pick<AutosaveOptions, 'onStatus' | 'onSaved' | 'onConflict' | 'onRefused'>;

export interface AutosaveOptions {
  entryId: string;
  baseRevision: number;
  save(payload: SavePayload): Promise<EntryDto>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  onStatus?(status: SaveStatus): void;
  onSaved?(entry: EntryDto): void;
  /** The stored entry moved on; `mine` holds every field not saved yet. Saving stops until resolved. */
  onConflict?(current: EntryDto, mine: EntryFields): void;
  /** The backend refused these fields (e.g. a date that already has a daily note); they were dropped. */
  onRefused?(error: ApiErrorLike, dropped: EntryFields): void;
  debounceMs?: number;
  maxWaitMs?: number;
  now?(): number;
}

export interface Draft {
  v: 1;
  entryId: string;
  /** The revision the edits apply to (the last one the backend confirmed). */
  baseRevision: number;
  /** Every field not confirmed yet (in flight and pending together). */
  fields: EntryFields;
  /** A save that was sent but not answered: if the stored entry holds exactly this, it landed. */
  inflight: { baseRevision: number; fields: EntryFields } | null;
  updatedAt: number;
}

export const DRAFT_PREFIX = 'folio.journal.draft.';

export function draftKey(entryId: string): string {
  return DRAFT_PREFIX + entryId;
}

export function readDraft(storage: AutosaveOptions['storage'], entryId: string): Draft | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(draftKey(entryId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    return d && d.v === 1 && d.entryId === entryId ? d : null;
  } catch {
    return null;
  }
}

const FIELD_NAMES = ['title', 'body', 'properties', 'date', 'time', 'kind', 'isPublic'] as const;

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** True when the entry already holds every field given. */
export function entryHolds(entry: EntryDto, fields: EntryFields): boolean {
  return FIELD_NAMES.every((k) => fields[k] === undefined || sameValue(fields[k], entry[k]));
}

export type Recovery =
  | { action: 'none' }
  | { action: 'push'; baseRevision: number; fields: EntryFields }
  | { action: 'conflict'; fields: EntryFields };

/** What to do with a draft found for `entry` when it is opened. */
export function planRecovery(draft: Draft | null, entry: EntryDto): Recovery {
  if (!draft || Object.keys(draft.fields).length === 0) return { action: 'none' };
  if (entryHolds(entry, draft.fields)) return { action: 'none' };
  if (entry.deletedAt) return { action: 'conflict', fields: draft.fields };
  if (draft.baseRevision === entry.revision) return { action: 'push', baseRevision: entry.revision, fields: draft.fields };
  const f = draft.inflight;
  if (f && entry.revision === f.baseRevision + 1 && entryHolds(entry, f.fields)) {
    // The last save landed but its answer was lost; the rest of the draft goes on top.
    return { action: 'push', baseRevision: entry.revision, fields: draft.fields };
  }
  return { action: 'conflict', fields: draft.fields };
}

const OFFLINE_CODES = new Set(['io_error', 'unauthorized', 'db_locked', 'disk_full', 'internal']);
const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

export class AutosaveController {
  readonly entryId: string;
  private base: number;
  private pending: EntryFields = {};
  private pendingMode: SaveMode = 'autosave';
  private inflight: { payload: SavePayload; fields: EntryFields } | null = null;
  /** A failed save to re-send as is before anything newer. */
  private unanswered: { payload: SavePayload; fields: EntryFields } | null = null;
  private firstDirtyAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private paused = false;
  private errorCode: string | null = null;
  /** The last conflict, until resolved (a view that comes back shows it again). */
  conflict: { current: EntryDto; mine: EntryFields } | null = null;
  private disposed = false;
  private status: SaveStatus = { state: 'saved' };
  private waiters: { resolve(): void; reject(e: unknown): void }[] = [];
  private opts: AutosaveOptions;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(opts: AutosaveOptions) {
    this.opts = opts;
    this.entryId = opts.entryId;
    this.base = opts.baseRevision;
    this.debounceMs = opts.debounceMs ?? 500;
    this.maxWaitMs = opts.maxWaitMs ?? 800;
    this.now = opts.now ?? (() => Date.now());
  }

  /** Points the callbacks at a (re)mounted view; `{}` detaches. */
  bind(handlers: AutosaveHandlers): void {
    this.opts = {
      ...this.opts,
      onStatus: handlers.onStatus,
      onSaved: handlers.onSaved,
      onConflict: handlers.onConflict,
      onRefused: handlers.onRefused,
    };
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get baseRevision(): number {
    return this.base;
  }

  get hasUnsaved(): boolean {
    return this.inflight !== null || this.unanswered !== null || Object.keys(this.pending).length > 0;
  }

  getStatus(): SaveStatus {
    return this.status;
  }

  /** Records an edit. `explicit` edits (title, date, kind...) are sent at once as their own revision. */
  edit(fields: EntryFields, opts: { explicit?: boolean } = {}): void {
    if (this.disposed) return;
    Object.assign(this.pending, fields);
    if (opts.explicit && this.pendingMode === 'autosave') this.pendingMode = 'save';
    if (this.firstDirtyAt === null) this.firstDirtyAt = this.now();
    this.writeDraft();
    // A refused save (say, an invalid field) is tried again once the writer changes something.
    if (this.paused && this.status.state === 'error' && this.errorCode !== 'read_only') this.paused = false;
    if (this.paused) return;
    if (this.status.state === 'saved' || this.status.state === 'error') this.setStatus({ state: 'dirty' });
    this.schedule(opts.explicit ? 0 : undefined);
  }

  /** Sends everything now; resolves once the backend holds it (rejects on conflict or a refused save). */
  flush(): Promise<void> {
    if (!this.hasUnsaved) return Promise.resolve();
    if (this.paused) return Promise.reject(new Error(this.status.message ?? 'Saving is paused.'));
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.paused) this.schedule(0);
    return p;
  }

  /** Sends now (offline: retry at once). */
  retryNow(): void {
    if (this.status.state === 'offline' || this.status.state === 'dirty') {
      this.attempt = 0;
      this.schedule(0);
    }
  }

  /** Adopts the stored entry as the new base: after keep-theirs, or an action done outside the controller. */
  rebase(entry: EntryDto, opts: { dropPending?: boolean } = {}): void {
    this.base = entry.revision;
    this.conflict = null;
    if (opts.dropPending) {
      this.pending = {};
      this.unanswered = null;
      this.firstDirtyAt = null;
      this.pendingMode = 'autosave';
    }
    this.paused = false;
    this.writeDraft();
    if (this.hasUnsaved) this.schedule(0);
    else this.setStatus({ state: 'saved', savedAt: this.now() });
  }

  /** Keep mine: save every unsaved field on top of `current` (the other version stays in history). */
  keepMine(current: EntryDto): void {
    this.base = current.revision;
    this.conflict = null;
    if (this.unanswered) {
      this.pending = { ...this.unanswered.fields, ...this.pending };
      this.unanswered = null;
    }
    this.pendingMode = 'keep-mine';
    this.paused = false;
    this.writeDraft();
    this.schedule(0);
  }

  /** Every field not confirmed by the backend yet. */
  unsavedFields(): EntryFields {
    return { ...(this.unanswered?.fields ?? {}), ...(this.inflight?.fields ?? {}), ...this.pending };
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Pushes a recovered draft (see `planRecovery`). */
  push(baseRevision: number, fields: EntryFields): void {
    this.base = baseRevision;
    this.edit(fields, { explicit: true });
  }

  /** Holds recovered fields without sending them, as after a conflict: the writer chooses first. */
  hold(fields: EntryFields, current: EntryDto): void {
    Object.assign(this.pending, fields);
    this.paused = true;
    this.conflict = { current, mine: this.unsavedFields() };
    this.writeDraft();
    this.setStatus({ state: 'conflict', message: 'Unsaved text from an earlier session differs from the stored entry.' });
  }

  private setStatus(s: SaveStatus): void {
    this.status = s;
    this.opts.onStatus?.(s);
  }

  private writeDraft(): void {
    const storage = this.opts.storage;
    if (!storage) return;
    const fields = this.unsavedFields();
    try {
      if (Object.keys(fields).length === 0) {
        storage.removeItem(draftKey(this.entryId));
        return;
      }
      const inflight = this.inflight ?? this.unanswered;
      const draft: Draft = {
        v: 1,
        entryId: this.entryId,
        baseRevision: this.base,
        fields,
        inflight: inflight ? { baseRevision: inflight.payload.baseRevision, fields: inflight.fields } : null,
        updatedAt: this.now(),
      };
      storage.setItem(draftKey(this.entryId), JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the backend copy is all we have; saving goes on.
    }
  }

  private schedule(delay?: number): void {
    if (this.disposed || this.paused) return;
    if (this.inflight) return; // the answer reschedules
    let wait = delay;
    if (wait === undefined) {
      const sinceFirst = this.firstDirtyAt === null ? 0 : this.now() - this.firstDirtyAt;
      wait = Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - sinceFirst));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.send();
    }, wait);
  }

  private async send(): Promise<void> {
    if (this.disposed || this.paused || this.inflight) return;
    let job = this.unanswered;
    if (!job) {
      if (Object.keys(this.pending).length === 0) {
        this.settleWaiters();
        return;
      }
      const fields = this.pending;
      job = { fields, payload: { id: this.entryId, baseRevision: this.base, mode: this.pendingMode, ...fields } };
      this.pending = {};
      this.pendingMode = 'autosave';
      this.firstDirtyAt = null;
    }
    this.unanswered = null;
    this.inflight = job;
    this.writeDraft();
    if (this.status.state !== 'offline') this.setStatus({ state: 'saving' });
    let entry: EntryDto;
    try {
      entry = await this.opts.save(job.payload);
    } catch (err) {
      this.inflight = null;
      this.failed(job, err as ApiErrorLike);
      return;
    }
    this.inflight = null;
    this.attempt = 0;
    this.base = entry.revision;
    this.writeDraft();
    this.opts.onSaved?.(entry);
    if (this.disposed) return;
    if (Object.keys(this.pending).length > 0) {
      this.setStatus({ state: 'dirty' });
      this.schedule(this.waiters.length > 0 ? 0 : undefined);
    } else {
      this.setStatus({ state: 'saved', savedAt: this.now() });
      this.settleWaiters();
    }
  }

  private failed(job: { payload: SavePayload; fields: EntryFields }, err: ApiErrorLike): void {
    const code = err?.code ?? 'io_error';
    if (code === 'conflict' && err.details?.current) {
      // Nothing landed: fold the job back into the pending fields and stop until the writer decides.
      this.pending = { ...job.fields, ...this.pending };
      this.pendingMode = job.payload.mode === 'keep-mine' ? 'autosave' : this.pendingMode;
      this.paused = true;
      this.writeDraft();
      this.setStatus({ state: 'conflict', message: err.message });
      this.rejectWaiters(err);
      this.conflict = { current: err.details.current, mine: this.unsavedFields() };
      this.opts.onConflict?.(err.details.current, this.unsavedFields());
      return;
    }
    if (OFFLINE_CODES.has(code)) {
      // The backend may or may not have it: re-send exactly this, so a save that landed is recognised.
      this.unanswered = job;
      this.writeDraft();
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)]!;
      this.attempt++;
      this.setStatus({ state: 'offline', message: err.message, retryAt: this.now() + delay });
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.send();
      }, delay);
      return;
    }
    const refused = (err.details?.issues as { path: string }[] | undefined)?.map((i) => i.path.split('.')[0]!) ?? [];
    const droppable = refused.filter((f) => f in job.fields && f !== 'body');
    if (droppable.length > 0) {
      // A refused field (an invalid date...) is dropped, the rest is tried again.
      const dropped: EntryFields = {};
      const kept: EntryFields = { ...job.fields };
      for (const f of droppable) {
        (dropped as Record<string, unknown>)[f] = (kept as Record<string, unknown>)[f];
        delete (kept as Record<string, unknown>)[f];
      }
      this.pending = { ...kept, ...this.pending };
      this.writeDraft();
      this.setStatus({ state: 'error', message: err.message ?? 'A change was refused.' });
      this.rejectWaiters(err);
      this.opts.onRefused?.(err, dropped);
      if (this.hasUnsaved) this.schedule();
      return;
    }
    // Refused (locked, gone): keep the text locally, stop, and say why.
    this.errorCode = code;
    this.pending = { ...job.fields, ...this.pending };
    this.paused = true;
    this.writeDraft();
    this.setStatus({ state: 'error', message: err.message ?? 'The entry could not be saved.' });
    this.rejectWaiters(err);
  }

  /** After a refused save the writer fixed the problem (e.g. a valid date): try again. */
  resume(): void {
    this.paused = false;
    if (this.hasUnsaved) this.schedule(0);
  }

  private settleWaiters(): void {
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  private rejectWaiters(err: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }
}
