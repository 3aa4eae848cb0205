import type { Role } from '../../src/accounts/role';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What the API says a user may do (`can`) is what it then lets them do (issue #14, item 7): for each caller, every
 * `can` flag is compared with the answer to actually doing it. FAO leads the commitment and WFP contributes; ILO
 * takes no part.
 */
describe('can: what the API offers is what it allows', () => {
  let t: TestApp;
  const callers: [string, { agency?: string; role: Role }][] = [
    ['FAO staff', { agency: 'FAO', role: 'staff' }],
    ['FAO focal point', { agency: 'FAO', role: 'focal_point' }],
    ['WFP focal point', { agency: 'WFP', role: 'focal_point' }],
    ['ILO focal point', { agency: 'ILO', role: 'focal_point' }],
    ['the secretariat', { role: 'secretariat' }],
  ];
  const clients = new Map<string, ApiClient>();

  beforeAll(async () => {
    t = await startTestApp();
    for (const [name, options] of callers) clients.set(name, await t.as((await t.factory.user(options)).email));
  });
  afterAll(() => t.close());

  it.each(callers.map(([name]) => name))('%s: a commitment’s setStatus and writeActivityReport, in the list and alone, hold', async (name) => {
    const client = clients.get(name)!;
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await t.factory.cycle(commitment.frameworkId);
    const one = (await client.get(`/api/commitments/${commitment.id}`)).body;
    const listed = (await client.get(`/api/commitments?frameworkId=${commitment.frameworkId}`)).body.items[0];
    expect(listed.can).toEqual(one.can);
    expect(one).not.toHaveProperty('leadAgencyIds');

    const setStatus = await client.patch(`/api/commitments/${commitment.id}`, { version: one.version, status: 'at_risk' });
    expect(setStatus.status).toBe(one.can.setStatus ? 200 : 403);
    const manage = await client.patch(`/api/commitments/${commitment.id}`, { version: setStatus.body.version ?? one.version, title: 'Renamed' });
    expect(manage.status).toBe(one.can.manage ? 200 : 403);
    const report = await client.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id });
    expect(report.status).toBe(one.can.writeActivityReport ? 201 : 403);
  });

  it.each(callers.map(([name]) => name))('%s: an activity report’s edit, submit, accept, return and reopen hold', async (name) => {
    const client = clients.get(name)!;
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const check = async (state: 'draft' | 'submitted' | 'accepted') => {
      const report = await t.factory.activityReport({ commitment, cycle: await t.factory.cycle(commitment.frameworkId), agency: 'WFP', state });
      const shown = (await client.get(`/api/activity-reports/${report.id}`)).body;
      const listed = (await client.get(`/api/activity-reports?commitmentId=${commitment.id}&state=${state}`)).body.items.find(
        (item: { id: string }) => item.id === report.id,
      );
      expect(listed.can).toEqual(shown.can);
      const edit = await client.patch(`/api/activity-reports/${report.id}`, { version: shown.version, summary: 'Edited' });
      expect([state, edit.status < 300]).toEqual([state, shown.can.edit]);
      for (const step of ['submit', 'accept', 'return', 'reopen'] as const) {
        const fresh = (await client.get(`/api/activity-reports/${report.id}`)).body;
        if (fresh.state !== state) break; // a step taken changed the state: the rest were checked on their own reports
        const reason = step === 'return' || step === 'reopen' ? { reason: 'Which country is this?' } : {};
        const answer = await client.post(`/api/activity-reports/${report.id}/${step}`, { version: fresh.version, ...reason });
        expect([step, state, answer.status < 300]).toEqual([step, state, fresh.can[step]]);
      }
    };
    await check('draft');
    await check('submitted');
    await check('accepted');
  });

  it.each(callers.map(([name]) => name))('%s: a framework’s manage, manageCycles and addCommitments hold', async (name) => {
    const client = clients.get(name)!;
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const one = (await client.get(`/api/frameworks/${commitment.frameworkId}`)).body;
    const listed = (await client.get('/api/frameworks?limit=200')).body.items.find((item: { id: string }) => item.id === one.id);
    expect(listed.can).toEqual(one.can);

    const manage = await client.patch(`/api/frameworks/${one.id}`, { version: one.version, title: `${one.title} (renamed)` });
    expect(manage.status).toBe(one.can.manage ? 200 : 403);
    const cycle = await client.post('/api/cycles', { frameworkId: one.id, label: 'CAN-1', opensOn: '2027-01-01', dueOn: '2027-03-01', closesOn: '2027-04-01' });
    expect(cycle.status).toBe(one.can.manageCycles ? 201 : 403);
    const added = await client.post('/api/commitments', { frameworkId: one.id, reference: `CAN-${Date.now() % 100000}`, title: 'Added', description: 'Added by the test.', leadAgencies: ['FAO'] });
    expect(added.status).toBe(one.can.addCommitments ? 201 : 403);
  });

  it.each(callers.map(([name]) => name))('%s: a live document’s edit, comment and review hold', async (name) => {
    const client = clients.get(name)!;
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const shown = await client.get(`/api/documents/${documentId}`);
    expect(shown.status).toBe(200);
    const { can } = shown.body;
    // What the API document says an owner is, and nothing its rules keep for their own decisions.
    expect(Object.keys(shown.body.owner).sort()).toEqual(['commitmentId', 'documentId', 'entityId', 'entityType', 'frameworkId', 'kind', 'name', 'title']);

    const live = CollabClient.connect(t.baseUrl, client, documentId);
    try {
      await live.synced();
      expect(live.provider.access === 'edit').toBe(can.edit);
    } finally {
      live.close();
    }
    const thread = await client.post(`/api/documents/${documentId}/threads`, { body: 'Which countries does this cover?' });
    expect(thread.status).toBe(can.comment ? 201 : 403);
    const theirs = (await (await t.as((await t.factory.user({ agency: 'WFP', role: 'staff' })).email)).post(`/api/documents/${documentId}/threads`, { body: 'A question.' })).body;
    const action = await client.put(`/api/threads/${theirs.id}/action`, { assigneeAgency: 'FAO', dueDate: '2027-06-30' });
    expect(action.status).toBe(can.review ? 200 : 403);
  });

  it.each(callers.map(([name]) => name))('%s: an action item’s complete holds', async (name) => {
    const client = clients.get(name)!;
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const secretariat = clients.get('the secretariat')!;
    const thread = await secretariat.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'Please add the 2027 figures.' });
    expect((await secretariat.put(`/api/threads/${thread.body.id}/action`, { assigneeAgency: 'WFP', dueDate: '2027-06-30' })).status).toBe(200);
    const listed = (await client.get('/api/action-items?agency=WFP&state=open&limit=200')).body.items.find(
      (item: { threadId: string }) => item.threadId === thread.body.id,
    );
    expect(listed).not.toHaveProperty('assigneeAgencyId');
    const done = await client.post(`/api/action-items/${thread.body.id}/done`);
    expect(done.status).toBe(listed.can.complete ? 200 : 403);
  });

  it('the session says which pages a user is offered, and a user row whether its manager may change it', async () => {
    const staff = (await clients.get('FAO staff')!.get('/api/auth/me')).body;
    expect(staff.can).toMatchObject({ manageUsers: false, readMail: false });
    expect((await clients.get('FAO staff')!.get('/api/users?agency=FAO')).status).toBe(403);

    const focal = (await clients.get('FAO focal point')!.get('/api/auth/me')).body;
    expect(focal.can).toMatchObject({ manageUsers: true, readMail: false, grantRoles: ['staff', 'focal_point'] });
    const rows = (await clients.get('FAO focal point')!.get('/api/users?agency=FAO')).body.items;
    const self = rows.find((row: { id: string }) => row.id === focal.user.id);
    expect(self.can.manage).toBe(false);
    expect((await clients.get('FAO focal point')!.patch(`/api/users/${self.id}`, { version: self.version, active: false })).status).toBe(403);
    const other = rows.find((row: { id: string; role: Role }) => row.id !== focal.user.id && row.role === 'staff');
    expect(other.can.manage).toBe(true);

    const secretariat = (await clients.get('the secretariat')!.get('/api/auth/me')).body;
    expect(secretariat.can).toMatchObject({
      manageUsers: true,
      readMail: true,
      grantRoles: ['staff', 'focal_point', 'secretariat'],
      manageConsolidatedReports: true,
    });
    expect(focal.can.manageConsolidatedReports).toBe(false);
    expect((await clients.get('the secretariat')!.get('/api/admin/mail')).status).toBe(200);
  });
});
