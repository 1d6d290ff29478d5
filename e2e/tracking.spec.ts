import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { TrackingPage } from './page-models/tracking';

test('tasks are listed strictly by priority then due date, and only the first can be ticked', async ({ page, folio }) => {
  const app = new AppShell(page);
  const track = new TrackingPage(page);
  await app.open(folio.url);
  await track.open('tasks');
  await track.addTask('Tidy the bibliography', 'Low', '2026-01-05');
  await track.addTask('Email the co-author', 'Medium');
  await track.addTask('Submit the camera-ready', 'High', '2026-12-30');
  await track.addTask('Reply to reviewer 2', 'High', '2026-12-01');
  await track.addTask('Rerun the ablation', 'Medium', '2026-12-20');
  expect(await track.openTitles()).toEqual([
    'Reply to reviewer 2',
    'Submit the camera-ready',
    'Rerun the ablation',
    'Email the co-author',
    'Tidy the bibliography',
  ]);
  await expect(track.doneBox('Reply to reviewer 2')).toBeEnabled();
  await expect(track.doneBox('Tidy the bibliography')).toBeDisabled();

  // The API refuses out-of-order too, naming the task to finish first.
  const list = await folio.call<{ open: { id: string; title: string }[] }>('tracking:tasks', {});
  const low = list.open.find((t) => t.title === 'Tidy the bibliography')!;
  const res = await fetch(`${folio.origin}/api/call/tracking:task-done`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${folio.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: low.id }),
  });
  expect(await res.json()).toMatchObject({
    ok: false,
    error: { code: 'conflict', message: expect.stringContaining('Finish “Reply to reviewer 2” first') },
  });

  await track.doneBox('Reply to reviewer 2').click();
  await expect(track.openTasks).toHaveCount(4);
  await expect(track.doneBox('Submit the camera-ready')).toBeEnabled();
  await expect(page.getByRole('heading', { name: /Done \(1\)/ })).toBeVisible();

  // The CLI lists the same order.
  const cli = await folio.folio(['tasks', '--json']);
  expect(cli.code, cli.stderr).toBe(0);
  expect((JSON.parse(cli.stdout) as { open: { title: string }[] }).open.map((t) => t.title)).toEqual(await track.openTitles());
});

test('a quick log line becomes a block on the day timeline; a line that does not fit is refused', async ({ page, folio }) => {
  const app = new AppShell(page);
  const track = new TrackingPage(page);
  await app.open(folio.url);
  await track.open('time');
  const line = page.getByLabel('Add a line');
  await line.fill('00:10 reading RailS paper #research');
  await page.keyboard.press('Enter');
  const timeline = page.getByRole('list', { name: 'Day timeline' });
  await expect(timeline).toContainText('reading RailS paper');
  await expect(page.getByRole('list', { name: 'Per category' })).toContainText('Research');
  await line.fill('00:05 too early');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Out of order');
  await expect(line).toHaveValue('00:05 too early');
});
