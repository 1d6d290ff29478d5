import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { Annotation, AnnotationPatch, HighlightColor } from './annotation-types';

export interface PopoverPosition {
  /** Content coordinates inside the scroll container (so the popover scrolls with the page). */
  left: number;
  top: number;
}

function Swatches({
  colors,
  selected,
  onPick,
}: {
  colors: readonly HighlightColor[];
  selected?: string;
  onPick(id: string): void;
}) {
  return (
    <div className="folio-popover__swatches" role="group" aria-label="Highlight colour">
      {colors.map((c, i) => (
        <button
          key={c.id}
          type="button"
          className={`folio-swatch${selected === c.id ? ' is-selected' : ''}`}
          style={{ ['--folio-hl' as string]: c.color } as CSSProperties}
          title={`${c.label}${i < 9 ? ` (${i + 1})` : ''}`}
          aria-label={c.label}
          aria-pressed={selected === c.id}
          data-color={c.id}
          onClick={() => onPick(c.id)}
        />
      ))}
    </div>
  );
}

export interface SelectionPopoverProps {
  position: PopoverPosition;
  colors: readonly HighlightColor[];
  busy: boolean;
  onHighlight(colorId: string, comment: string): void;
  onClose(): void;
}

/** Shown over a fresh text selection: pick a colour (or press 1-9) to highlight, optionally with a comment. */
export function SelectionPopover({ position, colors, busy, onHighlight, onClose }: SelectionPopoverProps) {
  const [comment, setComment] = useState('');
  const [showComment, setShowComment] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (showComment || e.ctrlKey || e.metaKey || e.altKey || target?.closest('input, textarea, select, [contenteditable]'))
        return;
      const n = Number(e.key);
      const color = Number.isInteger(n) && n >= 1 ? colors[n - 1] : undefined;
      if (color) {
        e.preventDefault();
        onHighlight(color.id, comment);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [colors, comment, onHighlight, showComment]);

  return (
    <div
      ref={rootRef}
      className="folio-popover folio-popover--selection"
      style={{ left: position.left, top: position.top }}
      role="dialog"
      aria-label="Highlight selection"
      onPointerDown={(e) => e.stopPropagation()}
      onPointerUp={(e) => e.stopPropagation()}
    >
      <div className="folio-popover__row">
        <Swatches colors={colors} onPick={(id) => !busy && onHighlight(id, comment)} />
        <button
          type="button"
          className="folio-btn folio-btn--ghost"
          aria-pressed={showComment}
          onClick={() => setShowComment((v) => !v)}
          title="Add a comment"
        >
          Comment
        </button>
        <button type="button" className="folio-btn folio-btn--ghost folio-btn--icon" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {showComment && (
        <textarea
          className="folio-popover__text"
          autoFocus
          rows={3}
          placeholder="Comment, then pick a colour"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && colors[0]) onHighlight(colors[0].id, comment);
          }}
        />
      )}
    </div>
  );
}

export interface AnnotationEditorProps {
  annotation: Annotation;
  position: PopoverPosition;
  colors: readonly HighlightColor[];
  autoFocus?: boolean;
  onUpdate(id: string, patch: AnnotationPatch): void;
  onDelete(id: string): void;
  onClose(): void;
}

/** Edits one annotation in place: colour, comment (note text for notes), delete. Text is saved on blur and on close. */
export function AnnotationEditor({
  annotation,
  position,
  colors,
  autoFocus,
  onUpdate,
  onDelete,
  onClose,
}: AnnotationEditorProps) {
  const field = annotation.kind === 'note' ? 'text' : 'comment';
  const saved = annotation.kind === 'note' ? annotation.text : annotation.comment;
  const [draft, setDraft] = useState(saved);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const sentRef = useRef(saved);

  useEffect(() => {
    setDraft(saved);
    sentRef.current = saved;
  }, [annotation.id, saved]);

  const save = () => {
    const value = draftRef.current;
    if (value === savedRef.current || value === sentRef.current) return;
    sentRef.current = value;
    onUpdate(annotation.id, { [field]: value });
  };
  // Save a pending edit when the editor goes away (closed, another annotation opened, reader unmounted).
  useEffect(() => () => save(), [annotation.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const title = annotation.kind === 'highlight' ? 'Highlight' : annotation.kind === 'area' ? 'Region' : 'Note';
  return (
    <div
      className={`folio-popover folio-popover--editor folio-popover--${annotation.kind}`}
      style={{ left: position.left, top: position.top }}
      role="dialog"
      aria-label={`${title} on page ${annotation.page}`}
      data-annotation-id={annotation.id}
      onPointerDown={(e) => e.stopPropagation()}
      onPointerUp={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          save();
          onClose();
        }
      }}
    >
      <div className="folio-popover__row">
        <span className="folio-popover__title">
          {title} · p. {annotation.page}
        </span>
        <button
          type="button"
          className="folio-btn folio-btn--ghost folio-btn--icon"
          onClick={() => (save(), onClose())}
          aria-label="Close"
        >
          ×
        </button>
      </div>
      <Swatches colors={colors} selected={annotation.color} onPick={(id) => onUpdate(annotation.id, { color: id })} />
      {annotation.kind === 'highlight' && <blockquote className="folio-popover__quote">{annotation.text}</blockquote>}
      {annotation.kind === 'area' && annotation.image && (
        <img className="folio-popover__image" src={annotation.image} alt={`Region on page ${annotation.page}`} />
      )}
      <textarea
        className="folio-popover__text"
        rows={annotation.kind === 'note' ? 4 : 3}
        autoFocus={autoFocus}
        placeholder={annotation.kind === 'note' ? 'Note' : 'Comment'}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            save();
            onClose();
          }
        }}
      />
      <div className="folio-popover__row folio-popover__row--end">
        <button type="button" className="folio-btn folio-btn--danger" onClick={() => onDelete(annotation.id)}>
          Delete
        </button>
        <button type="button" className="folio-btn" onClick={() => (save(), onClose())}>
          Done
        </button>
      </div>
    </div>
  );
}
