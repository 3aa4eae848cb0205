import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { User } from '../../src/accounts/user.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

interface FeedEvent {
  id: string;
  occurredAt: string;
  actor: { userId: string; displayName: string; agencyCode: string } | null;
  entityType: string;
  entityId: string;
  action: string;
  frameworkId: string | null;
  commitmentId: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  facts: { kind: string; params: Record<string, string | number> } | null;
}

/**
 * The change feed: every write appends one event in its own transaction (who, what, before/after), a failed write
 * appends none and leaves no trace, and readers page through it by cursor without repeats or gaps.
 */
describe('the change feed', () => {
  let t: TestApp;
  let secretariatUser: User;
  let faoFocalUser: User;
  let wfpFocalUser: User;
  let secretariat: ApiClient;
  let faoFocal: ApiClient;
  let faoStaff: ApiClient;
  let wfpFocal: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    secretariatUser = await t.factory.user({ role: 'secretariat' });
    faoFocalUser = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    wfpFocalUser = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
    secretariat = await t.as(secretariatUser.email);
    faoFocal = await t.as(faoFocalUser.email);
    faoStaff = await t.as((await t.factory.user({ agency: 'FAO', role: 'staff' })).email);
    wfpFocal = await t.as(wfpFocalUser.email);
    await t.factory.agency('ILO');
  });
  afterAll(async () => {
    await t.close();
  });

  /** The newest event's id: what a reader that is up to date holds as its cursor. */
  async function latestCursor(): Promise<string> {
    const [row] = await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM change_events`);
    return row.id;
  }

  /** Everything after `cursor` (matching `query`), read over the API. */
  async function eventsAfter(cursor: string, query = ''): Promise<FeedEvent[]> {
    const response = await faoStaff.get(`/api/changes?cursor=${cursor}&limit=200${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  /** Follows nextCursor from `start` until the feed says there is no more; returns every page. */
  async function readAllPages(query: string, limit: number): Promise<FeedEvent[][]> {
    const pages: FeedEvent[][] = [];
    let cursor: string | null = null;
    do {
      const response: ApiResponse = await faoStaff.get(`/api/changes?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      pages.push(response.body.items);
      cursor = response.body.nextCursor;
      expect(pages.length).toBeLessThan(1000);
    } while (cursor !== null);
    return pages;
  }

  /** Runs one write and answers the one event it recorded (and fails if it recorded none, or several). */
  async function theEventOf(write: () => Promise<ApiResponse>): Promise<{ response: ApiResponse; event: FeedEvent }> {
    const cursor = await latestCursor();
    const response = await write();
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    const events = await eventsAfter(cursor);
    expect(events).toHaveLength(1);
    expect(events[0].summary).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(events[0].occurredAt))).toBe(false);
    return { response, event: events[0] };
  }

  const bySecretariat = () => ({ userId: secretariatUser.id, agencyCode: 'CEB' });
  const byFaoFocal = () => ({ userId: faoFocalUser.id, agencyCode: 'FAO' });
  const faoLeads = (framework?: Framework) => t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });

  describe('every write records one event: who, what, before and after', () => {
    it('adding an agency', async () => {
      const code = `A${suffix()}`;
      const { response, event } = await theEventOf(() => secretariat.post('/api/agencies', { code, name: 'A test agency', kind: 'fund' }));
      expect(event).toMatchObject({
        actor: bySecretariat(),
        entityType: 'agency',
        entityId: response.body.id,
        action: 'created',
        before: null,
        after: { code, name: 'A test agency', kind: 'fund' },
      });
    });

    it('renaming an agency, then archiving it', async () => {
      const agency = await t.factory.agency(`R${suffix()}`);
      const renamed = await theEventOf(() => secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'Renamed agency' }));
      expect(renamed.event).toMatchObject({
        actor: bySecretariat(),
        entityType: 'agency',
        entityId: agency.id,
        action: 'updated',
        before: { name: agency.name },
        after: { name: 'Renamed agency' },
      });
      const archived = await theEventOf(() => secretariat.patch(`/api/agencies/${agency.id}`, { version: 2, archived: true }));
      expect(archived.event).toMatchObject({ entityId: agency.id, action: 'archived', before: { archivedAt: null }, after: { archivedAt: expect.any(String) } });
    });

    it('creating a framework, then retitling it', async () => {
      const code = `FW-${suffix()}`;
      const created = await theEventOf(() => secretariat.post('/api/frameworks', { code, kind: 'strategy', title: 'Gender mainstreaming strategy' }));
      expect(created.event).toMatchObject({
        actor: bySecretariat(),
        entityType: 'framework',
        entityId: created.response.body.id,
        frameworkId: created.response.body.id,
        action: 'created',
        after: { code, kind: 'strategy', title: 'Gender mainstreaming strategy' },
      });
      const retitled = await theEventOf(() =>
        secretariat.patch(`/api/frameworks/${created.response.body.id}`, { version: 1, title: 'System-wide gender mainstreaming strategy' }),
      );
      expect(retitled.event).toMatchObject({
        entityId: created.response.body.id,
        action: 'updated',
        before: { title: 'Gender mainstreaming strategy' },
        after: { title: 'System-wide gender mainstreaming strategy' },
      });
    });

    it('creating a commitment, with its agencies', async () => {
      const framework = await t.factory.framework();
      const reference = `BPoA-${suffix()}`;
      const { response, event } = await theEventOf(() =>
        secretariat.post('/api/commitments', {
          frameworkId: framework.id,
          reference,
          title: 'Enhancing the role of trade in development',
          leadAgencies: ['FAO'],
          contributingAgencies: ['WFP'],
        }),
      );
      expect(event).toMatchObject({
        actor: bySecretariat(),
        entityType: 'commitment',
        entityId: response.body.id,
        frameworkId: framework.id,
        commitmentId: response.body.id,
        action: 'created',
        after: { title: 'Enhancing the role of trade in development', status: 'not_started', leadAgencies: ['FAO'], contributingAgencies: ['WFP'] },
      });
    });

    it('a lead focal point setting a commitment’s status', async () => {
      const commitment = await faoLeads();
      const { event } = await theEventOf(() => faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' }));
      expect(event).toMatchObject({
        actor: byFaoFocal(),
        entityType: 'commitment',
        entityId: commitment.id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: 'status_changed',
        before: { status: 'not_started' },
        after: { status: 'on_track' },
      });
    });

    it('the secretariat changing a commitment’s title and agencies', async () => {
      const commitment = await faoLeads();
      const { event } = await theEventOf(() =>
        secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, title: 'Mobilizing financial resources', leadAgencies: ['FAO', 'ILO'] }),
      );
      expect(event).toMatchObject({
        actor: bySecretariat(),
        entityId: commitment.id,
        action: 'updated',
        before: { title: commitment.title, leadAgencies: ['FAO'] },
        after: { title: 'Mobilizing financial resources', leadAgencies: ['FAO', 'ILO'] },
      });
      expect(Object.keys(event.after!).sort()).toEqual(['leadAgencies', 'title']);
    });

    it('a lead focal point adding an indicator, then changing its target', async () => {
      const commitment = await faoLeads();
      const name = `Entities mainstreaming ${suffix()}`;
      const created = await theEventOf(() =>
        faoFocal.post(`/api/commitments/${commitment.id}/indicators`, { name, unit: 'entities', target: 20 }),
      );
      expect(created.event).toMatchObject({
        actor: byFaoFocal(),
        entityType: 'indicator',
        entityId: created.response.body.id,
        frameworkId: commitment.frameworkId,
        commitmentId: commitment.id,
        action: 'created',
        after: { name, unit: 'entities', target: 20 },
      });
      const changed = await theEventOf(() => faoFocal.patch(`/api/indicators/${created.response.body.id}`, { version: 1, target: 25 }));
      expect(changed.event).toMatchObject({ entityId: created.response.body.id, action: 'updated', before: { target: 20 }, after: { target: 25 } });
    });

    it('opening a reporting cycle, then moving its due date', async () => {
      const framework = await t.factory.framework();
      const opened = await theEventOf(() =>
        secretariat.post('/api/cycles', { frameworkId: framework.id, label: '2007-H1', opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-07-31' }),
      );
      expect(opened.event).toMatchObject({
        actor: bySecretariat(),
        entityType: 'reporting_cycle',
        entityId: opened.response.body.id,
        frameworkId: framework.id,
        action: 'created',
        after: { label: '2007-H1', dueOn: '2007-06-30' },
      });
      const moved = await theEventOf(() => secretariat.patch(`/api/cycles/${opened.response.body.id}`, { version: 1, dueOn: '2007-07-15' }));
      expect(moved.event).toMatchObject({ action: 'updated', before: { dueOn: '2007-06-30' }, after: { dueOn: '2007-07-15' } });
    });
  });

  describe('each event carries facts the client tells in the reader’s language (issue #16)', () => {
    it('a status change: who set which commitment from which status to which, as codes', async () => {
      const commitment = await faoLeads();
      const { event } = await theEventOf(() => faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'at_risk' }));
      expect(event.facts).toEqual({
        kind: 'commitmentStatusChanged',
        params: { agency: 'FAO', reference: commitment.reference, fromStatus: 'not_started', toStatus: 'at_risk' },
      });
      // The English summary stays, for readers the facts cannot serve.
      expect(event.summary).toBe(`FAO set ${commitment.reference} from not_started to at_risk`);
    });

    it('an accepted report: who accepted which agency’s report of which cycle on which commitment', async () => {
      const commitment = await faoLeads();
      const cycle = await t.factory.cycle(commitment.frameworkId, { label: `2031-${suffix()}` });
      const report = await t.factory.activityReport({ commitment, cycle, agency: 'WFP', state: 'submitted' });
      const { event } = await theEventOf(() => faoFocal.post(`/api/activity-reports/${report.id}/accept`, { version: 1 }));
      expect(event.facts).toEqual({
        kind: 'activityReportAccepted',
        params: { agency: 'FAO', reportAgency: 'WFP', cycle: cycle.label, reference: commitment.reference },
      });
      // The same facts reach the feed filtered by framework, as the History tab reads it.
      const history = await faoStaff.get(`/api/changes?frameworkId=${commitment.frameworkId}&order=desc&limit=1`);
      expect(history.body.items[0]).toMatchObject({ id: event.id, facts: event.facts });
    });
  });

  it('still answers when an event names a comment by something that is not an id', async () => {
    const framework = await t.factory.framework();
    await t.dataSource.query(
      `INSERT INTO change_events (entity_type, entity_id, action, framework_id, summary, after)
       VALUES ('thread', gen_random_uuid(), 'comment_added', $1, 'Someone commented', '{"commentId": "not-a-uuid"}')`,
      [framework.id],
    );
    const feed = await faoStaff.get(`/api/changes?frameworkId=${framework.id}`);
    expect(feed.status).toBe(200);
    expect(feed.body.items).toEqual([expect.objectContaining({ summary: 'Someone commented', facts: null })]);
  });

  describe('reading the feed', () => {
    it('pages with nextCursor through a framework’s events: oldest first, none twice, none left out', async () => {
      const framework = await t.factory.framework();
      for (let n = 1; n <= 7; n++) {
        const created = await secretariat.post('/api/commitments', {
          frameworkId: framework.id,
          reference: `P${suffix()}-${n}`,
          title: `Paged commitment ${n}`,
          leadAgencies: ['FAO'],
        });
        expect(created.status).toBe(201);
      }
      const pages = await readAllPages(`&frameworkId=${framework.id}`, 3);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      const titles = pages.flat().map((event) => event.after?.title);
      expect(titles).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Paged commitment ${n}`));
    });

    it('pages through the whole feed exactly as the database holds it', async () => {
      await faoLeads();
      const ids = pagesToIds(await readAllPages('', 4));
      const stored: { id: string }[] = await t.dataSource.query(`SELECT id::text AS id FROM change_events ORDER BY change_events.id`);
      expect(ids).toEqual(stored.map((row) => row.id));
      expect(ids.length).toBeGreaterThan(4);
    });

    it('answers nextCursor only while a page comes back full', async () => {
      const framework = await t.factory.framework();
      const cycle = await t.factory.cycle(framework);
      await secretariat.patch(`/api/cycles/${cycle.id}`, { version: 1, label: 'Renamed once' });
      await secretariat.patch(`/api/cycles/${cycle.id}`, { version: 2, label: 'Renamed twice' });
      const full = await faoStaff.get(`/api/changes?frameworkId=${framework.id}&limit=2`);
      expect(full.body.items).toHaveLength(2);
      expect(full.body.nextCursor).toBe(full.body.items[1].id);
      const after = await faoStaff.get(`/api/changes?frameworkId=${framework.id}&limit=2&cursor=${full.body.nextCursor}`);
      expect(after.body).toEqual({ items: [], nextCursor: null });
    });

    describe('filters', () => {
      let framework: Framework;
      let commitmentId: string;
      let indicatorId: string;
      beforeAll(async () => {
        framework = await t.factory.framework();
        const commitment = await faoLeads(framework);
        commitmentId = commitment.id;
        await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'at_risk' });
        indicatorId = (await faoFocal.post(`/api/commitments/${commitment.id}/indicators`, { name: 'Joint actions', unit: 'actions', target: 4 })).body.id;
        const sibling = await faoLeads(framework);
        await faoFocal.patch(`/api/commitments/${sibling.id}`, { version: 1, status: 'on_track' });
        await secretariat.post('/api/cycles', { frameworkId: framework.id, label: '2007-H2', opensOn: '2007-07-01', dueOn: '2007-12-31', closesOn: '2008-01-31' });
        // Noise in another framework that no filter above should return.
        const elsewhere = await faoLeads();
        await faoFocal.patch(`/api/commitments/${elsewhere.id}`, { version: 1, status: 'achieved' });
      });

      it('by framework: that framework’s commitments, indicators and cycles, nothing else', async () => {
        const events = await eventsAfter('0', `&frameworkId=${framework.id}`);
        expect(events.map((e) => `${e.entityType}:${e.action}`)).toEqual([
          'commitment:status_changed',
          'indicator:created',
          'commitment:status_changed',
          'reporting_cycle:created',
        ]);
        expect(events.every((e) => e.frameworkId === framework.id)).toBe(true);
      });

      it('by commitment: the commitment and its indicators only', async () => {
        const events = await eventsAfter('0', `&commitmentId=${commitmentId}`);
        expect(events.map((e) => e.entityId)).toEqual([commitmentId, indicatorId]);
      });

      it('by entity type, alone and with a framework', async () => {
        const indicators = await eventsAfter('0', '&entityType=indicator');
        expect(indicators.length).toBeGreaterThan(0);
        expect(indicators.every((e) => e.entityType === 'indicator')).toBe(true);
        expect(indicators.map((e) => e.entityId)).toContain(indicatorId);
        const cycles = await eventsAfter('0', `&entityType=reporting_cycle&frameworkId=${framework.id}`);
        expect(cycles).toHaveLength(1);
        expect(cycles[0]).toMatchObject({ entityType: 'reporting_cycle', after: { label: '2007-H2' } });
      });

      it('by entity: one thing’s history', async () => {
        const events = await eventsAfter('0', `&entityId=${indicatorId}`);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ entityId: indicatorId, action: 'created' });
      });
    });

    it('by time: `since` returns what happened at or after it', async () => {
      const framework = await t.factory.framework();
      const statuses = ['on_track', 'at_risk', 'off_track'] as const;
      const commitment = await faoLeads(framework);
      for (const [index, status] of statuses.entries()) {
        expect((await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: index + 1, status })).status).toBe(200);
        await sleep(30);
      }
      const all = await eventsAfter('0', `&frameworkId=${framework.id}`);
      expect(all.map((e) => e.after?.status)).toEqual(['on_track', 'at_risk', 'off_track']);
      const fromSecond = await eventsAfter('0', `&frameworkId=${framework.id}&since=${encodeURIComponent(all[1].occurredAt)}`);
      expect(fromSecond.map((e) => e.after?.status)).toEqual(['at_risk', 'off_track']);
      const future = await eventsAfter('0', `&frameworkId=${framework.id}&since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
      expect(future).toEqual([]);
    });

    it('answers 401 without a session', async () => {
      expect((await t.anonymous().get('/api/changes')).status).toBe(401);
    });
  });

  describe('a write that fails leaves no event and no partial change', () => {
    /** Runs a write that must fail, and checks the feed and the documents table did not move. */
    async function failsLeavingNoTrace(write: () => Promise<ApiResponse>, status: number): Promise<ApiResponse> {
      const cursor = await latestCursor();
      const [documentsBefore] = await t.dataSource.query(`SELECT count(*)::int AS n FROM documents`);
      const response = await write();
      expect(response.status).toBe(status);
      expect(await eventsAfter(cursor)).toEqual([]);
      const [documentsAfter] = await t.dataSource.query(`SELECT count(*)::int AS n FROM documents`);
      expect(documentsAfter.n).toBe(documentsBefore.n);
      return response;
    }
    const read = async (id: string) => (await secretariat.get(`/api/commitments/${id}`)).body;

    it('an edit with a lead agency that does not exist keeps the old title, version and agencies', async () => {
      const commitment = await faoLeads();
      const response = await failsLeavingNoTrace(
        () => secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, title: 'New', leadAgencies: ['NOPE'] }),
        400,
      );
      expect(response.body.error.details).toMatchObject({ field: 'leadAgencies' });
      expect(await read(commitment.id)).toMatchObject({ title: commitment.title, version: 1, leadAgencies: ['FAO'], contributingAgencies: ['WFP'] });
    });

    it('an edit that makes an agency both lead and contribute keeps the old status and agencies', async () => {
      const commitment = await faoLeads();
      await failsLeavingNoTrace(
        () => secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'achieved', contributingAgencies: ['FAO'] }),
        400,
      );
      expect(await read(commitment.id)).toMatchObject({ status: 'not_started', version: 1, leadAgencies: ['FAO'], contributingAgencies: ['WFP'] });
    });

    it('a refused status change (403) and a stale one (409) record nothing', async () => {
      const commitment = await faoLeads();
      await failsLeavingNoTrace(() => wfpFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'off_track' }), 403);
      expect((await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' })).status).toBe(200);
      await failsLeavingNoTrace(() => secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'achieved' }), 409);
      expect(await read(commitment.id)).toMatchObject({ status: 'on_track', version: 2 });
    });

    it('a new commitment whose reference is taken leaves neither a commitment, nor its report document, nor an event', async () => {
      const framework = await t.factory.framework();
      const existing = await faoLeads(framework);
      await failsLeavingNoTrace(
        () => secretariat.post('/api/commitments', { frameworkId: framework.id, reference: existing.reference, title: 'Duplicate', leadAgencies: ['FAO'] }),
        409,
      );
      expect((await secretariat.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(1);
    });

    it('a new commitment with an unknown contributing agency leaves nothing behind', async () => {
      const framework = await t.factory.framework();
      await failsLeavingNoTrace(
        () =>
          secretariat.post('/api/commitments', {
            frameworkId: framework.id,
            reference: `X-${suffix()}`,
            title: 'Never created',
            leadAgencies: ['FAO'],
            contributingAgencies: ['WFP', 'NOPE'],
          }),
        400,
      );
      expect((await secretariat.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('a duplicate indicator and a cycle of an unknown framework record nothing', async () => {
      const commitment = await faoLeads();
      const indicator = await t.factory.indicator(commitment);
      await failsLeavingNoTrace(
        () => faoFocal.post(`/api/commitments/${commitment.id}/indicators`, { name: indicator.name, unit: 'entities', target: 1 }),
        409,
      );
      await failsLeavingNoTrace(
        () =>
          secretariat.post('/api/cycles', {
            frameworkId: '00000000-0000-4000-8000-000000000000',
            label: '2007-H1',
            opensOn: '2007-01-01',
            dueOn: '2007-06-30',
            closesOn: '2007-07-31',
          }),
        400,
      );
    });
  });

  describe('the feed is never rewritten', () => {
    it('the database refuses to update or delete an event', async () => {
      await faoLeads();
      const stored = await t.dataSource.query(`SELECT * FROM change_events ORDER BY id`);
      expect(stored.length).toBeGreaterThan(0);
      await expect(t.dataSource.query(`UPDATE change_events SET summary = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`UPDATE change_events SET actor_user_id = NULL WHERE id = $1`, [stored[0].id])).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM change_events`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM change_events WHERE id = $1`, [stored[0].id])).rejects.toThrow(/append-only/);
      expect(await t.dataSource.query(`SELECT * FROM change_events ORDER BY id`)).toEqual(stored);
    });

    it('the database refuses to empty the feed with TRUNCATE', async () => {
      await faoLeads();
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        // Inside a transaction that is rolled back either way, so a TRUNCATE that wrongly succeeds loses nothing.
        await expect(runner.query(`TRUNCATE change_events`)).rejects.toThrow(/append-only/);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  it('a reader keeping the last id it read misses no event when two writes commit out of order', async () => {
    // Two users write at once: FAO's write takes its event id first but commits after WFP's. Holding a lock on
    // the FAO user's row stalls FAO's write in the middle of appending its event (the foreign key check waits).
    const framework = await t.factory.framework();
    const faoCommitment = await faoLeads(framework);
    const wfpCommitment = await t.factory.commitment({ framework, lead: ['WFP'] });
    const start = await latestCursor();
    const seen: FeedEvent[] = [];
    const readOn = async () => {
      const cursor = seen.at(-1)?.id ?? start;
      const response = await secretariat.get(`/api/changes?frameworkId=${framework.id}&cursor=${cursor}&limit=50`);
      expect(response.status).toBe(200);
      seen.push(...(response.body.items as FeedEvent[]));
    };

    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let slowWrite: Promise<ApiResponse> | undefined;
    let fastWrite: Promise<ApiResponse> | undefined;
    try {
      await blocker.query(`SELECT id FROM users WHERE id = $1 FOR UPDATE`, [faoFocalUser.id]);
      slowWrite = faoFocal.patch(`/api/commitments/${faoCommitment.id}`, { version: 1, status: 'on_track' });
      await waitUntil(async () => (await writesWaitingOnALock()) >= 1);
      let fastDone = false;
      fastWrite = wfpFocal.patch(`/api/commitments/${wfpCommitment.id}`, { version: 1, status: 'at_risk' });
      fastWrite.then(() => (fastDone = true), () => (fastDone = true));
      // WFP's write commits now, or (if the feed makes writers take turns) waits behind FAO's: either is fine.
      await waitUntil(async () => fastDone || (await writesWaitingOnALock()) >= 2);
      await readOn();
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
      // Let both writes finish whatever happened above, so that nothing outlives the test.
      const [slow, fast] = await Promise.all([slowWrite, fastWrite]);
      expect([slow?.status, fast?.status]).toEqual([200, 200]);
    }
    await readOn();
    expect(seen.map((event) => event.entityId).sort()).toEqual([faoCommitment.id, wfpCommitment.id].sort());
  });

  /** Requests of the app stalled on a row or table lock in this test's database. */
  async function writesWaitingOnALock(): Promise<number> {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    return row.n;
  }

  async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 250; attempt++) {
      if (await condition()) return;
      await sleep(20);
    }
    throw new Error('waited 5 s for the concurrent writes to reach the database');
  }
});

function pagesToIds(pages: FeedEvent[][]): string[] {
  return pages.flat().map((event) => event.id);
}
