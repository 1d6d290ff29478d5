import { useEditorState } from '@tiptap/react';
import type { Editor } from '@tiptap/react';
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode, Ref } from 'react';

import { ariaShortcut, SHORTCUTS, shortcutLabel } from './editor-keymap';

type ShortcutName = keyof typeof SHORTCUTS;

interface Tool {
  id: string;
  label: string;
  icon: ReactNode;
  shortcut?: ShortcutName;
  active?: boolean;
  disabled?: boolean;
  run: () => void;
}

const svg = (d: ReactNode) => (
  <svg
    viewBox="0 0 16 16"
    width="16"
    height="16"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.5"
    strokeLinecap="round"
    strokeLinejoin="round"
  >
    {d}
  </svg>
);

const text = (t: string, className?: string) => (
  <span aria-hidden="true" className={className}>
    {t}
  </span>
);

const ICONS = {
  link: svg(
    <>
      <path d="M6.5 9.5l3-3" />
      <path d="M7 4.5l1-1a2.8 2.8 0 014 4l-1 1" />
      <path d="M9 11.5l-1 1a2.8 2.8 0 01-4-4l1-1" />
    </>,
  ),
  bullet: svg(
    <>
      <circle cx="3" cy="4" r=".8" fill="currentColor" />
      <circle cx="3" cy="8" r=".8" fill="currentColor" />
      <circle cx="3" cy="12" r=".8" fill="currentColor" />
      <path d="M6 4h8M6 8h8M6 12h8" />
    </>,
  ),
  ordered: svg(
    <>
      <path d="M2.5 3h1v3M2.5 6h2M2.3 9.5h1.5l-1.5 2.5h1.7" />
      <path d="M7 4h7M7 8h7M7 12h7" />
    </>,
  ),
  task: svg(
    <>
      <rect x="1.8" y="2.8" width="4" height="4" rx=".8" />
      <path d="M2.6 4.8l.9.9 1.6-1.8" />
      <rect x="1.8" y="9.2" width="4" height="4" rx=".8" />
      <path d="M8 5h6M8 11h6" />
    </>,
  ),
  quote: svg(
    <>
      <path d="M3 4v8" />
      <path d="M6 5h7M6 8h7M6 11h5" />
    </>,
  ),
  codeBlock: svg(
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M6 6.5L4.5 8 6 9.5M10 6.5L11.5 8 10 9.5" />
    </>,
  ),
  table: svg(
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1" />
      <path d="M1.5 6h13M1.5 9.7h13M6 6v7.5M10 6v7.5" />
    </>,
  ),
  lock: svg(
    <>
      <rect x="3" y="7" width="10" height="7" rx="1.2" />
      <path d="M5 7V5a3 3 0 016 0v2" />
    </>,
  ),
  undo: svg(
    <>
      <path d="M5 3L2 6l3 3" />
      <path d="M2 6h7a4 4 0 010 8H7" />
    </>,
  ),
  redo: svg(
    <>
      <path d="M11 3l3 3-3 3" />
      <path d="M14 6H7a4 4 0 000 8h2" />
    </>,
  ),
  focus: svg(
    <>
      <path d="M2 5V2h3M11 2h3v3M14 11v3h-3M5 14H2v-3" />
      <circle cx="8" cy="8" r="2" />
    </>,
  ),
};

export interface EditorToolbarProps {
  editor: Editor;
  onOpenLinkEditor: () => void;
  toolbarRef?: Ref<HTMLDivElement>;
  /** Shown when the host lets the toolbar switch focus mode. */
  focusMode?: boolean;
  onToggleFocusMode?: () => void;
}

/**
 * Formatting toolbar. One tab stop: arrow keys move between buttons (WAI-ARIA toolbar pattern),
 * Escape returns to the text, Alt-F10 in the text comes back here.
 */
