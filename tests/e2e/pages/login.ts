import { expect, type Page } from '@playwright/test';

export class LoginPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Use Carekey on this device' })).toBeVisible();
  }

  async signIn(accountId: string, secretKey: string, passphrase: string): Promise<void> {
    await this.page.getByLabel('Account ID').fill(accountId);
    await this.page.getByLabel('Secret Key').fill(secretKey);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
