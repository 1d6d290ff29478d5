// Export (markdown folder, round trip through import), one entry as HTML/PDF/markdown, and publishing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryDto } from '../contract/journal';
import { makeTestCore } from '../testing/core';
import { makeTempDir } from '../testing/temp-dir';
import { findFonts } from './pdf/fonts';
import { scriptRisks } from './testing/html-safety';

type TestCore = Awaited<ReturnType<typeof makeTestCore>>;
let core: TestCore;
let tmp: { dir: string; cleanup: () => void };
beforeEach(async () => {
  core = await makeTestCore();
  tmp = makeTempDir('folio-io-out-');
});
afterEach(async () => {
  await core.cleanup();
  tmp.cleanup();
});

const call = <K extends keyof TestCore['handlers']>(c: TestCore, name: K, payload: unknown) =>
  (c.handlers[name] as (p: unknown) => ReturnType<TestCore['handlers'][K]>)(payload);

// A 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...walkFiles(p));
    else out.push(p);
  }
  return out;
}

async function seedNotebook(c: TestCore) {
  const img = c.context.blobs.put(PNG).sha256;
  const pdf = c.context.blobs.put(Buffer.from('%PDF-1.4\n% a tiny pdf\n')).sha256;
  const mk = (p: Record<string, unknown>) => call(c, 'journal:create', { templateId: null, ...p });
  const entries: EntryDto[] = [];
  entries.push(
    await mk({
      kind: 'daily',
      date: '2025-03-14',
      title: '2025-03-14',
      body: `# Friday\n\nRan 5k #running. Read [[Attention Is All You Need]].\n\n![loss](folio://blob/${img})\n\nSlides: [talk.pdf](folio://blob/${pdf})\n\n- [ ] call Wei\n- [x] book\n`,
      properties: { mood: 4, weather: 'rain', tags: ['health'] },
    }),
  );
  entries.push(
    await mk({
      kind: 'meeting',
      date: '2025-03-17',
      time: '09:30',
      title: 'Standup',
      body: 'Notes about [[2025-03-14]]. #todo',
      properties: { attendees: ['Ana', '王芳'], date: 'clash kept', title: 'also kept' },
    }),
  );
  entries.push(
    await mk({
      kind: 'paper',
      date: '2024-11-02',
      title: 'Attention Is All You Need',
      body: 'Self-attention. Related: [[读书笔记：申请]].',
      properties: { authors: ['Vaswani'], rating: 5 },
    }),
  );
  entries.push(
    await mk({
      kind: 'post',
      date: '2025-01-19',
      title: '读书笔记：申请',
      body: '今天整理了申请材料。 #读书/笔记',
      isPublic: true,
    }),
  );
  entries.push(await mk({ kind: 'post', date: '2025-01-20', title: 'Same title', body: 'first', isPublic: false }));
  entries.push(await mk({ kind: 'post', date: '2025-01-21', title: 'Same title', body: 'second' }));
  entries.push(
    await mk({
      kind: 'weekly',
      date: '2025-03-10',
      title: 'Week 11: a/b test? <yes>',
      body: '- done\n\n```\n:::private\nnot a block: code\n```\n',
    }),
  );
  return { entries, img, pdf };
}

