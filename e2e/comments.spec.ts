import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { InboxPage } from './page-models/inbox';

interface Comment {
  id: string;
  externalId: string | null;
  text: string;
  author: string | null;
  status: string;
  label: string | null;
  score: number | null;
}

/** A small Firebase export, written for this test (invented names, texts and links). */
function exportJson(): string {
  const at = (h: number) => 1780000000000 + h * 3_600_000;
  return JSON.stringify({
    comments: {
      'posts|sourdough': {
        '-Ne2e01': { author: 'Hana', text: 'Your starter schedule worked, the crumb was perfect this time.', timestamp: at(1) },
        '-Ne2e02': {
          author: 'promo',
          text: 'Best online casino bonus 300% free spins http://spin.example.xyz',
          timestamp: at(2),
        },
        '-Ne2e03': { author: 'Ivo', text: 'How long do you proof it in the fridge?', timestamp: at(3) },
      },
      'posts|keyboard': {
        '-Ne2e04': {
          author: 'deals',
          text: 'Cheap v1agra no prescription, order now http://meds.example.shop !!!',
          timestamp: at(4),
        },
        '-Ne2e05': { author: 'Noor', text: 'Which switches are those? They sound great in the video.', timestamp: at(5) },
        '-Ne2e06': {
          author: '<img src=x onerror="window.__pwnedAuthor=1">',
          text: '<script>window.__pwned = 1; alert("pwned")</script><b>bold?</b> <img src=x onerror=alert(2)>',
          timestamp: at(6),
        },
      },
    },
  });
}

