import { Extension } from '@tiptap/core';
import { Slice } from '@tiptap/pm/model';
import type { Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

import type { EditorBridge } from './editor-bridge';
import { markdownToDoc } from './markdown';
import { hasSemanticHtml, looksLikeMarkdown, sanitizePastedHtml } from './sanitize-html';

/**
 * Clipboard and drag-and-drop:
 * - image files (pasted screenshots, dropped files) go to `onUploadImage`; a placeholder marks the
 *   spot while the app stores the file content-addressed, then the returned `src` is inserted there;
 * - pasted HTML is sanitised (DOMPurify) before ProseMirror parses it;
 * - plain text that looks like markdown (or code-editor HTML carrying it) is parsed as markdown.
 */

const uploadKey = new PluginKey<DecorationSet>('folioUploads');

type UploadMeta = { add: { id: object; pos: number } } | { remove: { id: object } };

function findPlaceholder(state: EditorState, id: object): number | null {
  const set = uploadKey.getState(state);
  const found = set?.find(undefined, undefined, (spec) => spec.id === id);
  return found?.length ? found[0]!.from : null;
}

function placeholderWidget(name: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'folio-upload-placeholder';
  el.setAttribute('role', 'status');
  el.textContent = `Uploading ${name}…`;
  return el;
}

export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files: File[] = [];
  for (const file of Array.from(data.files ?? [])) if (file.type.startsWith('image/')) files.push(file);
  if (!files.length) {
    for (const item of Array.from(data.items ?? [])) {
      if (item.kind === 'file' && item.type.startsWith('image/')) {
        const f = item.getAsFile();
        if (f) files.push(f);
      }
    }
  }
  return files;
}

function altFromName(name: string): string {
  return name
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[_-]+/g, ' ')
    .trim();
}

export function uploadImages(view: EditorView, bridge: EditorBridge, files: File[], at: number): void {
  for (const file of files) {
    const id = {};
    const tr = view.state.tr.setMeta(uploadKey, { add: { id, pos: at } } satisfies UploadMeta);
    if (!view.state.selection.empty && at === view.state.selection.from) tr.deleteSelection();
    view.dispatch(tr);
    bridge
      .onUploadImage(file)
      .then((result) => {
        if (view.isDestroyed) return;
        const pos = findPlaceholder(view.state, id);
        const remove = view.state.tr.setMeta(uploadKey, { remove: { id } } satisfies UploadMeta);
        if (pos === null) {
          view.dispatch(remove);
          return;
        }
        const { schema } = view.state;
        const image = schema.nodes.image!.create({ src: result.src, alt: result.alt ?? altFromName(file.name) ?? null });
        const $pos = view.state.doc.resolve(pos);
        const node = $pos.parent.inlineContent ? image : schema.nodes.paragraph!.create(null, image);
        view.dispatch(remove.insert(pos, node));
      })
      .catch((error: unknown) => {
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(uploadKey, { remove: { id } } satisfies UploadMeta));
        bridge.onError(error, `uploading ${file.name}`);
      });
  }
}

/** Does clipboard HTML carry any visible text (more than a bare <img>)? */
function htmlHasText(html: string): boolean {
  if (!html) return false;
  const template = document.createElement('template');
  template.innerHTML = sanitizePastedHtml(html);
  return (template.content.textContent ?? '').trim() !== '';
}

/** Markdown text → a slice ready to replace the selection (single paragraphs merge inline). */
export function markdownSlice(text: string, schema: Schema): Slice {
  const doc = markdownToDoc(text, schema);
  return Slice.maxOpen(doc.content);
}

export function createPasteDrop(bridge: EditorBridge) {
  return Extension.create({
    name: 'folioPasteDrop',

    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: uploadKey,
          state: {
            init: () => DecorationSet.empty,
            apply(tr, set) {
              let next = set.map(tr.mapping, tr.doc);
              const meta = tr.getMeta(uploadKey) as UploadMeta | undefined;
              if (meta && 'add' in meta) {
                const widget = Decoration.widget(meta.add.pos, () => placeholderWidget('image'), { id: meta.add.id });
                next = next.add(tr.doc, [widget]);
              } else if (meta && 'remove' in meta) {
                next = next.remove(next.find(undefined, undefined, (spec) => spec.id === meta.remove.id));
              }
              return next;
            },
          },
          props: {
            decorations: (state) => uploadKey.getState(state),
            transformPastedHTML: (html) => sanitizePastedHtml(html),
            handlePaste(view, event) {
              const data = event.clipboardData;
              const files = imageFiles(data);
              const html = data?.getData('text/html') ?? '';
              // Screenshots and "Copy image" arrive as files (the latter with an <img> in HTML too):
              // store the file. Files next to real HTML content (a copied web page) are left to it.
              if (files.length && !htmlHasText(html)) {
                event.preventDefault();
                uploadImages(view, bridge, files, view.state.selection.from);
                return true;
              }
              const { $from } = view.state.selection;
              if ($from.parent.type.spec.code) return false;
              const text = data?.getData('text/plain') ?? '';
              if (text && looksLikeMarkdown(text) && (!html || !hasSemanticHtml(html))) {
                event.preventDefault();
                try {
                  view.dispatch(view.state.tr.replaceSelection(markdownSlice(text, view.state.schema)).scrollIntoView());
                  return true;
                } catch (error) {
                  bridge.onError(error, 'pasting markdown');
                  return false;
                }
              }
              return false;
            },
            handleDrop(view, event, _slice, moved) {
              if (moved) return false;
              const files = imageFiles(event.dataTransfer);
              if (!files.length) return false;
              event.preventDefault();
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
              uploadImages(view, bridge, files, at);
              return true;
            },
          },
        }),
      ];
    },
  });
}
