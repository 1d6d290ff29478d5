import { expect, type Locator, type Page } from '@playwright/test';

/** Import, export and publish dialogs (reached from the Journal page's "Import…" menu or the palette). */
export class IoDialogs {
  constructor(readonly page: Page) {}

  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import notes' });
  }

  get publishDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Publish a site' });
  }

  async openFromJournal(item: 'Import notes…' | 'Export as markdown…' | 'Publish site…'): Promise<void> {
    await this.page.getByRole('button', { name: 'Import, export and publish' }).click();
    await this.page.getByRole('menuitem', { name: new RegExp(`^${item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  }

  /** Chooses a folder in the import dialog (as `<input webkitdirectory>` does). */
  async chooseFolder(dir: string): Promise<void> {
    await this.importDialog.getByTestId('import-folder').setInputFiles(dir);
  }

  async chooseFiles(files: string[]): Promise<void> {
    await this.importDialog.getByTestId('import-files').setInputFiles(files);
  }

  count(label: 'New' | 'Changed' | 'Unchanged' | 'Files skipped'): Locator {
    return this.importDialog
      .locator('.io-counts > div')
      .filter({ has: this.page.locator('dt', { hasText: label }) })
      .locator('dd');
  }

  get entryRows(): Locator {
    return this.importDialog.getByRole('table').locator('tbody tr');
  }

  issue(path: string): Locator {
    return this.importDialog.locator('.io-issue').filter({ hasText: path });
  }

  async importAll(): Promise<void> {
    await this.importDialog.getByRole('button', { name: /^Import \d+ entr/ }).click();
    await expect(this.importDialog.getByRole('status').filter({ hasText: /Imported:|Nothing changed/ })).toBeVisible({
      timeout: 30_000,
    });
  }
}
