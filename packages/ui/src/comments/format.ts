import type { CommentAction, CommentDto, CommentView } from '@folio/core/contract';

export const VIEW_LABELS: Record<CommentView, string> = {
  all: 'All',
  new: 'Undecided',
  review: 'Needs review',
  'likely-spam': 'Likely spam',
  approved: 'Approved',
  spam: 'Spam',
  deleted: 'Deleted',
};

/** The views in the sidebar, in order. */
export const VIEWS: CommentView[] = ['all', 'review', 'likely-spam', 'new', 'approved', 'spam', 'deleted'];

export function isView(v: string | null): v is CommentView {
  return v !== null && (VIEWS as string[]).includes(v);
}

export function percent(p: number): string {
  if (p >= 0.995 && p < 1) return '>99%';
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
}

export function when(iso: string | null, now = new Date()): { short: string; full: string } {
  if (!iso) return { short: 'no date', full: 'The file gave no time for this comment' };
  const d = new Date(iso);
  const full = d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const sameYear = d.getFullYear() === now.getFullYear();
  const short = d.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' },
  );
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return { short: `${short}, ${time}`, full };
}

/** Whether a comment still shows in `view` after `action` (the cursor moves on when it does). */
export function staysInView(view: CommentView, action: CommentAction): boolean {
  switch (view) {
    case 'all':
      return action !== 'delete';
    case 'deleted':
      return action === 'delete';
    case 'approved':
      return action === 'approve';
    case 'spam':
      return action === 'spam';
    default:
      return false;
  }
}

export const ACTION_PAST: Record<CommentAction, string> = {
  approve: 'Approved',
  spam: 'Marked as spam',
  delete: 'Deleted',
  restore: 'Restored',
  reset: 'Marked undecided',
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the status badge says. */
export function statusLabel(c: CommentDto): string | null {
  if (c.status === 'approved') return 'Approved';
  if (c.status === 'spam') return 'Spam';
  if (c.status === 'deleted') return c.label === 'spam' ? 'Deleted · spam' : c.label === 'ham' ? 'Deleted · approved' : 'Deleted';
  if (c.band === 'review') return 'Needs review';
  if (c.band === 'spam') return 'Likely spam';
  return null;
}
