import type { WordCount } from './word-count';

/** A wikilink autocomplete candidate, as returned by `searchLinks`. */
export interface LinkSuggestion {
  id: string;
  title: string;
  kind: 'entry' | 'paper';
  subtitle?: string;
  /** Text written between the brackets; defaults to `title`. */
  target?: string;
}

export interface UploadedImage {
  src: string;
  alt?: string;
}

/** Where the `[[` autocomplete is, for the popup. `null` when it is closed. */
export interface SuggestState {
  from: number;
  to: number;
  query: string;
  /** An input method is composing: the query may be unfinished pinyin/kana, do not search yet. */
  composing: boolean;
  /** Viewport coordinates of the `[[`. */
  rect: { left: number; top: number; bottom: number };
}

/**
 * The mutable link between the React component and the ProseMirror plugins. Plugins are created once
 * per editor; they read the current callbacks from here, so changing a prop never rebuilds the editor.
 */
export interface EditorBridge {
  onUploadImage: (file: File) => Promise<UploadedImage>;
  resolveImageSrc: (src: string) => string;
  onError: (error: unknown, context: string) => void;
  onWordCount: (count: WordCount) => void;
  placeholder: string;
  focusMode: boolean;
  typewriter: boolean;
  /** Set by the component: open the link editor (Mod-K). */
  openLinkEditor: () => void;
  /** Set by the component: move focus to the toolbar (Alt-F10). */
  focusToolbar: () => void;
  /** Set by the component: autocomplete popup state changed. */
  onSuggest: (state: SuggestState | null) => void;
  /** Set by the component: keys while the popup is open; return true when handled. */
  suggestKey: (key: string) => boolean;
}

export function createBridge(): EditorBridge {
  return {
    onUploadImage: () => Promise.reject(new Error('No image upload handler')),
    resolveImageSrc: (src) => src,
    onError: (error, context) => console.error(`[folio editor] ${context}`, error),
    onWordCount: () => {},
    placeholder: '',
    focusMode: false,
    typewriter: true,
    openLinkEditor: () => {},
    focusToolbar: () => {},
    onSuggest: () => {},
    suggestKey: () => false,
  };
}
