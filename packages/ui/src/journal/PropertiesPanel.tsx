import { useEffect, useId, useRef, useState } from 'react';
import { isRealDate, PROPERTY_TYPES, type EntryProperties, type FieldDef, type PropertyType } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Icon } from '../components/Icon';
import { openWikilink } from './open-link';

type Json = EntryProperties[string];

const TYPE_LABELS: Record<PropertyType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  list: 'List',
  link: 'Link',
  checkbox: 'Checkbox',
};

/** The type a value looks like, for fields the entry's kind does not declare. */
export function inferType(value: Json): PropertyType {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'checkbox';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
  if (typeof value === 'string' && /^\[\[[^\]]+\]\]$/.test(value.trim())) return 'link';
  return 'text';
}

function emptyValue(type: PropertyType): Json {
  switch (type) {
    case 'list':
      return [];
    case 'number':
      return null;
    case 'checkbox':
      return false;
    default:
      return '';
  }
}

/** Named fields of an entry (front matter), typed by its kind; extra fields keep the type their value has. */
export function PropertiesPanel({
  properties,
  fields,
  readOnly,
  onChange,
}: {
  properties: EntryProperties;
  fields: FieldDef[];
  readOnly?: boolean;
  onChange(next: EntryProperties): void;
}) {
  const declared = new Map(fields.map((f) => [f.name, f]));
  // Fields added here keep the type chosen until their value shows it (an empty number is null).
  const [added, setAdded] = useState<Record<string, PropertyType>>({});
  const rows: { name: string; label: string; type: PropertyType; declared: boolean }[] = [
    ...fields.map((f) => ({ name: f.name, label: f.label || f.name, type: f.type, declared: true })),
    ...Object.keys(properties)
      .filter((k) => !declared.has(k) && k !== 'tags')
      .map((k) => ({ name: k, label: k, type: added[k] ?? inferType(properties[k]!), declared: false })),
    { name: 'tags', label: 'Tags', type: 'list' as const, declared: true },
  ];
  const set = (name: string, value: Json | undefined) => {
    const next = { ...properties };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };
  return (
    <div className="properties-panel">
      <dl className="property-list">
        {rows.map((r) => (
          <PropertyRow
            key={r.name}
            name={r.name}
            label={r.label}
            type={r.type}
            value={properties[r.name]}
            readOnly={readOnly}
            removable={!r.declared}
            onChange={(v) => set(r.name, v)}
          />
        ))}
      </dl>
      {!readOnly && (
        <AddField
          existing={rows.map((r) => r.name)}
          onAdd={(name, type) => {
            setAdded((a) => ({ ...a, [name]: type }));
            set(name, emptyValue(type));
          }}
        />
      )}
    </div>
  );
}

function PropertyRow({
  name,
  label,
  type,
  value,
  readOnly,
  removable,
  onChange,
}: {
  name: string;
  label: string;
  type: PropertyType;
  value: Json | undefined;
  readOnly?: boolean;
  removable: boolean;
  onChange(v: Json | undefined): void;
}) {
  const id = useId();
  return (
    <div className="property-row" data-field={name}>
      <dt>
        <label htmlFor={id} title={`${label} (${TYPE_LABELS[type]})`}>
          {label}
        </label>
        {removable && !readOnly && (
          <button
            type="button"
            className="icon-button tiny"
            aria-label={`Remove field ${label}`}
            onClick={() => onChange(undefined)}
          >
            <Icon name="close" size={12} />
          </button>
        )}
      </dt>
      <dd>
        <PropertyInput id={id} label={label} type={type} value={value} readOnly={readOnly} onChange={onChange} />
      </dd>
    </div>
  );
}

/** A text input that reports on every keystroke but keeps its own text while the value round-trips. */
function useLocalText(value: string, onCommit: (v: string) => void) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  return {
    value: text,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false;
      setText(value);
    },
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      onCommit(e.target.value);
    },
  };
}

