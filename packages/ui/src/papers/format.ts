import type { HighlightColorSetting, PaperStatus } from '@folio/core/contract';
import type { HighlightColor } from './reader';

export const STATUS_LABELS: Record<PaperStatus, string> = {
  queued: 'Queued',
  reading: 'Reading',
  skimmed: 'Skimmed',
  read: 'Read',
  abandoned: 'Abandoned',
  rereading: 'Re-reading',
};

/** Tabs of the reading queue, in the order a reader moves through them. */
export const STATUS_TABS: (PaperStatus | 'all')[] = ['all', 'queued', 'reading', 'rereading', 'skimmed', 'read', 'abandoned'];

const BUILTIN = new Set(['yellow', 'red', 'green', 'blue', 'purple', 'orange']);

/** The setting's colours as the reader wants them: built-in ids use the theme's highlight tokens. */
export function readerColors(setting: readonly HighlightColorSetting[] | undefined): HighlightColor[] {
  return (setting ?? []).map((c) => ({
    id: c.id,
    label: c.label,
    color: c.color ?? (BUILTIN.has(c.id) ? `var(--hl-${c.id})` : 'var(--hl-yellow)'),
  }));
}

/** Minutes east of UTC here and now (UTC+8 is 480). */
export function localOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

/** "today", "yesterday", "3 days ago", then a short date. */
export function relativeDay(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  const start = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const days = Math.round((start(now) - start(d)) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days > 1 && days < 7) return `${days} days ago`;
  return d.toLocaleDateString(undefined, {
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function shortAuthors(authors: readonly string[]): string {
  if (authors.length === 0) return '';
  if (authors.length <= 2) return authors.join(', ');
  return `${authors[0]}, ${authors[1]} +${authors.length - 2}`;
}

export function minutesLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function bytesLabel(n: number | null): string {
  if (n === null) return '';
  if (n < 1024 ** 2) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/** Saves text as a file the browser (or Electron's save dialog) downloads. */
export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}
