import { useEffect, useState, type FormEvent } from 'react';
import { fieldErrors, PAPER_STATUSES, type PaperDto, type PaperStatus } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { errorMessage } from '../shell/Toasts';
import { STATUS_LABELS } from './format';
import { parseAuthorsInput, parseTagsInput } from './library-index';

interface FormState {
  kind: 'link' | 'book';
  title: string;
  authors: string;
  year: string;
  venue: string;
  url: string;
  doi: string;
  arxivId: string;
  source: string;
  via: string;
  tags: string;
  abstract: string;
  publisher: string;
  status: PaperStatus;
}

function fromPaper(p: PaperDto | null): FormState {
  return {
    kind: p?.kind === 'book' ? 'book' : 'link',
    title: p?.title ?? '',
    authors: (p?.authors ?? []).join('\n'),
    year: p?.year ? String(p.year) : '',
    venue: p?.venue ?? '',
    url: p?.url ?? '',
    doi: p?.doi ?? '',
    arxivId: p?.arxivId ? `${p.arxivId}${p.arxivVersion ?? ''}` : '',
    source: p?.source ?? '',
    via: p?.via ?? '',
    tags: (p?.tags ?? []).join(' '),
    abstract: p?.abstract ?? '',
    publisher: p?.publisher ?? '',
    status: p?.status ?? 'queued',
  };
}

function yearValue(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  // A non-number goes through as text so the backend names the problem on the field.
  return /^\d+$/.test(t) ? Number(t) : (t as unknown as number);
}

/**
 * Adds a link or book (no PDF) when `paper` is null, else edits the paper's metadata. Validation
 * happens in the backend; each refused field shows its own message and the rest of the form stays.
 */
export function PaperFormDialog({
  open,
  paper,
  onClose,
  onSaved,
}: {
  open: boolean;
  paper: PaperDto | null;
  onClose(): void;
  onSaved(p: PaperDto): void;
}) {
  const api = useApi();
  const [form, setForm] = useState<FormState>(() => fromPaper(paper));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setForm(fromPaper(paper));
      setErrors({});
      setFormError(null);
    }
  }, [open, paper]);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const editing = paper !== null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.title.trim()) {
      setErrors({ title: 'Give a title' });
      return;
    }
    setBusy(true);
    setFormError(null);
    const fields = {
      title: form.title,
      authors: parseAuthorsInput(form.authors),
      year: yearValue(form.year),
      venue: form.venue.trim() || null,
      url: form.url.trim() || null,
      doi: form.doi.trim() || null,
      arxivId: form.arxivId.trim() || null,
      source: form.source.trim() || null,
      via: form.via.trim() || null,
      tags: parseTagsInput(form.tags),
      publisher: form.publisher.trim() || null,
    };
    try {
      const saved = editing
        ? await api.call('papers:update', { id: paper.id, ...fields, abstract: form.abstract.trim() || null })
        : await api.call('papers:add-item', { kind: form.kind, ...fields, status: form.status });
      onSaved(saved);
      onClose();
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: keyof FormState,
    label: string,
    opts: { placeholder?: string; hint?: string; type?: string; errorKey?: string } = {},
  ) => (
    <Field label={label} error={errors[opts.errorKey ?? key]} hint={opts.hint}>
      {(id, describedBy) => (
        <input
          id={id}
          type={opts.type ?? 'text'}
          value={form[key] as string}
          placeholder={opts.placeholder}
          aria-describedby={describedBy}
          aria-invalid={errors[opts.errorKey ?? key] ? true : undefined}
          onChange={(e) => set(key, e.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      open={open}
      title={editing ? 'Edit details' : 'Add a link or book'}
      onClose={onClose}
      wide
      footer={
        <>
          {formError && (
            <span className="field-error papers-form-error" role="alert">
              {formError}
            </span>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="paper-form" className="button primary" disabled={busy}>
            {editing ? 'Save' : 'Add to library'}
          </button>
        </>
      }
    >
      <form id="paper-form" className="papers-form" onSubmit={(e) => void submit(e)} noValidate>
        {!editing && (
          <div className="papers-form-kind" role="radiogroup" aria-label="Kind">
            {(['link', 'book'] as const).map((k) => (
              <label key={k} className={`papers-kind-option${form.kind === k ? ' active' : ''}`}>
                <input type="radio" name="kind" value={k} checked={form.kind === k} onChange={() => set('kind', k)} />
                {k === 'link' ? 'Link or article' : 'Book'}
              </label>
            ))}
          </div>
        )}
        <div className="papers-form-grid">
          <div className="span-2">{text('title', 'Title')}</div>
          <div className="span-2">
            <Field label="Authors" error={errors.authors} hint="One per line, or separated by “;”">
              {(id, describedBy) => (
                <textarea
                  id={id}
                  rows={3}
                  value={form.authors}
                  aria-describedby={describedBy}
                  onChange={(e) => set('authors', e.target.value)}
                />
              )}
            </Field>
          </div>
          {text('year', 'Year', { placeholder: '2017' })}
          {text('venue', form.kind === 'book' && !editing ? 'Series or edition' : 'Venue', { placeholder: 'NeurIPS, Nature…' })}
          <div className="span-2">{text('url', 'Link', { type: 'url', placeholder: 'https://…' })}</div>
          {text('doi', 'DOI', { placeholder: '10.1234/abcd' })}
          {text('arxivId', 'arXiv id', { placeholder: '1706.03762' })}
          {text('source', 'Where it came from', { placeholder: 'Newsletter, conference, a talk…' })}
          {text('via', 'Recommended by', { placeholder: 'Who pointed you to it' })}
          {(form.kind === 'book' || editing) && text('publisher', 'Publisher')}
          {text('tags', 'Tags', { hint: 'Separated by spaces, e.g. ml/vision to-cite' })}
          {!editing && (
            <Field label="Status" error={errors.status}>
              {(id) => (
                <select id={id} value={form.status} onChange={(e) => set('status', e.target.value as PaperStatus)}>
                  {PAPER_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {editing && (
            <div className="span-2">
              <Field label="Abstract" error={errors.abstract}>
                {(id) => <textarea id={id} rows={5} value={form.abstract} onChange={(e) => set('abstract', e.target.value)} />}
              </Field>
            </div>
          )}
        </div>
      </form>
    </Dialog>
  );
}
