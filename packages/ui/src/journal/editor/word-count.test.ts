import { describe, expect, it } from 'vitest';

import { markdownToDoc } from './markdown';
import { countWords, docWordCount } from './word-count';

describe('countWords', () => {
  it('counts English words, keeping contractions and hyphenated words whole', () => {
    expect(countWords("Hello world, it's a state-of-the-art test.").words).toBe(6);
    expect(countWords('  spaced\n\tout  ').words).toBe(2);
    expect(countWords('version 3.14 of v2 API').words).toBe(5);
  });

  it('counts each Chinese character (and kana) as one word', () => {
    const c = countWords('今天天气很好。');
    expect(c.words).toBe(6);
    expect(c.characters).toBe(7);
    expect(c.charactersNoSpaces).toBe(7);
    expect(countWords('ひらがなとカタカナ').words).toBe(9);
  });

  it('counts mixed Chinese and English', () => {
    // 我 用 写 了 次 + CUDA kernel 3
    expect(countWords('我用 CUDA 写了 kernel 3 次').words).toBe(8);
    expect(countWords('KV cache的分层存储').words).toBe(2 + 5);
  });

  it('counts characters as code points, with and without spaces', () => {
    const c = countWords('a b 🎉');
    expect(c.characters).toBe(5);
    expect(c.charactersNoSpaces).toBe(3);
    expect(countWords('')).toEqual({ words: 0, characters: 0, charactersNoSpaces: 0 });
  });

  it('counts Korean by spaces like Latin text', () => {
    expect(countWords('안녕하세요 세계').words).toBe(2);
  });
});

describe('docWordCount', () => {
  it('counts a document, with wikilinks as their label and markup ignored', () => {
    const doc = markdownToDoc(
      '# Title here\n\n**Bold** words and [[Page|两个字]]\n\n- item one\n- 项目\n\n```\ncode words\n```\n',
    );
    // Title here (2) + Bold words and (3) + 两个字 (3) + item one (2) + 项目 (2) + code words (2)
    expect(docWordCount(doc).words).toBe(14);
  });

  it('gives the same result from the cache after an edit elsewhere', () => {
    const doc = markdownToDoc('one two\n\nthree\n');
    expect(docWordCount(doc).words).toBe(3);
    const edited = doc.replace(doc.content.size - 1, doc.content.size - 1, markdownToDoc('four\n').slice(1, 5));
    expect(docWordCount(edited).words).toBe(3);
    expect(edited.textContent).toBe('one twothreefour');
  });
});
