/** What the io dialogs can be asked to do, from anywhere (palette, menus, buttons): `openIo({ action })`. */
export type IoAction =
  | { action: 'import' }
  | { action: 'export' }
  | { action: 'publish' }
  | { action: 'export-entry'; id: string; format?: 'html' | 'pdf' | 'markdown' };

export const IO_EVENT = 'folio:io';

export function openIo(detail: IoAction): void {
  window.dispatchEvent(new CustomEvent<IoAction>(IO_EVENT, { detail }));
}

/** Remembered between visits (a convenience; nothing depends on it). */
export function remembered(key: string, fallback = ''): string {
  try {
    return localStorage.getItem(`folio.io.${key}`) ?? fallback;
  } catch {
    return fallback;
  }
}

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(`folio.io.${key}`, value);
  } catch {
    // private mode: fine
  }
}
