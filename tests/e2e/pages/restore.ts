import { expect, type Page } from '@playwright/test';

/** "Restore from a backup": a backup file, the Secret Key and the passphrase. */
export class RestorePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Restore from a backup' })).toBeVisible();
  }

  async restore(file: string, secretKey: string, passphrase: string): Promise<void> {
    await this.page.getByLabel(/Choose (your backup|a different) file/).setInputFiles(file);
    await expect(this.page.getByText(/^Chosen: /)).toBeVisible();
    await this.page.getByLabel('Secret Key').fill(secretKey);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Restore my record' }).click();
  }

  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(text);
  }
}
