import { describe, expect, it } from 'vitest';
import { FolioError } from '../contract/errors';
import { parseTimestamp } from './fields';
import { describeJsonError, parseCommentsCsv, parseCommentsFile, parseCommentsJson } from './parse';

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('Firebase-style JSON', () => {
  it('reads objects keyed by id under {comments: {page: {id: …}}} with field names detected', () => {
    const out = parseCommentsJson(
      json({
        comments: {
          'hello-world': {
            '-Nabc1': { author: 'Ann', text: 'First!', timestamp: 1717000000000 },
            '-Nabc2': { name: { name: 'Bob', email: 'b@example.org' }, message: 'Nice', time: 1717000000 },
          },
          'about-me': { '-Nxyz': { username: 'Cy', comment: 'Hi', createdAt: '2024-06-01T08:00:00+02:00' } },
        },
        meta: { version: 3 },
      }),
      'x.json',
    );
    expect(out.format).toBe('firebase-json');
    expect(out.errors).toEqual([]);
    expect(out.records.map((r) => [r.externalId, r.page, r.author, r.text, r.createdAt])).toEqual([
      ['-Nabc1', 'hello-world', 'Ann', 'First!', '2024-05-29T16:26:40.000Z'],
      ['-Nabc2', 'hello-world', 'Bob', 'Nice', '2024-05-29T16:26:40.000Z'],
      ['-Nxyz', 'about-me', 'Cy', 'Hi', '2024-06-01T06:00:00.000Z'],
    ]);
    expect(out.records[0]!.path).toEqual(['comments', 'hello-world', '-Nabc1']);
    expect(out.records[1]!.raw).toEqual({ name: { name: 'Bob', email: 'b@example.org' }, message: 'Nice', time: 1717000000 });
  });

  it('reads per-page nesting at the root, a page field over the nesting, explicit ids, and replies as comments of their own', () => {
    const out = parseCommentsJson(
      json({
        'post-1': {
          k1: { id: 'own-id', body: 'Parent', page: '/posts/1/', replies: { r1: { author: 'Dee', body: 'Reply' } } },
        },
        'post-2': { k2: { content: 'Other page' } },
      }),
      'x.json',
    );
    expect(out.records.map((r) => [r.externalId, r.page, r.text])).toEqual([
      ['own-id', '/posts/1/', 'Parent'],
      ['r1', '/posts/1/', 'Reply'],
      ['k2', 'post-2', 'Other page'],
    ]);
    // The reply is not part of its parent's raw record (it is exported only if approved itself).
    expect(out.records[0]!.raw).not.toHaveProperty('replies');
    expect(out.records[1]!.path).toEqual(['post-1', 'k1', 'replies', 'r1']);
  });

  it('reads a flat array (no path, ids only from fields) and a single top-level {comments: {id: …}}', () => {
    const arr = parseCommentsJson(
      json([
        { text: 'a', thread: 't1' },
        { id: 7, msg: 'b' },
      ]),
      'a.json',
    );
    expect(arr.format).toBe('json-array');
    expect(arr.records.map((r) => [r.externalId, r.page, r.text, r.path])).toEqual([
      [null, 't1', 'a', null],
      ['7', null, 'b', null],
    ]);
    const flat = parseCommentsJson(json({ comments: { a: { text: 'x' } } }), 'b.json');
    expect(flat.records[0]).toMatchObject({ externalId: 'a', page: null, text: 'x' });
  });

  it('keeps empty and missing text next to real comments (flagged), and reports what is not a comment', () => {
    const out = parseCommentsJson(
      json({
        c: {
          a: { author: 'A', text: '' },
          b: { author: 'B', timestamp: 1717000000000 },
          c: { author: 'C', text: { html: '<b>x</b>' } },
          d: 'just a string',
          e: { author: 'E', text: 'fine' },
        },
        users: { u1: { name: 'not a comment' } },
      }),
      'x.json',
    );
    expect(out.records.map((r) => [r.externalId, r.text, r.emptyText])).toEqual([
      ['a', '', true],
      ['b', '', true],
      ['e', 'fine', false],
    ]);
    expect(out.errors).toEqual([
      { index: 2, path: 'c/c', message: 'the comment\'s "text" is a object, not text' },
      { index: 3, path: 'c/d', message: 'a bare string where a comment object was expected' },
    ]);
    expect(out.total).toBe(5);
  });

  it('keeps HTML and script text verbatim', () => {
    const text = '<script>alert("x")</script><img src=x onerror=alert(1)> &amp; <b>bold</b>';
    const out = parseCommentsJson(json({ a: { text } }), 'x.json');
    expect(out.records[0]!.text).toBe(text);
  });

  it('refuses malformed JSON with the line and column, and reads JSON lines', () => {
    const bad = '{\n  "a": { "text": "x" },\n  "b": { "text": "y" \n}';
    let error: FolioError | undefined;
    try {
      parseCommentsJson(bad, 'broken.json');
    } catch (err) {
      error = err as FolioError;
    }
    expect(error).toBeInstanceOf(FolioError);
    expect(error!.code).toBe('invalid_file');
    expect(error!.message).toBe(
      'broken.json is not valid JSON: the file ends before the object is closed (line 4, column 2). Nothing was imported.',
    );
    expect(error!.details).toMatchObject({ line: 4, column: 2 });
    const e = (text: string) => describeJsonError(new SyntaxError('x'), text).message;
    expect(e('{"a":')).toBe('the file ends before the object is closed (line 1, column 6)');
    expect(e('{"a": 1,}')).toBe('expected a quoted property name, found "}" (line 1, column 9)');
    expect(e('[1, 2\n 3]')).toBe('expected "," or "]", found "3" (line 2, column 2)');
    expect(e('{"a": "line\nbreak"}')).toBe(
      'a line break or control character inside a string (strings must be on one line) (line 1, column 12)',
    );
    expect(e('{"a": tru}')).toBe('unexpected "t" where a value was expected (line 1, column 7)');
    expect(e('{"a": 1} x')).toBe('unexpected "x" after the end of the JSON value (line 1, column 10)');
    expect(e('{"a": "never')).toBe('a string that never closes (line 1, column 7)');

    const lines = parseCommentsFile('{"text":"one","author":"a"}\n{"text":"two"}\n{oops}\n', { name: 'c.jsonl', format: 'auto' });
    expect(lines.format).toBe('jsonl');
    expect(lines.records.map((r) => r.text)).toEqual(['one', 'two']);
    expect(lines.errors).toEqual([{ line: 3, message: expect.stringMatching(/^not valid JSON/) }]);
  });
});

