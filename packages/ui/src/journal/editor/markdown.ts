/**
 * Folio journal markdown: the storage format of entry bodies (front matter is stored separately and
 * never appears here). CommonMark + GFM (tables, task lists, strikethrough, autolinks) plus:
 *
 *   ==highlighted==          highlight mark. Opener not followed by space/"=", closer not preceded by space.
 *   [[Target]]               wikilink to an entry or paper, shown as a chip.
 *   [[Target|shown text]]    wikilink with an alias. Inside the brackets "\[", "\]", "\|", "\\" escape.
 *   - [ ] todo / - [x] done  task list items (GFM).
 *   #tag  #series/part       plain text; the editor only styles them. A tag starts after a space, line
 *                            start or opening punctuation, then letters/digits/CJK, "_", "-", "/".
 *   :::private               private block: everything up to a line that is exactly ":::" never leaves
 *   …markdown…               the machine (the publish step drops it). The opening and closing lines
 *   :::                      start at column 0 of their container (inside a list item: at the item's
 *                            content indent); nested ":::name" containers and fenced code are skipped
 *                            when looking for the close; an unclosed block runs to the end (fail closed).
 *
 * Raw HTML is never rendered. A raw HTML block becomes an "htmlBlock" node holding the source verbatim
 * (shown as code); inline HTML becomes literal text, except <br> (line break) and <strong>/<b>, <em>/<i>,
 * <del>/<s>, <mark>, which map to marks. The serializer itself falls back to those tags only where
 * `**`/`*`/`~~`/`==` would not parse back (CommonMark flanking rules next to CJK punctuation).
 *
 * Normalisation done by one md → doc → md pass (afterwards the text is a fixed point):
 *   setext headings → ATX; `*`/`+` bullets → `-`; `__`/`_` → `**`/`*`; lists become tight; blank lines
 *   and empty paragraphs collapse; reference links become inline links (their definitions go);
 *   a bare URL becomes `<url>`; trailing/leading spaces on lines go; two-space hard breaks become `\`;
 *   multi-paragraph table cells join with <br>; merged table cells (colspan) are split; nested blocks
 *   inside table cells are flattened to one line of text.
 */
import type { JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import type { Schema } from '@tiptap/pm/model';

import { markdownToBlocks, markdownToJSON } from './markdown-parse';
import { serializeDoc } from './markdown-serialize';
import { getEditorSchema } from './schema';

export { markdownToJSON } from './markdown-parse';

/** Parse markdown into a ProseMirror document of the editor schema. Never throws on odd input. */
export function markdownToDoc(markdown: string, schema: Schema = getEditorSchema()): PMNode {
  const json = markdownToJSON(markdown);
  try {
    const doc = schema.nodeFromJSON(json);
    doc.check();
    return doc;
  } catch (error) {
    // The mapping above should always produce a valid document; if it ever does not, keep every
    // character as plain paragraphs rather than losing the entry.
    console.error('[folio editor] markdown did not fit the schema; loading it as plain text', error);
    const paragraphs = markdown
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => schema.node('paragraph', null, schema.text(p)));
    return schema.node('doc', null, paragraphs.length ? paragraphs : [schema.node('paragraph')]);
  }
}

/** Serialise a document (a ProseMirror node or its JSON) to markdown. */
export function docToMarkdown(doc: PMNode | JSONContent, schema: Schema = getEditorSchema()): string {
  const node = doc instanceof PMNode ? doc : schema.nodeFromJSON(doc);
  return serializeDoc(node);
}

/** Markdown for pasting: block JSON ready for `insertContent`. */
export function markdownToContent(markdown: string): JSONContent[] {
  return markdownToBlocks(markdown);
}

/** md → doc → md once: the canonical form of a markdown text in this dialect. */
export function normalizeMarkdown(markdown: string): string {
  return docToMarkdown(markdownToDoc(markdown));
}
