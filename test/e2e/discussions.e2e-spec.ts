import * as Y from 'yjs';
import type { User } from '../../src/accounts/user.entity';
import { DigestRuns } from '../../src/digests/digest-runs';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { eventually, RawCollabClient } from '../support/raw-collab-client';
import { startTestApp, type TestApp } from '../support/test-app';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The first paragraph's text node of a client's copy of the document. */
const firstText = (client: CollabClient) => (client.text.get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** An anchor around `word` in the first paragraph, as the browser makes one from a selection. */
function anchorAround(client: CollabClient, word: string): { start: string; end: string } {
  const text = firstText(client);
  const at = text.toString().indexOf(word);
  if (at < 0) throw new Error(`${word} is not in ${text.toString()}`);
  return {
    start: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at))),
    // Associated with the character before it: text typed right after the word does not join the anchor.
    end: b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at + word.length, -1))),
  };
}

/** What an anchor encloses now in the client's copy ('' once its text is deleted). */
function anchoredText(client: CollabClient, anchor: { start: string; end: string }): string {
  const [start, end] = [anchor.start, anchor.end].map((end) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(new Uint8Array(Buffer.from(end, 'base64'))), client.doc),
  );
  if (!start || !end || start.type !== end.type) throw new Error('the anchor does not resolve in this document');
  return (start.type as Y.XmlText).toString().slice(start.index, Math.max(start.index, end.index));
}

/**
 * Review discussions (issue 12) over real HTTP and real Yjs clients: threads anchored by relative positions in a
 * live document, who may comment and resolve, live `thread` and `notification` events, action items, bad input.
 */
