import { memo } from 'react';
import type { CommentAction, CommentDto } from '@folio/core/contract';
import { percent, statusLabel, when } from './format';

/** P(spam) as a small bar: green below the review threshold, amber in the band, red from the spam threshold. */
export function SpamMeter({ score, band }: { score: number | null; band: CommentDto['band'] }) {
  if (score === null) {
    return (
      <span className="spam-meter spam-meter-none" title="Not scored: the spam model was unavailable">
        no score
      </span>
    );
  }
  const pct = Math.round(score * 1000) / 10;
  return (
    <span
      className={`spam-meter spam-meter-${band ?? 'ok'}`}
      role="meter"
      aria-label="Spam probability"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={percent(score)}
      title={`Probability of spam: ${percent(score)}`}
    >
      <span className="spam-meter-track" aria-hidden>
        <span className="spam-meter-fill" style={{ width: `${Math.max(2, pct)}%` }} />
      </span>
      <span className="spam-meter-value">{percent(score)}</span>
    </span>
  );
}

/** Longer comments (a pasted novel, a flood of junk) are cut in the list so the page stays fast. */
const MAX_SHOWN = 20_000;

export interface CommentRowProps {
  comment: CommentDto;
  focused: boolean;
  /** Briefly highlighted (opened from a link). */
  flash?: boolean;
  selected: boolean;
  expanded: boolean;
  onFocus(id: string): void;
  onToggleSelect(id: string): void;
  onDecide(id: string, action: CommentAction): void;
  onExplain(id: string): void;
  onExpand(id: string): void;
}

/**
 * One comment. Its text and author are rendered as React text nodes only (escaped by React): a
 * comment holding HTML or a script shows those characters and never runs.
 */
export const CommentRow = memo(function CommentRow({
  comment: c,
  focused,
  flash = false,
  selected,
  expanded,
  onFocus,
  onToggleSelect,
  onDecide,
  onExplain,
  onExpand,
}: CommentRowProps) {
  const t = when(c.createdAt);
  const status = statusLabel(c);
  const long = c.text.length > 280 || c.text.split('\n').length > 4;
  return (
    <li
      id={`comment-${c.id}`}
      className={`inbox-row${focused ? ' is-focused' : ''}${flash ? ' is-flash' : ''}${selected ? ' is-selected' : ''} status-${c.status}${c.band ? ` band-${c.band}` : ''}`}
      data-comment-id={c.id}
      data-status={c.status}
      aria-current={focused ? 'true' : undefined}
      aria-label={`Comment by ${c.author ?? 'anonymous'}${c.page ? ` on ${c.page}` : ''}`}
      onMouseDown={() => onFocus(c.id)}
    >
      <label className="inbox-check" title="Select (x)">
        <input type="checkbox" checked={selected} onChange={() => onToggleSelect(c.id)} aria-label="Select comment" />
      </label>
      <div className="inbox-row-main">
        <div className="inbox-meta">
          <span className="inbox-author">{c.author ?? <span className="faint">anonymous</span>}</span>
          {c.page && (
            <span className="inbox-page" title={c.page}>
              {c.page}
            </span>
          )}
          <time className="inbox-time" dateTime={c.createdAt ?? undefined} title={t.full}>
            {t.short}
          </time>
          {status && <span className={`inbox-status inbox-status-${c.status === 'new' ? c.band : c.status}`}>{status}</span>}
          {c.emptyText && <span className="inbox-status inbox-status-empty">empty</span>}
        </div>
        <p className={`inbox-text${expanded || !long ? ' is-expanded' : ''}`}>
          {c.emptyText ? (
            <span className="faint">(no text)</span>
          ) : c.text.length > MAX_SHOWN ? (
            `${c.text.slice(0, MAX_SHOWN)}…`
          ) : (
            c.text
          )}
        </p>
        {c.text.length > MAX_SHOWN && expanded && (
          <p className="faint small">
            Showing the first {MAX_SHOWN.toLocaleString()} of {c.text.length.toLocaleString()} characters.
          </p>
        )}
        {long && (
          <button type="button" className="link-button" onClick={() => onExpand(c.id)}>
            {expanded ? 'Show less' : 'Show all'}
          </button>
        )}
      </div>
      <div className="inbox-row-side">
        <SpamMeter score={c.score} band={c.band} />
        <div className="inbox-actions" role="group" aria-label="Decide">
          {c.status === 'deleted' ? (
            <button type="button" className="inbox-action" onClick={() => onDecide(c.id, 'restore')} title="Restore (r)">
              Restore
            </button>
          ) : (
            <>
              <button
                type="button"
                className={`inbox-action approve${c.status === 'approved' ? ' is-on' : ''}`}
                aria-pressed={c.status === 'approved'}
                onClick={() => onDecide(c.id, 'approve')}
                title="Approve (a)"
              >
                Approve
              </button>
              <button
                type="button"
                className={`inbox-action spam${c.status === 'spam' ? ' is-on' : ''}`}
                aria-pressed={c.status === 'spam'}
                onClick={() => onDecide(c.id, 'spam')}
                title="Spam (s)"
              >
                Spam
              </button>
              <button
                type="button"
                className="inbox-action delete"
                onClick={() => onDecide(c.id, 'delete')}
                title="Delete (d)"
                aria-label="Delete"
              >
                Delete
              </button>
            </>
          )}
          <button
            type="button"
            className="inbox-action why"
            onClick={() => onExplain(c.id)}
            title="Why this score? (e)"
            aria-label="Why this score?"
            disabled={c.score === null}
          >
            Why?
          </button>
        </div>
      </div>
    </li>
  );
});
