import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { User } from '../../src/accounts/user.entity';
import { ChangesRepository } from '../../src/changes/changes.repository';
import { writeSections } from '../../src/documents/document-text';
import { EditBursts } from '../../src/documents/edit-bursts';
import { Transactions } from '../../src/database/transactions';
import { COLLAB_NAMESPACE, type LiveChange, type WatchAck } from '../../src/collaboration/protocol';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

const SETTLE_MS = 100;

/** A dashboard's socket: watches frameworks and records the change events pushed to it. */
class Dashboard {
  readonly changes: LiveChange[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('change', (change: LiveChange) => this.changes.push(change));
  }

  static async connect(baseUrl: string, client: ApiClient): Promise<Dashboard> {
    const socket = io(`${baseUrl}${COLLAB_NAMESPACE}`, {
      transports: ['websocket'],
      extraHeaders: { cookie: client.sessionCookie! },
      forceNew: true,
      reconnection: false,
    });
    const dashboard = new Dashboard(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return dashboard;
  }

  watch(frameworkId: unknown): Promise<WatchAck> {
    return this.socket.timeout(5_000).emitWithAck('watch', frameworkId) as Promise<WatchAck>;
  }

  async next(predicate: (change: LiveChange) => boolean, what: string): Promise<LiveChange> {
    await eventually(() => this.changes.some(predicate), what);
    return this.changes.find(predicate)!;
  }

  close(): void {
    this.socket.disconnect();
  }
}

/**
 * What live editing leaves behind once edits settle (issue 3, items 5, 6 and 8): the document's text and sanitized
 * HTML stored beside it, one `text_edited` change event per editor of a burst, change events pushed to the
 * framework's live dashboards, and the narrative kept at acceptance with a word-level diff between cycles.
 */
describe('live documents: materialized text, change events, dashboards and cycle snapshots', () => {
  let t: TestApp;
  let users: Record<'faoFocal' | 'faoStaff' | 'faoWriter' | 'wfpFocal' | 'wfpStaff' | 'unescoFocal', User>;
  let as: Record<keyof typeof users, ApiClient>;
  const clients: CollabClient[] = [];
  const dashboards: Dashboard[] = [];
  const open = (client: ApiClient, documentId: string) => {
    const collab = CollabClient.connect(t.baseUrl, client, documentId);
    clients.push(collab);
    return collab;
  };
  const dashboard = async (client: ApiClient) => {
    const socket = await Dashboard.connect(t.baseUrl, client);
    dashboards.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(EditBursts).settleAfterMs = SETTLE_MS;
    users = {
      faoFocal: await t.factory.user({ agency: 'FAO', role: 'focal_point' }),
      faoStaff: await t.factory.user({ agency: 'FAO', role: 'staff' }),
      faoWriter: await t.factory.user({ agency: 'FAO', role: 'staff' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      wfpStaff: await t.factory.user({ agency: 'WFP', role: 'staff' }),
      unescoFocal: await t.factory.user({ agency: 'UNESCO', role: 'focal_point' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    for (const socket of dashboards.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function materialized(documentId: string): Promise<{ text: string; html: string }> {
    const response = await as.unescoFocal.get(`/api/documents/${documentId}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function textEdits(commitmentId: string): Promise<any[]> {
    const response = await as.unescoFocal.get(`/api/changes?commitmentId=${commitmentId}&limit=200`);
    expect(response.status).toBe(200);
    return response.body.items.filter((change: any) => change.action === 'text_edited');
  }

  it("stores the document's text and HTML once edits settle, and GET /api/documents/:id returns them", async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    expect(await materialized(documentId)).toMatchObject({ id: documentId, text: '', html: '' });
    const writer = open(as.faoStaff, documentId);
    await writer.synced();
    writeSections(writer.doc, [{ heading: 'Background', paragraphs: ['FAO and WFP agreed on a joint plan.', 'Funding is secured.'] }]);
    await writer.durable();
    await eventually(async () => (await materialized(documentId)).text !== '', 'the text is materialized');
    const document = await materialized(documentId);
    expect(document.text).toBe('Background\nFAO and WFP agreed on a joint plan.\nFunding is secured.');
    expect(document.html).toBe('<h2>Background</h2><p>FAO and WFP agreed on a joint plan.</p><p>Funding is secured.</p>');
    expect(document).toMatchObject({ owner: { kind: 'commitment_report', commitmentId: commitment.id } });
    const [row]: { text: string; html: string }[] = await t.dataSource.query('SELECT text, html FROM documents WHERE id = $1', [documentId]);
    expect(row).toEqual({ text: document.text, html: document.html });

    // A later edit is materialized too.
    writer.type('Seeds reached 200 farmers.');
    await writer.durable();
    await eventually(async () => (await materialized(documentId)).text.endsWith('Seeds reached 200 farmers.'), 'the later edit is materialized');
    expect((await materialized(documentId)).html).toBe(
      '<h2>Background</h2><p>FAO and WFP agreed on a joint plan.</p><p>Funding is secured.</p><p>Seeds reached 200 farmers.</p>',
    );
  });

  it('materializes text that is being typed without a pause: a burst ends LONGEST_BURST_MS after its first edit', async () => {
    const bursts = t.app.get(EditBursts);
    const { settleAfterMs, longestBurstMs } = bursts;
    // Pauses never come (edits every 50 ms, a burst needs 2 s of quiet); a burst may last 400 ms at most.
    bursts.settleAfterMs = 2_000;
    bursts.longestBurstMs = 400;
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const writer = open(as.faoStaff, commitment.reportDocumentId);
    await writer.synced();
    let typing = true;
    let typed = 0;
    const typist = (async () => {
      while (typing) {
        writer.type(`Line ${++typed}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    try {
      await eventually(async () => (await materialized(commitment.reportDocumentId)).text.startsWith('Line 1'), 'text materialized while typing goes on');
      expect(typing).toBe(true);
    } finally {
      typing = false;
      await typist;
      bursts.settleAfterMs = settleAfterMs;
      bursts.longestBurstMs = longestBurstMs;
    }
  });

  it('escapes what users type in the stored HTML: no script, no event-handler attribute, no javascript: link', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const documentId = commitment.reportDocumentId;
    const writer = open(as.faoStaff, documentId);
    await writer.synced();
    const script = '<script>alert(1)</script>';
    const breakout = '"><img src=x onerror=alert(1)>';
    writer.type(script);
    writer.type(breakout);
    // What a hostile client can put in the Yjs tree beyond text: an element named img with a handler, a javascript: link.
    const img = new Y.XmlElement('img');
    img.setAttribute('src', 'x');
    img.setAttribute('onerror', 'alert(2)');
    const linked = new Y.XmlText();
    linked.insert(0, 'click me', { link: { href: 'javascript:alert(3)' } });
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [linked]);
    writer.text.push([img, paragraph]);
    await writer.durable();

    await eventually(async () => (await materialized(documentId)).text.includes('click me'), 'the text is materialized');
    const { text, html } = await materialized(documentId);
    expect(text).toBe(`${script}\n${breakout}\nclick me`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('click me');
  });

  it('keeps http(s) and mailto links in the stored HTML and drops every other href (javascript:, data:, vbscript:), keeping the text', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const documentId = commitment.reportDocumentId;
    const writer = open(as.faoStaff, documentId);
    await writer.synced();
    const links: [text: string, href: string][] = [
      ['report', 'https://example.org/report?cycle=2025&lang=en'],
      ['write', 'mailto:focal.point@example.org'],
      ['one', 'javascript:alert(1)'],
      ['two', 'JaVaScRiPt:alert(2)'],
      ['three', ' javascript:alert(3)'],
      ['four', 'java\tscript:alert(4)'],
      ['five', 'data:text/html,<script>alert(5)</script>'],
      ['six', 'vbscript:msgbox(6)'],
    ];
    // As TipTap's link mark arrives through Yjs: a formatting attribute on the text.
    const linked = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [linked]);
    writer.doc.transact(() => {
      writer.text.push([paragraph]);
      for (const [text, href] of links) linked.insert(linked.length, `${text} `, { link: { href } });
      // Unlinked: without `link: null`, Yjs would carry the previous piece's link on.
      linked.insert(linked.length, 'end', { link: null });
    });
    await writer.durable();

    await eventually(async () => (await materialized(documentId)).text.endsWith('end'), 'the linked paragraph is materialized');
    const { text, html } = await materialized(documentId);
    expect(text).toBe('report write one two three four five six end');
    expect(html).toBe(
      '<p><a href="https://example.org/report?cycle=2025&amp;lang=en">report </a><a href="mailto:focal.point@example.org">write </a>' +
        '<a>one </a><a>two </a><a>three </a><a>four </a><a>five </a><a>six </a>end</p>',
    );
    expect(html).not.toMatch(/javascript|vbscript|data:/i);
  });

  it("keeps each block's direction (dir ltr, rtl or auto, as the editor writes it) in the stored HTML and drops any other dir value", async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const documentId = commitment.reportDocumentId;
    const writer = open(as.faoStaff, documentId);
    await writer.synced();
    // As TipTap with textDirection 'auto' sends its blocks through Yjs: a `dir` attribute on each element.
    const block = (name: string, text: string, dir: string, attributes: Record<string, unknown> = {}) => {
      const element = new Y.XmlElement(name);
      element.setAttribute('dir', dir);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as string);
      element.insert(0, [new Y.XmlText(text)]);
      return element;
    };
    const item = new Y.XmlElement('listItem');
    item.setAttribute('dir', 'auto');
    item.insert(0, [block('paragraph', 'الأمن الغذائي', 'auto')]);
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [item]);
    writer.text.push([
      block('heading', 'التقدم المحرز', 'rtl', { level: 2 }),
      block('paragraph', 'وزعت منظمة الأغذية والزراعة البذور في ثلاث مقاطعات.', 'auto'),
      block('paragraph', 'FAO distributed seeds in three districts.', 'ltr'),
      block('paragraph', 'Sideways', 'sideways'),
      block('paragraph', 'Breakout', 'auto" onclick="alert(1)'),
      list,
    ]);
    await writer.durable();

    await eventually(async () => (await materialized(documentId)).text.includes('الأمن الغذائي'), 'the Arabic text is materialized');
    const { html } = await materialized(documentId);
    expect(html).toBe(
      '<h2 dir="rtl">التقدم المحرز</h2><p dir="auto">وزعت منظمة الأغذية والزراعة البذور في ثلاث مقاطعات.</p>' +
        '<p dir="ltr">FAO distributed seeds in three districts.</p><p>Sideways</p><p>Breakout</p>' +
        '<ul><li dir="auto"><p dir="auto">الأمن الغذائي</p></li></ul>',
    );
    expect(html).not.toMatch(/sideways"|onclick/i);
  });

  it('turns a burst by a FAO and a WFP user into exactly one text_edited event per user, with words added and the section touched', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const seeder = open(as.faoWriter, documentId);
    await seeder.synced();
    writeSections(seeder.doc, [
      { heading: 'Background', paragraphs: ['The programme began in 2024.'] },
      { heading: 'Progress', paragraphs: ['Work started.'] },
    ]);
    await seeder.durable();
    await eventually(async () => (await textEdits(commitment.id)).length === 1, "the seeder's own event");
    const [seeded] = await textEdits(commitment.id);
    expect(seeded.actor.userId).toBe(users.faoWriter.id);

    const fao = open(as.faoStaff, documentId);
    const wfp = open(as.wfpStaff, documentId);
    await Promise.all([fao.synced(), wfp.synced()]);
    await fao.until((c) => c.plain().includes('Work started.'), 'FAO has the seeded text');
    await wfp.until((c) => c.plain().includes('Work started.'), 'WFP has the seeded text');
    // Within one burst: FAO twice, WFP once, all appended under the Progress heading.
    fao.type('Seeds distributed in three districts');
    wfp.type('Rations reached 1200 households');
    fao.type('Training planned');
    await Promise.all([fao.durable(), wfp.durable()]);

    await eventually(async () => (await textEdits(commitment.id)).length >= 3, 'the burst is recorded');
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS * 5));
    const burst = (await textEdits(commitment.id)).filter((change) => change.id !== seeded.id);
    expect(burst.map((change) => change.actor.userId).sort()).toEqual([users.faoStaff.id, users.wfpStaff.id].sort());
    for (const change of burst) {
      expect(change).toMatchObject({ action: 'text_edited', entityType: 'commitment', entityId: commitment.id, commitmentId: commitment.id });
      expect(change.summary).toContain('+11 words');
      expect(change.summary).toContain('Progress');
      expect(change.summary).not.toContain('Background');
      expect(change.after).toMatchObject({ wordsAdded: 11, wordsRemoved: 0, sections: ['Progress'] });
    }
    expect(burst.find((change) => change.actor.userId === users.wfpStaff.id).actor.agencyCode).toBe('WFP');
    expect(burst.find((change) => change.actor.userId === users.faoStaff.id).actor.agencyCode).toBe('FAO');
  });

  it("pushes a watched framework's change events to a live dashboard: a status change and a text edit, nothing from other frameworks", async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const elsewhere = await t.factory.commitment({ lead: ['FAO'] });
    const watcher = await dashboard(as.unescoFocal);
    expect(await watcher.watch(framework.id)).toEqual({ ok: true });
    expect(await watcher.watch('not-a-framework-id')).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });

