import type { Agency } from '../../src/agencies/agency.entity';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import type { Framework } from '../../src/frameworks/framework.entity';
import type { Indicator } from '../../src/frameworks/indicator.entity';
import type { ReportingCycle } from '../../src/reporting/reporting-cycle.entity';
import type { ApiClient, ApiResponse } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The fields a 400 names, once each: shape errors list them in `fields`, a broken domain rule names its `field`. */
function namedFields(response: ApiResponse): string[] {
  const details = response.body?.error?.details ?? {};
  return [...new Set<string>([...(details.fields ?? []), ...(details.field ? [details.field] : [])])];
}

/**
 * Bad input never corrupts anything (issue #2): each request below is refused with a 400 that says what is wrong,
 * and afterwards the rows it named read back the same, no table has a row more or less, and the change feed has
 * no new event.
 */
describe('bad input gets a clear 400 and changes nothing', () => {
  let t: TestApp;
  let secretariat: ApiClient;
  let framework: Framework;
  let commitment: Commitment;
  let indicator: Indicator;
  let cycle: ReportingCycle;
  let agency: Agency;

  beforeAll(async () => {
    t = await startTestApp();
    secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    agency = await t.factory.agency('FAO');
    await t.factory.agency('WFP');
    framework = await t.factory.framework();
    commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    indicator = await t.factory.indicator(commitment);
    cycle = await t.factory.cycle(framework);
  });
  afterAll(async () => {
    await t.close();
  });

  /** What a bad request could have touched: the rows the tests aim at, how many rows each table has, the feed. */
  async function state() {
    const [counts] = await t.dataSource.query(`
      SELECT (SELECT count(*) FROM change_events)::int AS "changeEvents",
             (SELECT count(*) FROM commitments)::int AS commitments,
             (SELECT count(*) FROM commitment_agencies)::int AS "commitmentAgencies",
             (SELECT count(*) FROM agencies)::int AS agencies,
             (SELECT count(*) FROM frameworks)::int AS frameworks,
             (SELECT count(*) FROM indicators)::int AS indicators,
             (SELECT count(*) FROM reporting_cycles)::int AS cycles,
             (SELECT count(*) FROM documents)::int AS documents`);
    const read = async (path: string) => {
      const response = await secretariat.get(path);
      expect(response.status).toBe(200);
      return response.body;
    };
    const [commitmentNow, agencyNow, frameworkNow, indicatorNow, cycleNow] = await Promise.all([
      read(`/api/commitments/${commitment.id}`),
      read(`/api/agencies/${agency.id}`),
      read(`/api/frameworks/${framework.id}`),
      read(`/api/indicators/${indicator.id}`),
      read(`/api/cycles/${cycle.id}`),
    ]);
    return { counts, commitment: commitmentNow, agency: agencyNow, framework: frameworkNow, indicator: indicatorNow, cycle: cycleNow };
  }

  let before: Awaited<ReturnType<typeof state>>;
  beforeEach(async () => {
    before = await state();
  });
  const expectNothingChanged = async () => {
    expect(await state()).toEqual(before);
  };

  const expect400Naming = (response: ApiResponse, field: string) => {
    expect(response.status).toBe(400);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(namedFields(response)).toContain(field);
  };

  describe('a malformed JSON body', () => {
    const broken = '{"version": 1, "title": "Unclosed';
    it.each([
      ['creating a commitment', 'POST', () => '/api/commitments'],
      ['editing a commitment', 'PATCH', () => `/api/commitments/${commitment.id}`],
      ['creating an agency', 'POST', () => '/api/agencies'],
      ['editing an indicator', 'PATCH', () => `/api/indicators/${indicator.id}`],
      ['opening a cycle', 'POST', () => '/api/cycles'],
    ])('is refused when %s', async (_case, method, path) => {
      const response = await secretariat.request(method, path(), undefined, { raw: broken });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/JSON/) });
      await expectNothingChanged();
    });

    it.each(['"on_track"', '42', 'null', '[]', '[{"version": 1, "status": "on_track"}]'])(
      'is refused when the body is %s rather than an object',
      async (raw) => {
        const response = await secretariat.request('PATCH', `/api/commitments/${commitment.id}`, undefined, { raw });
        expect(response.status).toBe(400);
        await expectNothingChanged();
      },
    );
  });

  describe('a JSON body built to get past the checks', () => {
    const commitmentPath = () => `/api/commitments/${commitment.id}`;
    const sendRaw = (path: string, raw: string) => secretariat.request('PATCH', path, undefined, { raw });
    /** A body the route would take, with `extra` written in before its fields: only `extra` is wrong with it. */
    const commitmentEdit = (extra: string) => `{${extra} "version": ${before.commitment.version}, "title": "Poisoned title"}`;

    it.each([
      ['5,000 nested arrays as the body', () => '['.repeat(5_000) + ']'.repeat(5_000)],
      ['a title nested 5,000 arrays deep', () => `{"version": ${before.commitment.version}, "title": ${'['.repeat(5_000)}${']'.repeat(5_000)}}`],
      ['65 nested objects', () => '{"a":'.repeat(64) + '{}' + '}'.repeat(64)],
    ])('is refused with a 400, not a server error, when it holds %s', async (_case, raw) => {
      const response = await sendRaw(commitmentPath(), raw());
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/too deeply nested/) });
      await expectNothingChanged();
    });

    it.each([
      ['__proto__', '"__proto__": {"title": "Poisoned through the prototype"},'],
      ['constructor', '"constructor": {"prototype": {"title": "Poisoned through the prototype"}},'],
    ])('is refused when it carries a %s key, as any unknown field is', async (field, extra) => {
      const response = await sendRaw(commitmentPath(), commitmentEdit(extra));
      expect400Naming(response, field);
      expect(response.body.error.code).toBe('validation_failed');
      await expectNothingChanged();
    });

    it.each([
      ['title', '"title": "First title",'],
      ['version', `"version": ${1_000},`],
    ])('is refused when it gives %s twice', async (field, extra) => {
      const response = await sendRaw(commitmentPath(), commitmentEdit(extra));
      expect400Naming(response, field);
      expect(response.body.error.message).toBe(`${field} is given more than once`);
      await expectNothingChanged();
    });

    it('is refused when an integer is beyond what a number holds exactly, naming the field', async () => {
      const target = await sendRaw(`/api/indicators/${indicator.id}`, `{"version": ${before.indicator.version}, "target": 9007199254740993}`);
      expect400Naming(target, 'target');
      const version = await sendRaw(commitmentPath(), '{"version": 9007199254740993, "title": "Poisoned title"}');
      expect400Naming(version, 'version');
      // The DTO's maximum refuses this version too; the message shows it was the body check that did.
      expect(version.body.error.message).toMatch(/cannot be read exactly/);
      await expectNothingChanged();
    });

    it.each([
      ['title', () => `{"version": ${before.commitment.version}, "title": "Trade \\ud800 capacity"}`],
      ['description', () => `{"version": ${before.commitment.version}, "description": "ends with half \\udbff"}`],
      ['leadAgencies.1', () => `{"version": ${before.commitment.version}, "leadAgencies": ["FAO", "\\udc00"]}`],
    ])('is refused when %s holds a lone UTF-16 surrogate, naming the field', async (field, raw) => {
      const response = await sendRaw(commitmentPath(), raw());
      expect400Naming(response, field);
      expect(response.body.error.message).toMatch(/lone UTF-16 surrogate/);
      await expectNothingChanged();
    });
  });

  describe('an unknown field', () => {
    it('is refused when creating a commitment, and the 400 names it', async () => {
      const response = await secretariat.post('/api/commitments', {
        frameworkId: framework.id,
        reference: 'BPoA-UNKNOWN',
        title: 'Good governance at the national and international levels',
        leadAgencies: ['FAO'],
        owner: 'FAO',
      });
      expect400Naming(response, 'owner');
      await expectNothingChanged();
    });

    it.each([
      ['a commitment’s report document', () => `/api/commitments/${commitment.id}`, { reportDocumentId: '00000000-0000-4000-8000-000000000000' }, 'reportDocumentId'],
      ['a commitment’s framework', () => `/api/commitments/${commitment.id}`, { frameworkId: '00000000-0000-4000-8000-000000000000' }, 'frameworkId'],
      ['an agency’s code', () => `/api/agencies/${agency.id}`, { code: 'NEWCODE' }, 'code'],
      ['a framework’s kind', () => `/api/frameworks/${framework.id}`, { kind: 'strategy' }, 'kind'],
      ['an indicator’s commitment', () => `/api/indicators/${indicator.id}`, { commitmentId: '00000000-0000-4000-8000-000000000000' }, 'commitmentId'],
      ['a cycle’s framework', () => `/api/cycles/${cycle.id}`, { frameworkId: '00000000-0000-4000-8000-000000000000' }, 'frameworkId'],
    ])('is refused when an edit tries to change %s, which is not editable', async (_case, path, extra, field) => {
      const response = await secretariat.patch(path(), { version: 1, ...extra });
      expect400Naming(response, field);
      await expectNothingChanged();
    });

    it('is refused in a list query, including bracketed operators', async () => {
      expect400Naming(await secretariat.get('/api/commitments?owner=FAO'), 'owner');
      expect((await secretariat.get('/api/commitments?agency[$ne]=FAO')).status).toBe(400);
      expect((await secretariat.get('/api/commitments?agency[]=FAO&agency[]=WFP')).status).toBe(400);
      await expectNothingChanged();
    });
  });

  describe('an overlong string', () => {
    const long = (length: number) => 'x'.repeat(length);

    it('is refused in a new commitment’s title of 10,000 characters', async () => {
      const response = await secretariat.post('/api/commitments', {
        frameworkId: framework.id,
        reference: 'BPoA-LONG',
        title: long(10_000),
        leadAgencies: ['FAO'],
      });
      expect400Naming(response, 'title');
      await expectNothingChanged();
    });

    it.each([
      ['a commitment’s title', () => `/api/commitments/${commitment.id}`, { title: long(10_000) }, 'title'],
      ['a commitment’s description', () => `/api/commitments/${commitment.id}`, { description: long(20_001) }, 'description'],
      ['an agency’s name', () => `/api/agencies/${agency.id}`, { name: long(10_000) }, 'name'],
      ['a framework’s title', () => `/api/frameworks/${framework.id}`, { title: long(10_000) }, 'title'],
      ['a framework’s country', () => `/api/frameworks/${framework.id}`, { country: long(101) }, 'country'],
      ['an indicator’s unit', () => `/api/indicators/${indicator.id}`, { unit: long(41) }, 'unit'],
      ['a cycle’s label', () => `/api/cycles/${cycle.id}`, { label: long(41) }, 'label'],
    ])('is refused in %s', async (_case, path, change, field) => {
      expect400Naming(await secretariat.patch(path(), { version: 1, ...change }), field);
      await expectNothingChanged();
    });

    it('over the body size limit gets a 413 rather than being read', async () => {
      const response = await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, description: long(2_000_000) });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('payload_too_large');
      await expectNothingChanged();
    });
  });

  describe('a page size or offset out of range', () => {
    const lists = [
      '/api/agencies',
      '/api/frameworks',
      '/api/commitments',
      '/api/cycles',
      '/api/activity-reports',
      '/api/changes',
    ];
    it.each(lists)('is refused: %s?limit=-1', async (path) => {
      expect400Naming(await secretariat.get(`${path}?limit=-1`), 'limit');
      await expectNothingChanged();
    });

    it.each(['0', '201', 'ten', '1.5', '1e3'])('is refused: /api/commitments?limit=%s', async (limit) => {
      expect400Naming(await secretariat.get(`/api/commitments?limit=${limit}`), 'limit');
      await expectNothingChanged();
    });

    it.each(lists.filter((path) => path !== '/api/changes'))('is refused: %s?offset=-1', async (path) => {
      expect400Naming(await secretariat.get(`${path}?offset=-1`), 'offset');
      await expectNothingChanged();
    });

    it('is refused on an indicator’s values', async () => {
      expect400Naming(await secretariat.get(`/api/indicators/${indicator.id}/values?limit=-5`), 'limit');
      await expectNothingChanged();
    });
  });

  describe('an id in the path that is not a UUID', () => {
    it.each([
      ['GET', '/api/commitments/123'],
      ['PATCH', '/api/commitments/not-a-uuid'],
      ['GET', '/api/commitments/BPoA-5/indicators'],
      ['POST', '/api/commitments/BPoA-5/indicators'],
      ['GET', '/api/agencies/FAO'],
      ['PATCH', '/api/agencies/FAO'],
      ['GET', "/api/frameworks/1'%20OR%20'1'='1"],
      ['PATCH', '/api/frameworks/1;DROP%20TABLE%20frameworks'],
      ['GET', '/api/frameworks/abc/accountability'],
      ['GET', '/api/indicators/abc'],
      ['GET', '/api/indicators/abc/values'],
      ['GET', '/api/cycles/2007-H1'],
      ['PATCH', '/api/cycles/2007-H1'],
      ['GET', '/api/activity-reports/42'],
    ])('is refused: %s %s', async (method, path) => {
      const body = { GET: undefined, PATCH: { version: 1 }, POST: { name: 'Entities reporting', unit: 'entities', target: 20 } }[method];
      const response = await secretariat.request(method, path, body);
      expect(response.status).toBe(400);
      expect(response.body.error.details).toMatchObject({ field: 'id' });
      await expectNothingChanged();
    });
  });

  describe('SQL in a filter', () => {
    it.each([
      ["/api/commitments?agency=FAO'%20OR%201=1--", 'agency'],
      ['/api/commitments?status=on_track;DROP%20TABLE%20commitments', 'status'],
      ['/api/commitments?frameworkId=1%20OR%201=1', 'frameworkId'],
      ["/api/commitments?dueBefore=2030-01-01'%20OR%20'1'='1", 'dueBefore'],
      ["/api/commitments?agency=FAO&participation=lead'--", 'participation'],
      ["/api/agencies?kind=fund'%20OR%20'1'='1", 'kind'],
      ["/api/frameworks?kind=programme';DROP%20TABLE%20frameworks;--", 'kind'],
      ['/api/cycles?frameworkId=%27%29%3B%20DELETE%20FROM%20reporting_cycles%3B--', 'frameworkId'],
      ["/api/activity-reports?state=draft'%20OR%201=1--", 'state'],
      ['/api/changes?cursor=0%20OR%201=1', 'cursor'],
      ["/api/changes?entityType=commitment';DELETE%20FROM%20change_events;--", 'entityType'],
      ["/api/changes?since=2007-01-01'%20OR%20'1'='1", 'since'],
    ])('is refused: %s', async (path, field) => {
      expect400Naming(await secretariat.get(path), field);
      await expectNothingChanged();
      const list = await secretariat.get(`/api/commitments?frameworkId=${framework.id}&agency=FAO`);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: commitment.id }] });
    });

    it('is refused on an indicator’s values filtered by agency', async () => {
      expect400Naming(await secretariat.get(`/api/indicators/${indicator.id}/values?agency=FAO'%20OR%201=1--`), 'agency');
      await expectNothingChanged();
    });
  });

  describe('a value of the wrong type', () => {
    it.each([
      ['a number as a commitment’s title', { title: 12345 }, 'title'],
      ['a number as a commitment’s description', { description: 42 }, 'description'],
      ['an object as a commitment’s title', { title: { en: 'Trade' } }, 'title'],
      ['a single code where a list of agencies is expected', { leadAgencies: 'FAO' }, 'leadAgencies'],
      ['numbers in the list of agencies', { leadAgencies: [7] }, 'leadAgencies'],
      ['the version as text', { version: '1', status: 'on_track' }, 'version'],
      ['the version as a fraction', { version: 1.5, status: 'on_track' }, 'version'],
      ['“yes” for archived', { archived: 'yes' }, 'archived'],
      ['a number as the due date', { dueDate: 20101231 }, 'dueDate'],
    ])('is refused: %s', async (_case, change, field) => {
      expect400Naming(await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, ...change }), field);
      await expectNothingChanged();
    });

    it.each([
      ['a new commitment’s reference as a number', '/api/commitments', () => ({ frameworkId: framework.id, reference: 5, title: 'Trade', leadAgencies: ['FAO'] }), 'reference'],
      ['a new agency’s name as a number', '/api/agencies', () => ({ code: 'NUM', name: 404, kind: 'office' }), 'name'],
      ['a new indicator’s target as text', `/api/commitments/:id/indicators`, () => ({ name: 'Entities reporting', unit: 'entities', target: '20' }), 'target'],
      ['a new cycle’s framework as a number', '/api/cycles', () => ({ frameworkId: 1, label: '2007-H2', opensOn: '2007-07-01', dueOn: '2007-12-31', closesOn: '2008-01-31' }), 'frameworkId'],
    ])('is refused: %s', async (_case, path, body, field) => {
      expect400Naming(await secretariat.post(path.replace(':id', commitment.id), body()), field);
      await expectNothingChanged();
    });

    it.each([
      ['an indicator’s baseline as text', () => `/api/indicators/${indicator.id}`, { baseline: 'zero' }, 'baseline'],
      ['an agency’s kind as a number', () => `/api/agencies/${agency.id}`, { kind: 3 }, 'kind'],
      ['a cycle’s due date as a number', () => `/api/cycles/${cycle.id}`, { dueOn: 20070630 }, 'dueOn'],
    ])('is refused: %s', async (_case, path, change, field) => {
      expect400Naming(await secretariat.patch(path(), { version: 1, ...change }), field);
      await expectNothingChanged();
    });

    it('is refused for a version too large to be one, naming the field', async () => {
      expect400Naming(await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 2 ** 31, status: 'on_track' }), 'version');
      expect400Naming(await secretariat.get('/api/changes?cursor=99999999999999999999999'), 'cursor');
      await expectNothingChanged();
    });
  });

  describe('null for a value that cannot be empty', () => {
    it.each([
      ['a commitment’s title', () => `/api/commitments/${commitment.id}`, 'title'],
      ['a commitment’s status', () => `/api/commitments/${commitment.id}`, 'status'],
      ['a commitment’s description', () => `/api/commitments/${commitment.id}`, 'description'],
      ['an agency’s name', () => `/api/agencies/${agency.id}`, 'name'],
      ['an agency’s kind', () => `/api/agencies/${agency.id}`, 'kind'],
      ['a framework’s title', () => `/api/frameworks/${framework.id}`, 'title'],
      ['an indicator’s target', () => `/api/indicators/${indicator.id}`, 'target'],
      ['a cycle’s label', () => `/api/cycles/${cycle.id}`, 'label'],
      ['a cycle’s due date', () => `/api/cycles/${cycle.id}`, 'dueOn'],
    ])('is refused for %s (a 400, not a server error)', async (_case, path, field) => {
      expect400Naming(await secretariat.patch(path(), { version: 1, [field]: null }), field);
      await expectNothingChanged();
    });
  });

  it('refuses text the database cannot store (a NUL character) with a 400, not a server error', async () => {
    const response = await secretariat.patch(`/api/commitments/${commitment.id}`, { version: 1, title: 'Trade\u0000capacity' });
    expect400Naming(response, 'title');
    await expectNothingChanged();
  });

  it('stores text that looks like SQL as text, and never runs it', async () => {
    const title = "Robert'); DROP TABLE commitments;--";
    const description = "' OR 1=1; UPDATE change_events SET summary = 'rewritten'; --";
    const created = await secretariat.post('/api/commitments', {
      frameworkId: framework.id,
      reference: 'BPoA-SQL',
      title,
      description,
      leadAgencies: ['FAO'],
    });
    expect(created.status).toBe(201);
    expect((await secretariat.get(`/api/commitments/${created.body.id}`)).body).toMatchObject({ title, description });
    const after = await state();
    expect(after.counts).toEqual({ ...before.counts, commitments: before.counts.commitments + 1, commitmentAgencies: before.counts.commitmentAgencies + 1, documents: before.counts.documents + 1, changeEvents: before.counts.changeEvents + 1 });
    expect(after.commitment).toEqual(before.commitment);
    const [latest] = await t.dataSource.query(`SELECT summary FROM change_events ORDER BY id DESC LIMIT 1`);
    expect(latest.summary).toContain(title);
  });
});