describe('markdown export', () => {
  it('writes one file per entry with front matter, attachments and safe, unique names', async () => {
    await seedNotebook(core);
    const out = path.join(tmp.dir, 'export');
    const r = await call(core, 'io:export', { dir: out });
    expect(r.entries).toBe(7);
    expect(r.attachments).toBe(2);
    const files = walkFiles(out)
      .map((f) => path.relative(out, f).split(path.sep).join('/'))
      .sort();
    expect(files).toEqual(
      [
        '.folio-export.json',
        'Daily/2025-03-14.md',
        'Meetings/Standup.md',
        'Papers/Attention Is All You Need.md',
        'Posts/Same title.md',
        'Posts/Same title (2).md',
        'Posts/读书笔记：申请.md',
        'Weekly/Week 11 a b test  yes.md'.replace('  ', ' '),
        `attachments/${r.missingAttachments.length ? '' : ''}`,
      ]
        .filter((f) => !f.endsWith('/'))
        .concat(files.filter((f) => f.startsWith('attachments/')))
        .sort(),
    );
    expect(
      files
        .filter((f) => f.startsWith('attachments/'))
        .map((f) => path.extname(f))
        .sort(),
    ).toEqual(['.pdf', '.png']);
    const daily = fs.readFileSync(path.join(out, 'Daily/2025-03-14.md'), 'utf8');
    expect(daily).toMatch(/^---\ntitle: 2025-03-14\ndate: 2025-03-14\nkind: daily\ntags:\n {2}- /);
    expect(daily).toMatch(/!\[loss\]\(\.\.\/attachments\/[0-9a-f]{16}\.png\)/);
    expect(daily).toContain('[[Attention Is All You Need]]');
    expect(daily).not.toContain('folio://blob');

    // Deterministic, and an entry gone since the last export is removed (only files Folio wrote).
    const before = walkFiles(out)
      .filter((f) => !f.endsWith('.folio-export.json'))
      .map((f) => [f, fs.readFileSync(f, 'utf8')]);
    fs.writeFileSync(path.join(out, 'mine.txt'), 'my own file');
    const again = await call(core, 'io:export', { dir: out });
    expect(again.removed).toBe(0);
    for (const [f, text] of before) expect(fs.readFileSync(f!, 'utf8')).toBe(text);
    const list = await call(core, 'journal:list', { titleContains: 'Same title', limit: 10 });
    await call(core, 'journal:delete', { id: list.items.find((i) => i.excerpt.includes('second'))!.id });
    const third = await call(core, 'io:export', { dir: out });
    expect(third.removed).toBe(1);
    expect(fs.existsSync(path.join(out, 'Posts/Same title (2).md'))).toBe(false);
    expect(fs.readFileSync(path.join(out, 'mine.txt'), 'utf8')).toBe('my own file');
  });

  it('refuses a folder holding other files unless forced', async () => {
    await seedNotebook(core);
    const out = path.join(tmp.dir, 'busy');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'README.md'), 'mine');
    const res = await core.dispatch('io:export', { dir: out });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('conflict');
    const forced = await call(core, 'io:export', { dir: out, force: true });
    expect(forced.entries).toBe(7);
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('mine');
  });

  it('round trip: importing the export reproduces entries, dates, kinds, times, tags, properties, links, visibility and bodies', async () => {
    const { entries } = await seedNotebook(core);
    const original = await Promise.all(entries.map((e) => call(core, 'journal:get', { id: e.id })));
    const out = path.join(tmp.dir, 'notebook');
    await call(core, 'io:export', { dir: out });

    const other = await makeTestCore();
    try {
      const r = await call(other, 'io:import', { paths: [out] });
      expect(r.failedFiles).toBe(0);
      expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(r.created).toBe(original.length);
      const linksOf = (c: TestCore, id: string) =>
        (
          c.context.store.sqlite.prepare('SELECT target FROM entry_links WHERE from_entry_id = ? ORDER BY target').all(id) as {
            target: string;
          }[]
        ).map((l) => l.target);
      for (const o of original) {
        const list = await call(other, 'journal:list', { from: o.date, to: o.date, limit: 50 });
        const match = list.items.find((i) => i.title === o.title && i.excerpt === o.excerpt);
        expect(match, o.title).toBeDefined();
        const e = await call(other, 'journal:get', { id: match!.id });
        expect({ date: e.date, kind: e.kind, time: e.time, isPublic: e.isPublic, title: e.title }).toEqual({
          date: o.date,
          kind: o.kind,
          time: o.time,
          isPublic: o.isPublic,
          title: o.title,
        });
        expect([...e.tags].sort()).toEqual([...o.tags].sort());
        expect(e.properties).toEqual(o.properties);
        expect(e.body).toBe(o.body.trimEnd());
        expect(linksOf(other, e.id)).toEqual(linksOf(core, o.id));
      }
    } finally {
      await other.cleanup();
    }
  });
});

