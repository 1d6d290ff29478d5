import type { Node as PMNode } from '@tiptap/pm/model';

export interface WordCount {
  /** Words: each CJK character (Han, kana) counts as one word, other text counts runs of letters/digits. */
  words: number;
  /** Characters including spaces (code points; line breaks between blocks are not counted). */
  characters: number;
  /** Characters without whitespace (what Chinese writers call 字数). */
  charactersNoSpaces: number;
}

export const EMPTY_WORD_COUNT: WordCount = Object.freeze({ words: 0, characters: 0, charactersNoSpaces: 0 });

// Han (incl. extensions), Hiragana, Katakana, CJK punctuation is not a word. Hangul is written with
// spaces between words, so it is counted like Latin text.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’\-.][\p{L}\p{N}\p{M}]+)*/gu;
const WHITESPACE = /\s/gu;

export function countWords(text: string): WordCount {
  if (!text) return { ...EMPTY_WORD_COUNT };
  let cjk = 0;
  const rest = text.replace(CJK, () => {
    cjk += 1;
    return ' ';
  });
  const words = cjk + (rest.match(WORD)?.length ?? 0);
  let characters = 0;
  for (const _ of text) characters += 1;
  const spaces = text.match(WHITESPACE)?.length ?? 0;
  return { words, characters, charactersNoSpaces: characters - spaces };
}

function add(a: WordCount, b: WordCount): WordCount {
  return {
    words: a.words + b.words,
    characters: a.characters + b.characters,
    charactersNoSpaces: a.charactersNoSpaces + b.charactersNoSpaces,
  };
}

const cache = new WeakMap<PMNode, WordCount>();

/** Visible text of a textblock: wikilinks count as their label, images and line breaks as a space. */
function textblockText(node: PMNode): string {
  let text = '';
  node.forEach((child) => {
    if (child.isText) text += child.text ?? '';
    else if (child.type.name === 'wikilink') text += String(child.attrs.alias || child.attrs.target || '');
    else text += ' ';
  });
  return text;
}

/** Word count of a document; per-block results are cached, so recounting after a keystroke is cheap. */
export function docWordCount(node: PMNode): WordCount {
  const cached = cache.get(node);
  if (cached) return cached;
  let result: WordCount;
  if (node.isTextblock) {
    result = countWords(textblockText(node));
  } else {
    result = { ...EMPTY_WORD_COUNT };
    node.forEach((child) => {
      result = add(result, docWordCount(child));
    });
  }
  cache.set(node, result);
  return result;
}
