// Word counting for mixed English/CJK text: every run of letters/digits in an alphabetic script
// (joined by apostrophes, hyphens or dots: "don't", "state-of-the-art", "3.5") is one word, and
// every Chinese character or Japanese kana is one word, as CJK word counts are usually quoted.

const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+(?:['’\-.](?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+)*/gu;

export interface WordCount {
  words: number;
  /** How many of `words` are CJK characters. */
  cjk: number;
}

export function countWordsDetailed(text: string): WordCount {
  let words = 0;
  let cjk = 0;
  for (const m of text.matchAll(TOKEN)) {
    words++;
    if (m[0].length <= 2 && HAN_KANA.test(m[0])) cjk++;
  }
  return { words, cjk };
}

/** English words + one per CJK character. Pass plain text (see `markdownToPlainText`). */
export function countWords(text: string): number {
  return countWordsDetailed(text).words;
}
