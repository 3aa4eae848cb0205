import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { buildClient, contextAs, type DemoIds, describeBrowser, launchChromium, seriousViolations, startDemoApp } from './browser';

/**
 * Review discussions in Chromium (issue 12): FAO's focal point selects a sentence of BPoA-4's live report and asks
 * WFP's focal point about it, mentioning them; WFP sees the comment in the margin and the highlighted text without a
 * reload, and the bell's unread count, answers in the thread, and FAO resolves it.
 */
describeBrowser('review discussions: FAO comments, WFP sees it live and answers', () => {
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

  async function open(email: string): Promise<Page> {
    const context = await contextAs(browser, t.baseUrl, email);
    contexts.push(context);
    return context.newPage();
  }

  const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Live report of BPoA-4' });
  const marginOf = (page: Page) => page.getByRole('region', { name: 'Comments' });

  it('FAO comments on a selection mentioning WFP; WFP sees it live, is notified, answers; FAO resolves', async () => {
    const fao = await open('focal@fao.example');
    const wfp = await open('focal@wfp.example');
    await Promise.all([fao.goto(`/commitments/${ids.commitmentId}`), wfp.goto(`/commitments/${ids.commitmentId}`)]);
    // The first page of the suite loads the client's chunks and syncs the document: on a busy CI machine, seconds.
    for (const page of [fao, wfp]) await page.getByText('Saved', { exact: true }).waitFor({ timeout: 30_000 });
    const bell = wfp.getByRole('button', { name: /^Notifications/ });
    const unreadBefore = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);

    // FAO selects a paragraph and comments on it, mentioning WFP's focal point through the @ autocomplete.
    await editorOf(fao).getByText('The Rome-based agencies combine food assistance').click({ clickCount: 3 });
    await marginOf(fao).getByRole('button', { name: 'Comment', exact: true }).click();
    const box = marginOf(fao).getByLabel('New comment');
    await box.pressSequentially('Which country is this? @WFP Foc');
    await marginOf(fao).getByRole('button', { name: 'Mention WFP Focal Point (demo), WFP' }).click();
    await box.pressSequentially('can you say?');
    await marginOf(fao).getByRole('button', { name: 'Comment', exact: true }).click();
    await marginOf(fao).getByText('Which country is this? @WFP Focal Point (demo) can you say?').waitFor();

    // WFP: the comment in the margin, its text highlighted, the bell counting it; no reload.
    await marginOf(wfp).getByText('Which country is this? @WFP Focal Point (demo) can you say?').waitFor();
    await editorOf(wfp).locator('.comment-highlight', { hasText: 'The Rome-based agencies combine food assistance' }).waitFor();
    await wfp.getByRole('button', { name: `Notifications, ${unreadBefore + 1} unread` }).waitFor();
    expect(await editorOf(wfp).getAttribute('contenteditable')).toBe('true');
    // Side by side at 1280 px, the card stands level with its text.
    const highlight = await editorOf(wfp).locator('.comment-highlight').first().boundingBox();
    const card = await marginOf(wfp).locator('[data-thread-id]').first().boundingBox();
    expect(Math.abs((card?.y ?? 0) - (highlight?.y ?? 1_000))).toBeLessThan(12);

    // WFP answers in the thread; FAO sees the answer live.
    await marginOf(wfp).getByRole('button', { name: 'Reply' }).click();
    await marginOf(wfp).getByLabel('Reply').pressSequentially('Malawi; we will say so in the text.');
    await marginOf(wfp).getByRole('button', { name: 'Reply', exact: true }).click();
    await marginOf(fao).getByText('Malawi; we will say so in the text.').waitFor();

    expect(await seriousViolations(wfp)).toEqual([]);

    // FAO (the lead agency's focal point) resolves it: it leaves both margins and the highlight goes.
    await marginOf(fao).getByRole('button', { name: 'Resolve' }).click();
    await marginOf(wfp).getByText('Malawi; we will say so in the text.').waitFor({ state: 'detached' });
    await editorOf(wfp).locator('.comment-highlight').waitFor({ state: 'detached' });
  }, 90_000);

  it('UNESCO, who may only view the report, comments on it; the secretariat makes the thread an action item for IFAD, whose dashboard and action items page list it', async () => {
    // UNESCO takes no part in BPoA-4: its report is view-only to them, and they comment all the same.
    const unesco = await open('focal@unesco.example');
    await unesco.goto(`/commitments/${ids.commitmentId}`);
    await editorOf(unesco).getByText('The Rome-based agencies combine food assistance').waitFor({ timeout: 30_000 });
    expect(await editorOf(unesco).getAttribute('contenteditable')).toBe('false');
    await editorOf(unesco).getByText('The Rome-based agencies combine food assistance').click({ clickCount: 3 });
    await marginOf(unesco).getByRole('button', { name: 'Comment', exact: true }).click();
    await marginOf(unesco).getByLabel('New comment').pressSequentially('Could IFAD share the rural finance note behind this?');
    await marginOf(unesco).getByRole('button', { name: 'Comment', exact: true }).click();
    await marginOf(unesco).getByText('Could IFAD share the rural finance note behind this?').waitFor();
    // Not a reviewer of this report: no action item to set, and nothing to resolve.
    const unescoCard = marginOf(unesco).locator('[data-thread-id]', { hasText: 'Could IFAD share the rural finance note behind this?' });
    expect(await unescoCard.getByRole('button', { name: 'Make an action item' }).count()).toBe(0);

    // The secretariat turns the thread into an action item for IFAD, due yesterday.
    const secretariat = await open('secretariat@ceb.example');
    await secretariat.goto(`/commitments/${ids.commitmentId}`);
    const card = marginOf(secretariat).locator('[data-thread-id]', { hasText: 'Could IFAD share the rural finance note behind this?' });
    await card.getByRole('button', { name: 'Make an action item' }).click({ timeout: 30_000 });
    await card.getByLabel('Agency to act').fill('IFAD');
    await secretariat.getByRole('option', { name: /^IFAD,/ }).click();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await card.getByLabel('Due date').fill(yesterday);
    await card.getByRole('button', { name: 'Assign' }).click();
    await card.getByText(/^Action: IFAD, due /).waitFor();
    // UNESCO sees the badge arrive without a reload.
    await unescoCard.getByText(/^Action: IFAD, due /).waitFor();

    // IFAD's focal point: on the dashboard, then on the page of all action items, overdue.
    const ifad = await open('focal@ifad.example');
    await ifad.goto('/');
    const section = ifad.getByRole('table', { name: 'Open action items of IFAD' });
    await section.getByText('Could IFAD share the rural finance note behind this?').waitFor({ timeout: 30_000 });
    expect(await seriousViolations(ifad)).toEqual([]);
    await ifad.getByRole('link', { name: 'All action items' }).click();
    await ifad.getByRole('heading', { name: 'Action items' }).waitFor();
    const row = ifad.getByRole('row', { name: /Could IFAD share the rural finance note behind this\?/ });
    await row.waitFor();
    await row.getByText('Overdue').first().waitFor();
    expect(await seriousViolations(ifad)).toEqual([]);

    // UNESCO may read IFAD's action items but not close them: no button, as the server says (can.complete).
    await unesco.goto('/action-items?agency=IFAD');
    const unescoRow = unesco.getByRole('row', { name: /Could IFAD share the rural finance note behind this\?/ });
    await unescoRow.getByText('Overdue').first().waitFor();
    expect(await unescoRow.getByRole('button').count()).toBe(0);
    // IFAD marks it done: it leaves the open items, and is among the done ones.
    await row.getByRole('button', { name: 'Overdue: mark done' }).click();
    await row.waitFor({ state: 'detached' });
    await ifad.getByText('Done', { exact: true }).click();
    await row.getByText('Done', { exact: true }).waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
  }, 120_000);
});
