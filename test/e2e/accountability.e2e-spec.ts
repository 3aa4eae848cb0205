import { randomUUID } from 'node:crypto';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { ActivityReportState } from '../../src/reporting/activity-report-state';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The accountability grid: commitment × agency for one cycle, each cell the state of that agency's report, and
 * `overdue` for what was not submitted by a due date that has passed.
 */
describe('GET /api/frameworks/:id/accountability', () => {
  let t: TestApp;
  let reader: ApiClient;
  let framework: Framework;
  let commitments: Record<'first' | 'second' | 'third', Commitment>;
  let cycles: Record<'pastH1' | 'current' | 'longAgo' | 'future', ReportingCycle>;
  /** Report ids by `${cycle label}/${reference}/${agency}`. */
  const reportIds = new Map<string, string>();

  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    // Anyone reads the grid: a user of an agency that takes no part in the framework.
    reader = await t.as((await t.factory.user({ agency: 'UNICEF', role: 'staff' })).email);

    framework = await t.factory.framework({ code: 'ACC-GRID' });
    commitments = {
      first: await t.factory.commitment({ framework, reference: 'ACC-1', lead: ['FAO'], contributing: ['WFP', 'IFAD'] }),
      second: await t.factory.commitment({ framework, reference: 'ACC-2', lead: ['WFP'], contributing: ['FAO'] }),
      third: await t.factory.commitment({ framework, reference: 'ACC-3', lead: ['UNESCO', 'IFAD'] }),
    };
    // Created out of order, so that the default cycle cannot be the first or last one inserted.
    cycles = {
      current: await t.factory.cycle(framework, { label: 'CURRENT', opensOn: '2026-07-01', dueOn: '2099-06-30', closesOn: '2099-07-31' }),
      future: await t.factory.cycle(framework, { label: 'FUTURE', opensOn: '2099-01-01', dueOn: '2099-06-30', closesOn: '2099-07-31' }),
      pastH1: await t.factory.cycle(framework, { label: 'PAST', opensOn: '2026-01-01', dueOn: '2026-06-30', closesOn: '2026-07-31' }),
      longAgo: await t.factory.cycle(framework, { label: 'LONG-AGO', opensOn: '2020-01-01', dueOn: '2020-06-30', closesOn: '2020-07-31' }),
    };
    expect(cycles.current.opensOn <= today && today <= cycles.current.dueOn).toBe(true);
    expect(cycles.pastH1.dueOn < today).toBe(true);

    // The same reports in the current cycle and in the past one: only the past one's unsubmitted cells are overdue.
    const reports: [keyof typeof commitments, string, ActivityReportState][] = [
      ['first', 'FAO', 'accepted'],
      ['first', 'WFP', 'submitted'],
      ['first', 'IFAD', 'draft'],
      ['second', 'WFP', 'returned'],
      ['third', 'IFAD', 'submitted'],
    ];
    for (const cycle of [cycles.current, cycles.pastH1]) {
      for (const [which, agency, state] of reports) {
        const report = await t.factory.activityReport({ commitment: commitments[which], cycle, agency, state });
        reportIds.set(`${cycle.label}/${commitments[which].reference}/${agency}`, report.id);
      }
    }
    // Noise that must not show: another framework's commitment with a report of FAO in its own cycle.
    const elsewhere = await t.factory.framework();
    const otherCommitment = await t.factory.commitment({ framework: elsewhere, reference: 'ELSEWHERE-1', lead: ['FAO', 'WHO'] });
    await t.factory.activityReport({ commitment: otherCommitment, cycle: await t.factory.cycle(elsewhere), agency: 'FAO', state: 'accepted' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function grid(cycleId?: string): Promise<ApiResponse> {
    return reader.get(`/api/frameworks/${framework.id}/accountability${cycleId ? `?cycleId=${cycleId}` : ''}`);
  }

  /** The grid as `reference → agency → [participation, reportState, state, reportId]`, for exact comparison. */
  function cellsOf(body: any): Record<string, Record<string, [string, string | null, string, string | null]>> {
    return Object.fromEntries(
      body.rows.map((row: any) => [
        row.reference,
        Object.fromEntries(row.cells.map((c: any) => [c.agency, [c.participation, c.reportState, c.state, c.reportId]])),
      ]),
    );
  }

  const id = (cycle: ReportingCycle, reference: string, agency: string) => reportIds.get(`${cycle.label}/${reference}/${agency}`)!;

  it("shows each cell's report state for a cycle that is not yet due", async () => {
    const response = await grid(cycles.current.id);
    expect(response.status).toBe(200);
    expect(response.body.frameworkId).toBe(framework.id);
    expect(response.body.cycle).toMatchObject({ id: cycles.current.id, label: 'CURRENT', dueOn: '2099-06-30' });
    expect(response.body.agencies).toEqual(['FAO', 'IFAD', 'UNESCO', 'WFP']);
    expect(response.body.rows.map((r: any) => [r.commitmentId, r.reference])).toEqual([
      [commitments.first.id, 'ACC-1'],
      [commitments.second.id, 'ACC-2'],
      [commitments.third.id, 'ACC-3'],
    ]);
    const c = cycles.current;
    expect(cellsOf(response.body)).toEqual({
      'ACC-1': {
        FAO: ['lead', 'accepted', 'accepted', id(c, 'ACC-1', 'FAO')],
        WFP: ['contributing', 'submitted', 'submitted', id(c, 'ACC-1', 'WFP')],
        IFAD: ['contributing', 'draft', 'draft', id(c, 'ACC-1', 'IFAD')],
      },
      'ACC-2': {
        WFP: ['lead', 'returned', 'returned', id(c, 'ACC-2', 'WFP')],
        FAO: ['contributing', null, 'missing', null],
      },
      'ACC-3': {
        UNESCO: ['lead', null, 'missing', null],
        IFAD: ['lead', 'submitted', 'submitted', id(c, 'ACC-3', 'IFAD')],
      },
    });
    // Lead agencies come first in a row.
    expect(response.body.rows[0].cells.map((cell: any) => cell.participation)).toEqual(['lead', 'contributing', 'contributing']);
  });

  it('shows not-submitted cells of a cycle whose due date has passed as overdue, and keeps submitted and accepted ones', async () => {
    const response = await grid(cycles.pastH1.id);
    expect(response.status).toBe(200);
    expect(response.body.cycle.id).toBe(cycles.pastH1.id);
    const c = cycles.pastH1;
    expect(cellsOf(response.body)).toEqual({
      'ACC-1': {
        FAO: ['lead', 'accepted', 'accepted', id(c, 'ACC-1', 'FAO')],
        WFP: ['contributing', 'submitted', 'submitted', id(c, 'ACC-1', 'WFP')],
        IFAD: ['contributing', 'draft', 'overdue', id(c, 'ACC-1', 'IFAD')],
      },
      'ACC-2': {
        WFP: ['lead', 'returned', 'overdue', id(c, 'ACC-2', 'WFP')],
        FAO: ['contributing', null, 'overdue', null],
      },
      'ACC-3': {
        UNESCO: ['lead', null, 'overdue', null],
        IFAD: ['lead', 'submitted', 'submitted', id(c, 'ACC-3', 'IFAD')],
      },
    });
  });

  it('shows every cell of a long-past cycle without reports as overdue', async () => {
    const response = await grid(cycles.longAgo.id);
    expect(response.status).toBe(200);
    const cells = response.body.rows.flatMap((row: any) => row.cells);
    expect(cells).toHaveLength(7);
    expect(new Set(cells.map((cell: any) => cell.state))).toEqual(new Set(['overdue']));
    expect(cells.every((cell: any) => cell.reportId === null && cell.reportState === null)).toBe(true);
  });

  it('follows a report through its states, from missing to accepted', async () => {
    const own = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework: own, lead: ['FAO'], contributing: ['IFAD'] });
    const cycle = await t.factory.cycle(own);
    const fao = await t.as((await t.factory.user({ agency: 'FAO', role: 'focal_point' })).email);
    const ifad = await t.as((await t.factory.user({ agency: 'IFAD', role: 'focal_point' })).email);
    const ifadCell = async () => {
      const response = await reader.get(`/api/frameworks/${own.id}/accountability?cycleId=${cycle.id}`);
      expect(response.status).toBe(200);
      return response.body.rows[0].cells.find((cell: any) => cell.agency === 'IFAD');
    };

    expect(await ifadCell()).toMatchObject({ state: 'missing', reportId: null });
    const created = await ifad.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id });
    expect(created.status).toBe(201);
    const reportId: string = created.body.id;
    expect(await ifadCell()).toMatchObject({ state: 'draft', reportId });
    expect((await ifad.post(`/api/activity-reports/${reportId}/submit`, { version: 1 })).status).toBe(200);
    expect(await ifadCell()).toMatchObject({ state: 'submitted', reportId });
    expect((await fao.post(`/api/activity-reports/${reportId}/return`, { version: 2, reason: 'Add the figures.' })).status).toBe(200);
    expect(await ifadCell()).toMatchObject({ state: 'returned', reportId });
    expect((await ifad.post(`/api/activity-reports/${reportId}/submit`, { version: 3 })).status).toBe(200);
    expect((await fao.post(`/api/activity-reports/${reportId}/accept`, { version: 4 })).status).toBe(200);
    expect(await ifadCell()).toMatchObject({ state: 'accepted', reportState: 'accepted', reportId });
  });

  it('picks the latest cycle that has opened when no cycleId is given', async () => {
    const response = await grid();
    expect(response.status).toBe(200);
    expect(response.body.cycle).toMatchObject({ id: cycles.current.id, label: 'CURRENT' });
    expect(response.body.rows).toHaveLength(3);
  });

  it('answers 400 naming cycleId for a cycle of another framework, an unknown cycle or a malformed one', async () => {
    const other = await t.factory.framework();
    const otherCycle = await t.factory.cycle(other);
    for (const cycleId of [otherCycle.id, randomUUID(), 'not-a-uuid']) {
      const response = await grid(cycleId);
      expect(response.status).toBe(400);
      const details = response.body.error.details ?? {};
      expect([...(details.fields ?? []), ...(details.field ? [details.field] : [])]).toContain('cycleId');
    }
  });

  it('answers 404 for an unknown framework', async () => {
    const response = await reader.get(`/api/frameworks/${randomUUID()}/accountability`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    const withCycle = await reader.get(`/api/frameworks/${randomUUID()}/accountability?cycleId=${cycles.current.id}`);
    expect(withCycle.status).toBe(404);
  });

  it('answers 404 without cycleId for a framework that has no cycle yet', async () => {
    const bare = await t.factory.framework();
    await t.factory.commitment({ framework: bare, lead: ['FAO'] });
    const response = await reader.get(`/api/frameworks/${bare.id}/accountability`);
    expect(response.status).toBe(404);
  });

  it('requires a session', async () => {
    expect((await t.anonymous().get(`/api/frameworks/${framework.id}/accountability`)).status).toBe(401);
  });
});
