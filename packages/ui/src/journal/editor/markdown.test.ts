import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';

import { docToMarkdown, markdownToDoc, normalizeMarkdown } from './markdown';
import { getEditorSchema } from './schema';
import sample from './test-fixtures/sample-entry.md?raw';

const schema = getEditorSchema();

const t = (text: string, ...marks: (string | { type: string; attrs?: Record<string, unknown> })[]): JSONContent => {
  const node: JSONContent = { type: 'text', text };
  if (marks.length) node.marks = marks.map((m) => (typeof m === 'string' ? { type: m } : m));
  return node;
};
const p = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const docOf = (...content: JSONContent[]) => {
  const d = schema.nodeFromJSON({ type: 'doc', content });
  d.check();
  return d;
};
const link = (href: string, title: string | null = null) => ({ type: 'link', attrs: { href, title } });

/** Types of the document's nodes in document order (text nodes skipped). */
function nodeTypes(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((n) => {
    if (!n.isText) out.push(n.type.name);
  });
  return out;
}

function firstNode(doc: PMNode, type: string): PMNode | null {
  let found: PMNode | null = null;
  doc.descendants((n) => {
    if (!found && n.type.name === type) found = n;
    return !found;
  });
  return found;
}

function marksOf(doc: PMNode, text: string): string[] {
  let marks: string[] | null = null;
  doc.descendants((n) => {
    if (!marks && n.isText && n.text === text) marks = n.marks.map((m) => m.type.name).sort();
  });
  if (!marks) throw new Error(`no text node "${text}"`);
  return marks;
}

describe('markdown round trip: every construct in its canonical form comes back byte for byte', () => {
  const canonical: [string, string, string[]][] = [
    ['headings', '# One\n\n## Two\n\n###### Six\n', ['heading', 'heading', 'heading']],
    ['bold italic', 'a **bold** and *italic* word\n', ['paragraph']],
    ['strike', 'a ~~gone~~ word\n', ['paragraph']],
    ['highlight', 'an ==important== word\n', ['paragraph']],
    ['inline code', 'run `npm test` now, or ``a `tick` here``\n', ['paragraph']],
    ['link with title', 'see [the docs](https://example.org/a_(b) "Docs")\n', ['paragraph']],
    ['image', '![A chart](folio://blobs/sha256/abc.png "Title")\n', ['paragraph', 'image']],
    [
      'bullet list nested',
      '- one\n- two\n  - two a\n  - two b\n- three\n',
      [
        'bulletList',
        'listItem',
        'paragraph',
        'listItem',
        'paragraph',
        'bulletList',
        'listItem',
        'paragraph',
        'listItem',
        'paragraph',
        'listItem',
        'paragraph',
      ],
    ],
    [
      'ordered list with start',
      '3. three\n4. four\n   1. inner\n',
      ['orderedList', 'listItem', 'paragraph', 'listItem', 'paragraph', 'orderedList', 'listItem', 'paragraph'],
    ],
    [
      'task list',
      '- [ ] open\n- [x] done\n  - [ ] nested\n',
      ['taskList', 'taskItem', 'paragraph', 'taskItem', 'paragraph', 'taskList', 'taskItem', 'paragraph'],
    ],
    ['empty task item', '- [ ]\n- [x] done\n', ['taskList', 'taskItem', 'paragraph', 'taskItem', 'paragraph']],
    ['blockquote', '> quoted\n>\n> two paragraphs\n', ['blockquote', 'paragraph', 'paragraph']],
    ['fenced code with language', '```python\ndef f(x):\n    return x\n```\n', ['codeBlock']],
    ['cuda code', '```cuda\n__global__ void k() {}\n```\n', ['codeBlock']],
    ['code containing a fence', '````markdown\n```js\nx\n```\n````\n', ['codeBlock']],
    [
      'table',
      '| Name | 数量 |\n| :--- | ---: |\n| a    | 1    |\n| b    | 22   |\n',
      [
        'table',
        'tableRow',
        'tableHeader',
        'paragraph',
        'tableHeader',
        'paragraph',
        'tableRow',
        'tableCell',
        'paragraph',
        'tableCell',
        'paragraph',
        'tableRow',
        'tableCell',
        'paragraph',
        'tableCell',
        'paragraph',
      ],
    ],
    ['horizontal rule', 'above\n\n---\n\nbelow\n', ['paragraph', 'horizontalRule', 'paragraph']],
    ['hard break', 'line one\\\nline two\n', ['paragraph', 'hardBreak']],
    ['wikilink', 'see [[Attention Kernel Log]] today\n', ['paragraph', 'wikilink']],
    ['wikilink alias', 'see [[论文笔记|上个月的笔记]]\n', ['paragraph', 'wikilink']],
    ['tags stay text', 'plain #tag and #series/part and #标签\n', ['paragraph']],
    [
      'private block',
      ':::private\nsecret **bold**\n\n- item\n:::\n',
      ['privateBlock', 'paragraph', 'bulletList', 'listItem', 'paragraph'],
    ],
    ['raw html block', '<details>\n<summary>x</summary>\n</details>\n', ['htmlBlock']],
    ['autolinks', 'go to <https://example.com/?q=1> or <me@example.com>\n', ['paragraph']],
    ['chinese', '今天写了**很多**代码，*效率*不错。\n', ['paragraph']],
  ];

  for (const [name, md, types] of canonical) {
    it(name, () => {
      const doc = markdownToDoc(md);
      expect(nodeTypes(doc)).toEqual(types);
      expect(docToMarkdown(doc)).toBe(md);
    });
  }

  it('keeps the marks of each construct', () => {
    const doc = markdownToDoc('**b** *i* ~~s~~ ==h== `c` [l](https://x.org) ***bi***\n');
    expect(marksOf(doc, 'b')).toEqual(['bold']);
    expect(marksOf(doc, 'i')).toEqual(['italic']);
    expect(marksOf(doc, 's')).toEqual(['strike']);
    expect(marksOf(doc, 'h')).toEqual(['highlight']);
    expect(marksOf(doc, 'c')).toEqual(['code']);
    expect(marksOf(doc, 'l')).toEqual(['link']);
    expect(marksOf(doc, 'bi')).toEqual(['bold', 'italic']);
  });

  it('reads code block languages, table alignment and list starts', () => {
    const doc = markdownToDoc('```sql\nselect 1;\n```\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n7. seven\n');
    expect(firstNode(doc, 'codeBlock')?.attrs.language).toBe('sql');
    expect(firstNode(doc, 'tableHeader')?.attrs.align).toBe('center');
    expect(firstNode(doc, 'orderedList')?.attrs.start).toBe(7);
  });
});

