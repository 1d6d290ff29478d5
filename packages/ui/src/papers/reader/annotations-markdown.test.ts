import { describe, expect, it } from 'vitest';
import type { Annotation, HighlightColor } from './annotation-types';
import { annotationsToMarkdown, escapeMarkdownText } from './annotations-markdown';
import { compareReadingOrder, hitTestAnnotations } from './annotation-geometry';

const colors: HighlightColor[] = [
  { id: 'yellow', color: '#ffe066', label: 'Key idea' },
  { id: 'red', color: '#ffa8a8', label: 'Question' },
  { id: 'green', color: '#8ce99a', label: 'Agree' },
  { id: 'blue', color: '#74c0fc', label: 'Method' },
  { id: 'purple', color: '#d0bfff', label: 'Definition' },
  { id: 'orange', color: '#ffc078', label: 'Follow up' },
];

const link = (page: number) => `folio://paper/p42?page=${page}`;

const annotations: Annotation[] = [
  {
    id: 'n1',
    kind: 'note',
    page: 5,
    point: [300, 400],
    text: 'Compare with the *baseline* table.',
    color: 'yellow',
    createdAt: '2025-01-02T10:00:00.000Z',
  },
  {
    id: 'h2',
    kind: 'highlight',
    page: 3,
    rects: [[72, 300, 500, 312]],
    text: 'lower on the page',
    color: 'red',
    comment: 'Why only 3 seeds?',
    createdAt: '2025-01-02T09:00:00.000Z',
  },
  {
    id: 'h1',
    kind: 'highlight',
    page: 3,
    rects: [
      [72, 600, 500, 612],
      [72, 586, 200, 598],
    ],
    text: 'Attention [1] uses *all* pairs_of tokens',
    color: 'yellow',
    comment: '',
    createdAt: '2025-01-02T09:30:00.000Z',
  },
  {
    id: 'a1',
    kind: 'area',
    page: 4,
    rect: [100, 100, 400, 300],
    color: 'blue',
    comment: 'The architecture figure.',
    image: 'data:image/png;base64,AAAA',
    createdAt: '2025-01-02T09:45:00.000Z',
  },
];

describe('annotationsToMarkdown', () => {
  it('writes page sections in reading order with links back to each page', () => {
    const md = annotationsToMarkdown('Attention Is Enough', annotations, colors, link);
    expect(md).toBe(
      [
        '# Attention Is Enough',
        'Colours: **Key idea** · **Question** · **Method**',
        '## Page 3',
        '> Attention \\[1\\] uses \\*all\\* pairs\\_of tokens\n>\n> — Key idea · [p. 3](folio://paper/p42?page=3)',
        '> lower on the page\n>\n> — Question · [p. 3](folio://paper/p42?page=3)',
        'Why only 3 seeds?',
        '## Page 4',
        '**Figure / region** (Method) · [p. 4](folio://paper/p42?page=4)',
        'The architecture figure.',
        '## Page 5',
        '**Note** · [p. 5](folio://paper/p42?page=5)',
        'Compare with the *baseline* table.',
      ].join('\n\n') + '\n',
    );
  });

  it('embeds region snapshots only when asked', () => {
    expect(annotationsToMarkdown('T', annotations, colors, link)).not.toContain('data:image');
    expect(annotationsToMarkdown('T', annotations, colors, link, { includeImages: true })).toContain(
      '![Region on page 4](data:image/png;base64,AAAA)',
    );
  });

  it('says so when there is nothing to export', () => {
    expect(annotationsToMarkdown('  ', [], colors, link)).toBe('# Untitled paper\n\n_No annotations yet._\n');
  });

  it('uses the current colour names, so renaming a colour renames it in exports', () => {
    const renamed = colors.map((c) => (c.id === 'red' ? { ...c, label: 'Doubt' } : c));
    expect(annotationsToMarkdown('T', annotations, renamed, link)).toContain('— Doubt · [p. 3]');
  });
});

describe('escapeMarkdownText', () => {
  it('keeps quoted PDF text from turning into Markdown', () => {
    expect(escapeMarkdownText('# Results')).toBe('\\# Results');
    expect(escapeMarkdownText('1. Introduction')).toBe('1\\. Introduction');
    expect(escapeMarkdownText('- item')).toBe('\\- item');
    expect(escapeMarkdownText('a <b> c | d ~e~ `f`')).toBe('a \\<b\\> c \\| d \\~e\\~ \\`f\\`');
    expect(escapeMarkdownText('x - y 2. z')).toBe('x - y 2. z');
  });
});

describe('annotation geometry', () => {
  it('orders by page, then top to bottom, then left to right', () => {
    expect([...annotations].sort(compareReadingOrder).map((a) => a.id)).toEqual(['h1', 'h2', 'a1', 'n1']);
  });

  it('finds the highlight under a point (any of its line rectangles), newest first', () => {
    expect(hitTestAnnotations(annotations, 3, [150, 590])?.id).toBe('h1');
    expect(hitTestAnnotations(annotations, 3, [450, 590])).toBeNull();
    expect(hitTestAnnotations(annotations, 4, [150, 590])).toBeNull();
    const overlapping: Annotation = {
      ...annotations[1]!,
      id: 'h3',
      rects: [[72, 298, 500, 320]],
      createdAt: '2025-03-01T00:00:00.000Z',
    } as Annotation;
    expect(hitTestAnnotations([...annotations, overlapping], 3, [100, 305])?.id).toBe('h3');
  });
});
