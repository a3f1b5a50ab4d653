import { expect, type Locator, type Page } from '@playwright/test';

/** "Shared with me": the records other people shared with this account. */
export class SharedWithMePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens it from the navigation bar (a clinician's or carer's) or the home screen. */
  async open(): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shared' });
    if (await nav.isVisible()) await nav.click();
    else await this.page.getByRole('main').getByRole('link', { name: 'Shared with me' }).first().click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Shared with me' })).toBeVisible();
  }

  record(name: string): Locator {
    return this.page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name }) });
  }

  /** A record whose sharing with this account has ended (listed for the rest of the session). */
  ended(name: string): Locator {
    return this.page
      .getByRole('region', { name: 'Access that has ended' })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name }) });
  }

  /** A record this account can only ask for, as the owner's emergency contact. */
  emergencyContact(): Locator {
    return this.page
      .getByRole('main')
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: /^Emergency contact for / }) });
  }

  async askForEmergencyAccess(): Promise<void> {
    await this.emergencyContact().getByRole('button', { name: 'Ask for emergency access' }).click();
  }

  async openRecord(name: string): Promise<void> {
    await this.record(name)
      .getByRole('link', { name: `Open ${name}'s record` })
      .click();
  }
}

/** One record shared with this account: whose it is, the shared parts, verifying, adding. */
export class SharedRecordScreen {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: `${name}'s record` })).toBeVisible();
    await expect(this.page.getByRole('region', { name: 'Whose record this is' })).toContainText(`Acting for: ${name}`);
  }

  part(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }

  notVerified(): Locator {
    return this.page.getByRole('region', { name: 'Not verified' });
  }

  async verify(name: string, digits: string): Promise<void> {
    await this.page.getByLabel(`${name}'s safety number`).fill(digits);
    await this.page.getByRole('button', { name: 'Check and mark as verified' }).click();
  }

  addForm(): Locator {
    return this.page.getByRole('region', { name: /^Add to .+'s record$/ });
  }

  async fillResult(input: { measured: string; value: string; unit?: string }): Promise<void> {
    const form = this.addForm();
    await form.getByRole('radio', { name: 'A result' }).check();
    await form.getByLabel('What was measured').fill(input.measured);
    await form.getByLabel('Result', { exact: true }).fill(input.value);
    if (input.unit) await form.getByLabel('Unit (optional)').fill(input.unit);
  }

  async submitResult(): Promise<void> {
    await this.addForm().getByRole('button', { name: 'Add result' }).click();
  }

  async checkForNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check for new entries' }).click();
  }

  /** For a co-owner: what they can do for the person whose record they look after. */
  coOwnerPanel(): Locator {
    return this.page.getByRole('region', { name: 'You look after this record' });
  }

  async confirmEntries(): Promise<void> {
    await this.coOwnerPanel().getByRole('button', { name: 'Confirm new entries' }).click();
  }

  /** Someone else with access, as the co-owner sees them. */
  otherPerson(who: string | RegExp): Locator {
    return this.coOwnerPanel().getByRole('listitem').filter({ hasText: who });
  }

  /** Stops someone's access as a co-owner, through the dialog that says what happens. */
  async stopAccess(who: string | RegExp): Promise<void> {
    await this.otherPerson(who)
      .getByRole('button', { name: /^Stop access/ })
      .click();
    const dialog = this.page.getByRole('dialog', { name: /^Stop .+'s access\?$/ });
    await expect(dialog).toContainText('new keys');
    await dialog.getByRole('button', { name: 'Stop access' }).click();
  }
}
