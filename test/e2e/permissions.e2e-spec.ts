import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/accounts/role';
import type { User } from '../../src/accounts/user.entity';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { ActivityReport } from '../../src/reporting/activity-report.entity';
import type { ActivityReportState } from '../../src/reporting/activity-report-state';
import { type Refusal, refusalSentence } from '../../src/common/refusals';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * DESIGN.md §3 as a table: (role, the acting user's agency's relation to the report, action) → allowed or not.
 * The report is always WFP's, on a commitment FAO leads and WFP contributes to; UNESCO takes no part.
 */
type Relation = 'own agency (WFP)' | 'lead agency (FAO)' | 'unrelated agency (UNESCO)';
const AGENCY_OF: Record<Relation, string> = { 'own agency (WFP)': 'WFP', 'lead agency (FAO)': 'FAO', 'unrelated agency (UNESCO)': 'UNESCO' };

const ROLES: Role[] = ['staff', 'focal_point', 'secretariat'];
const RELATIONS: Relation[] = ['own agency (WFP)', 'lead agency (FAO)', 'unrelated agency (UNESCO)'];

type ActionName =
  | 'edit activity report'
  | 'submit activity report'
  | 'accept activity report'
  | 'return activity report'
  | 'reopen activity report'
  | 'set commitment status'
  | 'create indicator'
  | 'create framework'
  | 'create cycle'
  | 'create agency'
  | 'create commitment';

const Y = true;
const N = false;
// prettier-ignore
const TABLE: [ActionName, boolean[]][] = [
  //                               staff             focal_point       secretariat
  //                               WFP  FAO  UNESCO  WFP  FAO  UNESCO  WFP  FAO  UNESCO
  ['edit activity report',        [Y,   N,   N,      Y,   N,   N,      Y,   N,   N]],
  ['submit activity report',      [N,   N,   N,      Y,   N,   N,      N,   N,   N]],
  ['accept activity report',      [N,   N,   N,      N,   Y,   N,      N,   N,   N]],
  ['return activity report',      [N,   N,   N,      N,   Y,   N,      N,   N,   N]],
  ['reopen activity report',      [N,   N,   N,      N,   Y,   N,      Y,   Y,   Y]],
  ['set commitment status',       [N,   N,   N,      N,   Y,   N,      Y,   Y,   Y]],
  ['create indicator',            [N,   N,   N,      N,   Y,   N,      Y,   Y,   Y]],
  ['create framework',            [N,   N,   N,      N,   N,   N,      Y,   Y,   Y]],
  ['create cycle',                [N,   N,   N,      N,   N,   N,      Y,   Y,   Y]],
  ['create agency',               [N,   N,   N,      N,   N,   N,      Y,   Y,   Y]],
  ['create commitment',           [N,   N,   N,      N,   N,   N,      Y,   Y,   Y]],
];

interface Row {
  role: Role;
  relation: Relation;
  action: ActionName;
  allowed: boolean;
  /** For the test's name. */
  outcome: 'allowed' | 'refused (403)';
}
const ROWS: Row[] = TABLE.flatMap(([action, cells]) =>
  ROLES.flatMap((role, r) =>
    RELATIONS.map((relation, a) => {
      const allowed = cells[r * RELATIONS.length + a];
      return { role, relation, action, allowed, outcome: allowed ? 'allowed' : 'refused (403)' } as const;
    }),
  ),
);

const unique = () => randomBytes(3).toString('hex').toUpperCase();

/** What a row acts on: fresh for every row, so that rows do not depend on each other. */
interface Subject {
  framework: Framework;
  commitment: Commitment;
  report: ActivityReport;
}

interface ActionSpec {
  /** The state WFP's report starts in. */
  reportState: ActivityReportState;
  attempt(client: ApiClient, subject: Subject): Promise<ApiResponse>;
  /** What the action would change, read back over the API. */
  readBack(reader: ApiClient, subject: Subject): Promise<unknown>;
  /** Why a refused user is refused: the 403's `details`, which a client says in the user's language. */
  refusal(subject: Subject): Refusal;
}

