import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { EntryPage } from './page-models/journal';

/**
 * Autosave loses nothing: type continuously, SIGKILL the backend mid-typing, restart it. The database
 * holds everything typed up to one second before the kill; the rest was kept in the page's local
 * draft and is pushed once the page talks to the backend again.
 */
test('killing the backend mid-typing loses at most the last second, and the local copy brings back the rest', async ({
  page,
  folio,
}) => {
  test.setTimeout(90_000);
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  const id = await entry.entryId();
  await entry.editor.click();

  const words =
    'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu';
  const text = `${words} ${words}`;
  // The page samples what the editor shows every 50 ms, with the time (same clock as this process).
  await entry.editor.evaluate((el) => {
    const w = window as unknown as { __samples: [number, string][] };
    w.__samples = [];
    setInterval(() => w.__samples.push([Date.now(), (el as HTMLElement).innerText.replace(/\s+$/, '')]), 50);
  });
  const started = Date.now();
  const typing = page.keyboard.type(text, { delay: 30 });

  // Kill once a good part is typed (however fast this machine types), while typing goes on.
  await page.waitForFunction(() => document.querySelector('[aria-label="Entry text"]')!.textContent!.length >= 90, null, {
    polling: 100,
    timeout: 60_000,
  });
  await page.waitForTimeout(Math.max(0, 2000 - (Date.now() - started)));
  const killedAt = Date.now();
  await folio.stop(true); // SIGKILL: no shutdown, no flush
  await expect(entry.status).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
  await typing;
  const samples = await page.evaluate(() => (window as unknown as { __samples: [number, string][] }).__samples);

  const before = samples.filter(([at]) => at <= killedAt - 1000).at(-1);
  expect(before, 'typing had started a second before the kill').toBeTruthy();
  const mustHave = before![1];
  expect(mustHave.length).toBeGreaterThan(20);

  await folio.restart();
  const stored = await folio.call<{ body: string; revision: number }>('journal:get', { id });
  expect(stored.body).toContain(mustHave);
  // The kill really was mid-typing: the database does not have everything yet.
  expect(stored.body.trim().length).toBeLessThan(text.length);

  // The page kept the rest locally; once it reaches the backend again (serve mode hands out a new
  // token on restart, so the page is reopened) the draft is pushed and nothing at all is lost.
  await page.goto(folio.url);
  await expect(entry.editor).toContainText(text.slice(-40));
  await entry.waitSaved();
  await expect.poll(async () => (await folio.call<{ body: string }>('journal:get', { id })).body.trim()).toBe(text);
  const revs = await folio.call<{ reason: string }[]>('journal:revisions', { id });
  expect(revs.length).toBeGreaterThanOrEqual(2);
});

test('a save whose answer was lost is not mistaken for a conflict when the backend comes back', async ({ page, folio }) => {
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  const id = await entry.entryId();
  await entry.typeInEditor('Saved before the outage.');
  await entry.waitSaved();
  await folio.stop(true);
  await entry.typeInEditor(' Typed while it was down.');
  await expect(entry.status).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
  await folio.restart();
  await page.goto(folio.url);
  await entry.waitSaved();
  await expect(entry.conflictBanner).toHaveCount(0);
  expect((await folio.call<{ body: string }>('journal:get', { id })).body.trim()).toBe(
    'Saved before the outage. Typed while it was down.',
  );
});
