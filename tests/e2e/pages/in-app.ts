import type { Page } from '@playwright/test';

/**
 * Goes to a screen the way a link in the app would. The unlocked record lives only in the
 * page's memory, so `page.goto` (a reload) would lock it; a click on a link stays in the app.
 */
export async function openInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((href) => {
    const link = document.createElement('a');
    link.href = href;
    document.body.append(link);
    link.click();
    link.remove();
  }, path);
}