const readReport = async (reader: ApiClient, { report }: Subject) => {
  const { body } = await reader.get(`/api/activity-reports/${report.id}`);
  return { state: body.state, version: body.version, summary: body.summary, returnReason: body.returnReason };
};

const ACTIONS: Record<ActionName, ActionSpec> = {
  'edit activity report': {
    reportState: 'draft',
    refusal: () => ({ reason: 'agency_users_only_edit_report', agency: 'WFP' }),
    attempt: (client, { report }) => client.patch(`/api/activity-reports/${report.id}`, { version: 1, summary: 'Edited in the permission table.' }),
    readBack: readReport,
  },
  'submit activity report': {
    reportState: 'draft',
    refusal: () => ({ reason: 'agency_focal_points_only_submit', agency: 'WFP' }),
    attempt: (client, { report }) => client.post(`/api/activity-reports/${report.id}/submit`, { version: 1 }),
    readBack: readReport,
  },
  'accept activity report': {
    reportState: 'submitted',
    refusal: ({ commitment }) => ({ reason: 'lead_focal_points_only_accept_return', commitment: commitment.reference }),
    attempt: (client, { report }) => client.post(`/api/activity-reports/${report.id}/accept`, { version: 1 }),
    readBack: readReport,
  },
  'return activity report': {
    reportState: 'submitted',
    refusal: ({ commitment }) => ({ reason: 'lead_focal_points_only_accept_return', commitment: commitment.reference }),
    attempt: (client, { report }) => client.post(`/api/activity-reports/${report.id}/return`, { version: 1, reason: 'Please add the figures.' }),
    readBack: readReport,
  },
  'reopen activity report': {
    reportState: 'accepted',
    refusal: ({ commitment }) => ({ reason: 'lead_focal_points_only_reopen', commitment: commitment.reference }),
    attempt: (client, { report }) => client.post(`/api/activity-reports/${report.id}/reopen`, { version: 1, reason: 'The figures were revised.' }),
    readBack: readReport,
  },
  'set commitment status': {
    reportState: 'draft',
    refusal: ({ commitment }) => ({ reason: 'lead_focal_points_only_status', commitment: commitment.reference }),
    attempt: (client, { commitment }) => client.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'at_risk' }),
    readBack: async (reader, { commitment }) => {
      const { body } = await reader.get(`/api/commitments/${commitment.id}`);
      return { status: body.status, version: body.version };
    },
  },
  'create indicator': {
    reportState: 'draft',
    refusal: ({ commitment }) => ({ reason: 'lead_focal_points_only_indicators', commitment: commitment.reference }),
    attempt: (client, { commitment }) =>
      client.post(`/api/commitments/${commitment.id}/indicators`, { name: 'Entities reporting', unit: 'entities', target: 20 }),
    readBack: async (reader, { commitment }) => (await reader.get(`/api/commitments/${commitment.id}/indicators`)).body,
  },
  'create framework': {
    reportState: 'draft',
    refusal: () => ({ reason: 'secretariat_only_frameworks' }),
    attempt: (client) => client.post('/api/frameworks', { code: `FW-${unique()}`, kind: 'strategy', title: 'Gender mainstreaming strategy' }),
    readBack: async (reader) => (await reader.get('/api/frameworks?limit=1')).body.total,
  },
  'create cycle': {
    reportState: 'draft',
    refusal: () => ({ reason: 'secretariat_only_cycles' }),
    attempt: (client, { framework }) =>
      client.post('/api/cycles', { frameworkId: framework.id, label: '2007-H1', opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-07-31' }),
    readBack: async (reader, { framework }) => (await reader.get(`/api/cycles?frameworkId=${framework.id}`)).body.total,
  },
  'create agency': {
    reportState: 'draft',
    refusal: () => ({ reason: 'secretariat_only_agencies' }),
    attempt: (client) => client.post('/api/agencies', { code: `AG-${unique()}`, name: 'Test agency', kind: 'fund' }),
    readBack: async (reader) => (await reader.get('/api/agencies?limit=1')).body.total,
  },
  'create commitment': {
    reportState: 'draft',
    refusal: () => ({ reason: 'secretariat_only_commitments' }),
    attempt: (client, { framework }) =>
      client.post('/api/commitments', { frameworkId: framework.id, reference: `C-${unique()}`, title: 'Aid for trade', leadAgencies: ['FAO'], contributingAgencies: ['WFP'] }),
    readBack: async (reader, { framework }) => (await reader.get(`/api/commitments?frameworkId=${framework.id}`)).body.total,
  },
};

describe('who may do what (DESIGN.md §3)', () => {
  let t: TestApp;
  const clients = new Map<string, ApiClient>();
  const userOf = new Map<string, User>();
  let reader: ApiClient;
  let wfpFocal: User;

  const key = (role: Role, relation: Relation) => `${role}@${AGENCY_OF[relation]}`;

  /** The id of the last change event so far, paging to the end of the feed. */
  async function feedEnd(): Promise<string | undefined> {
    let cursor: string | undefined;
    for (;;) {
      const page = await reader.get(`/api/changes?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      if (page.body.items.length > 0) cursor = page.body.items[page.body.items.length - 1].id;
      if (!page.body.nextCursor) return cursor;
    }
  }

  async function changesAfter(cursor: string | undefined): Promise<any[]> {
    const page = await reader.get(`/api/changes?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    return page.body.items;
  }

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) {
      for (const relation of RELATIONS) {
        const user = await t.factory.user({ agency: AGENCY_OF[relation], role });
        userOf.set(key(role, relation), user);
        clients.set(key(role, relation), await t.as(user.email));
      }
    }
    wfpFocal = userOf.get(key('focal_point', 'own agency (WFP)'))!;
    // Reads back as a bystander: reading is open to everyone (tested below).
    reader = await t.as((await t.factory.user({ agency: 'UNICEF', role: 'staff' })).email);
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a row for every role, agency relation and action', () => {
    expect(ROWS).toHaveLength(ROLES.length * RELATIONS.length * Object.keys(ACTIONS).length);
    expect(ROWS.filter((row) => row.allowed).length).toBeGreaterThan(0);
    expect(ROWS.filter((row) => !row.allowed).length).toBeGreaterThan(0);
  });

  it.each(ROWS)('$role of the $relation: $action → $outcome', async ({ role, relation, action, allowed }) => {
    const spec = ACTIONS[action];
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await t.factory.cycle(framework);
    const report = await t.factory.activityReport({ commitment, cycle, agency: 'WFP', state: spec.reportState, by: wfpFocal });
    const subject = { framework, commitment, report };
    const actor = userOf.get(key(role, relation))!;

    const before = await spec.readBack(reader, subject);
    const cursor = await feedEnd();
    const response = await spec.attempt(clients.get(key(role, relation))!, subject);
    const after = await spec.readBack(reader, subject);
    const events = await changesAfter(cursor);

    if (allowed) {
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      expect(after).not.toEqual(before);
      // One change event for the action (a return also opens its thread, a second event, of the thread).
      expect(events.filter((event) => event.entityType !== 'thread')).toHaveLength(1);
      expect(events.filter((event) => event.entityType === 'thread')).toHaveLength(action === 'return activity report' ? 1 : 0);
      expect(events.every((event) => event.actor.userId === actor.id)).toBe(true);
    } else {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
      // Why, as data (a client says it in the user's language), and the same in English for API users.
      expect(response.body.error.details).toEqual(spec.refusal(subject));
      expect(response.body.error.message).toBe(refusalSentence(spec.refusal(subject)));
      expect(after).toEqual(before);
      expect(events).toEqual([]);
    }
  });

  describe('reading', () => {
    let subject: Subject;
    let eventId: string;
    beforeAll(async () => {
      const framework = await t.factory.framework();
      const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
      const cycle = await t.factory.cycle(framework);
      const report = await t.factory.activityReport({ commitment, cycle, agency: 'WFP', by: wfpFocal });
      const edit = await clients.get(key('staff', 'own agency (WFP)'))!.patch(`/api/activity-reports/${report.id}`, { version: 1, summary: 'Visible to all' });
      expect(edit.status).toBe(200);
      subject = { framework, commitment, report };
      const events = (await reader.get(`/api/changes?entityId=${report.id}`)).body.items;
      expect(events).toHaveLength(1);
      eventId = events[0].id;
    });

    const readers = ROLES.flatMap((role) => RELATIONS.map((relation) => ({ role, relation })));
    it.each(readers)('lets a $role of the $relation read every framework, commitment, report and change event', async ({ role, relation }) => {
      const client = clients.get(key(role, relation))!;
      const { framework, commitment, report } = subject;

      const frameworkRead = await client.get(`/api/frameworks/${framework.id}`);
      expect(frameworkRead.status).toBe(200);
      expect(frameworkRead.body.id).toBe(framework.id);
      const frameworks = await client.get('/api/frameworks?limit=200');
      expect(frameworks.status).toBe(200);
      expect(frameworks.body.total).toBeGreaterThan(0);

      const commitmentRead = await client.get(`/api/commitments/${commitment.id}`);
      expect(commitmentRead.status).toBe(200);
      expect(commitmentRead.body).toMatchObject({ id: commitment.id, leadAgencies: ['FAO'], contributingAgencies: ['WFP'] });
      expect((await client.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(1);

      const reportRead = await client.get(`/api/activity-reports/${report.id}`);
      expect(reportRead.status).toBe(200);
      expect(reportRead.body).toMatchObject({ id: report.id, agency: 'WFP', summary: 'Visible to all' });
      expect((await client.get(`/api/activity-reports?commitmentId=${commitment.id}`)).body.total).toBe(1);

      const feed = await client.get(`/api/changes?frameworkId=${framework.id}`);
      expect(feed.status).toBe(200);
      expect(feed.body.items.map((e: any) => e.id)).toEqual([eventId]);
    });
  });

  it("refuses a deactivated user's existing session within a few seconds (401)", async () => {
    const user = await t.factory.user({ agency: 'UNESCO', role: 'focal_point' });
    const client = await t.as(user.email);
    expect((await client.get('/api/auth/me')).status).toBe(200);

    await t.factory.deactivate(user);

    // Principals are cached for up to 5 s: poll rather than assert a timing.
    const deadline = Date.now() + 7_000;
    let status = 200;
    while (Date.now() < deadline) {
      status = (await client.get('/api/auth/me')).status;
      if (status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    expect((await client.get('/api/commitments')).status).toBe(401);
    const framework = await t.factory.framework();
    expect((await client.get(`/api/frameworks/${framework.id}`)).status).toBe(401);
  }, 15_000);

  it("says why a user may not manage another agency's users or change their own account: a reason code and the agency, as data", async () => {
    const faoStaff = userOf.get(key('staff', 'lead agency (FAO)'))!;
    const wfpFocalClient = clients.get(key('focal_point', 'own agency (WFP)'))!;
    const otherAgency = await wfpFocalClient.patch(`/api/users/${faoStaff.id}`, { version: faoStaff.version, role: 'focal_point' });
    expect(otherAgency.status).toBe(403);
    expect(otherAgency.body.error).toEqual({
      code: 'forbidden',
      message: "Only FAO's focal points or the secretariat can manage FAO's users.",
      details: { reason: 'agency_focal_points_only_users', agency: 'FAO' },
    });

    const own = await wfpFocalClient.patch(`/api/users/${wfpFocal.id}`, { version: wfpFocal.version, role: 'staff' });
    expect(own.status).toBe(403);
    expect(own.body.error).toEqual({
      code: 'forbidden',
      message: 'You cannot change your own role or deactivate your own account; ask another manager.',
      details: { reason: 'own_account_change' },
    });
    // Nothing changed.
    const roles = await clients.get(key('secretariat', 'own agency (WFP)'))!.get('/api/users?agency=WFP&limit=200');
    expect(roles.body.items.find((user: { id: string }) => user.id === wfpFocal.id)).toMatchObject({ role: 'focal_point' });
  });
});
