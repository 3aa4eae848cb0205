/**
 * Support for the browser tests: Debian's Chromium driven by playwright-core against the real server, which serves
 * the built client from web/dist on the same origin as the API and the socket, over the demo data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { demoCalendar } from '../../src/database/demo/demo-calendar';
import { loadDemoData } from '../../src/database/demo/load-demo-data';
import { createTestDatabase, freePort, startTestServer, type TestApp } from '../support/test-app';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'concert-demo';
// Jest runs from the repository root, which is also where the server looks for web/dist.
const ROOT = process.cwd();

/**
 * The few browser globals that functions run in the page use: the project's TypeScript has no DOM library. In a page
 * function, `const w = globalThis as unknown as PageGlobals` (a cast only: the function runs in the browser).
 */
export interface PageGlobals {
  document: {
    images: ArrayLike<{ complete: boolean; naturalWidth: number }>;
    body: { scrollWidth: number; scrollHeight: number };
    documentElement: { scrollWidth: number; clientWidth: number };
    activeElement: { textContent: string | null; closest(selector: string): unknown } | null;
  };
  getComputedStyle(element: unknown): { backgroundColor: string; direction: string };
  scrollY: number;
  scrollTo(x: number, y: number): void;
}

const chromiumPresent = existsSync(CHROMIUM);
const browserRequired = process.env.REQUIRE_BROWSER === '1';

/**
 * `describe` for a browser suite. Without /usr/bin/chromium the suite is skipped (describe.skip), and the run says so
 * on one line, because a contributor's machine need not have Chromium; with REQUIRE_BROWSER=1 (CI) it runs, and its
 * beforeAll fails saying what is missing, so a CI image without Chromium cannot pass silently.
 */
export function describeBrowser(name: string, suite: () => void): void {
  if (chromiumPresent || browserRequired) {
    describe(name, suite);
    return;
  }
  announceSkipOnce();
  describe.skip(name, suite);
}

