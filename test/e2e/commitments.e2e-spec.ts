import { randomBytes, randomUUID } from 'node:crypto';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import type { Factory } from '../support/factory';
import { startTestApp, type TestApp } from '../support/test-app';

/** The fields a 400 names, once each: shape errors list them in `fields`, a broken domain rule names its `field`. */
function namedFields(response: ApiResponse): string[] {
  const details = response.body?.error?.details ?? {};
  return [...new Set<string>([...(details.fields ?? []), ...(details.field ? [details.field] : [])])];
}

type CommitmentOptions = NonNullable<Parameters<Factory['commitment']>[0]>;

const suffix = () => randomBytes(3).toString('hex').toUpperCase();
const references = (response: ApiResponse) => response.body.items.map((c: { reference: string }) => c.reference);

/**
 * FAO leads and WFP contributes to the commitments below unless a test says otherwise; ILO takes no part.
 * Lead-agency focal points set status and manage indicators; everything else is the secretariat's.
 */
describe('commitments and their indicators over the API', () => {
  let t: TestApp;
  let secretariat: ApiClient;
  let faoFocal: ApiClient;
  let faoStaff: ApiClient;
  let wfpFocal: ApiClient;
  let iloFocal: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    const login = async (options: Parameters<Factory['user']>[0]) => t.as((await t.factory.user(options)).email);
    secretariat = await login({ role: 'secretariat' });
    faoFocal = await login({ agency: 'FAO', role: 'focal_point' });
    faoStaff = await login({ agency: 'FAO', role: 'staff' });
    wfpFocal = await login({ agency: 'WFP', role: 'focal_point' });
    iloFocal = await login({ agency: 'ILO', role: 'focal_point' });
  });
  afterAll(async () => {
    await t.close();
  });

  const faoLeadsWfpContributes = async (options: { framework?: Framework } = {}) =>
    t.factory.commitment({ ...options, lead: ['FAO'], contributing: ['WFP'] });

  describe('creating', () => {
    const newCommitment = (framework: Framework, overrides: Record<string, unknown> = {}) => ({
      frameworkId: framework.id,
      reference: `BPoA-${suffix()}`,
      title: 'Building productive capacities to make globalization work for LDCs',
      leadAgencies: ['FAO'],
      contributingAgencies: ['WFP', 'IFAD'],
      dueDate: '2010-12-31',
      ...overrides,
    });

    beforeAll(async () => {
      await t.factory.agency('IFAD');
    });

    it('lets the secretariat create a commitment with its lead and contributing agencies by code', async () => {
      const framework = await t.factory.framework();
      const body = newCommitment(framework);
      const created = await secretariat.post('/api/commitments', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        frameworkId: framework.id,
        reference: body.reference,
        status: 'not_started',
        dueDate: '2010-12-31',
        leadAgencies: ['FAO'],
        contributingAgencies: ['IFAD', 'WFP'],
        version: 1,
        reportDocumentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      const read = await wfpFocal.get(`/api/commitments/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: created.body.id, leadAgencies: ['FAO'], contributingAgencies: ['IFAD', 'WFP'], indicators: [] });
    });

    it('refuses a reference that is already taken (409), keeping the first commitment as it was', async () => {
      const framework = await t.factory.framework();
      const existing = await faoLeadsWfpContributes({ framework });
      const response = await secretariat.post('/api/commitments', newCommitment(framework, { reference: existing.reference, title: 'A copy' }));
      expect(response.status).toBe(409);
      const listed = await secretariat.get(`/api/commitments?frameworkId=${framework.id}`);
      expect(listed.body.total).toBe(1);
      expect(listed.body.items[0]).toMatchObject({ id: existing.id, title: existing.title });
    });

    it.each([
      ['no lead agencies at all', { leadAgencies: undefined }, 'leadAgencies'],
      ['an empty list of lead agencies', { leadAgencies: [] }, 'leadAgencies'],
      ['a lead agency code in lower case', { leadAgencies: ['fao'] }, 'leadAgencies'],
      ['a lead agency code nobody has', { leadAgencies: ['NOPE'] }, 'leadAgencies'],
      ['a contributing agency code nobody has', { contributingAgencies: ['NOPE'] }, 'contributingAgencies'],
      ['an agency that both leads and contributes', { leadAgencies: ['FAO'], contributingAgencies: ['FAO'] }, 'contributingAgencies'],
      ['a framework that does not exist', { frameworkId: randomUUID() }, 'frameworkId'],
      ['a status that is not one of the five', { status: 'done' }, 'status'],
      ['a due date that is not a date', { dueDate: '2010-02-30' }, 'dueDate'],
      ['a title of two letters', { title: 'No' }, 'title'],
    ])('answers 400 for %s, naming the field, and creates nothing', async (_case, overrides, field) => {
      const framework = await t.factory.framework();
      const response = await secretariat.post('/api/commitments', newCommitment(framework, overrides));
      expect(response.status).toBe(400);
      expect(namedFields(response)).toEqual([field]);
      expect((await secretariat.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('refuses a lead-agency focal point who creates a commitment (403 with a reason)', async () => {
      const framework = await t.factory.framework();
      const response = await faoFocal.post('/api/commitments', newCommitment(framework));
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/secretariat/i) });
      expect((await secretariat.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('answers 401 without a session', async () => {
      const framework = await t.factory.framework();
      expect((await t.anonymous().post('/api/commitments', newCommitment(framework))).status).toBe(401);
      expect((await secretariat.get(`/api/commitments?frameworkId=${framework.id}`)).body.total).toBe(0);
    });
  });

  describe('listing and filtering', () => {
    let framework: Framework;
    beforeAll(async () => {
      // BPoA-1 .. BPoA-4 in one framework, one more elsewhere that no framework filter should return.
      framework = await t.factory.framework();
      const tag = suffix();
      const make = (n: number, options: Omit<CommitmentOptions, 'framework' | 'reference'>) =>
        t.factory.commitment({ framework, reference: `L${tag}-${n}`, ...options });
      await make(1, { lead: ['FAO'], contributing: ['WFP'], status: 'on_track', dueDate: '2026-03-31' });
      await make(2, { lead: ['WFP'], contributing: ['FAO'], status: 'at_risk', dueDate: '2027-01-01' });
      await make(3, { lead: ['ILO'], status: 'on_track', dueDate: null });
      await make(4, { lead: ['FAO'], status: 'achieved', dueDate: '2025-12-31' });
      await t.factory.commitment({ lead: ['FAO'], status: 'on_track', dueDate: '2020-01-01' });
    });
    const list = async (query: string) => {
      const response = await faoStaff.get(`/api/commitments?frameworkId=${framework.id}${query}`);
      expect(response.status).toBe(200);
      return { total: response.body.total as number, refs: references(response).map((r: string) => r.split('-')[1]) };
    };

    it('lists a framework’s commitments in reference order, with their agencies', async () => {
      const response = await faoStaff.get(`/api/commitments?frameworkId=${framework.id}`);
      expect(response.body.total).toBe(4);
      expect(references(response).map((r: string) => r.split('-')[1])).toEqual(['1', '2', '3', '4']);
      expect(response.body.items[1]).toMatchObject({ leadAgencies: ['WFP'], contributingAgencies: ['FAO'], status: 'at_risk' });
    });

    it('leaves the description out of a list, and gives it with the commitment itself', async () => {
      const listed = (await faoStaff.get(`/api/commitments?frameworkId=${framework.id}`)).body.items[0];
      expect(listed).not.toHaveProperty('description');
      const one = await faoStaff.get(`/api/commitments/${listed.id}`);
      expect(one.body).toMatchObject({ id: listed.id, reference: listed.reference, description: expect.any(String) });
    });

    it.each([
      ['an agency, leading or contributing', '&agency=FAO', ['1', '2', '4']],
      ['an agency where it leads', '&agency=FAO&participation=lead', ['1', '4']],
      ['an agency where it contributes', '&agency=FAO&participation=contributing', ['2']],
      ['a status', '&status=on_track', ['1', '3']],
      ['a due date, leaving out those with none', '&dueBefore=2026-06-30', ['1', '4']],
      ['agency and status together', '&agency=FAO&status=on_track', ['1']],
      ['an agency that takes part in none', '&agency=UNHCR', []],
    ])('filters by %s, and the total counts only what matches', async (_case, query, expected) => {
      expect(await list(query)).toEqual({ total: expected.length, refs: expected });
    });

    it('pages with limit and offset: no commitment twice, none left out, the same total on every page', async () => {
      const pages = await Promise.all([0, 1, 2].map((page) => list(`&limit=2&offset=${page * 2}`)));
      expect(pages.map((page) => page.total)).toEqual([4, 4, 4]);
      expect(pages.map((page) => page.refs)).toEqual([['1', '2'], ['3', '4'], []]);
    });

    it('still tells the total when the page is past the end', async () => {
      expect(await list('&limit=2&offset=10')).toEqual({ total: 4, refs: [] });
      expect(await list('&agency=FAO&limit=1&offset=3')).toEqual({ total: 3, refs: [] });
    });

    it('leaves archived commitments out of the list', async () => {
      const own = await t.factory.framework();
      const kept = await faoLeadsWfpContributes({ framework: own });
      const archived = await faoLeadsWfpContributes({ framework: own });
      expect((await secretariat.patch(`/api/commitments/${archived.id}`, { version: 1, archived: true })).status).toBe(200);
      const response = await faoStaff.get(`/api/commitments?frameworkId=${own.id}`);
      expect(response.body).toMatchObject({ total: 1, items: [{ id: kept.id }] });
    });

    it('answers 400 naming the filter for a participation it does not know or a due date that is not a date', async () => {
      const participation = await faoStaff.get(`/api/commitments?agency=FAO&participation=observer`);
      expect(participation.status).toBe(400);
      expect(namedFields(participation)).toEqual(['participation']);
      const dueBefore = await faoStaff.get(`/api/commitments?dueBefore=next-year`);
      expect(dueBefore.status).toBe(400);
      expect(namedFields(dueBefore)).toEqual(['dueBefore']);
    });

    it('answers 404 for a commitment id that does not exist, and 401 without a session', async () => {
      const unknown = await faoStaff.get(`/api/commitments/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.details).toMatchObject({ entity: 'commitment' });
      expect((await t.anonymous().get(`/api/commitments?frameworkId=${framework.id}`)).status).toBe(401);
      const commitment = await faoLeadsWfpContributes();
      expect((await t.anonymous().get(`/api/commitments/${commitment.id}`)).status).toBe(401);
    });
  });

  describe('updating', () => {
    const read = async (id: string) => (await secretariat.get(`/api/commitments/${id}`)).body;

    it('lets a focal point of the lead agency set the status', async () => {
      const commitment = await faoLeadsWfpContributes();
      const response = await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'on_track', version: 2 });
      expect(await read(commitment.id)).toMatchObject({ status: 'on_track', version: 2 });
    });

    it.each([
      ['a focal point of a contributing agency', () => wfpFocal],
      ['a staff member of the lead agency', () => faoStaff],
      ['a focal point of an agency that takes no part', () => iloFocal],
    ])('refuses %s who sets the status (403 with a reason), and the status stays', async (_who, client) => {
      const commitment = await faoLeadsWfpContributes();
      const response = await client().patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'off_track' });
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/lead agencies/) });
      expect(await read(commitment.id)).toMatchObject({ status: 'not_started', version: 1 });
    });

    it('refuses a lead-agency focal point who retitles the commitment: its definition is the secretariat’s', async () => {
      const commitment = await faoLeadsWfpContributes();
      const response = await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track', title: 'FAO’s own title' });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/secretariat/i);
      expect(await read(commitment.id)).toMatchObject({ status: 'not_started', title: commitment.title, version: 1 });
    });

    it('lets the secretariat change the definition, status and agencies at once', async () => {
      const commitment = await faoLeadsWfpContributes();
      await t.factory.agency('UNICEF');
      const response = await secretariat.patch(`/api/commitments/${commitment.id}`, {
        version: 1,
        title: 'Reducing vulnerability and protecting the environment',
        description: 'Commitment 6 of the Brussels Programme.',
        dueDate: '2010-12-31',
        status: 'at_risk',
        leadAgencies: ['WFP', 'FAO'],
        contributingAgencies: ['UNICEF'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        title: 'Reducing vulnerability and protecting the environment',
        dueDate: '2010-12-31',
        status: 'at_risk',
        leadAgencies: ['FAO', 'WFP'],
        contributingAgencies: ['UNICEF'],
        version: 2,
      });
      expect(await read(commitment.id)).toMatchObject({ leadAgencies: ['FAO', 'WFP'], contributingAgencies: ['UNICEF'], version: 2 });
    });

    it('gives the second of two edits made from the same version a 409, and keeps the first', async () => {
      const commitment = await faoLeadsWfpContributes();
      const first = await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' });
      const second = await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'off_track' });
      expect(first.status).toBe(200);
      expect(second.status).toBe(409);
      expect(second.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
      expect(await read(commitment.id)).toMatchObject({ status: 'on_track', version: 2 });
    });

    it('refuses to change the agencies when an edit is stale, too', async () => {
      const commitment = await faoLeadsWfpContributes();
      expect((await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, title: 'First title' })).status).toBe(200);
      const stale = await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, leadAgencies: ['ILO'] });
      expect(stale.status).toBe(409);
      expect(await read(commitment.id)).toMatchObject({ title: 'First title', leadAgencies: ['FAO'], contributingAgencies: ['WFP'], version: 2 });
    });

    it('writes nothing for a body with nothing to change, and refuses it to those who may not change the commitment', async () => {
      const commitment = await faoLeadsWfpContributes();
      for (const client of [wfpFocal, faoStaff, iloFocal]) {
        const refused = await client.patch(`/api/commitments/${commitment.id}`, { version: 1 });
        expect(refused.status).toBe(403);
      }
      const noChange = await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 1 });
      expect(noChange.status).toBe(200);
      expect(noChange.body).toMatchObject({ status: 'not_started', version: 1 });
      expect((await faoFocal.patch(`/api/commitments/${commitment.id}`, { version: 7 })).body.error.code).toBe('stale_version');
      expect(await read(commitment.id)).toMatchObject({ version: 1 });
      const events = await t.dataSource.query(`SELECT 1 FROM change_events WHERE entity_id = $1 AND action <> 'created'`, [commitment.id]);
      expect(events).toEqual([]);
    });

    it('answers 404 for an unknown commitment, before asking who the user is', async () => {
      expect((await secretariat.patch(`/api/commitments/${randomUUID()}`, { version: 1, status: 'on_track' })).status).toBe(404);
      expect((await faoStaff.patch(`/api/commitments/${randomUUID()}`, { version: 1, status: 'on_track' })).status).toBe(404);
    });

    it.each([
      ['a status that is not one of the five', { version: 1, status: 'done' }, 'status'],
      ['a missing version', { status: 'on_track' }, 'version'],
      ['a lead agency nobody has', { version: 1, leadAgencies: ['NOPE'] }, 'leadAgencies'],
      ['no lead agency left', { version: 1, leadAgencies: [] }, 'leadAgencies'],
    ])('answers 400 for %s, naming the field, and changes nothing', async (_case, body, field) => {
      const commitment = await faoLeadsWfpContributes();
      const response = await secretariat.patch(`/api/commitments/${commitment.id}`, body);
      expect(response.status).toBe(400);
      expect(namedFields(response)).toEqual([field]);
      expect(await read(commitment.id)).toMatchObject({ status: 'not_started', leadAgencies: ['FAO'], version: 1 });
    });

    it('answers 401 without a session, and changes nothing', async () => {
      const commitment = await faoLeadsWfpContributes();
      expect((await t.anonymous().patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' })).status).toBe(401);
      expect(await read(commitment.id)).toMatchObject({ status: 'not_started', version: 1 });
    });
  });

  describe('indicators', () => {
    const newIndicator = (overrides: Record<string, unknown> = {}) => ({
      name: `Entities mainstreaming the Programme ${suffix()}`,
      unit: 'entities',
      baseline: 0,
      target: 20,
      targetDate: '2010-12-31',
      ...overrides,
    });

    it('lists a commitment’s indicators, and shows them with the commitment', async () => {
      const commitment = await faoLeadsWfpContributes();
      const indicators = [await t.factory.indicator(commitment, { name: 'A' + suffix() }), await t.factory.indicator(commitment, { name: 'B' + suffix() })];
      const listed = await wfpFocal.get(`/api/commitments/${commitment.id}/indicators`);
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(2);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual(indicators.map((i) => i.id));
      const detail = await wfpFocal.get(`/api/commitments/${commitment.id}`);
      expect(detail.body.indicators.map((i: { id: string }) => i.id)).toEqual(indicators.map((i) => i.id));
    });

    it.each([
      ['a focal point of the lead agency', () => faoFocal],
      ['the secretariat', () => secretariat],
    ])('lets %s add an indicator', async (_who, client) => {
      const commitment = await faoLeadsWfpContributes();
      const body = newIndicator();
      const created = await client().post(`/api/commitments/${commitment.id}/indicators`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body, commitmentId: commitment.id, version: 1 });
      const read = await wfpFocal.get(`/api/indicators/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ name: body.name, target: 20 });
    });

    it.each([
      ['a focal point of a contributing agency', () => wfpFocal],
      ['a staff member of the lead agency', () => faoStaff],
    ])('refuses %s who adds an indicator (403 with a reason)', async (_who, client) => {
      const commitment = await faoLeadsWfpContributes();
      const response = await client().post(`/api/commitments/${commitment.id}/indicators`, newIndicator());
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/lead agencies/);
      expect((await secretariat.get(`/api/commitments/${commitment.id}/indicators`)).body.total).toBe(0);
    });

    it('refuses a second indicator of the same name on one commitment (409)', async () => {
      const commitment = await faoLeadsWfpContributes();
      const existing = await t.factory.indicator(commitment);
      const response = await faoFocal.post(`/api/commitments/${commitment.id}/indicators`, newIndicator({ name: existing.name }));
      expect(response.status).toBe(409);
      expect((await secretariat.get(`/api/commitments/${commitment.id}/indicators`)).body.total).toBe(1);
    });

    it.each([
      ['a missing target', { target: undefined }, 'target'],
      ['a target given as text', { target: '20' }, 'target'],
      ['a name of one letter', { name: 'X' }, 'name'],
      ['a target date that is not a date', { targetDate: '31/12/2010' }, 'targetDate'],
    ])('answers 400 for %s, naming the field, and adds nothing', async (_case, overrides, field) => {
      const commitment = await faoLeadsWfpContributes();
      const response = await faoFocal.post(`/api/commitments/${commitment.id}/indicators`, newIndicator(overrides));
      expect(response.status).toBe(400);
      expect(namedFields(response)).toEqual([field]);
      expect((await secretariat.get(`/api/commitments/${commitment.id}/indicators`)).body.total).toBe(0);
    });

    it('answers 404 for indicators of a commitment that does not exist, and for an unknown indicator', async () => {
      expect((await faoFocal.get(`/api/commitments/${randomUUID()}/indicators`)).status).toBe(404);
      expect((await faoFocal.post(`/api/commitments/${randomUUID()}/indicators`, newIndicator())).status).toBe(404);
      expect((await faoFocal.get(`/api/indicators/${randomUUID()}`)).status).toBe(404);
      expect((await faoFocal.patch(`/api/indicators/${randomUUID()}`, { version: 1, target: 30 })).status).toBe(404);
      expect((await faoFocal.get(`/api/indicators/${randomUUID()}/values`)).status).toBe(404);
    });

    it('lets a lead focal point change a target; a second edit from the same version gets 409 and the first stays', async () => {
      const indicator = await t.factory.indicator(await faoLeadsWfpContributes(), { target: 20 });
      const first = await faoFocal.patch(`/api/indicators/${indicator.id}`, { version: 1, target: 25 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ target: 25, version: 2 });
      const second = await secretariat.patch(`/api/indicators/${indicator.id}`, { version: 1, target: 30 });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('stale_version');
      expect((await wfpFocal.get(`/api/indicators/${indicator.id}`)).body).toMatchObject({ target: 25, version: 2 });
    });

    it('refuses a contributing focal point who changes an indicator (403), and answers 400 for a bad target', async () => {
      const indicator = await t.factory.indicator(await faoLeadsWfpContributes(), { target: 20 });
      const refused = await wfpFocal.patch(`/api/indicators/${indicator.id}`, { version: 1, target: 5 });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/lead agencies/);
      const bad = await faoFocal.patch(`/api/indicators/${indicator.id}`, { version: 1, target: 'many' });
      expect(bad.status).toBe(400);
      expect(namedFields(bad)).toEqual(['target']);
      expect((await wfpFocal.get(`/api/indicators/${indicator.id}`)).body).toMatchObject({ target: 20, version: 1 });
    });

    it('archives an indicator: it leaves the commitment’s list', async () => {
      const commitment = await faoLeadsWfpContributes();
      const indicator = await t.factory.indicator(commitment);
      expect((await faoFocal.patch(`/api/indicators/${indicator.id}`, { version: 1, archived: true })).status).toBe(200);
      expect((await wfpFocal.get(`/api/commitments/${commitment.id}/indicators`)).body).toEqual({ items: [], total: 0 });
    });

    it('lists the values agencies reported for an indicator, by agency and cycle', async () => {
      const framework = await t.factory.framework();
      const commitment = await faoLeadsWfpContributes({ framework });
      const indicator = await t.factory.indicator(commitment);
      const cycle = await t.factory.cycle(framework, { label: '2007-H1' });
      const report = await wfpFocal.post('/api/activity-reports', {
        commitmentId: commitment.id,
        cycleId: cycle.id,
        indicatorValues: [{ indicatorId: indicator.id, value: 7, note: 'Seven country offices' }],
      });
      expect(report.status).toBe(201);
      const values = await faoStaff.get(`/api/indicators/${indicator.id}/values`);
      expect(values.status).toBe(200);
      expect(values.body).toMatchObject({ total: 1, items: [{ agencyCode: 'WFP', cycleId: cycle.id, cycleLabel: '2007-H1', value: 7 }] });
      expect((await faoStaff.get(`/api/indicators/${indicator.id}/values?agency=FAO`)).body).toEqual({ items: [], total: 0 });
      expect((await faoStaff.get(`/api/indicators/${indicator.id}/values?agency=WFP&cycleId=${cycle.id}`)).body.total).toBe(1);
      const badAgency = await faoStaff.get(`/api/indicators/${indicator.id}/values?agency=wfp`);
      expect(badAgency.status).toBe(400);
      expect(namedFields(badAgency)).toEqual(['agency']);
    });

    it('answers 401 to every indicator route without a session', async () => {
      const commitment = await faoLeadsWfpContributes();
      const indicator = await t.factory.indicator(commitment);
      const anonymous = t.anonymous();
      expect((await anonymous.get(`/api/commitments/${commitment.id}/indicators`)).status).toBe(401);
      expect((await anonymous.post(`/api/commitments/${commitment.id}/indicators`, newIndicator())).status).toBe(401);
      expect((await anonymous.get(`/api/indicators/${indicator.id}`)).status).toBe(401);
      expect((await anonymous.patch(`/api/indicators/${indicator.id}`, { version: 1, target: 1 })).status).toBe(401);
      expect((await anonymous.get(`/api/indicators/${indicator.id}/values`)).status).toBe(401);
    });
  });
});