test('import a Firebase export through the UI; a <script> comment shows as text and never runs', async ({ page, folio }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const app = new AppShell(page);
  const inbox = new InboxPage(page);
  await app.open(folio.url);
  await app.goTo('Inbox');
  await expect(page.getByText('No comments yet')).toBeVisible();

  const dialog = await inbox.importFile({
    name: 'blog-export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exportJson()),
  });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('6 new comments');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(inbox.rows).toHaveCount(6);

  const evil = inbox.row('window.__pwned');
  await expect(evil).toContainText(
    '<script>window.__pwned = 1; alert("pwned")</script><b>bold?</b> <img src=x onerror=alert(2)>',
  );
  await expect(evil).toContainText('<img src=x onerror="window.__pwnedAuthor=1">');
  // Rendered as text: no element was made from it, nothing ran.
  await expect(inbox.list.locator('script, b, img')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(
    await page.evaluate(() => [
      (window as unknown as { __pwned?: number }).__pwned,
      (window as unknown as { __pwnedAuthor?: number }).__pwnedAuthor,
    ]),
  ).toEqual([undefined, undefined]);
  expect(dialogs).toEqual([]);

  // Every comment has a spam probability; the casino one is far above the sourdough question.
  const stored = (await folio.call<{ items: Comment[] }>('comments:list', { limit: 50 })).items;
  const score = (id: string) => stored.find((c) => c.externalId === id)!.score!;
  expect(score('-Ne2e02')).toBeGreaterThan(0.5);
  expect(score('-Ne2e03')).toBeLessThan(0.2);
  await expect(inbox.row('casino').getByRole('meter', { name: 'Spam probability' })).toBeVisible();

  // The same file again only reports duplicates.
  const again = await inbox.importFile({
    name: 'blog-export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exportJson()),
  });
  await again.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(again.getByRole('status')).toContainText('0 new comments, 6 duplicates skipped');
});

test('triage from the keyboard: move, approve, spam, select and bulk, delete, undo, filter, help', async ({ page, folio }) => {
  await folio.call('comments:import', { content: exportJson(), name: 'blog-export.json' });
  const app = new AppShell(page);
  const inbox = new InboxPage(page);
  await app.open(folio.url);
  await inbox.open();
  await expect(inbox.rows).toHaveCount(6);
  await page.locator('.inbox-summary').click(); // keys go to the page, not a field
  const statusOf = async (externalId: string) =>
    (await folio.call<{ items: Comment[] }>('comments:list', { limit: 50, view: 'all' })).items
      .concat((await folio.call<{ items: Comment[] }>('comments:list', { view: 'deleted' })).items)
      .find((c) => c.externalId === externalId)!;

  // Newest first: the script comment (-Ne2e06) is first, then -Ne2e05 (Noor).
  await expect(inbox.focused).toContainText('window.__pwned');
  await inbox.keys('j');
  await expect(inbox.focused).toContainText('Which switches');
  await inbox.keys('a');
  await expect.poll(async () => (await statusOf('-Ne2e05')).status).toBe('approved');
  // The cursor moved on to the next comment.
  await expect(inbox.focused).toContainText('v1agra');
  await inbox.keys('s');
  await expect.poll(async () => (await statusOf('-Ne2e04')).label).toBe('spam');
  await expect(inbox.row('v1agra').locator('.inbox-status')).toHaveText('Spam');

  // k goes back up; x selects; Shift+A approves the selection.
  await expect(inbox.focused).toContainText('proof it in the fridge');
  await inbox.keys('x', 'j', 'j', 'x');
  await expect(page.getByRole('group', { name: 'Selected comments' })).toContainText('2 selected');
  await inbox.keys('Shift+A');
  await expect
    .poll(async () => [(await statusOf('-Ne2e03')).status, (await statusOf('-Ne2e01')).status])
    .toEqual(['approved', 'approved']);

  // d deletes (soft), u undoes it.
  await inbox.keys('k');
  await expect(inbox.focused).toContainText('casino');
  await inbox.keys('d');
  await expect.poll(async () => (await statusOf('-Ne2e02')).status).toBe('deleted');
  await expect(inbox.row('casino')).toHaveCount(0);
  await inbox.keys('u');
  await expect.poll(async () => (await statusOf('-Ne2e02')).status).toBe('new');
  await expect(inbox.row('casino')).toHaveCount(1);

  // Deleted view and restore.
  await inbox.keys('d');
  await inbox.view('Deleted').click();
  await expect(inbox.rows).toHaveCount(1);
  await page.locator('.inbox-summary').click();
  await inbox.keys('r');
  await expect.poll(async () => (await statusOf('-Ne2e02')).status).toBe('new');

  // / focuses the filter; ? shows the shortcuts.
  await inbox.view('All').click();
  await page.locator('.inbox-summary').click();
  await inbox.keys('/');
  await expect(page.getByRole('searchbox', { name: 'Filter comments' })).toBeFocused();
  await page.keyboard.type('fridge');
  await expect(inbox.rows).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(inbox.rows).toHaveCount(6);
  await inbox.keys('?');
  await expect(page.getByRole('dialog', { name: 'Inbox keyboard shortcuts' })).toContainText(
    'Approve (teaches the model: not spam)',
  );
  await page.keyboard.press('Escape');

  // The decisions are labels the CLI sees too.
  const cli = await folio.folio(['comments', 'list', '--status', 'approved', '--json']);
  expect(cli.code, cli.stderr).toBe(0);
  expect((JSON.parse(cli.stdout) as Comment[]).map((c) => c.label)).toEqual(['ham', 'ham', 'ham']);
});

test('retraining from the inbox shows before and after; explanations list features and similar decided comments', async ({
  page,
  folio,
}) => {
  await folio.call('comments:import', { content: exportJson(), name: 'blog-export.json' });
  const all = (await folio.call<{ items: Comment[] }>('comments:list', { limit: 50 })).items;
  const id = (ext: string) => all.find((c) => c.externalId === ext)!.id;
  await folio.call('comments:decide', { ids: [id('-Ne2e02'), id('-Ne2e04')], action: 'spam' });
  await folio.call('comments:decide', { ids: [id('-Ne2e01'), id('-Ne2e03'), id('-Ne2e05')], action: 'approve' });
  const app = new AppShell(page);
  const inbox = new InboxPage(page);
  await app.open(folio.url);
  await inbox.open();
  await expect(inbox.modelPanel).toContainText('2 spam · 3 approved');
  await inbox.modelPanel.getByRole('button', { name: 'Retrain now' }).click();
  await expect(inbox.runTable).toBeVisible({ timeout: 20_000 });
  await expect(inbox.runTable.getByRole('columnheader')).toHaveText(['', 'Before', 'After']);
  await expect(inbox.runTable.getByRole('rowheader')).toHaveText(['Precision', 'Recall', 'F1', 'ROC AUC']);
  await expect(inbox.runTable.locator('caption')).toContainText('Measured on');
  await expect(inbox.modelPanel).toContainText('Your model');
  const runs = await folio.call<{ state: string; labels: { used: number } }[]>('comments:runs', {});
  expect(runs[0]).toMatchObject({ state: 'done', labels: { used: 5 } });

  // Why? on the casino comment: features and its nearest decided neighbour.
  await inbox.row('casino').getByRole('button', { name: 'Why this score?' }).click();
  const why = page.getByRole('dialog', { name: 'Why this score' });
  await expect(why).toBeVisible();
  await expect(why.locator('.explain-features li').first()).toBeVisible();
  await why.getByRole('button', { name: 'Close' }).click();
  await expect(why).toBeHidden();
});

test('CSV import through the UI with column options', async ({ page, folio }) => {
  // The watched-file and model-less paths are covered in core tests; here: CSV import with column options.
  const app = new AppShell(page);
  const inbox = new InboxPage(page);
  await app.open(folio.url);
  await inbox.open();
  const csv =
    'post_id,who,body,when\np1,Ana,"Thanks, this was useful",1780000000\np1,Bo,"Visit http://cheap.example.top for deals!!!",1780000100\n';
  const dialog = await inbox.importFile({ name: 'comments.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByLabel('Author column').selectOption('who');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('2 new comments');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(inbox.row('Thanks, this was useful')).toContainText('Ana');
  await expect(inbox.row('Thanks, this was useful')).toContainText('p1');
});
