import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, repoRoot, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { IoDialogs } from './page-models/io';
import { EntryPage } from './page-models/journal';

const testdata = path.join(repoRoot, 'packages', 'core', 'src', 'io', 'testdata');

test('import a vault through the UI: preview with counts, entries and reasons, then import; again finds nothing new', async ({
  page,
  folio,
}) => {
  const app = new AppShell(page);
  const io = new IoDialogs(page);
  await app.open(folio.url);
  await app.goTo('Journal');
  await io.openFromJournal('Import notes…');
  await expect(io.importDialog).toBeVisible();
  await io.chooseFolder(path.join(testdata, 'vault'));

  // Preview: nothing written yet.
  await expect(io.count('New')).toHaveText('10');
  await expect(io.importDialog.getByText(/vault \(\d+ files\)/)).toBeVisible();
  await expect(io.entryRows).toHaveCount(10);
  await expect(io.entryRows.filter({ hasText: 'Attention Is All You Need' })).toContainText('paper');
  await expect(io.entryRows.filter({ hasText: 'Standup' })).toContainText('2025-03-17');
  await expect(io.issue('vault/Notes/Corrupt.md')).toContainText('binary file');
  await expect(io.issue('vault/Notes/Broken front matter.md')).toContainText('front matter');
  await expect(io.issue('vault/attachments/unused.png')).toContainText('not referenced');
  // (Opening the app creates today's daily note from its template; nothing imported yet.)
  const before = await folio.folio(['sql', 'SELECT count(*) AS n FROM entries WHERE source_key IS NOT NULL', '--json']);
  expect(JSON.parse(before.stdout)).toEqual([{ n: 0 }]);

  await io.importAll();
  await expect(io.importDialog.getByRole('status').filter({ hasText: 'Imported:' })).toContainText('10 new');
  await io.importDialog.getByRole('button', { name: 'Done' }).click();
  await expect(io.importDialog).toBeHidden();

  const rows = await folio.folio([
    'sql',
    `SELECT title, kind, date FROM entries WHERE source_key LIKE 'vault/%' ORDER BY date`,
    '--json',
  ]);
  const entries = JSON.parse(rows.stdout) as { title: string; kind: string; date: string }[];
  expect(entries).toHaveLength(10);
  expect(entries).toContainEqual({ title: 'Standup', kind: 'meeting', date: '2025-03-17' });
  // The image became a blob the page can show.
  const body = JSON.parse(
    (await folio.folio(['sql', `SELECT body FROM entries WHERE source_key = 'vault/Daily/2025-03-14.md'`, '--json'])).stdout,
  )[0].body as string;
  expect(body).toMatch(/folio:\/\/blob\/[0-9a-f]{64}/);
  // The timeline shows what was imported.
  await expect(page.getByText('Attention Is All You Need').first()).toBeVisible();

  // Re-import from the palette: everything unchanged, nothing to import.
  await app.runCommand('Import…');
  await io.chooseFolder(path.join(testdata, 'vault'));
  await expect(io.count('Unchanged')).toHaveText('10');
  await expect(io.importDialog.getByRole('button', { name: 'Nothing new to import' })).toBeDisabled();
});

test('import single files: a Hexo diary gives one entry per dated heading', async ({ page, folio }) => {
  const app = new AppShell(page);
  const io = new IoDialogs(page);
  await app.open(folio.url);
  await app.goTo('Journal');
  await io.openFromJournal('Import notes…');
  await io.chooseFiles([path.join(testdata, 'hexo', 'diary-rollover.md')]);
  const expected = JSON.parse(fs.readFileSync(path.join(testdata, 'hexo', 'expected.json'), 'utf8'))['diary-rollover.md']
    .entries as { date: string; title: string }[];
  await expect(io.entryRows).toHaveCount(expected.length);
  for (const [i, e] of expected.entries()) await expect(io.entryRows.nth(i)).toContainText(e.title);
  await io.importAll();
  const rows = JSON.parse(
    (await folio.folio(['sql', `SELECT date, title FROM entries WHERE source_key IS NOT NULL ORDER BY date`, '--json'])).stdout,
  );
  expect(rows).toEqual(expected);
});

test('import keeps a vault private, and microblog posts private unless “Mark these N posts public” is ticked', async ({
  page,
  folio,
}) => {
  const app = new AppShell(page);
  const io = new IoDialogs(page);
  await app.open(folio.url);
  await app.goTo('Journal');
  await io.openFromJournal('Import notes…');
  await io.chooseFolder(path.join(testdata, 'vault'));
  await expect(io.count('New')).toHaveText('10');
  await expect(io.importDialog.getByRole('checkbox', { name: /Mark these/ })).toHaveCount(0);
  await io.importAll();
  await io.importDialog.getByRole('button', { name: 'Done' }).click();
  const vaultPublic = JSON.parse(
    (await folio.folio(['sql', `SELECT count(*) AS n FROM entries WHERE source_key LIKE 'vault/%' AND is_public = 1`, '--json']))
      .stdout,
  );
  expect(vaultPublic).toEqual([{ n: 0 }]);

  const micro = path.join(testdata, 'microblog', 'microblog.txt');
  const expected = JSON.parse(fs.readFileSync(path.join(testdata, 'microblog', 'expected.json'), 'utf8'))['microblog.txt']
    .entries as unknown[];
  await io.openFromJournal('Import notes…');
  await io.chooseFiles([micro]);
  await expect(io.entryRows).toHaveCount(expected.length);
  await expect(io.entryRows.first()).toContainText('Private (not marked)');
  const mark = io.importDialog.getByRole('checkbox', { name: `Mark these ${expected.length} posts public` });
  await expect(mark).not.toBeChecked();
  await mark.check();
  await expect(io.entryRows.first()).toContainText('Public');
  await io.importAll();
  const rows = JSON.parse(
    (await folio.folio(['sql', `SELECT kind, is_public FROM entries WHERE source_key LIKE 'microblog.txt#%'`, '--json'])).stdout,
  ) as { kind: string; is_public: number }[];
  expect(rows).toHaveLength(expected.length);
  expect(rows.every((r) => r.kind === 'post' && r.is_public === 1)).toBe(true);
});

