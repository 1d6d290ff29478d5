import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  get backupNow(): Locator {
    return this.page.getByRole('button', { name: 'Back up now' });
  }

  get snapshots(): Locator {
    return this.page.getByRole('table', { name: 'Snapshots' }).locator('tbody tr');
  }

  get theme(): Locator {
    return this.page.getByLabel('Theme');
  }
}
