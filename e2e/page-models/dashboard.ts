import { expect, type Locator, type Page } from '@playwright/test';

/** The dashboard: the keyboard check-in, today's panels and the charts. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.evaluate(() => (window.location.hash = '#/dashboard'));
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    await expect(this.checkIn).toBeVisible();
  }

  get checkIn(): Locator {
    return this.page.getByRole('form', { name: 'Daily check-in' });
  }

  field(metricName: string): Locator {
    return this.checkIn.getByLabel(metricName, { exact: true });
  }

  fieldError(metricName: string): Locator {
    return this.checkIn
      .locator('.checkin-field', { has: this.page.getByLabel(metricName, { exact: true }) })
      .locator('.field-error');
  }

  metricCard(id: string): Locator {
    return this.page.getByTestId(`metric-card-${id}`);
  }

  /** The dots Recharts drew for a metric's line (one per logged day). */
  metricDots(id: string): Locator {
    return this.metricCard(id).locator('.recharts-line-dots circle, .recharts-line-dot');
  }

  get celebration(): Locator {
    return this.page.getByTestId('stamp-celebration');
  }
}
