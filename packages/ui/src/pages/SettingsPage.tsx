import { useState } from 'react';
import type { Settings } from '@folio/core/contract';
import { useApi, useCall } from '../api/ApiContext';
import { SpamSettingsSection } from '../comments/ModelPanel';
import { Field } from '../components/Field';
import { errorMessage, useToasts } from '../shell/Toasts';
import type { PageProps } from './registry';
import './settings.css';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export function SettingsPage(_props: PageProps) {
  const api = useApi();
  const toasts = useToasts();
  const info = useCall('system:info', {}, { domains: ['system', 'settings'] });
  const settings = useCall('settings:get', {}, { domains: ['settings'] });
  const backups = useCall('system:backups', {}, { domains: ['system'] });
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const save = async (values: Partial<Settings>) => {
    try {
      await api.call('settings:set', { values });
      setFieldErrors({});
      settings.reload();
    } catch (err) {
      const issues = (err as { details?: { issues?: { path: string; message: string }[] } }).details?.issues ?? [];
      setFieldErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
    }
  };

  const backupNow = async () => {
    setBusy(true);
    try {
      const b = await api.call('system:backup', {});
      toasts.show({ kind: 'success', title: 'Backed up', body: b.name });
      backups.reload();
    } catch (err) {
      toasts.error('Backup failed', err);
    } finally {
      setBusy(false);
    }
  };

  const restore = async (name: string) => {
    if (!window.confirm(`Restore ${name}? The current database is snapshotted first, so this can be undone.`)) return;
    setBusy(true);
    try {
      const r = await api.call('system:restore', { from: name });
      toasts.show({
        kind: 'success',
        title: 'Restored',
        body: r.safetyBackup ? `The replaced data was kept as ${r.safetyBackup.name}.` : undefined,
      });
      backups.reload();
    } catch (err) {
      toasts.error('Restore failed', err);
    } finally {
      setBusy(false);
    }
  };

  const s = settings.data;
  const i = info.data;
  return (
    <div className="page page-narrow settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>

      <section className="card">
        <h2>Appearance</h2>
        {s && (
          <Field label="Theme" error={fieldErrors.theme}>
            {(id) => (
              <select id={id} value={s.theme} onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })}>
                <option value="system">Follow the system</option>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            )}
          </Field>
        )}
      </section>

      <section className="card" aria-labelledby="backups-heading">
        <h2 id="backups-heading">Backups</h2>
        <p className="muted">
          Folio snapshots the database before every upgrade and once a day, keeping the newest ones. You can also run{' '}
          <code>folio backup FILE</code> from a terminal.
        </p>
        {s && (
          <div className="row">
            <Field label="Snapshots to keep" error={fieldErrors['backups.keep']}>
              {(id, d) => (
                <input
                  id={id}
                  aria-describedby={d}
                  type="number"
                  min={1}
                  max={365}
                  defaultValue={s['backups.keep']}
                  onBlur={(e) => void save({ 'backups.keep': Number(e.target.value) })}
                />
              )}
            </Field>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={s['backups.daily']}
                onChange={(e) => void save({ 'backups.daily': e.target.checked })}
              />{' '}
              Daily snapshot
            </label>
          </div>
        )}
        <div className="row">
          <button type="button" className="button primary" disabled={busy} onClick={() => void backupNow()}>
            Back up now
          </button>
        </div>
        {backups.error && <p className="field-error">{errorMessage(backups.error)}</p>}
        {backups.data && backups.data.length > 0 ? (
          <table className="table" aria-label="Snapshots">
            <thead>
              <tr>
                <th>When</th>
                <th>Why</th>
                <th>Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.data.map((b) => (
                <tr key={b.name}>
                  <td>{new Date(b.createdAt).toLocaleString()}</td>
                  <td>{b.reason}</td>
                  <td>{formatBytes(b.sizeBytes)}</td>
                  <td>
                    <button type="button" className="button small" disabled={busy} onClick={() => void restore(b.name)}>
                      Restore
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          backups.data && <p className="muted">No snapshots yet.</p>
        )}
      </section>

      <SpamSettingsSection />

      {i && (
        <section className="card">
          <h2>About this notebook</h2>
          <dl className="facts">
            <dt>Data folder</dt>
            <dd>
              <code>{i.dataDir}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{i.dbFile}</code> · SQLite {i.sqliteVersion} · sqlite-vec {i.vecVersion ?? 'not loaded'}
            </dd>
            <dt>Schema</dt>
            <dd>
              {i.schema.applied} of {i.schema.shipped} migrations
            </dd>
            <dt>Semantic search model</dt>
            <dd>
              {i.models.embedder.state}
              {i.models.embedder.message ? ` — ${i.models.embedder.message}` : ''}
            </dd>
            <dt>Spam model</dt>
            <dd>
              {i.models.spam.state}
              {i.models.spam.message ? ` — ${i.models.spam.message}` : ''}
            </dd>
            <dt>Version</dt>
            <dd>
              Folio {i.appVersion}
              {i.demo ? ' (demo notebook: changes are thrown away)' : ''} · Node {i.node} · {i.platform}
            </dd>
          </dl>
        </section>
      )}
    </div>
  );
}
