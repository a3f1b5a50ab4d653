import { expect, type Locator, type Page } from '@playwright/test';

export class ResultsPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: 'Test results and readings' })).toBeVisible();
  }

  /** The row of one test in the list "By test". */
  test(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'By test' }).getByRole('link', { name });
  }

  async addReading(): Promise<void> {
    await this.page.getByRole('link', { name: 'Add a reading' }).click();
  }
}

export class TrendPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async expectShown(name: string | RegExp): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** The chart: one image with a sentence that says what it shows. */
  chart(): Locator {
    return this.page.getByRole('main').getByRole('img');
  }

  /** The chart's drawing surface (uPlot's canvas), once it has been drawn. */
  canvas(): Locator {
    return this.page.locator('.uplot canvas');
  }

  /** The key under the chart (its lines, the usual range). */
  key(): Locator {
    return this.page.getByRole('figure');
  }

  table(): Locator {
    return this.page.getByRole('table');
  }
}