function PropertyInput({
  id,
  label,
  type,
  value,
  readOnly,
  onChange,
}: {
  id: string;
  label: string;
  type: PropertyType;
  value: Json | undefined;
  readOnly?: boolean;
  onChange(v: Json): void;
}) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const str =
    typeof value === 'string' ? value : value === null || value === undefined ? '' : Array.isArray(value) ? '' : String(value);
  const text = useLocalText(str, (v) => {
    if (type === 'number') {
      if (v.trim() === '') {
        setError(null);
        onChange(null);
      } else if (Number.isFinite(Number(v))) {
        setError(null);
        onChange(Number(v));
      } else setError('Not a number');
    } else if (type === 'date') {
      if (v === '' || isRealDate(v)) {
        setError(null);
        onChange(v);
      } else setError('Not a real date');
    } else onChange(v);
  });
  if (type === 'list')
    return (
      <ListInput
        id={id}
        label={label}
        value={Array.isArray(value) ? value.map(String) : value ? [String(value)] : []}
        readOnly={readOnly}
        onChange={onChange}
      />
    );
  if (type === 'checkbox') {
    return (
      <input id={id} type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />
    );
  }
  if (type === 'link') {
    const target = /^\s*\[\[([^\]|]+)/.exec(str)?.[1]?.trim();
    return (
      <LinkInput
        id={id}
        value={str}
        target={target}
        readOnly={readOnly}
        onChange={onChange}
        onOpen={() => target && void openWikilink(api, target)}
      />
    );
  }
  return (
    <div className="property-input">
      <input
        id={id}
        type={type === 'date' ? 'date' : type === 'number' ? 'number' : 'text'}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        {...text}
      />
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

function ListInput({
  id,
  label,
  value,
  readOnly,
  onChange,
}: {
  id: string;
  label: string;
  value: string[];
  readOnly?: boolean;
  onChange(v: Json): void;
}) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const items = draft
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length) onChange([...value, ...items.filter((i) => !value.includes(i))]);
    setDraft('');
  };
  return (
    <div className="list-input">
      {value.map((v, i) => (
        <span key={`${v}-${i}`} className="j-chip">
          {v}
          {!readOnly && (
            <button
              type="button"
              aria-label={`Remove ${v} from ${label}`}
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {!readOnly && (
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={value.length ? '' : 'Add…'}
          aria-label={`Add to ${label}`}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ',') && !e.nativeEvent.isComposing) {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !draft && value.length) onChange(value.slice(0, -1));
          }}
          onBlur={add}
        />
      )}
    </div>
  );
}

function LinkInput({
  id,
  value,
  target,
  readOnly,
  onChange,
  onOpen,
}: {
  id: string;
  value: string;
  target?: string;
  readOnly?: boolean;
  onChange(v: Json): void;
  onOpen(): void;
}) {
  const api = useApi();
  const [query, setQuery] = useState<string | null>(null);
  const [hits, setHits] = useState<{ id: string; title: string; detail: string; kind: string }[]>([]);
  useEffect(() => {
    if (query === null) return;
    let live = true;
    const t = setTimeout(() => {
      api.call('journal:titles', { query, limit: 8 }).then(
        (r) => live && setHits(r),
        () => undefined,
      );
    }, 80);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, query]);
  if (target && query === null) {
    return (
      <div className="link-value">
        <button type="button" className="link-chip" onClick={onOpen} title={`Open ${target}`}>
          <Icon name="link" size={13} /> {target}
        </button>
        {!readOnly && (
          <button type="button" className="icon-button tiny" aria-label="Change link" onClick={() => setQuery('')}>
            ✎
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="link-input">
      <input
        id={id}
        type="text"
        readOnly={readOnly}
        placeholder="Entry or paper…"
        value={query ?? value}
        onFocus={() => setQuery(query ?? '')}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && query) {
            e.preventDefault();
            onChange(`[[${(hits[0]?.title ?? query).trim()}]]`);
            setQuery(null);
          } else if (e.key === 'Escape') setQuery(null);
        }}
      />
      {query !== null && hits.length > 0 && (
        <ul className="link-suggestions" role="listbox">
          {hits.map((h) => (
            <li
              key={`${h.kind}-${h.id}`}
              role="option"
              aria-selected={false}
              onMouseDown={(e) => {
                e.preventDefault();
                onChange(`[[${h.title}]]`);
                setQuery(null);
              }}
            >
              <span>{h.title}</span>
              <span className="faint">{h.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddField({ existing, onAdd }: { existing: string[]; onAdd(name: string, type: PropertyType): void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [type, setType] = useState<PropertyType>('text');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="button small ghost" onClick={() => setOpen(true)}>
        <Icon name="plus" size={14} /> Add field
      </button>
    );
  }
  const submit = () => {
    const n = name.trim();
    if (!n) return setError('Give the field a name');
    if (existing.some((e) => e.toLowerCase() === n.toLowerCase())) return setError('There is already a field with that name');
    onAdd(n, type);
    setName('');
    setError(null);
    setOpen(false);
  };
  return (
    <form
      className="add-field"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <input
        type="text"
        aria-label="Field name"
        placeholder="Field name"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
      <select aria-label="Field type" value={type} onChange={(e) => setType(e.target.value as PropertyType)}>
        {PROPERTY_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <button type="submit" className="button small primary">
        Add
      </button>
      <button type="button" className="button small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && <div className="field-error">{error}</div>}
    </form>
  );
}
