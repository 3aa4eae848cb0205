import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type DemoCalendar, demoCalendar } from '../../src/database/demo/demo-calendar';
import { loadDemoData } from '../../src/database/demo/load-demo-data';
import { createTestDatabase, freePort, startTestServer, type TestApp } from '../support/test-app';
import { buildClient, contextAs, DEMO_PASSWORD, describeBrowser, launchChromium } from './browser';

/**
 * The first thing a demo user sees. The demo's cycles are placed around the day it is loaded, so that FAO's focal
 * point (the login the README suggests) finds, on the dashboard, a report due in three weeks, IFAD's report waiting
 * for FAO's review as BPoA-4's lead agency, and one report overdue: FAO's draft in the theme group's cycle that fell
 * due six days ago. Not a wall of red.
 */
describeBrowser("the demo's dashboard: something due soon, something to review, something late", () => {
  let t: TestApp;
  let calendar: DemoCalendar;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    const database = await createTestDatabase();
    const port = await freePort();
    const server = await startTestServer(database.url, { port, overrides: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    t = {
      ...server,
      close: async () => {
        await server.close();
        await database.drop();
      },
    };
    // The server judges "overdue" by today's date, so the data is loaded as of now, as `npm start` loads it.
    const now = new Date();
    calendar = demoCalendar(now);
    if (!(await loadDemoData(t.dataSource, DEMO_PASSWORD, now))) throw new Error('the demo data was not loaded: the test database was not empty');
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  /** A date as the client shows it (web/src/lib/format.ts), formatted by the page's own browser. */
  const shown = (page: Page, day: string) =>
    page.evaluate((iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)), day);

  const rowsOf = (table: Locator, text: string) => table.getByRole('row').filter({ hasText: text });
  /** The text a row or list shows, as written (the badges' upper case is only CSS). */
  const textOf = async (locator: Locator) => (await locator.textContent()) ?? '';

  it("shows FAO's focal point a report due in three weeks, IFAD's report to review, and FAO's one overdue report", async () => {
    context = await contextAs(browser, t.baseUrl, 'focal@fao.example');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Food and Agriculture Organization of the United Nations' }).waitFor();
    const due = page.getByRole('table', { name: 'Reports due for FAO' });
    await due.waitFor();

    // Due soon: FAO's draft on BPoA-5, in the Brussels Programme's current cycle, due 21 days from today.
    const dueSoon = rowsOf(due, 'BPoA-5');
    await dueSoon.waitFor();
    const dueSoonText = await textOf(dueSoon);
    expect(dueSoonText).toContain(calendar.current.label);
    expect(dueSoonText).toContain(await shown(page, calendar.current.dueOn));
    expect(dueSoonText).toContain('Draft');
    expect(dueSoonText).not.toContain('Overdue');
    // FAO's report on BPoA-4 is not started, and not late either.
    expect(await textOf(rowsOf(due, 'BPoA-4'))).toContain('Not started');

    // Late: one row only, FAO's draft on FSTG-ETH-3, whose cycle fell due six days ago.
    const overdue = rowsOf(due, 'Overdue');
    expect(await overdue.count()).toBe(1);
    const overdueText = await textOf(overdue);
    expect(overdueText).toContain('FSTG-ETH-3');
    expect(overdueText).toContain(await shown(page, calendar.overdue.dueOn));

    // To review: IFAD's submitted report on BPoA-4, which FAO leads; nothing else waits for FAO.
    const awaiting = page.getByLabel('Reports awaiting review');
    await awaiting.getByRole('link', { name: `IFAD on BPoA-4 (${calendar.current.label})` }).waitFor();
    expect(await awaiting.getByRole('link').count()).toBe(1);
    expect(await textOf(awaiting)).toContain('Submitted');
  }, 60_000);
});