describe('publish', () => {
  const MARK = 'PRIVMARK';

  async function seedForSite(c: TestCore) {
    const img = c.context.blobs.put(PNG).sha256;
    const secretImg = c.context.blobs.put(Buffer.concat([PNG, Buffer.from(MARK)])).sha256;
    const mk = (p: Record<string, unknown>) => call(c, 'journal:create', { templateId: null, ...p });
    const pub = await mk({
      kind: 'post',
      date: '2025-02-01',
      title: 'Hello & <welcome>',
      isPublic: true,
      body: `Public text #open ![pic](folio://blob/${img})\n\n:::private\n${MARK} secret #${MARK.toLowerCase()}tag ![s](folio://blob/${secretImg})\n:::\n\n- item\n\n  :::private\n  ${MARK} in list\n  :::\n\n| a | b |\n| - | - |\n| :::private ${MARK} | x |\n\nSee [[中文 周报]] and [[private note]].\n\n<script>alert("${'x'}")</script>\n\n:::private\nunclosed ${MARK} to the end\n`,
      properties: { tags: ['field-tag'], secret: MARK },
    });
    const weekly = await mk({
      kind: 'weekly',
      date: '2025-02-03',
      title: '中文 周报',
      isPublic: true,
      body: '这周写了很多申请。 #周报\n\n[[Hello & <welcome>]]',
    });
    const priv = await mk({
      kind: 'post',
      date: '2025-02-02',
      title: 'private note',
      isPublic: false,
      body: `${MARK} body #${MARK}`,
    });
    await mk({ kind: 'post', date: '2025-02-05', title: `${MARK} private title`, isPublic: false, body: 'private' });
    const daily = await mk({ kind: 'daily', date: '2025-02-04', body: `${MARK} daily` });
    return { pub, weekly, priv, daily, secretImg };
  }

  it('holds public entries only, never private blocks, tags or media, and nothing that runs script', async () => {
    const { pub, weekly, secretImg } = await seedForSite(core);
    const site = path.join(tmp.dir, 'site');
    const r = await call(core, 'io:publish', { dir: site, siteTitle: 'My <site>', baseUrl: 'https://me.example/blog' });
    expect(r.posts).toBe(2);
    const files = walkFiles(site);
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      expect(bytes.includes(Buffer.from(MARK)), path.relative(site, f)).toBe(false);
      expect(bytes.includes(Buffer.from(MARK.toLowerCase())), path.relative(site, f)).toBe(false);
      if (f.endsWith('.html')) expect(scriptRisks(bytes.toString('utf8')), path.relative(site, f)).toEqual([]);
    }
    expect(files.some((f) => f.includes(secretImg.slice(0, 16)))).toBe(false);
    const rel = files.map((f) => path.relative(site, f).split(path.sep).join('/')).sort();
    expect(rel).toEqual(
      expect.arrayContaining([
        'index.html',
        'feed.xml',
        'style.css',
        'tags/index.html',
        'posts/2025-02-01-hello-welcome.html',
        'posts/2025-02-03-中文-周报.html',
      ]),
    );
    expect(rel.filter((f) => f.startsWith('posts/'))).toHaveLength(2);
    expect(rel.filter((f) => f.startsWith('media/'))).toHaveLength(1);
    expect(rel.filter((f) => f.startsWith('tags/') && f !== 'tags/index.html').sort()).toEqual(
      ['tags/field-tag.html', 'tags/open.html', 'tags/周报.html'].sort(),
    );

    const post = fs.readFileSync(path.join(site, 'posts/2025-02-01-hello-welcome.html'), 'utf8');
    expect(post).toContain('<h1>Hello &amp; &lt;welcome&gt;</h1>');
    expect(post).toContain('Public text');
    expect(post).toContain(
      `<a class="wikilink" href="../posts/${encodeURIComponent('2025-02-03-中文-周报')}.html">中文 周报</a>`,
    );
    expect(post).toContain('&lt;script&gt;');
    expect(post).toContain('<span class="wikilink">private note</span>');
    expect(post).toMatch(/<img src="\.\.\/media\/[0-9a-f]{16}\.png"/);
    const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    expect(index.indexOf('中文 周报')).toBeLessThan(index.indexOf('Hello &amp;'));
    expect(index).toContain('Content-Security-Policy');

    const feed = fs.readFileSync(path.join(site, 'feed.xml'), 'utf8');
    expect(xmlWellFormed(feed)).toEqual([]);
    expect(feed).toContain('<link>https://me.example/blog/posts/2025-02-01-hello-welcome.html</link>');
    expect(feed).toContain('<title>My &lt;site&gt;</title>');
    expect((feed.match(/<item>/g) ?? []).length).toBe(2);
    expect(feed).toContain('https://me.example/blog/media/');

    // Made private later: its page goes on the next publish.
    const w = await call(core, 'journal:get', { id: weekly.id });
    await call(core, 'journal:save', { id: w.id, baseRevision: w.revision, isPublic: false, mode: 'save' });
    const again = await call(core, 'io:publish', { dir: site });
    expect(again.posts).toBe(1);
    expect(again.removed).toBeGreaterThanOrEqual(2); // the page and its tag page
    expect(fs.existsSync(path.join(site, 'posts/2025-02-03-中文-周报.html'))).toBe(false);
    expect(fs.readFileSync(path.join(site, 'posts/2025-02-01-hello-welcome.html'), 'utf8')).toContain(
      '<span class="wikilink">中文 周报</span>',
    );
    void pub;
  });
});

