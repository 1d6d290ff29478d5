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

/** Image node whose displayed URL goes through `resolveImageSrc` (the stored `src` is unchanged). */
function imageWithResolver(bridge: EditorBridge) {
  return Image.extend({
    addNodeView() {
      return ({ node }) => {
        const img = document.createElement('img');
        img.className = 'folio-image';
        img.draggable = true;
        img.loading = 'lazy';
        const apply = (attrs: Record<string, unknown>) => {
          const src = typeof attrs.src === 'string' ? attrs.src : '';
          img.src = src ? bridge.resolveImageSrc(src) : '';
          img.alt = typeof attrs.alt === 'string' ? attrs.alt : '';
          if (typeof attrs.title === 'string' && attrs.title) img.title = attrs.title;
          else img.removeAttribute('title');
        };
        apply(node.attrs);
        return {
          dom: img,
          update: (next) => {
            if (next.type !== node.type) return false;
            apply(next.attrs);
            return true;
          },
        };
      };
    },
  }).configure({ inline: true, allowBase64: false });
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
