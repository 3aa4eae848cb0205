import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { User } from '../../src/accounts/user.entity';
import { AppConfig } from '../../src/config/app-config';
import { DigestRuns } from '../../src/digests/digest-runs';
import { writeSections } from '../../src/documents/document-text';
import { EditBursts } from '../../src/documents/edit-bursts';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { Indicator } from '../../src/frameworks/indicator.entity';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { paragraphMessage, RawCollabClient } from '../support/raw-collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

/** What agencies could type that must come out as characters in every rendering (issue 11, item 5). */
const HOSTILE = 'Beware <script>alert("x")</script> and </w:t><w:t>injected and ${process.env.SECRET} & more';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Files written to a temporary folder for the command-line readers (unzip, pdftotext, pdfinfo). */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'concert-reports-'));
let files = 0;
function onDisk(bytes: Buffer, extension: string): string {
  const file = path.join(scratch, `${++files}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

/** The main part of a Word document: word/document.xml, as Word reads it. */
const documentXml = (docx: Buffer) => execFileSync('unzip', ['-p', onDisk(docx, 'docx'), 'word/document.xml']).toString('utf8');
const footerXml = (docx: Buffer) => execFileSync('unzip', ['-p', onDisk(docx, 'docx'), 'word/footer1.xml']).toString('utf8');

/** The text of a Word document's runs, entities decoded, one paragraph per line. */
function wordText(xml: string): string {
  const decode = (text: string) =>
    text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join(''))
    .join('\n')
    .trim();
}

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', onDisk(pdf, 'pdf'), '-']).toString('utf8');
const pdfPages = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [onDisk(pdf, 'pdf')]).toString('utf8'))![1]);

/**
 * The consolidated progress report (issue 11): created by the secretariat for a framework and cycle, composed from the
 * cycle's reporting, downloaded as Word, PDF and HTML, its summary co-edited live and frozen when issued, editions
 * kept byte for byte with a word-level diff.
 */
describe('consolidated reports', () => {
  let t: TestApp;
  let users: Record<'secretariat' | 'faoFocal' | 'faoStaff' | 'wfpFocal' | 'wfpStaff' | 'unescoFocal', User>;
  let as: Record<keyof typeof users, ApiClient>;
  let framework: Framework;
  let cycle: ReportingCycle;
  let commitments: Record<'first' | 'second' | 'untouched', Commitment>;
  let indicators: Record<'countries' | 'policies', Indicator>;
  const collab: CollabClient[] = [];
  const raw: RawCollabClient[] = [];

  const open = async (client: ApiClient, documentId: string) => {
    const c = CollabClient.connect(t.baseUrl, client, documentId);
    collab.push(c);
    await c.synced();
    return c;
  };
  const rawSocket = async (client: ApiClient) => {
    const socket = await RawCollabClient.connect(t.baseUrl, { cookie: client.sessionCookie });
    raw.push(socket);
    return socket;
  };

  /** Writes the sections into a live document as a user would type them, and waits until its text is materialized. */
  async function write(client: ApiClient, documentId: string, sections: { heading: string; paragraphs: string[] }[]): Promise<void> {
    const writer = await open(client, documentId);
    writeSections(writer.doc, sections);
    await writer.durable();
    const last = sections.at(-1)!.paragraphs.at(-1)!;
    await eventually(async () => (await as.unescoFocal.get(`/api/documents/${documentId}`)).body.text.endsWith(last), 'the text is materialized');
  }

  async function createReport(client = as.secretariat, forCycle = cycle): Promise<any> {
    return client.post(`/api/frameworks/${framework.id}/consolidated-reports`, { cycleId: forCycle.id });
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(EditBursts).settleAfterMs = 100;
    users = {
      secretariat: await t.factory.user({ role: 'secretariat' }),
      faoFocal: await t.factory.user({ agency: 'FAO', role: 'focal_point' }),
      faoStaff: await t.factory.user({ agency: 'FAO', role: 'staff' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      wfpStaff: await t.factory.user({ agency: 'WFP', role: 'staff' }),
      unescoFocal: await t.factory.user({ agency: 'UNESCO', role: 'focal_point' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;

    framework = await t.factory.framework({ code: 'BPOA-T', title: 'Brussels Programme of Action for the Least Developed Countries' });
    cycle = await t.factory.cycle(framework, { label: '2007-H1', opensOn: '2026-01-01', dueOn: '2099-06-30', closesOn: '2099-07-31' });
    commitments = {
      first: await t.factory.commitment({ framework, reference: 'BPOA-T-1', lead: ['FAO'], contributing: ['WFP'], status: 'on_track' }),
      second: await t.factory.commitment({ framework, reference: 'BPOA-T-2', lead: ['WFP'], contributing: ['FAO'], status: 'at_risk' }),
      // Nobody reports on it in the cycle: the report names it as not started.
      untouched: await t.factory.commitment({ framework, reference: 'BPOA-T-3', lead: ['UNESCO'] }),
    };
    indicators = {
      countries: await t.factory.indicator(commitments.first, { name: 'Countries supported', target: 20 }),
      policies: await t.factory.indicator(commitments.second, { name: 'Policies reviewed', target: 8 }),
    };

    await write(as.faoStaff, commitments.first.reportDocumentId, [
      { heading: 'Progress', paragraphs: ['FAO trained officials of 12 ministries in policy analysis.', HOSTILE] },
    ]);

    // FAO's report on the first commitment: written, submitted with a value and accepted by FAO (the lead).
    const faoReport = await t.factory.activityReport({ commitment: commitments.first, cycle, agency: 'FAO', state: 'draft', by: users.faoFocal });
    await write(as.faoStaff, faoReport.documentId, [{ heading: 'Activities', paragraphs: ['FAO mainstreamed the Programme in 12 country offices.'] }]);
    let answer = await as.faoFocal.patch(`/api/activity-reports/${faoReport.id}`, {
      version: 1,
      indicatorValues: [{ indicatorId: indicators.countries.id, value: 12 }],
    });
    expect(answer.status).toBe(200);
    answer = await as.faoFocal.post(`/api/activity-reports/${faoReport.id}/submit`, { version: answer.body.version });
    expect(answer.status).toBe(200);
    answer = await as.faoFocal.post(`/api/activity-reports/${faoReport.id}/accept`, { version: answer.body.version });
    expect(answer.status).toBe(200);
    // WFP's report on the first commitment was returned; on the second it is submitted with a value; FAO's is missing.
    await t.factory.activityReport({ commitment: commitments.first, cycle, agency: 'WFP', state: 'returned', by: users.wfpFocal });
    const wfpReport = await t.factory.activityReport({ commitment: commitments.second, cycle, agency: 'WFP', state: 'draft', by: users.wfpFocal });
    answer = await as.wfpFocal.patch(`/api/activity-reports/${wfpReport.id}`, { version: 1, indicatorValues: [{ indicatorId: indicators.policies.id, value: 3 }] });
    expect(answer.status).toBe(200);
    expect((await as.wfpFocal.post(`/api/activity-reports/${wfpReport.id}/submit`, { version: answer.body.version })).status).toBe(200);
  });
  afterEach(() => {
    for (const c of collab.splice(0)) c.close();
    for (const socket of raw.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  describe('POST /api/frameworks/:id/consolidated-reports', () => {
    it('refuses the anonymous (401), everyone but the secretariat (403), and bad input (400), creating nothing', async () => {
      expect((await createReport(t.anonymous())).status).toBe(401);
      for (const client of [as.faoFocal, as.wfpStaff]) {
        const refused = await createReport(client);
        expect(refused.status).toBe(403);
        expect(refused.body.error).toEqual({
          code: 'forbidden',
          message: 'Only the secretariat can create, issue or reopen consolidated reports.',
          details: { reason: 'secretariat_only_consolidated_reports' },
        });
      }
      const notUuid = await as.secretariat.post(`/api/frameworks/${framework.id}/consolidated-reports`, { cycleId: 'H1' });
      expect(notUuid.status).toBe(400);
      expect(notUuid.body.error.details.fields).toEqual(['cycleId']);
      const otherCycle = await t.factory.cycle(await t.factory.framework());
      const elsewhere = await createReport(as.secretariat, otherCycle);
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.error).toMatchObject({ code: 'invalid_input', message: 'cycleId names no reporting cycle of this framework.' });
      const noFramework = await as.secretariat.post('/api/frameworks/00000000-0000-4000-8000-000000000000/consolidated-reports', { cycleId: cycle.id });
      expect(noFramework.status).toBe(404);
      expect((await as.secretariat.get(`/api/consolidated-reports?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('creates the draft with its live summary, records the change, and answers 409 for a second one of the same cycle', async () => {
      const created = await createReport();
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ frameworkId: framework.id, cycleId: cycle.id, state: 'draft', edition: 0, version: 1 });
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const summary = await as.unescoFocal.get(`/api/documents/${created.body.summaryDocumentId}`);
      expect(summary.status).toBe(200);
      expect(summary.body.owner).toMatchObject({ kind: 'consolidated_summary', entityType: 'consolidated_report', entityId: created.body.id });

      const again = await createReport();
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('consolidated_report_exists');

      const feed = await as.unescoFocal.get(`/api/changes?frameworkId=${framework.id}&limit=50`);
      const events = feed.body.items.filter((c: any) => c.entityType === 'consolidated_report');
      expect(events.map((c: any) => [c.action, c.entityId, c.summary])).toEqual([
        ['created', created.body.id, 'CEB started the 2007-H1 consolidated report of BPOA-T'],
      ]);
    });
  });

  describe('reading', () => {
    let report: any;
    beforeAll(async () => {
      report = (await as.secretariat.get(`/api/consolidated-reports?frameworkId=${framework.id}&cycleId=${cycle.id}`)).body.items[0];
    });

    it('lists and gets reports for every signed-in user, 404 for none, 400 for a malformed id', async () => {
      const list = await as.wfpStaff.get(`/api/consolidated-reports?frameworkId=${framework.id}`);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: report.id, state: 'draft' }] });
      expect((await as.wfpStaff.get(`/api/consolidated-reports?cycleId=${cycle.id}`)).body.items.map((r: any) => r.id)).toEqual([report.id]);
      expect((await as.wfpStaff.get(`/api/consolidated-reports/${report.id}`)).body).toMatchObject({ id: report.id, edition: 0 });
      expect((await as.wfpStaff.get('/api/consolidated-reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await as.wfpStaff.get('/api/consolidated-reports/report-1')).status).toBe(400);
      expect((await as.wfpStaff.get('/api/consolidated-reports?frameworkId=nope')).status).toBe(400);
      expect((await t.anonymous().get(`/api/consolidated-reports/${report.id}`)).status).toBe(401);
    });

    it('gives the draft as a Word document: headings, numbered paragraphs, the commitments, texts, tables, contents, page numbers, A4', async () => {
      await write(as.faoFocal, report.summaryDocumentId, [{ heading: 'Overview', paragraphs: ['The Board is invited to take note of progress.'] }]);
      const answer = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(DOCX);
      expect(answer.headers.get('content-disposition')).toContain('filename="BPOA-T 2007-H1 consolidated report, draft.docx"');
      const xml = documentXml(answer.bytes);
      const text = wordText(xml);
      expect(text).toContain('Brussels Programme of Action for the Least Developed Countries');
      for (const reference of ['BPOA-T-1', 'BPOA-T-2', 'BPOA-T-3']) expect(text).toContain(reference);
      // Heading styles Word's navigation pane lists, one per commitment among them.
      const headings = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<\/w:p>/g)].map((m) => wordText(m[0]));
      expect(headings).toEqual(
        expect.arrayContaining(['Executive summary', 'BPOA-T-1. Test commitment', 'BPOA-T-2. Test commitment', 'Annex: accountability grid']),
      );
      // The summary, the commitment's report and FAO's accepted narrative, as numbered paragraphs.
      expect(text).toContain('The Board is invited to take note of progress.');
      expect(text).toContain('FAO trained officials of 12 ministries in policy analysis.');
      expect(text).toContain('FAO mainstreamed the Programme in 12 country offices.');
      expect(xml).toMatch(/<w:numPr>/);
      // Who has not delivered, by name.
      expect(text).toContain('WFP: report returned (Please add the indicator values.).');
      expect(text).toContain('FAO: no report yet (missing).');
      expect(text).toContain('WFP: report submitted, awaiting review.');
      // A table per indicator (besides the facts, the cycle's picture and the grid), with the agencies' values.
      expect(text).toContain('Countries supported (entities)');
      expect(text).toContain('Policies reviewed (entities)');
      expect(xml.match(/<w:tbl>/g)!.length).toBe(2 + 2 + 1 + 1);
      expect(xml).toMatch(/<w:instrText[^>]*>TOC [^<]*1-2/);
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(footerXml(answer.bytes)).toMatch(/PAGE/);
    });

    it("puts agencies' text into the Word document and the HTML as characters, never as markup", async () => {
      const docx = documentXml((await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx`)).bytes);
      expect(wordText(docx)).toContain(HOSTILE);
      expect(docx).not.toContain('<script>');
      expect(docx).not.toContain('<w:t>injected');
      const html = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=html`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = html.bytes.toString('utf8');
      expect(page).not.toMatch(/<script/i);
      expect(page).toContain('Beware &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and &lt;/w:t&gt;&lt;w:t&gt;injected and ${process.env.SECRET} &amp; more');
    });

    it('gives the draft as a PDF printed by Chromium: the title, every reference, the text as typed, several pages', async () => {
      const answer = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=pdf`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/pdf');
      expect(answer.headers.get('content-disposition')).toContain('BPOA-T 2007-H1 consolidated report, draft.pdf');
      const text = pdfText(answer.bytes).replace(/\s+/g, ' ');
      expect(text).toContain('Brussels Programme of Action for the Least Developed Countries');
      for (const reference of ['BPOA-T-1', 'BPOA-T-2', 'BPOA-T-3']) expect(text).toContain(reference);
      expect(text).toContain('Beware <script>alert("x")</script> and </w:t><w:t>injected and ${process.env.SECRET} & more');
      expect(pdfPages(answer.bytes)).toBeGreaterThan(1);
    });

    it('refuses an unknown format or edition (400), an edition never issued (404), and records downloads in the audit trail', async () => {
      const badFormat = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=odt`);
      expect(badFormat.status).toBe(400);
      expect(badFormat.body.error.details.fields).toEqual(['format']);
      expect((await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx&edition=0`)).status).toBe(400);
      expect((await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx&edition=7`)).status).toBe(404);
      expect((await as.wfpStaff.download(`/api/consolidated-reports/00000000-0000-4000-8000-000000000000/export?format=docx`)).status).toBe(404);
      const audit = await as.secretariat.get(`/api/admin/audit-events?action=consolidated_report.downloaded&actorUserId=${users.wfpStaff.id}&limit=50`);
      expect(audit.status).toBe(200);
      expect(audit.body.items.map((e: any) => e.details.format).sort()).toEqual(['docx', 'docx', 'html', 'pdf']);
      const feed = await as.unescoFocal.get(`/api/changes?frameworkId=${framework.id}&limit=50`);
      // Downloads are reads: nothing in the change feed but the creation (and the summary's edits).
      expect(feed.body.items.filter((c: any) => c.entityType === 'consolidated_report' && c.action !== 'text_edited').map((c: any) => c.action)).toEqual(['created']);
    });

    it("writes the report's own headings and labels in the language asked for at export: French in Word, HTML and PDF", async () => {
      const docx = await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=docx&locale=fr`);
      expect(docx.status).toBe(200);
      const xml = documentXml(docx.bytes);
      const headings = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<\/w:p>/g)].map((m) => wordText(m[0]));
      expect(headings).toEqual(expect.arrayContaining(['Résumé analytique', 'Aperçu du cycle', 'Annexe\u00a0: grille de responsabilité']));
      expect(headings).not.toContain('Executive summary');
      const text = wordText(xml);
      expect(text).toContain('WFP\u00a0: rapport renvoyé (Please add the indicator values.).');
      expect(text).toContain('Organismes chefs de file');
      // What people wrote stays as they wrote it; dates in French.
      expect(text).toContain('FAO trained officials of 12 ministries in policy analysis.');
      expect(text).toContain('cycle de rapport 2007-H1 (du 1 janvier 2026 au 31 juillet 2099');
      expect(xml).not.toContain('<w:bidi/>');

      const html = (await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=html&locale=fr`)).bytes.toString('utf8');
      expect(html).toContain('<html lang="fr" dir="ltr">');
      expect(html).toContain('<h2 id="summary">Résumé analytique</h2>');
      expect(html).toContain('Projet d’édition 1');

      const pdf = pdfText((await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=pdf&locale=fr`)).bytes).replace(/\s+/g, ' ');
      expect(pdf).toContain('Résumé analytique');
      expect(pdf).toContain('Annexe : grille de responsabilité');
      expect(pdf).toMatch(/Page 1 sur \d+/);
      expect(pdf).not.toContain('Executive summary');
    });

    it('lays an Arabic report out right to left: html dir="rtl" lang="ar", Arabic headings, bidirectional Word paragraphs, the PDF printed from it', async () => {
      const html = await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=html&locale=ar`);
      expect(html.status).toBe(200);
      const page = html.bytes.toString('utf8');
      expect(page).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
      expect(page).toContain('<h2 id="summary">موجز تنفيذي</h2>');
      expect(page).toContain('<h2 id="annex">المرفق: جدول المساءلة</h2>');
      expect(page).toContain('WFP: أُعيد التقرير (Please add the indicator values.).');
      expect(page).not.toContain('Executive summary');

      const docx = await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=docx&locale=ar`);
      expect(docx.status).toBe(200);
      const xml = documentXml(docx.bytes);
      const headings = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<\/w:p>/g)].map((m) => m[0]);
      expect(headings.map(wordText)).toEqual(expect.arrayContaining(['موجز تنفيذي', 'المرفق: جدول المساءلة']));
      // Every heading is a right-to-left paragraph of right-to-left runs; tables are laid out from the right.
      for (const heading of headings) expect(heading).toMatch(/<w:bidi\/>.*<w:rtl\/>/);
      expect(xml).toContain('<w:bidiVisual/>');
      expect(wordText(xml)).toContain('FAO mainstreamed the Programme in 12 country offices.');

      // The PDF is the Arabic HTML printed.
      const pdf = await as.unescoFocal.download(`/api/consolidated-reports/${report.id}/export?format=pdf&locale=ar`);
      expect(pdf.status).toBe(200);
      // pdftotext marks each run's direction (U+202A–U+202E) and lays lines out as printed.
      const printed = pdfText(pdf.bytes).replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
      expect(printed).toContain('موجز تنفيذي');
      expect(printed).toMatch(/الصفحة ?1 ?من ?\d+/);
      expect(printed).toContain('BPOA-T-1');
      expect(printed).not.toContain('Executive summary');
    });

    it("writes a draft in the user's own language when no locale is asked for (English for those who chose none); 400 naming locale for another", async () => {
      const reader = await t.as((await t.factory.user({ agency: 'FAO', role: 'staff' })).email);
      const english = (await reader.download(`/api/consolidated-reports/${report.id}/export?format=html`)).bytes.toString('utf8');
      expect(english).toContain('<html lang="en" dir="ltr">');
      expect(english).toContain('<h2 id="summary">Executive summary</h2>');
      expect((await reader.patch('/api/me/preferences', { locale: 'es' })).status).toBe(200);
      const spanish = (await reader.download(`/api/consolidated-reports/${report.id}/export?format=html`)).bytes.toString('utf8');
      expect(spanish).toContain('<html lang="es" dir="ltr">');
      expect(spanish).toContain('<h2 id="summary">Resumen ejecutivo</h2>');
      // Asked for, another language wins over the stored one.
      const chinese = (await reader.download(`/api/consolidated-reports/${report.id}/export?format=html&locale=zh`)).bytes.toString('utf8');
      expect(chinese).toContain('<h2 id="summary">内容提要</h2>');

      for (const locale of ['xx', 'EN', 'fr-FR', '']) {
        const refused = await reader.download(`/api/consolidated-reports/${report.id}/export?format=html&locale=${locale}`);
        expect(refused.status).toBe(400);
        expect(refused.body.error.details.fields).toEqual(['locale']);
        expect(refused.body.error.message).toContain('locale must be one of ar, en, es, fr, ru, zh');
      }
    });

    it('composes in the same number of queries however many commitments, agencies and indicators the cycle holds', async () => {
      const composing = async () => {
        const queries: string[] = [];
        const logger = t.dataSource.logger;
        const logQuery = logger.logQuery.bind(logger);
        logger.logQuery = (query, parameters, runner) => {
          if (/commitments|activity_reports|indicator/.test(query)) queries.push(query);
          logQuery(query, parameters, runner);
        };
        try {
          expect((await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=html`)).status).toBe(200);
        } finally {
          logger.logQuery = logQuery;
        }
        return queries.length;
      };
      const before = await composing();
      for (let i = 0; i < 6; i++) {
        const commitment = await t.factory.commitment({ framework, reference: `BPOA-T-N${i}`, lead: ['ILO', 'FAO'], contributing: ['WHO'] });
        await t.factory.indicator(commitment);
        await t.factory.activityReport({ commitment, cycle, agency: 'ILO', state: 'submitted' });
        await t.factory.activityReport({ commitment, cycle, agency: 'WHO', state: 'draft' });
      }
      const html = (await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=html`)).bytes.toString('utf8');
      expect(html).toContain('BPOA-T-N5. Test commitment');
      expect(await composing()).toBe(before);
      expect(before).toBeLessThanOrEqual(6);
    });
  });

  describe('issuing, editions and the frozen summary', () => {
    let report: any;
    beforeAll(async () => {
      report = (await as.secretariat.get(`/api/consolidated-reports?frameworkId=${framework.id}`)).body.items[0];
    });

    it('lets only the secretariat issue, at the current version; the edition is frozen, kept and recorded', async () => {
      expect((await t.anonymous().post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version })).status).toBe(401);
      expect((await as.faoFocal.post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version })).status).toBe(403);
      expect((await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, {})).status).toBe(400);
      const stale = await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version + 5 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('stale_version');
      expect((await as.secretariat.post('/api/consolidated-reports/00000000-0000-4000-8000-000000000000/issue', { version: 1 })).status).toBe(404);
      expect((await as.secretariat.get(`/api/consolidated-reports/${report.id}/editions`)).body).toEqual({ items: [], total: 0 });

      const issued = await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version });
      expect(issued.status).toBe(200);
      expect(issued.body).toMatchObject({ id: report.id, state: 'issued', edition: 1, version: report.version + 1 });
      report = issued.body;

      const again = await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('consolidated_report_issued');

      const editions = await as.wfpStaff.get(`/api/consolidated-reports/${report.id}/editions`);
      expect(editions.body).toMatchObject({ total: 1, items: [{ edition: 1, issuedBy: { userId: users.secretariat.id, agencyCode: 'CEB' } }] });
      expect(editions.body.items[0].docxBytes).toBeGreaterThan(1000);
      expect(editions.body.items[0].pdfBytes).toBeGreaterThan(1000);
      const feed = await as.unescoFocal.get(`/api/changes?frameworkId=${framework.id}&limit=50`);
      const actions = feed.body.items.filter((c: any) => c.entityType === 'consolidated_report' && c.action !== 'text_edited').map((c: any) => c.action);
      expect(actions).toEqual(['created', 'issued']);
      // The feed can be asked for consolidated reports' changes alone, like any other kind it records.
      const reports = await as.unescoFocal.get(`/api/changes?entityType=consolidated_report&entityId=${report.id}&limit=50`);
      expect(reports.status).toBe(200);
      expect(reports.body.items.filter((c: any) => c.action !== 'text_edited').map((c: any) => c.action)).toEqual(['created', 'issued']);
    });

    it('keeps the issued summary’s discussions readable and closed to new comments until it is reopened', async () => {
      expect(report.state).toBe('issued');
      const thread = await as.faoFocal.post(`/api/documents/${report.summaryDocumentId}/threads`, { body: 'Can paragraph 3 name the countries?' });
      expect(thread.status).toBe(409);
      expect(thread.body.error.code).toBe('discussion_closed');
      const threads = await as.faoFocal.get(`/api/documents/${report.summaryDocumentId}/threads`);
      expect(threads.status).toBe(200);
      // Why, as a reason code a client says in its user's language, and in English for the API's users.
      expect(threads.body.can).toEqual({
        comment: false,
        setAction: false,
        closedRefusal: { reason: 'summary_issued_discussion_closed', framework: 'BPOA-T', cycle: '2007-H1' },
        closedReason: "The summary of BPOA-T's 2007-H1 consolidated report is issued; its discussions are closed to new comments until the secretariat reopens it.",
      });
    });

    it('takes edit rights off a joined editor when the report is issued: a later update is refused and not stored', async () => {
      // Reopen for a round, with FAO's focal point joined as an editor and WFP's staff as a viewer.
      const reopened = await as.secretariat.post(`/api/consolidated-reports/${report.id}/reopen`, { version: report.version });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ state: 'draft', edition: 1 });
      report = reopened.body;
      const faoEditor = await rawSocket(as.faoFocal);
      expect(await faoEditor.join(report.summaryDocumentId)).toEqual({ ok: true, access: 'edit' });
      const wfpViewer = await rawSocket(as.wfpStaff);
      expect(await wfpViewer.join(report.summaryDocumentId)).toEqual({
        ok: true,
        access: 'view',
        reason: "The secretariat and the focal points of BPOA-T's lead agencies (FAO, ILO, UNESCO and WFP) edit this summary; you are viewing.",
        details: { reason: 'summary_edited_by', framework: 'BPOA-T', agencies: ['FAO', 'ILO', 'UNESCO', 'WFP'] },
      });
      expect(await faoEditor.sync(report.summaryDocumentId, paragraphMessage('Typed while the round is open.'))).toEqual({ ok: true });

      const issued = await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, { version: report.version });
      expect(issued.status).toBe(200);
      expect(issued.body.edition).toBe(2);
      report = issued.body;
      const frozen = 'This report is issued and frozen until the secretariat opens the next edit round; you are viewing.';
      await eventually(() => faoEditor.errors.some((e) => e.error.code === 'access_revoked'), 'the editor hears access_revoked');
      const frozenDetails = { reason: 'summary_issued_frozen' };
      expect(faoEditor.errors).toEqual([{ documentId: report.summaryDocumentId, error: { code: 'access_revoked', message: frozen, details: frozenDetails } }]);

      const stored = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM document_updates WHERE document_id = $1', [report.summaryDocumentId]))[0].n);
      const before = await stored();
      const refused = await faoEditor.sync(report.summaryDocumentId, paragraphMessage('Typed after the issue.'));
      expect(refused.ok).toBe(false);
      // Joining again gives a view-only seat, the secretariat's too, and an update there is refused as read-only.
      expect(await faoEditor.join(report.summaryDocumentId)).toEqual({ ok: true, access: 'view', reason: frozen, details: frozenDetails });
      const secretariat = await rawSocket(as.secretariat);
      expect(await secretariat.join(report.summaryDocumentId)).toEqual({ ok: true, access: 'view', reason: frozen, details: frozenDetails });
      const readOnly = await secretariat.sync(report.summaryDocumentId, paragraphMessage('The secretariat tries too.'));
      expect(readOnly).toMatchObject({ ok: false, error: { code: 'read_only' } });
      expect(await stored()).toBe(before);
    });

    it('keeps each edition byte for byte after later edits, and diffs an edition with the one before word by word', async () => {
      const editionOne = {
        docx: (await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx&edition=1`)).bytes,
        pdf: (await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=pdf&edition=1`)).bytes,
      };
      const named = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=pdf&edition=1`);
      expect(named.headers.get('content-disposition')).toContain('BPOA-T 2007-H1 consolidated report, edition 1.pdf');
      expect(pdfText(editionOne.pdf)).toContain('Edition 1');

      // A new round: the summary and a commitment's report change, then edition 3 is issued.
      const reopened = await as.secretariat.post(`/api/consolidated-reports/${report.id}/reopen`, { version: report.version });
      expect(reopened.status).toBe(200);
      await write(as.secretariat, report.summaryDocumentId, [{ heading: 'Addendum', paragraphs: ['Funding for 2008 was confirmed by the donors.'] }]);
      await write(as.faoStaff, commitments.first.reportDocumentId, [{ heading: 'Update', paragraphs: ['Two more ministries joined.'] }]);
      const issued = await as.secretariat.post(`/api/consolidated-reports/${report.id}/issue`, { version: reopened.body.version });
      expect(issued.status).toBe(200);
      expect(issued.body.edition).toBe(3);

      const again = {
        docx: (await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx&edition=1`)).bytes,
        pdf: (await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=pdf&edition=1`)).bytes,
      };
      expect(again.docx.equals(editionOne.docx)).toBe(true);
      expect(again.pdf.equals(editionOne.pdf)).toBe(true);
      // An edition keeps the files it was issued with, whatever language is asked for.
      const inFrench = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx&edition=1&locale=fr`);
      expect(inFrench.bytes.equals(editionOne.docx)).toBe(true);
      expect(wordText(documentXml(again.docx))).not.toContain('Funding for 2008');
      // Without an edition, an issued report gives its latest edition.
      const latest = await as.wfpStaff.download(`/api/consolidated-reports/${report.id}/export?format=docx`);
      expect(latest.headers.get('content-disposition')).toContain('edition 3.docx');
      expect(wordText(documentXml(latest.bytes))).toContain('Funding for 2008 was confirmed by the donors.');

      const diff = await as.wfpStaff.get(`/api/consolidated-reports/${report.id}/editions/3/diff`);
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({ edition: 3, previousEdition: 2 });
      const added = diff.body.changes.filter((c: any) => c.added).map((c: any) => c.value).join('');
      expect(added).toContain('Funding for 2008 was confirmed by the donors.');
      expect(added).toContain('Two more ministries joined.');
      const first = await as.wfpStaff.get(`/api/consolidated-reports/${report.id}/editions/1/diff`);
      expect(first.body.previousEdition).toBeNull();
      expect(first.body.changes.every((c: any) => c.added)).toBe(true);
      expect((await as.wfpStaff.get(`/api/consolidated-reports/${report.id}/editions/9/diff`)).status).toBe(404);
      expect((await as.wfpStaff.get(`/api/consolidated-reports/${report.id}/editions/one/diff`)).status).toBe(400);
    });

    it('shows an issue on the live dashboards of the framework and in the digests of those who take part in it', async () => {
      const reader = await t.factory.user({ agency: 'UNESCO', role: 'staff' });
      const readerClient = await t.as(reader.email);
      const asOf = new Date(Date.now() + 3_600_000);
      expect((await readerClient.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
      const dashboard = await rawSocket(readerClient);
      expect(await dashboard.watch(framework.id)).toMatchObject({ ok: true });

      const secondHalf = await t.factory.cycle(framework, { label: '2007-H2', opensOn: '2026-07-01', dueOn: '2099-12-31', closesOn: '2099-12-31' });
      const created = await createReport(as.secretariat, secondHalf);
      expect(created.status).toBe(201);
      expect((await as.secretariat.post(`/api/consolidated-reports/${created.body.id}/issue`, { version: 1 })).status).toBe(200);
      const summary = 'CEB issued edition 1 of the 2007-H2 consolidated report of BPOA-T';
      await eventually(() => dashboard.changes.some((c) => c.entityId === created.body.id && c.action === 'issued'), 'the dashboard hears the issue');
      expect(dashboard.changes.find((c) => c.action === 'issued')).toMatchObject({ summary, frameworkId: framework.id });

      const run = await t.app.get(DigestRuns).run('daily', asOf, [reader.id]);
      expect(run.mailed).toBe(1);
      const mails = await as.secretariat.get(`/api/admin/mail?kind=digest&limit=200`);
      const mailId = mails.body.items.find((m: any) => m.to === reader.email).id;
      const mail = (await as.secretariat.get(`/api/admin/mail/${mailId}`)).body;
      expect(mail.text).toContain(`== BPOA-T: Brussels Programme of Action for the Least Developed Countries ==`);
      expect(mail.text).toContain('Why you get this: UNESCO takes part in BPOA-T');
      expect(mail.text).toContain(summary);
      expect(mail.text).toContain(`/frameworks/${framework.id}?tab=reports`);
      expect(mail.html).toContain(summary);
    });

    it('lets only the secretariat reopen, and only an issued report (409 for a draft)', async () => {
      report = (await as.secretariat.get(`/api/consolidated-reports/${report.id}`)).body;
      expect((await as.faoFocal.post(`/api/consolidated-reports/${report.id}/reopen`, { version: report.version })).status).toBe(403);
      const reopened = await as.secretariat.post(`/api/consolidated-reports/${report.id}/reopen`, { version: report.version });
      expect(reopened.status).toBe(200);
      const twice = await as.secretariat.post(`/api/consolidated-reports/${report.id}/reopen`, { version: reopened.body.version });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('consolidated_report_not_issued');
    });
  });

  it('answers every route of a report with 401 for the anonymous, 404 for a report that does not exist, 400 for a malformed body', async () => {
    const nowhere = '00000000-0000-4000-8000-000000000000';
    const [report] = (await as.secretariat.get(`/api/consolidated-reports?frameworkId=${framework.id}&cycleId=${cycle.id}`)).body.items;
    const reads = ['', '/export?format=html', '/editions', '/editions/1/diff'];
    for (const path of reads) {
      expect([path, (await t.anonymous().get(`/api/consolidated-reports/${report.id}${path}`)).status]).toEqual([path, 401]);
      expect([path, (await as.wfpStaff.get(`/api/consolidated-reports/${nowhere}${path}`)).status]).toEqual([path, 404]);
    }
    for (const action of ['issue', 'reopen']) {
      expect((await t.anonymous().post(`/api/consolidated-reports/${report.id}/${action}`, { version: 1 })).status).toBe(401);
      expect((await as.secretariat.post(`/api/consolidated-reports/${nowhere}/${action}`, { version: 1 })).status).toBe(404);
      const malformed = await as.secretariat.post(`/api/consolidated-reports/${report.id}/${action}`, { version: 'one' });
      expect([malformed.status, malformed.body.error.details.fields]).toEqual([400, ['version']]);
    }
    expect((await t.anonymous().get(`/api/frameworks/${framework.id}/accountability/export?cycleId=${cycle.id}&format=csv`)).status).toBe(401);
  });

  describe('without a browser', () => {
    it('answers a PDF with 503 naming CHROMIUM_PATH, while Word and HTML still work', async () => {
      // The running app's setting pointed at nothing, as if Chromium were not installed (read at each rendering).
      const config: { chromiumPath: string } = t.app.get(AppConfig);
      const installed = config.chromiumPath;
      config.chromiumPath = '/nonexistent/chromium';
      try {
        const fw = await t.factory.framework();
        const c = await t.factory.cycle(fw);
        const created = await as.secretariat.post(`/api/frameworks/${fw.id}/consolidated-reports`, { cycleId: c.id });
        expect(created.status).toBe(201);
        const pdf = await as.wfpStaff.download(`/api/consolidated-reports/${created.body.id}/export?format=pdf`);
        expect(pdf.status).toBe(503);
        expect(pdf.body.error).toEqual({
          code: 'pdf_unavailable',
          message:
            'PDF rendering needs headless Chromium: set CHROMIUM_PATH to its executable (now /nonexistent/chromium: no such file). Word and HTML downloads still work.',
        });
        expect((await as.wfpStaff.download(`/api/consolidated-reports/${created.body.id}/export?format=docx`)).status).toBe(200);
        expect((await as.wfpStaff.download(`/api/consolidated-reports/${created.body.id}/export?format=html`)).status).toBe(200);
        // Issuing works too: the edition's PDF is printed from its kept HTML once a browser is back.
        const issued = await as.secretariat.post(`/api/consolidated-reports/${created.body.id}/issue`, { version: 1 });
        expect(issued.status).toBe(200);
        expect((await as.wfpStaff.get(`/api/consolidated-reports/${created.body.id}/editions`)).body.items[0].pdfBytes).toBeNull();
        config.chromiumPath = installed;
        const later = await as.wfpStaff.download(`/api/consolidated-reports/${created.body.id}/export?format=pdf&edition=1`);
        expect(later.status).toBe(200);
        const again = await as.wfpStaff.download(`/api/consolidated-reports/${created.body.id}/export?format=pdf&edition=1`);
        expect(again.bytes.equals(later.bytes)).toBe(true);
      } finally {
        config.chromiumPath = installed;
      }
    });
  });
});
