import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { EntryPage, JournalPage } from './page-models/journal';

interface Entry {
  id: string;
  body: string;
  kind: string;
  date: string;
  revision: number;
  wordCount: number;
}

test('Today opens the daily note; formatted text and Chinese survive a reload and reach the database', async ({
  page,
  folio,
}) => {
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await expect(app.navLink('Today')).toHaveAttribute('aria-current', 'page');
  const id = await entry.entryId();
  await expect(entry.editor).toBeVisible();

  await entry.editor.click();
  await page.keyboard.type('## Plans\n');
  await page.keyboard.type('Finish the ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('journal');
  await page.keyboard.press('Control+b');
  await page.keyboard.type(' today.\n- first\nsecond\n\n');
  await page.keyboard.insertText('今天天气很好，我们去公园散步。');
  await page.keyboard.type(' #walk');
  await entry.waitSaved();
  await expect(page.locator('.word-count')).toContainText('words');

  const stored = await folio.call<Entry>('journal:get', { id });
  expect(stored.kind).toBe('daily');
  expect(stored.body).toContain('## Plans');
  expect(stored.body).toContain('Finish the **journal** today.');
  expect(stored.body).toMatch(/- first\n- second/);
  expect(stored.body).toContain('今天天气很好，我们去公园散步。 #walk');

  await page.reload();
  await expect(entry.editor.getByRole('heading', { name: 'Plans', level: 2 })).toBeVisible();
  await expect(entry.editor.locator('strong')).toHaveText('journal');
  await expect(entry.editor.locator('li')).toHaveText(['first', 'second']);
  await expect(entry.editor).toContainText('今天天气很好');
  // Reopening Today gives the same note, not a second one.
  expect(await entry.entryId()).toBe(id);

  const sql = await folio.folio([
    'sql',
    `SELECT kind, word_count > 10 AS counted FROM entries WHERE body LIKE '%公园%'`,
    '--json',
  ]);
  expect(sql.code, sql.stderr).toBe(0);
  expect(JSON.parse(sql.stdout)).toEqual([{ kind: 'daily', counted: 1 }]);
  const tags = await folio.folio(['sql', `SELECT tag FROM entry_tags WHERE entry_id = '${id}'`, '--json']);
  expect(JSON.parse(tags.stdout)).toEqual([{ tag: 'walk' }]);
  const shown = await folio.folio(['entries', 'show', stored.date]);
  expect(shown.code, shown.stderr).toBe(0);
  expect(shown.stdout).toContain('Finish the **journal** today.');
  const listed = await folio.folio(['entries', 'list', '--kind', 'daily', '--json']);
  expect(JSON.parse(listed.stdout)).toMatchObject([{ id, kind: 'daily', tags: ['walk'] }]);

  // The calendar marks today, the streak counts it.
  await expect(page.locator('.month-cell.today.has-entries')).toBeVisible();
  await expect(page.getByTestId('streak-current')).toHaveText('1');
});

test('the quick switcher finds entries by title (Chinese too) and commands create posts', async ({ page, folio }) => {
  await folio.call('journal:create', { kind: 'post', title: '机器学习读书笔记', body: '第一章' });
  const target = await folio.call<Entry>('journal:create', { kind: 'note', title: 'Garden plans', body: 'Tomatoes' });
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await expect(entry.editor).toBeVisible();

  await page.keyboard.press('Control+k');
  await page.keyboard.type('garden pl');
  const option = app.palette.getByRole('option', { name: /Garden plans/ });
  await expect(option).toBeVisible();
  await option.click();
  await expect(entry.title).toHaveValue('Garden plans');
  expect(await entry.entryId()).toBe(target.id);

  await page.keyboard.press('Control+k');
  await page.keyboard.insertText('读书');
  await expect(app.palette.getByRole('option', { name: /机器学习读书笔记/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await app.runCommand('New post');
  await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveValue('post');
  await entry.title.fill('Hello from the palette');
  await entry.title.press('Enter');
  await page.keyboard.type('A short post.');
  await entry.waitSaved();
  const list = await folio.call<{ items: { title: string; kind: string }[] }>('journal:list', { kind: 'post' });
  expect(list.items.map((i) => i.title)).toContain('Hello from the palette');

  const journal = new JournalPage(page);
  await journal.open();
  await expect(journal.timelineItem('Hello from the palette')).toBeVisible();
  await page.getByRole('group', { name: 'Filter by kind' }).getByRole('button', { name: /Note/ }).click();
  await expect(journal.timelineItem('Garden plans')).toBeVisible();
  await expect(journal.timelineItem('Hello from the palette')).toHaveCount(0);
});
