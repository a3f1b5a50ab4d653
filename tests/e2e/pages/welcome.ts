import { expect, type Page } from '@playwright/test';

export class WelcomePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Your health record, in your hands' })).toBeVisible();
  }

  async createRecord(): Promise<void> {
    await this.page.getByRole('link', { name: 'Create my record' }).click();
  }

  async useAnotherDevice(): Promise<void> {
    await this.page.getByRole('link', { name: 'I use Carekey on another device' }).click();
  }
}
