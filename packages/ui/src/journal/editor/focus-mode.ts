import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

import type { EditorBridge } from './editor-bridge';

const ITEM_TYPES = new Set(['listItem', 'taskItem']);
const key = new PluginKey('folioFocusMode');

/**
 * Marks the block holding the caret: the top-level block gets `is-focus-path`, and the innermost list
 * item (or the top-level block itself) gets `is-current-block`. CSS dims everything else when the
 * editor has the focus-mode class. Cost is O(depth) per update, not O(document).
 */
function currentBlockDecorations(state: EditorState): DecorationSet {
  const { $head } = state.selection;
  if ($head.depth < 1) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  const topFrom = $head.before(1);
  const topTo = $head.after(1);
  let current: [number, number] | null = null;
  for (let d = $head.depth; d >= 1; d -= 1) {
    if (ITEM_TYPES.has($head.node(d).type.name)) {
      current = [$head.before(d), $head.after(d)];
      break;
    }
  }
  decorations.push(Decoration.node(topFrom, topTo, { class: current ? 'is-focus-path' : 'is-focus-path is-current-block' }));
  if (current) decorations.push(Decoration.node(current[0], current[1], { class: 'is-current-block' }));
  return DecorationSet.create(state.doc, decorations);
}

function scrollParent(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p);
    if ((overflowY === 'auto' || overflowY === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return null;
}

/** Typewriter scrolling: keep the caret line near 40% of the viewport height while typing. */
function typewriterScroll(view: EditorView): void {
  if (!view.hasFocus()) return;
  let caret: { top: number; bottom: number };
  try {
    caret = view.coordsAtPos(view.state.selection.head);
  } catch {
    return;
  }
  const parent = scrollParent(view.dom);
  const viewTop = parent ? parent.getBoundingClientRect().top : 0;
  const viewHeight = parent ? parent.clientHeight : window.innerHeight;
  const target = viewTop + viewHeight * 0.4;
  const delta = (caret.top + caret.bottom) / 2 - target;
  if (Math.abs(delta) < 8) return;
  if (parent) parent.scrollTop += delta;
  else window.scrollBy(0, delta);
}

export function createFocusMode(bridge: EditorBridge) {
  return Extension.create({
    name: 'folioFocusMode',

    addProseMirrorPlugins() {
      return [
        new Plugin({
          key,
          props: {
            decorations: (state) => (bridge.focusMode ? currentBlockDecorations(state) : null),
          },
          view: () => ({
            update(view, prev) {
              if (!bridge.focusMode || !bridge.typewriter || view.composing) return;
              if (prev.selection.eq(view.state.selection) && prev.doc.eq(view.state.doc)) return;
              typewriterScroll(view);
            },
          }),
        }),
      ];
    },
  });
}

/** Re-run decorations after `bridge.focusMode` changed (no document change involved). */
export function refreshFocusMode(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(key, true).setMeta('addToHistory', false));
}
