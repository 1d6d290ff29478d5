import { describe, expect, it } from 'vitest';
import {
  assignYears,
  dateFromFileName,
  detectFormat,
  formatMarkdownNote,
  headingDate,
  parseFrontMatter,
  parseHexoDiary,
  parseLooseDate,
  parseMarkdownNote,
  parsePlainMicroblog,
  splitFileName,
} from './index';

describe('parseLooseDate', () => {
  it.each([
    ['2025-01-24', { date: '2025-01-24' }],
    ['2025-01-24 09:15:18', { date: '2025-01-24', time: '09:15' }],
    ['2025-01-24T21:05:00Z', { date: '2025-01-24', time: '21:05' }],
    ['2025-01-24T21:05:00.123+08:00', { date: '2025-01-24', time: '21:05' }],
    ["'2025/1/5'", { date: '2025-01-05' }],
    ['"Jan 19, 2025"', { date: '2025-01-19' }],
    ['January 19 2025', { date: '2025-01-19' }],
    ['Sunday, January 19, 2025 9:15 PM', { date: '2025-01-19', time: '21:15' }],
    ['Jan. 19, 2025 at 12:05 am', { date: '2025-01-19', time: '00:05' }],
    ['19 Jan 2025', { date: '2025-01-19' }],
    ['1/19/2025', { date: '2025-01-19' }],
    ['19/1/2025', { date: '2025-01-19' }],
    ['6/21/26', { date: '2026-06-21' }],
    ['20250124', { date: '2025-01-24' }],
    ['2025年1月24日', { date: '2025-01-24' }],
    ['2025年1月24日 星期五 08:00', { date: '2025-01-24', time: '08:00' }],
  ])('%s', (input, expected) => {
    expect(parseLooseDate(input)).toEqual(expected);
  });

  it('rejects non-dates and impossible dates', () => {
    for (const bad of ['', 'yesterday', '2025-02-30', '2025-13-01', 'Foo 19, 2025', '12345', null, undefined, {}, NaN]) {
      expect(parseLooseDate(bad)).toBeNull();
    }
  });

  it('accepts Date objects and epoch numbers', () => {
    expect(parseLooseDate(new Date(Date.UTC(2025, 0, 24)))).toEqual({ date: '2025-01-24' });
    expect(parseLooseDate(20250124)).toEqual({ date: '2025-01-24' });
    expect(parseLooseDate(Date.UTC(2025, 0, 24, 12) / 1000)?.date).toBe('2025-01-24');
  });
});

describe('file names', () => {
  it('finds dates in file names', () => {
    expect(dateFromFileName('notes/2025-01-24.md')).toEqual({ date: '2025-01-24', granularity: 'day' });
    expect(dateFromFileName('_posts/2025-01-24-my-first-post.md')?.date).toBe('2025-01-24');
    expect(dateFromFileName('2025_01_24 standup.md')?.date).toBe('2025-01-24');
    expect(dateFromFileName('20250124.md')?.date).toBe('2025-01-24');
    expect(dateFromFileName('2025年1月24日.md')?.date).toBe('2025-01-24');
    expect(dateFromFileName('2025-W04.md')).toEqual({ date: '2025-01-20', granularity: 'week' });
    expect(dateFromFileName('2020-W53.md')?.date).toBe('2020-12-28');
    expect(dateFromFileName('version 1.2.3.md')).toBeNull();
    expect(dateFromFileName('2025-02-30.md')).toBeNull();
  });

  it('splits typed file names', () => {
    expect(splitFileName('a/Standup.meeting.md')).toEqual({ stem: 'Standup', kind: 'meeting', ext: 'md' });
    expect(splitFileName('x.daily.md').kind).toBe('daily');
    expect(splitFileName('Braised tofu.recipe.md')).toEqual({ stem: 'Braised tofu', kind: 'recipe', ext: 'md' });
    expect(splitFileName('README.en.md')).toEqual({ stem: 'README.en', ext: 'md' });
    expect(splitFileName('notes.bak.md')).toEqual({ stem: 'notes.bak', ext: 'md' });
    expect(splitFileName('v1.2.md')).toEqual({ stem: 'v1.2', ext: 'md' });
  });
});

