import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  /** Without x/y when the saved position is on no attached display (the OS then centres the window). */
  bounds: Partial<Rectangle> | null;
  maximized: boolean;
}

const MIN_WIDTH = 720;
const MIN_HEIGHT = 480;

function isRect(b: unknown): b is Rectangle {
  if (!b || typeof b !== 'object') return false;
  const r = b as Record<string, unknown>;
  return (['x', 'y', 'width', 'height'] as const).every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/**
 * The saved bounds made safe for the displays attached now: a position on a display that is gone (or
 * with the title bar off screen) is dropped so the OS centres the window, and a size larger than the
 * display it lands on (or than the largest display) is shrunk to fit, never below the window's minimum.
 */
export function restoreBounds(saved: unknown, displays: readonly Rectangle[]): Partial<Rectangle> | null {
  if (!isRect(saved) || saved.width <= 0 || saved.height <= 0) return null;
  const b = saved;
  const home = displays.find(
    (d) => b.x < d.x + d.width - 50 && b.x + b.width > d.x + 50 && b.y >= d.y - 10 && b.y < d.y + d.height - 50,
  );
  const fit =
    home ??
    displays.reduce<Rectangle | undefined>(
      (big, d) => (!big || d.width * d.height > big.width * big.height ? d : big),
      undefined,
    );
  const width = Math.round(fit ? Math.max(MIN_WIDTH, Math.min(b.width, fit.width)) : b.width);
  const height = Math.round(fit ? Math.max(MIN_HEIGHT, Math.min(b.height, fit.height)) : b.height);
  if (!home) return { width, height };
  // Keep the whole window on its display when it has been shrunk to fit it.
  const x = Math.round(Math.min(Math.max(b.x, home.x), home.x + home.width - width));
  const y = Math.round(Math.min(Math.max(b.y, home.y), home.y + home.height - height));
  return { x, y, width, height };
}

/** Remembers the window's size, position and maximised state between runs. */
export function loadWindowState(dir: string, displays: Rectangle[]): WindowState {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, 'window-state.json'), 'utf8')) as Partial<WindowState>;
    return { bounds: restoreBounds(s.bounds, displays), maximized: s.maximized === true };
  } catch {
    return { bounds: null, maximized: false };
  }
}

export function trackWindowState(win: BrowserWindow, dir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed()) return;
    // A maximised, minimised or full-screen window reports odd bounds (Windows: -32000 when minimised).
    const abnormal = win.isMaximized() || win.isMinimized() || win.isFullScreen();
    const state = {
      bounds: abnormal ? win.getNormalBounds() : win.getBounds(),
      maximized: win.isMaximized(),
    };
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify(state));
    } catch {
      // not worth bothering the user about
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
