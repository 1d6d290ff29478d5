import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { DashboardPage } from './page-models/dashboard';
import { StampsPage } from './page-models/stamps';

function day(ago: number): string {
  const d = new Date();
  d.setDate(d.getDate() - ago);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('a week of vegetables logged with folio log earns the stamp, shown in the collection and in folio stamps --json', async ({
  page,
  folio,
}) => {
  const week = [7, 6, 5, 4, 3, 2, 1].map(day);
  for (const [i, d] of week.entries()) {
    const r = await folio.folio(['log', 'vegetables', String(1 + (i % 3)), '--date', d, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { metric: string; date: string; earned: { id: string }[] };
    expect(out).toMatchObject({ metric: 'vegetables', date: d });
    expect(out.earned.map((e) => e.id)).toEqual(i === 6 ? ['veggie-week'] : []);
  }

  // folio stamps --json: name, rule, progress, earnedAt, evidence.
  const json = await folio.folio(['stamps', '--json']);
  expect(json.code, json.stderr).toBe(0);
  const stamps = JSON.parse(json.stdout) as {
    name: string;
    rule: { kind: string };
    progress: number;
    earnedAt: string | null;
    evidence: { days: string[] };
  }[];
  const veggie = stamps.find((s) => s.name === 'Veggie week')!;
  expect(Object.keys(veggie).sort()).toEqual(['earnedAt', 'evidence', 'name', 'progress', 'rule']);
  expect(veggie).toMatchObject({ progress: 1, earnedAt: week[6], rule: { kind: 'dailyMetric' } });
  expect(veggie.evidence.days).toEqual(week);

  // The app celebrates it once (it was earned elsewhere) and the collection shows it earned, with evidence.
  const app = new AppShell(page);
  const dash = new DashboardPage(page);
  await app.open(folio.url);
  await dash.open();
  await expect(dash.celebration).toContainText('Stamp earned: Veggie week');
  const collection = new StampsPage(page);
  await collection.open();
  await expect(collection.earned.getByTestId('stamp-veggie-week')).toContainText('Veggie week');
  await expect(collection.stamp('veggie-week')).toContainText(`7 days, ${week[0]} – ${week[6]}`);
  await collection
    .stamp('veggie-week')
    .getByText(/^Evidence/)
    .click();
  await expect(collection.stamp('veggie-week').getByRole('listitem')).toHaveCount(7);
  await expect(collection.locked.getByTestId('stamp-sleep-7x7')).toBeVisible();
});

test('a user stamp: live rule validation, a broken rule shown as broken, export to a folder', async ({ page, folio }) => {
  const app = new AppShell(page);
  const collection = new StampsPage(page);
  await app.open(folio.url);
  await collection.open();
  await page.getByRole('button', { name: 'New stamp' }).click();
  const dialog = page.getByRole('dialog', { name: 'New stamp' });
  await dialog.getByLabel('Name').fill('Mood nine');
  await dialog.getByLabel('Kind').selectOption('dailyMetric');
  await dialog.getByLabel('Daily stat').selectOption('mood');
  await dialog.getByLabel('Value').fill('9');
  await expect(dialog.getByTestId('rule-preview')).toContainText('Broken: Mood is 1–5; a day can never be >= 9');
  await dialog.getByLabel('On how many days').fill('0');
  await expect(dialog.locator('.field-error').first()).toContainText('days must be at least 1');
  await dialog.getByLabel('On how many days').fill('3');
  await dialog.getByRole('button', { name: 'Create stamp' }).click();
  await expect(collection.stamp('mood-nine')).toContainText('Broken: Mood is 1–5');

  const dir = `${folio.dataDir}/site`;
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = page.getByRole('dialog', { name: 'Export the collection' });
  await exp.getByLabel('Folder').fill(dir);
  await exp.getByRole('button', { name: 'Write the folder' }).click();
  await expect(app.toast('Collection exported')).toBeVisible();
  const fs = await import('node:fs');
  expect(fs.readFileSync(`${dir}/index.html`, 'utf8')).toContain('Mood nine');
  expect(fs.existsSync(`${dir}/veggie-week.png`)).toBe(true);
});