describe('parseFrontMatter', () => {
  it('parses YAML and keeps dates as strings', () => {
    const fm = parseFrontMatter('---\ntitle: x\ndate: 2025-01-24 09:15:18\nok: yes\n---\nbody\n');
    expect(fm.data).toEqual({ title: 'x', date: '2025-01-24 09:15:18', ok: 'yes' });
    expect(fm.body).toBe('body\n');
    expect(fm.bodyLine).toBe(6);
  });

  it('reports malformed YAML with a line number', () => {
    const fm = parseFrontMatter('---\ntitle: x\ntags: [a, b\n---\nbody');
    expect(fm.error?.message).toMatch(/not valid YAML/);
    expect(fm.error?.line).toBeGreaterThanOrEqual(2);
  });

  it('treats a lone leading --- as a thematic break, but an unclosed key block as an error', () => {
    expect(parseFrontMatter('---\n\nJust a rule above.').format).toBeNull();
    expect(parseFrontMatter('---\ntitle: x\nbody without closing').error?.message).toMatch(/never closed/);
  });

  it('reads simple TOML front matter', () => {
    const fm = parseFrontMatter(
      '+++\ntitle = "Hugo post"\ndate = 2025-01-24T10:00:00Z\ntags = ["a", "b"]\ndraft = false\n+++\nHi',
    );
    expect(fm.data).toEqual({ title: 'Hugo post', date: '2025-01-24T10:00:00Z', tags: ['a', 'b'], draft: false });
  });

  it('rejects a YAML block that is not a mapping', () => {
    expect(parseFrontMatter('---\n- a\n- b\n---\nx').error?.message).toMatch(/key: value/);
  });
});

