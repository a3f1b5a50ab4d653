import { expect, type Page } from '@playwright/test';
import { WelcomePage } from './welcome.ts';
import { CreateRecordPage } from './create-record.ts';
import { EmergencyKitPage } from './emergency-kit.ts';
import { HomePage } from './home.ts';
import { SafetyNumberPage, type SafetyNumber } from './people.ts';

/** Signs up on a new phone as a patient, clinician or carer, through to home. */
export async function signUp(page: Page, name: string, passphrase: string, role: 'patient' | 'clinician' | 'carer'): Promise<void> {
  const welcome = new WelcomePage(page);
  await welcome.open();
  await welcome.createRecord();
  const create = new CreateRecordPage(page);
  await create.fill(name, passphrase);
  await create.chooseRole(role);
  await create.submit();
  await new EmergencyKitPage(page).confirmSaved();
  await new HomePage(page).expectShown(name);
}

/** Reads this account's ID and safety number from its own screen (reached from Settings). */
export async function readSafetyNumber(page: Page): Promise<SafetyNumber> {
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Show your safety number to someone' }).click();
  const numbers = await new SafetyNumberPage(page).read();
  expect(numbers.digits).toMatch(/^(\d{5} ){11}\d{5}$/);
  return numbers;
}

/** Home, from the navigation bar (done when the app is on home, not just when the link was tapped). */
export async function goHome(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/home$/);
}

/** "People with access", from home's links (home first, from wherever the phone is). */
export async function openPeopleWithAccess(page: Page): Promise<void> {
  await goHome(page);
  await page.getByRole('navigation', { name: 'More' }).getByRole('link', { name: 'People with access' }).click();
}
