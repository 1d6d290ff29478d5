import { describe, expect, it } from 'vitest';
import { normalizeQuotedText } from './text-selection';
import { countTextChars, hasUsableText } from './text-detection';
import { nextZoomStep } from './reader-controller';

describe('normalizeQuotedText', () => {
  it('joins lines with spaces and collapses whitespace', () => {
    expect(normalizeQuotedText('  The model\nlearns   quickly\n\n')).toBe('The model learns quickly');
  });

  it('rejoins words hyphenated at a line end, but keeps real hyphens', () => {
    expect(normalizeQuotedText('a regu-\nlarisation term')).toBe('a regularisation term');
    expect(normalizeQuotedText('state-of-the-art\nresults')).toBe('state-of-the-art results');
    expect(normalizeQuotedText('pre-\nTraining')).toBe('pre- Training');
  });
});

describe('text layer detection', () => {
  it('counts visible characters of pdf.js text items', () => {
    expect(countTextChars([{ str: 'Hello world' }, { str: ' ' }, { type: 'beginMarkedContent' }, { str: '\n12' }])).toBe(12);
  });

  it('flags scanned documents (no page with real text) and accepts normal ones', () => {
    expect(hasUsableText([])).toBe(false);
    expect(hasUsableText([0, 0, 0])).toBe(false);
    expect(hasUsableText([35, 40, 12])).toBe(false);
    expect(hasUsableText([0, 2400])).toBe(true);
  });
});

describe('zoom steps', () => {
  it('steps to the next preset in either direction from any scale', () => {
    expect(nextZoomStep(1, 1)).toBe(1.1);
    expect(nextZoomStep(1, -1)).toBe(0.9);
    expect(nextZoomStep(1.37, 1)).toBe(1.5);
    expect(nextZoomStep(1.37, -1)).toBe(1.25);
    expect(nextZoomStep(5, 1)).toBe(5);
    expect(nextZoomStep(0.25, -1)).toBe(0.25);
  });
});
