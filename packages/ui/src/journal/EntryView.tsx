import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { EntryDto, EntryProperties, FolioApi } from '@folio/core/contract';
import { useApi, useCall, useEvent } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import { MenuButton, type MenuItem } from '../components/MenuButton';
import { href, navigate } from '../shell/router';
import { RelatedPanel } from '../search/RelatedPanel';
import { YouWroteBefore } from '../search/YouWroteBefore';
import { useToasts } from '../shell/Toasts';
import { planRecovery, readDraft, type AutosaveController, type EntryFields, type SaveStatus } from './autosave';
import { BacklinksPanel } from './BacklinksPanel';
import { ConflictBanner } from './ConflictBanner';
import { EntryEditor, type LinkSuggestion, type WordCount } from './editor';
import { closeSession, draftStorage, existingSession, openSession, releaseSession } from './entry-sessions';
import { displayTitle, formatRelative, formatWrittenAt, KIND_LABELS, localOffsetMinutes, localToday, plural } from './format';
import { HistoryPanel } from './HistoryPanel';
import { openUrl, openWikilink } from './open-link';
import { PropertiesPanel } from './PropertiesPanel';
import './journal.css';
import { useJournalCall } from './use-journal-call';

export type EntryPanel = 'properties' | 'history' | 'links';

