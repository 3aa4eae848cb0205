import { randomBytes, randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The fields a 400 names, once each: shape errors list them in `fields`, a broken domain rule names its `field`. */
function namedFields(response: ApiResponse): string[] {
  const details = response.body?.error?.details ?? {};
  return [...new Set<string>([...(details.fields ?? []), ...(details.field ? [details.field] : [])])];
}

const suffix = () => randomBytes(3).toString('hex').toUpperCase();

describe('agencies, frameworks and reporting cycles over the API', () => {
  let t: TestApp;
  let secretariat: ApiClient;
  let focalPoint: ApiClient;
  let staff: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    focalPoint = await t.as((await t.factory.user({ agency: 'FAO', role: 'focal_point' })).email);
    staff = await t.as((await t.factory.user({ agency: 'WFP', role: 'staff' })).email);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('agencies', () => {
    it('lists agencies of one kind a page at a time, with the total of all that match', async () => {
      const kind = 'related_organization';
      for (const code of ['WB', 'IMF', 'WTO']) await t.factory.agency(code, kind);
      const first = await staff.get(`/api/agencies?kind=${kind}&limit=2&offset=0`);
      const second = await staff.get(`/api/agencies?kind=${kind}&limit=2&offset=2`);
      expect(first.status).toBe(200);
      expect(first.body.total).toBe(3);
      expect(second.body.total).toBe(3);
      const codes = [...first.body.items, ...second.body.items].map((agency: { code: string }) => agency.code);
      expect(codes).toEqual(['IMF', 'WB', 'WTO']);
      expect([...first.body.items, ...second.body.items].every((agency: { kind: string }) => agency.kind === kind)).toBe(true);
    });

    it('shows one agency by id to any logged-in user', async () => {
      const agency = await t.factory.agency('UNESCO');
      const response = await staff.get(`/api/agencies/${agency.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: agency.id, code: 'UNESCO', version: 1 });
    });

    it('answers 404 for an agency id that does not exist', async () => {
      const response = await staff.get(`/api/agencies/${randomUUID()}`);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    });

    it('lets the secretariat add an agency, which then appears in the list', async () => {
      const code = `UN${suffix()}`;
      const created = await secretariat.post('/api/agencies', { code, name: 'United Nations test office', kind: 'office' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code, name: 'United Nations test office', kind: 'office', version: 1, archivedAt: null });
      const listed = await staff.get('/api/agencies?kind=office&limit=200');
      expect(listed.body.items.map((agency: { code: string }) => agency.code)).toContain(code);
    });

    it('refuses a second agency with a code that is taken (409)', async () => {
      await t.factory.agency('UNIDO');
      const response = await secretariat.post('/api/agencies', { code: 'UNIDO', name: 'Another UNIDO', kind: 'specialized_agency' });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('agency_code_taken');
    });

    it('answers 400 naming the field for a lower-case code or an unknown kind', async () => {
      const badCode = await secretariat.post('/api/agencies', { code: 'fao', name: 'Lower case', kind: 'office' });
      expect(badCode.status).toBe(400);
      expect(namedFields(badCode)).toEqual(['code']);
      const badKind = await secretariat.post('/api/agencies', { code: `K${suffix()}`, name: 'Bad kind', kind: 'club' });
      expect(badKind.status).toBe(400);
      expect(namedFields(badKind)).toEqual(['kind']);
    });

    it('refuses a focal point who tries to add an agency (403 with a reason), and adds nothing', async () => {
      const code = `FP${suffix()}`;
      const response = await focalPoint.post('/api/agencies', { code, name: 'Not allowed', kind: 'office' });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/secretariat/i);
      const listed = await secretariat.get('/api/agencies?kind=office&limit=200');
      expect(listed.body.items.map((agency: { code: string }) => agency.code)).not.toContain(code);
    });

    it('lets the secretariat rename an agency; a second edit from the same version gets 409 and the first stays', async () => {
      const agency = await t.factory.agency(`R${suffix()}`);
      const first = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'First rename' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ name: 'First rename', version: 2 });
      const second = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'Second rename' });
      expect(second.status).toBe(409);
      expect(second.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
      const now = await staff.get(`/api/agencies/${agency.id}`);
      expect(now.body).toMatchObject({ name: 'First rename', version: 2 });
    });

    it('keeps an agency’s official name in the UN’s other languages: set, changed, taken away, in the list and alone', async () => {
      const agency = await t.factory.agency(`N${suffix()}`);
      const named = await secretariat.patch(`/api/agencies/${agency.id}`, {
        version: 1,
        names: { fr: 'Programme alimentaire mondial', ar: 'برنامج الأغذية العالمي', zh: '世界粮食计划署' },
      });
      expect(named.status).toBe(200);
      expect(named.body.names).toEqual({ ar: 'برنامج الأغذية العالمي', fr: 'Programme alimentaire mondial', zh: '世界粮食计划署' });
      const changed = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 2, names: { fr: 'Programme alimentaire mondial (PAM)', zh: '' } });
      expect(changed.body.names).toEqual({ ar: 'برنامج الأغذية العالمي', fr: 'Programme alimentaire mondial (PAM)' });
      expect((await staff.get(`/api/agencies/${agency.id}`)).body.names).toEqual(changed.body.names);
      const listed = await staff.get('/api/agencies?limit=200');
      expect(listed.body.items.find((a: { id: string }) => a.id === agency.id).names).toEqual(changed.body.names);
      const [event]: { before: unknown; after: unknown }[] = await t.dataSource.query(
        `SELECT before, after FROM change_events WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [agency.id],
      );
      expect(event.after).toEqual({ names: changed.body.names });
    });

    it('answers 400 naming the field for a name in a language Concert does not speak, or too long, and keeps the names', async () => {
      const agency = await t.factory.agency(`L${suffix()}`);
      expect((await secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, names: { fr: 'Un nom' } })).status).toBe(200);
      const german = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 2, names: { de: 'Ein Name' } });
      expect(german.status).toBe(400);
      expect(namedFields(german)).toEqual(['names.de']);
      const long = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 2, names: { ru: 'я'.repeat(301) } });
      expect(long.status).toBe(400);
      expect(namedFields(long)).toEqual(['names.ru']);
      expect((await staff.get(`/api/agencies/${agency.id}`)).body).toMatchObject({ version: 2, names: { fr: 'Un nom' } });
    });

    it('archives an agency: it leaves the list but can still be read by id', async () => {
      const agency = await t.factory.agency(`AR${suffix()}`, 'fund');
      const archived = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, archived: true });
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).not.toBeNull();
      const listed = await staff.get('/api/agencies?kind=fund&limit=200');
      expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(agency.id);
      expect((await staff.get(`/api/agencies/${agency.id}`)).status).toBe(200);
    });

    it('answers 400 naming the field for an edit without a version or with a name too short', async () => {
      const agency = await t.factory.agency(`V${suffix()}`);
      const noVersion = await secretariat.patch(`/api/agencies/${agency.id}`, { name: 'No version given' });
      expect(noVersion.status).toBe(400);
      expect(namedFields(noVersion)).toEqual(['version']);
      const shortName = await secretariat.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'X' });
      expect(shortName.status).toBe(400);
      expect(namedFields(shortName)).toEqual(['name']);
    });

    it('refuses a focal point who edits an agency (403), and answers 404 for an unknown one', async () => {
      const agency = await t.factory.agency(`E${suffix()}`);
      const refused = await focalPoint.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'Renamed by FAO' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/secretariat/i);
      expect((await staff.get(`/api/agencies/${agency.id}`)).body).toMatchObject({ name: agency.name, version: 1 });
      const unknown = await secretariat.patch(`/api/agencies/${randomUUID()}`, { version: 1, name: 'Nobody' });
      expect(unknown.status).toBe(404);
    });

    it('answers 401 to every agency route without a session', async () => {
      const agency = await t.factory.agency('UPU');
      const anonymous = t.anonymous();
      expect((await anonymous.get('/api/agencies')).status).toBe(401);
      expect((await anonymous.get(`/api/agencies/${agency.id}`)).status).toBe(401);
      expect((await anonymous.post('/api/agencies', { code: 'ANON', name: 'Anonymous', kind: 'office' })).status).toBe(401);
      expect((await anonymous.patch(`/api/agencies/${agency.id}`, { version: 1, name: 'Anonymous' })).status).toBe(401);
      expect((await secretariat.get(`/api/agencies/${agency.id}`)).body).toMatchObject({ name: agency.name, version: 1 });
    });
  });

  describe('frameworks', () => {
    const newFramework = (overrides: Record<string, unknown> = {}) => ({
      code: `BPoA-${suffix()}`,
      kind: 'programme',
      title: 'Brussels Programme of Action for the Least Developed Countries 2001-2010',
      ...overrides,
    });

    it('lets the secretariat create a framework, which anyone can then read', async () => {
      const body = newFramework({ kind: 'theme_group', country: 'Ethiopia', description: 'Food security theme group.' });
      const created = await secretariat.post('/api/frameworks', body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body, version: 1, archivedAt: null });
      const read = await staff.get(`/api/frameworks/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: created.body.id, code: body.code, country: 'Ethiopia' });
    });

    it('lists frameworks of one kind with their total', async () => {
      const strategies = [await t.factory.framework({ kind: 'strategy' }), await t.factory.framework({ kind: 'strategy' })];
      await t.factory.framework({ kind: 'decisions' });
      const response = await staff.get('/api/frameworks?kind=strategy&limit=200');
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(response.body.items.length);
      expect(response.body.items.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(strategies.map((f) => f.id)));
      expect(response.body.items.every((f: { kind: string }) => f.kind === 'strategy')).toBe(true);
    });

    it('pages through frameworks without repeating one', async () => {
      for (let i = 0; i < 3; i++) await t.factory.framework({ kind: 'decisions' });
      const all = await staff.get('/api/frameworks?kind=decisions&limit=200');
      const first = await staff.get('/api/frameworks?kind=decisions&limit=2&offset=0');
      const rest = await staff.get(`/api/frameworks?kind=decisions&limit=200&offset=2`);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.total).toBe(all.body.total);
      const paged = [...first.body.items, ...rest.body.items].map((f: { id: string }) => f.id);
      expect(paged).toEqual(all.body.items.map((f: { id: string }) => f.id));
    });

    it('answers 404 for a framework id that does not exist', async () => {
      const response = await staff.get(`/api/frameworks/${randomUUID()}`);
      expect(response.status).toBe(404);
      expect(response.body.error.details).toMatchObject({ entity: 'framework' });
    });

    it('refuses a staff member who creates a framework (403 with a reason), and creates nothing', async () => {
      const body = newFramework();
      const response = await staff.post('/api/frameworks', body);
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/secretariat/i) });
      const listed = await secretariat.get('/api/frameworks?kind=programme&limit=200');
      expect(listed.body.items.map((f: { code: string }) => f.code)).not.toContain(body.code);
    });

    it('refuses a lead-agency focal point too: frameworks are the secretariat’s', async () => {
      const response = await focalPoint.post('/api/frameworks', newFramework());
      expect(response.status).toBe(403);
    });

    it('refuses a framework code that is taken (409)', async () => {
      const existing = await t.factory.framework();
      const response = await secretariat.post('/api/frameworks', newFramework({ code: existing.code }));
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('framework_code_taken');
    });

    it('answers 400 naming each bad field of a new framework', async () => {
      const badKind = await secretariat.post('/api/frameworks', newFramework({ kind: 'club' }));
      expect(badKind.status).toBe(400);
      expect(namedFields(badKind)).toEqual(['kind']);
      const noTitle = await secretariat.post('/api/frameworks', { code: `F-${suffix()}`, kind: 'programme' });
      expect(noTitle.status).toBe(400);
      expect(namedFields(noTitle)).toEqual(['title']);
      const badCode = await secretariat.post('/api/frameworks', newFramework({ code: 'has spaces' }));
      expect(badCode.status).toBe(400);
      expect(namedFields(badCode)).toEqual(['code']);
    });

    it('lets the secretariat retitle a framework; a second edit from the same version gets 409 and the first stays', async () => {
      const framework = await t.factory.framework();
      const first = await secretariat.patch(`/api/frameworks/${framework.id}`, { version: 1, title: 'Gender mainstreaming strategy' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ title: 'Gender mainstreaming strategy', version: 2 });
      const second = await secretariat.patch(`/api/frameworks/${framework.id}`, { version: 1, title: 'A later title' });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('stale_version');
      expect((await staff.get(`/api/frameworks/${framework.id}`)).body).toMatchObject({ title: 'Gender mainstreaming strategy', version: 2 });
    });

    it('archives a framework: it leaves the list', async () => {
      const framework = await t.factory.framework({ kind: 'theme_group' });
      const archived = await secretariat.patch(`/api/frameworks/${framework.id}`, { version: 1, archived: true });
      expect(archived.status).toBe(200);
      const listed = await staff.get('/api/frameworks?kind=theme_group&limit=200');
      expect(listed.body.items.map((f: { id: string }) => f.id)).not.toContain(framework.id);
    });

    it('refuses edits from a non-secretariat user (403) and answers 404 / 400 where due', async () => {
      const framework = await t.factory.framework();
      const refused = await focalPoint.patch(`/api/frameworks/${framework.id}`, { version: 1, title: 'FAO retitles it' });
      expect(refused.status).toBe(403);
      expect((await staff.get(`/api/frameworks/${framework.id}`)).body).toMatchObject({ title: framework.title, version: 1 });
      expect((await secretariat.patch(`/api/frameworks/${randomUUID()}`, { version: 1, title: 'Nothing here' })).status).toBe(404);
      const tooShort = await secretariat.patch(`/api/frameworks/${framework.id}`, { version: 1, title: 'No' });
      expect(tooShort.status).toBe(400);
      expect(namedFields(tooShort)).toEqual(['title']);
    });

    it('answers 401 to every framework route without a session', async () => {
      const framework = await t.factory.framework();
      const anonymous = t.anonymous();
      expect((await anonymous.get('/api/frameworks')).status).toBe(401);
      expect((await anonymous.get(`/api/frameworks/${framework.id}`)).status).toBe(401);
      expect((await anonymous.post('/api/frameworks', newFramework())).status).toBe(401);
      expect((await anonymous.patch(`/api/frameworks/${framework.id}`, { version: 1, title: 'Anonymous' })).status).toBe(401);
    });
  });

  describe('reporting cycles', () => {
    const dates = { opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-07-31' };

    it('lets the secretariat open a cycle for a framework, which is then listed under it', async () => {
      const framework = await t.factory.framework();
      const created = await secretariat.post('/api/cycles', { frameworkId: framework.id, label: '2007-H1', ...dates });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ frameworkId: framework.id, label: '2007-H1', ...dates, version: 1 });
      const listed = await staff.get(`/api/cycles?frameworkId=${framework.id}`);
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ total: 1, items: [{ id: created.body.id, label: '2007-H1' }] });
      const read = await staff.get(`/api/cycles/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: created.body.id, dueOn: '2007-06-30' });
    });

    it('lists only the cycles of the framework asked for, latest first', async () => {
      const framework = await t.factory.framework();
      const other = await t.factory.framework();
      await t.factory.cycle(framework, { label: '2007-H1', opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-07-31' });
      await t.factory.cycle(framework, { label: '2007-H2', opensOn: '2007-07-01', dueOn: '2007-12-31', closesOn: '2008-01-31' });
      await t.factory.cycle(other, { label: '2007-H1' });
      const listed = await staff.get(`/api/cycles?frameworkId=${framework.id}`);
      expect(listed.body.total).toBe(2);
      expect(listed.body.items.map((c: { label: string }) => c.label)).toEqual(['2007-H2', '2007-H1']);
    });

    it('refuses a second cycle with the same label in one framework (409)', async () => {
      const framework = await t.factory.framework();
      await t.factory.cycle(framework, { label: '2008-H1' });
      const response = await secretariat.post('/api/cycles', { frameworkId: framework.id, label: '2008-H1', ...dates });
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('already_exists');
    });

    it('answers 400 naming the field for dates out of order, a bad date or an unknown framework', async () => {
      const framework = await t.factory.framework();
      const dueBeforeOpen = await secretariat.post('/api/cycles', { frameworkId: framework.id, label: 'X1', ...dates, dueOn: '2006-12-31' });
      expect(dueBeforeOpen.status).toBe(400);
      expect(namedFields(dueBeforeOpen)).toEqual(['dueOn']);
      const notADate = await secretariat.post('/api/cycles', { frameworkId: framework.id, label: 'X2', ...dates, closesOn: '2007-02-30' });
      expect(notADate.status).toBe(400);
      expect(namedFields(notADate)).toEqual(['closesOn']);
      const noFramework = await secretariat.post('/api/cycles', { frameworkId: randomUUID(), label: 'X3', ...dates });
      expect(noFramework.status).toBe(400);
      expect(namedFields(noFramework)).toEqual(['frameworkId']);
      expect((await staff.get(`/api/cycles?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('refuses a focal point who opens a cycle (403 with a reason)', async () => {
      const framework = await t.factory.framework();
      const response = await focalPoint.post('/api/cycles', { frameworkId: framework.id, label: '2007-H1', ...dates });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/secretariat/i);
      expect((await staff.get(`/api/cycles?frameworkId=${framework.id}`)).body.total).toBe(0);
    });

    it('lets the secretariat move a due date; a second edit from the same version gets 409 and the first stays', async () => {
      const cycle = await t.factory.cycle(await t.factory.framework(), dates);
      const first = await secretariat.patch(`/api/cycles/${cycle.id}`, { version: 1, dueOn: '2007-07-15' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ dueOn: '2007-07-15', version: 2 });
      const second = await secretariat.patch(`/api/cycles/${cycle.id}`, { version: 1, dueOn: '2007-07-20' });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('stale_version');
      expect((await staff.get(`/api/cycles/${cycle.id}`)).body).toMatchObject({ dueOn: '2007-07-15', version: 2 });
    });

    it('refuses an edit that would put the due date after the close (400 naming closesOn)', async () => {
      const cycle = await t.factory.cycle(await t.factory.framework(), dates);
      const response = await secretariat.patch(`/api/cycles/${cycle.id}`, { version: 1, dueOn: '2007-08-15' });
      expect(response.status).toBe(400);
      expect(namedFields(response)).toEqual(['closesOn']);
      expect((await staff.get(`/api/cycles/${cycle.id}`)).body).toMatchObject({ dueOn: '2007-06-30', version: 1 });
    });

    it('refuses a staff member who edits a cycle (403) and answers 404 for an unknown cycle', async () => {
      const cycle = await t.factory.cycle(await t.factory.framework(), dates);
      expect((await staff.patch(`/api/cycles/${cycle.id}`, { version: 1, label: 'Renamed' })).status).toBe(403);
      expect((await staff.get(`/api/cycles/${cycle.id}`)).body).toMatchObject({ label: cycle.label, version: 1 });
      expect((await staff.get(`/api/cycles/${randomUUID()}`)).status).toBe(404);
      expect((await secretariat.patch(`/api/cycles/${randomUUID()}`, { version: 1, label: 'Nobody' })).status).toBe(404);
    });

    it('answers 401 to every cycle route without a session', async () => {
      const framework = await t.factory.framework();
      const cycle = await t.factory.cycle(framework);
      const anonymous = t.anonymous();
      expect((await anonymous.get('/api/cycles')).status).toBe(401);
      expect((await anonymous.get(`/api/cycles/${cycle.id}`)).status).toBe(401);
      expect((await anonymous.post('/api/cycles', { frameworkId: framework.id, label: 'Anon', ...dates })).status).toBe(401);
      expect((await anonymous.patch(`/api/cycles/${cycle.id}`, { version: 1, label: 'Anon' })).status).toBe(401);
    });
  });
});
