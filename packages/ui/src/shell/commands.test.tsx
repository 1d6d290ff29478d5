import { act, render } from '@testing-library/react';
import { useMemo } from 'react';
import { describe, expect, it } from 'vitest';
import { CommandsProvider, fuzzyScore, useCommands, useRegisterCommands, type AppCommand } from './commands';

function Registrant({ id, onRender }: { id: string; onRender(): void }) {
  onRender();
  const commands = useMemo<AppCommand[]>(() => [{ id, title: `Command ${id}`, group: 'Test', run: () => undefined }], [id]);
  useRegisterCommands(commands);
  return null;
}

function Listing({ seen }: { seen: (ids: string[]) => void }) {
  seen(useCommands().map((c) => c.id));
  return null;
}

describe('command registry', () => {
  it('settles: registering commands does not make registrants register again', async () => {
    let renders = 0;
    let last: string[] = [];
    const { unmount } = render(
      <CommandsProvider>
        <Registrant id="a" onRender={() => renders++} />
        <Registrant id="b" onRender={() => renders++} />
        <Listing seen={(ids) => (last = ids)} />
      </CommandsProvider>,
    );
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(last.sort()).toEqual(['a', 'b']);
    // StrictMode is off here: each registrant renders once, plus at most a couple of provider updates.
    expect(renders).toBeLessThan(10);
    unmount();
  });

  it('ranks contiguous and word-start matches first', () => {
    expect(fuzzyScore('set', 'Go to Settings')).toBeGreaterThan(fuzzyScore('set', 'Switch to dark theme'));
    expect(fuzzyScore('xyz', 'Go to Settings')).toBe(0);
  });
});
