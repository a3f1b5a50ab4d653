import { expect, type Locator, type Page } from '@playwright/test';

/** Someone's account ID and safety number, as read from their "Your safety number" screen. */
export interface SafetyNumber {
  readonly accountId: string;
  /** Twelve groups of five digits, as shown. */
  readonly digits: string;
}

/** "Your safety number": the account ID and 60 digits someone giving access compares. */
export class SafetyNumberPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Your safety number' })).toBeVisible();
  }

  async read(): Promise<SafetyNumber> {
    await this.expectShown();
    const numbers = this.page.getByRole('region', { name: 'Give them these' }).getByRole('definition');
    const accountId = (await numbers.nth(0).innerText()).trim();
    const digits = (await numbers.nth(1).innerText()).trim();
    return { accountId, digits };
  }

  /** The QR code holding the account ID and safety number, for the other phone's camera. */
  qrCode(): Locator {
    return this.page.getByRole('img', { name: 'QR code of your account ID and safety number' });
  }
}

/** "People with access": who can see the patient's record, until when, and "Stop access". */
export class PeoplePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'People with access' })).toBeVisible();
  }

  /** Someone listed under "Who can see your record now". */
  active(name: string): Locator {
    return this.page.getByRole('region', { name: 'Who can see your record now' }).getByRole('listitem').filter({ hasText: name });
  }

  /** Someone listed under "Access that has ended". */
  ended(name: string): Locator {
    return this.page.getByRole('region', { name: 'Access that has ended' }).getByRole('listitem').filter({ hasText: name });
  }

  confirmation(): Locator {
    return this.page.getByRole('main').getByRole('status').first();
  }

  async addPerson(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add a person' }).click();
  }

  async addEmergencyContact(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add an emergency contact' }).click();
  }

  /** An emergency contact's request waiting for the patient: it says when it opens. */
  emergencyRequest(name: string): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('heading', { name: `${name} has asked for emergency access` }) });
  }

  async refuseEmergency(name: string): Promise<void> {
    await this.emergencyRequest(name)
      .getByRole('button', { name: `Refuse ${name}'s emergency access` })
      .click();
  }

  /** Stops someone's access, through the dialog that says what happens. */
  async stopAccess(name: string): Promise<void> {
    await this.active(name)
      .getByRole('button', { name: /^Stop access/ })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `Stop ${name}'s access?` });
    await expect(dialog).toContainText('They can no longer fetch anything from your record');
    await expect(dialog).toContainText('new keys');
    await dialog.getByRole('button', { name: 'Stop access' }).click();
  }
}

/** "Add a person": giving a clinician or carer access after comparing their safety number. */
export class AddPersonPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Add a person' })).toBeVisible();
  }

  async fill(input: {
    /** Left as it is (say, filled in by scanning their QR code) when not given. */
    accountId?: string;
    /** Left as it is when not given. */
    safetyNumber?: string;
    name: string;
    role: 'clinician' | 'carer';
    parts: ReadonlyArray<string | RegExp>;
    access: 'read' | 'write';
    /** An emergency contact with this waiting period ("12 hours"); they can only read. */
    emergencyWait?: string;
    /** A carer as co-owner: the whole record, read and add (`parts` and `access` are not asked). */
    coOwner?: boolean;
    /** When access ends, as the select says it ("At the end of March 2027"); three months ahead if not given. */
    endsAt?: string;
  }): Promise<void> {
    await this.expectShown();
    if (input.accountId !== undefined) await this.accountId().fill(input.accountId);
    if (input.safetyNumber !== undefined) await this.safetyNumber().fill(input.safetyNumber);
    await this.page.getByLabel('A name for them').fill(input.name);
    await this.page
      .getByRole('group', { name: 'Who are they?' })
      .getByRole('radio', { name: input.role === 'clinician' ? /^A clinician/ : /^A carer/ })
      .check();
    const when = this.page.getByRole('group', { name: 'When can they see it?' });
    await when
      .getByRole('radio', { name: input.coOwner ? 'Always, as a co-owner' : input.emergencyWait ? 'Only in an emergency' : 'From now on' })
      .check();
    if (input.endsAt) await this.page.getByLabel('Access ends').selectOption({ label: input.endsAt });
    if (input.coOwner) return;
    if (input.emergencyWait) await this.page.getByLabel('Waiting period').selectOption({ label: input.emergencyWait });
    const parts = this.page.getByRole('group', { name: 'What can they see?' });
    for (const part of input.parts) await parts.getByRole('checkbox', { name: part }).check();
    if (input.emergencyWait) return;
    await this.page
      .getByRole('group', { name: 'What can they do?' })
      .getByRole('radio', { name: input.access === 'write' ? 'Can read and add' : 'Can read', exact: true })
      .check();
  }

  accountId(): Locator {
    return this.page.getByLabel('Their account ID');
  }

  safetyNumber(): Locator {
    return this.page.getByLabel('Their safety number');
  }

  /** "With them in person?": the buttons to scan their QR code, and what the last scan said. */
  scanning(): Locator {
    return this.page.getByRole('region', { name: 'With them in person?' });
  }

  scanOutcome(): Locator {
    return this.scanning().getByRole('status');
  }

  /** The camera view, open while scanning. */
  scanDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Scan their QR code' });
  }

  async startScanning(): Promise<void> {
    await this.scanning().getByRole('button', { name: 'Scan their QR code' }).click();
  }

  async cancelScanning(): Promise<void> {
    await this.scanDialog().getByRole('button', { name: 'Cancel' }).click();
  }

  /** Chooses a picture of a QR code, as from the phone's photos. */
  async choosePhoto(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.scanning().getByRole('button', { name: 'Choose a photo of the code' }).click();
    await (await chooser).setFiles(file);
  }

  /** The end month chosen, as the select shows it ("At the end of March 2027"). */
  async endMonth(): Promise<string> {
    const select = this.page.getByLabel('Access ends');
    return select.locator('option:checked').innerText();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Give access' }).click();
  }
}

/** "Who has looked": the record's access log, newest first. */
export class AccessLogPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Who has looked' })).toBeVisible();
  }

  lines(): Locator {
    return this.page.getByRole('main').getByRole('listitem');
  }

  line(text: string | RegExp): Locator {
    return this.lines().filter({ hasText: text });
  }

  async checkAgain(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check again' }).click();
  }
}
