// Variants real users produce of the journal formats the importer knows: line endings, BOMs,
// UTF-16 and GB18030 files, whitespace, date spellings, Obsidian vault oddities, mojibake. All
// text is written for these tests.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCp1252, repairMojibake } from '../encoding';
import { planImport, type ImportFile, type ImportPlan } from './index';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
const utf16be = (s: string): Uint8Array => {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), b]));
};
const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));
const MTIME = Date.UTC(2024, 5, 1, 12);

function plan(files: Array<Omit<ImportFile, 'mtimeMs'> & { mtimeMs?: number }>): ImportPlan {
  return planImport(files.map((f) => ({ mtimeMs: MTIME, ...f })));
}
const summary = (p: ImportPlan) => p.entries.map((e) => [e.date, e.title, e.bodyMarkdown]);

describe('microblog variants', () => {
  const text = [
    '3/1/24, First day',
    'One paragraph.',
    '',
    'Another one, with a list:',
    '- milk',
    '- eggs',
    '',
    '3/2/24: Second day',
    'Body two.',
    '3/3/24',
    'Bare date body.',
    '',
  ].join('\n');
  const expected = [
    ['2024-03-01', 'First day', 'One paragraph.\n\nAnother one, with a list:\n\n- milk\n- eggs'],
    ['2024-03-02', 'Second day', 'Body two.'],
    ['2024-03-03', '3/3/24', 'Bare date body.'],
  ];

  it('reads the same entries whatever the line endings, BOM or Unicode encoding', () => {
    const variants: Record<string, Uint8Array> = {
      lf: enc(text),
      crlf: enc(text.replace(/\n/g, '\r\n')),
      cr: enc(text.replace(/\n/g, '\r')),
      bom: enc(`\ufeff${text}`),
      utf16le: utf16le(text.replace(/\n/g, '\r\n')),
      utf16be: utf16be(text),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const p = plan([{ relPath: 'blog.txt', bytes }]);
      expect(summary(p), name).toEqual(expected);
      expect(
        p.entries.map((e) => e.sourceKey),
        name,
      ).toEqual(['blog.txt#2024-03-01', 'blog.txt#2024-03-02', 'blog.txt#2024-03-03']);
    }
  });

  it('accepts four-digit years, zero padding, dash separators and date lines with trailing blanks', () => {
    const p = plan([
      {
        relPath: 'blog.txt',
        bytes: enc(
          '3/1/2024, Four digits\na\n\n03/02/24, Padded\nb\n\n3/3/24 - Dashed\nc\n\n3/4/24   \nd\n\n3/5/24\t\ne\n\n3/6/24,   Spaced out   \nf\n',
        ),
      },
    ]);
    expect(p.entries.map((e) => [e.date, e.title, e.bodyMarkdown])).toEqual([
      ['2024-03-01', 'Four digits', 'a'],
      ['2024-03-02', 'Padded', 'b'],
      ['2024-03-03', 'Dashed', 'c'],
      ['2024-03-04', '3/4/24', 'd'],
      ['2024-03-05', '3/5/24', 'e'],
      ['2024-03-06', 'Spaced out', 'f'],
    ]);
  });

  it('does not split on date-like text inside an entry', () => {
    const p = plan([
      {
        relPath: 'blog.txt',
        bytes: enc(
          [
            '3/1/24, Start',
            'I went out.',
            '3/2/24 was a long day and I slept through most of it.',
            '12 people came. 3/4 of them left early.',
            '2/3/24: the year it all started, as we say.',
            '1. a numbered list',
            '2. still the same entry',
            '',
            '3/5/24, Next',
            'body',
            '',
            '3/6/24, After',
            'x',
          ].join('\n'),
        ),
      },
    ]);
    expect(p.entries.map((e) => e.title)).toEqual(['Start', 'Next', 'After']);
    expect(p.entries[0]!.bodyMarkdown).toContain('3/2/24 was a long day');
    expect(p.entries[0]!.bodyMarkdown).toContain('1. a numbered list\n2. still the same entry');
  });

  it('rolls the year over in either direction', () => {
    const oldestFirst = plan([{ relPath: 'a.txt', bytes: enc('12/30/23, A\nx\n\n12/31/23, B\ny\n\n1/1/24, C\nz\n') }]);
    expect(oldestFirst.entries.map((e) => e.date)).toEqual(['2023-12-30', '2023-12-31', '2024-01-01']);
    const newestFirst = plan([{ relPath: 'a.txt', bytes: enc('1/1/24, C\nz\n\n12/31/23, B\ny\n') }]);
    expect(newestFirst.entries.map((e) => e.date)).toEqual(['2024-01-01', '2023-12-31']);
  });

  it('turns tab-indented lines into text and lists, never into code blocks', () => {
    const p = plan([
      {
        relPath: 'blog.txt',
        bytes: enc('3/1/24, Tabs\n\tIndented with a tab\n\n\t- a tab-indented item\n\t- another\n\n3/2/24, Next\nx\n'),
      },
    ]);
    const body = p.entries[0]!.bodyMarkdown;
    expect(body).toBe('Indented with a tab\n\n- a tab-indented item\n- another');
  });

  it('drops the --- lines some writers put between entries', () => {
    const p = plan([{ relPath: 'blog.txt', bytes: enc('3/1/24, A\nbody a\n---\n3/2/24, B\nbody b\n\n---\n\n3/3/24, C\nc\n') }]);
    expect(p.entries.map((e) => e.bodyMarkdown)).toEqual(['body a', 'body b', 'c']);
  });

  it('decodes short GBK files whose bytes happen to be almost valid UTF-8', () => {
    // 晴。 in GBK is C7 E7 A1 A3: one broken UTF-8 sequence and then a valid one (硣).
    for (const text of ['## 3/5\n晴。\n', '3/1/24, 雨\n晴。\n']) {
      const p = plan([{ relPath: 'short.md', bytes: gbk(text) }]);
      expect(p.entries[0]?.bodyMarkdown, text).toMatch(/(^|\n)晴。$/);
      expect(p.issues, text).toContainEqual({
        path: 'short.md',
        reason: 'not valid UTF-8; decoded as GB18030 (guessed)',
        severity: 'warning',
      });
    }
  });

  it('decodes a GBK microblog with Chinese titles and says it guessed', () => {
    const p = plan([
      { relPath: 'blog.txt', bytes: gbk('3/1/24, 周末\n今天去了公园，天气很好。\n\n3/2/24：星期六\n下雨了。\n2/3 杯面粉。\n') },
    ]);
    expect(summary(p)).toEqual([
      ['2024-03-01', '周末', '今天去了公园，天气很好。'],
      ['2024-03-02', '星期六', '下雨了。\n\n2/3 杯面粉。'],
    ]);
    expect(p.issues).toContainEqual({
      path: 'blog.txt',
      reason: 'not valid UTF-8; decoded as GB18030 (guessed)',
      severity: 'warning',
    });
  });
});

