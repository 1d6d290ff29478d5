/** What a key press means in the inbox (pure, so it can be tested without a DOM). */
export type InboxKeyAction =
  | { type: 'move'; by: number }
  | { type: 'edge'; to: 'first' | 'last' }
  | { type: 'toggle-select' }
  | { type: 'select-all' }
  | { type: 'clear-select' }
  | { type: 'decide'; action: 'approve' | 'spam' | 'delete' | 'restore' | 'reset'; bulk: boolean }
  | { type: 'undo' }
  | { type: 'filter' }
  | { type: 'help' }
  | { type: 'explain' }
  | { type: 'expand' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function inboxKeyAction(e: KeyLike): InboxKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'PageDown':
      return { type: 'move', by: 10 };
    case 'PageUp':
      return { type: 'move', by: -10 };
    case 'Home':
      return { type: 'edge', to: 'first' };
    case 'End':
      return { type: 'edge', to: 'last' };
    case 'x':
      return { type: 'toggle-select' };
    case 'X':
      return { type: 'select-all' };
    case 'Escape':
      return { type: 'clear-select' };
    case 'a':
      return { type: 'decide', action: 'approve', bulk: false };
    case 'A':
      return { type: 'decide', action: 'approve', bulk: true };
    case 's':
      return { type: 'decide', action: 'spam', bulk: false };
    case 'S':
      return { type: 'decide', action: 'spam', bulk: true };
    case 'd':
    case 'Delete':
      return { type: 'decide', action: 'delete', bulk: false };
    case 'D':
      return { type: 'decide', action: 'delete', bulk: true };
    case 'r':
      return { type: 'decide', action: 'restore', bulk: false };
    case 'R':
      return { type: 'decide', action: 'restore', bulk: true };
    case 'n':
      return { type: 'decide', action: 'reset', bulk: false };
    case 'u':
    case 'z':
      return { type: 'undo' };
    case '/':
      return { type: 'filter' };
    case '?':
      return { type: 'help' };
    case 'e':
      return { type: 'explain' };
    case 'Enter':
    case 'o':
      return { type: 'expand' };
    default:
      return null;
  }
}

/** Keyboard shortcuts as the help dialog lists them. */
export const SHORTCUTS: [string[], string][] = [
  [['j', '↓'], 'Next comment'],
  [['k', '↑'], 'Previous comment'],
  [['x'], 'Select or unselect the comment'],
  [['Shift+X'], 'Select all shown / none'],
  [['a'], 'Approve (teaches the model: not spam)'],
  [['s'], 'Mark as spam (teaches the model: spam)'],
  [['d'], 'Delete (kept in Deleted; not a lesson for the model)'],
  [['r'], 'Restore a deleted comment'],
  [['n'], 'Back to undecided'],
  [['Shift+A', 'Shift+S', 'Shift+D'], 'Approve, spam or delete every selected comment'],
  [['u'], 'Undo the last action'],
  [['e'], 'Why this score? (features and similar comments)'],
  [['Enter'], 'Show the whole comment'],
  [['/'], 'Filter'],
  [['Esc'], 'Clear the selection / close'],
  [['?'], 'This help'],
];