    const setStatus = async (target: Commitment, status: string) => {
      const current = await as.faoFocal.get(`/api/commitments/${target.id}`);
      const response = await as.faoFocal.patch(`/api/commitments/${target.id}`, { version: current.body.version, status });
      expect(response.status).toBe(200);
    };
    await setStatus(elsewhere, 'at_risk');
    await setStatus(commitment, 'on_track');
    const statusChange = await watcher.next((c) => c.action === 'status_changed', 'the status change');
    expect(statusChange).toEqual({
      id: expect.any(String),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      entityType: 'commitment',
      entityId: commitment.id,
      action: 'status_changed',
      frameworkId: framework.id,
      commitmentId: commitment.id,
      summary: expect.stringContaining('on_track'),
      // Told in facts too, which the dashboard words in its reader's language (issue #16).
      facts: { kind: 'commitmentStatusChanged', params: { agency: 'FAO', reference: commitment.reference, fromStatus: 'not_started', toStatus: 'on_track' } },
      actor: { userId: users.faoFocal.id, agencyCode: 'FAO' },
    });

    const editor = open(as.wfpStaff, commitment.reportDocumentId);
    await editor.synced();
    editor.type('WFP reports progress live.');
    await editor.durable();
    const textEdit = await watcher.next((c) => c.action === 'text_edited', 'the text edit');
    expect(textEdit).toMatchObject({
      entityType: 'commitment',
      entityId: commitment.id,
      frameworkId: framework.id,
      actor: { userId: users.wfpStaff.id, agencyCode: 'WFP' },
      summary: expect.stringContaining('+4 words'),
      facts: { kind: 'commitmentReportEdited', params: { agency: 'WFP', reference: commitment.reference, added: 4, removed: 0 } },
    });
    expect(watcher.changes.filter((change) => change.frameworkId !== framework.id)).toEqual([]);
    expect(watcher.changes.map((change) => change.action)).toEqual(['status_changed', 'text_edited']);

