import { useEffect, useRef, useState } from 'react';
import type { CommentImportReportDto, CsvColumnOptions } from '@folio/core/contract';
import { useApi } from '../api/ApiContext';
import { Dialog } from '../components/Dialog';
import { errorMessage } from '../shell/Toasts';
import { firstRecord, guessColumns, guessDelimiter, looksLikeJson, type Delimiter } from './csv-header';
import { plural } from './format';

/** Files up to this size travel inside the call; bigger ones are uploaded first. */
const INLINE_BYTES = 8 * 1024 * 1024;

const COLUMN_FIELDS: [keyof CsvColumnOptions & `${string}Column`, string, string][] = [
  ['textColumn', 'Text', 'The comment itself'],
  ['authorColumn', 'Author', ''],
  ['pageColumn', 'Page or thread', ''],
  ['timeColumn', 'Time', 'Epoch seconds or milliseconds, or a date'],
  ['idColumn', 'Id on the site', 'Re-importing the file recognises comments by it'],
  ['labelColumn', 'Label (spam/ham)', 'Optional: files rows as spam or approved, and the model learns from them'],
];

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

export function ImportReport({ report }: { report: CommentImportReportDto }) {
  return (
    <div className="import-report" role="status">
      <p>
        <strong>{plural(report.imported, 'new comment')}</strong>
        {report.duplicates > 0 && <>, {plural(report.duplicates, 'duplicate')} skipped</>}
        {report.updated > 0 && <>, {report.updated} updated</>}
        {report.emptyText > 0 && <>, {report.emptyText} with empty text</>}
        {report.labelled > 0 && <>, {report.labelled} labelled</>}. {report.scored > 0 ? `${report.scored} scored.` : ''}
      </p>
      {report.note && <p className="warning-text small">{report.note}</p>}
      {report.errorCount > 0 && (
        <>
          <p className="small">
            {plural(report.errorCount, 'record')} could not be read
            {report.errorCount > report.errors.length ? ` (first ${report.errors.length} shown)` : ''}; the rest were imported:
          </p>
          <ul className="import-errors">
            {report.errors.map((e, i) => (
              <li key={i}>
                <code>{e.line !== undefined ? `line ${e.line}` : (e.path ?? `record ${e.index}`)}</code> {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Import a JSON (Firebase export, array, JSON lines) or CSV file: chosen, or dropped on the inbox. */
export function ImportDialog({ open, initialFile, onClose }: { open: boolean; initialFile: File | null; onClose(): void }) {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<'json' | 'csv' | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [hasHeader, setHasHeader] = useState(true);
  const [delimiter, setDelimiter] = useState<Delimiter>(',');
  const [columns, setColumns] = useState<Partial<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CommentImportReportDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (f: File | null) => {
    setFile(f);
    setReport(null);
    setError(null);
    setColumns({});
    if (!f) return;
    const head = await f.slice(0, 64 * 1024).text();
    if (looksLikeJson(head, f.name)) {
      setKind('json');
      return;
    }
    setKind('csv');
    const d = guessDelimiter(head, f.name);
    setDelimiter(d);
    setHeader(firstRecord(head, d));
  };

  useEffect(() => {
    if (open) void choose(initialFile);
  }, [open, initialFile]);

  const guessed = hasHeader ? guessColumns(header) : null;
  const options = header.map((h, i) => ({
    value: hasHeader ? h : String(i + 1),
    label: hasHeader ? h || `column ${i + 1}` : `column ${i + 1}: ${h.slice(0, 30)}`,
  }));

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      let csv: CsvColumnOptions | undefined;
      if (kind === 'csv') {
        csv = { delimiter, header: hasHeader };
        for (const [key] of COLUMN_FIELDS) if (columns[key]) (csv as Record<string, unknown>)[key] = columns[key];
        if (!hasHeader && !csv.textColumn) throw new Error('Choose the column that holds the comment text.');
      }
      const source = file.size <= INLINE_BYTES ? { content: await file.text() } : { blob: (await api.upload(file)).sha256 };
      const r = await api.call('comments:import', {
        ...source,
        name: file.name,
        format: kind ?? 'auto',
        ...(csv ? { csv } : {}),
      });
      setReport(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="Import comments"
      onClose={onClose}
      footer={
        report ? (
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button primary" disabled={!file || busy} onClick={() => void submit()}>
              {busy ? 'Importing…' : 'Import'}
            </button>
          </>
        )
      }
    >
      <p className="muted">
        A Firebase Realtime Database export (objects keyed by id, under a page or not), a JSON array, JSON lines, or a CSV/TSV
        file. Importing the same file again only adds what is new.
      </p>
      <div className="import-file row">
        <button type="button" className="button" onClick={() => input.current?.click()} disabled={busy}>
          Choose a file…
        </button>
        <span className={file ? undefined : 'faint'}>
          {file ? `${file.name} (${(file.size / 1024).toFixed(file.size < 10240 ? 1 : 0)} KB)` : 'or drop it on the inbox'}
        </span>
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          accept=".json,.jsonl,.ndjson,.csv,.tsv,.tab,.txt,application/json,text/csv"
          aria-label="Comments file"
          data-testid="comments-file-input"
          tabIndex={-1}
          onChange={(e) => {
            void choose(e.target.files?.[0] ?? null);
            e.target.value = '';
          }}
        />
      </div>
      {file && kind === 'csv' && !report && (
        <fieldset className="import-columns">
          <legend>Columns</legend>
          <div className="row">
            <label className="checkbox">
              <input type="checkbox" checked={hasHeader} onChange={(e) => setHasHeader(e.target.checked)} /> The first row names
              the columns
            </label>
            <span className="faint small">separated by {DELIMITER_NAMES[delimiter]}</span>
          </div>
          <div className="import-columns-grid">
            {COLUMN_FIELDS.map(([key, label, hint]) => (
              <label key={key} title={hint}>
                <span>{label}</span>
                <select
                  value={columns[key] ?? ''}
                  onChange={(e) => setColumns((c) => ({ ...c, [key]: e.target.value }))}
                  aria-label={`${label} column`}
                >
                  <option value="">
                    {key === 'labelColumn'
                      ? 'none'
                      : guessed?.[key as keyof typeof guessed]
                        ? `detect (${guessed[key as keyof typeof guessed]})`
                        : 'none'}
                  </option>
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {report && <ImportReport report={report} />}
    </Dialog>
  );
}
