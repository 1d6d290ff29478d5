import { expect, type Locator, type Page } from '@playwright/test';

/** The comment inbox (#/inbox): views, the list, rows, the model panel and the import dialog. */
export class InboxPage {
  constructor(readonly page: Page) {}

  async open(view?: string): Promise<void> {
    await this.page.evaluate((v) => (window.location.hash = v ? `#/inbox?view=${v}` : '#/inbox'), view);
    await expect(this.page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
  }

  get list(): Locator {
    return this.page.getByTestId('inbox-list');
  }

  get rows(): Locator {
    return this.list.locator('li.inbox-row');
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  get focused(): Locator {
    return this.list.locator('li.inbox-row.is-focused');
  }

  view(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Inbox views' }).getByRole('button', { name: new RegExp(`^${name}`) });
  }

  async importFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import comments' });
    await expect(dialog).toBeVisible();
    await this.page.getByTestId('comments-file-input').setInputFiles(file);
    await expect(dialog).toContainText(file.name);
    return dialog;
  }

  get modelPanel(): Locator {
    return this.page.locator('.inbox-model');
  }

  get runTable(): Locator {
    return this.page.getByRole('table', { name: 'Before and after retraining' });
  }

  /** Presses keys with the page (not a field) focused. */
  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }
}