describe('Hexo diary variants', () => {
  const days = ['## 3/5', '第一天。', '', '### 早上', '吃饭。', '', '## 03/06', '第二天。', '', '## 3月7日', '第三天。', ''].join(
    '\n',
  );
  const diary = (fm: string, body = days) => `---\ntitle: 日记\n${fm}\n---\n\n前言。\n\n${body}`;
  const dates = (p: ImportPlan) => p.entries.map((e) => e.date);

  it('reads the year from every common front-matter date spelling', () => {
    for (const fm of [
      'date: 2024-01-05 10:00:00',
      'date: "2024-01-05"',
      "date: '2024-01-05 10:00'",
      'date: 2024/1/5',
      'date: 2024-01-05T10:00:00+08:00',
    ]) {
      const p = plan([{ relPath: 'd.md', bytes: enc(diary(fm)) }]);
      expect(dates(p), fm).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
      expect(p.entries[0]!.bodyMarkdown, fm).toBe('第一天。\n\n### 早上\n吃饭。');
    }
  });

  it('takes a front-matter date that is only a year', () => {
    for (const fm of ['date: 2023', 'date: "2023"']) {
      const p = plan([{ relPath: 'd.md', bytes: enc(diary(fm)) }]);
      expect(dates(p), fm).toEqual(['2023-03-05', '2023-03-06', '2023-03-07']);
      expect(
        p.issues.filter((i) => i.severity !== 'skipped'),
        fm,
      ).toEqual([]);
    }
  });

  it('without any date: the modification year with a per-file warning, or a per-file error, never a crash', () => {
    const withMtime = plan([{ relPath: 'd.md', bytes: enc(diary('tags: [a]')) }]);
    expect(dates(withMtime)).toEqual(['2024-03-05', '2024-03-06', '2024-03-07']);
    expect(withMtime.issues).toContainEqual(
      expect.objectContaining({ path: 'd.md', severity: 'warning', reason: expect.stringMatching(/modification date/) }),
    );
    const noMtime = planImport([
      { relPath: 'd.md', bytes: enc(diary('tags: [a]')) },
      { relPath: 'ok.md', bytes: enc('---\ndate: 2024-01-01\n---\nok\n') },
    ]);
    expect(noMtime.entries.map((e) => e.sourceKey)).toEqual(['ok.md']);
    expect(noMtime.issues).toContainEqual(
      expect.objectContaining({ path: 'd.md', severity: 'error', reason: expect.stringMatching(/year/) }),
    );
  });

  it('reads 3/5, 03/05, 3月5日, 3月5号, 3月5, full-width digits and Chinese numerals as headings', () => {
    const body = [
      '## 3/5',
      'a',
      '## 03/06',
      'b',
      '## 3月7日',
      'c',
      '## 3月8号 周五',
      'd',
      '## 3月9',
      'e',
      '## ３/１０',
      'f',
      '## 三月十一日',
      'g',
      '## 十二月三十一日',
      'h',
    ].join('\n');
    const p = plan([{ relPath: 'd.md', bytes: enc(diary('date: 2024-03-01', body)) }]);
    expect(p.entries.map((e) => [e.date, e.title, e.bodyMarkdown])).toEqual([
      ['2024-03-05', '3/5', 'a'],
      ['2024-03-06', '03/06', 'b'],
      ['2024-03-07', '3月7日', 'c'],
      ['2024-03-08', '3月8号 周五', 'd'],
      ['2024-03-09', '3月9', 'e'],
      ['2024-03-10', '３/１０', 'f'],
      ['2024-03-11', '三月十一日', 'g'],
      ['2024-12-31', '十二月三十一日', 'h'],
    ]);
  });

  it('keeps ### headings inside their day and ignores dated headings in code fences', () => {
    const body = [
      '## 12/30',
      '```md',
      '## 12/31',
      '```',
      '~~~',
      '## 01/01',
      '~~~',
      '### 01/02 not a day',
      'x',
      '## 12/31',
      'y',
      '## 1/1',
      'z',
    ].join('\n');
    const p = plan([{ relPath: 'd.md', bytes: enc(diary('date: 2024-12-30', body)) }]);
    expect(dates(p)).toEqual(['2024-12-30', '2024-12-31', '2025-01-01']);
    expect(p.entries[0]!.bodyMarkdown).toContain('### 01/02 not a day');
  });

  it('reads tags and categories in flow and block YAML alike', () => {
    const flow = plan([{ relPath: 'a.md', bytes: enc(diary('date: 2024-01-05\ntags: [生活, 日常]\ncategories: [日记]')) }]);
    const block = plan([
      { relPath: 'a.md', bytes: enc(diary('date: 2024-01-05\ntags:\n  - 生活\n  - 日常\ncategories:\n  - 日记')) },
    ]);
    for (const p of [flow, block]) {
      expect(p.entries.map((e) => e.tags)).toEqual([
        ['生活', '日常'],
        ['生活', '日常'],
        ['生活', '日常'],
      ]);
      expect(p.entries[0]!.properties).toMatchObject({ diary: '日记', categories: ['日记'] });
    }
    expect(flow.entries.map((e) => e.contentHash)).toEqual(block.entries.map((e) => e.contentHash));
  });

  it('reads the same diary from CRLF, CR, BOM, UTF-16 and GBK files', () => {
    const text = diary('date: 2024-12-20', '## 12/30  \n年末\n\n## 12/31\t\n除夕\n\n## 1/1 周三\n新年\n');
    const reference = plan([{ relPath: 'd.md', bytes: enc(text) }]);
    expect(dates(reference)).toEqual(['2024-12-30', '2024-12-31', '2025-01-01']);
    for (const bytes of [
      enc(text.replace(/\n/g, '\r\n')),
      enc(text.replace(/\n/g, '\r')),
      enc(`\ufeff${text.replace(/\n/g, '\r\n')}`),
      utf16le(text),
      utf16be(text),
      gbk(text),
    ]) {
      const p = plan([{ relPath: 'd.md', bytes }]);
      expect(summary(p)).toEqual(summary(reference));
      expect(p.entries.map((e) => e.contentHash)).toEqual(reference.entries.map((e) => e.contentHash));
    }
  });

  it('reports malformed front matter for that file and imports the rest', () => {
    const p = plan([
      { relPath: 'bad.md', bytes: enc(diary('date: 2024-01-05\ntags: [a, b')) },
      { relPath: 'good.md', bytes: enc(diary('date: 2024-01-05')) },
    ]);
    expect(p.entries.every((e) => e.sourcePath === 'good.md')).toBe(true);
    expect(p.entries).toHaveLength(3);
    expect(p.issues).toContainEqual(
      expect.objectContaining({ path: 'bad.md', severity: 'error', reason: expect.stringMatching(/not valid YAML/) }),
    );
  });
});