/** A tiny external store, so the status line re-renders on every keystroke without the whole view. */
function createStore<T>(initial: T) {
  let value = initial;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(v: T) {
      value = v;
      for (const s of subs) s();
    },
    subscribe(fn: () => void) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

interface LocalState {
  title: string;
  properties: EntryProperties;
  date: string;
  time: string | null;
  kind: string;
  isPublic: boolean;
  body: string;
}

function localFrom(entry: EntryDto, unsaved: EntryFields = {}): LocalState {
  return {
    title: unsaved.title ?? entry.title,
    properties: unsaved.properties ?? entry.properties,
    date: unsaved.date ?? entry.date,
    time: unsaved.time !== undefined ? unsaved.time : entry.time,
    kind: unsaved.kind ?? entry.kind,
    isPublic: unsaved.isPublic ?? entry.isPublic,
    body: unsaved.body ?? entry.body,
  };
}

export async function uploadImage(api: FolioApi, file: File) {
  const blob = await api.upload(file);
  return { src: `folio://blob/${blob.sha256}`, alt: file.name.replace(/\.[a-z0-9]+$/i, '') };
}

export function resolveImageSrc(api: FolioApi, src: string): string {
  const m = /^folio:\/\/blob\/([0-9a-f]{64})$/.exec(src);
  return m ? api.blobUrl(m[1]!) : src;
}

export interface EntryViewProps {
  initial: EntryDto;
  /** Shown beside the text when no panel is open (Today: calendar, streak, on this day). */
  rail?: ReactNode;
  defaultPanel?: EntryPanel | null;
  /** Above the title (Today's heading). */
  eyebrow?: ReactNode;
  autoFocus?: boolean;
}

/**
 * One entry, editable: title, date, kind, public and lock, the editor with autosave, properties,
 * history (diff, restore), backlinks, and the conflict banner when the stored entry moved on.
 */
export function EntryView({ initial, rail, defaultPanel = null, eyebrow, autoFocus }: EntryViewProps) {
  const api = useApi();
  const toasts = useToasts();
  const kinds = useJournalCall('journal:kinds', {}, { actions: ['kinds'] });
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const focusMode = settings.data?.['editor.focusMode'] ?? false;

  // What the view starts from: the stored entry, plus unsaved text from a live session or a draft.
  const [boot] = useState(() => {
    const live = existingSession(initial.id);
    if (live) return { local: localFrom(initial, live.unsavedFields()), recovery: null };
    const plan = planRecovery(readDraft(draftStorage(), initial.id), initial);
    return {
      local: localFrom(initial, plan.action === 'none' ? {} : plan.fields),
      recovery: plan.action === 'none' ? null : plan,
    };
  });
  const [entry, setEntry] = useState(initial);
  const [local, setLocal] = useState<LocalState>(boot.local);
  const bodyRef = useRef(boot.local.body);
  const [doc, setDoc] = useState({ markdown: boot.local.body, version: 0 });
  const [conflict, setConflict] = useState<{ current: EntryDto; mine: EntryFields } | null>(null);
  const [panel, setPanel] = useState<EntryPanel | null>(defaultPanel);
  const [store] = useState(() =>
    createStore<{ status: SaveStatus; words: WordCount | null }>({ status: { state: 'saved' }, words: null }),
  );
  const ctrlRef = useRef<AutosaveController | null>(null);
  const recoveryDone = useRef(false);
  const entryRef = useRef(entry);
  entryRef.current = entry;

  /** Replace everything shown with the stored entry (keep theirs, restore, edit note...). */
  const showStored = useCallback((e: EntryDto) => {
    setEntry(e);
    const l = localFrom(e);
    setLocal(l);
    bodyRef.current = l.body;
    setDoc((d) => ({ markdown: l.body, version: d.version + 1 }));
  }, []);

  useEffect(() => {
    const c = openSession(api, initial.id, entryRef.current.revision);
    ctrlRef.current = c;
    c.bind({
      onStatus: (status) => store.set({ ...store.get(), status }),
      onSaved: (e) => setEntry(e),
      onConflict: (current, mine) => setConflict({ current, mine }),
      onRefused: (err, dropped) => {
        toasts.error('Not saved', err);
        setLocal((l) => ({ ...l, ...localFrom(entryRef.current), body: l.body, ...pickUnsaved(c.unsavedFields(), dropped) }));
      },
    });
    store.set({ ...store.get(), status: c.getStatus() });
    if (c.conflict) setConflict(c.conflict);
    if (!recoveryDone.current && boot.recovery) {
      recoveryDone.current = true;
      if (boot.recovery.action === 'push') {
        c.push(boot.recovery.baseRevision, boot.recovery.fields);
        toasts.show({
          kind: 'info',
          title: 'Unsaved text restored',
          body: 'Text typed before the app or its backend stopped was kept on this device and is being saved now.',
        });
      } else {
        c.hold(boot.recovery.fields, initial);
        setConflict(c.conflict);
      }
    }
    return () => {
      ctrlRef.current = null;
      releaseSession(c);
    };
  }, [api, initial, boot.recovery, store, toasts]);

  // Another window or the CLI saved this entry: take it when nothing here is unsaved.
  useEvent('journal:entry-changed', ({ id, action, revision }) => {
    if (id !== entry.id) return;
    const c = ctrlRef.current;
    if (!c || c.hasUnsaved) return; // the next save finds out (and reports a conflict)
    if (action === 'purged') return;
    if (action === 'saved' && revision === c.baseRevision) return; // our own save
    api.call('journal:get', { id }).then(
      (e) => {
        const now = ctrlRef.current;
        if (
          !now ||
          now.hasUnsaved ||
          (e.revision === now.baseRevision && (e.deletedAt === null) === (entryRef.current.deletedAt === null))
        )
          return;
        now.rebase(e);
        showStored(e);
      },
      () => undefined,
    );
  });

  const edit = useCallback((fields: EntryFields, explicit = false) => {
    ctrlRef.current?.edit(fields, { explicit });
  }, []);

  const onBody = useCallback(
    (md: string) => {
      bodyRef.current = md;
      edit({ body: md });
    },
    [edit],
  );
  const onWords = useCallback((words: WordCount) => store.set({ ...store.get(), words }), [store]);
  const searchLinks = useCallback(
    async (query: string): Promise<LinkSuggestion[]> =>
      (await api.call('journal:titles', { query, limit: 8 }))
        .filter((h) => h.id !== entryRef.current.id)
        .map((h) => ({ id: h.id, title: h.title, kind: h.kind, subtitle: h.detail })),
    [api],
  );
  const onUpload = useCallback((file: File) => uploadImage(api, file), [api]);
  const resolveSrc = useCallback((src: string) => resolveImageSrc(api, src), [api]);
  const onOpenLink = useCallback(
    (target: string, kind: 'wikilink' | 'url') => {
      if (kind === 'url') openUrl(target);
      else openWikilink(api, target).catch((err: unknown) => toasts.error('Could not open the link', err));
    },
    [api, toasts],
  );
  const onOpenTag = useCallback((tag: string) => navigate(`/journal?tag=${encodeURIComponent(tag)}`), []);
  const onEditorError = useCallback((err: unknown, context: string) => toasts.error(`Editor: ${context}`, err), [toasts]);
  const setFocusMode = useCallback((on: boolean) => void api.call('settings:set', { values: { 'editor.focusMode': on } }), [api]);

  /** Saves what is pending, then runs an action that writes the entry itself, and adopts its result. */
  const runAction = useCallback(
    async (label: string, fn: (baseRevision: number) => Promise<EntryDto>, opts: { replaceText?: boolean } = {}) => {
      const c = ctrlRef.current;
      if (!c) return;
      try {
        await c.flush();
        const e = await fn(c.baseRevision);
        c.rebase(e);
        if (opts.replaceText) showStored(e);
        else setEntry(e);
      } catch (err) {
        toasts.error(`${label} failed`, err);
      }
    },
    [showStored, toasts],
  );

  const kindList = kinds.data ?? [];
  const kind = kindList.find((k) => k.key === local.kind);
  const locked = entry.locked;

  const keepMine = async () => {
    const c = ctrlRef.current;
    if (!c || !conflict) return;
    let base = conflict.current;
    if (base.deletedAt) {
      try {
        base = await api.call('journal:restore', { id: base.id });
      } catch (err) {
        toasts.error('Could not restore the entry', err);
        return;
      }
    }
    setConflict(null);
    setEntry(base);
    c.keepMine(base);
  };
  const keepTheirs = () => {
    const c = ctrlRef.current;
    if (!c || !conflict) return;
    c.rebase(conflict.current, { dropPending: true });
    showStored(conflict.current);
    setConflict(null);
  };
  const copyMine = async () => {
    const c = ctrlRef.current;
    if (!c || !conflict) return;
    try {
      const copy = await api.call('journal:create', {
        kind: local.kind === 'daily' ? 'note' : local.kind,
        templateId: null,
        title: `${local.title || displayTitle(entry)} (my copy)`.slice(0, 300),
        body: bodyRef.current,
        properties: local.properties,
        date: local.date,
        tzOffsetMinutes: localOffsetMinutes(),
      });
      c.rebase(conflict.current, { dropPending: true });
      setConflict(null);
      toasts.show({ kind: 'success', title: 'Your version was copied to a new entry' });
      navigate(`/journal/${copy.id}`);
    } catch (err) {
      toasts.error('Could not copy your version', err);
    }
  };

  const trash = async () => {
    const c = ctrlRef.current;
    try {
      await c?.flush();
    } catch {
      // unsaved text stays in the local draft; the trash keeps the stored version
    }
    try {
      await api.call('journal:delete', { id: entry.id });
      closeSession(entry.id);
      toasts.show({
        kind: 'success',
        title: 'Moved to the trash',
        body: `“${displayTitle(entry)}” can be restored from Journal › Trash.`,
      });
      navigate('/journal');
    } catch (err) {
      toasts.error('Could not move it to the trash', err);
    }
  };

  const templates = useJournalCall('journal:templates', {}, { actions: ['templates'] });
  const menuItems: MenuItem[] = [
    ...(templates.data ?? []).map((t) => ({
      id: `tpl-${t.id}`,
      label: t.name,
      group: 'Apply template',
      disabled: locked,
      onSelect: () =>
        void runAction(
          'Applying the template',
          (base) => api.call('journal:apply-template', { id: entry.id, templateId: t.id, baseRevision: base }),
          { replaceText: true },
        ),
    })),
    {
      id: 'copy-link',
      label: 'Copy [[link]] to this entry',
      group: 'Entry',
      onSelect: () => void navigator.clipboard?.writeText(`[[${local.title || entry.date}]]`),
    },
    locked
      ? {
          id: 'unlock',
          label: 'Unlock (allow rewriting)',
          group: 'Entry',
          onSelect: () => void runAction('Unlocking', () => api.call('journal:unlock', { id: entry.id })),
        }
      : {
          id: 'lock',
          label: 'Lock as past',
          hint: 'later edits become dated notes',
          group: 'Entry',
          onSelect: () => void runAction('Locking', () => api.call('journal:lock', { id: entry.id })),
        },
    { id: 'trash', label: 'Move to trash', group: 'Entry', danger: true, onSelect: () => void trash() },
  ];

  const panelContent =
    panel === 'properties' ? (
      <PropertiesPanel
        properties={local.properties}
        fields={kind?.fields ?? []}
        onChange={(properties) => {
          setLocal((l) => ({ ...l, properties }));
          edit({ properties });
        }}
      />
    ) : panel === 'history' ? (
      <HistoryPanel
        entryId={entry.id}
        currentBody={bodyRef.current}
        currentRevision={entry.revision}
        locked={locked}
        onRestore={(revision) =>
          runAction('Restoring', (base) => api.call('journal:restore-revision', { id: entry.id, revision, baseRevision: base }), {
            replaceText: true,
          })
        }
      />
    ) : panel === 'links' ? (
      <>
        <BacklinksPanel entryId={entry.id} />
        <RelatedPanel kind="entry" id={entry.id} />
      </>
    ) : null;

  const panelTitle =
    panel === 'properties' ? 'Properties' : panel === 'history' ? 'History' : panel === 'links' ? 'Backlinks' : '';
  const aside = panel ? (
    <aside className="entry-aside" aria-label={panelTitle}>
      <header className="entry-aside-header">
        <h2>{panelTitle}</h2>
        <button type="button" className="icon-button" aria-label={`Close ${panelTitle}`} onClick={() => setPanel(null)}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <div className="entry-aside-body">{panelContent}</div>
    </aside>
  ) : rail ? (
    <aside className="entry-aside entry-rail">{rail}</aside>
  ) : null;

  return (
    <div className={`entry-view${focusMode ? ' entry-view--focus' : ''}${aside ? ' has-aside' : ''}`} data-entry-id={entry.id}>
      <div className="entry-main">
        <div className="entry-topbar" role="toolbar" aria-label="Entry">
          <select
            className="kind-select"
            aria-label="Kind"
            value={local.kind}
            disabled={!kindList.length}
            onChange={(e) => {
              setLocal((l) => ({ ...l, kind: e.target.value }));
              edit({ kind: e.target.value }, true);
            }}
          >
            {(kindList.length ? kindList : [{ key: local.kind, name: KIND_LABELS[local.kind] ?? local.kind }]).map((k) => (
              <option key={k.key} value={k.key}>
                {k.name}
              </option>
            ))}
          </select>
          <input
            type="date"
            className="date-input"
            aria-label="Date"
            value={local.date}
            required
            onChange={(e) => {
              const date = e.target.value;
              if (!date) return;
              setLocal((l) => ({ ...l, date }));
              edit({ date }, true);
            }}
          />
          {local.kind !== 'daily' && (
            <input
              type="time"
              className="time-input"
              aria-label="Time"
              value={local.time ?? ''}
              onChange={(e) => {
                const time = e.target.value || null;
                setLocal((l) => ({ ...l, time }));
                edit({ time }, true);
              }}
            />
          )}
          <label className="j-switch" title="Public entries can be published to your website">
            <input
              type="checkbox"
              role="switch"
              checked={local.isPublic}
              onChange={(e) => {
                const isPublic = e.target.checked;
                setLocal((l) => ({ ...l, isPublic }));
                edit({ isPublic }, true);
              }}
            />
            <span className="j-switch-track" aria-hidden />
            Public
          </label>
          {locked && (
            <span className="badge badge-locked" title="Locked as past: later changes are added as dated edit notes">
              <Icon name="lock" size={12} /> Past
            </span>
          )}
          <span className="spacer" />
          <StatusLine store={store} onRetry={() => ctrlRef.current?.retryNow()} />
          <div className="j-segmented panel-tabs" role="group" aria-label="Panels">
            {(
              [
                ['properties', 'Properties', 'menu'],
                ['history', 'History', 'history'],
                ['links', 'Backlinks', 'link'],
              ] as const
            ).map(([id, label, icon]) => (
              <button
                key={id}
                type="button"
                aria-pressed={panel === id}
                title={label}
                onClick={() => setPanel((p) => (p === id ? null : id))}
              >
                <Icon name={icon} size={15} />
                <span className="panel-tab-label">{label}</span>
              </button>
            ))}
          </div>
          <MenuButton
            label={<span aria-hidden>⋯</span>}
            ariaLabel="More actions"
            className="icon-button"
            align="end"
            items={menuItems}
          />
        </div>

        {conflict && (
          <ConflictBanner
            current={conflict.current}
            mine={conflict.mine}
            mineBody={bodyRef.current}
            onKeepMine={() => void keepMine()}
            onKeepTheirs={keepTheirs}
            onCopyMine={() => void copyMine()}
          />
        )}

        {entry.deletedAt && !conflict && (
          <div className="trashed-notice" role="status">
            This entry was moved to the trash{entry.deletedAt ? ` ${formatRelative(entry.deletedAt)}` : ''}.
            <button
              type="button"
              className="button small"
              onClick={() =>
                api.call('journal:restore', { id: entry.id }).then(
                  (e) => {
                    ctrlRef.current?.rebase(e);
                    setEntry(e);
                  },
                  (err: unknown) => toasts.error('Could not restore it', err),
                )
              }
            >
              Restore
            </button>
          </div>
        )}

        <div className="entry-sheet">
          {eyebrow}
          <TitleInput
            value={local.title}
            placeholder={local.kind === 'daily' ? displayTitle({ ...entry, title: '' }) : 'Untitled'}
            onChange={(title) => setLocal((l) => ({ ...l, title }))}
            onCommit={(title) => {
              if (title.trim() !== entry.title) edit({ title: title.trim() }, true);
            }}
          />
          <div className="entry-meta">
            <span title="When it was first written, in the time zone it was written in">
              Written {formatWrittenAt(entry.createdAt, entry.tzOffsetMinutes)}
            </span>
            {entry.updatedAt !== entry.createdAt && (
              <span title={new Date(entry.updatedAt).toLocaleString()}>· edited {formatRelative(entry.updatedAt)}</span>
            )}
            {entry.tags.length > 0 && (
              <span className="entry-tags" aria-label="Tags">
                {entry.tags.map((t) => (
                  <a key={t} className="tag-chip" href={href(`/journal?tag=${encodeURIComponent(t)}`)}>
                    #{t}
                  </a>
                ))}
              </span>
            )}
          </div>
          {locked && (
            <LockedNotice
              onAdd={(text) =>
                runAction(
                  'Adding the note',
                  () => api.call('journal:append-edit-note', { id: entry.id, text, date: localToday() }),
                  { replaceText: true },
                )
              }
            />
          )}
          <EntryEditor
            key={doc.version}
            markdown={doc.markdown}
            onChange={onBody}
            onUploadImage={onUpload}
            resolveImageSrc={resolveSrc}
            searchLinks={searchLinks}
            onOpenLink={onOpenLink}
            onOpenTag={onOpenTag}
            onWordCount={onWords}
            onError={onEditorError}
            readOnly={locked}
            focusMode={focusMode}
            onFocusModeChange={setFocusMode}
            autoFocus={autoFocus ? 'end' : false}
            className="entry-editor"
            ariaLabel="Entry text"
            placeholder={locked ? '' : local.kind === 'daily' ? 'What happened today? Type [[ to link, #tag to tag.' : undefined}
          />
          {!locked && !focusMode && <WroteBeforeHint store={store} bodyRef={bodyRef} entryId={entry.id} />}
        </div>
      </div>
      {!focusMode && aside}
    </div>
  );
}

function pickUnsaved(unsaved: EntryFields, dropped: EntryFields): Partial<LocalState> {
  const out: Partial<LocalState> = {};
  for (const [k, v] of Object.entries(unsaved)) if (!(k in dropped)) (out as Record<string, unknown>)[k] = v;
  return out;
}

function TitleInput({
  value,
  placeholder,
  onChange,
  onCommit,
}: {
  value: string;
  placeholder: string;
  onChange(v: string): void;
  onCommit(v: string): void;
}) {
  return (
    <input
      className="entry-title"
      type="text"
      aria-label="Title"
      placeholder={placeholder}
      value={value}
      maxLength={300}
      onChange={(e) => onChange(e.target.value.replace(/\[\[|\]\]|\|/g, ''))}
      onBlur={(e) => onCommit(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          onCommit((e.target as HTMLInputElement).value);
          (document.querySelector('.entry-editor .folio-editor__content') as HTMLElement | null)?.focus();
        }
      }}
    />
  );
}

