import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { buildClient, type DemoIds, describeBrowser, launchChromium, seriousViolations, startDemoApp, until } from './browser';

/**
 * The "Consolidated reports" tab of a framework (issue 11, item 4), driven in Chromium by a secretariat officer over
 * the demo data: create the report for the current cycle, see the cycle at a glance, write the summary live, preview,
 * download Word, issue with confirmation, and find the summary frozen and edition 1 listed.
 */
describeBrowser('the consolidated reports tab', () => {
  let t: TestApp;
  let ids: DemoIds;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t, ids } = await startDemoApp());
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  /** A secretariat officer's page: signed in over the API (with the second step), the session cookie given to the browser. */
  async function secretariatPage(): Promise<Page> {
    const officer = await t.factory.user({ role: 'secretariat' });
    const client = await t.as(officer.email);
    const [name, value] = client.sessionCookie!.split('=');
    context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 1000 }, locale: 'en-GB', acceptDownloads: true });
    await context.addCookies([{ name, value, url: t.baseUrl }]);
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  it('creates, previews, downloads and issues the report of the current cycle', async () => {
    const page = await secretariatPage();
    await page.goto(`/frameworks/${ids.frameworkId}?tab=reports`);
    await page.getByRole('tab', { name: 'Consolidated reports', selected: true }).waitFor();
    await page.getByText('No consolidated report yet: create one for a cycle.').waitFor();

    await page.getByRole('combobox', { name: 'Cycle of the new consolidated report' }).click();
    await page.getByRole('option', { name: new RegExp(`^${ids.cycleLabel} `) }).click();
    await page.getByRole('button', { name: 'Create the consolidated report' }).click();
    await page.getByRole('heading', { name: `Consolidated report of ${ids.cycleLabel}` }).waitFor();
    await page.getByRole('heading', { name: 'The cycle at a glance' }).waitFor();
    expect(await page.getByLabel(`Reports of ${ids.cycleLabel} per agency: accepted, submitted, returned, draft, missing and overdue`).count()).toBe(1);

    // The summary, written live; the preview shows it as it will print.
    const summary = page.getByRole('textbox', { name: `Executive summary of the ${ids.cycleLabel} consolidated report` });
    await until(async () => (await summary.getAttribute('aria-readonly')) === 'false', 'the summary is editable', 20_000);
    await summary.click();
    await page.keyboard.type('The Board is invited to take note of the progress made.');
    await page.getByText('Saved', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Refresh the preview' }).click();
    const preview = page.frameLocator('iframe[title="Preview of the consolidated report"]');
    await preview.getByText('The Board is invited to take note of the progress made.').waitFor();
    await preview.getByRole('heading', { name: 'Executive summary' }).waitFor();

    expect(await seriousViolations(page)).toEqual([]);
    // The preview's document, the report as the Board will read it, on a page of its own (scripts allowed, for axe).
    const printed = await context.newPage();
    await printed.setContent(await preview.locator(':root').evaluate((root) => root.outerHTML));
    await printed.getByRole('heading', { name: 'Executive summary' }).waitFor();
    expect(await seriousViolations(printed)).toEqual([]);
    await printed.close();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Word' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`consolidated report, draft\\.docx$`));
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByRole('button', { name: 'Issue edition 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue edition 1?' });
    await dialog.getByText('the summary becomes read-only for everyone').waitFor();
    await dialog.getByRole('button', { name: 'Issue edition 1' }).click();
    await page.getByRole('table', { name: 'Issued editions' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Reopen for edition 2' }).waitFor();
    await page.getByText('This report is issued and frozen until the secretariat opens the next edit round; you are viewing.').waitFor();
    expect(await summary.getAttribute('aria-readonly')).toBe('true');
    await page.getByRole('button', { name: 'Changes in edition 1' }).click();
    await page.getByRole('heading', { name: 'Edition 1, the first' }).waitFor();
  }, 180_000);
});