describe('review discussions', () => {
  let t: TestApp;
  let users: Record<'faoFocal' | 'wfpFocal' | 'wfpStaff' | 'unescoStaff' | 'iloStaff' | 'ifadFocal' | 'secretariat', User>;
  let as: Record<keyof typeof users, ApiClient>;
  let commitment: Commitment;
  const clients: CollabClient[] = [];
  const sockets: RawCollabClient[] = [];

  const connect = (who: keyof typeof users, documentId: string) => {
    const client = CollabClient.connect(t.baseUrl, as[who], documentId);
    clients.push(client);
    return client;
  };
  const socketOf = async (who: keyof typeof users) => {
    const socket = await RawCollabClient.connect(t.baseUrl, { cookie: as[who].sessionCookie });
    sockets.push(socket);
    return socket;
  };
  const countThreads = async () => (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM discussion_threads'))[0].n;
  /** The document as stored: its snapshot and every logged update, as digests. */
  const storedBytes = async (documentId: string) =>
    (
      await t.dataSource.query<{ bytes: string }[]>(
        `SELECT coalesce(md5(snapshot), '') || ':' || coalesce((SELECT string_agg(md5(update), ',' ORDER BY id) FROM document_updates WHERE document_id = $1), '') AS bytes
           FROM documents WHERE id = $1`,
        [documentId],
      )
    )[0].bytes;

  /** A commitment report holding one paragraph, typed by WFP and stored. */
  async function reportWith(paragraph: string): Promise<{ documentId: string; wfp: CollabClient }> {
    const led = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const wfp = connect('wfpStaff', led.reportDocumentId);
    await wfp.synced();
    wfp.type(paragraph);
    await wfp.durable();
    return { documentId: led.reportDocumentId, wfp };
  }

  beforeAll(async () => {
    t = await startTestApp();
    users = {
      faoFocal: await t.factory.user({ agency: 'FAO', role: 'focal_point' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      wfpStaff: await t.factory.user({ agency: 'WFP', role: 'staff' }),
      unescoStaff: await t.factory.user({ agency: 'UNESCO', role: 'staff' }),
      iloStaff: await t.factory.user({ agency: 'ILO', role: 'staff' }),
      ifadFocal: await t.factory.user({ agency: 'IFAD', role: 'focal_point' }),
      secretariat: await t.factory.user({ role: 'secretariat' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;
    commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps an anchor on its text through concurrent inserts before it, and keeps the thread with its quote when the text is deleted', async () => {
    const { documentId, wfp } = await reportWith('Progress in Malawi and Nepal.');
    const fao = connect('faoFocal', documentId);
    await fao.synced();
    await fao.until((c) => c.plain().includes('Malawi'), 'the paragraph');
    const anchor = anchorAround(fao, 'Malawi');
    const created = await as.faoFocal.post(`/api/documents/${documentId}/threads`, { anchor, quote: 'Malawi', body: 'Which country is this?' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ documentId, anchor, quote: 'Malawi', state: 'open', comments: [{ body: 'Which country is this?' }] });

    // Both insert before the anchored word at once, neither waiting for the other.
    firstText(wfp).insert(0, 'In 2007, ');
    firstText(fao).insert(12, 'overall ');
    const merged = (c: CollabClient) => c.plain().includes('In 2007, ') && c.plain().includes('overall ');
    await Promise.all([wfp.until(merged, 'both inserts at WFP'), fao.until(merged, 'both inserts at FAO')]);
    await Promise.all([wfp.durable(), fao.durable()]);

    const reader = connect('unescoStaff', documentId);
    await reader.synced();
    await reader.until(merged, 'both inserts at UNESCO');
    const [listed] = (await as.unescoStaff.get(`/api/documents/${documentId}/threads`)).body.items;
    expect(anchoredText(reader, listed.anchor)).toBe('Malawi');
    expect(anchoredText(wfp, listed.anchor)).toBe('Malawi');

    // WFP deletes the anchored word: the thread stays, on deleted text, with its quote.
    const text = firstText(wfp);
    text.delete(text.toString().indexOf('Malawi '), 'Malawi '.length);
    await wfp.durable();
    await reader.until((c) => !c.plain().includes('Malawi'), 'the deletion at UNESCO');
    const after = await as.unescoStaff.get(`/api/documents/${documentId}/threads`);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0]).toMatchObject({ id: created.body.id, quote: 'Malawi', state: 'open' });
    expect(anchoredText(reader, after.body.items[0].anchor)).toBe('');
  });

  it('lets a view-only user comment: the thread is stored and the document’s stored bytes do not change', async () => {
    const { documentId } = await reportWith('Capacity building in Haiti.');
    const viewer = connect('unescoStaff', documentId);
    await viewer.synced();
    await viewer.until((c) => c.plain().includes('Haiti'), 'the paragraph');
    const before = await storedBytes(documentId);
    const created = await as.unescoStaff.post(`/api/documents/${documentId}/threads`, { anchor: anchorAround(viewer, 'Haiti'), quote: 'Haiti', body: 'UNESCO ran a similar programme there.' });
    expect(created.status).toBe(201);
    const reply = await as.unescoStaff.post(`/api/threads/${created.body.id}/comments`, { body: 'Happy to share our report.' });
    expect(reply.status).toBe(201);
    const listed = await as.wfpStaff.get(`/api/documents/${documentId}/threads`);
    expect(listed.body.items.map((th: { comments: { body: string }[] }) => th.comments.map((c) => c.body))).toEqual([
      ['UNESCO ran a similar programme there.', 'Happy to share our report.'],
    ]);
    expect(await storedBytes(documentId)).toBe(before);
  });

  it('lets a stranger to the framework read the threads but not resolve them; the author and the reviewers resolve and reopen', async () => {
    const opened = await as.wfpStaff.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'Should we add the 2006 figures?' });
    expect(opened.status).toBe(201);
    const id = opened.body.id;

    const read = await as.iloStaff.get(`/api/documents/${commitment.reportDocumentId}/threads`);
    expect(read.status).toBe(200);
    const seen = read.body.items.find((th: { id: string }) => th.id === id);
    expect(seen).toMatchObject({ state: 'open', can: { resolve: false, setAction: false } });
    const refused = await as.iloStaff.post(`/api/threads/${id}/resolve`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await as.iloStaff.get(`/api/threads/${id}`)).body.state).toBe('open');

    // The lead agency's focal point reviews the report: resolves. The author reopens; twice is a 409.
    const resolved = await as.faoFocal.post(`/api/threads/${id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: { id: users.faoFocal.id } });
    expect((await as.faoFocal.post(`/api/threads/${id}/resolve`)).status).toBe(409);
    expect((await as.wfpStaff.get(`/api/documents/${commitment.reportDocumentId}/threads?state=resolved`)).body.items.map((th: { id: string }) => th.id)).toContain(id);
    const reopened = await as.wfpStaff.post(`/api/threads/${id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.state).toBe('open');
    // A stranger may still reply: commenting is open to every reader.
    expect((await as.iloStaff.post(`/api/threads/${id}/comments`, { body: 'ILO has figures for 2006.' })).status).toBe(201);
  });

  it('sends thread events live to everyone joined to the document, and to no socket that is not', async () => {
    const joinedViewer = await socketOf('iloStaff');
    const joinedEditor = await socketOf('wfpStaff');
    const elsewhere = await socketOf('unescoStaff');
    expect((await joinedViewer.join(commitment.reportDocumentId)).ok).toBe(true);
    expect((await joinedEditor.join(commitment.reportDocumentId)).ok).toBe(true);
    const other = await t.factory.commitment({ lead: ['UNESCO'] });
    expect((await elsewhere.join(other.reportDocumentId)).ok).toBe(true);

    const opened = await as.faoFocal.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'Live question.' });
    expect(opened.status).toBe(201);
    const reply = await as.wfpStaff.post(`/api/threads/${opened.body.id}/comments`, { body: 'Live answer.' });
    const edited = await as.wfpStaff.patch(`/api/comments/${reply.body.id}`, { body: 'Live answer, edited.', version: reply.body.version });
    expect(edited.status).toBe(200);
    expect((await as.faoFocal.post(`/api/threads/${opened.body.id}/resolve`)).status).toBe(200);

    const kinds = (socket: RawCollabClient) => socket.threads.filter((e) => e.thread.id === opened.body.id).map((e) => e.kind);
    const all = ['created', 'comment_added', 'comment_edited', 'resolved'];
    await eventually(() => kinds(joinedViewer).length === 4 && kinds(joinedEditor).length === 4, () => `four events; got ${JSON.stringify(kinds(joinedViewer))}`);
    expect(kinds(joinedViewer)).toEqual(all);
    expect(kinds(joinedEditor)).toEqual(all);
    const last = joinedViewer.threads[joinedViewer.threads.length - 1];
    expect(last).toMatchObject({ documentId: commitment.reportDocumentId, actor: { userId: users.faoFocal.id, agencyCode: 'FAO' }, thread: { state: 'resolved' } });
    expect(last.thread.comments.map((c) => c.body)).toEqual(['Live question.', 'Live answer, edited.']);

    // A later event to the other document reaches its socket: by then the earlier ones would have too.
    expect((await as.iloStaff.post(`/api/documents/${other.reportDocumentId}/threads`, { body: 'Elsewhere.' })).status).toBe(201);
    await eventually(() => elsewhere.threads.length === 1, 'the other document’s event');
    expect(elsewhere.threads.map((e) => e.documentId)).toEqual([other.reportDocumentId]);
  });

  it('edits and deletes a comment by its author only; a deleted comment leaves its place; stale versions are refused', async () => {
    const opened = await as.wfpStaff.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'First version.' });
    const comment = opened.body.comments[0];
    expect((await as.wfpFocal.patch(`/api/comments/${comment.id}`, { body: 'Not mine.', version: comment.version })).status).toBe(403);
    expect((await as.wfpStaff.patch(`/api/comments/${comment.id}`, { body: 'Second version.', version: comment.version + 5 })).status).toBe(409);
    const edited = await as.wfpStaff.patch(`/api/comments/${comment.id}`, { body: 'Second version.', version: comment.version });
    expect(edited.body).toMatchObject({ body: 'Second version.', version: comment.version + 1 });
    expect(edited.body.editedAt).not.toBeNull();
    expect((await as.faoFocal.request('DELETE', `/api/comments/${comment.id}`)).status).toBe(403);
    expect((await as.wfpStaff.request('DELETE', `/api/comments/${comment.id}`)).status).toBe(204);
    const thread = await as.iloStaff.get(`/api/threads/${opened.body.id}`);
    expect(thread.body.comments).toEqual([expect.objectContaining({ id: comment.id, deleted: true, body: '' })]);
  });

  it('opens a thread with the reason when a report is returned, which the agency answers in; an accepted report takes no new comments', async () => {
    const cycle = await t.factory.cycle(commitment.frameworkId);
    const report = await t.factory.activityReport({ commitment, cycle, agency: 'WFP', state: 'submitted', by: users.wfpFocal });
    const returned = await as.faoFocal.post(`/api/activity-reports/${report.id}/return`, { version: report.version, reason: 'Which country is the second paragraph about?' });
    expect(returned.status).toBe(200);
    const threads = await as.wfpStaff.get(`/api/documents/${report.documentId}/threads`);
    expect(threads.body.items).toEqual([
      expect.objectContaining({ anchor: null, createdBy: expect.objectContaining({ id: users.faoFocal.id }), comments: [expect.objectContaining({ body: 'Which country is the second paragraph about?' })] }),
    ]);
    // WFP's focal points are asked: a mention each, saying who asked on which report as data a client translates.
    const onWfpReport = { type: 'activity_report', agency: 'WFP', reference: commitment.reference };
    expect((await as.wfpFocal.get('/api/me/notifications?unread=true')).body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'mention',
          threadId: threads.body.items[0].id,
          params: { actor: users.faoFocal.displayName, agency: 'FAO', document: onWfpReport, excerpt: 'Which country is the second paragraph about?' },
          summary: `${users.faoFocal.displayName} (FAO) mentioned you on WFP's activity report on ${commitment.reference}: Which country is the second paragraph about?`,
        }),
      ]),
    );
    const answer = await as.wfpFocal.post(`/api/threads/${threads.body.items[0].id}/comments`, { body: 'Nepal; we will say so.' });
    expect(answer.status).toBe(201);
    // The return's author hears of the answer.
    const faoNotes = await as.faoFocal.get('/api/me/notifications?unread=true');
    expect(faoNotes.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'reply',
          threadId: threads.body.items[0].id,
          params: { actor: users.wfpFocal.displayName, agency: 'WFP', document: onWfpReport, excerpt: 'Nepal; we will say so.' },
        }),
      ]),
    );

    const resubmitted = await as.wfpFocal.post(`/api/activity-reports/${report.id}/submit`, { version: returned.body.version });
    expect(resubmitted.status).toBe(200);
    expect((await as.faoFocal.post(`/api/activity-reports/${report.id}/accept`, { version: resubmitted.body.version })).status).toBe(200);
    const before = await countThreads();
    const closed = await as.faoFocal.post(`/api/documents/${report.documentId}/threads`, { body: 'Too late.' });
    expect(closed.status).toBe(409);
    // Why, as a reason code and what it names, with the English sentence for the API's users.
    const closedRefusal = { reason: 'report_accepted_discussion_closed', agency: 'WFP', commitment: commitment.reference };
    const closedReason = `WFP's activity report on ${commitment.reference} was accepted; its discussions are closed to new comments.`;
    expect(closed.body.error).toMatchObject({ code: 'discussion_closed', message: closedReason, details: closedRefusal });
    const lateReply = await as.wfpFocal.post(`/api/threads/${threads.body.items[0].id}/comments`, { body: 'Too late too.' });
    expect(lateReply.status).toBe(409);
    expect(await countThreads()).toBe(before);
    const still = await as.iloStaff.get(`/api/documents/${report.documentId}/threads`);
    expect(still.body).toMatchObject({ total: 1, can: { comment: false, closedReason, closedRefusal } });
  });

  it('notifies a mentioned user live and in the list, and marks notifications read', async () => {
    const socket = await socketOf('wfpFocal');
    const opened = await as.faoFocal.post(`/api/documents/${commitment.reportDocumentId}/threads`, {
      body: `@${users.wfpFocal.displayName} which country is this?`,
      mentions: [users.wfpFocal.id],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.comments[0].mentions).toEqual([{ id: users.wfpFocal.id, displayName: users.wfpFocal.displayName, agencyCode: 'WFP' }]);
    await eventually(() => socket.notifications.some((n) => n.threadId === opened.body.id), 'the live notification');
    const live = socket.notifications.find((n) => n.threadId === opened.body.id)!;
    expect(live).toMatchObject({
      kind: 'mention',
      params: { actor: users.faoFocal.displayName, agency: 'FAO', document: { type: 'commitment_report', reference: commitment.reference } },
      read: false,
    });
    expect(live.unread).toBeGreaterThanOrEqual(1);
    expect(live.url).toBe(`/commitments/${commitment.id}?thread=${opened.body.id}`);

    const unread = await as.wfpFocal.get('/api/me/notifications?unread=true');
    expect(unread.body.items.map((n: { id: string }) => n.id)).toContain(live.id);
    expect((await as.faoFocal.get('/api/me/notifications')).body.items.map((n: { id: string }) => n.id)).not.toContain(live.id);
    // Another user's ids change nothing of theirs.
    await as.faoFocal.post('/api/me/notifications/read', { ids: [live.id] });
    expect((await as.wfpFocal.get('/api/me/notifications?unread=true')).body.items.map((n: { id: string }) => n.id)).toContain(live.id);
    const read = await as.wfpFocal.post('/api/me/notifications/read', { all: true });
    expect(read.body).toEqual({ unread: 0 });
    expect((await as.wfpFocal.get('/api/me/notifications?unread=true')).body.items).toEqual([]);
    expect((await as.wfpFocal.post('/api/me/notifications/read', {})).status).toBe(400);
  });

  it('turns a thread into an action item for an agency; its dashboard lists it; an overdue one is in the next reminder run', async () => {
    const opened = await as.secretariat.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'IFAD to circulate the rural finance note.' });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const body = { assigneeAgency: 'IFAD', dueDate: yesterday };
    expect((await as.wfpFocal.request('PUT', `/api/threads/${opened.body.id}/action`, body)).status).toBe(403);
    expect((await as.secretariat.request('PUT', `/api/threads/${opened.body.id}/action`, { ...body, assigneeAgency: 'NOPE' })).body.error.details.fields).toEqual(['assigneeAgency']);
    const set = await as.secretariat.request('PUT', `/api/threads/${opened.body.id}/action`, body);
    expect(set.status).toBe(200);
    expect(set.body.action).toEqual({ assigneeAgency: 'IFAD', assigneeUser: null, dueDate: yesterday, done: false, doneAt: null });

    const items = await as.ifadFocal.get('/api/action-items?agency=IFAD&state=open&overdue=true');
    expect(items.body.items).toEqual([
      expect.objectContaining({ threadId: opened.body.id, assigneeAgency: 'IFAD', overdue: true, summary: 'IFAD to circulate the rural finance note.', url: `/commitments/${commitment.id}?thread=${opened.body.id}` }),
    ]);
    expect((await as.ifadFocal.get('/api/me/notifications?unread=true')).body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'action_assigned',
          threadId: opened.body.id,
          params: { agency: 'CEB', document: { type: 'commitment_report', reference: commitment.reference }, assigneeAgency: 'IFAD', assignee: null, dueDate: yesterday },
        }),
      ]),
    );

    // Reminders go out from 07:00 in the reader's time zone (UTC here): today at noon, the item is a day overdue.
    const run = await t.app.get(DigestRuns).runReminders(new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`));
    expect(run.mailed).toBeGreaterThanOrEqual(1);
    const mail: { text: string }[] = await t.dataSource.query(`SELECT text_body AS text FROM mail_outbox WHERE kind = 'reminder' AND recipient_user_id = $1`, [users.ifadFocal.id]);
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('IFAD to circulate the rural finance note.');
    expect(mail[0].text).toContain('Overdue');
    const due = (await as.ifadFocal.get('/api/me/notifications?unread=true')).body.items.find((n: { kind: string; threadId: string }) => n.kind === 'action_due' && n.threadId === opened.body.id);
    expect(due.params).toEqual({ dueOn: yesterday, daysLeft: expect.any(Number), excerpt: 'IFAD to circulate the rural finance note.' });
    expect(due.params.daysLeft).toBeLessThan(0);

    const done = await as.ifadFocal.post(`/api/action-items/${opened.body.id}/done`);
    expect(done.status).toBe(200);
    expect(done.body.action.done).toBe(true);
    expect((await as.ifadFocal.get('/api/action-items?agency=IFAD&state=open')).body.items.map((i: { threadId: string }) => i.threadId)).not.toContain(opened.body.id);
  });

  it('lists the open action items of the reader’s agency, due soon or overdue, in their digest', async () => {
    const reader = await t.factory.user({ agency: 'IFAD', role: 'staff' });
    const client = await t.as(reader.email);
    const asOf = new Date(Date.now() + 3_600_000);
    expect((await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
    expect((await client.request('PUT', `/api/me/follows/commitments/${commitment.id}`)).status).toBe(200);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const assign = async (body: string, assigneeAgency: string, dueDate: string) => {
      const opened = await as.secretariat.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body });
      expect((await as.secretariat.request('PUT', `/api/threads/${opened.body.id}/action`, { assigneeAgency, dueDate })).status).toBe(200);
      return opened.body.id as string;
    };
    const overdue = await assign('IFAD to send the overdue grant figures.', 'IFAD', day(-3));
    await assign('IFAD to review the annex next week.', 'IFAD', day(5));
    await assign('IFAD to plan the next Board in a year.', 'IFAD', day(300));
    await assign('WFP to confirm the school list.', 'WFP', day(-3));
    const finished = await assign('IFAD to fix the typo.', 'IFAD', day(-2));
    expect((await as.ifadFocal.post(`/api/action-items/${finished}/done`)).status).toBe(200);

    expect((await t.app.get(DigestRuns).run('daily', asOf, [reader.id])).mailed).toBe(1);
    const [digest] = await t.dataSource.query<{ text: string; html: string }[]>(
      `SELECT text_body AS text, html_body AS html FROM mail_outbox WHERE kind = 'digest' AND recipient_user_id = $1`,
      [reader.id],
    );
    const section = digest.text.slice(digest.text.indexOf("== IFAD's action items due or overdue =="));
    expect(section).toContain('IFAD to send the overdue grant figures.');
    expect(section).toContain('Overdue');
    expect(section).toContain('IFAD to review the annex next week.');
    expect(section).toContain(`/action-items?thread=${overdue}`);
    expect(section).not.toContain('IFAD to plan the next Board in a year.');
    expect(section).not.toContain('WFP to confirm the school list.');
    expect(section).not.toContain('IFAD to fix the typo.');
    expect(digest.html).toContain('IFAD&#39;s action items due or overdue');
  });

  it('puts new threads and replies on a followed commitment in the reader’s digest', async () => {
    const asOf = new Date(Date.now() + 3_600_000);
    expect((await as.wfpStaff.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
    const opened = await as.faoFocal.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'Digest-worthy question on the pilot.' });
    expect((await as.iloStaff.post(`/api/threads/${opened.body.id}/comments`, { body: 'Digest-worthy answer from ILO.' })).status).toBe(201);
    const run = await t.app.get(DigestRuns).run('daily', asOf, [users.wfpStaff.id]);
    expect(run.mailed).toBe(1);
    const [digest] = await t.dataSource.query<{ text: string }[]>(`SELECT text_body AS text FROM mail_outbox WHERE kind = 'digest' AND recipient_user_id = $1`, [users.wfpStaff.id]);
    // WFP contributes to the commitment, so WFP's staff follow it by default.
    expect(digest.text).toContain('FAO opened a thread on the report of');
    expect(digest.text).toContain('Digest-worthy question on the pilot.');
    expect(digest.text).toContain('ILO replied on the report of');
  });

  it('puts the mentions of a reader whose mention mail is "digest" in their digest, even with nothing else to say', async () => {
    const reader = await t.factory.user({ agency: 'UNDP', role: 'staff' });
    const client = await t.as(reader.email);
    const asOf = new Date(Date.now() + 3_600_000);
    expect((await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
    expect((await client.patch('/api/me/preferences', { mentionMail: 'digest' })).status).toBe(200);
    const opened = await as.faoFocal.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'UNDP, does this match your figures?', mentions: [reader.id] });
    expect(opened.status).toBe(201);
    const run = await t.app.get(DigestRuns).run('daily', asOf, [reader.id]);
    expect(run.mailed).toBe(1);
    const [digest] = await t.dataSource.query<{ text: string }[]>(`SELECT text_body AS text FROM mail_outbox WHERE kind = 'digest' AND recipient_user_id = $1`, [reader.id]);
    expect(digest.text).toContain('== You were mentioned ==');
    expect(digest.text).toContain('UNDP, does this match your figures?');
    expect(digest.text).toContain(`/commitments/${commitment.id}?thread=${opened.body.id}`);
  });

  it('answers the people directory to anyone signed in: active users by name prefix, no email, 20 at most', async () => {
    const person = await t.factory.user({ agency: 'WFP', role: 'staff' });
    await t.dataSource.query(`UPDATE users SET display_name = 'Zephyrine Okafor' WHERE id = $1`, [person.id]);
    const gone = await t.factory.user({ agency: 'WFP', role: 'staff' });
    await t.dataSource.query(`UPDATE users SET display_name = 'Zephyrine Gone' WHERE id = $1`, [gone.id]);
    await t.factory.deactivate(gone);
    const found = await as.iloStaff.get('/api/people?q=zeph');
    expect(found.body.items).toEqual([{ id: person.id, displayName: 'Zephyrine Okafor', agencyCode: 'WFP' }]);
    expect((await as.iloStaff.get('/api/people?q=oka&agency=WFP')).body.items).toEqual([{ id: person.id, displayName: 'Zephyrine Okafor', agencyCode: 'WFP' }]);
    expect((await as.iloStaff.get('/api/people?q=oka&agency=FAO')).body.items).toEqual([]);
    expect((await as.iloStaff.get('/api/people')).body.items.length).toBeLessThanOrEqual(20);
    expect((await as.iloStaff.get('/api/people?agency=fao')).status).toBe(400);
  });

  it('keeps preferences as one resource, changed in part', async () => {
    const unchosen = { locale: 'en', localeChosen: false };
    expect((await as.iloStaff.get('/api/me/preferences')).body).toEqual({ mentionMail: 'immediately', ...unchosen });
    expect((await as.iloStaff.patch('/api/me/preferences', { mentionMail: 'digest' })).body).toEqual({ mentionMail: 'digest', ...unchosen });
    expect((await as.iloStaff.patch('/api/me/preferences', {})).body).toEqual({ mentionMail: 'digest', ...unchosen });
    const bad = await as.iloStaff.patch('/api/me/preferences', { mentionMail: 'hourly' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual(['mentionMail']);
    expect((await as.iloStaff.get('/api/me/preferences')).body).toEqual({ mentionMail: 'digest', ...unchosen });
  });

  describe('bad input: a 400 naming the field, and nothing written', () => {
    it('refuses an anchor that does not decode, or that points into another document (anchor)', async () => {
      const { documentId } = await reportWith('Food security in the Sahel.');
      const { documentId: otherId } = await reportWith('Another text.');
      const other = connect('unescoStaff', otherId);
      await other.synced();
      await other.until((c) => c.plain().includes('Another'), 'the other text');
      const before = await countThreads();
      const foreign = anchorAround(other, 'Another');
      const attempts = [
        { anchor: { start: 'not base64 at all!', end: 'AAAA' }, body: 'x' },
        { anchor: { start: 'AAAA', end: 'AAAA' }, body: 'x' },
        { anchor: foreign, quote: 'Another', body: 'Pointing elsewhere.' },
      ];
      for (const attempt of attempts) {
        const answer = await as.unescoStaff.post(`/api/documents/${documentId}/threads`, attempt);
        expect({ status: answer.status, fields: answer.body.error?.details?.fields }).toEqual({ status: 400, fields: ['anchor'] });
      }
      expect(await countThreads()).toBe(before);
    });

    it('refuses a mention of an unknown or deactivated user (mentions), an overlong body, and a thread of a document that does not exist', async () => {
      const gone = await t.factory.user({ agency: 'WFP' });
      await t.factory.deactivate(gone);
      const before = await countThreads();
      const path = `/api/documents/${commitment.reportDocumentId}/threads`;
      for (const mentions of [['00000000-0000-4000-8000-000000000000'], [gone.id], ['not-a-uuid']]) {
        const answer = await as.wfpStaff.post(path, { body: 'Hello', mentions });
        expect({ status: answer.status, fields: answer.body.error?.details?.fields }).toEqual({ status: 400, fields: ['mentions'] });
      }
      const long = await as.wfpStaff.post(path, { body: 'x'.repeat(10_001) });
      expect({ status: long.status, fields: long.body.error.details.fields }).toEqual({ status: 400, fields: ['body'] });
      expect((await as.wfpStaff.post(path, { body: 'x'.repeat(10_000) })).status).toBe(201);
      expect((await as.wfpStaff.post('/api/documents/00000000-0000-4000-8000-000000000000/threads', { body: 'Nowhere' })).status).toBe(404);
      expect(await countThreads()).toBe(before + 1);

      const thread = await as.wfpStaff.post(path, { body: 'Reply target' });
      const comments = async () => ((await as.wfpStaff.get(`/api/threads/${thread.body.id}`)).body.comments as unknown[]).length;
      const badReply = await as.wfpStaff.post(`/api/threads/${thread.body.id}/comments`, { body: 'Hi', mentions: [gone.id] });
      expect(badReply.body.error.details.fields).toEqual(['mentions']);
      expect(await comments()).toBe(1);
      expect((await as.wfpStaff.request('PUT', `/api/threads/${thread.body.id}/action`, { assigneeAgency: 'IFAD', dueDate: '2026-02-30' })).status).toBe(400);
    });
  });
});
