import type { User } from '../../src/accounts/user.entity';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { Indicator } from '../../src/frameworks/indicator.entity';
import type { ActivityReportState } from '../../src/reporting/activity-report-state';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { Factory } from '../support/factory';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The activity report workflow over real HTTP: draft → submitted → returned (with a reason) → submitted → accepted
 * (frozen) → reopened; every other transition is a 409 that changes nothing.
 */
describe('activity reports', () => {
  let t: TestApp;
  let users: Record<'faoFocal' | 'faoStaff' | 'wfpFocal' | 'wfpStaff' | 'unescoFocal' | 'secretariat', User>;
  let as: Record<keyof typeof users, ApiClient>;

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
  afterAll(async () => {
    await t.close();
  });

  /** A framework, a commitment FAO leads and WFP contributes to, two indicators and an open cycle. */
  async function scenario(): Promise<{ framework: Framework; commitment: Commitment; indicators: Indicator[]; cycle: ReportingCycle }> {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const indicators = [await t.factory.indicator(commitment, { name: 'A entities' }), await t.factory.indicator(commitment, { name: 'B entities' })];
    const cycle = await t.factory.cycle(framework);
    return { framework, commitment, indicators, cycle };
  }

  /** WFP's report on a fresh scenario, already in `state`. */
  async function wfpReport(state: ActivityReportState) {
    const s = await scenario();
    const report = await t.factory.activityReport({ commitment: s.commitment, cycle: s.cycle, agency: 'WFP', state, by: users.wfpFocal });
    return { ...s, report };
  }

  async function read(id: string) {
    const response = await as.wfpStaff.get(`/api/activity-reports/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function changesOf(entityId: string): Promise<any[]> {
    const response = await as.wfpStaff.get(`/api/changes?entityId=${entityId}&limit=200`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  /** The field a 400 names, whichever of the two error shapes carries it (see the report on `details.field`). */
  function namedFields(response: ApiResponse): string[] {
    const details = response.body?.error?.details ?? {};
    return [...(details.fields ?? []), ...(details.field ? [details.field] : [])];
  }

  it.each(['staff', 'focal_point'] as const)('lets a %s of a contributing agency create a draft with indicator values', async (role) => {
    const { commitment, cycle, indicators } = await scenario();
    const client = role === 'staff' ? as.wfpStaff : as.wfpFocal;
    const created = await client.post('/api/activity-reports', {
      commitmentId: commitment.id,
      cycleId: cycle.id,
      summary: 'Trained 12 staff on LDC mainstreaming.',
      indicatorValues: [{ indicatorId: indicators[0].id, value: 12, note: 'two workshops' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      commitmentId: commitment.id,
      cycleId: cycle.id,
      agency: 'WFP',
      state: 'draft',
      version: 1,
      summary: 'Trained 12 staff on LDC mainstreaming.',
      returnReason: null,
    });
    expect(typeof created.body.documentId).toBe('string');

    const stored = await read(created.body.id);
    expect(stored.indicatorValues).toEqual([
      { indicatorId: indicators[0].id, indicatorName: 'A entities', unit: 'entities', value: 12, note: 'two workshops' },
    ]);
    const events = await changesOf(created.body.id);
    expect(events.map((e) => e.action)).toEqual(['created']);
    expect(events[0].actor.agencyCode).toBe('WFP');
  });

  it('walks a report through edit, submit, return, edit, resubmit and accept', async () => {
    const { commitment, cycle, indicators } = await scenario();
    const created = await as.wfpStaff.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id, summary: 'First draft' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    const edited = await as.wfpStaff.patch(`/api/activity-reports/${id}`, {
      version: 1,
      summary: 'Second draft',
      indicatorValues: [{ indicatorId: indicators[0].id, value: 3 }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ state: 'draft', version: 2, summary: 'Second draft' });
    expect(edited.body.indicatorValues).toMatchObject([{ indicatorId: indicators[0].id, value: 3, note: null }]);

    const submitted = await as.wfpFocal.post(`/api/activity-reports/${id}/submit`, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ state: 'submitted', version: 3, submittedBy: users.wfpFocal.id });
    expect(submitted.body.submittedAt).not.toBeNull();

    const editWhileSubmitted = await as.wfpStaff.patch(`/api/activity-reports/${id}`, { version: 3, summary: 'sneaky' });
    expect(editWhileSubmitted.status).toBe(409);
    expect(editWhileSubmitted.body.error.code).toBe('activity_report_not_editable');

    const noReason = await as.faoFocal.post(`/api/activity-reports/${id}/return`, { version: 3 });
    expect(noReason.status).toBe(400);
    expect(namedFields(noReason)).toContain('reason');
    expect(await read(id)).toMatchObject({ state: 'submitted', version: 3 });

    const returned = await as.faoFocal.post(`/api/activity-reports/${id}/return`, { version: 3, reason: 'Please add the second indicator.' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', version: 4, returnReason: 'Please add the second indicator.', decidedBy: users.faoFocal.id });

    const editedAgain = await as.wfpStaff.patch(`/api/activity-reports/${id}`, {
      version: 4,
      indicatorValues: [{ indicatorId: indicators[1].id, value: 7, note: 'added' }],
    });
    expect(editedAgain.status).toBe(200);
    expect(editedAgain.body).toMatchObject({ state: 'returned', version: 5, summary: 'Second draft' });
    // Values not named keep theirs.
    expect(editedAgain.body.indicatorValues.map((v: any) => [v.indicatorId, v.value])).toEqual([
      [indicators[0].id, 3],
      [indicators[1].id, 7],
    ]);

    const resubmitted = await as.wfpFocal.post(`/api/activity-reports/${id}/submit`, { version: 5 });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ state: 'submitted', version: 6 });

    const accepted = await as.faoFocal.post(`/api/activity-reports/${id}/accept`, { version: 6 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', version: 7, decidedBy: users.faoFocal.id });

    // Frozen: neither edits nor a new submission, whatever the version sent.
    const frozenEdit = await as.wfpStaff.patch(`/api/activity-reports/${id}`, { version: 7, summary: 'after the fact' });
    expect(frozenEdit.status).toBe(409);
    expect(frozenEdit.body.error.code).toBe('activity_report_not_editable');
    const frozenSubmit = await as.wfpFocal.post(`/api/activity-reports/${id}/submit`, { version: 7 });
    expect(frozenSubmit.status).toBe(409);
    expect(frozenSubmit.body.error.code).toBe('invalid_transition');
    const frozenValues = await as.wfpFocal.patch(`/api/activity-reports/${id}`, { version: 7, indicatorValues: [{ indicatorId: indicators[0].id, value: 99 }] });
    expect(frozenValues.status).toBe(409);

    const final = await read(id);
    expect(final).toMatchObject({ state: 'accepted', version: 7, summary: 'Second draft' });
    expect(final.indicatorValues.map((v: any) => v.value)).toEqual([3, 7]);

    const events = await changesOf(id);
    expect(events.map((e) => e.action)).toEqual(['created', 'updated', 'submitted', 'returned', 'updated', 'submitted', 'accepted']);
    expect(events[3].after).toMatchObject({ state: 'returned', reason: 'Please add the second indicator.' });
    expect(events[6].actor.agencyCode).toBe('FAO');
  });

  it.each([
    ["the lead agency's focal point", 'faoFocal'],
    ['the secretariat', 'secretariat'],
  ] as const)('lets %s reopen an accepted report with a reason that is kept', async (_who, actor) => {
    const { report } = await wfpReport('accepted');

    const noReason = await as[actor].post(`/api/activity-reports/${report.id}/reopen`, { version: 1 });
    expect(noReason.status).toBe(400);
    expect(namedFields(noReason)).toContain('reason');
    expect(await read(report.id)).toMatchObject({ state: 'accepted', version: 1 });

    const reason = 'The figures for 2007-H1 were revised by the country office.';
    const reopened = await as[actor].post(`/api/activity-reports/${report.id}/reopen`, { version: 1, reason });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: 'returned', version: 2, returnReason: reason, decidedBy: users[actor].id });
    expect(await read(report.id)).toMatchObject({ state: 'returned', returnReason: reason });

    const events = await changesOf(report.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'reopened', before: { state: 'accepted' }, after: { state: 'returned', reason } });
    expect(events[0].summary).toContain(reason);

    // Reopened means editable again by the agency.
    const edit = await as.wfpStaff.patch(`/api/activity-reports/${report.id}`, { version: 2, summary: 'Revised figures' });
    expect(edit.status).toBe(200);
  });

  const illegal: [ActivityReportState, 'submit' | 'accept' | 'return' | 'reopen', keyof typeof users][] = [
    ['draft', 'accept', 'faoFocal'],
    ['draft', 'return', 'faoFocal'],
    ['draft', 'reopen', 'faoFocal'],
    ['draft', 'reopen', 'secretariat'],
    ['submitted', 'submit', 'wfpFocal'],
    ['submitted', 'reopen', 'faoFocal'],
    ['submitted', 'reopen', 'secretariat'],
    ['returned', 'accept', 'faoFocal'],
    ['returned', 'return', 'faoFocal'],
    ['returned', 'reopen', 'faoFocal'],
    ['accepted', 'submit', 'wfpFocal'],
    ['accepted', 'accept', 'faoFocal'],
    ['accepted', 'return', 'faoFocal'],
  ];
  it.each(illegal)('answers 409 invalid_transition and changes nothing for a %s report sent to %s (as %s)', async (state, transition, actor) => {
    const { report } = await wfpReport(state);
    const before = await read(report.id);
    const body = transition === 'return' || transition === 'reopen' ? { version: 1, reason: 'Because it says so.' } : { version: 1 };
    const response = await as[actor].post(`/api/activity-reports/${report.id}/${transition}`, body);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('invalid_transition');
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(response.body.error.message.length).toBeGreaterThan(0);
    const after = await read(report.id);
    expect(after).toEqual(before);
    expect(await changesOf(report.id)).toEqual([]);
  });

  it.each(['submitted', 'accepted'] as const)('refuses to edit a report that is %s (409) and keeps its content', async (state) => {
    const { report, indicators } = await wfpReport(state);
    const before = await read(report.id);
    const response = await as.wfpStaff.patch(`/api/activity-reports/${report.id}`, {
      version: 1,
      summary: 'changed',
      indicatorValues: [{ indicatorId: indicators[0].id, value: 1 }],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('activity_report_not_editable');
    expect(await read(report.id)).toEqual(before);
    expect(await changesOf(report.id)).toEqual([]);
  });

  it('refuses a submit on a stale version (409) and leaves the draft as it was', async () => {
    const { report } = await wfpReport('draft');
    const edit = await as.wfpStaff.patch(`/api/activity-reports/${report.id}`, { version: 1, summary: 'edited by a colleague' });
    expect(edit.status).toBe(200);

    const stale = await as.wfpFocal.post(`/api/activity-reports/${report.id}/submit`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details).toMatchObject({ currentVersion: 2 });
    expect(await read(report.id)).toMatchObject({ state: 'draft', version: 2, submittedAt: null });
    expect((await changesOf(report.id)).map((e) => e.action)).toEqual(['updated']);
  });

  it('lets exactly one of two simultaneous submits of the same draft win', async () => {
    const { report } = await wfpReport('draft');
    const responses = await Promise.all([
      as.wfpFocal.post(`/api/activity-reports/${report.id}/submit`, { version: 1 }),
      as.wfpFocal.post(`/api/activity-reports/${report.id}/submit`, { version: 1 }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expect(['invalid_transition', 'stale_version']).toContain(loser.body.error.code);
    expect(await read(report.id)).toMatchObject({ state: 'submitted', version: 2 });
    expect((await changesOf(report.id)).map((e) => e.action)).toEqual(['submitted']);
  });

  it('refuses a second report for the same commitment, agency and cycle (409), but not for another cycle', async () => {
    const { framework, commitment, cycle } = await scenario();
    const first = await as.wfpStaff.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id });
    expect(first.status).toBe(201);
    const second = await as.wfpFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id, summary: 'again' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('activity_report_exists');
    const listed = await as.wfpStaff.get(`/api/activity-reports?commitmentId=${commitment.id}&cycleId=${cycle.id}`);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0]).toMatchObject({ id: first.body.id, summary: '' });

    const nextCycle = await t.factory.cycle(framework, { opensOn: '2026-07-01' });
    const other = await as.wfpFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: nextCycle.id });
    expect(other.status).toBe(201);
  });

  it("refuses an indicator value for another commitment's indicator (400 naming indicatorValues.N.indicatorId)", async () => {
    const { framework, commitment, cycle, indicators } = await scenario();
    const elsewhere = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const foreign = await t.factory.indicator(elsewhere);

    const created = await as.wfpStaff.post('/api/activity-reports', {
      commitmentId: commitment.id,
      cycleId: cycle.id,
      indicatorValues: [{ indicatorId: foreign.id, value: 5 }],
    });
    expect(created.status).toBe(400);
    expect(namedFields(created)).toContain('indicatorValues.0.indicatorId');
    expect((await as.wfpStaff.get(`/api/activity-reports?commitmentId=${commitment.id}`)).body.total).toBe(0);

    // On an edit too, and the valid value sent with it is not written either.
    const { report } = await wfpReport('draft');
    const reportIndicators = (await as.wfpStaff.get(`/api/commitments/${report.commitmentId}/indicators`)).body.items;
    const edited = await as.wfpStaff.patch(`/api/activity-reports/${report.id}`, {
      version: 1,
      summary: 'should not stick',
      indicatorValues: [
        { indicatorId: reportIndicators[0].id, value: 1 },
        { indicatorId: indicators[0].id, value: 2 },
      ],
    });
    expect(edited.status).toBe(400);
    expect(namedFields(edited)).toContain('indicatorValues.1.indicatorId');
    expect(await read(report.id)).toMatchObject({ version: 1, summary: '', indicatorValues: [] });
    expect(await changesOf(report.id)).toEqual([]);
  });

  it('refuses a cycle of another framework (400 naming cycleId)', async () => {
    const { commitment } = await scenario();
    const otherFramework = await t.factory.framework();
    const otherCycle = await t.factory.cycle(otherFramework);
    const response = await as.wfpStaff.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: otherCycle.id });
    expect(response.status).toBe(400);
    expect(namedFields(response)).toContain('cycleId');
    expect((await as.wfpStaff.get(`/api/activity-reports?commitmentId=${commitment.id}`)).body.total).toBe(0);
  });

  it('refuses a report from an agency that neither leads nor contributes (403 with a reason)', async () => {
    const { commitment, cycle } = await scenario();
    const response = await as.unescoFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id, summary: 'not ours' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect(response.body.error.message).toContain('UNESCO');
    expect((await as.unescoFocal.get(`/api/activity-reports?commitmentId=${commitment.id}`)).body.total).toBe(0);
    expect((await as.unescoFocal.get(`/api/changes?commitmentId=${commitment.id}`)).body.items).toEqual([]);
  });

  it("tells the issue's story: a FAO focal point follows up, reports, is refused WFP's report, and sees it all in the feed", async () => {
    // The Brussels Programme, in small: FAO leads BPoA-4, WFP leads BPoA-5 with FAO contributing, UNESCO leads BPoA-2.
    const framework = await t.factory.framework({ code: 'BPoA-STORY' });
    const fourth = await t.factory.commitment({ framework, reference: 'BPoA-4', lead: ['FAO'], contributing: ['WFP', 'IFAD'] });
    await t.factory.commitment({ framework, reference: 'BPoA-5', lead: ['WFP'], contributing: ['FAO'] });
    await t.factory.commitment({ framework, reference: 'BPoA-2', lead: ['UNESCO'] });
    await t.factory.cycle(framework, { label: '2026-H1', opensOn: '2026-01-01', dueOn: '2026-06-30', closesOn: '2026-07-31' });
    const h2 = await t.factory.cycle(framework, { label: '2026-H2', opensOn: '2026-07-01', dueOn: '2099-12-31', closesOn: '2099-12-31' });
    const wfpOnFourth = await t.factory.activityReport({ commitment: fourth, cycle: h2, agency: 'WFP', by: users.wfpFocal });
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point', email: 'story.focal@fao.test' });

    const client = t.anonymous();
    const login = await client.post('/api/auth/login', { email: focal.email, password: Factory.PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.agency.code).toBe('FAO');

    const commitments = await client.get(`/api/commitments?frameworkId=${framework.id}`);
    expect(commitments.status).toBe(200);
    expect(commitments.body.total).toBe(3);
    expect(commitments.body.items.map((c: any) => c.reference).sort()).toEqual(['BPoA-2', 'BPoA-4', 'BPoA-5']);
    const led = commitments.body.items.find((c: any) => c.leadAgencies.includes('FAO'));
    expect(led.reference).toBe('BPoA-4');

    const status = await client.patch(`/api/commitments/${led.id}`, { version: led.version, status: 'on_track' });
    expect(status.status).toBe(200);
    expect(status.body.status).toBe('on_track');

    const cycles = await client.get(`/api/cycles?frameworkId=${framework.id}`);
    const today = new Date().toISOString().slice(0, 10);
    const current = cycles.body.items.find((c: any) => c.label === '2026-H2');
    expect(current.opensOn <= today && today <= current.dueOn).toBe(true);

    const created = await client.post('/api/activity-reports', {
      commitmentId: led.id,
      cycleId: current.id,
      summary: 'FAO supported national food security strategies in four LDCs.',
    });
    expect(created.status).toBe(201);
    expect(created.body.agency).toBe('FAO');
    const submitted = await client.post(`/api/activity-reports/${created.body.id}/submit`, { version: created.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');

    const refused = await client.patch(`/api/activity-reports/${wfpOnFourth.id}`, { version: 1, summary: 'FAO writes over WFP' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('WFP');
    expect(await read(wfpOnFourth.id)).toMatchObject({ summary: '', version: 1 });

    const feed = await client.get(`/api/changes?frameworkId=${framework.id}`);
    expect(feed.status).toBe(200);
    const mine = feed.body.items.filter((e: any) => e.actor?.userId === focal.id);
    expect(mine.map((e: any) => [e.entityType, e.entityId, e.action])).toEqual([
      ['commitment', led.id, 'status_changed'],
      ['activity_report', created.body.id, 'created'],
      ['activity_report', created.body.id, 'submitted'],
    ]);
    expect(mine[0]).toMatchObject({ before: { status: 'not_started' }, after: { status: 'on_track' }, actor: { agencyCode: 'FAO' } });
    expect(feed.body.items.some((e: any) => e.entityId === wfpOnFourth.id)).toBe(false);
  });
});
