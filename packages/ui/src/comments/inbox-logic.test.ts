import { describe, expect, it } from 'vitest';
import { firstRecord, guessColumns, guessDelimiter, looksLikeJson } from './csv-header';
import { percent, staysInView } from './format';
import { inboxKeyAction } from './keys';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  inboxKeyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('inbox keys', () => {
  it('maps j/k, x, a/s/d, their Shift bulk forms, u, /, ? and e', () => {
    expect(key('j')).toEqual({ type: 'move', by: 1 });
    expect(key('ArrowUp')).toEqual({ type: 'move', by: -1 });
    expect(key('x')).toEqual({ type: 'toggle-select' });
    expect(key('X', { shiftKey: true })).toEqual({ type: 'select-all' });
    expect(key('a')).toEqual({ type: 'decide', action: 'approve', bulk: false });
    expect(key('A', { shiftKey: true })).toEqual({ type: 'decide', action: 'approve', bulk: true });
    expect(key('S', { shiftKey: true })).toEqual({ type: 'decide', action: 'spam', bulk: true });
    expect(key('d')).toEqual({ type: 'decide', action: 'delete', bulk: false });
    expect(key('u')).toEqual({ type: 'undo' });
    expect(key('/')).toEqual({ type: 'filter' });
    expect(key('?', { shiftKey: true })).toEqual({ type: 'help' });
    expect(key('e')).toEqual({ type: 'explain' });
    // Shortcuts of the app and the browser are left alone.
    expect(key('a', { ctrlKey: true })).toBeNull();
    expect(key('k', { metaKey: true })).toBeNull();
    expect(key('q')).toBeNull();
  });

  it('knows which decisions keep a comment in the current view', () => {
    expect(staysInView('all', 'approve')).toBe(true);
    expect(staysInView('all', 'delete')).toBe(false);
    expect(staysInView('review', 'spam')).toBe(false);
    expect(staysInView('deleted', 'restore')).toBe(false);
    expect(percent(0.9996)).toBe('>99%');
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0.4)).toBe('40%');
  });
});

describe('CSV header in the import dialog', () => {
  it('finds the delimiter and the first record, quotes respected, and guesses the usual columns', () => {
    const csv = '\ufeffCOMMENT_ID,AUTHOR,DATE,"CONTENT, text",CLASS\r\nz1,Ann,2015,"a, b",0\n';
    expect(guessDelimiter(csv)).toBe(',');
    expect(firstRecord(csv, ',')).toEqual(['COMMENT_ID', 'AUTHOR', 'DATE', 'CONTENT, text', 'CLASS']);
    expect(guessDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(guessDelimiter('x', 'data.tsv')).toBe('\t');
    expect(guessColumns(['comment_id', 'Author', 'created_at', 'message', 'label'])).toEqual({
      textColumn: 'message',
      authorColumn: 'Author',
      pageColumn: '',
      timeColumn: 'created_at',
      idColumn: 'comment_id',
      labelColumn: '',
    });
    expect(looksLikeJson('  {"a":1}', 'export')).toBe(true);
    expect(looksLikeJson('[1]', 'x.csv')).toBe(false);
  });
});
