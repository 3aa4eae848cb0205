import type { Browser, BrowserContext, Page } from 'playwright-core';
import { codeAt, currentStep } from '../../src/accounts/totp';
import { Factory } from '../support/factory';
import type { TestApp } from '../support/test-app';
import { buildClient, contextAs, type DemoIds, describeBrowser, launchChromium, startDemoApp } from './browser';

/**
 * The consolidated reports tab, the live editor's toolbar, two-factor settings, the single sign-on page and the
 * password pages in other languages than English (issue #16): their words, accessible names and plurals come from the
 * catalogues, and no English is left on them.
 */
describeBrowser('the reports tab, the editor toolbar, two-factor, single sign-on and password pages in other languages', () => {
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

  /** A signed-in page whose user has chosen `locale` in Settings, as a person does. */
  async function inLanguage(context: BrowserContext, locale: string, settingsHeading: string): Promise<Page> {
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/settings');
    await page.getByLabel('Language').selectOption(locale);
    await page.getByRole('heading', { name: settingsHeading, level: 2 }).waitFor();
    return page;
  }

  it('the secretariat creates a consolidated report in French, and sets up single sign-on in French', async () => {
    const page = await inLanguage(await contextAs(browser, t.baseUrl, 'secretariat@ceb.example'), 'fr', 'Paramètres');
    await page.goto(`/frameworks/${ids.frameworkId}?tab=reports`);
    await page.getByRole('tab', { name: 'Rapports de synthèse', selected: true }).waitFor();
    await page.getByText('Aucun rapport de synthèse pour l’instant : créez-en un pour un cycle.').waitFor();
    await page.getByRole('combobox', { name: 'Cycle du nouveau rapport de synthèse' }).click();
    await page.getByRole('option', { name: new RegExp(`^${ids.cycleLabel} \\(échéance `) }).click();
    await page.getByRole('button', { name: 'Créer le rapport de synthèse' }).click();
    await page.getByRole('heading', { name: `Rapport de synthèse ${ids.cycleLabel}` }).waitFor();
    await page.getByRole('heading', { name: 'Le cycle en un coup d’œil' }).waitFor();
    expect(await page.getByLabel(`Rapports de ${ids.cycleLabel} par organisme : acceptés, soumis, renvoyés, en projet, manquants et en retard`).count()).toBe(1);
    // The chart's legend names the series in French.
    await page.getByText('Manquants', { exact: true }).first().waitFor();
    await page.getByRole('textbox', { name: `Résumé analytique du rapport de synthèse ${ids.cycleLabel}` }).waitFor();
    await page.getByRole('button', { name: 'Télécharger en Word' }).waitFor();
    await page.getByRole('button', { name: 'Publier l’édition 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publier l’édition 1 ?' });
    await dialog.getByText('le résumé passe en lecture seule pour tous').waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Pas encore publié.').waitFor();
    const reports = await page.getByRole('tabpanel', { name: 'Rapports de synthèse' }).innerText();
    expect(reports).not.toMatch(/Consolidated|Edition|Preview|Download|Issue/);

    await page.goto('/single-sign-on');
    await page.getByRole('heading', { name: 'Authentification unique', level: 2 }).waitFor();
    await page.getByRole('combobox', { name: 'Organisme' }).click();
    await page.getByRole('option', { name: /^WFP · / }).click();
    const form = page.getByRole('form', { name: 'Paramètres d’authentification unique' });
    await form.getByRole('textbox', { name: 'URL de l’émetteur' }).waitFor();
    await form.getByText('Enregistrez Concert auprès du fournisseur de l’organisme avec l’URI de redirection').waitFor();
    expect(await form.locator('code').innerText()).toMatch(/^https?:\/\/\S+\/api\/auth\/sso\/callback$/);
    expect(await form.innerText()).not.toMatch(/Issuer|Client id|Email domains|Turn off|Save/);
  }, 60_000);

  it('the live editor’s toolbar speaks Spanish: names, letters, tooltips with both shortcuts, and the link prompt’s refusal', async () => {
    const page = await inLanguage(await contextAs(browser, t.baseUrl, 'focal@fao.example'), 'es', 'Configuración');
    await page.goto(`/commitments/${ids.commitmentId}`);
    await page.getByText('Guardado', { exact: true }).waitFor({ timeout: 30_000 });
    const toolbar = page.getByRole('toolbar', { name: 'Formato' });
    const names = await toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
    expect(names.slice(0, 7)).toEqual(['Título 2', 'Título 3', 'Negrita', 'Cursiva', 'Lista con viñetas', 'Lista numerada', 'Enlace']);
    expect(await toolbar.getByRole('button', { name: 'Negrita', exact: true }).innerText()).toBe('N');
    await toolbar.getByRole('button', { name: 'Rehacer', exact: true }).hover();
    await page.getByText('Rehacer (Ctrl+Shift+Z o Ctrl+Y)', { exact: true }).waitFor();

    await toolbar.getByRole('button', { name: 'Enlace', exact: true }).click();
    const address = page.getByRole('textbox', { name: 'Dirección del enlace' });
    await address.fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await page.getByText('Solo se permiten enlaces web (http, https) y de correo electrónico (mailto).').waitFor();
    await page.getByRole('button', { name: 'Cancelar' }).click();
  }, 60_000);

  it('a focal point turns on two-factor sign-in in Russian, and reads how many recovery codes are left in a Russian plural', async () => {
    const user = await t.factory.user({ role: 'focal_point' });
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'en-GB', timezoneId: 'Europe/Rome' });
    context.setDefaultTimeout(10_000);
    const response = await context.request.post('/api/auth/login', { data: { email: user.email, password: Factory.PASSWORD } });
    expect(response.status()).toBe(200);
    const page = await inLanguage(context, 'ru', 'Настройки');
    await page.getByText('Состояние:', { exact: true }).waitFor();
    await page.getByText('Выключен', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Включить двухфакторный вход' }).click();
    const setup = page.getByRole('region', { name: 'Настройка двухфакторного входа' });
    await setup.getByRole('img', { name: 'QR-код, добавляющий вашу учётную запись Concert в приложение-аутентификатор' }).waitFor();
    await setup.getByRole('link', { name: 'откройте его в приложении-аутентификаторе на этом устройстве' }).waitFor();
    const secret = (await setup.getByText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/).innerText()).replace(/ /g, '');
    await page.getByLabel('Код из приложения-аутентификатора').fill(codeAt(secret, currentStep()));
    await page.getByRole('button', { name: 'Включить', exact: true }).click();
    await page.getByText('Сохраните коды восстановления').waitFor();
    expect(await page.getByRole('list', { name: 'Коды восстановления' }).getByRole('listitem').count()).toBe(10);
    await page.getByRole('button', { name: 'Я сохранил(а) эти коды' }).click();
    // 10 takes the "many" form in Russian: "кодов", where English's two forms would give "кода".
    await page.getByText('Осталось 10 кодов восстановления.').waitFor();
    await page.getByText('Включён', { exact: true }).waitFor();
  }, 60_000);

  it('the forgotten-password and new-password pages follow the browser’s Arabic, right to left', async () => {
    const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'ar' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/forgot-password');
    await page.getByRole('heading', { name: 'هل نسيت كلمة المرور؟' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill('nobody@fao.example');
    await page.getByRole('button', { name: 'أرسل لي رابطًا' }).click();
    expect(await page.getByRole('status').innerText()).toBe(
      'إذا كان للعنوان nobody@fao.example حساب، فإن رابطًا لاختيار كلمة مرور جديدة في طريقه إليه. يصلح الرابط مرة واحدة، خلال ساعة.',
    );
    await page.getByRole('link', { name: 'العودة إلى تسجيل الدخول' }).waitFor();

    await page.goto('/reset-password?token=not-a-token');
    await page.getByRole('heading', { name: 'اختر كلمة مرور جديدة' }).waitFor();
    await page.getByLabel('كلمة المرور الجديدة').fill('a long enough pass phrase');
    await page.getByText('12 حرفًا على الأقل').waitFor();
    await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
    await page.getByText('تعذّر تغيير كلمة المرور').waitFor();
  }, 60_000);
});
