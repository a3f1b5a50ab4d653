import { expect, type Page } from '@playwright/test';

/** The "Add to your record" chooser and the forms for the patient's own entries. */
export class AddOwnPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectChooser(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Add to your record' })).toBeVisible();
  }

  async choose(kind: string | RegExp): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: kind }).click();
  }

  async expectForm(title: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  async bloodPressure(systolic: string, diastolic: string): Promise<void> {
    await this.expectForm('Add a blood pressure reading');
    await this.page.getByLabel('Top number (systolic), mmHg').fill(systolic);
    await this.page.getByLabel('Bottom number (diastolic), mmHg').fill(diastolic);
    await this.page.getByRole('button', { name: 'Save reading' }).click();
  }

  async weight(kg: string): Promise<void> {
    await this.expectForm('Add your weight');
    await this.page.getByLabel('Weight, kg').fill(kg);
    await this.page.getByRole('button', { name: 'Save reading' }).click();
  }

  async medicine(input: { name: string; dose?: string; reason?: string }): Promise<void> {
    await this.expectForm('Add a medicine you take');
    await this.page.getByLabel('Name of the medicine').fill(input.name);
    if (input.dose) await this.page.getByLabel('How much and how often? (optional)').fill(input.dose);
    if (input.reason) await this.page.getByLabel('What is it for? (optional)').fill(input.reason);
    await this.page.getByRole('button', { name: 'Save medicine' }).click();
  }

  /** `start` as a `datetime-local` value: "2027-01-15T09:30". */
  async appointment(input: { start: string; with?: string; where?: string }): Promise<void> {
    await this.expectForm('Add an appointment');
    await this.page.getByLabel('Date and time').fill(input.start);
    if (input.with) await this.page.getByLabel('Who is it with? (optional)').fill(input.with);
    if (input.where) await this.page.getByLabel('Where? (optional)').fill(input.where);
    await this.page.getByRole('button', { name: 'Save appointment' }).click();
  }

  /** After saving, the app opens the new entry. */
  async expectSaved(): Promise<void> {
    await expect(this.page).toHaveURL(/\/entry\/[0-9a-f]+$/);
    await expect(this.page.getByText('You, on this phone', { exact: true })).toBeVisible();
  }
}