describe('CSV', () => {
  it('detects the usual columns, or takes them by name or 1-based number', () => {
    const csv = 'COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS\nc1,Ann,2024-06-01T10:00:00,"Hello, ""world""",0\nc2,Bob,,Buy now,1\n';
    const auto = parseCommentsCsv(csv, 'yt.csv');
    expect(auto.records.map((r) => [r.externalId, r.author, r.text, r.createdAt !== null, r.label])).toEqual([
      ['c1', 'Ann', 'Hello, "world"', true, null],
      ['c2', 'Bob', 'Buy now', false, null],
    ]);
    const named = parseCommentsCsv(csv, 'yt.csv', { textColumn: 'content', labelColumn: 'CLASS', idColumn: '1' });
    expect(named.records.map((r) => [r.externalId, r.label])).toEqual([
      ['c1', 'ham'],
      ['c2', 'spam'],
    ]);
    expect(named.records[0]!.raw).toMatchObject({ COMMENT_ID: 'c1', CONTENT: 'Hello, "world"' });
  });

  it('reads headerless files by column number and plain TSV with stray quotes', () => {
    const tsv = 'spam\tWIN a "free" prize now\nham\t"quoted" start and "more\n';
    const out = parseCommentsCsv(tsv, 'x.tsv', { header: false, textColumn: '2', labelColumn: '1' });
    expect(out.records.map((r) => [r.text, r.label])).toEqual([
      ['WIN a "free" prize now', 'spam'],
      ['"quoted" start and "more', 'ham'],
    ]);
  });

  it('reports rows of the wrong width and bad labels by line, imports the rest', () => {
    const out = parseCommentsCsv('text,label\nok one,ham\nbroken\nok two,maybe\n', 'x.csv', { labelColumn: 'label' });
    expect(out.records.map((r) => [r.text, r.label])).toEqual([
      ['ok one', 'ham'],
      ['ok two', null],
    ]);
    expect(out.errors).toEqual([
      { line: 3, message: 'expected 2 fields but found 1; row skipped' },
      { line: 4, message: 'unknown label "maybe" (expected spam/ham, 1/0); imported without a label' },
    ]);
  });

  it('names the columns when a column is missing or the text column cannot be guessed', () => {
    expect(() => parseCommentsCsv('a,b\n1,2\n', 'x.csv', { textColumn: 'body' })).toThrow(
      /There is no column "body" for textColumn. Columns: 1 "a", 2 "b"/,
    );
    expect(() => parseCommentsCsv('a,b\n1,2\n', 'x.csv')).toThrow(/Which column holds the comment text\?/);
    expect(() => parseCommentsCsv('text\n"never closed\n', 'x.csv')).toThrow(/not valid CSV: line 2: unclosed quoted field/);
  });
});

describe('timestamps', () => {
  it('reads milliseconds, seconds, digit strings and dates; refuses nonsense', () => {
    expect(parseTimestamp(1717000000000)).toBe('2024-05-29T16:26:40.000Z');
    expect(parseTimestamp(1717000000)).toBe('2024-05-29T16:26:40.000Z');
    expect(parseTimestamp('1717000000')).toBe('2024-05-29T16:26:40.000Z');
    expect(parseTimestamp('2024-06-01')).toBe('2024-06-01T00:00:00.000Z');
    expect(parseTimestamp({ '.sv': 'timestamp' })).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp(-5)).toBeNull();
    expect(parseTimestamp(42)).toBeNull();
  });
});
