import { describe, expect, it } from 'vitest';
import { CsvParseError, csvColumnIndex, csvRecords, detectDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('parses a header and rows', () => {
    const r = parseCsv('text,label\nhello,ham\nbuy now,spam\n');
    expect(r.header).toEqual(['text', 'label']);
    expect(r.rows).toEqual([
      ['hello', 'ham'],
      ['buy now', 'spam'],
    ]);
    expect(r.lines).toEqual([2, 3]);
    expect(r.delimiter).toBe(',');
  });

  it('handles quotes, doubled quotes, delimiters and newlines inside quotes, CRLF and a BOM', () => {
    const input = '\uFEFFtext,label\r\n"He said ""hi"", then left",ham\r\n"line one\r\nline two, still",spam\r\nplain,1';
    const r = parseCsv(input);
    expect(r.header).toEqual(['text', 'label']);
    expect(r.rows).toEqual([
      ['He said "hi", then left', 'ham'],
      ['line one\r\nline two, still', 'spam'],
      ['plain', '1'],
    ]);
    expect(r.lines).toEqual([2, 3, 5]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,b,c\n,,\n1,,3\nx,y,', { skipEmptyLines: false }).rows).toEqual([
      ['', '', ''],
      ['1', '', '3'],
      ['x', 'y', ''],
    ]);
  });

  it('keeps a quote that appears inside an unquoted field', () => {
    expect(parseCsv('a,b\n5" screen,ok\n').rows).toEqual([['5" screen', 'ok']]);
  });

  it('works without a header', () => {
    const r = parseCsv('1,2\n3,4', { header: false });
    expect(r.header).toBeNull();
    expect(r.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles lone CR line ends and skips blank lines', () => {
    expect(parseCsv('a,b\r1,2\r\r3,4\r').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('decodes UTF-8 bytes', () => {
    const bytes = new TextEncoder().encode('\uFEFFtext\tlabel\n好文章\tham\n');
    const r = parseCsv(bytes);
    expect(r.delimiter).toBe('\t');
    expect(r.rows).toEqual([['好文章', 'ham']]);
  });

  it('can disable quoting for raw TSV', () => {
    const r = parseCsv('label\ttext\nspam\t"FREE entry\nham\tok', {
      quote: null,
    });
    expect(r.rows).toEqual([
      ['spam', '"FREE entry'],
      ['ham', 'ok'],
    ]);
  });

  it('reports an unclosed quote with the line where it opens', () => {
    const bad = 'text,label\nok,ham\n"never closed,spam\nmore,ham\n';
    expect(() => parseCsv(bad)).toThrow(CsvParseError);
    try {
      parseCsv(bad);
    } catch (e) {
      expect((e as CsvParseError).line).toBe(3);
      expect((e as Error).message).toMatch(/line 3: unclosed quoted field/);
    }
  });

  it('reports text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
  });

  it('reports a ragged row with its line number, or pads it when asked', () => {
    const input = 'a,b,c\n1,2,3\n"multi\nline",2\n';
    expect(() => parseCsv(input)).toThrow(/line 3: expected 3 fields but found 2/);
    expect(parseCsv(input, { columnCount: 'pad' }).rows[1]).toEqual(['multi\nline', '2', '']);
  });

  it('refuses absurdly long fields', () => {
    expect(() => parseCsv('a\n' + 'x'.repeat(100), { maxFieldLength: 50 })).toThrow(/line 2: field longer than 50/);
  });

  it('parses a large file in linear time', () => {
    const row = '"quoted, with ""escapes""",plain text here,12345\n';
    const input = 'a,b,c\n' + row.repeat(200_000);
    const r = parseCsv(input);
    expect(r.rows.length).toBe(200_000);
    expect(r.rows[199_999]).toEqual(['quoted, with "escapes"', 'plain text here', '12345']);
    expect(r.lines[199_999]).toBe(200_001);
  });
});

describe('detectDelimiter', () => {
  it('detects comma, tab, semicolon and pipe', () => {
    expect(detectDelimiter('a,b\n1,2\n')).toBe(',');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('text;label\n"a, b, c, d";spam\n"e, f";ham\n')).toBe(';');
  });

  it('defaults to comma for a single column', () => {
    expect(detectDelimiter('text\nhello\n')).toBe(',');
  });
});

describe('csvRecords', () => {
  it('yields records with their starting line', () => {
    const records = [...csvRecords('x\n"a\nb"\nc\n', { delimiter: ',' })];
    expect(records.map((r) => [r.fields[0], r.line])).toEqual([
      ['x', 1],
      ['a\nb', 2],
      ['c', 4],
    ]);
  });
});

describe('csvColumnIndex', () => {
  it('finds columns by name (case-insensitive) or index', () => {
    expect(csvColumnIndex(['CONTENT', 'CLASS'], 'content')).toBe(0);
    expect(csvColumnIndex(['CONTENT', 'CLASS'], 1)).toBe(1);
    expect(csvColumnIndex(['CONTENT', 'CLASS'], '1')).toBe(1);
    expect(csvColumnIndex(null, '0')).toBe(0);
  });

  it('lists available columns when missing', () => {
    expect(() => csvColumnIndex(['text', 'label'], 'body')).toThrow(
      /column "body" not found; available columns: "text", "label"/,
    );
  });
});
