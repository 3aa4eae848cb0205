import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { buildClient, contextAs, DEMO_PASSWORD, type DemoIds, describeBrowser, launchChromium, type PageGlobals, sideBySide, startDemoApp } from './browser';

const COMMITMENT_TITLE = 'BPoA-4: Building productive capacities to make globalization work for the least developed countries';

describeBrowser('the browser client: logging in, co-editing, live updates', () => {
  let t: TestApp;
  let ids: DemoIds;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t, ids } = await startDemoApp());
  }, 120_000);
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(email: string, width = 1280, height = 900): Promise<Page> {
    const context = await contextAs(browser, t.baseUrl, email, width, height);
    contexts.push(context);
    return context.newPage();
  }

  async function anonymousPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Live report of BPoA-4' });
  /** The editor's text (paragraphs run together), without the names on the others' carets. */
  const textOf = (editor: Locator) =>
    editor.evaluate((element) => {
      const copy = element.cloneNode(true);
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent as string;
    });

  it('logs in: a wrong password is refused in words, the right one lands on the dashboard', async () => {
    const page = await anonymousPage();
    await page.goto('/');
    await page.getByLabel('Email').fill('focal@fao.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Email or password is incorrect.');
    expect(await alert.innerText()).toContain('Could not log in');

    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Food and Agriculture Organization of the United Nations' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('heading', { name: 'Reports due for FAO in the current cycles' }).isVisible()).toBe(true);
    expect(await page.getByText('FAO · focal point').isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it("opens a shared commitment URL once the user has logged in", async () => {
    const page = await anonymousPage();
    await page.goto(`/commitments/${ids.commitmentId}`);
    await page.getByLabel('Email').fill('staff@wfp.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: COMMITMENT_TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/commitments/${ids.commitmentId}`);
  });

  it("FAO and WFP co-edit BPoA-4's live report: each sees the other's text, caret, name and presence", async () => {
    // 960 px wide each, so that the two pages side by side make a readable screenshot.
    const fao = await open('focal@fao.example', 960, 760);
    const wfp = await open('staff@wfp.example', 960, 760);
    await Promise.all([fao.goto(`/commitments/${ids.commitmentId}`), wfp.goto(`/commitments/${ids.commitmentId}`)]);
    for (const page of [fao, wfp]) {
      await page.getByText('Saved', { exact: true }).waitFor();
      expect(await editorOf(page).getAttribute('contenteditable')).toBe('true');
      expect(await editorOf(page).innerText()).toContain('The Rome-based agencies combine food assistance');
    }

    const presence = (page: Page) => page.getByLabel('People in this document');
    await presence(fao).getByLabel('WFP Programme Officer (demo), WFP').waitFor();
    await presence(wfp).getByLabel('FAO Focal Point (demo), FAO').waitFor();
    expect(await presence(fao).getByLabel('FAO Focal Point (demo) (you), FAO').isVisible()).toBe(true);
    expect(await presence(wfp).getByLabel('WFP Programme Officer (demo) (you), WFP').isVisible()).toBe(true);

    // FAO starts a paragraph under the "Summary" heading; WFP sees the words and FAO's caret with FAO's name.
    const faoLine = 'FAO set up the first theme group in the pilot country.';
    await editorOf(fao).getByRole('heading', { name: 'Summary' }).click();
    await fao.keyboard.press('End');
    await fao.keyboard.press('Enter');
    await fao.keyboard.type(faoLine);
    await editorOf(wfp).getByText(faoLine).waitFor({ timeout: 5_000 });
    const faoCaret = wfp.locator('.collaboration-carets__caret', { hasText: 'FAO Focal Point (demo)' });
    await faoCaret.waitFor();
    expect(await faoCaret.locator('.collaboration-carets__label').innerText()).toBe('FAO Focal Point (demo)');
    expect(await editorOf(wfp).locator('.collaboration-carets__caret').count()).toBe(1);

    // And the other way round: WFP writes in "Progress", FAO sees it and WFP's caret.
    const wfpLine = 'WFP joined the pilot theme group.';
    await editorOf(wfp).getByRole('heading', { name: 'Progress' }).click();
    await wfp.keyboard.press('End');
    await wfp.keyboard.press('Enter');
    await wfp.keyboard.type(wfpLine);
    await editorOf(fao).getByText(wfpLine).waitFor({ timeout: 5_000 });
    const wfpCaret = fao.locator('.collaboration-carets__caret', { hasText: 'WFP Programme Officer (demo)' });
    await wfpCaret.waitFor();

    // The caret is drawn in the colour the presence bar shows for that user.
    const caretColour = await wfpCaret.locator('.collaboration-carets__label').evaluate((label) => (globalThis as unknown as PageGlobals).getComputedStyle(label).backgroundColor);
    const avatarColour = await presence(fao)
      .getByLabel('WFP Programme Officer (demo), WFP')
      // Mantine paints a filled avatar's colour on its inner placeholder.
      .evaluate((avatar) => (globalThis as unknown as PageGlobals).getComputedStyle(avatar.firstElementChild ?? avatar).backgroundColor);
    expect(caretColour).not.toBe('rgba(0, 0, 0, 0)');
    expect(caretColour).toBe(avatarColour);

    // Both see both lines, and the edits are saved.
    for (const page of [fao, wfp]) {
      const text = await textOf(editorOf(page));
      expect(text).toContain(`Summary${faoLine}The Rome-based agencies`);
      expect(text).toContain(`Progress${wfpLine}FAO, IFAD and WFP agreed`);
      await page.getByText('Saved', { exact: true }).waitFor();
    }

    // For the screenshot: each page scrolled to the live report, just below the fixed header.
    for (const page of [fao, wfp]) {
      await presence(page).evaluate((bar) => {
        const window = globalThis as unknown as PageGlobals;
        window.scrollTo(0, bar.getBoundingClientRect().top + window.scrollY - 64);
      });
    }
    await sideBySide(browser, 'co-editing.png', await fao.screenshot(), await wfp.screenshot(), [
      'FAO focal point, seeing WFP’s caret',
      'WFP programme officer, seeing FAO’s caret',
    ]);
  }, 60_000);

  it('a view-only user (UNESCO, not part of BPoA-4) cannot type, and the page says why', async () => {
    const page = await open('focal@unesco.example');
    await page.goto(`/commitments/${ids.commitmentId}`);
    const reason = page.getByText('edit this report; you are viewing');
    await reason.waitFor();
    // Every agency that edits is named (in no set order).
    const words = await reason.innerText();
    expect(words).toMatch(/ edit this report; you are viewing\.$/);
    for (const code of ['FAO', 'UNIDO', 'IFAD', 'WFP', 'ICAO']) expect(words).toContain(code);
    const editor = editorOf(page);
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    const before = await editor.innerText();
    expect(before).toContain('The Rome-based agencies combine food assistance');

    await editor.getByText('The Rome-based agencies combine food assistance').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' UNESCO was here.');
    expect(await editor.innerText()).toBe(before);
  });

  it("WFP submits its current draft on BPoA-4, and it appears under \"Awaiting FAO's review\" on FAO's open dashboard", async () => {
    const cycle = ids.cycleLabel;
    const fao = await open('focal@fao.example');
    await fao.goto('/');
    const awaiting = fao.getByLabel('Reports awaiting review');
    await awaiting.getByRole('link', { name: `IFAD on BPoA-4 (${cycle})` }).waitFor();
    expect(await fao.getByRole('heading', { name: "Awaiting FAO's review" }).isVisible()).toBe(true);
    const wfpEntry = awaiting.getByRole('link', { name: `WFP on BPoA-4 (${cycle})` });
    expect(await wfpEntry.count()).toBe(0);
    // Anything set on the window survives only if the page is never reloaded.
    await fao.evaluate(() => {
      (globalThis as unknown as { concertMark?: string }).concertMark = 'not reloaded';
    });

    // WFP's focal point finds the draft among WFP's due reports, and submits it.
    const wfp = await open('focal@wfp.example');
    await wfp.goto('/');
    const due = wfp.getByRole('table', { name: 'Reports due for WFP' });
    await due.getByRole('row').filter({ hasText: 'BPoA-4' }).filter({ hasText: cycle }).getByRole('link', { name: 'BPoA-4' }).click();
    await wfp.getByRole('heading', { name: `WFP's activity report, ${cycle}` }).waitFor();
    expect(new URL(wfp.url()).pathname).toBe(`/activity-reports/${ids.wfpDraftId}`);
    await wfp.getByRole('button', { name: 'Submit to the lead agency' }).click();
    await wfp.getByRole('button', { name: 'Submit to the lead agency' }).waitFor({ state: 'detached' });
    const header = wfp.getByRole('heading', { name: `WFP's activity report, ${cycle}` }).locator('..');
    expect(await header.innerText()).toMatch(/submitted/i);
    expect(await wfp.getByText(/submitted \d/).count()).toBe(1);
    // No error; the narrative is now read-only, and says why.
    await wfp.getByText('This report is submitted and awaits review; you are viewing.').waitFor();
    const alerts = await wfp.getByRole('alert').allInnerTexts();
    expect(alerts.filter((text) => text !== 'This report is submitted and awaits review; you are viewing.')).toEqual([]);
    expect(await wfp.getByRole('textbox', { name: `Narrative of WFP's ${cycle} report on BPoA-4` }).getAttribute('contenteditable')).toBe('false');

    // FAO's dashboard, untouched, now lists it; a click opens it with what the lead agency can do.
    // Nothing on FAO's page is touched: only the live change event can make the dashboard refetch.
    await wfpEntry.waitFor({ timeout: 5_000 });
    expect(await awaiting.getByRole('link', { name: `IFAD on BPoA-4 (${cycle})` }).count()).toBe(1);
    expect(await fao.evaluate(() => (globalThis as unknown as { concertMark?: string }).concertMark)).toBe('not reloaded');
    await wfpEntry.click();
    await fao.getByRole('heading', { name: `WFP's activity report, ${cycle}` }).waitFor();
    expect(await fao.getByRole('button', { name: 'Accept' }).isEnabled()).toBe(true);
    expect(await fao.getByRole('button', { name: 'Return with this reason' }).isDisabled()).toBe(true);
  }, 60_000);
});