describe('normalisation', () => {
  it('md → doc → md → doc → md is a fixed point on a large mixed English/Chinese entry', () => {
    const md1 = normalizeMarkdown(sample);
    const doc1 = markdownToDoc(md1);
    const md2 = docToMarkdown(doc1);
    expect(md2).toBe(md1);
    expect(markdownToDoc(md2).eq(doc1)).toBe(true);
    // Nothing was silently dropped: every kind of content is still there.
    for (const needle of [
      '周末的散步',
      '[[Attention Kernel Log]]',
      '[[读书笔记|上个月读的书]]',
      '==twice as fast==',
      ':::private',
      '```cuda',
      '<details>',
      '| fused  | **4.8**',
      '#kernels/cuda',
      'folio://blobs/sha256/9f86d081884c7d65.png',
    ]) {
      expect(md1).toContain(needle);
    }
  });

  it('normalises common markdown variants to one spelling', () => {
    expect(normalizeMarkdown('Title\n=====\n\n* a\n+ b\n\n__x__ _y_\n\nline  \nnext\n')).toBe(
      '# Title\n\n- a\n\n* b\n\n**x** *y*\n\nline\\\nnext\n',
    );
    expect(normalizeMarkdown('1) a\n2) b\n')).toBe('1. a\n2. b\n');
    expect(normalizeMarkdown('[x][r]\n\n[r]: https://r.example\n')).toBe('[x](https://r.example)\n');
    expect(normalizeMarkdown('- a\n\n- b\n')).toBe('- a\n- b\n');
  });

  it('parses an empty document to one empty paragraph and serialises it to ""', () => {
    const doc = markdownToDoc('');
    expect(nodeTypes(doc)).toEqual(['paragraph']);
    expect(docToMarkdown(doc)).toBe('');
  });
});

