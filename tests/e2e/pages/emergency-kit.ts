import { expect, type Page } from '@playwright/test';

export interface KitDetails {
  readonly accountId: string;
  readonly secretKey: string;
  readonly recoveryCode: string;
}

export class EmergencyKitPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async read(): Promise<KitDetails> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Save your Emergency Kit' })).toBeVisible({ timeout: 30_000 });
    const signIn = this.page.getByRole('region', { name: 'Sign-in details' }).getByRole('definition');
    const accountId = (await signIn.nth(0).innerText()).trim();
    const secretKey = (await signIn.nth(1).innerText()).trim();
    const recoveryCode = (
      await this.page
        .getByRole('region', { name: 'Recovery code' })
        .getByText(/^(\w+ ){23}\w+$/)
        .innerText()
    ).trim();
    return { accountId, secretKey, recoveryCode };
  }

  async confirmSaved(): Promise<void> {
    await this.page.getByRole('checkbox', { name: "I've saved my Emergency Kit somewhere safe" }).check();
    await this.page.getByRole('button', { name: 'Continue to my record' }).click();
  }
}
