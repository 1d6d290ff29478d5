import type { HighlightColor } from './annotation-types';

/**
 * A starting palette: six colours from tokens.css with suggested meanings. The user renames them;
 * callers persist their own list and pass it to the reader.
 */
export const defaultHighlightColors: readonly HighlightColor[] = [
  { id: 'yellow', color: 'var(--hl-yellow)', label: 'Key idea' },
  { id: 'red', color: 'var(--hl-red)', label: 'Question' },
  { id: 'green', color: 'var(--hl-green)', label: 'Agree' },
  { id: 'blue', color: 'var(--hl-blue)', label: 'Method' },
  { id: 'purple', color: 'var(--hl-purple)', label: 'Definition' },
  { id: 'orange', color: 'var(--hl-orange)', label: 'To follow up' },
];

export function colorById(colors: readonly HighlightColor[], id: string): HighlightColor {
  return colors.find((c) => c.id === id) ?? colors[0] ?? { id, color: 'var(--hl-yellow)', label: id };
}
