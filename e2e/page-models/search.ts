import { expect, type Locator, type Page } from '@playwright/test';

/** The Search page (`#/search`): one box, mode and filters, results with snippets and why they matched. */
export class SearchPageModel {
  constructor(readonly page: Page) {}

  get box(): Locator {
    return this.page.getByRole('combobox', { name: 'Search everything' });
  }

  get results(): Locator {
    return this.page.getByRole('listbox', { name: 'Results' }).getByRole('option');
  }

  result(title: string): Locator {
    return this.results.filter({ has: this.page.locator('.search-result-title', { hasText: title }) });
  }

  async search(q: string): Promise<void> {
    await this.box.fill(q);
    await expect
      .poll(() => this.page.evaluate(() => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('q')))
      .toBe(q);
  }

  mode(label: 'Best match' | 'Words' | 'Meaning'): Locator {
    return this.page.getByRole('group', { name: 'Match by' }).getByRole('button', { name: label });
  }

  kind(label: 'Entries' | 'Papers' | 'Highlights' | 'Comments'): Locator {
    return this.page.getByRole('group', { name: 'Kinds' }).getByRole('button', { name: label });
  }
}