describe('doc → markdown → doc keeps the document', () => {
  const cases: [string, JSONContent[]][] = [
    ['markdown characters in text', [p(t('a \\ b ` c * d _e_ f~g h==i <b>j</b> &amp; k | l [m] !n 2*3 a * b snake_case'))]],
    [
      'block syntax at line starts',
      [
        p(t('# not heading')),
        p(t('- not list')),
        p(t('1. not ordered')),
        p(t('> not quote')),
        p(t(':::private')),
        p(t('---')),
        p(t('=')),
        p(t('+ plus')),
        p(t('* star')),
        p(t('2) paren')),
      ],
    ],
    ['block syntax after soft breaks', [p(t('line\n# x\n- y\n---\n=\n| a |\n| --- |'))]],
    [
      'CJK emphasis next to punctuation',
      [p(t('这是'), t('“引用”', 'bold'), t('文字，'), t('（不）', 'strike'), t('好，看'), t('「这里」', 'highlight'), t('吧'))],
    ],
    ['overlapping marks', [p(t('a '), t('b', 'italic'), t('c', 'italic', 'bold'), t('d', 'bold'), t(' e'))]],
    ['adjacent marks', [p(t('x', 'bold'), t('y', 'italic'))]],
    [
      'links',
      [
        p(
          t('wow!'),
          t('here', link('https://x.org/a_(b)')),
          t(' and '),
          t('odd', link('file:///a b/c(d.md')),
          t(' '),
          t('bold', 'bold', link('https://y')),
          t('rest', link('https://y')),
        ),
      ],
    ],
    ['autolinks', [p(t('https://a.b/c?d=e_f', link('https://a.b/c?d=e_f')), t(' mail '), t('a@b.co', link('mailto:a@b.co')))]],
    [
      'code spans',
      [p(t('a `b` c', 'code'), t(' '), t('`x', 'code'), t(' '), t(' padded ', 'code'), t(' '), t('bold code', 'code', 'bold'))],
    ],
    ['highlight with equals signs', [p(t('a=b', 'highlight'), t(' '), t('c=', 'highlight'), t(' '), t('=d', 'highlight'))]],
    [
      'wikilinks with brackets and pipes',
      [
        p({ type: 'wikilink', attrs: { target: 'a [b] | c', alias: 'x|y]' } }, t(' '), {
          type: 'wikilink',
          attrs: { target: '论文', alias: null },
        }),
      ],
    ],
    [
      'image with odd alt and src',
      [p({ type: 'image', attrs: { src: 'folio://blob/ab cd.png', alt: 'a [b] c', title: 'T "q"' } })],
    ],
    [
      'headings ending in #',
      [
        { type: 'heading', attrs: { level: 2 }, content: [t('C# and F#')] },
        { type: 'heading', attrs: { level: 3 }, content: [t('issue #')] },
      ],
    ],
    [
      'table with pipes, code and line breaks',
      [
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                { type: 'tableHeader', attrs: { align: 'center' }, content: [p(t('h|1'))] },
                { type: 'tableHeader', content: [p(t('中文标题'))] },
              ],
            },
            {
              type: 'tableRow',
              content: [
                { type: 'tableCell', attrs: { align: 'center' }, content: [p(t('a|b', 'code'))] },
                { type: 'tableCell', content: [p(t('x'), { type: 'hardBreak' }, t('y', 'bold'))] },
              ],
            },
          ],
        },
      ],
    ],
    [
      'lists of every kind side by side',
      [
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                p(t('a')),
                { type: 'codeBlock', attrs: { language: 'sql' }, content: [t('select 1;\n\nselect 2;')] },
                { type: 'blockquote', content: [p(t('q'))] },
                p(t('after')),
              ],
            },
          ],
        },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('second list'))] }] },
        {
          type: 'orderedList',
          attrs: { start: 5 },
          content: [
            { type: 'listItem', content: [p(t('five'))] },
            {
              type: 'listItem',
              content: [
                p(t('six')),
                { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p(t('in'))] }] },
              ],
            },
          ],
        },
        { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [p(t('separate'))] }] },
        {
          type: 'taskList',
          content: [
            { type: 'taskItem', attrs: { checked: false }, content: [{ type: 'paragraph' }] },
            {
              type: 'taskItem',
              attrs: { checked: true },
              content: [
                p(t('done')),
                { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [p(t('sub'))] }] },
              ],
            },
          ],
        },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [p(t('other task list'))] }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [p(t('[ ] literal'))] },
            {
              type: 'listItem',
              content: [{ type: 'paragraph' }, { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('deep'))] }] }],
            },
          ],
        },
      ],
    ],
    [
      'private blocks everywhere',
      [
        {
          type: 'privateBlock',
          content: [
            p(t('secret')),
            { type: 'codeBlock', attrs: { language: null }, content: [t(':::\n```\n:::private')] },
            { type: 'privateBlock', content: [p(t('nested'))] },
          ],
        },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [p(t('item')), { type: 'privateBlock', content: [p(t('in list'))] }] }],
        },
        { type: 'blockquote', content: [{ type: 'privateBlock', content: [p(t('in quote'))] }] },
        p(t('public after')),
      ],
    ],
    ['entities and tabs', [p(t('&copy; &#65; AT&T <3 a<b\tc'))]],
    ['underscores and tildes', [p(t('_private_ var __init__ a_ ~100 and ~~x~~'))]],
    [
      'emoji and punctuation around marks',
      [
        p(
          t('🎉 party', 'bold'),
          t(' 中文 “'),
          t('quote', 'italic'),
          t('”（'),
          t('括号', 'bold'),
          t('）'),
          t('end', 'bold'),
          t('！好'),
        ),
      ],
    ],
  ];

  for (const [name, content] of cases) {
    it(name, () => {
      const doc = docOf(...content);
      const md = docToMarkdown(doc);
      const back = markdownToDoc(md);
      expect(back.toJSON()).toEqual(doc.toJSON());
      expect(docToMarkdown(back)).toBe(md);
    });
  }

  it('writes CJK emphasis that CommonMark cannot express as HTML tags, and reads them back', () => {
    const md = docToMarkdown(docOf(p(t('这是'), t('“引用”', 'bold'), t('文字'))));
    expect(md).toBe('这是<strong>“引用”</strong>文字\n');
    expect(marksOf(markdownToDoc(md), '“引用”')).toEqual(['bold']);
    // Where `**` works it is used.
    expect(docToMarkdown(docOf(p(t('中文'), t('粗体', 'bold'), t('。'))))).toBe('中文**粗体**。\n');
  });

  it('escapes line starts so text never turns into blocks', () => {
    expect(docToMarkdown(docOf(p(t('# not heading')), p(t('1. not a list'))))).toBe('\\# not heading\n\n1\\. not a list\n');
  });

  it('drops empty paragraphs and trailing line breaks rather than writing noise', () => {
    const doc = docOf(p(t('a')), { type: 'paragraph' }, { type: 'paragraph' }, p(t('b'), { type: 'hardBreak' }));
    expect(docToMarkdown(doc)).toBe('a\n\nb\n');
  });

  it('caches block output but never serves a stale block', () => {
    const doc = docOf(p(t('first')), p(t('second')));
    expect(docToMarkdown(doc)).toBe('first\n\nsecond\n');
    const edited = doc.replace(doc.child(0).nodeSize + 1, doc.child(0).nodeSize + 7, docOf(p(t('SECOND'))).slice(1, 7));
    expect(docToMarkdown(edited)).toBe('first\n\nSECOND\n');
  });
});

