import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { codeAt, currentStep } from '../../src/accounts/totp';
import { Factory } from '../support/factory';
import type { TestApp } from '../support/test-app';
import { buildClient, describeBrowser, launchChromium, type PageGlobals, screenshot, seriousViolations, startDemoApp } from './browser';

const CODE_FIELD = 'Code from your authenticator app';
/** The key the setup shows for typing by hand: 32 base32 characters in groups of 4. */
const SHOWN_KEY = /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/;

describeBrowser('two-factor sign-in in the browser: turning it on, signing in with a code, the enrolment gate, resets', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t } = await startDemoApp());
  }, 120_000);
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function anonymousPage(width = 1280, height = 900): Promise<Page> {
    const context = await browser.newContext({ baseURL: t.baseUrl, viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/Rome' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  /** The email, then the password step of the login form, as a person fills them. */
  async function enterPassword(page: Page, email: string): Promise<void> {
    await page.goto('/');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/^Password/).fill(Factory.PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  /**
   * Logs out from the header, and waits for the page it reloads into (the old page may show the login form first, and
   * a navigation of the test's own would abort the reload).
   */
  async function logOut(page: Page): Promise<void> {
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Log out' }).click();
    await reloaded;
    await page.getByLabel('Email').waitFor();
  }

  /** Starts the setup, and reads the key off the page as a person would type it into their app. */
  async function startSetup(page: Page, button: string): Promise<string> {
    await page.getByRole('button', { name: button }).click();
    const qr = page.getByRole('img', { name: 'QR code that adds your Concert account to an authenticator app' });
    await qr.waitFor();
    expect(await qr.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    return (await page.getByText(SHOWN_KEY).innerText()).replace(/ /g, '');
  }

  const recoveryCodesOf = (page: Page) => page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as unknown as PageGlobals).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });

  it('a focal point turns it on in Settings, saves the recovery codes, then signs in with password and code, or a recovery code', async () => {
    const user = await t.factory.user({ role: 'focal_point' });
    const page = await anonymousPage();
    await enterPassword(page, user.email);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await page.getByText('Off', { exact: true }).waitFor();

    const secret = await startSetup(page, 'Turn on two-factor sign-in');
    await page.getByText('Turning it on signs you out of Concert on your other devices and browsers.').waitFor();

    // A wrong code is refused under the field, which says it is invalid.
    const codeField = page.getByLabel(CODE_FIELD);
    await codeField.fill(codeAt(secret, currentStep() - 5));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('This code is not valid or was already used. Enter the current code from your app.');
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');

    const enrolledStep = currentStep();
    await codeField.fill(codeAt(secret, enrolledStep));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();

    // The recovery codes, shown once: ten of them, and the same ten in the downloaded file.
    await page.getByText('Save your recovery codes').waitFor();
    const codes = await recoveryCodesOf(page);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as text' }).click()]);
    expect(download.suggestedFilename()).toBe('concert-recovery-codes.txt');
    const file = await readFile(await download.path(), 'utf8');
    expect(file).toContain(`Concert recovery codes for ${user.email}`);
    for (const code of codes) expect(file).toContain(`\n${code}\n`);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await page.getByText('10 recovery codes are left').waitFor();
    await page.getByText('On', { exact: true }).waitFor();
    expect(await recoveryCodesOf(page)).toEqual([]);

    // Signing in again: the password is not enough any more.
    await logOut(page);
    await enterPassword(page, user.email);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    const focused = page.locator('input:focus');
    expect(await focused.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await focused.getAttribute('inputmode')).toBe('numeric');
    expect(await seriousViolations(page)).toEqual([]);

    // The code that turned it on was spent: it is refused, next to the field.
    await page.getByLabel(CODE_FIELD).fill(codeAt(secret, enrolledStep));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('This code is not valid or was already used. Enter the current code from your app.');
    expect(await seriousViolations(page)).toEqual([]);
    // A fresh one (the next step if this one is the step just used: the server accepts one step either side).
    await page.getByLabel(CODE_FIELD).fill(codeAt(secret, Math.max(currentStep(), enrolledStep + 1)));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Settings' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // A lost app: one of the recovery codes signs in instead, once.
    await logOut(page);
    await enterPassword(page, user.email);
    await page.getByRole('button', { name: 'Lost your app? Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(codes[0]);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('9 recovery codes are left').waitFor();

    // A first step that lapsed (over 5 minutes, or the server forgot it): back to the email step, which says why.
    await logOut(page);
    await enterPassword(page, user.email);
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await page.context().clearCookies();
    await page.getByLabel(CODE_FIELD).fill(codeAt(secret, currentStep()));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Sign in with your email and password first; then enter the code within 5 minutes.');
  }, 90_000);

  it('a secretariat member without it sees only the enrolment screen until it is on, also at 390 px', async () => {
    const user = await t.factory.user({ role: 'secretariat', secondFactor: false });
    const page = await anonymousPage(390, 844);
    await enterPassword(page, user.email);
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await page.getByText('Secretariat accounts must use two-factor sign-in').waitFor();
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    // A shared link opens the same screen, not the page, and the server refuses the page's data.
    await page.goto('/frameworks');
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Frameworks' }).count()).toBe(0);
    const refused = await page.request.get('/api/frameworks');
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('second_factor_required');

    const secret = await startSetup(page, 'Set up two-factor sign-in');
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await screenshot(page, 'two-factor-enrolment.png');
    await page.setViewportSize({ width: 390, height: 844 });

    await page.getByLabel(CODE_FIELD).fill(codeAt(secret, currentStep()));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await page.getByText('Save your recovery codes').waitFor();
    expect(await recoveryCodesOf(page)).toHaveLength(10);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    // Still the enrolment screen, with no way around it, until the codes are saved.
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();

    // Then Concert opens, where the shared link pointed.
    await page.getByRole('heading', { name: 'Frameworks' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/frameworks');
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 60_000);

  it("a focal point sees who in their agency has it on, and resets a colleague's lost one", async () => {
    const { code: agency } = await t.factory.agency();
    const focal = await t.factory.user({ agency, role: 'focal_point' });
    const colleague = await t.factory.user({ agency, role: 'staff', secondFactor: true });
    const page = await anonymousPage();
    await enterPassword(page, focal.email);
    await page.getByRole('link', { name: `${agency} users` }).click();
    const row = page.getByRole('row').filter({ hasText: colleague.email });
    await row.getByText('2FA on').waitFor();
    await page.getByRole('row').filter({ hasText: focal.email }).getByText('2FA off').waitFor();
    expect(await page.getByRole('row').filter({ hasText: focal.email }).getByRole('button', { name: /^Reset two-factor/ }).count()).toBe(0);

    await row.getByRole('button', { name: `Reset two-factor sign-in of ${colleague.displayName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reset two-factor sign-in of ${colleague.displayName}?` });
    expect(await dialog.innerText()).toContain('Their sessions end at once.');
    await dialog.getByRole('button', { name: 'Reset two-factor sign-in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('2FA off').waitFor();

    // The colleague's password alone now signs them in.
    const answer = await t.anonymous().post('/api/auth/login', { email: colleague.email, password: Factory.PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body.user.secondFactor).toBe('off');
  });
});
