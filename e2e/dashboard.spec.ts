import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { DashboardPage } from './page-models/dashboard';

test('a keyboard-only check-in changes the chart; an impossible value is refused on its field and nothing else is lost', async ({
  page,
  folio,
}) => {
  const app = new AppShell(page);
  const dash = new DashboardPage(page);
  await app.open(folio.url);
  await app.goTo('Dashboard');
  await expect(dash.checkIn).toBeVisible();

  // Nothing logged yet: the mood card says so and draws no dot.
  await expect(dash.metricCard('mood')).toContainText('No values yet');
  await expect(dash.metricDots('mood')).toHaveCount(0);

  // The first field has focus; the whole check-in is typed: values, Tab, and Enter.
  await expect(dash.field('Productivity hours')).toBeFocused();
  for (const [i, value] of ['6h30m', '1.5', '9', '7:15', '3', 'yes'].entries()) {
    if (i > 0) await page.keyboard.press('Tab');
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');

  // Mood 9 on a 1–5 scale: refused on its field, which gets the focus; everything typed stays.
  await expect(dash.fieldError('Mood')).toHaveText('Mood is 1–5; got 9');
  await expect(dash.field('Mood')).toBeFocused();
  await expect(dash.field('Productivity hours')).toHaveValue('6h30m');
  await expect(dash.field('Workout')).toHaveValue('yes');
  const none = await folio.call<{ rows: unknown[][] }>('system:sql', { sql: 'SELECT count(*) FROM metric_values' });
  expect(none.rows).toEqual([[0]]);

  // Fixed with the keyboard alone.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await expect(app.toast(/Checked in for today/)).toBeVisible();
  await expect(dash.fieldError('Mood')).toHaveCount(0);

  // The chart changed: a dot for today's mood, and the card's figure.
  await expect(dash.metricDots('mood')).toHaveCount(1);
  await expect(dash.metricCard('mood')).toContainText('4 avg');
  await expect(dash.metricCard('productivity')).toContainText('6h 30m');
  await expect(dash.metricCard('sleep')).toContainText('7h 15m avg');

  // What the dashboard shows is what the raw table holds.
  const rows = await folio.call<{ rows: [string, number][] }>('system:sql', {
    sql: 'SELECT metric_id, value FROM metric_values ORDER BY metric_id',
  });
  expect(Object.fromEntries(rows.rows)).toEqual({
    mood: 4,
    productivity: 390,
    screen_time: 90,
    sleep: 435,
    vegetables: 3,
    workout: 1,
  });
});

test('the range switches to month and year, and empty cards say what to do', async ({ page, folio }) => {
  const app = new AppShell(page);
  await app.open(folio.url);
  await app.goTo('Dashboard');
  await expect(page.getByTestId('time-card')).toContainText('Start the timer above');
  await expect(page.getByTestId('papers-card')).toContainText(/No papers data|No paper finished/);
  await page.getByRole('button', { name: 'Year', exact: true }).click();
  await expect(page).toHaveURL(/range=year/);
  await expect(page.getByRole('heading', { name: String(new Date().getFullYear()), level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Previous year' }).click();
  await expect(page.getByRole('heading', { name: String(new Date().getFullYear() - 1), level: 2 })).toBeVisible();
  // The timer starts from the keyboard and shows running.
  await page.getByLabel('What are you starting?').fill('reading RailS paper #research');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timer')).toContainText('reading RailS paper');
  await page.getByTestId('timer').getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('timer').getByRole('button', { name: 'Start' })).toBeVisible();
});
