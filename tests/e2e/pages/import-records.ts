import { expect, type Page } from '@playwright/test';

export class ImportPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Imports a file and waits for the report, confirming it is the patient's own if asked. */
  async importFile(path: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Bring in your records' })).toBeVisible();
    await this.page.getByLabel('Choose a file').setInputFiles(path);
    const done = this.page.getByRole('heading', { name: 'Done' });
    const mine = this.page.getByRole('button', { name: 'It is mine — import it' });
    await expect(done.or(mine)).toBeVisible({ timeout: 120_000 });
    if (await mine.isVisible()) await mine.click();
    await expect(done).toBeVisible({ timeout: 120_000 });
  }
}
