import { expect, test } from './fixtures/folio';
import { AppShell } from './page-models/app';
import { EntryPage } from './page-models/journal';

// A 1x1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

test('a pasted image is stored content-addressed in the data folder and shown from there', async ({ page, folio }) => {
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  const id = await entry.entryId();
  await entry.typeInEditor('A screenshot: ');
  await entry.editor.evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'screen-shot.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
  const img = entry.editor.locator('img.folio-image');
  await expect(img).toHaveCount(1);
  await entry.waitSaved();
  const stored = await folio.call<{ body: string }>('journal:get', { id });
  const m = /!\[[^\]]*\]\(folio:\/\/blob\/([0-9a-f]{64})\)/.exec(stored.body);
  expect(m, stored.body).toBeTruthy();
  const sha = m![1]!;
  // The file is in the data folder under its hash, and the page shows it from there.
  const { existsSync } = await import('node:fs');
  expect(existsSync(`${folio.dataDir}/blobs/${sha.slice(0, 2)}/${sha}`)).toBe(true);
  await expect(img).toHaveAttribute('src', `/blobs/${sha}`);
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
});

test('pasted HTML is sanitised: formatting kept, scripts and handlers dropped', async ({ page, folio }) => {
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  const id = await entry.entryId();
  await entry.editor.click();
  await entry.editor.evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData(
      'text/html',
      '<p>Safe <strong>bold</strong> text<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"></p>',
    );
    dt.setData('text/plain', 'Safe bold text');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(entry.editor.locator('strong')).toHaveText('bold');
  await entry.waitSaved();
  const body = (await folio.call<{ body: string }>('journal:get', { id })).body;
  expect(body).toContain('Safe **bold** text');
  expect(body).not.toMatch(/script|onerror|__pwned/);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('focus mode is a setting: the toolbar button dims the chrome and it survives a reload', async ({ page, folio }) => {
  const app = new AppShell(page);
  const entry = new EntryPage(page);
  await app.open(folio.url);
  await expect(entry.editor).toBeVisible();
  await page.getByRole('button', { name: /Focus mode/ }).click();
  await expect(page.locator('.entry-view--focus')).toBeVisible();
  await expect.poll(async () => (await folio.call<Record<string, unknown>>('settings:get'))['editor.focusMode']).toBe(true);
  await page.reload();
  await expect(page.locator('.entry-view--focus')).toBeVisible();
  await app.runCommand('Toggle focus mode');
  await expect(page.locator('.entry-view--focus')).toHaveCount(0);
});