test('an imported post without a time keeps none when it is edited in the app', async ({ page, folio }) => {
  const r = await folio.folio(['import', path.join(testdata, 'microblog', 'microblog.txt'), '--json']);
  expect(r.code, r.stderr).toBe(0);
  const [post] = JSON.parse(
    (await folio.folio(['sql', `SELECT id, time FROM entries WHERE kind = 'post' ORDER BY date DESC LIMIT 1`, '--json'])).stdout,
  ) as { id: string; time: string | null }[];
  expect(post!.time).toBeNull();
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await page.evaluate((id) => (location.hash = `#/journal/${id}`), post!.id);
  await expect(entry.view).toHaveAttribute('data-entry-id', post!.id);
  await expect(page.getByRole('toolbar', { name: 'Entry' }).getByLabel('Time')).toHaveValue('');
  await entry.typeInEditor(' Edited in the app.');
  await entry.waitSaved();
  const after = JSON.parse(
    (await folio.folio(['sql', `SELECT time, body FROM entries WHERE id = '${post!.id}'`, '--json'])).stdout,
  ) as { time: string | null; body: string }[];
  expect(after[0]!.body).toContain('Edited in the app.');
  expect(after[0]!.time).toBeNull();
});

test('folio publish: the site holds public entries only, without private blocks', async ({ folio }) => {
  const MARK = 'PRIVMARK';
  await folio.call('journal:create', {
    kind: 'post',
    title: 'Hello world',
    date: '2025-04-01',
    templateId: null,
    isPublic: true,
    body: `Public words.\n\n:::private\n${MARK} hidden\n:::\n`,
  });
  await folio.call('journal:create', {
    kind: 'weekly',
    title: 'Week 14',
    date: '2025-04-06',
    templateId: null,
    isPublic: true,
    body: 'A public weekly review.',
  });
  await folio.call('journal:create', {
    kind: 'post',
    title: `${MARK} draft`,
    date: '2025-04-02',
    templateId: null,
    isPublic: false,
    body: `${MARK} private post`,
  });
  await folio.call('journal:create', { kind: 'daily', date: '2025-04-03', templateId: null, body: `${MARK} daily` });
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-e2e-site-'));
  try {
    const r = await folio.folio(['publish', site, '--title', 'E2E', '--base-url', 'https://e2e.example/', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { posts: number; files: string[] };
    expect(out.posts).toBe(2);
    expect(out.files.filter((f) => f.startsWith('posts/')).sort()).toEqual([
      'posts/2025-04-01-hello-world.html',
      'posts/2025-04-06-week-14.html',
    ]);
    for (const f of out.files) {
      const text = fs.readFileSync(path.join(site, f), 'utf8');
      expect(text, f).not.toContain(MARK);
    }
    expect(fs.readFileSync(path.join(site, 'posts/2025-04-01-hello-world.html'), 'utf8')).toContain('Public words.');
    expect(fs.readFileSync(path.join(site, 'feed.xml'), 'utf8')).toContain(
      '<link>https://e2e.example/posts/2025-04-06-week-14.html</link>',
    );
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('publish from the UI explains where files go and reports the result', async ({ page, folio }) => {
  await folio.call('journal:create', {
    kind: 'post',
    title: 'From the UI',
    date: '2025-05-01',
    templateId: null,
    isPublic: true,
    body: 'Hi.',
  });
  const site = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'folio-e2e-ui-site-')), 'site');
  const app = new AppShell(page);
  const io = new IoDialogs(page);
  await app.open(folio.url);
  await app.goTo('Journal');
  await io.openFromJournal('Publish site…');
  await expect(io.publishDialog.getByText(/a browser page cannot choose a folder/)).toBeVisible();
  await io.publishDialog.getByRole('textbox', { name: 'Folder' }).fill(site);
  await io.publishDialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(io.publishDialog.getByRole('status')).toContainText('Published 1 public entry');
  expect(fs.existsSync(path.join(site, 'posts', '2025-05-01-from-the-ui.html'))).toBe(true);
  fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

test('an open entry exports as HTML and PDF from the palette (downloads)', async ({ page, folio }) => {
  const e = await folio.call<{ id: string }>('journal:create', {
    kind: 'post',
    title: '导出 Export me',
    date: '2025-06-01',
    templateId: null,
    body: 'Visible text.\n\n:::private\nPRIVMARK\n:::\n',
  });
  const app = new AppShell(page);
  await app.open(folio.url);
  await page.evaluate((id) => (location.hash = `#/journal/${id}`), e.id);
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('导出 Export me');

  const htmlDownload = page.waitForEvent('download');
  await app.runCommand('Export entry as HTML');
  const html = await htmlDownload;
  expect(html.suggestedFilename()).toBe('导出 Export me.html');
  const text = fs.readFileSync((await html.path())!, 'utf8');
  expect(text).toContain('Visible text.');
  expect(text).not.toContain('PRIVMARK');

  const pdfDownload = page.waitForEvent('download');
  await app.runCommand('Export entry as PDF');
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe('导出 Export me.pdf');
  expect(
    fs
      .readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
