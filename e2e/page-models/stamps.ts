import { expect, type Locator, type Page } from '@playwright/test';

/** The stamps collection (`#/stamps`). */
export class StampsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(() => (window.location.hash = '#/stamps'));
    await expect(this.page.getByRole('heading', { name: 'Stamps', level: 1 })).toBeVisible();
  }

  get earned(): Locator {
    return this.page.getByRole('list', { name: 'Earned stamps' });
  }

  get locked(): Locator {
    return this.page.getByRole('list', { name: 'Locked stamps' });
  }

  stamp(id: string): Locator {
    return this.page.getByTestId(`stamp-${id}`);
  }
}
