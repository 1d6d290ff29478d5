import { expect, type Locator, type Page } from '@playwright/test';

/** The tracking pages (`#/track/<section>`): tasks, time, habits, goals, daily stats, spend. */
export class TrackingPage {
  constructor(readonly page: Page) {}

  async open(section: 'tasks' | 'time' | 'habits' | 'goals' | 'metrics' | 'spend'): Promise<void> {
    await this.page.evaluate((s) => (window.location.hash = `#/track/${s}`), section);
    await expect(this.page.getByRole('heading', { name: 'Tracking', level: 1 })).toBeVisible();
  }

  get newTask(): Locator {
    return this.page.getByRole('form', { name: 'New task' });
  }

  async addTask(title: string, priority: 'High' | 'Medium' | 'Low', due?: string): Promise<void> {
    await this.newTask.getByLabel('Task', { exact: true }).fill(title);
    await this.newTask.getByLabel('Priority').selectOption({ label: priority });
    if (due) await this.newTask.getByLabel('Due').fill(due);
    await this.newTask.getByRole('button', { name: 'Add task' }).click();
    await expect(this.openTasks.filter({ hasText: title })).toHaveCount(1);
  }

  get openTasks(): Locator {
    return this.page.getByRole('list', { name: 'Open tasks' }).getByTestId('task-row');
  }

  async openTitles(): Promise<string[]> {
    return this.openTasks.locator('.task-text').allInnerTexts();
  }

  doneBox(title: string): Locator {
    return this.page.getByRole('list', { name: 'Open tasks' }).getByRole('checkbox', { name: `Done: ${title}` });
  }
}
