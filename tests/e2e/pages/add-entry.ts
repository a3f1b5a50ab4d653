import { expect, type Page } from '@playwright/test';

export class AddAllergyPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async add(input: { substance: string; reaction?: string; severity?: 'Mild' | 'Moderate' | 'Severe' }): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Add an allergy' })).toBeVisible();
    await this.page.getByLabel('What are you allergic to?').fill(input.substance);
    if (input.reaction) await this.page.getByLabel('What happens? (optional)').fill(input.reaction);
    if (input.severity) await this.page.getByRole('radio', { name: new RegExp(`^${input.severity}`) }).check();
    await this.page.getByRole('button', { name: 'Save allergy' }).click();
  }
}

export class AddNotePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async add(text: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Add a note' })).toBeVisible();
    await this.page.getByLabel('Your note').fill(text);
    await this.page.getByRole('button', { name: 'Save note' }).click();
  }
}
