import { useEffect, useRef, useState } from 'react';
import type { FindStatus } from './reader-controller';

export interface FindBarProps {
  status: FindStatus;
  current: number;
  total: number;
  /** Bumped to move the focus back to the input (Ctrl+F while open). */
  focusToken: number;
  onFind(query: string, options: { again?: boolean; previous?: boolean }): void;
  onClose(): void;
}

/** Ctrl/Cmd+F: type to search, Enter / Shift+Enter for next / previous, Escape to close. */
export function FindBar({ status, current, total, focusToken, onFind, onClose }: FindBarProps) {
  const [query, setQuery] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusToken]);

  const count = !query
    ? ''
    : status === 'pending' && total === 0
      ? 'Searching…'
      : status === 'not-found' || total === 0
        ? 'No matches'
        : `${current} of ${total}${status === 'wrapped' ? ' (wrapped)' : ''}`;

  return (
    <div className="folio-findbar" role="search">
      <input
        ref={inputRef}
        className="folio-findbar__input"
        type="search"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          onFind(e.target.value, {});
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onFind(query, { again: true, previous: e.shiftKey });
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <span
        className={`folio-findbar__count${status === 'not-found' ? ' is-miss' : ''}`}
        aria-live="polite"
        data-testid="find-count"
      >
        {count}
      </span>
      <button
        type="button"
        className="folio-btn folio-btn--icon"
        onClick={() => onFind(query, { again: true, previous: true })}
        disabled={!query}
        aria-label="Previous match"
        title="Previous (Shift+Enter)"
      >
        ↑
      </button>
      <button
        type="button"
        className="folio-btn folio-btn--icon"
        onClick={() => onFind(query, { again: true })}
        disabled={!query}
        aria-label="Next match"
        title="Next (Enter)"
      >
        ↓
      </button>
      <button type="button" className="folio-btn folio-btn--icon" onClick={onClose} aria-label="Close find bar">
        ×
      </button>
    </div>
  );
}