/** A strict well-formedness check (tags balanced, entities known, no stray '<' or '&', only XML 1.0 characters). */
function xmlWellFormed(xml: string): string[] {
  const errors: string[] = [];
  if (/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(xml)) errors.push('invalid character');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    if (m[6]) {
      errors.push(`stray < at ${m.index}`);
      continue;
    }
    if (m[5] !== undefined) {
      for (const ent of m[5].matchAll(/&([^;\s]*);?/g))
        if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(ent[1]!) || !ent[0].endsWith(';'))
          errors.push(`bad entity ${ent[0]}`);
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) errors.push(`unbalanced </${m[2]}>`);
    } else if (!m[4]) stack.push(m[2]);
    for (const a of (m[3] ?? '').matchAll(/="([^"]*)"/g))
      for (const ent of a[1]!.matchAll(/&([^;\s]*);?/g))
        if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(ent[1]!)) errors.push(`bad entity in attribute`);
  }
  if (stack.length) errors.push(`unclosed ${stack.join(',')}`);
  return errors;
}

describe('one entry as a file', () => {
  it('HTML: standalone, images embedded, private blocks only when asked, no script', async () => {
    const img = core.context.blobs.put(PNG).sha256;
    const e = await call(core, 'journal:create', {
      kind: 'post',
      title: '中文 title',
      templateId: null,
      body: `Hi ![x](folio://blob/${img})\n\n:::private\nSECRET\n:::\n<img src=x onerror=alert(1)>`,
    });
    const html = await call(core, 'io:export-entry', { id: e.id, format: 'html' });
    expect(html.fileName).toBe('中文 title.html');
    expect(html.text).toContain('<img src="data:image/png;base64,');
    expect(html.text).not.toContain('SECRET');
    expect(scriptRisks(html.text!)).toEqual([]);
    const withPrivate = await call(core, 'io:export-entry', { id: e.id, format: 'html', includePrivate: true });
    expect(withPrivate.text).toContain('SECRET');
    const md = await call(core, 'io:export-entry', { id: e.id, format: 'markdown' });
    expect(md.text).toMatch(/^---\ntitle: 中文 title\n/);
    expect(md.text).toContain('SECRET');
    expect(md.text).toContain('](data:image/png;base64,');
    const file = path.join(tmp.dir, 'out', 'entry.html');
    const written = await call(core, 'io:export-entry', { id: e.id, format: 'html', file });
    expect(written.file).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(html.text);
  });

  it('PDF: real text (CJK with an installed CJK font), images, no private text unless asked', async () => {
    const img = core.context.blobs.put(PNG).sha256;
    const body = [
      '# Heading',
      '',
      'Plain **bold** *italic* `code` [link](https://example.com) ==mark== ~~gone~~ and a very long paragraph '.repeat(8),
      '',
      '今天整理了申请材料，晚上读了一篇论文。'.repeat(10),
      '',
      '- one\n- two\n  - nested\n- [x] done',
      '',
      '1. first\n2. second',
      '',
      '> quoted text',
      '',
      '```\nconst x = 1;\n```',
      '',
      '| a | b |\n| - | - |\n| 1 | 二 |',
      '',
      `![pic](folio://blob/${img})`,
      '',
      ':::private',
      'PRIVATEWORD',
      ':::',
    ].join('\n');
    const e = await call(core, 'journal:create', { kind: 'post', title: 'PDF 测试', templateId: null, body });
    const r = await call(core, 'io:export-entry', { id: e.id, format: 'pdf' });
    const bytes = Buffer.from(r.base64!, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Heading');
    expect(text).toContain('quoted text');
    expect(text).not.toContain('PRIVATEWORD');
    const hasCjkFont = findFonts().text.some((f) => f.get()?.has(0x7533));
    if (hasCjkFont) {
      expect(text.replace(/\s/g, '')).toContain('申请材料');
      expect(r.missingGlyphs).toEqual([]);
    } else {
      console.warn('[export-publish.test] no CJK font installed: the PDF shows "?" for Chinese text');
      expect(r.missingGlyphs).toContain('申');
    }
    const withPrivate = await call(core, 'io:export-entry', { id: e.id, format: 'pdf', includePrivate: true });
    expect(await pdfText(Buffer.from(withPrivate.base64!, 'base64'))).toContain('PRIVATEWORD');
  });
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { loadPdfjs, pdfjsResources } = await import('../papers/pdf/pdfjs');
  const pdfjs = await loadPdfjs();
  const res = pdfjsResources();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...(res.cMapUrl ? { cMapUrl: res.cMapUrl, cMapPacked: true } : {}),
    ...(res.standardFontDataUrl ? { standardFontDataUrl: res.standardFontDataUrl } : {}),
  }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  await doc.destroy();
  return out;
}
