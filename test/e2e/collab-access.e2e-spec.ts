import type { User } from '../../src/accounts/user.entity';
import type { CollabError, JoinAck } from '../../src/collaboration/protocol';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { eventually, paragraphMessage, RawCollabClient } from '../support/raw-collab-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who may edit a live document, decided at join and re-decided while joined (issue 3, items 3 and 10;
 * docs/collaboration-protocol.md "Documents and access"): view-only seats with the reason, narratives that freeze
 * on submission and acceptance, editors dropped at once when their agency leaves the commitment or their session ends.
 */
describe('live documents: who edits, who views, and losing edit rights while joined', () => {
  let t: TestApp;
  let users: Record<'faoFocal' | 'faoStaff' | 'wfpFocal' | 'wfpStaff' | 'unescoFocal' | 'secretariat', User>;
  let as: Record<keyof typeof users, ApiClient>;
  const collabClients: CollabClient[] = [];
  const rawClients: RawCollabClient[] = [];

  const open = (client: ApiClient, documentId: string) => {
    const collab = CollabClient.connect(t.baseUrl, client, documentId);
    collabClients.push(collab);
    return collab;
  };
  const raw = async (client: ApiClient) => {
    const socket = await RawCollabClient.connect(t.baseUrl, { cookie: client.sessionCookie });
    rawClients.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    users = {
      faoFocal: await t.factory.user({ agency: 'FAO', role: 'focal_point' }),
      faoStaff: await t.factory.user({ agency: 'FAO', role: 'staff' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      wfpStaff: await t.factory.user({ agency: 'WFP', role: 'staff' }),
      unescoFocal: await t.factory.user({ agency: 'UNESCO', role: 'focal_point' }),
      secretariat: await t.factory.user({ role: 'secretariat' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;
  });
  afterEach(() => {
    for (const client of collabClients.splice(0)) client.close();
    for (const client of rawClients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function storedUpdates(documentId: string): Promise<number> {
    const [row]: { count: number }[] = await t.dataSource.query('SELECT count(*)::int AS count FROM document_updates WHERE document_id = $1', [
      documentId,
    ]);
    return row.count;
  }

  /** What each user's join answers. */
  async function joins(documentId: string, who: (keyof typeof users)[]): Promise<Record<string, JoinAck>> {
    const answers: Record<string, JoinAck> = {};
    for (const name of who) {
      const socket = await raw(as[name]);
      answers[name] = await socket.join(documentId);
      socket.close();
    }
    return answers;
  }

  /** WFP's activity report on a commitment FAO leads and WFP contributes to, created over the API as a draft. */
  async function wfpReport(): Promise<{ commitment: Commitment; report: { id: string; documentId: string; version: number } }> {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await t.factory.cycle(framework);
    const created = await as.wfpFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'draft', documentId: expect.any(String) });
    return { commitment, report: created.body };
  }

  async function transition(client: ApiClient, reportId: string, action: 'submit' | 'accept' | 'return', extra: object = {}): Promise<number> {
    const current = await client.get(`/api/activity-reports/${reportId}`);
    const response = await client.post(`/api/activity-reports/${reportId}/${action}`, { version: current.body.version, ...extra });
    expect(response.status).toBe(200);
    return response.body.version;
  }

  it('seats a user whose agency neither leads nor contributes view-only, with a reason naming the editing agencies', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const answers = await joins(commitment.reportDocumentId, ['unescoFocal', 'secretariat', 'faoStaff', 'wfpStaff']);
    // The reason as data too, for a client to say in the user's language.
    const editedBy = { reason: 'report_edited_by', agencies: ['FAO', 'WFP'] };
    expect(answers).toEqual({
      unescoFocal: { ok: true, access: 'view', reason: 'FAO and WFP edit this report; you are viewing.', details: editedBy },
      secretariat: { ok: true, access: 'view', reason: 'FAO and WFP edit this report; you are viewing.', details: editedBy },
      faoStaff: { ok: true, access: 'edit' },
      wfpStaff: { ok: true, access: 'edit' },
    });
    // The provider shows the same seat, and the viewer still follows the editors live.
    const viewer = open(as.unescoFocal, commitment.reportDocumentId);
    const editor = open(as.faoStaff, commitment.reportDocumentId);
    await Promise.all([viewer.synced(), editor.synced()]);
    expect(viewer.provider.access).toBe('view');
    expect(viewer.provider.readOnlyReason).toBe('FAO and WFP edit this report; you are viewing.');
    expect(viewer.provider.readOnlyRefusal).toEqual(editedBy);
    editor.type('FAO wrote this.');
    await viewer.until((c) => c.plain() === 'FAO wrote this.', 'the viewer sees the edit');
  });

  it("lets the report's agency edit its draft narrative, and seats other agencies view-only", async () => {
    const { report } = await wfpReport();
    const answers = await joins(report.documentId, ['wfpStaff', 'wfpFocal', 'faoFocal', 'unescoFocal', 'secretariat']);
    const view = { ok: true, access: 'view', reason: 'WFP writes this report; you are viewing.', details: { reason: 'narrative_written_by', agency: 'WFP' } };
    expect(answers).toEqual({
      wfpStaff: { ok: true, access: 'edit' },
      wfpFocal: { ok: true, access: 'edit' },
      faoFocal: view,
      unescoFocal: view,
      secretariat: view,
    });
    const author = open(as.wfpStaff, report.documentId);
    const lead = open(as.faoFocal, report.documentId);
    await Promise.all([author.synced(), lead.synced()]);
    author.type('WFP distributed seeds.');
    await author.durable();
    expect(author.provider.lastError).toBeNull();
    await lead.until((c) => c.plain() === 'WFP distributed seeds.', 'the lead agency reads the narrative live');
  });

  it('drops a joined editor once the report is submitted (access_revoked), seats it view-only again, and gives edit back on return', async () => {
    const { report } = await wfpReport();
    const editor = await raw(as.wfpStaff);
    expect(await editor.join(report.documentId)).toEqual({ ok: true, access: 'edit' });
    expect(await editor.sync(report.documentId, paragraphMessage('Draft text.'))).toEqual({ ok: true });
    const provider = open(as.wfpStaff, report.documentId);
    const lead = open(as.faoFocal, report.documentId);
    await Promise.all([provider.synced(), lead.synced()]);
    expect(provider.provider.access).toBe('edit');
    const leadErrors: CollabError[] = [];
    lead.socket.on('error', (_documentId, error) => leadErrors.push(error));

    await transition(as.wfpFocal, report.id, 'submit');
    const submittedReason = 'This report is submitted and awaits review; you are viewing.';
    const submitted = { reason: 'report_submitted_awaiting_review' };
    await eventually(() => editor.errors.length > 0 && editor.accessChanges.length > 0, 'the editor hears its rights are gone');
    expect(editor.errors).toEqual([{ documentId: report.documentId, error: { code: 'access_revoked', message: submittedReason, details: submitted } }]);
    expect(editor.accessChanges).toEqual([{ documentId: report.documentId, access: null, reason: submittedReason, details: submitted }]);
    // Out of the room at once: what it sends now is not even looked at.
    const stored = await storedUpdates(report.documentId);
    expect(await editor.sync(report.documentId, paragraphMessage('Typed after submission.'))).toEqual({
      ok: false,
      error: { code: 'not_joined', message: expect.any(String) },
    });
    expect(await storedUpdates(report.documentId)).toBe(stored);

    // The provider joins again on access_revoked and gets a view-only seat.
    await provider.until((c) => c.provider.lastError?.code === 'access_revoked', 'the provider hears access_revoked');
    await provider.until((c) => c.provider.access === 'view', 'the provider rejoins view-only');
    expect(provider.provider.readOnlyReason).toBe(submittedReason);
    expect(await editor.join(report.documentId)).toEqual({ ok: true, access: 'view', reason: submittedReason, details: submitted });
    expect(leadErrors).toEqual([]);

    // Returned: the agency's joined users may edit again, without rejoining.
    await transition(as.faoFocal, report.id, 'return', { reason: 'Please add the district names.' });
    await eventually(() => editor.accessChanges.length > 1, 'the editor hears it may edit again');
    expect(editor.accessChanges[1]).toEqual({ documentId: report.documentId, access: 'edit', reason: expect.any(String) });
    await provider.until((c) => c.provider.access === 'edit', 'the provider may edit again');
    expect(await editor.sync(report.documentId, paragraphMessage('Districts: Kassala, Gedaref.'))).toEqual({ ok: true });
    await lead.until((c) => c.plain().includes('Districts: Kassala, Gedaref.'), 'the lead agency sees the returned report edited');
    expect(lead.plain()).not.toContain('Typed after submission.');
  });

  it('freezes an accepted narrative: view-only for everyone, and an update sent anyway is refused', async () => {
    const { report } = await wfpReport();
    const author = open(as.wfpStaff, report.documentId);
    await author.synced();
    author.type('Final text.');
    await author.durable();
    author.close();
    await transition(as.wfpFocal, report.id, 'submit');
    await transition(as.faoFocal, report.id, 'accept');

    const frozen = 'This report was accepted and is frozen; you are viewing.';
    const answers = await joins(report.documentId, ['wfpStaff', 'wfpFocal', 'faoFocal', 'secretariat']);
    const writtenByWfp = { reason: 'narrative_written_by', agency: 'WFP' };
    expect(answers).toEqual({
      wfpStaff: { ok: true, access: 'view', reason: frozen, details: { reason: 'report_accepted_frozen' } },
      wfpFocal: { ok: true, access: 'view', reason: frozen, details: { reason: 'report_accepted_frozen' } },
      faoFocal: { ok: true, access: 'view', reason: 'WFP writes this report; you are viewing.', details: writtenByWfp },
      secretariat: { ok: true, access: 'view', reason: 'WFP writes this report; you are viewing.', details: writtenByWfp },
    });
    const socket = await raw(as.wfpFocal);
    await socket.join(report.documentId);
    const stored = await storedUpdates(report.documentId);
    // The refused edit says why, as the join did: as data for clients, in English for people.
    expect(await socket.sync(report.documentId, paragraphMessage('Changed after acceptance.'))).toEqual({
      ok: false,
      error: { code: 'read_only', message: expect.any(String), details: { reason: 'report_accepted_frozen' } },
    });
    expect(await storedUpdates(report.documentId)).toBe(stored);
    const reader = open(as.faoFocal, report.documentId);
    await reader.synced();
    expect(reader.plain()).toBe('Final text.');
  });

  it("drops a joined WFP editor at once when the secretariat removes WFP from the commitment, and leaves FAO's editors alone", async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const wfpEditor = await raw(as.wfpStaff);
    expect(await wfpEditor.join(documentId)).toEqual({ ok: true, access: 'edit' });
    const wfpProvider = open(as.wfpFocal, documentId);
    const faoEditor = open(as.faoStaff, documentId);
    await Promise.all([wfpProvider.synced(), faoEditor.synced()]);
    const faoErrors: CollabError[] = [];
    faoEditor.socket.on('error', (_documentId, error) => faoErrors.push(error));

    const before = await as.secretariat.get(`/api/commitments/${commitment.id}`);
    const patched = await as.secretariat.patch(`/api/commitments/${commitment.id}`, { version: before.body.version, contributingAgencies: [] });
    expect(patched.status).toBe(200);
    expect(patched.body.contributingAgencies).toEqual([]);

    const reason = 'FAO edit this report; you are viewing.';
    const details = { reason: 'report_edited_by', agencies: ['FAO'] };
    await eventually(() => wfpEditor.errors.length > 0 && wfpEditor.accessChanges.length > 0, 'the WFP editor is dropped', 3_000);
    expect(wfpEditor.errors).toEqual([{ documentId, error: { code: 'access_revoked', message: reason, details } }]);
    expect(wfpEditor.accessChanges).toEqual([{ documentId, access: null, reason, details }]);
    const stored = await storedUpdates(documentId);
    expect(await wfpEditor.sync(documentId, paragraphMessage('WFP typed after removal.'))).toEqual({
      ok: false,
      error: { code: 'not_joined', message: expect.any(String) },
    });
    expect(await storedUpdates(documentId)).toBe(stored);
    await wfpProvider.until((c) => c.provider.access === 'view', 'the WFP provider rejoins view-only');
    expect(wfpProvider.provider.readOnlyReason).toBe(reason);

    // FAO keeps editing, and WFP still watches.
    faoEditor.type('FAO carries on alone.');
    await faoEditor.durable();
    expect(faoEditor.provider.lastError).toBeNull();
    await wfpProvider.until((c) => c.plain() === 'FAO carries on alone.', 'WFP watches FAO edit');
    expect(faoErrors).toEqual([]);
    expect(faoEditor.provider.access).toBe('edit');

    // Added back: the joined WFP users may edit again.
    const readded = await as.secretariat.patch(`/api/commitments/${commitment.id}`, { version: patched.body.version, contributingAgencies: ['WFP'] });
    expect(readded.status).toBe(200);
    await wfpProvider.until((c) => c.provider.access === 'edit', 'WFP may edit again');
  });

  it("disconnects every socket of a session at logout, and only that session's", async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const session = await t.as(users.wfpStaff.email);
    const otherSession = await t.as(users.wfpStaff.email);
    const cookie = session.sessionCookie;
    const tab = open(session, documentId);
    const secondTab = await raw(session);
    const other = open(otherSession, documentId);
    await Promise.all([tab.synced(), other.synced()]);
    expect(await secondTab.join(documentId)).toEqual({ ok: true, access: 'edit' });
    const tabDisconnects: string[] = [];
    tab.socket.on('disconnect', (reason) => tabDisconnects.push(reason));

    const logout = await session.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    await eventually(() => tabDisconnects.length > 0 && secondTab.disconnects.length > 0, 'both sockets of the session are disconnected', 3_000);
    expect(tabDisconnects).toEqual(['io server disconnect']);
    expect(secondTab.disconnects).toEqual(['io server disconnect']);
    expect(secondTab.errors).toEqual([{ documentId: null, error: { code: 'unauthenticated', message: expect.any(String) } }]);

    // The ended session cannot come back in; the other session of the same user carries on.
    await expect(RawCollabClient.connect(t.baseUrl, { cookie })).rejects.toThrow('unauthenticated');
    expect(other.socket.connected).toBe(true);
    other.type('Still here in the other session.');
    await other.durable();
    expect(other.provider.lastError).toBeNull();
  });
});
