import { expect, type Page } from '@playwright/test';

export class CreateRecordPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Create your record' })).toBeVisible();
  }

  async fill(name: string, passphrase: string, again = passphrase): Promise<void> {
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Passphrase again').fill(again);
  }

  /** How they will use Carekey: for their own health, as a clinician, or as a carer. */
  async chooseRole(role: 'patient' | 'clinician' | 'carer'): Promise<void> {
    const names = { patient: /^For my own health/, clinician: /^As a clinician/, carer: /^As a carer/ } as const;
    await this.page.getByRole('group', { name: 'How will you use Carekey?' }).getByRole('radio', { name: names[role] }).check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create my record' }).click();
  }
}