describe('Obsidian vault variants', () => {
  const files = (): Array<Omit<ImportFile, 'mtimeMs'>> => [
    {
      relPath: 'v/Daily/2024-03-05.md',
      bytes: enc(
        [
          '---',
          'tags: [project/folio, "#journal"]',
          'aliases: [Tuesday]',
          '---',
          'Worked on #project/folio and #area/deep/tag, not on issue #123.',
          '',
          '![[image.png]] ![[Other note]] ![[sub/pic.jpg|300]] ![[doc.pdf#page=3]]',
          '[[Other note|shown]] [[Other note#Heading]] [[Other note#Heading|alias]] [[Folder/Deep Note]]',
          '',
          '> [!note] A callout',
          '> with #incallout inside',
        ].join('\n'),
      ),
    },
    { relPath: 'v/Notes/Other note.md', bytes: enc('---\ntags: alpha, beta/gamma\ndate: 2024-03-01\n---\n# Heading\ntext\n') },
    { relPath: 'v/Archive/Other note.md', bytes: enc('---\ndate: 2023-01-01\n---\nsame name, other folder\n') },
    { relPath: 'v/Meetings/Sync.meeting.md', bytes: enc('---\ndate: 2024-03-04\nattendees: [A, B]\n---\nNotes\n') },
    { relPath: 'v/Papers/Attention.paper.md', bytes: enc('---\ndate: 2024-03-04\nauthors: [X]\n---\nPaper\n') },
    { relPath: `v/Notes/${'Long name '.repeat(24)}end.md`, bytes: enc('---\ndate: 2024-03-02\n---\nlong\n') },
    { relPath: 'v/Notes/empty.md', bytes: enc('') },
    { relPath: 'v/Notes/only front matter.md', bytes: enc('---\ntitle: Only FM\ndate: 2024-03-03\ntags: [x]\n---\n') },
    { relPath: 'v/Notes/broken.md', bytes: enc('---\ntitle: "unterminated\ndate: 2024-03-03\n---\nbody\n') },
    { relPath: 'v/Notes/crlf.md', bytes: enc('---\r\ntitle: CRLF\r\ndate: 2024-03-05\r\n---\r\nbody  \r\nnext\r\n') },
    { relPath: 'v/Notes/utf16.md', bytes: utf16le('---\r\ntitle: U16\r\ndate: 2024-03-05\r\n---\r\n中文\r\n') },
    { relPath: 'v/attachments/image.png', size: 10 },
    { relPath: 'v/sub/pic.jpg', size: 3 },
    { relPath: 'v/doc.pdf', size: 3 },
    { relPath: 'v/Notes/data.xyz', size: 5 },
    // What a client that does not filter (not the folder walker) might still send.
    { relPath: 'v/.obsidian/workspace.json', size: 5 },
    { relPath: 'v/.obsidian/snippets/x.md', bytes: enc('---\ndate: 2024-01-01\n---\nnot a note\n') },
    { relPath: 'v/.trash/deleted.md', bytes: enc('---\ndate: 2024-01-01\n---\ndeleted\n') },
  ];

  it('imports notes with nested tags, aliases, embeds, typed kinds and same-named files', () => {
    const p = plan(files());
    const byKey = new Map(p.entries.map((e) => [e.sourceKey, e]));
    const daily = byKey.get('v/Daily/2024-03-05.md')!;
    expect(daily.kind).toBe('daily');
    expect(daily.tags).toEqual(['project/folio', 'journal', 'area/deep/tag', 'incallout']);
    expect(daily.properties.aliases).toEqual(['Tuesday']);
    expect(daily.links).toEqual(['Other note', 'Deep Note']);
    expect(daily.attachments.sort()).toEqual(['v/attachments/image.png', 'v/doc.pdf', 'v/sub/pic.jpg']);
    expect(byKey.get('v/Notes/Other note.md')!.tags).toEqual(['alpha', 'beta/gamma']);
    expect(byKey.get('v/Archive/Other note.md')!.date).toBe('2023-01-01');
    expect(byKey.get('v/Meetings/Sync.meeting.md')!.kind).toBe('meeting');
    expect(byKey.get('v/Papers/Attention.paper.md')!).toMatchObject({ kind: 'paper', title: 'Attention' });
    expect(byKey.get('v/Notes/only front matter.md')!).toMatchObject({ title: 'Only FM', bodyMarkdown: '', tags: ['x'] });
    expect(byKey.get('v/Notes/crlf.md')!.bodyMarkdown).toBe('body  \nnext');
    expect(byKey.get('v/Notes/utf16.md')!).toMatchObject({ title: 'U16', bodyMarkdown: '中文' });
    expect([...byKey.keys()].some((k) => k.startsWith('v/Notes/Long name'))).toBe(true);
  });

  it('gives every file that is not imported its reason; tool folders are skipped even when sent', () => {
    const p = plan(files());
    const reason = (path: string) => p.issues.filter((i) => i.path === path).map((i) => `${i.severity}: ${i.reason}`);
    expect(reason('v/Notes/empty.md')).toEqual(['skipped: empty file']);
    expect(reason('v/Notes/broken.md')[0]).toMatch(/^error: front matter is not valid YAML/);
    expect(reason('v/Notes/data.xyz')).toEqual(['skipped: unsupported file type (.xyz)']);
    for (const tool of ['v/.obsidian/workspace.json', 'v/.obsidian/snippets/x.md', 'v/.trash/deleted.md']) {
      expect(reason(tool)[0], tool).toMatch(/^skipped: .*(hidden|tool) folder/);
      expect(p.entries.some((e) => e.sourcePath === tool)).toBe(false);
    }
  });

  it('dates daily notes named in the other formats Obsidian offers, and reads "date created"', () => {
    const names = ['05-03-2024', 'March 5, 2024', 'Tuesday, March 5th 2024', '5 March 2024', '2024.03.05', '2024-03-05 Tuesday'];
    const p = plan(names.map((n) => ({ relPath: `v/Daily/${n}.md`, bytes: enc('body\n') })));
    expect(p.entries.map((e) => [e.title, e.date, e.kind])).toEqual(
      names.map((n) => [n, n === '05-03-2024' ? '2024-05-03' : '2024-03-05', 'daily']),
    );
    expect(p.issues).toEqual([]);
    // A two-digit year is too ambiguous in a name (24-03-05): the modification date, with a warning.
    const short = plan([{ relPath: 'v/24-03-05.md', bytes: enc('body\n') }]);
    expect(short.issues[0]?.reason).toMatch(/modification date/);
    const created = plan([
      { relPath: 'v/a.md', bytes: enc('---\ndate created: 2024-03-05\n---\nx\n') },
      { relPath: 'v/b.md', bytes: enc('---\nCreated: 2024-03-06 09:30\n---\nx\n') },
    ]);
    expect(created.entries.map((e) => [e.date, e.time ?? null, e.properties])).toEqual([
      ['2024-03-05', null, {}],
      ['2024-03-06', '09:30', {}],
    ]);
  });

  it('re-planning gives the same keys and hashes (no duplicates on re-import)', () => {
    const a = plan(files());
    const b = plan(files().reverse());
    const key = (p: ImportPlan) => p.entries.map((e) => `${e.sourceKey} ${e.contentHash}`).sort();
    expect(key(b)).toEqual(key(a));
    expect(new Set(a.entries.map((e) => e.sourceKey)).size).toBe(a.entries.length);
  });
});

