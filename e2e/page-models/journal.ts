import { expect, type Locator, type Page } from '@playwright/test';

/** An open journal entry (Today or #/journal/<id>): title, meta controls, editor, panels, status. */
export class EntryPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.locator('.entry-view');
  }

  get editor(): Locator {
    return this.page.getByRole('textbox', { name: 'Entry text' });
  }

  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Title' });
  }

  get status(): Locator {
    return this.page.locator('.save-status');
  }

  async entryId(): Promise<string> {
    await expect(this.view).toBeVisible();
    return (await this.view.getAttribute('data-entry-id'))!;
  }

  async waitSaved(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
  }

  async typeInEditor(text: string, opts: { delay?: number } = {}): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text, opts);
  }

  panelButton(name: 'Properties' | 'History' | 'Backlinks'): Locator {
    return this.page.getByRole('group', { name: 'Panels' }).getByRole('button', { name });
  }

  async openPanel(name: 'Properties' | 'History' | 'Backlinks'): Promise<Locator> {
    const b = this.panelButton(name);
    if ((await b.getAttribute('aria-pressed')) !== 'true') await b.click();
    const panel = this.page.getByRole('complementary', { name });
    await expect(panel).toBeVisible();
    return panel;
  }

  field(name: string): Locator {
    return this.page.locator(`.property-row[data-field="${name}"]`);
  }

  async moreAction(label: string): Promise<void> {
    await this.page.getByRole('button', { name: 'More actions' }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
  }

  get conflictBanner(): Locator {
    return this.page.locator('.conflict-banner');
  }
}

/** The Journal page: timeline, filters, New… menu, trash. */
export class JournalPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(() => (window.location.hash = '#/journal'));
    await expect(this.page.getByRole('heading', { name: 'Journal', level: 1 })).toBeVisible();
  }

  async newEntry(label: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New…' }).click();
    await this.page.getByRole('menuitem', { name: label, exact: true }).click();
    await expect(this.page.locator('.entry-view')).toBeVisible();
  }

  timelineItem(title: string | RegExp): Locator {
    return this.page.locator('.timeline-item').filter({ hasText: title });
  }

  async openTrash(): Promise<Locator> {
    await this.page.evaluate(() => (window.location.hash = '#/journal/trash'));
    const table = this.page.getByRole('table', { name: 'Trash' });
    return table;
  }
}
