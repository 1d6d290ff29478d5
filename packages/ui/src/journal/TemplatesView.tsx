import { useEffect, useState } from 'react';
import {
  fieldErrors,
  PROPERTY_TYPES,
  type FieldDef,
  type KindDto,
  type PropertyType,
  type TemplateDto,
} from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { Field } from '../components/Field';
import { Icon } from '../components/Icon';
import { useToasts } from '../shell/Toasts';

const PLACEHOLDERS =
  '{{date}} {{date:long}} {{time}} {{weekday}} {{week}} {{weekStart}} {{weekEnd}} {{year}} {{month}} {{day}} {{title}}';

/** Templates (user-editable, built-ins resettable) and kinds of entries with their typed fields. */
export function TemplatesView() {
  const templates = useCall('journal:templates', {}, { domains: ['journal'] });
  const kinds = useCall('journal:kinds', {}, { domains: ['journal'] });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const list = templates.data ?? [];
  const current = selected === 'new' ? null : (list.find((t) => t.id === selected) ?? list[0] ?? null);

  return (
    <div className="templates-view">
      <div className="templates-layout">
        <nav className="templates-list" aria-label="Templates">
          <ul>
            {list.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className={t.id === current?.id && selected !== 'new' ? 'selected' : undefined}
                  onClick={() => setSelected(t.id)}
                >
                  <span>{t.name}</span>
                  <span className="faint small">{t.builtinKey ? (t.modified ? 'built in · edited' : 'built in') : 'yours'}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button small" onClick={() => setSelected('new')}>
            <Icon name="plus" size={14} /> New template
          </button>
        </nav>
        {kinds.data && (selected === 'new' || current) && (
          <TemplateForm
            key={selected === 'new' ? 'new' : current!.id}
            template={selected === 'new' ? null : current}
            kinds={kinds.data}
            onSaved={(t) => setSelected(t.id)}
            onDeleted={() => setSelected(null)}
          />
        )}
      </div>
      {kinds.data && <KindsEditor kinds={kinds.data} templates={list} />}
    </div>
  );
}

function TemplateForm({
  template,
  kinds,
  onSaved,
  onDeleted,
}: {
  template: TemplateDto | null;
  kinds: KindDto[];
  onSaved(t: TemplateDto): void;
  onDeleted(): void;
}) {
  const api = useApi();
  const toasts = useToasts();
  const [name, setName] = useState(template?.name ?? '');
  const [kind, setKind] = useState(template?.kind ?? 'note');
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [props, setProps] = useState(JSON.stringify(template?.properties ?? {}, null, 2));
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setName(template?.name ?? '');
    setKind(template?.kind ?? 'note');
    setTitle(template?.title ?? '');
    setBody(template?.body ?? '');
    setProps(JSON.stringify(template?.properties ?? {}, null, 2));
  }, [template]);

  const save = async () => {
    let properties: Record<string, never>;
    try {
      properties = JSON.parse(props || '{}');
      if (!properties || typeof properties !== 'object' || Array.isArray(properties)) throw new Error('not an object');
    } catch {
      setErrors({ properties: 'Write the prefilled values as a JSON object, e.g. {"attendees": []}' });
      return;
    }
    try {
      const t = await api.call('journal:template-save', {
        ...(template ? { id: template.id } : {}),
        name,
        kind,
        title,
        body,
        properties,
      });
      setErrors({});
      toasts.show({ kind: 'success', title: 'Template saved' });
      onSaved(t);
    } catch (err) {
      setErrors(fieldErrors(err));
      toasts.error('Not saved', err);
    }
  };

  return (
    <form
      className="template-form card"
      aria-label={template ? `Template ${template.name}` : 'New template'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="row">
        <Field label="Name" error={errors.name}>
          {(id) => <input id={id} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Creates" error={errors.kind}>
          {(id) => (
            <select id={id} value={kind} onChange={(e) => setKind(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title" error={errors.title} hint="e.g. Meeting {{date}}">
          {(id, d) => <input id={id} aria-describedby={d} type="text" value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
      </div>
      <Field label="Text (markdown)" error={errors.body} hint={`Placeholders: ${PLACEHOLDERS}`}>
        {(id, d) => (
          <textarea
            id={id}
            aria-describedby={d}
            className="mono"
            rows={10}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <Field label="Prefilled fields (JSON)" error={errors.properties}>
        {(id) => <textarea id={id} className="mono" rows={4} value={props} onChange={(e) => setProps(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="submit" className="button primary">
          Save template
        </button>
        {template?.builtinKey && (
          <button
            type="button"
            className="button"
            disabled={!template.modified}
            onClick={async () => {
              try {
                await api.call('journal:template-reset', { id: template.id });
                toasts.show({ kind: 'success', title: 'Back to the shipped version' });
              } catch (err) {
                toasts.error('Could not reset', err);
              }
            }}
          >
            Reset to default
          </button>
        )}
        {template && (
          <button
            type="button"
            className="button danger"
            onClick={async () => {
              try {
                await api.call('journal:template-delete', { id: template.id });
                toasts.show({
                  kind: 'success',
                  title: 'Template deleted',
                  body: template.builtinKey ? 'Restore it any time with “Restore built-in templates”.' : undefined,
                });
                onDeleted();
              } catch (err) {
                toasts.error('Could not delete', err);
              }
            }}
          >
            Delete
          </button>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button ghost"
          onClick={async () => {
            await api.call('journal:template-reset', {});
            toasts.show({ kind: 'success', title: 'Built-in templates restored' });
          }}
        >
          Restore built-in templates
        </button>
      </div>
    </form>
  );
}

function KindsEditor({ kinds, templates }: { kinds: KindDto[]; templates: TemplateDto[] }) {
  const api = useApi();
  const toasts = useToasts();
  const [editing, setEditing] = useState<KindDto | 'new' | null>(null);
  return (
    <section className="kinds-editor card" aria-labelledby="kinds-heading">
      <div className="row">
        <h2 id="kinds-heading">Kinds of entries</h2>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => setEditing('new')}>
          <Icon name="plus" size={14} /> New kind
        </button>
      </div>
      <table className="table" aria-label="Kinds">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Fields</th>
            <th>Template</th>
            <th>Entries</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.key}>
              <td>
                {k.name} <span className="faint small">{k.key}</span>
              </td>
              <td className="small">
                {k.fields.map((f) => `${f.label || f.name} (${f.type})`).join(', ') || <span className="faint">—</span>}
              </td>
              <td className="small">
                {templates.find((t) => t.id === k.templateId)?.name ?? <span className="faint">none</span>}
              </td>
              <td>{k.entryCount}</td>
              <td className="actions nowrap">
                <button type="button" className="button small" onClick={() => setEditing(k)}>
                  Edit
                </button>
                {!k.builtin && (
                  <button
                    type="button"
                    className="button small danger"
                    onClick={async () => {
                      try {
                        await api.call('journal:kind-delete', { key: k.key });
                      } catch (err) {
                        toasts.error('Could not delete the kind', err);
                      }
                    }}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && <KindForm kind={editing === 'new' ? null : editing} templates={templates} onDone={() => setEditing(null)} />}
    </section>
  );
}

function KindForm({ kind, templates, onDone }: { kind: KindDto | null; templates: TemplateDto[]; onDone(): void }) {
  const api = useApi();
  const toasts = useToasts();
  const [key, setKey] = useState(kind?.key ?? '');
  const [name, setName] = useState(kind?.name ?? '');
  const [fields, setFields] = useState<FieldDef[]>(kind?.fields ?? []);
  const [publicByDefault, setPublic] = useState(kind?.publicByDefault ?? false);
  const [templateId, setTemplateId] = useState<string | null>(kind?.templateId ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      await api.call('journal:kind-save', { key, name, fields, publicByDefault, templateId });
      toasts.show({ kind: 'success', title: 'Kind saved' });
      onDone();
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  };
  return (
    <form
      className="kind-form"
      aria-label={kind ? `Kind ${kind.name}` : 'New kind'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="row">
        <Field label="Name" error={errors.name}>
          {(id) => (
            <input
              id={id}
              type="text"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (!kind)
                  setKey(
                    e.target.value
                      .toLowerCase()
                      .replace(/[^a-z0-9]+/g, '-')
                      .replace(/^-+|-+$/g, '')
                      .slice(0, 40),
                  );
              }}
            />
          )}
        </Field>
        <Field label="Key" error={errors.key} hint="lowercase, used in folio sql">
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              type="text"
              value={key}
              disabled={!!kind}
              onChange={(e) => setKey(e.target.value)}
            />
          )}
        </Field>
        <Field label="Template">
          {(id) => (
            <select id={id} value={templateId ?? ''} onChange={(e) => setTemplateId(e.target.value || null)}>
              <option value="">None</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={publicByDefault} onChange={(e) => setPublic(e.target.checked)} /> Public by default
        </label>
      </div>
      <div className="kind-fields">
        {fields.map((f, i) => (
          <div key={i} className="row">
            <input
              type="text"
              aria-label="Field name"
              value={f.name}
              onChange={(e) => setFields(fields.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
            />
            <select
              aria-label="Field type"
              value={f.type}
              onChange={(e) => setFields(fields.map((x, k) => (k === i ? { ...x, type: e.target.value as PropertyType } : x)))}
            >
              {PROPERTY_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove field ${f.name}`}
              onClick={() => setFields(fields.filter((_, k) => k !== i))}
            >
              <Icon name="close" size={14} />
            </button>
          </div>
        ))}
        {errors.fields && <div className="field-error">{errors.fields}</div>}
        <button type="button" className="button small ghost" onClick={() => setFields([...fields, { name: '', type: 'text' }])}>
          <Icon name="plus" size={14} /> Add field
        </button>
      </div>
      <div className="row">
        <button type="submit" className="button primary small">
          Save kind
        </button>
        <button type="button" className="button small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
