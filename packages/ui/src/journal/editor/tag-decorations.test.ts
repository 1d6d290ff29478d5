import { describe, expect, it } from 'vitest';

import { findTags } from './tag-decorations';

const tags = (text: string) => findTags(text).map((t) => t.tag);

describe('findTags', () => {
  it('finds tags and tag series in English and Chinese text', () => {
    expect(tags('#journal start, then #kernels/cuda and #日记 #论文/草稿')).toEqual([
      'journal',
      'kernels/cuda',
      '日记',
      '论文/草稿',
    ]);
  });

  it('finds tags after CJK or opening punctuation', () => {
    expect(tags('今天（#读书）写完了，#总结')).toEqual(['读书', '总结']);
  });

  it('ignores numbers, C#, URL fragments and entities', () => {
    expect(tags('issue #12, C# and F#, https://x.org/page#section, &#35;')).toEqual([]);
  });

  it('reports the offset of the "#" and drops trailing separators', () => {
    expect(findTags('see #a/b/ now')).toEqual([{ index: 4, tag: 'a/b' }]);
  });
});
