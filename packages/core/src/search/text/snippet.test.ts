import { describe, expect, it } from 'vitest';
import { buildSearchRow, findMatches, highlightText, makeSnippet, parseUserQuery, propertiesToText } from './index';

describe('makeSnippet', () => {
  it('marks English matches by stem in the original text, escaping HTML', () => {
    expect(highlightText('Two <b>Papers</b> & a paper-thin "paper".', 'paper')).toBe(
      'Two &lt;b&gt;<mark>Papers</mark>&lt;/b&gt; &amp; a <mark>paper</mark>-thin &quot;<mark>paper</mark>&quot;.',
    );
    expect(highlightText('Running runs ran', 'run')).toBe('<mark>Running</mark> <mark>runs</mark> ran');
  });

  it('marks Chinese substrings, phrases and prefixes', () => {
    expect(highlightText('马上就要申请了，申请材料', '申请')).toBe('马上就要<mark>申请</mark>了，<mark>申请</mark>材料');
    expect(highlightText('MLsys 告一段落，准备申请', 'mlsys 申请')).toBe('<mark>MLsys</mark> 告一段落，准备<mark>申请</mark>');
    expect(highlightText('machine learning, learning machine', '"machine learning"')).toBe(
      '<mark>machine learning</mark>, learning machine',
    );
    expect(highlightText('learning to learn', 'learni*')).toBe('<mark>learning</mark> to learn');
    expect(highlightText('café CAFE', 'cafe')).toBe('<mark>café</mark> <mark>CAFE</mark>');
    expect(highlightText('keep this, skip that', 'keep -skip')).toBe('<mark>keep</mark> this, skip that');
  });

  it('picks the densest window, cuts at word boundaries and adds ellipses', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20);
    const text = `${filler}the alpha result and the beta result were close ${filler}alpha again`;
    const s = makeSnippet(text, 'alpha beta', { maxChars: 80 });
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>alpha</mark> result and the <mark>beta</mark>');
    const plain = s.replace(/<\/?mark>/g, '').replace(/…/g, '');
    expect(plain.length).toBeLessThanOrEqual(85);
    // No cut words at either edge: each edge word is a whole word of the source.
    const words = plain.trim().split(/\s+/);
    expect(text.split(/\s+/)).toContain(words[0]);
    expect(text.split(/\s+/)).toContain(words.at(-1));
  });

  it('works on long Chinese text and collapses whitespace', () => {
    const text = `${'今天天气很好。'.repeat(40)}\n\n晚上终于提交了申请。${'明天继续。'.repeat(40)}`;
    const s = makeSnippet(text, '申请', { maxChars: 60 });
    expect(s).toContain('<mark>申请</mark>');
    expect(s).not.toMatch(/\n/);
    expect(s.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(62);
  });

  it('returns the start of the text when nothing matches, and never throws', () => {
    expect(makeSnippet('Short text.', 'zebra')).toBe('Short text.');
    expect(makeSnippet('a '.repeat(300), 'zebra', { maxChars: 50 }).endsWith('…')).toBe(true);
    for (const q of ['', '"', '*', 'AND', '(', '申', '🙂']) expect(() => makeSnippet('text 申请 🙂 emoji', q)).not.toThrow();
    expect(makeSnippet('', 'x')).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'🙂'.repeat(100)} target ${'🙂'.repeat(100)}`;
    const s = makeSnippet(text, 'target', { maxChars: 40 });
    expect(s).toContain('<mark>target</mark>');
    expect(s).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it('agrees with the index on what matches', () => {
    expect(findMatches('studies studying study', 'study')).toEqual([
      [0, 7],
      [8, 16],
      [17, 22],
    ]);
  });
});

describe('query parsing and index text', () => {
  it('parses phrases, prefixes, OR and exclusions leniently', () => {
    expect(parseUserQuery('"deep learning" gpu* OR tpu -draft NOT old')).toEqual({
      required: [
        [{ text: 'deep learning', phrase: true, prefix: false }],
        [
          { text: 'gpu', phrase: false, prefix: true },
          { text: 'tpu', phrase: false, prefix: false },
        ],
      ],
      excluded: [
        { text: 'draft', phrase: false, prefix: false },
        { text: 'old', phrase: false, prefix: false },
      ],
    });
    expect(parseUserQuery('「申请」 “引号”').required.map((g) => g[0]!.text)).toEqual(['申请', '引号']);
  });

  it('builds index columns', () => {
    const row = buildSearchRow({
      title: 'Papers on MLsys',
      body: '申请材料。我',
      props: propertiesToText({ venue: 'NeurIPS', n: 3, nested: { a: ['x'] } }, ['ml/llm']),
    });
    expect(row).toEqual({
      title: 'paper on mlsy',
      body: '',
      props: 'ml llm neurip 3 x',
      title_raw: 'papers on mlsys',
      body_raw: '',
      props_raw: 'ml llm neurips 3 x',
      title_cjk: '',
      body_cjk: '申请 请材 材料 料 我',
      props_cjk: '',
    });
  });
});