    // After unwatch nothing more arrives; a second dashboard still watching shows the event did go out.
    const other = await dashboard(as.faoStaff);
    expect(await other.watch(framework.id)).toEqual({ ok: true });
    watcher.socket.emit('unwatch', framework.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await setStatus(commitment, 'at_risk');
    await other.next((c) => c.action === 'status_changed', 'the second dashboard gets the status change');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.changes).toHaveLength(2);
  });

  it('hands a dashboard the events of a framework in the order they committed, however many arrive at once', async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'] });
    const watcher = await dashboard(as.faoStaff);
    expect(await watcher.watch(framework.id)).toEqual({ ok: true });

    // One transaction's 40 events reach every process together, at its commit: 40 reads of the feed under way at once.
    const count = 40;
    await t.app.get(Transactions).run(async (tx) => {
      for (let n = 1; n <= count; n++) {
        const change = { actor: null, entityType: 'commitment', entityId: commitment.id, action: 'status_changed' } as const;
        await t.app.get(ChangesRepository).append(tx, { ...change, frameworkId: framework.id, commitmentId: commitment.id, summary: `Burst ${n}` });
      }
    });
    await eventually(() => watcher.changes.length === count, () => `${count} events; got ${watcher.changes.length}`);
    expect(watcher.changes.map((change) => change.summary)).toEqual(Array.from({ length: count }, (_, n) => `Burst ${n + 1}`));
  });

  it("keeps each accepted narrative as its cycle's snapshot, and diffs it word by word against the agency's previous one", async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const first = await t.factory.cycle(framework, { label: '2026 H1', opensOn: '2026-01-01', dueOn: '2099-06-30', closesOn: '2099-07-31' });
    const second = await t.factory.cycle(framework, { label: '2026 H2', opensOn: '2026-07-01', dueOn: '2099-12-31', closesOn: '2100-01-31' });
    const textA = 'Seeds reached 200 farmers in Kassala.';
    const textB = 'Seeds reached 450 farmers in Kassala and Gedaref.';

    /** WFP writes its report for `cycle` live, submits it; FAO accepts it unless told not to. */
    const report = async (cycleId: string, narrative: string, accept: boolean) => {
      const created = await as.wfpFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId });
      expect(created.status).toBe(201);
      const writer = open(as.wfpStaff, created.body.documentId);
      await writer.synced();
      expect(writer.provider.access).toBe('edit');
      writer.type(narrative);
      await writer.durable();
      expect(writer.provider.lastError).toBeNull();
      const submitted = await as.wfpFocal.post(`/api/activity-reports/${created.body.id}/submit`, { version: created.body.version });
      expect(submitted.status).toBe(200);
      if (accept) {
        const accepted = await as.faoFocal.post(`/api/activity-reports/${created.body.id}/accept`, { version: submitted.body.version });
        expect(accepted.status).toBe(200);
        expect(accepted.body.state).toBe('accepted');
      }
      return { id: created.body.id as string, version: submitted.body.version as number };
    };

    const reportA = await report(first.id, textA, true);
    const firstDiff = await as.unescoFocal.get(`/api/activity-reports/${reportA.id}/diff`);
    expect(firstDiff.status).toBe(200);
    expect(firstDiff.body).toEqual({ reportId: reportA.id, previousReportId: null, previousCycleLabel: null, changes: [{ value: textA, added: true }] });

    const reportB = await report(second.id, textB, false);
    const notYet = await as.unescoFocal.get(`/api/activity-reports/${reportB.id}/diff`);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('activity_report_not_accepted');
    const accepted = await as.faoFocal.post(`/api/activity-reports/${reportB.id}/accept`, { version: reportB.version });
    expect(accepted.status).toBe(200);

    const diff = await as.unescoFocal.get(`/api/activity-reports/${reportB.id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ reportId: reportB.id, previousReportId: reportA.id, previousCycleLabel: '2026 H1' });
    const changes: { value: string; added?: true; removed?: true }[] = diff.body.changes;
    // Word by word (diffWords ignores whitespace, so the parts may carry the new text's spaces): the parts not added
    // are A's words, the parts not removed are B's.
    const words = (text: string) => text.match(/\w+|[^\w\s]/g);
    expect(words(changes.filter((part) => !part.added).map((part) => part.value).join(' '))).toEqual(words(textA));
    expect(words(changes.filter((part) => !part.removed).map((part) => part.value).join(' '))).toEqual(words(textB));
    expect(changes.filter((part) => part.removed).map((part) => part.value.trim())).toEqual(['200']);
    const added = changes.filter((part) => part.added).map((part) => part.value).join(' ');
    expect(added).toContain('450');
    expect(added).toContain('Gedaref');
    expect(added).not.toContain('Kassala');
    expect(changes.some((part) => part.added && part.removed)).toBe(false);
  });
});
