import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { Ref } from 'react';

import './editor.css';
import { createBridge } from './editor-bridge';
import type { EditorBridge, LinkSuggestion, UploadedImage } from './editor-bridge';
import { createEditorExtensions } from './editor-extensions';
import { EditorToolbar } from './EditorToolbar';
import { refreshFocusMode } from './focus-mode';
import { LinkEditor } from './LinkEditor';
import { markdownToDoc } from './markdown';
import { serializeDoc } from './markdown-serialize';
import { markdownSlice } from './paste-drop';
import { docWordCount } from './word-count';
import type { WordCount } from './word-count';
import { WikilinkMenu } from './WikilinkMenu';

export interface EntryEditorProps {
  /** Entry body in Folio markdown. Changing it to something other than what the editor last emitted replaces the document. */
  markdown: string;
  /** Called after every document change with the new markdown (incrementally serialised; debounce/save is the caller's job). */
  onChange: (markdown: string) => void;
  /** Store a pasted/dropped image (content-addressed) and return the URL to write into the markdown. */
  onUploadImage: (file: File) => Promise<UploadedImage>;
  /** Map a stored image `src` to a displayable URL (the markdown keeps the stored form). */
  resolveImageSrc?: (src: string) => string;
  /** Wikilink autocomplete after `[[`. */
  searchLinks: (query: string) => Promise<LinkSuggestion[]>;
  /** A wikilink (plain click) or a URL (Mod-click, or click when read-only) was activated. */
  onOpenLink?: (target: string, kind: 'wikilink' | 'url') => void;
  /** A `#tag` was Mod-clicked (or clicked when read-only). Receives the tag without "#". */
  onOpenTag?: (tag: string) => void;
  /** Word count after load and after every change. */
  onWordCount?: (count: WordCount) => void;
  /** Upload or search failures; defaults to console.error. */
  onError?: (error: unknown, context: string) => void;
  readOnly?: boolean;
  /** Dim everything but the block being written. */
  focusMode?: boolean;
  /** With focus mode: keep the caret line at 40% of the viewport height. Default true. */
  typewriter?: boolean;
  /** Lets the toolbar's focus-mode button toggle the mode. */
  onFocusModeChange?: (focusMode: boolean) => void;
  placeholder?: string;
  autoFocus?: boolean | 'start' | 'end';
  className?: string;
  /** Show the formatting toolbar (default true). */
  toolbar?: boolean;
  /** Accessible name of the text area. */
  ariaLabel?: string;
  ref?: Ref<EntryEditorHandle>;
}

export interface EntryEditorHandle {
  /** Current markdown (serialised now, not from the last onChange). */
  getMarkdown: () => string;
  focus: (position?: 'start' | 'end') => void;
  /** Insert plain text at the caret (no markdown or HTML interpretation). */
  insertText: (text: string) => void;
  /** Insert markdown at the caret, formatted. */
  insertMarkdown: (markdown: string) => void;
  getWordCount: () => WordCount;
  /** The underlying TipTap editor, for integrations (null before mount). */
  getEditor: () => Editor | null;
}

/**
 * Folio's journal editor: TipTap with markdown as the storage format (see markdown.ts for the
 * dialect). Mount one per entry (`key={entry.id}`) so undo history never crosses entries.
 */
