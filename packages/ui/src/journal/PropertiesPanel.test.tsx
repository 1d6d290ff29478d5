import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryProperties, FolioApi } from '@folio/core/contract';
import { ApiProvider } from '../api/ApiContext';
import { inferType, PropertiesPanel } from './PropertiesPanel';

afterEach(() => cleanup());

const api = {
  transport: 'memory',
  call: vi.fn(async () => []),
  on: () => ({ dispose() {} }),
  blobUrl: (s: string) => `/blobs/${s}`,
  upload: vi.fn(),
} as unknown as FolioApi;

function setup(properties: EntryProperties) {
  const onChange = vi.fn<(p: EntryProperties) => void>();
  const fields = [
    { name: 'attendees', type: 'list' as const, label: 'Attendees' },
    { name: 'year', type: 'number' as const, label: 'Year' },
    { name: 'met', type: 'date' as const, label: 'Met on' },
  ];
  render(
    <ApiProvider api={api}>
      <PropertiesPanel properties={properties} fields={fields} onChange={onChange} />
    </ApiProvider>,
  );
  return onChange;
}

describe('PropertiesPanel', () => {
  it('infers the type of fields the kind does not declare', () => {
    expect(inferType(['a'])).toBe('list');
    expect(inferType(3)).toBe('number');
    expect(inferType(true)).toBe('checkbox');
    expect(inferType('2026-11-25')).toBe('date');
    expect(inferType('[[Attention Is All You Need]]')).toBe('link');
    expect(inferType('Room 4')).toBe('text');
  });

  it('adds list items (Chinese comma too) and removes them', () => {
    const onChange = setup({ attendees: ['Alice'] });
    const input = screen.getByRole('textbox', { name: 'Add to Attendees' });
    fireEvent.change(input, { target: { value: 'Bob，王芳' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith({ attendees: ['Alice', 'Bob', '王芳'] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Alice from Attendees' }));
    expect(onChange).toHaveBeenLastCalledWith({ attendees: [] });
  });

  it('stores numbers as numbers and refuses dates that do not exist', () => {
    const onChange = setup({});
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2017' } });
    expect(onChange).toHaveBeenLastCalledWith({ year: 2017 });
    onChange.mockClear();
    fireEvent.change(screen.getByLabelText('Met on'), { target: { value: '2026-02-30' } });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows fields the kind does not know, and lets them be removed', () => {
    const onChange = setup({ mood: 'calm', rating: 4 });
    expect(screen.getByLabelText('mood')).toHaveProperty('value', 'calm');
    fireEvent.click(screen.getByRole('button', { name: 'Remove field mood' }));
    expect(onChange).toHaveBeenLastCalledWith({ rating: 4 });
  });
});
