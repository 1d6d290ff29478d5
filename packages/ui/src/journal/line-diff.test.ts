import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, withContext } from './line-diff';

describe('diffLines', () => {
  it('finds added, removed and unchanged lines with their numbers', () => {
    const d = diffLines('a\nb\nc\nd', 'a\nB\nc\nd\ne');
    expect(d.map((l) => `${l.type[0]}${l.text}`)).toEqual(['sa', 'rb', 'aB', 'sc', 'sd', 'ae']);
    expect(d[2]).toMatchObject({ newLine: 2 });
    expect(d[1]).toMatchObject({ oldLine: 2 });
    expect(diffStats(d)).toEqual({ added: 2, removed: 1 });
  });

  it('handles empty texts and Chinese lines', () => {
    expect(diffLines('', '今天')).toEqual([
      { type: 'removed', text: '', oldLine: 1 },
      { type: 'added', text: '今天', newLine: 1 },
    ]);
    expect(diffStats(diffLines('同样', '同样'))).toEqual({ added: 0, removed: 0 });
  });

  it('folds long unchanged runs into gaps', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const next = old.replace('line 10', 'line ten');
    const shown = withContext(diffLines(old, next), 1);
    expect(shown.map((l) => (l.type === 'gap' ? `gap${l.hidden}` : l.type))).toEqual([
      'gap9',
      'same',
      'removed',
      'added',
      'same',
      'gap8',
    ]);
  });
});