export function EntryEditor(props: EntryEditorProps) {
  const {
    markdown,
    readOnly = false,
    focusMode = false,
    typewriter = true,
    placeholder = 'Write…  Type [[ to link an entry or paper, #tag to tag.',
    autoFocus = false,
    className,
    toolbar = true,
    ariaLabel = 'Entry text',
    ref,
  } = props;

  const bridgeRef = useRef<EditorBridge | null>(null);
  bridgeRef.current ??= createBridge();
  const bridge = bridgeRef.current;
  // The plugins read callbacks from the bridge at call time. Assigning during render (rather than in
  // an effect) means the very first render of the editor already sees the right placeholder.
  bridge.onUploadImage = props.onUploadImage;
  bridge.resolveImageSrc = props.resolveImageSrc ?? ((src) => src);
  bridge.onError = props.onError ?? ((error, context) => console.error(`[folio editor] ${context}`, error));
  bridge.onWordCount = props.onWordCount ?? (() => {});
  bridge.placeholder = placeholder;
  bridge.focusMode = focusMode;
  bridge.typewriter = typewriter;

  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;
  const onOpenLinkRef = useRef(props.onOpenLink);
  onOpenLinkRef.current = props.onOpenLink;
  const onOpenTagRef = useRef(props.onOpenTag);
  onOpenTagRef.current = props.onOpenTag;
  /** The markdown the document currently corresponds to (last loaded or emitted). */
  const lastMarkdown = useRef(markdown);
  const contentId = useId();

  const [options] = useState(() => ({
    extensions: createEditorExtensions(bridge),
    content: markdownToDoc(markdown).toJSON(),
    editable: !readOnly,
    autofocus: autoFocus === true ? ('end' as const) : autoFocus || false,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id: contentId,
        class: 'folio-editor__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': ariaLabel,
        spellcheck: 'true',
      },
      handleDOMEvents: {
        // Never let the webview follow a link inside the document.
        click: (_view: unknown, event: MouseEvent) => {
          const a = (event.target as HTMLElement | null)?.closest?.('a');
          if (a) event.preventDefault();
          return false;
        },
      },
      handleClick: (view: { editable: boolean }, _pos: number, event: MouseEvent) => {
        const el = event.target as HTMLElement | null;
        if (!el?.closest) return false;
        const wiki = el.closest('[data-wikilink]');
        if (wiki) {
          const target = wiki.getAttribute('data-target');
          if (target) onOpenLinkRef.current?.(target, 'wikilink');
          return true;
        }
        const follow = !view.editable || event.metaKey || event.ctrlKey;
        if (!follow) return false;
        const tag = el.closest('[data-tag]');
        if (tag) {
          onOpenTagRef.current?.(tag.getAttribute('data-tag') ?? '');
          return true;
        }
        const a = el.closest('a[href]');
        if (a) {
          const href = a.getAttribute('href');
          if (href) onOpenLinkRef.current?.(href, 'url');
          return true;
        }
        return false;
      },
    },
    onCreate: ({ editor }: { editor: Editor }) => {
      bridge.onWordCount(docWordCount(editor.state.doc));
    },
    onUpdate: ({ editor }: { editor: Editor }) => {
      const md = serializeDoc(editor.state.doc);
      lastMarkdown.current = md;
      onChangeRef.current(md);
      bridge.onWordCount(docWordCount(editor.state.doc));
    },
  }));

  const editor = useEditor(options, []);

  // TipTap's autofocus waits for a timer and then an animation frame, so the text showed up a frame or
  // two before it took the keyboard. The view is in the page by now (EditorContent attaches it in its
  // own mount, which runs first) and the initial selection is already at the autofocus position:
  // focus it before the first paint. TipTap's later autofocus then finds it focused in the same place.
  const focusOnMount = useRef(options.autofocus);
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed || !focusOnMount.current || !editor.view.dom.isConnected) return;
    focusOnMount.current = false;
    editor.view.focus();
    editor.commands.scrollIntoView();
  }, [editor]);

  // Replace the document when the caller passes markdown the editor did not produce.
  useEffect(() => {
    if (!editor || markdown === lastMarkdown.current) return;
    lastMarkdown.current = markdown;
    const doc = markdownToDoc(markdown, editor.schema);
    if (doc.eq(editor.state.doc)) return;
    const replace = () => {
      if (editor.isDestroyed) return;
      const tr = editor.state.tr.replaceWith(0, editor.state.doc.content.size, doc.content);
      tr.setSelection(TextSelection.atStart(tr.doc));
      tr.setMeta('addToHistory', false).setMeta('preventUpdate', true);
      editor.view.dispatch(tr);
      bridge.onWordCount(docWordCount(editor.state.doc));
    };
    // React node views (code blocks) render with flushSync, which React refuses inside an effect.
    queueMicrotask(replace);
  }, [editor, markdown, bridge]);

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) refreshFocusMode(editor.view);
  }, [editor, focusMode]);

  const [linkEditorOpen, setLinkEditorOpen] = useState(false);
  const toolbarRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    bridge.openLinkEditor = () => {
      if (editor?.isEditable) setLinkEditorOpen(true);
    };
    bridge.focusToolbar = () => {
      toolbarRef.current?.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
    };
  }, [bridge, editor]);

  useImperativeHandle(
    ref,
    () => ({
      getMarkdown: () => (editor ? serializeDoc(editor.state.doc) : lastMarkdown.current),
      focus: (position) => editor?.commands.focus(position ?? null),
      insertText: (text) => {
        if (!editor) return;
        editor.view.dispatch(editor.state.tr.insertText(text).scrollIntoView());
      },
      insertMarkdown: (md) => {
        if (!editor) return;
        editor.view.dispatch(editor.state.tr.replaceSelection(markdownSlice(md, editor.schema)).scrollIntoView());
      },
      getWordCount: () => docWordCount(editor ? editor.state.doc : markdownToDoc(lastMarkdown.current)),
      getEditor: () => editor,
    }),
    [editor],
  );

  const onToggleFocusMode = props.onFocusModeChange;
  const toggleFocus = useCallback(() => onToggleFocusMode?.(!focusMode), [onToggleFocusMode, focusMode]);

  const classes = ['folio-editor'];
  if (focusMode) classes.push('folio-editor--focus');
  if (readOnly) classes.push('folio-editor--readonly');
  if (className) classes.push(className);

  return (
    <div className={classes.join(' ')}>
      {toolbar && editor && !readOnly && (
        <EditorToolbar
          editor={editor}
          toolbarRef={toolbarRef}
          onOpenLinkEditor={() => setLinkEditorOpen(true)}
          focusMode={focusMode}
          onToggleFocusMode={onToggleFocusMode ? toggleFocus : undefined}
        />
      )}
      <EditorContent editor={editor} className="folio-editor__body" />
      {editor && <WikilinkMenu editor={editor} bridge={bridge} searchLinks={props.searchLinks} />}
      {editor && linkEditorOpen && <LinkEditor editor={editor} onClose={() => setLinkEditorOpen(false)} />}
    </div>
  );
}
