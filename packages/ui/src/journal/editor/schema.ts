import { Extension, getSchema, InputRule, markInputRule, mergeAttributes, Node, wrappingInputRule } from '@tiptap/core';
import type { AnyExtension } from '@tiptap/core';
import { Code } from '@tiptap/extension-code';
import CodeBlockLowlight from '@tiptap/extension-code-block-lowlight';
import Highlight from '@tiptap/extension-highlight';
import Image from '@tiptap/extension-image';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

import { lowlight } from './code-languages';

/**
 * The editor's document schema. The same extension list builds the live editor and the headless schema
 * used by `markdownToDoc`/`docToMarkdown`, so the two can never disagree about which nodes exist.
 */

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    privateBlock: {
      /** Wrap the selected blocks in a private block, or lift them out of one. */
      togglePrivateBlock: () => ReturnType;
    };
    wikilink: {
      insertWikilink: (attrs: { target: string; alias?: string | null }) => ReturnType;
    };
  }
}

/** Characters a wikilink target may not keep literally (they are escaped in markdown). */
export function cleanWikiText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export const PrivateBlock = Node.create({
  name: 'privateBlock',
  group: 'block',
  content: 'block+',
  defining: true,

  parseHTML() {
    return [{ tag: 'div[data-private-block]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, {
        'data-private-block': '',
        class: 'folio-private-block',
        'aria-label': 'Private block',
      }),
      0,
    ];
  },

  addCommands() {
    return {
      togglePrivateBlock:
        () =>
        ({ editor, commands }) => {
          if (editor.isActive(this.name)) return commands.lift(this.name);
          // Markdown tables cannot hold a private block (see the serializer): wrap the table instead.
          if (editor.isActive('table')) return false;
          return commands.wrapIn(this.name);
        },
    };
  },

  addKeyboardShortcuts() {
    return { 'Mod-Alt-p': () => this.editor.commands.togglePrivateBlock() };
  },

  addInputRules() {
    return [wrappingInputRule({ find: /^:::private\s$/, type: this.type })];
  },
});

/** Raw HTML found in markdown: kept verbatim as monospace text, never rendered as HTML. */
export const HtmlBlock = Node.create({
  name: 'htmlBlock',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,

  parseHTML() {
    return [{ tag: 'pre[data-html-block]', preserveWhitespace: 'full' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'pre',
      mergeAttributes(HTMLAttributes, {
        'data-html-block': '',
        class: 'folio-html-block',
        'aria-label': 'Raw HTML (shown as text)',
      }),
      ['code', 0],
    ];
  },
});

const WIKILINK_TYPED = /\[\[((?:[^[\]|\n])+?)(?:\|([^[\]\n]+?))?\]\]$/;

export const Wikilink = Node.create({
  name: 'wikilink',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      target: {
        default: '',
        parseHTML: (el) => el.getAttribute('data-target') ?? '',
        renderHTML: (attrs) => ({ 'data-target': attrs.target }),
      },
      alias: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-alias'),
        renderHTML: (attrs) => (attrs.alias ? { 'data-alias': attrs.alias } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'a[data-wikilink]' }, { tag: 'span[data-wikilink]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const label = (node.attrs.alias as string | null) || (node.attrs.target as string);
    return [
      'a',
      mergeAttributes(HTMLAttributes, {
        'data-wikilink': '',
        class: 'folio-wikilink',
        href: '#',
        role: 'link',
        title: node.attrs.target as string,
      }),
      label,
    ];
  },

  renderText({ node }) {
    const alias = node.attrs.alias as string | null;
    return `[[${node.attrs.target as string}${alias ? `|${alias}` : ''}]]`;
  },

  addCommands() {
    return {
      insertWikilink:
        ({ target, alias }) =>
        ({ commands }) =>
          commands.insertContent({
            type: this.name,
            attrs: { target: cleanWikiText(target), alias: alias ? cleanWikiText(alias) : null },
          }),
    };
  },

  addInputRules() {
    const type = this.type;
    return [
      new InputRule({
        find: WIKILINK_TYPED,
        handler: ({ state, range, match }) => {
          const target = cleanWikiText(match[1] ?? '');
          if (!target) return null;
          const alias = match[2] ? cleanWikiText(match[2]) : null;
          state.tr.replaceWith(range.from, range.to, type.create({ target, alias }));
        },
      }),
    ];
  },
});

/**
 * Mark input rules that also fire right after CJK text. TipTap's own rules need a space before the
 * opening delimiter, which Chinese text never has (`中文**加粗**`).
 */
const CJK_BEFORE =
  '(?<=[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef])';
function cjkMarkRule(delim: string, markName: string) {
  // Only `*` is a regex syntax character; `\~` or `\=` would be invalid escapes in a /u regex.
  const d = delim.replace(/\*/g, '\\*');
  const c = delim[0] === '*' ? '\\*' : delim[0]!;
  return (schema: Schema) => {
    const type = schema.marks[markName];
    if (!type) return null;
    return markInputRule({
      find: new RegExp(`${CJK_BEFORE}(${d}(?!\\s)((?:[^${c}\\n])+?)${d})$`, 'u'),
      type,
    });
  };
}
const cjkRules = [
  cjkMarkRule('**', 'bold'),
  cjkMarkRule('*', 'italic'),
  cjkMarkRule('~~', 'strike'),
  cjkMarkRule('==', 'highlight'),
];

const CjkInputRules = Extension.create({
  name: 'cjkInputRules',
  addInputRules() {
    return cjkRules.map((make) => make(this.editor.schema)).filter((r): r is InputRule => r !== null);
  },
});

export interface SchemaExtensionOptions {
  /** Replaces the image node (the editor adds a node view that resolves `src`). */
  image?: AnyExtension;
  /** Replaces the code block node (the editor adds a React node view with a language picker). */
  codeBlock?: AnyExtension;
}

export const FOLIO_LINK_PROTOCOLS = ['folio', 'zotero', 'obsidian'];

export function baseImage() {
  return Image.configure({ inline: true, allowBase64: false });
}

export function baseCodeBlock() {
  return CodeBlockLowlight.configure({ lowlight, defaultLanguage: null, enableTabIndentation: true, tabSize: 4 });
}

/** The node/mark extensions that define the schema (no UI behaviour beyond keymaps and input rules). */
export function createSchemaExtensions(options: SchemaExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      codeBlock: false,
      underline: false,
      code: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        protocols: FOLIO_LINK_PROTOCOLS,
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
      },
      heading: { levels: [1, 2, 3, 4, 5, 6] },
    }),
    // Code may carry other marks (bold code, linked code): markdown can express [**`x`**](u).
    Code.extend({ excludes: '' }),
    Highlight.configure({ multicolor: false }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    options.image ?? baseImage(),
    options.codeBlock ?? baseCodeBlock(),
    PrivateBlock,
    HtmlBlock,
    Wikilink,
    CjkInputRules,
  ];
}

let headlessSchema: Schema | null = null;

/** The schema without an editor (parsing and serialising markdown in tests, import, export). */
export function getEditorSchema(): Schema {
  headlessSchema ??= getSchema(createSchemaExtensions());
  return headlessSchema;
}
