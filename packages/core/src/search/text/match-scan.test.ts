// findMatches scans for the first query word instead of tokenising the whole text; it must find
// exactly what tokenising finds.
import { describe, expect, it } from 'vitest';
import { SENTENCES } from '../../papers/testing/corpus';
import { findMatches, findMatchesByTokens } from './snippet';
import { foldWord, stemWord } from './segment';

const TRICKY =
  'possibility possible hoping hope hopeful hopefulness happy happiness happier relational relate rational conditional ' +
  'condition sensibility sensible digitizer digitize operator operate generalization general feudalism valency radiator ' +
  'callously decisiveness electricity formality agreed agreement running runs ran papers paper paperwork cafe learning ' +
  'learned learns learner machine machines go going goes x y ab abc a1 2024 v2 e-mail mixture-of-experts';
const WORDS = [
  ...new Set([
    ...TRICKY.split(' '),
    ...SENTENCES.join(' ')
      .toLowerCase()
      .match(/[a-z0-9]+/g)!,
  ]),
];

describe('word matching by scanning', () => {
  it('a word with a given Porter stem starts with that stem less its last two letters', () => {
    for (const w of WORDS) {
      const stem = stemWord(foldWord(w));
      expect(w.startsWith(stem.slice(0, Math.max(1, stem.length - 2))), `${w} -> ${stem}`).toBe(true);
    }
  });

  it('agrees with tokenising the whole text on random texts and queries', () => {
    let seed = 11;
    const rand = (k: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
    const seps = [' ', ' ', ' ', ', ', '. ', '\n\n', '-', '申请', '“', '”', '(', ')', "'", '—', '🙂', '中', '，', '；'];
    const caps = (w: string) => (rand(4) === 0 ? w.toUpperCase() : rand(3) === 0 ? w[0]!.toUpperCase() + w.slice(1) : w);
    for (let t = 0; t < 300; t++) {
      let text = '';
      const len = 20 + rand(200);
      for (let i = 0; i < len; i++) text += caps(WORDS[rand(WORDS.length)]!) + seps[rand(seps.length)];
      for (let k = 0; k < 6; k++) {
        const a = WORDS[rand(WORDS.length)]!;
        const b = WORDS[rand(WORDS.length)]!;
        const forms = [
          a,
          `${a} ${b}`,
          `"${a} ${b}"`,
          `${a.slice(0, 3)}*`,
          `"${a} ${b.slice(0, 2)}"*`,
          `${a} OR ${b}`,
          `${a}申请`,
          caps(a),
        ];
        const q = forms[rand(forms.length)]!;
        expect(findMatches(text, q), `${q} in ${text.slice(0, 80)}`).toEqual(findMatchesByTokens(text, q));
      }
    }
  });

  it('falls back to tokenising for text that folds (accents, full-width) and finds the same', () => {
    const text = 'Café résumé, ＰＡＰＥＲＳ and naïve papers; İstanbul papers.';
    expect(findMatches(text, 'paper')).toEqual(findMatchesByTokens(text, 'paper'));
    expect(findMatches(text, 'paper')).toHaveLength(3);
    expect(findMatches(text, 'cafe')).toEqual([[0, 4]]);
  });
});
