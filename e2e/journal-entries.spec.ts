import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { EntryPage, JournalPage } from './page-models/journal';

interface Entry {
  id: string;
  title: string;
  body: string;
  revision: number;
  locked: boolean;
  properties: Record<string, unknown>;
  deletedAt: string | null;
}

test('a meeting note from its template: properties typed in the panel are queryable with folio sql', async ({ page, folio }) => {
  const app = new AppShell(page);
  const journal = new JournalPage(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await app.goTo('Journal');
  await journal.newEntry('Meeting note');
  await expect(entry.editor.getByRole('heading', { name: 'What happened' })).toBeVisible();
  await expect(entry.editor.getByRole('heading', { name: 'Things to do' })).toBeVisible();
  await expect(entry.title).toHaveValue(/^Meeting \d{4}-\d{2}-\d{2}$/);

  await entry.title.fill('Design review');
  await entry.title.press('Enter');
  const panel = await entry.openPanel('Properties');
  const attendees = entry.field('attendees').getByRole('textbox', { name: 'Add to Attendees' });
  await attendees.fill('Alice');
  await attendees.press('Enter');
  await attendees.pressSequentially('王芳');
  await attendees.press('Enter');
  await entry.field('place').getByRole('textbox').fill('Room 4');
  // A field of my own, typed.
  await panel.getByRole('button', { name: 'Add field' }).click();
  await panel.getByRole('textbox', { name: 'Field name' }).fill('budget');
  await panel.getByRole('combobox', { name: 'Field type' }).selectOption('number');
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await entry.field('budget').getByRole('spinbutton').fill('1200');
  await entry.waitSaved();

  const sql = await folio.folio([
    'sql',
    `SELECT title, json_extract(properties, '$.attendees') AS attendees, json_extract(properties, '$.place') AS place,
       json_extract(properties, '$.budget') AS budget FROM entries WHERE kind = 'meeting'`,
    '--json',
  ]);
  expect(sql.code, sql.stderr).toBe(0);
  expect(JSON.parse(sql.stdout)).toEqual([
    { title: 'Design review', attendees: '["Alice","王芳"]', place: 'Room 4', budget: 1200 },
  ]);
  const who = await folio.folio([
    'sql',
    `SELECT e.title FROM entries e, json_each(e.properties, '$.attendees') a WHERE a.value = '王芳'`,
    '--json',
  ]);
  expect(JSON.parse(who.stdout)).toEqual([{ title: 'Design review' }]);

  // After a reload the panel shows the stored values.
  await page.reload();
  await entry.openPanel('Properties');
  await expect(entry.field('attendees').locator('.j-chip')).toHaveText([/Alice/, /王芳/]);
  await expect(entry.field('place').getByRole('textbox')).toHaveValue('Room 4');
});

test('[[wikilink]] autocomplete links to an entry, its backlinks panel shows it, and a rename updates the link', async ({
  page,
  folio,
}) => {
  const target = await folio.call<Entry>('journal:create', { kind: 'note', title: 'Deep Work', body: 'Notes on the book.' });
  await folio.call('journal:create', { kind: 'post', title: 'Mentions', body: 'I keep thinking about deep work lately.' });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  const todayId = await entry.entryId();
  await entry.editor.click();
  await page.keyboard.type('Read more of [[deep');
  const menu = page.getByRole('listbox', { name: 'Link to entry or paper' });
  await expect(menu.getByRole('option', { name: /Deep Work/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.type('today.');
  await entry.waitSaved();
  expect((await folio.call<Entry>('journal:get', { id: todayId })).body).toContain('Read more of [[Deep Work]] today.');

  // Follow the link, then look at its backlinks.
  await entry.editor.locator('[data-wikilink]').click();
  await expect(entry.title).toHaveValue('Deep Work');
  const panel = await entry.openPanel('Backlinks');
  const linked = panel.getByRole('region', { name: 'Linked mentions', exact: true });
  await expect(linked.locator('.backlink')).toHaveCount(1);
  await expect(linked.locator('.backlink-context')).toContainText('[[Deep Work]]');
  const unlinked = panel.getByRole('region', { name: 'Unlinked mentions', exact: true });
  await expect(unlinked.locator('.backlink-title')).toHaveText(['Mentions']);

  // Renaming rewrites the link in today's note.
  await entry.title.fill('Deep Work (book)');
  await entry.title.press('Enter');
  await entry.waitSaved();
  await expect.poll(async () => (await folio.call<Entry>('journal:get', { id: todayId })).body).toContain('[[Deep Work (book)]]');
  expect((await folio.call<Entry>('journal:get', { id: target.id })).title).toBe('Deep Work (book)');
  await expect(linked.locator('.backlink')).toHaveCount(1);
});

test('history: an older version is shown as a diff and restored as a new version', async ({ page, folio }) => {
  const e = await folio.call<Entry>('journal:create', { kind: 'post', title: 'Essay', body: 'The first draft.' });
  await folio.call('journal:save', { id: e.id, baseRevision: e.revision, body: 'A rewrite I regret.', mode: 'save' });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await page.evaluate((id) => (window.location.hash = `#/journal/${id}`), e.id);
  await expect(entry.editor).toContainText('A rewrite I regret.');
  const panel = await entry.openPanel('History');
  const versions = panel.getByRole('list', { name: 'Versions' }).getByRole('button');
  await expect(versions).toHaveCount(2);
  await versions.nth(1).click(); // the first version
  const diff = panel.getByLabel('Differences');
  await expect(diff.locator('.diff-removed')).toHaveText(/The first draft\./);
  await expect(diff.locator('.diff-added')).toHaveText(/A rewrite I regret\./);
  await panel.getByRole('button', { name: 'Restore this version' }).click();
  await expect(entry.editor).toContainText('The first draft.');
  await expect(entry.editor).not.toContainText('regret');
  const stored = await folio.call<Entry>('journal:get', { id: e.id });
  expect(stored.body).toBe('The first draft.');
  await expect(versions).toHaveCount(3);
  await expect(versions.first()).toContainText('Restored an older version');
});

test('trash: a deleted entry can be restored, or deleted for good', async ({ page, folio }) => {
  const keep = await folio.call<Entry>('journal:create', { kind: 'post', title: 'Keep me', body: 'x' });
  await folio.call<Entry>('journal:create', { kind: 'post', title: 'Drop me', body: 'y' });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  const journal = new JournalPage(page);
  await app.open(folio.url);
  await journal.open();
  await journal.timelineItem('Keep me').click();
  await entry.moreAction('Move to trash');
  await expect(app.toast(/Keep me.*can be restored/)).toBeVisible();
  await expect(journal.timelineItem('Keep me')).toHaveCount(0);
  await journal.timelineItem('Drop me').click();
  await entry.moreAction('Move to trash');
  // The entry view goes back to the timeline once the delete is done; opening the trash before that
  // would be overridden by that navigation.
  await expect(app.toast(/Drop me.*can be restored/)).toBeVisible();
  await expect(page).toHaveURL(/#\/journal$/);

  const trash = await journal.openTrash();
  await expect(trash.locator('tbody tr')).toHaveCount(2);
  await trash.locator('tbody tr').filter({ hasText: 'Keep me' }).getByRole('button', { name: 'Restore' }).click();
  await expect(app.toast(/^Restored/)).toBeVisible();
  await expect(trash.locator('tbody tr')).toHaveCount(1);
  expect((await folio.call<Entry>('journal:get', { id: keep.id })).deletedAt).toBeNull();

  await page.getByRole('button', { name: 'Empty trash' }).click();
  await page
    .getByRole('dialog', { name: 'Empty the trash?' })
    .getByRole('button', { name: /Delete 1 entry/ })
    .click();
  await expect(page.getByText('The trash is empty')).toBeVisible();
  const count = await folio.folio(['sql', `SELECT count(*) AS n FROM entries WHERE kind = 'post'`, '--json']);
  expect(JSON.parse(count.stdout)).toEqual([{ n: 1 }]);
});

test('an entry locked as past cannot be rewritten; edits are added as dated notes', async ({ page, folio }) => {
  const e = await folio.call<Entry>('journal:create', {
    kind: 'post',
    title: 'What I believed',
    body: 'Tabs are better than spaces.',
  });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await page.evaluate((id) => (window.location.hash = `#/journal/${id}`), e.id);
  await expect(entry.editor).toContainText('Tabs are better');
  await entry.moreAction('Lock as past');
  await expect(page.locator('.badge-locked')).toBeVisible();
  await expect(entry.editor).toHaveAttribute('contenteditable', 'false');

  await page.getByRole('textbox', { name: 'Edit note' }).fill('I use spaces now.');
  await page.getByRole('button', { name: 'Add edit note' }).click();
  await expect(entry.editor).toContainText(/\[Edit: \d{4}-\d{2}-\d{2}\] I use spaces now\./);
  const stored = await folio.call<Entry>('journal:get', { id: e.id });
  expect(stored.locked).toBe(true);
  expect(stored.body).toMatch(/^Tabs are better than spaces\.\n\n\[Edit: \d{4}-\d{2}-\d{2}\] I use spaces now\.$/);
  // The API refuses a rewrite too.
  await expect(folio.call('journal:save', { id: e.id, baseRevision: stored.revision, body: 'rewritten' })).rejects.toThrow(
    /read_only/,
  );
});

test('an edit made elsewhere is never overwritten: the banner offers keep mine / keep theirs', async ({ page, folio }) => {
  const e = await folio.call<Entry>('journal:create', { kind: 'post', title: 'Shared', body: 'Start.' });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await page.evaluate((id) => (window.location.hash = `#/journal/${id}`), e.id);
  await expect(entry.editor).toContainText('Start.');
  // This window types while its saves cannot get through (the network drops them)...
  await page.route(/\/api\/call\/journal(%3A|:)save/, (route) => route.abort());
  await entry.editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' From the window.');
  await expect(entry.status).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
  // ...meanwhile another writer (a script, the CLI) saves; then the window's retry gets through.
  await folio.call('journal:save', { id: e.id, baseRevision: e.revision, body: 'Start. From the CLI.', mode: 'save' });
  await page.unroute(/\/api\/call\/journal(%3A|:)save/);
  await expect(entry.conflictBanner).toBeVisible({ timeout: 15_000 });
  expect((await folio.call<Entry>('journal:get', { id: e.id })).body).toBe('Start. From the CLI.');
  await entry.conflictBanner.getByRole('button', { name: 'Keep mine' }).click();
  await entry.waitSaved();
  expect((await folio.call<Entry>('journal:get', { id: e.id })).body.trimEnd()).toBe('Start. From the window.');
  const revs = await folio.call<{ reason: string }[]>('journal:revisions', { id: e.id });
  expect(revs.map((r) => r.reason)).toEqual(['keep-mine', 'save', 'create']);
});
