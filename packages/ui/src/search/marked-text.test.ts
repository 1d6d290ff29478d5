import { describe, expect, it } from 'vitest';
import { parseMarked, plainText } from './marked-text';

describe('parseMarked', () => {
  it('splits marked and plain runs and decodes entities', () => {
    expect(parseMarked('a &lt;b&gt; <mark>申请</mark> &amp; <mark>papers</mark>!')).toEqual([
      { text: 'a <b> ', mark: false },
      { text: '申请', mark: true },
      { text: ' & ', mark: false },
      { text: 'papers', mark: true },
      { text: '!', mark: false },
    ]);
  });

  it('keeps any other tag as literal text, never as markup', () => {
    const runs = parseMarked('<img src=x onerror=alert(1)><mark>x</mark>');
    expect(runs[0]).toEqual({ text: '<img src=x onerror=alert(1)>', mark: false });
    expect(plainText('&quot;q&#39;s&quot;')).toBe(`"q's"`);
    expect(parseMarked('')).toEqual([]);
  });
});
