import { useEffect, useRef, useState } from 'react';
import type { RelatedItemDto } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { href } from '../shell/router';
import { resultHref } from './format';
import './search.css';

export interface YouWroteBeforeProps {
  /** What is being written (the entry's plain text or markdown). */
  text: string;
  /** The entry being written, left out of the matches. */
  excludeId?: string;
  /** Ask only once this many characters are written (default 80). */
  minChars?: number;
  /** Quiet time after the last change before asking (default 1500 ms). */
  debounceMs?: number;
  /** How close a past entry must be, cosine 0..1 (default 0.65). */
  minScore?: number;
}

/**
 * A quiet line under the editor while writing: "You wrote about this before: …" with the closest past
 * entries. Asks only once the text changed from what was opened, after a pause in typing; shows nothing
 * when nothing is close (or the model is unavailable), and can be dismissed for the rest of the session.
 */
export function YouWroteBefore({ text, excludeId, minChars = 80, debounceMs = 1500, minScore = 0.65 }: YouWroteBeforeProps) {
  const api = useApi();
  const [items, setItems] = useState<RelatedItemDto[]>([]);
  const [dismissed, setDismissed] = useState(false);
  const long = text.trim().length >= minChars;
  // Only while writing: the text as the entry was opened asks nothing (the Related panel shows that).
  const opened = useRef(text);
  const writing = text !== opened.current;
  useEffect(() => {
    if (dismissed || !long || !writing) return;
    let live = true;
    const t = setTimeout(() => {
      // The end of the text is what is being written now.
      const recent = text.length > 4000 ? text.slice(-4000) : text;
      api
        .call('search:similar-text', { text: recent, ...(excludeId ? { excludeId } : {}), kinds: ['entry'], limit: 3, minScore })
        .then((r) => live && setItems(r.items))
        .catch(() => live && setItems([]));
    }, debounceMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, text, excludeId, dismissed, long, writing, debounceMs, minScore]);

  if (dismissed || !long || items.length === 0) return null;
  return (
    <aside className="wrote-before" aria-label="You wrote about this before">
      <span>You wrote about this before:</span>
      {items.map((x, i) => (
        <span key={x.id}>
          <a href={href(resultHref(x))} title={x.excerpt}>
            {x.title || 'Untitled'}
          </a>
          {x.date ? ` (${x.date})` : ''}
          {i < items.length - 1 ? ',' : ''}
        </span>
      ))}
      <button type="button" className="icon-button" aria-label="Hide these suggestions" onClick={() => setDismissed(true)}>
        ×
      </button>
    </aside>
  );
}
