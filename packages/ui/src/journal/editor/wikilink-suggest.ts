import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

import type { EditorBridge, SuggestState } from './editor-bridge';

interface Trigger {
  from: number;
  to: number;
  query: string;
}

interface PluginState {
  trigger: Trigger | null;
  /** Start of a trigger the user dismissed with Escape; stays closed until the caret leaves it. */
  dismissedAt: number | null;
}

export const wikilinkSuggestKey = new PluginKey<PluginState>('folioWikilinkSuggest');

const OPEN = /\[\[([^[\]\n|]{0,80})$/;

/** `[[query` right before an empty selection, outside code. */
export function findTrigger(state: EditorState): Trigger | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const { $from } = selection;
  if (!$from.parent.inlineContent || $from.parent.type.spec.code) return null;
  if ($from.marks().some((m) => m.type.name === 'code')) return null;
  const before = $from.parent.textBetween(Math.max(0, $from.parentOffset - 100), $from.parentOffset, undefined, '\ufffc');
  const m = OPEN.exec(before);
  if (!m) return null;
  return { from: $from.pos - m[0].length, to: $from.pos, query: m[1] ?? '' };
}

export function createWikilinkSuggest(bridge: EditorBridge) {
  return Extension.create({
    name: 'folioWikilinkSuggest',

    addProseMirrorPlugins() {
      let lastSent: string | null = null;
      const notify = (view: EditorView) => {
        const st = wikilinkSuggestKey.getState(view.state);
        const trigger = st?.trigger && st.dismissedAt !== st.trigger.from && view.editable ? st.trigger : null;
        let next: SuggestState | null = null;
        if (trigger) {
          try {
            const c = view.coordsAtPos(trigger.from);
            next = { ...trigger, composing: view.composing, rect: { left: c.left, top: c.top, bottom: c.bottom } };
          } catch {
            next = null;
          }
        }
        const sig = next
          ? `${next.from}:${next.query}:${next.composing}:${Math.round(next.rect.left)}:${Math.round(next.rect.bottom)}`
          : '';
        if (sig === lastSent) return;
        lastSent = sig;
        bridge.onSuggest(next);
      };

      return [
        new Plugin<PluginState>({
          key: wikilinkSuggestKey,
          state: {
            init: () => ({ trigger: null, dismissedAt: null }),
            apply(tr, value, _old, state) {
              const meta = tr.getMeta(wikilinkSuggestKey) as { dismiss?: boolean } | undefined;
              const trigger = findTrigger(state);
              let dismissedAt = value.dismissedAt === null ? null : tr.mapping.map(value.dismissedAt);
              if (meta?.dismiss && trigger) dismissedAt = trigger.from;
              // Leaving the dismissed `[[` (or deleting it) re-arms the popup.
              if (!trigger || trigger.from !== dismissedAt) dismissedAt = null;
              return { trigger, dismissedAt };
            },
          },
          props: {
            handleKeyDown(view, event) {
              // Keys that confirm an IME candidate belong to the IME, never to the popup.
              if (event.isComposing || view.composing || event.keyCode === 229) return false;
              const st = wikilinkSuggestKey.getState(view.state);
              if (!st?.trigger || st.dismissedAt === st.trigger.from) return false;
              if (event.key === 'Escape') {
                view.dispatch(view.state.tr.setMeta(wikilinkSuggestKey, { dismiss: true }));
                return true;
              }
              if (['ArrowUp', 'ArrowDown', 'Enter', 'Tab'].includes(event.key) && !event.shiftKey && !event.altKey) {
                return bridge.suggestKey(event.key);
              }
              return false;
            },
            handleDOMEvents: {
              compositionend: (view) => {
                setTimeout(() => {
                  if (!view.isDestroyed) {
                    lastSent = null;
                    notify(view);
                  }
                }, 0);
                return false;
              },
              blur: (view) => {
                // Leave time for a click on the popup to land before closing it.
                setTimeout(() => {
                  if (!view.isDestroyed && !view.hasFocus()) {
                    lastSent = '';
                    bridge.onSuggest(null);
                  }
                }, 150);
                return false;
              },
            },
          },
          view: (view) => {
            notify(view);
            return {
              update: (v) => notify(v),
              destroy: () => bridge.onSuggest(null),
            };
          },
        }),
      ];
    },
  });
}
