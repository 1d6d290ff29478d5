import { describe, expect, it } from 'vitest';
import {
  codeRanges,
  countWords,
  extractTags,
  extractWikilinks,
  findUnlinkedMentions,
  linkMention,
  markdownToPlainText,
  renameWikilinks,
  renameWikilinksCounted,
  tagSeries,
  wikilinkTargets,
} from './index';

const FENCE = '```';

describe('codeRanges', () => {
  it('masks fences, inline code, comments and front matter', () => {
    const md = `---\ntitle: x\n---\nbefore \`[[a]]\` after\n${FENCE}js\n[[b]]\n${FENCE}\n<!-- [[c]] -->\n[[d]]`;
    const ranges = codeRanges(md);
    const inCode = (s: string) => ranges.some(([a, b]) => md.indexOf(s) >= a && md.indexOf(s) < b);
    expect(inCode('title')).toBe(true);
    expect(inCode('[[a]]')).toBe(true);
    expect(inCode('[[b]]')).toBe(true);
    expect(inCode('[[c]]')).toBe(true);
    expect(inCode('[[d]]')).toBe(false);
    expect(inCode('before')).toBe(false);
  });

  it('treats an unclosed fence as running to the end and an unmatched backtick as literal', () => {
    const md = 'a ` b [[x]]\n\n~~~\n[[y]]';
    const links = extractWikilinks(md).map((l) => l.target);
    expect(links).toEqual(['x']);
  });
});

describe('wikilinks', () => {
  it('parses targets, headings, aliases, embeds and escaped pipes', () => {
    const md = 'See [[Note A]], [[Note B#Part 2|the part]], ![[pic.png]], ![[Other]] and | [[T\\|alias]] |';
    const links = extractWikilinks(md);
    expect(links.map((l) => [l.target, l.heading, l.alias, l.embed])).toEqual([
      ['Note A', undefined, undefined, false],
      ['Note B', 'Part 2', 'the part', false],
      ['pic.png', undefined, undefined, true],
      ['Other', undefined, undefined, true],
      ['T', undefined, 'alias', false],
    ]);
    expect(md.slice(links[1]!.start, links[1]!.end)).toBe('[[Note B#Part 2|the part]]');
    expect(wikilinkTargets(md)).toEqual(['Note A', 'Note B', 'Other', 'T']);
  });

  it('ignores links in code and dedupes targets case-insensitively', () => {
    const md = `[[Paper]] \`[[Hidden]]\` [[paper]] [[#Local heading]]\n${FENCE}\n[[Code]]\n${FENCE}`;
    expect(wikilinkTargets(md)).toEqual(['Paper']);
  });

  it('renames links keeping alias, heading, embed and folder; case-insensitive; not in code', () => {
    const md = `[[Old Title]] [[old title|alias]] ![[Old Title#Sec]] [[dir/Old Title]] [[Old Titles]] \`[[Old Title]]\``;
    const r = renameWikilinksCounted(md, 'Old Title', 'New Name');
    expect(r.count).toBe(4);
    expect(r.text).toBe(`[[New Name]] [[New Name|alias]] ![[New Name#Sec]] [[dir/New Name]] [[Old Titles]] \`[[Old Title]]\``);
    expect(renameWikilinks('no links', 'a', 'b')).toBe('no links');
  });
});

describe('tags', () => {
  it('finds tags and tag series, not headings, code, URLs, entities or numbers', () => {
    const md = [
      '# Heading',
      '#inline-tag at line start, and #series/part here',
      'url https://example.com/page#anchor and &#39; entity, issue #42',
      '`#code` and #中文标签，#日记/二月 done',
      `${FENCE}`,
      '#not-a-tag',
      `${FENCE}`,
      '(#no) [x](#anchor) trailing #tag/ and #Series/Part again',
    ].join('\n');
    expect(extractTags(md)).toEqual(['inline-tag', 'series/part', '中文标签', '日记/二月', 'tag']);
  });

  it('expands a tag series', () => {
    expect(tagSeries('paper/ml/llm')).toEqual(['paper', 'paper/ml', 'paper/ml/llm']);
  });
});

describe('markdownToPlainText', () => {
  it('drops syntax and keeps text', () => {
    const md = [
      '---',
      'title: x',
      '---',
      '# Title *here*',
      '',
      'Some **bold** and [a link](https://x.y) and ![alt text](img.png) and [[Target|alias]] and [[Plain]].',
      '',
      '- item one',
      '- [ ] task two',
      '',
      '| a | b |',
      '|---|---|',
      '| 1 | 2 |',
      '',
      '<div>html &amp; <b>bold</b></div>',
      '',
      `${FENCE}sh`,
      'npm run build',
      `${FENCE}`,
      '',
      '[ref]: https://example.com',
      '中文 &mdash; text ![[pic.png]]',
    ].join('\n');
    const text = markdownToPlainText(md);
    expect(text).toContain('Title here');
    expect(text).toContain('Some bold and a link and alt text and alias and Plain.');
    expect(text).toContain('item one\ntask two');
    expect(text).toContain('a b\n1 2');
    expect(text).toContain('html & bold');
    expect(text).toContain('npm run build');
    expect(text).toContain('中文 — text');
    expect(text).not.toMatch(/[*#[\]|]|https:|title: x|pic\.png/);
  });
});

describe('countWords', () => {
  it('counts English words and each CJK character', () => {
    expect(countWords("Don't stop state-of-the-art 3.5 models")).toBe(5);
    expect(countWords('今天申请了 MLsys')).toBe(6);
    expect(countWords('')).toBe(0);
    expect(countWords('ひらがな and カタカナ')).toBe(9);
  });
});

describe('unlinked mentions', () => {
  it('finds whole-word, case-insensitive mentions outside links and code', () => {
    const md =
      'I read Deep Learning today.\nThe [[Deep Learning]] note, `deep learning` code, deep   learning again, deeplearning no.\n[deep learning](http://x) skip';
    const ms = findUnlinkedMentions(md, 'Deep Learning');
    expect(ms.map((m) => [m.text, m.line])).toEqual([
      ['Deep Learning', 1],
      ['deep   learning', 2],
    ]);
    expect(ms[0]!.context).toBe('I read Deep Learning today.');
    const linked = linkMention(md, ms[1]!, 'Deep Learning');
    expect(linked).toContain('[[Deep Learning|deep   learning]] again');
  });

  it('matches CJK titles anywhere and supports aliases', () => {
    const md = '今天准备申请材料。MLsys 结束了。';
    expect(findUnlinkedMentions(md, ['申请', 'mlsys']).map((m) => m.text)).toEqual(['申请', 'MLsys']);
  });
});
