import { Extension } from '@tiptap/core';

import type { EditorBridge } from './editor-bridge';

/**
 * Shortcuts that TipTap does not define itself. The rest come from the extensions:
 * Mod-B bold, Mod-I italic, Mod-Shift-S strike, Mod-Shift-H highlight, Mod-E code,
 * Mod-Alt-0..6 paragraph/headings, Mod-Shift-7/8/9 ordered/bullet/task list, Mod-Shift-B quote,
 * Mod-Alt-C code block, Mod-Alt-P private block, Mod-Z/Mod-Shift-Z undo/redo.
 */
export const SHORTCUTS = {
  bold: 'Mod-b',
  italic: 'Mod-i',
  strike: 'Mod-Shift-s',
  highlight: 'Mod-Shift-h',
  code: 'Mod-e',
  // Mod-K is the app's command palette everywhere, the editor included.
  link: 'Mod-Alt-k',
  paragraph: 'Mod-Alt-0',
  heading1: 'Mod-Alt-1',
  heading2: 'Mod-Alt-2',
  heading3: 'Mod-Alt-3',
  bulletList: 'Mod-Shift-8',
  orderedList: 'Mod-Shift-7',
  taskList: 'Mod-Shift-9',
  blockquote: 'Mod-Shift-b',
  codeBlock: 'Mod-Alt-c',
  privateBlock: 'Mod-Alt-p',
  insertTable: 'Mod-Alt-t',
  addRowAfter: 'Alt-Shift-ArrowDown',
  addRowBefore: 'Alt-Shift-ArrowUp',
  addColumnAfter: 'Alt-Shift-ArrowRight',
  addColumnBefore: 'Alt-Shift-ArrowLeft',
  deleteRow: 'Alt-Shift-Backspace',
  deleteColumn: 'Alt-Shift-Delete',
  deleteTable: 'Mod-Alt-Shift-Backspace',
  wikilink: 'Mod-Shift-k',
  focusToolbar: 'Alt-F10',
} as const;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Human-readable form of a shortcut for tooltips and aria-keyshortcuts. */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('-')
    .map((part) => {
      if (part === 'Mod') return isMac ? '⌘' : 'Ctrl';
      if (part === 'Alt') return isMac ? '⌥' : 'Alt';
      if (part === 'Shift') return isMac ? '⇧' : 'Shift';
      if (part.startsWith('Arrow')) return { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' }[part] ?? part;
      return part.length === 1 ? part.toUpperCase() : part;
    })
    .join(isMac ? '' : '+');
}

/** aria-keyshortcuts wants e.g. "Control+B". */
export function ariaShortcut(shortcut: string): string {
  return shortcut
    .split('-')
    .map((part) => (part === 'Mod' ? (isMac ? 'Meta' : 'Control') : part.length === 1 ? part.toUpperCase() : part))
    .join('+');
}

export function createEditorKeymap(bridge: EditorBridge) {
  return Extension.create({
    name: 'folioKeymap',
    addKeyboardShortcuts() {
      const c = () => this.editor.chain().focus();
      return {
        [SHORTCUTS.link]: () => {
          bridge.openLinkEditor();
          return true;
        },
        [SHORTCUTS.focusToolbar]: () => {
          bridge.focusToolbar();
          return true;
        },
        [SHORTCUTS.wikilink]: () => this.editor.chain().focus().insertContent('[[').run(),
        [SHORTCUTS.insertTable]: () => c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        [SHORTCUTS.addRowAfter]: () => c().addRowAfter().run(),
        [SHORTCUTS.addRowBefore]: () => c().addRowBefore().run(),
        [SHORTCUTS.addColumnAfter]: () => c().addColumnAfter().run(),
        [SHORTCUTS.addColumnBefore]: () => c().addColumnBefore().run(),
        [SHORTCUTS.deleteRow]: () => c().deleteRow().run(),
        [SHORTCUTS.deleteColumn]: () => c().deleteColumn().run(),
        [SHORTCUTS.deleteTable]: () => c().deleteTable().run(),
      };
    },
  });
}