describe('wikilinks', () => {
  const wiki = (md: string) => {
    const node = firstNode(markdownToDoc(md), 'wikilink');
    return node ? { target: node.attrs.target as string, alias: node.attrs.alias as string | null } : null;
  };

  it('parses target and alias', () => {
    expect(wiki('[[Page]]')).toEqual({ target: 'Page', alias: null });
    expect(wiki('[[ Spaced Page ]]')).toEqual({ target: 'Spaced Page', alias: null });
    expect(wiki('[[Target|Shown]]')).toEqual({ target: 'Target', alias: 'Shown' });
    expect(wiki('[[a|b|c]]')).toEqual({ target: 'a', alias: 'b|c' });
    expect(wiki('[[论文 2024|中文别名]]')).toEqual({ target: '论文 2024', alias: '中文别名' });
    expect(wiki('[[a \\[draft\\] \\| x]]')).toEqual({ target: 'a [draft] | x', alias: null });
  });

  it('is not a wikilink when empty, escaped, in code or across lines', () => {
    expect(wiki('[[]]')).toBeNull();
    expect(wiki('[[  ]]')).toBeNull();
    expect(wiki('\\[[Page]]')).toBeNull();
    expect(wiki('`[[Page]]`')).toBeNull();
    expect(wiki('[[Pa\nge]]')).toBeNull();
  });

  it('serialises with escapes and keeps marks around it', () => {
    const doc = docOf(p(t('see '), { type: 'wikilink', attrs: { target: 'x]y', alias: null }, marks: [{ type: 'bold' }] }));
    const md = docToMarkdown(doc);
    expect(md).toBe('see **[[x\\]y]]**\n');
    expect(markdownToDoc(md).toJSON()).toEqual(doc.toJSON());
  });
});

