import { describe, expect, it } from 'vitest';

import { hasSemanticHtml, looksLikeMarkdown, sanitizePastedHtml } from './sanitize-html';

describe('sanitizePastedHtml', () => {
  const clean = (html: string) => new DOMParser().parseFromString(sanitizePastedHtml(html), 'text/html').body;

  it('removes scripts, frames, objects, forms, styles and svg', () => {
    for (const html of [
      '<p>a</p><script>alert(1)</script>',
      '<p>a</p><iframe src="https://evil.example"></iframe>',
      '<p>a</p><object data="x.swf"></object>',
      '<p>a</p><embed src="x.swf">',
      '<p>a</p><form action="https://evil.example"><input name="p"></form>',
      '<p>a</p><style>body{display:none}</style>',
      '<p>a</p><svg><script>alert(6)</script></svg>',
    ]) {
      const body = clean(html);
      expect(body.querySelectorAll('script, iframe, object, embed, form, input, style, svg').length, html).toBe(0);
      expect(body.textContent, html).not.toContain('alert');
      expect(body.querySelector('p')?.textContent, html).toBe('a');
    }
  });

  it('removes every event handler attribute', () => {
    const body = clean('<p onclick="steal()">Hello <b onmouseover="x()">world</b> <img src="x.png" onerror="alert(2)"></p>');
    for (const el of Array.from(body.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), attr.name).toBe(false);
    }
    expect(body.textContent).toContain('Hello world');
    expect(body.querySelector('b')?.textContent).toBe('world');
  });

  it('removes javascript: URLs in any spelling and keeps safe ones', () => {
    for (const href of [
      'javascript:alert(3)',
      'JaVaScRiPt:alert(4)',
      '  javascript:alert(5)',
      'java\tscript:alert(6)',
      'vbscript:x',
      'data:text/html,<script>alert(7)</script>',
    ]) {
      const a = clean(`<a href="${href.replace('\\t', '\t')}">x</a>`).querySelector('a');
      expect(a?.getAttribute('href') ?? null, href).toBeNull();
    }
    expect(clean('<a href="https://example.org">ok</a>').querySelector('a')?.getAttribute('href')).toBe('https://example.org');
    expect(clean('<a href="folio://entry/1">in</a>').querySelector('a')?.getAttribute('href')).toBe('folio://entry/1');
  });

  it('drops images that could never load (relative or blob: URLs) and keeps web and Folio ones', () => {
    const body = clean(
      '<img src="x"><img src="blob:http://a/1"><img src="https://e.example/a.png"><img src="http://127.0.0.1/b" data-folio-src="folio://blobs/c.png">',
    );
    expect(Array.from(body.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual([
      'https://e.example/a.png',
      'http://127.0.0.1/b',
    ]);
  });

  it('keeps Folio data attributes', () => {
    expect(
      clean('<span data-wikilink data-target="Page">Page</span>').querySelector('[data-wikilink]')?.getAttribute('data-target'),
    ).toBe('Page');
  });
});

describe('looksLikeMarkdown', () => {
  it('recognises block and inline markdown', () => {
    for (const md of [
      '# Title',
      '- item\n- item',
      '1. one',
      '> quote',
      '```js\nx\n```',
      '- [ ] task',
      'some **bold** text',
      'a [link](https://x.org)',
      '==mark==',
      'see [[Page]]',
      '| a | b |\n| --- | --- |',
      ':::private\nx\n:::',
    ]) {
      expect(looksLikeMarkdown(md), md).toBe(true);
    }
  });

  it('leaves ordinary prose alone', () => {
    for (const text of ['Just a sentence.', 'Prices: 2*3 = 6', '今天天气很好。', 'C# and F# are languages', 'a - b - c', '']) {
      expect(looksLikeMarkdown(text), text).toBe(false);
    }
  });
});

describe('hasSemanticHtml', () => {
  it('tells document HTML from a code editor’s coloured spans', () => {
    expect(hasSemanticHtml('<p>Hello <strong>x</strong></p>')).toBe(true);
    expect(
      hasSemanticHtml('<meta charset="utf-8"><div style="color:#333"><div><span style="color:#f00"># Title</span></div></div>'),
    ).toBe(false);
  });
});
