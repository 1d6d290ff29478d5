import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/**
 * `#tag` and `#series/part` stay plain text in the document; this only styles them. A tag starts at
 * a line start, after whitespace or after opening/CJK punctuation, and must contain a letter (so
 * "#1" or "C#" is not a tag).
 */
const TAG = /(^|[\s([{（【「『《，。、；：！？,;:!?])#([\p{L}\p{N}_][\p{L}\p{N}\p{M}_\-/]*)/gu;

export interface TagMatch {
  /** Offset of the "#" in the text. */
  index: number;
  /** Tag without the "#", e.g. "series/part". */
  tag: string;
}

export function findTags(text: string): TagMatch[] {
  const out: TagMatch[] = [];
  for (const m of text.matchAll(TAG)) {
    const tag = (m[2] ?? '').replace(/[-/]+$/, '');
    if (!/\p{L}/u.test(tag)) continue;
    out.push({ index: (m.index ?? 0) + (m[1]?.length ?? 0), tag });
  }
  return out;
}

const OBJECT = '\ufffc';

function blockDecorations(block: PMNode, start: number): Decoration[] {
  if (block.type.spec.code) return [];
  let text = '';
  block.forEach((child) => {
    const excluded = !child.isText || child.marks.some((m) => m.type.name === 'code' || m.type.name === 'link');
    text += excluded ? OBJECT.repeat(child.isText ? (child.text ?? '').length : child.nodeSize) : (child.text ?? '');
  });
  return findTags(text).map(({ index, tag }) =>
    Decoration.inline(start + index, start + index + tag.length + 1, {
      class: 'folio-tag',
      'data-tag': tag,
      nodeName: 'span',
    }),
  );
}

function decorateRange(doc: PMNode, from: number, to: number): Decoration[] {
  const out: Decoration[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      out.push(...blockDecorations(node, pos + 1));
      return false;
    }
    return true;
  });
  return out;
}

/** Ranges in the new document touched by a transaction. */
function changedRanges(tr: Transaction): [number, number][] {
  const ranges: [number, number][] = [];
  tr.mapping.maps.forEach((map, i) => {
    const rest = tr.mapping.slice(i + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
    });
  });
  return ranges;
}

const key = new PluginKey<DecorationSet>('folioTags');

export const TagDecorations = Extension.create({
  name: 'folioTags',

  addProseMirrorPlugins() {
    // While an input method is composing we only map the decorations: changing the spans around the
    // text being composed makes Chinese/Japanese IMEs drop or duplicate input.
    let composing = false;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => DecorationSet.create(state.doc, decorateRange(state.doc, 0, state.doc.content.size)),
          apply(tr, set, _old, state) {
            const refresh = tr.getMeta(key) === 'refresh';
            if (!tr.docChanged && !refresh) return set;
            let next = set.map(tr.mapping, tr.doc);
            if (composing) return next;
            const ranges: [number, number][] = refresh ? [[state.selection.from, state.selection.to]] : changedRanges(tr);
            for (const [a, b] of ranges) {
              const from = Math.max(0, Math.min(a, b));
              const to = Math.min(state.doc.content.size, Math.max(a, b));
              const $from = state.doc.resolve(from);
              const $to = state.doc.resolve(to);
              const blockFrom = $from.depth ? $from.start($from.depth) - 1 : from;
              const blockTo = $to.depth ? $to.end($to.depth) + 1 : to;
              next = next.remove(next.find(blockFrom, blockTo));
              next = next.add(state.doc, decorateRange(state.doc, blockFrom, Math.min(blockTo, state.doc.content.size)));
            }
            return next;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handleDOMEvents: {
            compositionstart: () => {
              composing = true;
              return false;
            },
            compositionend: (view) => {
              composing = false;
              // Let ProseMirror apply the composed text first.
              setTimeout(() => {
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, 'refresh'));
              }, 0);
              return false;
            },
          },
        },
      }),
    ];
  },
});