describe('private blocks', () => {
  const privateText = (md: string): string[] => {
    const out: string[] = [];
    markdownToDoc(md).descendants((n) => {
      if (n.type.name === 'privateBlock') {
        out.push(n.textContent);
        return false;
      }
      return true;
    });
    return out;
  };

  it('takes everything up to the closing line, including blank lines and lists', () => {
    expect(privateText('public\n\n:::private\nsecret one\n\n- secret two\n:::\n\npublic again\n')).toEqual([
      'secret onesecret two',
    ]);
  });

  it('interrupts a paragraph and ends a paragraph inside it', () => {
    const doc = markdownToDoc('public line\n:::private\nsecret\n:::\nafter\n');
    expect(nodeTypes(doc)).toEqual(['paragraph', 'privateBlock', 'paragraph', 'paragraph']);
    expect(doc.child(0).textContent).toBe('public line');
  });

  it('skips ":::" inside fenced code and nested containers when looking for the end', () => {
    const md = ':::private\n```\n:::\n```\n:::note\nnested\n:::\nstill private\n:::\nafter\n';
    const doc = markdownToDoc(md);
    expect(doc.childCount).toBe(2);
    expect(doc.child(0).type.name).toBe('privateBlock');
    expect(doc.child(0).textContent).toContain('still private');
    expect(doc.child(1).textContent).toBe('after');
  });

  it('fails closed: an unclosed block stays private to the end of the entry', () => {
    expect(privateText('ok\n\n:::private\nsecret\n\nmore secret\n')).toEqual(['secretmore secret']);
  });

  it('escaped or indented openers are text', () => {
    expect(privateText('\\:::private\nnot secret\n:::\n')).toEqual([]);
    expect(privateText('text :::private\n')).toEqual([]);
  });

  it('works inside list items and quotes', () => {
    expect(privateText('- item\n\n  :::private\n  in list\n  :::\n\n> :::private\n> in quote\n> :::\n')).toEqual([
      'in list',
      'in quote',
    ]);
  });

  it('makes a whole table private rather than leaking a private block inside a cell', () => {
    const doc = docOf({
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(t('h'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'privateBlock', content: [p(t('salary'))] }] }] },
      ],
    });
    const md = docToMarkdown(doc);
    expect(md.startsWith(':::private\n| h')).toBe(true);
    expect(privateText(md)).toEqual(['hsalary']);
  });

  it('serialises with the opening and closing lines documented in markdown.ts', () => {
    const doc = docOf({ type: 'privateBlock', content: [p(t('secret'))] });
    expect(docToMarkdown(doc)).toBe(':::private\nsecret\n:::\n');
  });
});

describe('unknown markdown is never lost or executed', () => {
  it('keeps raw HTML blocks verbatim as an htmlBlock node', () => {
    const md = '<div onclick="steal()">\n<script>alert(1)</script>\n</div>\n';
    const doc = markdownToDoc(md);
    expect(nodeTypes(doc)).toEqual(['htmlBlock']);
    expect(doc.textContent).toBe(md.trim());
    expect(docToMarkdown(doc)).toBe(md);
  });

  it('keeps inline HTML as literal text', () => {
    const doc = markdownToDoc('a <img src=x onerror=alert(1)> b <span>c</span>\n');
    expect(nodeTypes(doc)).toEqual(['paragraph']);
    expect(doc.textContent).toBe('a <img src=x onerror=alert(1)> b <span>c</span>');
    expect(normalizeMarkdown(docToMarkdown(doc))).toBe('a \\<img src=x onerror=alert(1)> b \\<span>c\\</span>\n');
  });

  it('keeps javascript: links as data (the editor renders them without href)', () => {
    const doc = markdownToDoc('[x](javascript:alert(1))\n');
    expect(firstNode(doc, 'paragraph')?.firstChild?.marks[0]?.attrs.href).toBe('javascript:alert(1)');
  });

  it('keeps unknown containers and footnote-like syntax as text', () => {
    expect(markdownToDoc(':::note\nhello\n:::\n\nSee[^1].\n').textContent).toBe(':::note\nhello\n:::See[^1].');
  });
});

const fixturesDir = path.resolve(__dirname, '../../../../../../shared/fixtures/journals');
const haveFixtures = existsSync(fixturesDir);
if (!haveFixtures) console.warn(`[markdown.test] ${fixturesDir} is missing: skipping the real-journal round trips`);

describe.skipIf(!haveFixtures)('real journals (shared fixtures, not in the repo)', () => {
  const files = haveFixtures ? readdirSync(fixturesDir).filter((f) => /\.(md|txt)$/.test(f)) : [];
  for (const file of files) {
    it(`${file} reaches a fixed point after one pass`, () => {
      const body = readFileSync(path.join(fixturesDir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
      const doc1 = markdownToDoc(body);
      const md1 = docToMarkdown(doc1);
      const doc2 = markdownToDoc(md1);
      expect(docToMarkdown(doc2)).toBe(md1);
      expect(doc2.eq(doc1)).toBe(true);
      // No visible text disappears (whitespace aside).
      const visible = (s: string) => s.replace(/\s+/g, '').length;
      expect(visible(doc1.textContent)).toBeGreaterThan(visible(body) * 0.6);
    });
  }
});
