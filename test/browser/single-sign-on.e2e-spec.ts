import type { Browser, BrowserContext } from 'playwright-core';
import { startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import type { TestApp } from '../support/test-app';
import { buildClient, contextAs, describeBrowser, launchChromium, seriousViolations, startDemoApp } from './browser';

describeBrowser('single sign-on in the browser: the secretariat sets up WFP, a WFP officer signs in at WFP’s provider', () => {
  let t: TestApp;
  let browser: Browser;
  let idp: TestIdentityProvider;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t } = await startDemoApp());
    idp = await startIdentityProvider({ redirectUri: `${t.baseUrl}/api/auth/sso/callback` });
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close();
    await browser?.close();
    await t?.close();
    await idp?.close();
  });

  it('the secretariat saves and tests WFP’s provider; a new officer types their email, signs in there and lands on the dashboard as WFP staff', async () => {
    const secretariat = await contextAs(browser, t.baseUrl, 'secretariat@ceb.example');
    contexts.push(secretariat);
    const settings = await secretariat.newPage();
    await settings.goto('/single-sign-on');
    await settings.getByRole('combobox', { name: 'Agency' }).click();
    await settings.getByRole('option', { name: /^WFP · / }).click();
    const form = settings.getByRole('form', { name: 'Single sign-on settings' });
    // The server's refusal of a field is shown under that field, and nothing is stored.
    await form.getByLabel('Issuer URL').fill('not an address');
    await form.getByLabel('Client id').fill(idp.clientId);
    await form.getByLabel('Client secret').fill(idp.clientSecret);
    await form.getByLabel('Email domains').fill('wfp-sso.test');
    await form.getByLabel('Email domains').press('Enter');
    await form.getByRole('button', { name: 'Save' }).click();
    await settings.locator('input[aria-invalid="true"]').waitFor();
    expect(await form.getByLabel('Issuer URL').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByText('Some values are missing or not valid.').count()).toBe(1);
    expect(await t.dataSource.query(`SELECT 1 FROM agency_sso s JOIN agencies a ON a.id = s.agency_id WHERE a.code = 'WFP'`)).toEqual([]);
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    expect(await seriousViolations(settings)).toEqual([]);
    await form.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved. The provider answered its discovery document.').waitFor();
    // What is stored is the form's new start: nothing to save until something changes.
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await form.getByLabel('Client id').fill(`${idp.clientId}-changed`);
    expect(await form.getByRole('button', { name: 'Save' }).isEnabled()).toBe(true);
    await form.getByLabel('Client id').fill(idp.clientId);
    expect(await form.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Test the connection' }).click();
    await settings.getByText('The provider answers').waitFor();
    expect(await form.getByLabel('Client secret').inputValue()).toBe('');

    idp.add({ sub: 'new.officer', email: 'new.officer@wfp-sso.test', name: 'New WFP Officer' });
    const anonymous = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(anonymous);
    const page = await anonymous.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill('new.officer@wfp-sso.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: "Continue to WFP's sign-in" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: "Continue to WFP's sign-in" }).click();
    // WFP's provider: its own login form, on its own origin.
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    await page.locator('input[name="login"]').fill('new.officer');
    await page.locator('input[name="password"]').fill('at the provider');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await page.getByText('WFP · staff').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByText('New WFP Officer').isVisible()).toBe(true);
  }, 60_000);

  it('shows a refusal in words on the login page', async () => {
    idp.add({ sub: 'unverified.officer', email: 'unverified.officer@wfp-sso.test', emailVerified: false });
    const anonymous = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(anonymous);
    const page = await anonymous.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill('unverified.officer@wfp-sso.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: "Continue to WFP's sign-in" }).click();
    await page.locator('input[name="login"]').fill('unverified.officer');
    await page.locator('input[name="password"]').fill('at the provider');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Your agency's sign-in service has not verified your email address.");
    expect(await page.getByLabel('Email').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('asks which agency when several share the email’s domain, and goes to the chosen one’s sign-in', async () => {
    const secretariat = await contextAs(browser, t.baseUrl, 'secretariat@ceb.example');
    contexts.push(secretariat);
    const settings = await secretariat.newPage();
    await settings.goto('/single-sign-on');
    await settings.getByRole('combobox', { name: 'Agency' }).click();
    await settings.getByRole('option', { name: /^FAO · / }).click();
    const form = settings.getByRole('form', { name: 'Single sign-on settings' });
    await form.getByLabel('Issuer URL').fill(idp.issuer);
    await form.getByLabel('Client id').fill(idp.clientId);
    await form.getByLabel('Client secret').fill(idp.clientSecret);
    await form.getByLabel('Email domains').fill('wfp-sso.test');
    await form.getByLabel('Email domains').press('Enter');
    await form.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved. The provider answered its discovery document.').waitFor();

    const anonymous = await browser.newContext({ baseURL: t.baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(anonymous);
    const page = await anonymous.newPage();
    await page.goto('/');
    await page.getByLabel('Email').fill('shared.officer@wfp-sso.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    const choice = page.getByRole('radiogroup', { name: 'Which agency do you work for?' });
    await choice.waitFor();
    expect(await page.getByText('Several agencies share this email domain.').isVisible()).toBe(true);
    expect(await choice.getByRole('radio').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await choice.getByRole('radio', { name: /\(FAO\)$/ }).check();
    await page.getByRole('button', { name: "Continue to FAO's sign-in" }).click();
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(idp.issuer);
  }, 60_000);
});
