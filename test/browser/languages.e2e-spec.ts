import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { buildClient, contextAs, DEMO_PASSWORD, type DemoIds, describeBrowser, launchChromium, screenshot, seriousViolations, startDemoApp } from './browser';

/**
 * Concert in the UN's six languages (issue #16): the login page follows the browser's language, a choice in the
 * settings applies at once and is kept, Arabic mirrors the layout, and dates, numbers and errors follow the language.
 */
describeBrowser('the interface in the six languages', () => {
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

  async function signedIn(email: string): Promise<Page> {
    const context = await contextAs(browser, t.baseUrl, email);
    contexts.push(context);
    return context.newPage();
  }

  const html = async (page: Page) => ({ lang: await page.locator('html').getAttribute('lang'), dir: await page.locator('html').getAttribute('dir') });

  it('shows the login page in the browser’s language, and says a refused password in it', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'es-CO' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Correo electrónico' }).fill('focal@fao.example');
    expect(await html(page)).toEqual({ lang: 'es', dir: 'ltr' });
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('textbox', { name: 'Contraseña' }).fill('not the password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('El correo electrónico o la contraseña no son correctos.');
    expect(await alert.innerText()).not.toContain('incorrect');
  });

  it('switches to French from the login page at once, and the dashboard then says “Tableau de bord”', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Language').selectOption('fr');
    // ILO's focal point: the choice is kept on the account, and the Arabic test below starts FAO's in English.
    await page.getByRole('textbox', { name: 'Adresse électronique' }).fill('focal@ilo.example');
    expect(await html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('textbox', { name: 'Mot de passe' }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Tableau de bord', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Rapports attendus de ILO pour les cycles en cours' }).waitFor();
    expect(await page.getByRole('link', { name: 'Historique des modifications' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Dashboard', exact: true }).count()).toBe(0);
  });

  it('mirrors everything in Arabic: html dir="rtl" lang="ar", the navigation on the right, dates the Arabic way, no serious axe violation', async () => {
    const page = await signedIn('focal@fao.example');
    await page.goto('/settings');
    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { name: 'الإعدادات', level: 2 }).waitFor();
    expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });

    // Kept: the dashboard after a reload is still in Arabic.
    await page.goto('/');
    await page.getByRole('link', { name: 'لوحة المتابعة', exact: true }).waitFor();
    await page.getByLabel(/^جارٍ/).filter({ visible: true }).first().waitFor({ state: 'hidden' });
    expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
    const navigation = (await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).boundingBox())!;
    const main = (await page.getByRole('main').first().boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(navigation.x).toBeGreaterThan(main.x);
    expect(Math.round(navigation.x + navigation.width)).toBe(width);

    // Dates as the browser's CLDR data writes them for `ar` (day/month/year with right-to-left marks; its digits are
    // those CLDR now gives `ar`), not the English "22 Dec 2026".
    const due = await page.getByRole('table', { name: 'التقارير المستحقة على FAO' }).innerText();
    const arabicDate = await page.evaluate(() => new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 0, 31))));
    expect(arabicDate).toMatch(/\u200f/);
    expect(due).toMatch(/\d+\u200f\/\d+\u200f\/\d{4}|[٠-٩]+\u200f\/[٠-٩]+\u200f\/[٠-٩]{4}/);
    expect(due).not.toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-ar.png');
    // axe over the whole dashboard takes several seconds on a busy machine.
  }, 60_000);

  it('shows the comment margin in French: its heading, buttons, the composer and the new comment’s card', async () => {
    const page = await signedIn('focal@wfp.example');
    await page.goto('/settings');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Paramètres', level: 2 }).waitFor();
    await page.goto(`/commitments/${ids.commitmentId}`);
    const margin = page.getByRole('region', { name: 'Commentaires' });
    await margin.getByRole('button', { name: 'Commenter l’ensemble du document' }).click();
    await margin.getByText('Tapez @ pour mentionner une personne.').waitFor();
    await margin.getByLabel('Nouveau commentaire').fill('Merci de préciser le pays.');
    await margin.getByRole('button', { name: 'Commenter', exact: true }).click();
    const card = margin.locator('[data-thread-id]', { hasText: 'Merci de préciser le pays.' });
    await card.getByRole('button', { name: 'Tout le document' }).waitFor();
    await card.getByRole('button', { name: 'Répondre' }).waitFor();
    expect(await margin.getByRole('heading', { level: 3 }).innerText()).toMatch(/^Commentaires \(\d+\)$/);
    expect(await margin.getByRole('switch', { name: 'Afficher les fils résolus' }).count()).toBe(1);
    expect(await margin.innerText()).not.toMatch(/Comments|Reply|Whole document|Show resolved/);
  });

  it('says a notification in the bell in French: who mentioned the reader, on which report', async () => {
    const page = await signedIn('staff@ifad.example');
    await page.goto('/settings');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Paramètres', level: 2 }).waitFor();
    // FAO's focal point mentions IFAD's staff member in a comment on BPoA-4's report (the server writes it in English too).
    const fao = t.anonymous();
    expect((await fao.post('/api/auth/login', { email: 'focal@fao.example', password: DEMO_PASSWORD })).status).toBe(200);
    const me = await (await page.request.get('/api/auth/me')).json();
    const commitment = await fao.get(`/api/commitments/${ids.commitmentId}`);
    const opened = await fao.post(`/api/documents/${commitment.body.reportDocumentId}/threads`, { body: 'Could IFAD add its figures?', mentions: [me.user.id] });
    expect(opened.status).toBe(201);

    await page.goto('/');
    await page.getByRole('button', { name: /^Notifications, \d+ non lue/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('FAO Focal Point (demo) (FAO) vous mentionne').waitFor();
    await dialog.getByText('Rapport de BPoA-4').first().waitFor();
    await dialog.getByText('Could IFAD add its figures?').first().waitFor();
    expect(await dialog.innerText()).not.toMatch(/mentioned you|the report of/);
  });

  it('gives each editor paragraph its direction from its own text (dir="auto")', async () => {
    const page = await signedIn('staff@wfp.example');
    await page.goto(`/activity-reports/${ids.wfpDraftId}`);
    const paragraph = page.locator('.ProseMirror p').first();
    await paragraph.waitFor();
    expect(await paragraph.getAttribute('dir')).toBe('auto');
  });

  it('writes an invitation in the language picked in the form, which starts at the inviter’s own', async () => {
    // UNESCO's focal point: ILO's chose French in a test above, and the form starts at the inviter's language.
    const page = await signedIn('focal@unesco.example');
    await page.goto('/users');
    const form = page.getByRole('form', { name: 'Invite a colleague to UNESCO' });
    const language = form.getByRole('combobox', { name: 'Language of the invitation' });
    expect(await language.inputValue()).toBe('English');
    const email = `moscow.${Date.now()}@unesco.example`;
    await form.getByRole('textbox', { name: 'Email' }).fill(email);
    await form.getByRole('textbox', { name: 'Name' }).fill('Ivan Petrov');
    await language.click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await form.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByRole('status').filter({ hasText: email }).waitFor();
    const [mail] = await t.dataSource.query<{ subject: string; text: string }[]>(`SELECT subject, text_body AS text FROM mail_outbox WHERE to_address = $1`, [email]);
    expect(mail.subject).toContain('приглашает вас в Concert (UNESCO)');
    expect(mail.text).toContain('Выберите пароль');
  });
  it('tells a framework’s history in French: a status change is a French sentence, not its English summary', async () => {
    const page = await signedIn('focal@fao.example');
    // FAO's focal point reads Concert in French (chosen on the account: the Arabic test above chose Arabic).
    expect((await page.request.patch('/api/me/preferences', { data: { locale: 'fr' } })).status()).toBe(200);
    // FAO leads BPoA-4: its focal point sets the commitment's status (over the API, as the session's user).
    const commitment = await (await page.request.get(`/api/commitments/${ids.commitmentId}`)).json();
    const status = commitment.status === 'on_track' ? 'at_risk' : 'on_track';
    const changed = await page.request.patch(`/api/commitments/${ids.commitmentId}`, { data: { version: commitment.version, status } });
    expect(changed.status()).toBe(200);
    const french: Record<string, string> = { not_started: 'Non commencé', on_track: 'En bonne voie', at_risk: 'À risque', off_track: 'En retard', achieved: 'Réalisé' };

    await page.goto(`/frameworks/${ids.frameworkId}`);
    await page.getByRole('tab', { name: 'Historique' }).click();
    const history = page.getByLabel('Modifications', { exact: true });
    await history.getByText(`FAO a fait passer l’engagement BPoA-4 de « ${french[commitment.status]} » à « ${french[status]} »`).first().waitFor();
    expect(await history.innerText()).not.toContain(`FAO set BPoA-4 from ${commitment.status} to ${status}`);
  });
});
