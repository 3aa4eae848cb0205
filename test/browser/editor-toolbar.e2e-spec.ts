import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';
import { eventually } from '../support/wait';
import { buildClient, contextAs, type DemoIds, describeBrowser, launchChromium, type PageGlobals, screenshot, seriousViolations, startDemoApp } from './browser';

/** What the page functions below use of the browser's clipboard API (the project's TypeScript has no DOM library). */
interface ClipboardGlobals {
  DataTransfer: new () => { setData(type: string, value: string): void };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
}

const REFUSED = 'Only web (http, https) and email (mailto) links are allowed.';

/**
 * The live editor's toolbar, driven in Chromium by FAO's focal point on BPoA-4's live report while WFP's programme
 * officer (WFP contributes to BPoA-4) has the same report open: every button changes FAO's document as it should and
 * WFP sees the same. The tests run in order on the one document, each on a paragraph of its own at the end.
 */
describeBrowser("the live editor's toolbar: each button, seen by the partner; none for view-only members", () => {
  let t: TestApp;
  let ids: DemoIds;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let fao: Page;
  let wfp: Page;

  beforeAll(async () => {
    await buildClient();
    browser = await launchChromium();
    ({ t, ids } = await startDemoApp());
    fao = await open('focal@fao.example');
    wfp = await open('staff@wfp.example');
    await Promise.all([fao.goto(`/commitments/${ids.commitmentId}`), wfp.goto(`/commitments/${ids.commitmentId}`)]);
    for (const page of [fao, wfp]) await page.getByText('Saved', { exact: true }).waitFor({ timeout: 30_000 });
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
  const toolbarOf = (page: Page) => page.getByRole('toolbar', { name: 'Formatting' });
  const tool = (page: Page, name: string) => toolbarOf(page).getByRole('button', { name, exact: true });
  /** Runs the check on FAO's editor, then on WFP's, where the change arrives over the socket. */
  const inBoth = async (check: (editor: Locator) => Promise<void>) => {
    await check(editorOf(fao));
    await check(editorOf(wfp));
  };
  /** Waits for this element in FAO's and in WFP's editor. */
  const seenByBoth = (selector: string, hasText: string) => inBoth((editor) => editor.locator(selector, { hasText }).waitFor());
  const goneFromBoth = (selector: string, hasText: string) => inBoth((editor) => editor.locator(selector, { hasText }).waitFor({ state: 'detached' }));

  /** FAO writes a new paragraph at the end of the report, the caret after it, and WFP has it. */
  async function newParagraph(text: string): Promise<void> {
    await editorOf(fao).click();
    await fao.keyboard.press('Control+End');
    await fao.keyboard.press('Enter');
    if (text) {
      await fao.keyboard.type(text);
      await editorOf(wfp).getByText(text).waitFor();
    }
  }

  /** The texts of these elements, without the names on the others' carets (which sit inside the text). */
  const textsOf = (elements: Locator) =>
    elements.evaluateAll((nodes) =>
      nodes.map((node) => {
        const copy = node.cloneNode(true);
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        return (copy.textContent as string).trim();
      }),
    );

  /** Selects the first `length` characters of the paragraph the caret is in. */
  async function selectFirst(length: number): Promise<void> {
    await fao.keyboard.press('Home');
    for (let i = 0; i < length; i++) await fao.keyboard.press('Shift+ArrowRight');
  }

  it('shows editors every button, named, with its shortcut, as one tab stop', async () => {
    for (const page of [fao, wfp]) await toolbarOf(page).waitFor();
    const names = await toolbarOf(fao)
      .getByRole('button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
    expect(names).toEqual([
      'Heading 2',
      'Heading 3',
      'Bold',
      'Italic',
      'Bulleted list',
      'Numbered list',
      'Link',
      'Insert a table (3 × 3, with a header row)',
      'Add a row below',
      'Remove this row',
      'Add a column to the right',
      'Remove this column',
      'Delete the table',
      'Undo',
      'Redo',
    ]);
    expect(await tool(fao, 'Bold').getAttribute('aria-keyshortcuts')).toBe('Control+B');
    expect(await tool(fao, 'Heading 2').getAttribute('aria-keyshortcuts')).toBe('Control+Alt+2');
    expect(await tool(fao, 'Redo').getAttribute('aria-keyshortcuts')).toBe('Control+Shift+Z Control+Y');
    await tool(fao, 'Numbered list').hover();
    await fao.getByText('Numbered list (Ctrl+Shift+7)', { exact: true }).waitFor();

    // Outside a table, and before FAO has changed anything, the table and history buttons cannot be used.
    await editorOf(fao).getByRole('heading', { name: 'Summary' }).click();
    for (const name of ['Add a row below', 'Remove this row', 'Add a column to the right', 'Remove this column', 'Delete the table', 'Undo', 'Redo']) {
      expect([name, await tool(fao, name).isDisabled()]).toEqual([name, true]);
    }
    expect(await tool(fao, 'Heading 2').getAttribute('aria-pressed')).toBe('true');
    expect(await tool(fao, 'Bold').getAttribute('aria-pressed')).toBe('false');

    // Shift+Tab from the text reaches the toolbar once; the arrow keys move within it; Tab goes back to the text.
    const focused = () => fao.evaluate(() => ((globalThis as unknown as PageGlobals).document.activeElement as { getAttribute(name: string): string | null } | null)?.getAttribute('aria-label'));
    await fao.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Heading 2');
    await fao.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Heading 3');
    await fao.keyboard.press('End');
    expect(await focused()).toBe('Insert a table (3 × 3, with a header row)');
    await fao.keyboard.press('Tab');
    expect(await focused()).toBe('Live report of BPoA-4');
  });

  it('Heading 2 and Heading 3 make the paragraph a heading of that level', async () => {
    await newParagraph('Pilot findings');
    await tool(fao, 'Heading 2').click();
    await seenByBoth('h2', 'Pilot findings');
    expect(await tool(fao, 'Heading 2').getAttribute('aria-pressed')).toBe('true');

    await tool(fao, 'Heading 3').click();
    await seenByBoth('h3', 'Pilot findings');
    await goneFromBoth('h2', 'Pilot findings');
    expect(await tool(fao, 'Heading 3').getAttribute('aria-pressed')).toBe('true');
    expect(await tool(fao, 'Heading 2').getAttribute('aria-pressed')).toBe('false');
  });

  it('Bold and Italic mark the selected words', async () => {
    await newParagraph('Reached 1200 households in Mali.');
    await selectFirst('Reached'.length);
    await tool(fao, 'Bold').click();
    await seenByBoth('strong', 'Reached');
    await tool(fao, 'Italic').click();
    await seenByBoth('em', 'Reached');
    await inBoth(async (editor) => {
      expect(await editor.locator('strong', { hasText: 'Reached' }).innerText()).toBe('Reached');
      expect(await editor.locator('em', { hasText: 'Reached' }).innerText()).toBe('Reached');
    });
    expect(await tool(fao, 'Bold').getAttribute('aria-pressed')).toBe('true');
    expect(await tool(fao, 'Italic').getAttribute('aria-pressed')).toBe('true');
  });

  it('Bulleted list and Numbered list make a list of the paragraph, and take it out again', async () => {
    await newParagraph('First milestone');
    await tool(fao, 'Bulleted list').click();
    await seenByBoth('ul > li', 'First milestone');

    await tool(fao, 'Numbered list').click();
    await seenByBoth('ol > li', 'First milestone');
    await goneFromBoth('ul > li', 'First milestone');
    expect(await tool(fao, 'Numbered list').getAttribute('aria-pressed')).toBe('true');

    await tool(fao, 'Numbered list').click();
    await goneFromBoth('ol > li', 'First milestone');
    await seenByBoth('p', 'First milestone');
  });

  it('Link asks for the address and takes web and email addresses only', async () => {
    await newParagraph('the theme group page');
    await selectFirst('the theme group page'.length);
    await tool(fao, 'Link').click();
    const prompt = fao.getByRole('dialog');
    const address = prompt.getByLabel('Link address');
    await address.waitFor();
    for (const refused of ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.org/report.pdf']) {
      await address.fill(refused);
      await prompt.getByRole('button', { name: 'Apply' }).click();
      await prompt.getByText(REFUSED).waitFor();
      expect([refused, await address.getAttribute('aria-invalid')]).toEqual([refused, 'true']);
    }
    expect(await editorOf(fao).locator('a').count()).toBe(0);

    // A bare domain is taken as https.
    await address.fill('www.un.org/ldcportal');
    await prompt.getByRole('button', { name: 'Apply' }).click();
    await prompt.waitFor({ state: 'detached' });
    await seenByBoth('a[href="https://www.un.org/ldcportal"]', 'the theme group page');

    // Ctrl+K in the text opens the same prompt; an email address becomes a mailto: link.
    await newParagraph('Write to the focal point');
    await selectFirst('Write to the focal point'.length);
    await fao.keyboard.press('Control+K');
    await address.waitFor();
    expect(await address.inputValue()).toBe('');
    await address.fill('focal@fao.example');
    await address.press('Enter');
    await seenByBoth('a[href="mailto:focal@fao.example"]', 'Write to the focal point');
    expect(await tool(fao, 'Link').getAttribute('aria-pressed')).toBe('true');

    // Within a link the prompt shows its address and can remove it.
    await tool(fao, 'Link').click();
    expect(await address.inputValue()).toBe('mailto:focal@fao.example');
    await prompt.getByRole('button', { name: 'Remove link' }).click();
    await goneFromBoth('a', 'Write to the focal point');
  });

  it('drops a pasted javascript: link, keeping its words, and keeps a pasted https one', async () => {
    await newParagraph('');
    const html = '<p>Pasted: <a href="javascript:alert(document.cookie)">a trap</a> and <a href=" java\tscript:alert(1)">another</a> next to <a href="https://www.fao.org/">FAO</a></p>';
    await editorOf(fao).evaluate((element, pasted) => {
      const w = globalThis as unknown as ClipboardGlobals;
      const clipboardData = new w.DataTransfer();
      clipboardData.setData('text/html', pasted);
      clipboardData.setData('text/plain', 'Pasted: a trap and another next to FAO');
      (element as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(new w.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    }, html);
    await seenByBoth('a[href="https://www.fao.org/"]', 'FAO');
    await inBoth(async (editor) => {
      await editor.getByText('Pasted: a trap and another next to').waitFor();
      const hrefs = await editor.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(hrefs.filter((href) => !/^(https?|mailto):/.test(href))).toEqual([]);
    });
  });

  it("Undo takes back FAO's last change, not WFP's; Redo puts it back", async () => {
    await newParagraph('Trained 300 teachers.');
    // Yjs's undo manager merges the changes made within 500 ms into one step: this wait makes the bold below a step
    // of its own, apart from the typing.
    await fao.waitForTimeout(600);
    await selectFirst('Trained'.length);
    await tool(fao, 'Bold').click();
    await seenByBoth('strong', 'Trained');

    // Meanwhile WFP adds a line of its own under "Progress".
    const wfpLine = 'WFP agreed the school feeding plan.';
    await editorOf(wfp).getByRole('heading', { name: 'Progress' }).click();
    await wfp.keyboard.press('End');
    await wfp.keyboard.press('Enter');
    await wfp.keyboard.type(wfpLine);
    await editorOf(fao).getByText(wfpLine).waitFor();

    await tool(fao, 'Undo').click();
    await goneFromBoth('strong', 'Trained');
    await inBoth(async (editor) => {
      const paragraphs = await textsOf(editor.locator('p'));
      expect(paragraphs).toContain('Trained 300 teachers.');
      expect(paragraphs).toContain(wfpLine);
    });
    expect(await tool(fao, 'Redo').isEnabled()).toBe(true);

    await tool(fao, 'Redo').click();
    await seenByBoth('strong', 'Trained');
    expect(await tool(fao, 'Redo').isDisabled()).toBe(true);
  });

  it('inserts a 3 × 3 table with a header row; adds and removes rows and columns; deletes it', async () => {
    const rows = (editor: Locator) => editor.locator('table tr');
    const headerCells = (editor: Locator) => editor.locator('table tr').first().locator('th');
    const shape = (rowCount: number, columnCount: number) =>
      inBoth(async (editor) => {
        await editor.locator('table').waitFor();
        await expectSoon(() => rows(editor).count(), rowCount);
        await expectSoon(() => headerCells(editor).count(), columnCount);
      });

    await newParagraph('Households reached, by country:');
    await tool(fao, 'Insert a table (3 × 3, with a header row)').click();
    await shape(3, 3);
    for (const name of ['Add a row below', 'Remove this row', 'Add a column to the right', 'Remove this column', 'Delete the table']) {
      expect([name, await tool(fao, name).isEnabled()]).toEqual([name, true]);
    }
    expect(await tool(fao, 'Insert a table (3 × 3, with a header row)').isDisabled()).toBe(true);
    // The caret is in the first header cell.
    for (const [i, text] of ['Country', 'Households', 'Schools', 'Mali', '1200', '40'].entries()) {
      if (i > 0) await fao.keyboard.press('Tab');
      await fao.keyboard.type(text);
    }
    await seenByBoth('th', 'Households');
    await seenByBoth('td', 'Mali');

    await editorOf(fao).locator('th', { hasText: 'Country' }).click();
    await tool(fao, 'Add a row below').click();
    await shape(4, 3);
    // The new row is the second, under the header.
    await inBoth(async (editor) => expect(await textsOf(rows(editor).nth(1).locator('td'))).toEqual(['', '', '']));

    await tool(fao, 'Add a column to the right').click();
    await shape(4, 4);
    await inBoth(async (editor) => expect(await textsOf(headerCells(editor))).toEqual(['Country', '', 'Households', 'Schools']));

    await rows(editorOf(fao)).nth(1).locator('td').first().click();
    await tool(fao, 'Remove this row').click();
    await shape(3, 4);
    await headerCells(editorOf(fao)).nth(1).click();
    await tool(fao, 'Remove this column').click();
    await shape(3, 3);
    await inBoth(async (editor) => {
      expect(await textsOf(headerCells(editor))).toEqual(['Country', 'Households', 'Schools']);
      expect(await textsOf(rows(editor).nth(1).locator('td'))).toEqual(['Mali', '1200', '40']);
    });

    // The toolbar in use: FAO's caret in the table, the row and column buttons live, the toolbar held under the page
    // header as the report scrolls, a tooltip naming a shortcut.
    await editorOf(fao).locator('td', { hasText: '1200' }).click();
    await editorOf(fao).locator('table').evaluate((table) => table.scrollIntoView({ block: 'center' }));
    await tool(fao, 'Bold').hover();
    await fao.getByText('Bold (Ctrl+B)', { exact: true }).waitFor();
    await screenshot(fao, 'editor-toolbar.png');

    await tool(fao, 'Delete the table').click();
    await inBoth((editor) => editor.locator('table').waitFor({ state: 'detached' }));
    await seenByBoth('p', 'Households reached, by country:');
  });

  it('gives each paragraph the direction of its own text: Arabic right to left, English left to right, kept in the stored HTML', async () => {
    const arabic = 'وزعت منظمة الأغذية والزراعة البذور في ثلاث مقاطعات.';
    const english = 'FAO distributed seeds in three districts.';
    await newParagraph(arabic);
    await newParagraph(english);
    const direction = (editor: Locator, text: string) =>
      editor.locator('p', { hasText: text }).evaluate((node) => [node.getAttribute('dir'), (globalThis as unknown as PageGlobals).getComputedStyle(node).direction]);
    await inBoth(async (editor) => {
      expect(await direction(editor, arabic)).toEqual(['auto', 'rtl']);
      expect(await direction(editor, english)).toEqual(['auto', 'ltr']);
    });

    // What the server materializes from the live document keeps the direction, for exports and the consolidated report.
    const commitment = await fao.context().request.get(`${t.baseUrl}/api/commitments/${ids.commitmentId}`);
    const documentId = ((await commitment.json()) as { reportDocumentId: string }).reportDocumentId;
    const stored = async () => ((await (await fao.context().request.get(`${t.baseUrl}/api/documents/${documentId}`)).json()) as { html: string }).html;
    await eventually(async () => (await stored()).includes(english), 'the paragraphs are materialized', 15_000);
    const html = await stored();
    expect(html).toContain(`<p dir="auto">${arabic}</p>`);
    expect(html).toContain(`<p dir="auto">${english}</p>`);
  });

  it('axe-core finds no serious or critical violation with the toolbar and with the link prompt open', async () => {
    await toolbarOf(fao).waitFor();
    expect(await seriousViolations(fao)).toEqual([]);
    await editorOf(fao).getByRole('heading', { name: 'Summary' }).click();
    await tool(fao, 'Link').click();
    await fao.getByRole('dialog').getByLabel('Link address').waitFor();
    expect(await seriousViolations(fao)).toEqual([]);
    await fao.keyboard.press('Escape');
    await fao.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('a view-only member (UNESCO, not part of BPoA-4) gets no toolbar', async () => {
    const unesco = await open('focal@unesco.example');
    await unesco.goto(`/commitments/${ids.commitmentId}`);
    // The reason appears with the access the server answered, in the same render that decides on the toolbar.
    await unesco.getByText('edit this report; you are viewing').waitFor();
    await editorOf(unesco).getByText('Pilot findings').waitFor();
    expect(await editorOf(unesco).getAttribute('contenteditable')).toBe('false');
    expect(await toolbarOf(unesco).count()).toBe(0);
    expect(await unesco.getByRole('button', { name: 'Bold' }).count()).toBe(0);
    // While FAO, on the same report, has it.
    expect(await toolbarOf(fao).isVisible()).toBe(true);
  });
});

/** Waits (up to 5 s) until the value read is the one expected, then asserts it, so a failure says what was read. */
async function expectSoon<T>(read: () => Promise<T>, expected: T): Promise<void> {
  const started = Date.now();
  let value = await read();
  while (value !== expected && Date.now() - started < 5_000) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  expect(value).toBe(expected);
}