/** "You wrote about this before", fed the text as it is typed (re-rendered by the status store, not the whole view). */
function WroteBeforeHint({
  store,
  bodyRef,
  entryId,
}: {
  store: { get(): unknown; subscribe(fn: () => void): () => void };
  bodyRef: { current: string };
  entryId: string;
}) {
  useSyncExternalStore(store.subscribe, store.get);
  return <YouWroteBefore text={bodyRef.current} excludeId={entryId} />;
}

function StatusLine({
  store,
  onRetry,
}: {
  store: { get(): { status: SaveStatus; words: WordCount | null }; subscribe(fn: () => void): () => void };
  onRetry(): void;
}) {
  const { status, words } = useSyncExternalStore(store.subscribe, store.get);
  const label = useMemo(() => {
    switch (status.state) {
      case 'saved':
        return 'Saved';
      case 'dirty':
      case 'saving':
        return 'Saving…';
      case 'offline':
        return 'Offline, kept locally';
      case 'conflict':
        return 'Changed elsewhere';
      case 'error':
        return 'Not saved';
    }
  }, [status.state]);
  return (
    <span className="status-line">
      {words && (
        <span
          className="word-count"
          title={`${plural(words.characters, 'character')} (${plural(words.charactersNoSpaces, 'character')} without spaces)`}
        >
          {plural(words.words, 'word')}
        </span>
      )}
      <span
        className={`save-status save-${status.state}`}
        role="status"
        aria-live="polite"
        title={status.message ?? label}
        data-state={status.state}
      >
        <span className="save-dot" aria-hidden />
        {label}
      </span>
      {status.state === 'offline' && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </span>
  );
}

function LockedNotice({ onAdd }: { onAdd(text: string): Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="locked-notice"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setBusy(true);
        try {
          await onAdd(text.trim());
          setText('');
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="locked-text">
        <Icon name="lock" size={14} /> This entry is locked as past. Its text stays as written; add a dated edit note instead.
      </div>
      <div className="locked-form">
        <textarea
          aria-label="Edit note"
          rows={2}
          placeholder="What would you add or correct today?"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button small primary" disabled={busy || !text.trim()}>
          Add edit note
        </button>
      </div>
    </form>
  );
}
