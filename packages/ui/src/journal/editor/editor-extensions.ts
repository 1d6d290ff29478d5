import type { AnyExtension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Placeholder } from '@tiptap/extensions';
import { ReactNodeViewRenderer } from '@tiptap/react';

import { CodeBlockView } from './CodeBlockView';
import type { EditorBridge } from './editor-bridge';
import { createEditorKeymap } from './editor-keymap';
import { createFocusMode } from './focus-mode';
import { createPasteDrop } from './paste-drop';
import { baseCodeBlock, createSchemaExtensions } from './schema';
import { TagDecorations } from './tag-decorations';
import { createWikilinkSuggest } from './wikilink-suggest';

/**
 * Image node whose displayed URL goes through `resolveImageSrc`. The stored `src` (what markdown
 * keeps) travels in `data-folio-src`, so copy/paste inside Folio keeps the stored form. This is done
 * in renderHTML rather than a node view because ProseMirror renders the first frame before TipTap
 * installs node views, and the webview would already have requested the unresolved URL.
 */
function imageWithResolver(bridge: EditorBridge) {
  return Image.extend({
    addAttributes() {
      return {
        ...this.parent?.(),
        src: {
          default: null,
          parseHTML: (el: HTMLElement) => el.getAttribute('data-folio-src') ?? el.getAttribute('src'),
          renderHTML: (attrs: Record<string, unknown>) => {
            const src = typeof attrs.src === 'string' ? attrs.src : '';
            return src ? { src: bridge.resolveImageSrc(src), 'data-folio-src': src } : {};
          },
        },
      };
    },
  }).configure({
    inline: true,
    allowBase64: false,
    HTMLAttributes: { class: 'folio-image', loading: 'lazy', draggable: 'true' },
  });
}

export function createEditorExtensions(bridge: EditorBridge): AnyExtension[] {
  return [
    ...createSchemaExtensions({
      image: imageWithResolver(bridge),
      codeBlock: baseCodeBlock().extend({
        addNodeView() {
          return ReactNodeViewRenderer(CodeBlockView);
        },
      }),
    }),
    Placeholder.configure({ placeholder: () => bridge.placeholder, showOnlyCurrent: true }),
    TagDecorations,
    createFocusMode(bridge),
    createWikilinkSuggest(bridge),
    createPasteDrop(bridge),
    createEditorKeymap(bridge),
  ];
}
