import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { SettingsPage } from './page-models/settings';

test('serve mode refuses requests without the token', async ({ folio }) => {
  const noToken = await fetch(`${folio.origin}/api/call/system:ping`, { method: 'POST', body: '{}' });
  expect(noToken.status).toBe(401);
  const wrong = await fetch(`${folio.origin}/api/call/system:ping`, {
    method: 'POST',
    body: '{}',
    headers: { Authorization: 'Bearer nope' },
  });
  expect(wrong.status).toBe(401);
  const page = await fetch(`${folio.origin}/`);
  expect(page.status).toBe(401);
  const events = await fetch(`${folio.origin}/api/events`);
  expect(events.status).toBe(401);
  const ok = await fetch(`${folio.origin}/api/call/system:ping`, {
    method: 'POST',
    body: '{}',
    headers: { Authorization: `Bearer ${folio.token}` },
  });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ ok: true, value: { pong: true } });
});

test('unknown and malformed API calls get typed errors', async ({ folio }) => {
  const headers = { Authorization: `Bearer ${folio.token}` };
  const unknown = await fetch(`${folio.origin}/api/call/nope:nothing`, { method: 'POST', body: '{}', headers });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  const malformed = await fetch(`${folio.origin}/api/call/system:ping`, { method: 'POST', body: '{not json', headers });
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  const invalid = await fetch(`${folio.origin}/api/call/system:sql`, {
    method: 'POST',
    body: JSON.stringify({ sql: 42 }),
    headers,
  });
  expect(await invalid.json()).toMatchObject({
    ok: false,
    error: { code: 'bad_request', details: { issues: [{ path: 'sql' }] } },
  });
});

test('the shell navigates by sidebar, keyboard and command palette, and switches theme', async ({ page, folio }) => {
  const app = new AppShell(page);
  await app.open(folio.url);
  // The token left the address bar once the page had it.
  expect(page.url()).not.toContain('token=');
  await app.goTo('Settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(app.navLink('Today')).toHaveAttribute('aria-current', 'page');
  await app.runCommand('Go to Settings');
  await expect(app.navLink('Settings')).toHaveAttribute('aria-current', 'page');

  const before = await app.theme();
  await app.runCommand(before === 'dark' ? 'Switch to light theme' : 'Switch to dark theme');
  await expect.poll(() => app.theme()).toBe(before === 'dark' ? 'light' : 'dark');
  // The choice is stored in the database, not only in the page.
  const s = await folio.call<{ theme: string }>('settings:get');
  expect(s.theme).toBe(before === 'dark' ? 'light' : 'dark');
  // And it survives a reload.
  await page.reload();
  await expect.poll(() => app.theme()).toBe(before === 'dark' ? 'light' : 'dark');
});

test('a backup made in Settings can be restored, from the UI and from the CLI', async ({ page, folio }) => {
  const app = new AppShell(page);
  const settings = new SettingsPage(page);
  await app.open(folio.url);
  await app.goTo('Settings');
  await settings.theme.selectOption('dark');
  await settings.backupNow.click();
  await expect(app.toast('Backed up')).toBeVisible();
  await expect(settings.snapshots).toHaveCount(1);
  await settings.theme.selectOption('light');
  await expect.poll(async () => (await folio.call<{ theme: string }>('settings:get')).theme).toBe('light');

  page.once('dialog', (d) => void d.accept());
  await settings.snapshots.first().getByRole('button', { name: 'Restore' }).click();
  await expect(app.toast('Restored')).toBeVisible();
  await expect(settings.theme).toHaveValue('dark');

  // folio sql sees the restored data and refuses writes.
  const read = await folio.folio(['sql', `SELECT json_extract(value, '$') AS theme FROM settings WHERE key = 'theme'`, '--json']);
  expect(read.code).toBe(0);
  expect(JSON.parse(read.stdout)).toEqual([{ theme: 'dark' }]);
  const write = await folio.folio(['sql', `UPDATE settings SET value = '"light"'`]);
  expect(write.code).toBe(1);
  expect(write.stderr).toMatch(/read-only/);
});

test('the CLI backup can be restored by the CLI while the app is stopped', async ({ folio }) => {
  await folio.call('settings:set', { values: { theme: 'dark' } });
  const file = `${folio.dataDir}/manual-backup.db`;
  const b = await folio.folio(['backup', file, '--json']);
  expect(b.code, b.stderr).toBe(0);
  expect(JSON.parse(b.stdout)).toMatchObject({ file });
  await folio.call('settings:set', { values: { theme: 'light' } });

  // Refused while the server has the data folder open.
  const busy = await folio.folio(['restore', file]);
  expect(busy.code).toBe(1);
  expect(busy.stderr).toMatch(/running/);

  await folio.stop();
  const r = await folio.folio(['restore', file, '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ safetyBackup: { reason: 'pre-restore' } });
  await folio.restart();
  expect((await folio.call<{ theme: string }>('settings:get')).theme).toBe('dark');
});
