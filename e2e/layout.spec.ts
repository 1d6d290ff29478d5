import { makePaperPdf } from '@folio/core/testing';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type ServeHandle } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { ReaderPage } from './page-models/papers';

// Layout defects found by an audit, checked with real boxes in a real browser.

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The window itself never scrolls: the shell fills it and its panes scroll. */
async function windowScrolls(page: Page): Promise<{ overflow: number; scrollTop: number }> {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollHeight - document.documentElement.clientHeight,
    scrollTop: document.documentElement.scrollTop,
  }));
}

test('journal: the body text starts where the entry title starts', async ({ page, folio }) => {
  const e = await folio.call<{ id: string }>('journal:create', {
    kind: 'post',
    title: 'Aligned',
    body: 'The first line of the body.',
  });
  const app = new AppShell(page);
  await app.open(`${folio.url}#/journal/${e.id}`);
  const title = page.locator('.entry-title');
  const para = page.locator('.entry-editor .folio-editor__content p').first();
  await expect(para).toContainText('The first line');
  const t = await title.evaluate((el) => el.getBoundingClientRect().left);
  const p = await para.evaluate((el) => el.getBoundingClientRect().left);
  expect(Math.abs(p - t)).toBeLessThanOrEqual(1);
});

test('stamps: the Edit button does not overlap the stamp art or the text, even on a narrow window', async ({ page, folio }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  const app = new AppShell(page);
  await app.open(`${folio.url}#/stamps`);
  const card = page.locator('.stamp-card').first();
  await expect(card).toBeVisible();
  const edit = await box(card.locator('.stamp-edit'));
  expect(overlaps(edit, await box(card.locator('.stamp-art')))).toBe(false);
  expect(overlaps(edit, await box(card.locator('.stamp-desc')))).toBe(false);
  expect(overlaps(edit, await box(card.locator('.stamp-title h3')))).toBe(false);
});

test('settings: the theme select is sized to its options, not stretched across the card', async ({ page, folio }) => {
  const app = new AppShell(page);
  await app.open(`${folio.url}#/settings`);
  const select = page.getByLabel('Theme');
  await expect(select).toBeVisible();
  const s = await box(select);
  const card = await box(page.locator('section.card').first());
  expect(s.width).toBeLessThan(card.width / 2);
  // Still wide enough for its longest option.
  expect(await select.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('search: the filter row wraps on a narrow window instead of overflowing', async ({ page, folio }) => {
  await page.setViewportSize({ width: 560, height: 800 });
  const app = new AppShell(page);
  await app.open(`${folio.url}#/search?q=paper`);
  const filters = page.locator('.search-filters');
  await expect(filters.getByRole('button', { name: 'Comments' })).toBeVisible();
  const row = await box(filters);
  for (const chip of await filters.locator('button, input, select').all()) {
    const b = await box(chip);
    expect(b.x + b.width).toBeLessThanOrEqual(row.x + row.width + 0.5);
  }
  expect(await page.locator('main').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

async function addPdf(folio: ServeHandle): Promise<{ id: string }> {
  const generated = await makePaperPdf({ title: 'Finding Things Again', authors: ['Fay Index'], pages: 5, seed: 9 });
  const res = await fetch(`${folio.origin}/api/blobs`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${folio.token}` },
    body: Buffer.from(generated.bytes),
  });
  const blob = ((await res.json()) as { value: { sha256: string } }).value;
  return (await folio.call<{ paper: { id: string } }>('papers:add-blob', { sha256: blob.sha256, fileName: 'find.pdf' })).paper;
}

test('papers: find next / previous scroll the current match into the reader, and only the reader', async ({ page, folio }) => {
  const paper = await addPdf(folio);
  const app = new AppShell(page);
  const reader = new ReaderPage(page);
  await app.open(`${folio.url}#/papers/${paper.id}`);
  await reader.waitReady();
  expect((await windowScrolls(page)).overflow).toBeLessThanOrEqual(0);
  await page.keyboard.press('Control+f');
  const input = page.getByRole('searchbox', { name: 'Find in document' });
  await input.fill('the');
  await expect(page.getByTestId('find-count')).toContainText(/^1 of \d+/);
  const container = page.locator('.folio-reader__container');
  const inView = async () => {
    const c = await box(container);
    const m = await box(page.locator('.folio-reader__container .highlight.selected').first());
    return m.y >= c.y && m.y + m.height <= c.y + c.height;
  };
  const total = Number((await page.getByTestId('find-count').textContent())!.match(/of (\d+)/)![1]);
  expect(total).toBeGreaterThan(20);
  // Jump far enough to leave the first page, then back.
  for (let i = 0; i < 20; i++) await input.press('Enter');
  await expect(page.getByTestId('find-count')).toContainText(/^21 of /);
  await expect.poll(inView).toBe(true);
  expect(await container.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  for (let i = 0; i < 3; i++) await input.press('Shift+Enter');
  await expect(page.getByTestId('find-count')).toContainText(/^18 of /);
  await expect.poll(inView).toBe(true);
  expect(await windowScrolls(page)).toEqual({ overflow: expect.any(Number), scrollTop: 0 });
  expect((await windowScrolls(page)).overflow).toBeLessThanOrEqual(0);
});
