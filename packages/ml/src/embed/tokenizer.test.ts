import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER_PARAMS, EmbedTokenizer, forEachNgramBucket, normalizeText, tokenize } from './tokenizer';

const VOCAB = ['do', "n't", 'panic', 'cafe', 'fine-tuning', 'gpu', 'torch', 'compile', 'it', "'s", 'kernel'];

describe('tokenize', () => {
  it('lowercases, folds accents and compatibility forms, keeps joined words whole', () => {
    expect(tokenize("Don't panic: Café ﬁne-tuning on H100s, torch.compile it’s")).toEqual([
      "don't",
      'panic',
      'cafe',
      'fine-tuning',
      'on',
      'h100s',
      'torch.compile',
      "it's",
    ]);
  });

  it('treats CJK, emoji and symbols as separators so mixed text keeps its English words', () => {
    expect(tokenize('今天调试 GPU 内核🚀kernel崩溃了 😀😀 ###')).toEqual(['gpu', 'kernel']);
    expect(tokenize('只有中文的句子。')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('reads at most maxChars characters', () => {
    expect(tokenize('alpha beta gamma', 10)).toEqual(['alpha', 'beta']);
  });

  it('never throws on hostile strings', () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    for (const s of ['\ud800', '\udfff abc \ud83d', '\u0000\u0001\u0002', binary, 'x'.repeat(1_000_000)]) {
      expect(() => tokenize(s)).not.toThrow();
    }
    expect(normalizeText(undefined as unknown as string)).toBe('');
  });
});

describe('n-gram hashing', () => {
  it('is stable (the model build and the runtime must agree forever)', () => {
    const out: number[] = [];
    forEachNgramBucket('sglang', 3, 5, 32768, (b) => out.push(b));
    // 3-5 grams of "<sglang>": 6 + 5 + 4
    expect(out).toEqual([2029, 20499, 9078, 8937, 23576, 3522, 5293, 12025, 25274, 16, 15189, 2417, 16659, 6615, 27092]);
  });

  it('emits only in-range buckets', () => {
    forEachNgramBucket('ünïcödé', 3, 5, 1000, (b) => {
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(1000);
    });
  });
});

describe('EmbedTokenizer.encode', () => {
  const tok = new EmbedTokenizer(VOCAB, DEFAULT_TOKENIZER_PARAMS);

  it('maps known words to their rows and splits clitics and joiners', () => {
    const bag = tok.encode("Don't panic, it's torch.compile");
    const ids = ['do', "n't", 'panic', 'it', "'s", 'torch', 'compile'].map((w) => VOCAB.indexOf(w));
    expect(bag.ids).toEqual(ids);
    expect(bag.weights).toEqual(ids.map(() => 1));
    expect(bag.oov).toBe(0);
  });

  it('sums repeated words', () => {
    const bag = tok.encode('kernel kernel KERNEL gpu');
    expect(bag.ids).toEqual([VOCAB.indexOf('kernel'), VOCAB.indexOf('gpu')]);
    expect(bag.weights).toEqual([3, 1]);
  });

  it('spreads an unknown word over its n-gram rows with total weight oovWeight', () => {
    const bag = tok.encode('hicache');
    expect(bag.oov).toBe(1);
    expect(bag.ids.every((id) => id >= VOCAB.length && id < VOCAB.length + DEFAULT_TOKENIZER_PARAMS.buckets)).toBe(true);
    expect(bag.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(DEFAULT_TOKENIZER_PARAMS.oovWeight, 10);
  });

  it('drops unknown numbers, single letters and over-long tokens', () => {
    const bag = tok.encode(`12345 x ${'a1b2'.repeat(20)}`);
    expect(bag.ids).toEqual([]);
  });

  it('caps the number of word tokens', () => {
    const small = new EmbedTokenizer(VOCAB, { ...DEFAULT_TOKENIZER_PARAMS, maxTokens: 3 });
    const bag = small.encode('gpu kernel panic cafe torch');
    expect(bag.tokens).toBe(3);
    expect(bag.ids).toEqual(['gpu', 'kernel', 'panic'].map((w) => VOCAB.indexOf(w)));
  });

  it('returns an empty bag for text with nothing to embed', () => {
    for (const s of ['', '   ', '中文', '🙂🙂', '!!!']) expect(tok.encode(s).ids).toEqual([]);
  });
});
