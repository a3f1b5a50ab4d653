import { expect, type Locator, type Page } from '@playwright/test';

export class HomePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(name?: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: name ? `${name}'s record` : /record/ })).toBeVisible({ timeout: 30_000 });
  }

  entry(text: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('link', { name: text });
  }

  syncStatus(): Locator {
    return this.page.getByRole('banner').getByRole('status');
  }

  async addAllergy(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add an allergy' }).click();
  }

  async addNote(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add a note' }).click();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock' }).click();
  }
}
