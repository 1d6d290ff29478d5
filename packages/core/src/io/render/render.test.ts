// The server-side dialect mirrors the editor's private-block rules (packages/ui/src/journal/editor/markdown.test.ts,
// "private blocks"); the rendered HTML is checked for what must never appear.
import { describe, expect, it } from 'vitest';
import { scriptRisks } from '../testing/html-safety';
import { MarkdownRenderer, safeUrl } from './html';

const r = new MarkdownRenderer();
const html = (md: string, includePrivate = false) => r.render(md, { includePrivate }).html;

describe('private blocks (same rules as the editor)', () => {
  it('takes everything up to the closing line, including blank lines and lists', () => {
    const out = r.render(
      'public\n\n:::private\nSECRET one\n\n- SECRET two #secrettag ![x](folio://blob/' +
        'a'.repeat(64) +
        ')\n:::\n\npublic again #open\n',
    );
    expect(out.html).not.toContain('SECRET');
    expect(out.html).toContain('public again');
    expect(out.tags).toEqual(['open']);
    expect(out.images).toEqual([]);
    expect(out.text).not.toContain('SECRET');
  });

  it('interrupts a paragraph and ends a paragraph inside it', () => {
    const out = html('public line\n:::private\nSECRET\n:::\nafter\n');
    expect(out).toContain('public line');
    expect(out).toContain('after');
    expect(out).not.toContain('SECRET');
  });

  it('skips ":::" inside fenced code and nested containers when looking for the end', () => {
    const out = html(':::private\n```\n:::\n```\n:::note\nSECRET nested\n:::\nSECRET still\n:::\nafter\n');
    expect(out).not.toContain('SECRET');
    expect(out).toContain('after');
  });

  it('fails closed: an unclosed block stays private to the end of the entry', () => {
    const out = html('ok\n\n:::private\nSECRET\n\nmore SECRET\n\n# SECRET heading\n');
    expect(out).toContain('ok');
    expect(out).not.toContain('SECRET');
  });

  it('escaped or indented openers are text', () => {
    expect(html('\\:::private\nnot secret\n:::\n')).toContain('not secret');
    expect(html('text :::private\nvisible\n')).toContain('visible');
  });

  it('works inside list items and quotes', () => {
    const out = html('- item\n\n  :::private\n  SECRET in list\n  :::\n\n> quoted\n>\n> :::private\n> SECRET in quote\n> :::\n');
    expect(out).toContain('item');
    expect(out).toContain('quoted');
    expect(out).not.toContain('SECRET');
  });

  it('makes a whole table private when a cell holds a private block (editor form and hand-written form)', () => {
    expect(html(':::private\n| h |\n| --- |\n| SECRET salary |\n:::\n\nafter')).not.toContain('SECRET');
    const hand = html('| h | SECRET header |\n| --- | --- |\n| :::private SECRET | x |\n\nafter');
    expect(hand).not.toContain('SECRET');
    expect(hand).toContain('after');
  });

  it('renders private blocks as a marked box when asked', () => {
    const out = html('a\n\n:::private\nmine\n:::\n', true);
    expect(out).toContain('class="private-block"');
    expect(out).toContain('mine');
  });
});

describe('nothing from an entry runs script', () => {
  const cases = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    'inline <img src=x onerror=alert(1)> tag',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](javascript&#58;alert(1))',
    '[click](&#x6A;avascript:alert(1))',
    '![img](javascript:alert(1))',
    '[v](vbscript:msgbox)',
    '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '[x](https://ok.example "t\\" onmouseover=\\"alert(1)")',
  ];
  for (const md of cases) {
    it(`neutralises ${md.slice(0, 40)}`, () => {
      const out = html(md);
      expect(scriptRisks(out)).toEqual([]);
    });
  }

  it('keeps balanced formatting tags the editor writes and escapes unbalanced ones', () => {
    expect(html('前<strong>中文</strong>后')).toContain('<strong>中文</strong>');
    expect(html('a <em>open only')).toContain('&lt;em&gt;open only');
    expect(html('line<br>break')).toContain('line<br>break');
    expect(html('<b onclick="x">t</b>')).toContain('&lt;b onclick=');
  });

  it('drops HTML comments and shows raw HTML blocks as code', () => {
    expect(html('<!-- hidden note -->\n\ntext')).not.toContain('hidden note');
    expect(html('<div>\nblock\n</div>\n')).toContain('<pre class="raw-html"><code>&lt;div&gt;');
  });

  it('allow-lists URLs', () => {
    expect(safeUrl('https://x.example/a', 'link')).toBe('https://x.example/a');
    expect(safeUrl('mailto:a@b.c', 'link')).toBe('mailto:a@b.c');
    expect(safeUrl('../a.html#x', 'link')).toBe('../a.html#x');
    expect(safeUrl('file:///etc/passwd', 'link')).toBeNull();
    expect(safeUrl('data:image/png;base64,AAAA', 'image')).toBe('data:image/png;base64,AAAA');
    expect(safeUrl('data:image/svg+xml;base64,AAAA', 'image')).toBeNull();
    expect(safeUrl(`folio://blob/${'b'.repeat(64)}`, 'image')).toBeNull();
    expect(safeUrl(`folio://blob/${'b'.repeat(64)}`, 'image', () => 'media/b.png')).toBe('media/b.png');
  });
});

describe('the safety checker itself', () => {
  it('finds real script vectors', () => {
    expect(scriptRisks('<p><img src="x" onerror="a()"></p><a href="jav&#x61;script:x">x</a><script>1</script>')).toEqual([
      'img[onerror]',
      'a[href=javascript:x]',
      '<script>',
    ]);
    expect(scriptRisks('<p>&lt;script&gt; &lt;img onerror=x&gt;</p>')).toEqual([]);
  });
});

describe('dialect', () => {
  it('renders wikilinks through the resolver and highlights', () => {
    const out = r.render('see [[Other note|that one]] and [[Missing]] ==hot==', {
      resolveWikilink: (t) => (t === 'Other note' ? 'other.html' : null),
    });
    expect(out.html).toContain('<a class="wikilink" href="other.html">that one</a>');
    expect(out.html).toContain('<span class="wikilink">Missing</span>');
    expect(out.html).toContain('<mark>hot</mark>');
    expect(out.wikilinks).toEqual(['Other note', 'Missing']);
  });
});