describe('parseMarkdownNote', () => {
  it('maps front matter to fields and keeps the rest as properties', () => {
    const md =
      '---\ntitle: Hello\ndate: "Jan 19, 2025"\ntime: "07:30"\ntags: "journal, links , AI"\nmood: 3\npublic: true\n---\nBody with #extra and [[Target|alias]] and ![img](pics/a.png).';
    const { entries, issues } = parseMarkdownNote(md, { relPath: 'notes/hello.md' });
    expect(issues).toEqual([]);
    expect(entries[0]).toMatchObject({
      sourceKey: 'notes/hello.md',
      kind: 'note',
      date: '2025-01-19',
      time: '07:30',
      title: 'Hello',
      tags: ['journal', 'links', 'AI', 'extra'],
      properties: { mood: 3 },
      links: ['Target'],
      attachments: ['notes/pics/a.png'],
      attachmentRefs: { 'pics/a.png': 'notes/pics/a.png' },
      isPublic: true,
      format: 'markdown',
    });
    expect(entries[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the title from the file name, the date from the name, and the kind from typed names', () => {
    const r = parseMarkdownNote('# Plan\n\nText', { relPath: 'Daily/2025-01-24.md' });
    expect(r.entries[0]).toMatchObject({ title: '2025-01-24', date: '2025-01-24', kind: 'daily' });
    const m = parseMarkdownNote('---\ndate: 2025-01-24\n---\nx', { relPath: 'Standup.meeting.md' });
    expect(m.entries[0]).toMatchObject({ title: 'Standup', kind: 'meeting' });
    expect(parseMarkdownNote('x', { relPath: 'Daily/2025-01-24 Friday.md' }).entries[0]!.kind).toBe('daily');
    expect(parseMarkdownNote('x', { relPath: 'Daily/2025-01-24 周五.md' }).entries[0]!.kind).toBe('daily');
    expect(parseMarkdownNote('x', { relPath: '2025-01-24 Trip to the lake.md' }).entries[0]!.kind).toBe('post');
    const k = parseMarkdownNote('---\ndate: 2025-01-24\nkind: weekly\n---\nx', { relPath: 'a.paper.md' });
    expect(k.entries[0]!.kind).toBe('weekly');
  });

  it('is public only when the file says so; only blog posts are posts', () => {
    const one = (md: string, relPath = 'Notes/x.md') =>
      parseMarkdownNote(md, { relPath, mtimeMs: Date.UTC(2025, 0, 1) }).entries[0]!;
    expect(one('No front matter.')).toMatchObject({ kind: 'note' });
    expect(one('No front matter.').isPublic).toBeUndefined();
    expect(one('---\ntitle: T\ndate: 2025-01-02\ntags: [a]\n---\nx').isPublic).toBeUndefined();
    for (const flag of ['public: true', 'published: true', 'publish: true', 'isPublic: yes'])
      expect(one(`---\n${flag}\n---\nx`).isPublic, flag).toBe(true);
    for (const flag of ['public: false', 'published: false', 'publish: no', 'draft: true', 'private: true'])
      expect(one(`---\n${flag}\n---\nx`).isPublic, flag).toBe(false);
    // `draft: false` publishes only a file that is clearly a blog post.
    expect(one('---\ndraft: false\n---\nx').isPublic).toBeUndefined();
    expect(one('---\nlayout: post\ndraft: false\n---\nx')).toMatchObject({ kind: 'post', isPublic: true });
    expect(one('+++\ntitle = "Hugo"\ndate = 2025-01-24\ndraft = false\n+++\nx')).toMatchObject({ kind: 'post', isPublic: true });
    expect(one('---\ndraft: false\n---\nx', 'source/_posts/hello.md')).toMatchObject({ kind: 'post', isPublic: true });
    expect(one('---\ndraft: false\n---\nx', 'content/posts/hello.md')).toMatchObject({ kind: 'post', isPublic: true });
    // A blog post that does not say is private, and marked as such for `publicPosts`.
    expect(one('---\ncategories: [a]\ndate: 2025-01-02\n---\nx')).toMatchObject({ kind: 'post', unmarkedPost: true });
    expect(one('x', '_posts/2025-01-24-hello.md')).toMatchObject({ kind: 'post', unmarkedPost: true, date: '2025-01-24' });
    expect(one('x', '2025-01-24 Trip.md').unmarkedPost).toBeUndefined();
    expect(one('---\nlayout: post\npublic: false\n---\nx').unmarkedPost).toBeUndefined();
    // `published` as a date is not a flag.
    expect(one('---\npublished: 2024-03-01\n---\nx').isPublic).toBeUndefined();
  });

  it('falls back to the modification date with a warning, else refuses', () => {
    const mtime = new Date(2024, 4, 6, 12).getTime();
    const r = parseMarkdownNote('no date', { relPath: 'x.md', mtimeMs: mtime });
    expect(r.entries[0]!.date).toBe('2024-05-06');
    expect(r.issues[0]).toMatchObject({ severity: 'warning' });
    const none = parseMarkdownNote('no date', { relPath: 'x.md' });
    expect(none.entries).toEqual([]);
    expect(none.issues[0]).toMatchObject({ severity: 'error', reason: 'no date in front matter or file name' });
  });

  it('refuses malformed front matter with a clear reason', () => {
    const r = parseMarkdownNote('---\ntitle: [oops\n---\nbody', { relPath: 'bad.md' });
    expect(r.entries).toEqual([]);
    expect(r.issues[0]).toMatchObject({ path: 'bad.md', severity: 'error' });
    expect(r.issues[0]!.reason).toMatch(/YAML/);
  });

  it('round-trips through formatMarkdownNote', () => {
    const note = {
      title: 'Round trip: "quotes" #1',
      date: '2025-03-01',
      time: '08:05',
      kind: 'meeting',
      tags: ['a', 'series/part', '中文'],
      properties: { venue: 'Room 4', attendees: ['Ana', 'Wei'], rating: 5, title: 'a colliding property', nested: { x: 1 } },
      isPublic: false,
      bodyMarkdown: 'Body with [[Other Note]] and #a.\n\n- item',
    };
    const text = formatMarkdownNote(note);
    // Named by its title, as the exporter names files (another name would be kept as an alias).
    const e = parseMarkdownNote(text, { relPath: 'exported/Round trip quotes 1.md' }).entries[0]!;
    expect(e).toMatchObject({
      title: note.title,
      date: note.date,
      time: note.time,
      kind: note.kind,
      isPublic: false,
      bodyMarkdown: note.bodyMarkdown,
      links: ['Other Note'],
    });
    expect(e.tags).toEqual(note.tags);
    expect(e.properties).toEqual(note.properties);
  });
});

describe('Hexo diary', () => {
  it('reads heading dates', () => {
    expect(headingDate('11/09')).toEqual({ a: 11, b: 9 });
    expect(headingDate('1/9 周六')).toEqual({ a: 1, b: 9 });
    expect(headingDate('2025-01-24 Friday')).toEqual({ a: 1, b: 24, year: 2025, monthFirst: true });
    expect(headingDate('1月24日')).toEqual({ a: 1, b: 24, monthFirst: true });
    expect(headingDate('3月5日 周二 下雨')).toEqual({ a: 3, b: 5, monthFirst: true });
    expect(headingDate('March 5')).toEqual({ a: 3, b: 5, monthFirst: true });
    expect(headingDate('Tue, Mar 5th: dentist')).toEqual({ a: 3, b: 5, monthFirst: true });
    expect(headingDate('5 March 2024')).toEqual({ a: 3, b: 5, year: 2024, monthFirst: true });
    expect(headingDate('December 30, 2023 (snow)')).toEqual({ a: 12, b: 30, year: 2023, monthFirst: true });
    expect(headingDate('March 2024')).toBeNull();
    expect(headingDate('May 3rd-party tools')).toBeNull();
    expect(headingDate('3 Decisions')).toBeNull();
    expect(headingDate('3/5/25')).toEqual({ a: 3, b: 5, year: 2025 });
    expect(headingDate('12-31')).toEqual({ a: 12, b: 31 });
    expect(headingDate('11/09（周日）')).toEqual({ a: 11, b: 9 });
    expect(headingDate('Notes')).toBeNull();
    expect(headingDate('3-5 things')).toBeNull();
    expect(headingDate('1.5x speedup')).toBeNull();
  });

  it('assigns years with rollover in both directions and any anchor meaning', () => {
    const md = (list: string) => list.split(' ').map((s) => ({ month: Number(s.split('/')[0]), day: Number(s.split('/')[1]) }));
    // Oldest first, anchor = start.
    expect(assignYears(md('12/28 12/31 01/01 02/01'), { date: '2024-12-28' })).toEqual([2024, 2024, 2025, 2025]);
    // Newest first, anchor = start (the fixture's shape).
    expect(assignYears(md('11/09 03/01 01/24'), { date: '2025-01-24' })).toEqual([2025, 2025, 2025]);
    // Newest first, anchor = last update.
    expect(assignYears(md('11/09 03/01 01/24'), { date: '2025-11-10' })).toEqual([2025, 2025, 2025]);
    // Newest first across New Year.
    expect(assignYears(md('02/03 01/01 12/31 11/20'), { date: '2023-11-20' })).toEqual([2024, 2024, 2023, 2023]);
    // Anchor in the middle of a diary that spans New Year.
    expect(assignYears(md('10/01 12/31 01/01 03/01'), { date: '2024-12-31' })).toEqual([2024, 2024, 2025, 2025]);
    // A small step back is an out-of-order entry, not a new year.
    expect(assignYears(md('03/01 03/05 03/04 03/06'), { date: '2025-03-01' })).toEqual([2025, 2025, 2025, 2025]);
    // Two rollovers.
    expect(assignYears(md('11/01 12/01 02/01 03/01 11/01 02/01'), { date: '2023-11-01' })).toEqual([
      2023, 2023, 2024, 2024, 2024, 2025,
    ]);
    // A gap of ten months across New Year, oldest first.
    expect(assignYears(md('03/01 03/20 01/15'), { date: '2024-03-01' })).toEqual([2024, 2024, 2025]);
    // Explicit years win.
    expect(
      assignYears(
        [
          { month: 12, day: 30, year: 2020 },
          { month: 12, day: 31 },
          { month: 1, day: 1 },
        ],
        null,
      ),
    ).toEqual([2020, 2020, 2021]);
    expect(assignYears(md('01/01'), null)).toBeNull();
  });

  it('ignores headings in code and comments, keeps the preamble separately, titles are the headings', () => {
    const FENCE = '```';
    const text = `---\ntitle: T\ndate: 2025-01-01\n---\nIntro text.\n\n## 01/01\n\nA\n\n${FENCE}\n## 01/02\n${FENCE}\n\n<!--\n## 01/03\n-->\n\n## 01/04 Saturday\n\nB\n\n---\n`;
    const r = parseHexoDiary(text, { relPath: 'd.md' });
    expect(r.entries.map((e) => [e.date, e.title, e.sourceLine])).toEqual([
      ['2025-01-01', '01/01', 7],
      ['2025-01-04', '01/04 Saturday', 19],
    ]);
    expect(r.entries[0]!.bodyMarkdown).toContain('## 01/02');
    expect(r.entries[1]!.bodyMarkdown).toBe('B');
    expect(r.preamble).toMatchObject({ title: 'T', date: '2025-01-01', bodyMarkdown: 'Intro text.' });
    expect(r.entries[0]).toMatchObject({
      kind: 'daily',
      format: 'hexo-diary',
      sourceKey: 'd.md#2025-01-01',
      properties: { diary: 'T' },
    });
  });

  it('handles day-first headings and clamps impossible days with a warning', () => {
    const r = parseHexoDiary('---\ndate: 2025-01-01\n---\n## 13/01\nx\n## 14/01\ny\n## 29/02\nz', { relPath: 'd.md' });
    expect(r.entries.map((e) => e.date)).toEqual(['2025-01-13', '2025-01-14', '2025-02-28']);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', line: 8 });
  });

  it('refuses a diary without any year information', () => {
    const r = parseHexoDiary('## 01/01\nx\n## 01/02\ny', { relPath: 'notes.md' });
    expect(r.entries).toEqual([]);
    expect(r.issues[0]!.severity).toBe('error');
    const withName = parseHexoDiary('## 01/01\nx\n## 01/02\ny', { relPath: 'diary-2023.md' });
    expect(withName.entries.map((e) => e.date)).toEqual(['2023-01-01', '2023-01-02']);
  });
});

describe('microblog', () => {
  it('splits on entry lines only, with titles', () => {
    const text = [
      '6/21/26, Weekend',
      'Body one.',
      '6/20/26: Stamps',
      'Body two.',
      '6/19/26 was a long day and this line is only a sentence that happens to start with a date.',
      '6/18/26, a long sentence that merely starts with a date, then goes on and on for many more words.',
      '6/17/26',
      'Bare date body.',
    ].join('\n');
    const r = parsePlainMicroblog(text, { relPath: 'm.txt' });
    expect(r.entries.map((e) => [e.date, e.title])).toEqual([
      ['2026-06-21', 'Weekend'],
      ['2026-06-20', 'Stamps'],
      ['2026-06-17', '6/17/26'],
    ]);
    expect(r.entries[1]!.bodyMarkdown).toBe(
      'Body two.\n\n6/19/26 was a long day and this line is only a sentence that happens to start with a date.\n\n6/18/26, a long sentence that merely starts with a date, then goes on and on for many more words.',
    );
  });

  it('accepts dash separators and ignores titled lines that quote a far-away date', () => {
    const text = [
      '3/4/25 Weekend Plans',
      'z',
      '3/3/25 - Dash title',
      'a',
      '3/2/25',
      'b',
      '1/1/20: The year it all started',
      'c',
      '3/1/25, First',
      'd',
      '2/28/25 was a long day',
      'e',
    ].join('\n');
    const r = parsePlainMicroblog(text, { relPath: 'm.txt' });
    expect(r.entries.map((e) => [e.date, e.title])).toEqual([
      ['2025-03-04', 'Weekend Plans'],
      ['2025-03-03', 'Dash title'],
      ['2025-03-02', '3/2/25'],
      ['2025-03-01', 'First'],
    ]);
    expect(r.entries[2]!.bodyMarkdown).toContain('1/1/20: The year it all started');
    expect(r.entries[3]!.bodyMarkdown).toContain('2/28/25 was a long day');
  });

  it('keeps list runs together and escapes accidental headings', () => {
    const r = parsePlainMicroblog('1/1/25, A\nline one\n- x\n- y\n# not heading\n    indented', { relPath: 'm.txt' });
    expect(r.entries[0]!.bodyMarkdown).toBe('line one\n\n- x\n- y\n\n\\# not heading\n\nindented');
  });
});

describe('detectFormat', () => {
  it('tells diaries, microblogs, notes, text and attachments apart', () => {
    expect(detectFormat('d.md', '---\ndate: 2025-01-01\n---\n## 01/02\na\n## 01/01\nb')).toBe('hexo-diary');
    expect(detectFormat('n.md', '---\ndate: 2025-01-01\n---\n## Intro\n## 01/02 only one\n## Outro')).toBe('markdown');
    expect(detectFormat('e.md', '---\ndate: 2025-01-01\nkind: daily\n---\n## 01/02\na\n## 01/01\nb')).toBe('markdown');
    expect(detectFormat('m.txt', '6/21/26, Weekend\nx\n6/20/26\ny')).toBe('microblog');
    expect(detectFormat('m.md', '6/21/26, Weekend\nx\n6/20/26\ny')).toBe('microblog');
    expect(detectFormat('t.txt', 'just text\n6/5/26 was fine')).toBe('text');
    expect(detectFormat('a.png')).toBe('attachment');
    expect(detectFormat('a.exe')).toBe('unsupported');
    expect(detectFormat('Drawing 1.excalidraw.md', '---\nexcalidraw-plugin: parsed\n---\n')).toBe('attachment');
  });
});
