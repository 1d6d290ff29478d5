import { useEffect, useRef } from 'react';
import { useCall } from '../api/ApiContext';
import { errorMessage } from '../shell/Toasts';
import { percent } from './format';

/**
 * Why a comment scored what it did: the features that weighed most (towards spam in red, towards not
 * spam in green) and the most similar comments the user has already decided. Everything is text.
 */
export function ExplainPopover({ id, onClose }: { id: string; onClose(): void }) {
  const exp = useCall('comments:explain', { id, top: 8 }, { domains: ['comments'] });
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node) && !(e.target as HTMLElement).closest?.('.inbox-action.why'))
        onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);
  const e = exp.data;
  const max = Math.max(0.5, ...(e?.features.map((f) => Math.abs(f.weight)) ?? []));
  return (
    <div
      ref={ref}
      className="inbox-explain"
      role="dialog"
      aria-label="Why this score"
      tabIndex={-1}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <strong>Why this score</strong>
        {e && (
          <span className="muted">
            {percent(e.probability)} spam · {e.model === 'user' ? 'your model' : 'base model'}
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {exp.error && <p className="field-error">{errorMessage(exp.error)}</p>}
      {!e && !exp.error && <p className="muted">Working it out…</p>}
      {e && (
        <div className="inbox-explain-body">
          <section aria-label="Features that weighed most">
            <h3>What weighed most</h3>
            {e.features.length === 0 ? (
              <p className="muted">Nothing stood out: the score is the model's starting point.</p>
            ) : (
              <ul className="explain-features">
                {e.features.map((f) => (
                  <li key={f.key} className={f.weight > 0 ? 'towards-spam' : 'towards-ham'}>
                    <span className="explain-name" title={f.key}>
                      {f.name}
                    </span>
                    <span className="explain-bar" aria-hidden>
                      <span style={{ width: `${Math.min(100, (Math.abs(f.weight) / max) * 100)}%` }} />
                    </span>
                    <span className="explain-weight">
                      {f.weight > 0 ? '+' : '−'}
                      {Math.abs(f.weight).toFixed(2)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-label="Similar comments you decided">
            <h3>Similar comments you decided</h3>
            {e.neighbours.length === 0 ? (
              <p className="muted">
                No comment you decided is much like this one. Approve or mark comments as spam and similar ones show here.
              </p>
            ) : (
              <ul className="explain-neighbours">
                {e.neighbours.map((n) => (
                  <li key={n.id}>
                    <span className={`inbox-status inbox-status-${n.label === 'spam' ? 'spam' : 'approved'}`}>
                      {n.label === 'spam' ? 'Spam' : 'Approved'}
                    </span>
                    <span className="explain-neighbour-text">{n.text}</span>
                    <span className="faint" title="Similarity of the words">
                      {Math.round(n.similarity * 100)}% alike
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
