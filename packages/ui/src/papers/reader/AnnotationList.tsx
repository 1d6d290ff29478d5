import { memo, useMemo, useState, type CSSProperties } from 'react';
import type { Annotation, AnnotationPatch, HighlightColor } from './annotation-types';
import { groupByPage } from './annotation-geometry';
import { colorById } from './highlight-colors';

function InlineText({
  value,
  placeholder,
  onSave,
  multiline = true,
}: {
  value: string;
  placeholder: string;
  onSave(v: string): void;
  multiline?: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const finish = () => {
    setEditing(false);
    if (draft !== value) onSave(draft);
  };
  if (!editing) {
    return (
      <button
        type="button"
        className={`folio-annot__comment${value ? '' : ' is-empty'}`}
        onClick={() => {
          setDraft(value);
          setEditing(true);
        }}
      >
        {value || placeholder}
      </button>
    );
  }
  const common = {
    className: 'folio-annot__input',
    autoFocus: true,
    value: draft,
    placeholder,
    onBlur: finish,
  };
  return multiline ? (
    <textarea
      {...common}
      rows={3}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) finish();
      }}
    />
  ) : (
    <input
      {...common}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
        if (e.key === 'Enter') finish();
      }}
    />
  );
}

export interface AnnotationListProps {
  annotations: readonly Annotation[];
  colors: readonly HighlightColor[];
  activeId: string | null;
  onSelect(a: Annotation): void;
  onUpdate(id: string, patch: AnnotationPatch): void;
  onDelete(id: string): void;
  onRenameColor?: (id: string, label: string) => void;
  onExportMarkdown(): void;
  onCreatePaperNote?: () => void;
}

/** Annotations grouped by page in reading order, with the colour legend (the meanings) and exports. */
export const AnnotationList = memo(function AnnotationList(props: AnnotationListProps) {
  const { annotations, colors, activeId, onSelect, onUpdate, onDelete, onRenameColor } = props;
  const [filter, setFilter] = useState<string | null>(null);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of annotations) if (a.kind !== 'note') m.set(a.color, (m.get(a.color) ?? 0) + 1);
    return m;
  }, [annotations]);
  const groups = useMemo(
    () => groupByPage(filter ? annotations.filter((a) => a.kind !== 'note' && a.color === filter) : annotations),
    [annotations, filter],
  );

  return (
    <div className="folio-annots">
      <div className="folio-legend" aria-label="Colour meanings">
        {colors.map((c) => (
          <div
            key={c.id}
            className={`folio-legend__item${filter === c.id ? ' is-active' : ''}`}
            style={{ ['--folio-hl' as string]: c.color } as CSSProperties}
          >
            <button
              type="button"
              className="folio-legend__chip"
              aria-pressed={filter === c.id}
              title={filter === c.id ? 'Show all' : `Show only “${c.label}”`}
              onClick={() => setFilter((f) => (f === c.id ? null : c.id))}
            >
              <span className="folio-legend__count">{counts.get(c.id) ?? 0}</span>
            </button>
            {onRenameColor ? (
              <InlineText
                value={c.label}
                placeholder="Meaning"
                multiline={false}
                onSave={(v) => v.trim() && onRenameColor(c.id, v.trim())}
              />
            ) : (
              <span className="folio-legend__label">{c.label}</span>
            )}
          </div>
        ))}
      </div>
      <div className="folio-annots__actions">
        <button type="button" className="folio-btn" onClick={props.onExportMarkdown} disabled={annotations.length === 0}>
          Export Markdown
        </button>
        {props.onCreatePaperNote && (
          <button
            type="button"
            className="folio-btn folio-btn--primary"
            onClick={props.onCreatePaperNote}
            disabled={annotations.length === 0}
          >
            Create paper note
          </button>
        )}
      </div>
      {groups.size === 0 ? (
        <p className="folio-sidebar__empty">
          {annotations.length === 0
            ? 'Select text to highlight it, or use the region and note tools.'
            : 'No annotations in this colour.'}
        </p>
      ) : (
        [...groups].map(([page, list]) => (
          <section key={page} className="folio-annots__page" aria-label={`Page ${page}`}>
            <h3 className="folio-annots__heading">Page {page}</h3>
            <ul className="folio-annots__list">
              {list.map((a) => {
                const color = colorById(colors, a.color);
                return (
                  <li
                    key={a.id}
                    className={`folio-annot folio-annot--${a.kind}${a.id === activeId ? ' is-active' : ''}`}
                    data-annotation-id={a.id}
                    style={{ ['--folio-hl' as string]: color.color } as CSSProperties}
                  >
                    <button type="button" className="folio-annot__main" onClick={() => onSelect(a)} title="Show in document">
                      <span className="folio-annot__meta">
                        {a.kind === 'highlight' ? color.label : a.kind === 'area' ? `Region · ${color.label}` : 'Note'}
                      </span>
                      {a.kind === 'highlight' && <span className="folio-annot__quote">{a.text}</span>}
                      {a.kind === 'area' && a.image && (
                        <img className="folio-annot__image" src={a.image} alt={`Region on page ${a.page}`} />
                      )}
                    </button>
                    {a.kind === 'note' ? (
                      <InlineText
                        value={a.text}
                        placeholder="Empty note — click to write"
                        onSave={(v) => onUpdate(a.id, { text: v })}
                      />
                    ) : (
                      <InlineText value={a.comment} placeholder="Add a comment" onSave={(v) => onUpdate(a.id, { comment: v })} />
                    )}
                    <button
                      type="button"
                      className="folio-annot__delete"
                      aria-label="Delete annotation"
                      title="Delete"
                      onClick={() => onDelete(a.id)}
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </div>
  );
});
