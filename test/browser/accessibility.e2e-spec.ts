import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import {
  buildClient,
  contextAs,
  type DemoIds,
  describeBrowser,
  launchChromium,
  type PageGlobals,
  screenshot,
  seriousViolations,
  startDemoApp,
  until,
} from './browser';

describeBrowser('the browser client works for people: axe, narrow screens, screenshots', () => {
  let t: TestApp;
  let ids: DemoIds;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t, ids } = await startDemoApp());
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await t?.close();
  });

  async function open(email: string, width = 1280, height = 900): Promise<Page> {
    const context = await contextAs(browser, t.baseUrl, email, width, height);
    contexts.push(context);
    return context.newPage();
  }

  /** Waits until no loader is left in view (queries answered); inactive tab panels stay mounted, hidden. */
  async function settled(page: Page): Promise<void> {
    await page.getByLabel(/^Loading/).filter({ visible: true }).first().waitFor({ state: 'hidden' });
  }

  /** Whether this element lies within the viewport's width (a folded menu is moved out of it, not hidden). */
  const inView = async (page: Page, locator: Locator) => {
    const box = await locator.boundingBox();
    const width = page.viewportSize()!.width;
    return box !== null && box.x + box.width > 0 && box.x < width;
  };

  /** FAO focal point's dashboard, loaded: what FAO leads, what is due, what awaits review, recent changes. */
  async function dashboard(page: Page): Promise<void> {
    await page.goto('/');
    await page.getByRole('table', { name: 'Commitments of FAO' }).waitFor();
    await page.getByLabel('Reports awaiting review').waitFor();
    await settled(page);
  }

  const overflow = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as unknown as PageGlobals).document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });

  it('axe-core finds no serious or critical violation on the main pages', async () => {
    const found: Record<string, string[]> = {};

    const anonymous = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 } });
    contexts.push(anonymous);
    const login = await anonymous.newPage();
    await login.goto('/');
    await login.getByRole('button', { name: 'Continue' }).waitFor();
    found.login = await seriousViolations(login);

    const fao = await open('focal@fao.example');
    await dashboard(fao);
    found.dashboard = await seriousViolations(fao);

    await fao.goto(`/frameworks/${ids.frameworkId}?tab=accountability`);
    await fao.getByRole('table', { name: `Reports of ${ids.cycleLabel}, commitment by agency` }).waitFor();
    await settled(fao);
    found['framework (accountability)'] = await seriousViolations(fao);

    await fao.goto(`/commitments/${ids.commitmentId}`);
    await fao.getByText('Saved', { exact: true }).waitFor();
    await settled(fao);
    found.commitment = await seriousViolations(fao);

    // WFP's own draft, as WFP's focal point: the form, the live narrative and the submit button are all there.
    const wfp = await open('focal@wfp.example');
    await wfp.goto(`/activity-reports/${ids.wfpDraftId}`);
    await wfp.getByRole('button', { name: 'Submit to the lead agency' }).waitFor();
    await wfp.getByText('Saved', { exact: true }).waitFor();
    found['activity report'] = await seriousViolations(wfp);

    expect(found).toEqual({ login: [], dashboard: [], 'framework (accountability)': [], commitment: [], 'activity report': [] });
    // Every main page, each loaded and scanned in turn: more than a minute on a busy machine.
  }, 180_000);

  it('a page still loading is accessible too: its loader is a status with a name, which axe accepts', async () => {
    const page = await open('focal@fao.example');
    // Hold the page's list in the network until axe has looked, so that the loader is what shows.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/action-items*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/action-items');
    const loader = page.getByRole('status', { name: 'Loading' });
    await loader.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    release();
    await loader.waitFor({ state: 'hidden' });
  }, 60_000);

  it('is readable at 1280 px and at 390 px: no sideways scrolling of the dashboard, the menu folds behind a button', async () => {
    const wide = await open('focal@fao.example', 1280, 900);
    await dashboard(wide);
    const at1280 = await overflow(wide);
    expect(at1280.scrollWidth).toBeLessThanOrEqual(1280 + 1);
    expect(await wide.getByRole('link', { name: 'Frameworks' }).isVisible()).toBe(true);
    expect(await wide.getByRole('button', { name: 'Open the menu' }).isVisible()).toBe(false);
    await screenshot(wide, 'dashboard.png');

    const narrow = await open('focal@fao.example', 390, 844);
    await dashboard(narrow);
    const at390 = await overflow(narrow);
    expect(at390.scrollWidth).toBeLessThanOrEqual(390 + 1);
    expect(await narrow.getByRole('heading', { name: 'Food and Agriculture Organization of the United Nations' }).isVisible()).toBe(true);
    const frameworks = narrow.getByRole('link', { name: 'Frameworks' });
    expect(await inView(narrow, frameworks)).toBe(false);
    await narrow.getByRole('button', { name: 'Open the menu' }).click();
    await until(() => inView(narrow, frameworks), 'the menu unfolds into view');
    expect(await narrow.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
    await frameworks.click();
    await narrow.getByRole('heading', { name: 'Frameworks' }).waitFor();
    await until(async () => !(await inView(narrow, frameworks)), 'the menu folds away once a page is chosen');
  });

  it('at 390 px, the folded menu is out of the keyboard\'s way: Tab goes from the header to the page, not into hidden links', async () => {
    const narrow = await open('focal@fao.example', 390, 844);
    await dashboard(narrow);
    const focused: string[] = [];
    for (let i = 0; i < 5; i++) {
      await narrow.keyboard.press('Tab');
      focused.push(
        await narrow.evaluate(() => {
          const active = (globalThis as unknown as PageGlobals).document.activeElement;
          return `${active?.closest('nav') ? 'menu: ' : ''}${active?.textContent?.trim() ?? ''}`;
        }),
      );
    }
    // Each focused element is one a sighted keyboard user can see: none of them is in the folded menu.
    expect(focused.filter((label) => label.startsWith('menu: '))).toEqual([]);
  });
});
