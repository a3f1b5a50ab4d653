import { expect, type Download, type Page } from '@playwright/test';

export class SharePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Share or print' })).toBeVisible();
  }

  part(name: string | RegExp) {
    return this.page.getByRole('group', { name: 'Which parts of your record?' }).getByRole('checkbox', { name });
  }

  async download(
    button: 'Download as a FHIR file' | 'Download a patient summary (IPS)' | 'Download an encrypted backup',
  ): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button }).click();
    return download;
  }

  async print(): Promise<void> {
    await this.page.getByRole('link', { name: 'Print a summary for your appointment' }).click();
  }
}

export class PrintPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: /^My health summary/ })).toBeVisible();
  }

  section(title: string) {
    return this.page.getByRole('region', { name: title });
  }

  printButton() {
    return this.page.getByRole('button', { name: 'Print' });
  }
}