describe('mojibake variants', () => {
  const damage = (s: string): string => decodeCp1252(enc(s));
  /** How iconv, Python and other strict decoders damage text: the five bytes 1252 lacks become U+FFFD. */
  const damageLossy = (s: string): string => iconv.decode(Buffer.from(s, 'utf8'), 'win1252');

  it('repairs a closing quote whose last byte became U+FFFD', () => {
    expect(repairMojibake(damageLossy('“quoted” text')).text).toBe('“quoted” text');
  });

  it('repairs double damage, also when a byte was lost to U+FFFD', () => {
    expect(repairMojibake(damage(damage('it’s — done'))).text).toBe('it’s — done');
    expect(repairMojibake(damageLossy(damageLossy('it’s — “done”'))).text).toBe('it’s — “done”');
  });

  it('repairs only the damaged part of a mixed file', () => {
    const good = 'Good: café — naïve, 中文。';
    const r = repairMojibake(`${good} Bad: ${damage('it’s “fine” — café')}`);
    expect(r.text).toBe(`${good} Bad: it’s “fine” — café`);
    expect(r.repaired).toBe(5);
  });

  it('leaves a lone Ã© alone in text whose other accents are correct, and says so', () => {
    const text = 'When é is misread it shows as Ã©, and ü as Ã¼.';
    const r = repairMojibake(text);
    expect(r.text).toBe(text);
    expect(r.repaired).toBe(0);
    expect(r.suspicious).toBe(2);
    // Without correct accents around, a lone damaged word is repaired.
    expect(repairMojibake('We met at the cafÃ© again.').text).toBe('We met at the café again.');
  });

  it('reports the repairs per file and keeps the text of an undamaged file byte for byte', () => {
    const latin = 'São Paulo, Zürich, façade, ÀÉÎ, Ångström, CAFÉ’s DÉJÀ VU — Straße © ®';
    const p = plan([
      { relPath: 'good.md', bytes: enc(`---\ndate: 2024-01-01\n---\n${latin}\n`) },
      { relPath: 'bad.md', bytes: enc(`---\ndate: 2024-01-01\n---\n${damageLossy('He said “hi” — then left’')}\n`) },
      { relPath: 'quoted.md', bytes: enc('---\ndate: 2024-01-01\n---\nCorrect é here, and the sample Ã© kept.\n') },
    ]);
    const byPath = new Map(p.entries.map((e) => [e.sourcePath, e]));
    expect(byPath.get('good.md')!.bodyMarkdown).toBe(latin);
    expect(byPath.get('bad.md')!.bodyMarkdown).toBe('He said “hi” — then left’');
    expect(byPath.get('quoted.md')!.bodyMarkdown).toBe('Correct é here, and the sample Ã© kept.');
    expect(p.issues.filter((i) => i.path === 'good.md')).toEqual([]);
    expect(p.issues).toContainEqual({
      path: 'bad.md',
      reason: 'repaired 4 mojibake sequences (UTF-8 read as Windows-1252)',
      severity: 'warning',
    });
    expect(p.issues).toContainEqual(
      expect.objectContaining({ path: 'quoted.md', severity: 'warning', reason: expect.stringMatching(/left 1 .*as written/) }),
    );
    expect(p.counts.mojibakeRepaired).toBe(4);
  });
});
