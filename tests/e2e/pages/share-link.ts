import { expect, type Locator, type Page } from '@playwright/test';

/** "Share with a doctor or nurse" on the Share or print screen, and the patient's links below it. */
export class ShareLinkSection {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  section(): Locator {
    return this.page.getByRole('region', { name: 'Share with a doctor or nurse' });
  }

  async create(input: { passcode?: string; until?: string } = {}): Promise<string> {
    const section = this.section();
    if (input.until) await section.getByLabel('Link ends on').fill(input.until);
    if (input.passcode) await section.getByLabel('Passcode (optional)').fill(input.passcode);
    await section.getByRole('button', { name: 'Create link' }).click();
    const url = section.getByRole('textbox', { name: 'The link' });
    await expect(url).toHaveValue(/\/s\/[0-9a-f]{32}#/);
    return url.inputValue();
  }

  /** "Also make a SMART Health Link": only for a link without a passcode. */
  smartHealthLinkOption(): Locator {
    return this.section().getByRole('checkbox', { name: /^Also make a SMART Health Link/ });
  }

  /** Makes a link without a passcode that is also a SMART Health Link; returns the `shlink:/` text. */
  async createSmartHealthLink(): Promise<string> {
    const section = this.section();
    await section.getByLabel('Passcode (optional)').fill('');
    await this.smartHealthLinkOption().check();
    await section.getByRole('button', { name: 'Create link' }).click();
    await expect(section.getByRole('textbox', { name: 'The link' })).toHaveValue(/\/s\/[0-9a-f]{32}#/);
    const shlink = section.getByRole('textbox', { name: 'The SMART Health Link' });
    await expect(shlink).toHaveValue(/^shlink:\//);
    return shlink.inputValue();
  }

  /** The patient's links, newest first. */
  links(): Locator {
    return this.section().getByRole('listitem');
  }

  async stopSharing(link: Locator): Promise<void> {
    await link.getByRole('button', { name: 'Stop sharing' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Stop sharing this link?' });
    await dialog.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(dialog).toBeHidden();
  }
}

/** A share link opened by a clinician with no account. */
export class SharedRecordPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async enterPasscode(passcode: string): Promise<void> {
    await this.page.getByLabel('Passcode').fill(passcode);
    await this.page.getByRole('button', { name: 'Open the record' }).click();
  }

  async expectShown(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: `Health record of ${name}` })).toBeVisible();
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }
}
