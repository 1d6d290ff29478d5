import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWindowState, restoreBounds } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoreBounds', () => {
  it('keeps a window that is on an attached display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 800 }, [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
    });
    expect(restoreBounds({ x: 1600, y: 100, width: 1800, height: 1000 }, [laptop, monitorRight])).toEqual({
      x: 1600,
      y: 100,
      width: 1800,
      height: 1000,
    });
  });

  it('drops the position when its display is gone, and shrinks the size to the largest display left', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1800, height: 1000 }, [laptop])).toEqual({ width: 1440, height: 875 });
  });

  it('shrinks a window larger than its display and keeps it on screen', () => {
    expect(restoreBounds({ x: 200, y: 0, width: 3000, height: 2000 }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    });
    // Title bar above the top of the display: not visible, so the OS places it.
    expect(restoreBounds({ x: 100, y: -300, width: 800, height: 600 }, [laptop])).toEqual({ width: 800, height: 600 });
  });

  it('never goes below the minimum window size', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 200, height: 100 }, [laptop])).toEqual({ x: 0, y: 0, width: 720, height: 480 });
  });

  it('ignores a damaged state', () => {
    for (const bad of [
      null,
      'x',
      { x: 1, y: 2 },
      { x: 0, y: 0, width: Number.NaN, height: 600 },
      { x: 0, y: 0, width: -5, height: 600 },
    ])
      expect(restoreBounds(bad, [laptop])).toBeNull();
  });
});

describe('loadWindowState', () => {
  let dir: string | undefined;
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the saved file and survives a missing or broken one', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-window-'));
    expect(loadWindowState(dir, [laptop])).toEqual({ bounds: null, maximized: false });
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{not json');
    expect(loadWindowState(dir, [laptop])).toEqual({ bounds: null, maximized: false });
    fs.writeFileSync(
      path.join(dir, 'window-state.json'),
      JSON.stringify({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true }),
    );
    expect(loadWindowState(dir, [laptop])).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
  });
});