export function EditorToolbar({ editor, onOpenLinkEditor, toolbarRef, focusMode, onToggleFocusMode }: EditorToolbarProps) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      strike: e.isActive('strike'),
      highlight: e.isActive('highlight'),
      code: e.isActive('code'),
      link: e.isActive('link'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      taskList: e.isActive('taskList'),
      blockquote: e.isActive('blockquote'),
      codeBlock: e.isActive('codeBlock'),
      privateBlock: e.isActive('privateBlock'),
      table: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const [focusIndex, setFocusIndex] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const chain = () => editor.chain().focus();
  const off = !s.editable;
  const groups: Tool[][] = [
    [
      { id: 'undo', label: 'Undo', icon: ICONS.undo, disabled: off || !s.canUndo, run: () => chain().undo().run() },
      { id: 'redo', label: 'Redo', icon: ICONS.redo, disabled: off || !s.canRedo, run: () => chain().redo().run() },
    ],
    [
      {
        id: 'bold',
        label: 'Bold',
        icon: text('B', 'is-bold'),
        shortcut: 'bold',
        active: s.bold,
        run: () => chain().toggleBold().run(),
      },
      {
        id: 'italic',
        label: 'Italic',
        icon: text('I', 'is-italic'),
        shortcut: 'italic',
        active: s.italic,
        run: () => chain().toggleItalic().run(),
      },
      {
        id: 'strike',
        label: 'Strikethrough',
        icon: text('S', 'is-strike'),
        shortcut: 'strike',
        active: s.strike,
        run: () => chain().toggleStrike().run(),
      },
      {
        id: 'highlight',
        label: 'Highlight',
        icon: text('H', 'is-highlight'),
        shortcut: 'highlight',
        active: s.highlight,
        run: () => chain().toggleHighlight().run(),
      },
      {
        id: 'code',
        label: 'Inline code',
        icon: text('`', 'is-mono'),
        shortcut: 'code',
        active: s.code,
        run: () => chain().toggleCode().run(),
      },
      { id: 'link', label: 'Link', icon: ICONS.link, shortcut: 'link', active: s.link, run: onOpenLinkEditor },
    ],
    [
      {
        id: 'h1',
        label: 'Heading 1',
        icon: text('H1'),
        shortcut: 'heading1',
        active: s.h1,
        run: () => chain().toggleHeading({ level: 1 }).run(),
      },
      {
        id: 'h2',
        label: 'Heading 2',
        icon: text('H2'),
        shortcut: 'heading2',
        active: s.h2,
        run: () => chain().toggleHeading({ level: 2 }).run(),
      },
      {
        id: 'h3',
        label: 'Heading 3',
        icon: text('H3'),
        shortcut: 'heading3',
        active: s.h3,
        run: () => chain().toggleHeading({ level: 3 }).run(),
      },
    ],
    [
      {
        id: 'bulletList',
        label: 'Bulleted list',
        icon: ICONS.bullet,
        shortcut: 'bulletList',
        active: s.bulletList,
        run: () => chain().toggleBulletList().run(),
      },
      {
        id: 'orderedList',
        label: 'Numbered list',
        icon: ICONS.ordered,
        shortcut: 'orderedList',
        active: s.orderedList,
        run: () => chain().toggleOrderedList().run(),
      },
      {
        id: 'taskList',
        label: 'Task list',
        icon: ICONS.task,
        shortcut: 'taskList',
        active: s.taskList,
        run: () => chain().toggleTaskList().run(),
      },
      {
        id: 'blockquote',
        label: 'Quote',
        icon: ICONS.quote,
        shortcut: 'blockquote',
        active: s.blockquote,
        run: () => chain().toggleBlockquote().run(),
      },
      {
        id: 'codeBlock',
        label: 'Code block',
        icon: ICONS.codeBlock,
        shortcut: 'codeBlock',
        active: s.codeBlock,
        run: () => chain().toggleCodeBlock().run(),
      },
      {
        id: 'table',
        label: 'Insert table',
        icon: ICONS.table,
        shortcut: 'insertTable',
        active: s.table,
        disabled: off || s.table,
        run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      },
      {
        id: 'privateBlock',
        label: 'Private block (never published)',
        icon: ICONS.lock,
        shortcut: 'privateBlock',
        active: s.privateBlock,
        run: () => chain().togglePrivateBlock().run(),
      },
    ],
  ];
  if (s.table) {
    groups.push([
      {
        id: 'rowBefore',
        label: 'Add row above',
        icon: text('↑+'),
        shortcut: 'addRowBefore',
        run: () => chain().addRowBefore().run(),
      },
      {
        id: 'rowAfter',
        label: 'Add row below',
        icon: text('↓+'),
        shortcut: 'addRowAfter',
        run: () => chain().addRowAfter().run(),
      },
      {
        id: 'colBefore',
        label: 'Add column left',
        icon: text('←+'),
        shortcut: 'addColumnBefore',
        run: () => chain().addColumnBefore().run(),
      },
      {
        id: 'colAfter',
        label: 'Add column right',
        icon: text('→+'),
        shortcut: 'addColumnAfter',
        run: () => chain().addColumnAfter().run(),
      },
      { id: 'deleteRow', label: 'Delete row', icon: text('−row'), shortcut: 'deleteRow', run: () => chain().deleteRow().run() },
      {
        id: 'deleteColumn',
        label: 'Delete column',
        icon: text('−col'),
        shortcut: 'deleteColumn',
        run: () => chain().deleteColumn().run(),
      },
      {
        id: 'deleteTable',
        label: 'Delete table',
        icon: text('✕'),
        shortcut: 'deleteTable',
        run: () => chain().deleteTable().run(),
      },
    ]);
  }
  if (onToggleFocusMode) {
    groups.push([{ id: 'focusMode', label: 'Focus mode', icon: ICONS.focus, active: !!focusMode, run: onToggleFocusMode }]);
  }

  const tools = groups.flat();
  const current = Math.min(focusIndex, tools.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let next: number;
    if (e.key === 'ArrowRight') next = (current + 1) % tools.length;
    else if (e.key === 'ArrowLeft') next = (current - 1 + tools.length) % tools.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tools.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      editor.commands.focus();
      return;
    } else return;
    e.preventDefault();
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  let index = -1;
  return (
    <div
      ref={toolbarRef}
      className="folio-editor__toolbar"
      role="toolbar"
      aria-label="Formatting"
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
    >
      {groups.map((group, g) => (
        <div key={g} className="folio-editor__toolbar-group" role="group">
          {group.map((tool) => {
            index += 1;
            const i = index;
            const shortcut = tool.shortcut ? SHORTCUTS[tool.shortcut] : undefined;
            const disabled = tool.disabled ?? (off && tool.id !== 'focusMode');
            return (
              <button
                key={tool.id}
                ref={(el) => {
                  buttons.current[i] = el;
                }}
                type="button"
                className={`folio-editor__tool${tool.active ? ' is-active' : ''}`}
                tabIndex={i === current ? 0 : -1}
                aria-label={tool.label}
                aria-pressed={tool.id === 'undo' || tool.id === 'redo' || tool.id === 'table' ? undefined : !!tool.active}
                aria-keyshortcuts={shortcut ? ariaShortcut(shortcut) : undefined}
                title={shortcut ? `${tool.label} (${shortcutLabel(shortcut)})` : tool.label}
                // aria-disabled keeps the button focusable, so the toolbar never loses its tab stop.
                aria-disabled={disabled || undefined}
                onFocus={() => setFocusIndex(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (!disabled) tool.run();
                }}
              >
                {tool.icon}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
