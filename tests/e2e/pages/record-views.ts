import { expect, type Locator, type Page } from '@playwright/test';

/** "Bring in your records": choose a file, wait for the report. */
export class BringInRecordsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Bring in your records' })).toBeVisible();
  }

  /** Imports a file and waits for the report, confirming the file is the patient's own if asked. */
  async importFile(path: string): Promise<void> {
    await this.page.getByLabel('Choose a file').setInputFiles(path);
    const done = this.page.getByRole('heading', { level: 2, name: 'Done' });
    const mine = this.page.getByRole('button', { name: 'It is mine — import it' });
    await expect(done.or(mine)).toBeVisible({ timeout: 60_000 });
    if (await mine.isVisible()) await mine.click();
    await expect(done).toBeVisible({ timeout: 60_000 });
  }

  async seeRecord(): Promise<void> {
    await this.page.getByRole('link', { name: 'See your record' }).click();
  }
}

/** The home screen's summary of the record. */
export class SummaryPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** A summary section (Allergies, Medicines you take, Conditions, …). */
  section(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The link to a part of the record in "Your whole record". */
  part(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Your whole record' }).getByRole('link', { name: new RegExp(`^${name} \\d`) });
  }

  /** The bottom navigation bar. */
  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  async go(to: 'Home' | 'Timeline' | 'Search' | 'Add'): Promise<void> {
    await this.nav().getByRole('link', { name: to }).click();
  }
}

/** One part of the record, or the timeline: a virtualised list of entries. */
export class EntryListPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(heading: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }

  list(name: string): Locator {
    return this.page.getByRole('list', { name });
  }

  rows(name: string): Locator {
    return this.list(name).getByRole('listitem');
  }

  entry(text: string | RegExp): Locator {
    return this.page.getByRole('main').getByRole('link', { name: text });
  }
}

/** An entry's own page. */
export class EntryPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(title: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  /** The value shown for a fact ("Checked", "Written by", …). */
  fact(label: string): Locator {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  history(): Locator {
    return this.page.getByRole('region', { name: 'History' }).getByRole('listitem');
  }

  async moveTo(part: string): Promise<void> {
    await this.page.getByLabel('Move to another part').selectOption({ label: part });
    await this.page.getByRole('button', { name: 'Move', exact: true }).click();
  }

  async edit(text: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit' }).click();
    await this.page.getByLabel('Your note').fill(text);
    await this.page.getByRole('button', { name: 'Save changes' }).click();
  }

  /** Asks to delete the entry; returns the question. */
  async askToDelete(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Delete' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Delete this entry?' });
    await expect(dialog).toContainText('It will be removed from your record on all your devices. Its history is kept.');
    await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
    return dialog;
  }

  async delete(): Promise<void> {
    const dialog = await this.askToDelete();
    await dialog.getByRole('button', { name: 'Delete' }).click();
  }
}

/** Search. */
export class SearchPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async search(text: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
    await this.page.getByRole('searchbox', { name: 'Search your record' }).fill(text);
  }

  count(): Locator {
    return this.page.getByRole('main').getByRole('status');
  }

  results(): Locator {
    return this.page.getByRole('list', { name: 'Search results' }).getByRole('link');
  }
}