/** One line per run, whatever the number of browser test files (they share the run's template database name). */
function announceSkipOnce(): void {
  const marker = path.join(os.tmpdir(), `concert-browser-skip-${process.env.CONCERT_TEST_TEMPLATE ?? process.ppid}`);
  try {
    writeFileSync(marker, '', { flag: 'wx' });
  } catch {
    return;
  }
  // Not console.log: Jest drops the console output of a test file whose tests are all skipped.
  process.stderr.write(`Browser tests skipped: ${CHROMIUM} not found; install Debian's chromium or set REQUIRE_BROWSER=1 to make this a failure\n`);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent) throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is not installed (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Builds web/ into web/dist when its sources are newer than the build (scripts/build-web.mjs decides). Test files
 * run in parallel workers: a lock directory keeps two of them from building into the same folder at once.
 */
export async function buildClient(): Promise<void> {
  const lock = path.join(os.tmpdir(), `concert-web-build-${process.env.CONCERT_TEST_TEMPLATE ?? 'run'}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - started > 110_000) throw new Error(`another test file has held ${lock} for 110 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    // Jest sets NODE_ENV=test, and Vite would then bundle React's development build (and `npm start` would later
    // serve that build, as it is not stale): the client is built as for production.
    execFileSync(process.execPath, ['scripts/build-web.mjs'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!existsSync(path.join(ROOT, 'web/dist/index.html'))) throw new Error('the browser client was not built into web/dist');
}

export interface DemoIds {
  frameworkId: string;
  commitmentId: string;
  /** WFP's draft report on BPoA-4, in the Brussels Programme's current cycle. */
  wfpDraftId: string;
  /** That cycle's label (e.g. 2026-H2): the demo places its cycles around the day it is loaded (demo-calendar.ts). */
  cycleLabel: string;
}

/**
 * The real server (which serves web/dist from process.cwd(): Jest runs from the repository root) over a fresh
 * database holding the demo data, and the ids the tests open by URL. The server refuses sockets from browsers of
 * other origins than PUBLIC_URL's, so the port is chosen first and PUBLIC_URL set to the address the browser opens.
 */
export async function startDemoApp(): Promise<{ t: TestApp; ids: DemoIds }> {
  const database = await createTestDatabase();
  const port = await freePort();
  const server = await startTestServer(database.url, { port, overrides: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
  const t: TestApp = {
    ...server,
    close: async () => {
      await server.close();
      await database.drop();
    },
  };
  const now = new Date();
  const loaded = await loadDemoData(t.dataSource, DEMO_PASSWORD, now);
  if (!loaded) throw new Error('the demo data was not loaded: the test database was not empty');
  const cycleLabel = demoCalendar(now).current.label;
  const [row]: Omit<DemoIds, 'cycleLabel'>[] = await t.dataSource.query(
    `SELECT c.framework_id AS "frameworkId", c.id AS "commitmentId", r.id AS "wfpDraftId"
       FROM commitments c
       JOIN activity_reports r ON r.commitment_id = c.id
       JOIN agencies a ON a.id = r.agency_id AND a.code = 'WFP'
       JOIN reporting_cycles y ON y.id = r.cycle_id AND y.label = $1
      WHERE c.reference = 'BPoA-4' AND r.state = 'draft'`,
    [cycleLabel],
  );
  if (!row) throw new Error(`the demo data has no WFP draft of ${cycleLabel} on BPoA-4`);
  return { t, ids: { ...row, cycleLabel } };
}

/**
 * A browser context logged in as this demo user. The session is opened through the context's own request API, so
 * the browser holds the cookie; only the login test goes through the form.
 */
export async function contextAs(browser: Browser, baseUrl: string, email: string, width = 1280, height = 900): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/Rome' });
  const response = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  if (response.status() !== 200) throw new Error(`login as ${email} failed: ${response.status()} ${await response.text()}`);
  // Shorter than Jest's 30 s, so that a missing element fails with Playwright's message rather than a bare timeout.
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * The serious and critical accessibility violations axe-core finds on the page, one line per rule and finding (the
 * same colour pair on twenty links is one line), with how many elements have it and the selector of the first.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A sandboxed frame (the consolidated report's preview) runs no script, so axe cannot look inside it; Chromium 156
  // leaves axe waiting on it for ever. Such a frame's document is checked on its own page instead.
  const results = await new AxeBuilder({ page }).exclude('iframe[sandbox]').analyze();
  const found = new Map<string, { count: number; example: string }>();
  for (const violation of results.violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    for (const node of violation.nodes) {
      const finding = (node.failureSummary ?? '').replace(/^Fix (any|all) of the following:\s*/, '').replace(/\s+/g, ' ');
      const key = `${violation.impact} ${violation.id}: ${finding}`;
      const entry = found.get(key) ?? { count: 0, example: node.target.join(' ') };
      entry.count += 1;
      found.set(key, entry);
    }
  }
  return [...found].map(([key, { count, example }]) => `${key} (${count} element${count === 1 ? '' : 's'}, e.g. ${example})`);
}

/** Waits until the condition holds (for what Playwright's locators cannot wait on, such as a position). */
export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Where screenshots go: test-results/screenshots (not in git), so that running the tests leaves the checkout as it
 * was; with UPDATE_SCREENSHOTS=1, docs/screenshots, the pictures the README shows.
 */
const SCREENSHOTS = path.join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots');

/** Writes a screenshot of this page (see SCREENSHOTS). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, name);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/**
 * Two screenshots side by side in one picture, composed by the browser itself (no image library): a page holding
 * both images, captured at its exact size.
 */
export async function sideBySide(browser: Browser, name: string, left: Buffer, right: Buffer, captions: [string, string]): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 100, height: 100 } });
  try {
    const img = (png: Buffer, caption: string) =>
      `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${png.toString('base64')}"></figure>`;
    await page.setContent(
      `<style>body{margin:0;display:flex;gap:12px;padding:12px;background:#dee2e6;width:max-content;font:600 18px system-ui,sans-serif}
        figure{margin:0}figcaption{padding:0 0 8px}img{display:block;border:1px solid #868e96}</style>` +
        img(left, captions[0]) +
        img(right, captions[1]),
    );
    await page.waitForFunction(() => Array.from((globalThis as unknown as PageGlobals).document.images).every((image) => image.complete && image.naturalWidth > 0));
    const size = await page.evaluate(() => {
      const { body } = (globalThis as unknown as PageGlobals).document;
      return { width: body.scrollWidth, height: body.scrollHeight };
    });
    await page.setViewportSize(size);
    const file = path.join(SCREENSHOTS, name);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    return file;
  } finally {
    await page.close();
  }
}
