import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import type { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { loadDemoData } from '../../src/database/demo/load-demo-data';
import { ApiClient } from '../support/api-client';
import { Factory } from '../support/factory';
import { createTestDatabase, testConfig } from '../support/test-app';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** DESIGN.md §7: the demo password is DEMO_PASSWORD, `concert-demo` unless set. */
const DEMO_PASSWORD = testConfig().demoPassword;

async function open(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, 4)).initialize();
}

/** The number of rows of every table of the schema, by table name. */
async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    const [{ count }]: { count: number }[] = await dataSource.query(`SELECT count(*)::int AS count FROM "${name}"`);
    counts[name] = count;
  }
  return counts;
}

async function column<T>(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const rows: { value: T }[] = await dataSource.query(sql, parameters);
  return rows.map((row) => row.value);
}

/** The real app over this database, listening on a loopback port. */
async function serve(config: AppConfig, url: string): Promise<{ app: NestExpressApplication; client: () => ApiClient }> {
  const app = await createApp(config, url);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, client: () => new ApiClient(`http://127.0.0.1:${port}`) };
}

describe('demo data from the seed', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let loaded: boolean;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await open(database.url);
    loaded = await loadDemoData(dataSource, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('loads into a freshly migrated database and says so', () => {
    expect(loaded).toBe(true);
  });

  it("loads the seed's agencies", async () => {
    const codes = await column<string>(dataSource, 'SELECT code AS value FROM agencies');
    expect(codes).toEqual(
      expect.arrayContaining(['FAO', 'IFAD', 'WFP', 'ILO', 'UNHCR', 'UNESCO', 'UN-HABITAT', 'DESA', 'WHO', 'UNICEF', 'UNDP', 'OHRLLS', 'OSAGI', 'UNSSC', 'WTO']),
    );
    expect(codes.length).toBeGreaterThanOrEqual(25);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('loads the four frameworks of the seed, one of each kind', async () => {
    const frameworks: { code: string; kind: string }[] = await dataSource.query('SELECT code, kind FROM frameworks ORDER BY code');
    expect(frameworks).toEqual([
      { code: 'BPoA', kind: 'programme' },
      { code: 'CEB-2006-2', kind: 'decisions' },
      { code: 'FSTG', kind: 'theme_group' },
      { code: 'GMS', kind: 'strategy' },
    ]);
  });

  it("gives the Brussels Programme exactly its seven commitments, BPoA-1 to BPoA-7, each with a lead agency", async () => {
    const references = await column<string>(
      dataSource,
      `SELECT c.reference AS value FROM commitments c JOIN frameworks f ON f.id = c.framework_id WHERE f.code = 'BPoA' ORDER BY c.reference`,
    );
    expect(references).toEqual(['BPoA-1', 'BPoA-2', 'BPoA-3', 'BPoA-4', 'BPoA-5', 'BPoA-6', 'BPoA-7']);
    const withoutLead = await column<string>(
      dataSource,
      `SELECT c.reference AS value FROM commitments c
       WHERE NOT EXISTS (SELECT 1 FROM commitment_agencies ca WHERE ca.commitment_id = c.id AND ca.participation = 'lead')`,
    );
    expect(withoutLead).toEqual([]);
  });

  it('gives the gender mainstreaming strategy its six elements (a)-(f) and every framework commitments', async () => {
    const gms = await column<string>(
      dataSource,
      `SELECT c.reference AS value FROM commitments c JOIN frameworks f ON f.id = c.framework_id WHERE f.code = 'GMS' ORDER BY 1`,
    );
    expect(gms).toEqual(['GMS-a', 'GMS-b', 'GMS-c', 'GMS-d', 'GMS-e', 'GMS-f']);
    const empty = await column<string>(
      dataSource,
      `SELECT f.code AS value FROM frameworks f WHERE NOT EXISTS (SELECT 1 FROM commitments c WHERE c.framework_id = f.id)`,
    );
    expect(empty).toEqual([]);
  });

  it('gives every framework a reporting cycle, with its dates in order', async () => {
    const cycles: { code: string; label: string; opens: string; due: string; closes: string }[] = await dataSource.query(
      `SELECT f.code, r.label, r.opens_on::text AS opens, r.due_on::text AS due, r.closes_on::text AS closes
       FROM reporting_cycles r JOIN frameworks f ON f.id = r.framework_id ORDER BY f.code, r.opens_on`,
    );
    expect(new Set(cycles.map((cycle) => cycle.code))).toEqual(new Set(['BPoA', 'CEB-2006-2', 'FSTG', 'GMS']));
    expect(cycles).toContainEqual({ code: 'BPoA', label: '2007-H1', opens: '2007-01-01', due: '2007-06-30', closes: '2007-07-31' });
    for (const cycle of cycles) {
      expect(cycle.opens <= cycle.due && cycle.due <= cycle.closes).toBe(true);
    }
  });

  it('loads activity reports in several states, each by an agency taking part, in a cycle of its framework', async () => {
    const states = await column<string>(dataSource, 'SELECT DISTINCT state AS value FROM activity_reports ORDER BY 1');
    expect(states).toEqual(['accepted', 'draft', 'returned', 'submitted']);

    const outsiders = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r
       WHERE NOT EXISTS (SELECT 1 FROM commitment_agencies ca WHERE ca.commitment_id = r.commitment_id AND ca.agency_id = r.agency_id)`,
    );
    expect(outsiders).toEqual([]);
    const wrongCycle = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r
       JOIN commitments c ON c.id = r.commitment_id JOIN reporting_cycles y ON y.id = r.cycle_id
       WHERE y.framework_id <> c.framework_id`,
    );
    expect(wrongCycle).toEqual([]);
    const foreignIndicatorValues = await column<string>(
      dataSource,
      `SELECT v.id AS value FROM indicator_values v
       JOIN activity_reports r ON r.id = v.activity_report_id JOIN indicators i ON i.id = v.indicator_id
       WHERE i.commitment_id <> r.commitment_id`,
    );
    expect(foreignIndicatorValues).toEqual([]);
    const [{ count }]: { count: number }[] = await dataSource.query('SELECT count(*)::int AS count FROM indicator_values');
    expect(count).toBeGreaterThan(0);
  });

  it("has each report written, and submitted, by a user of the report's own agency", async () => {
    const strays = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r
       JOIN users author ON author.id = r.created_by
       LEFT JOIN users submitter ON submitter.id = r.submitted_by
       WHERE author.agency_id <> r.agency_id
          OR (r.state <> 'draft' AND (submitter.id IS NULL OR submitter.agency_id <> r.agency_id))`,
    );
    expect(strays).toEqual([]);
  });

  // An accepted or returned report says who decided, as one decided through the API does (activity-reports.service).
  it('records who accepted or returned each decided report: a focal point of a lead agency', async () => {
    const decided: { reference: string; agency: string; state: string; decider: string | null; deciderLeads: boolean }[] = await dataSource.query(
      `SELECT c.reference, a.code AS agency, r.state, d.email AS decider,
              EXISTS (SELECT 1 FROM commitment_agencies ca
                      WHERE ca.commitment_id = r.commitment_id AND ca.agency_id = d.agency_id AND ca.participation = 'lead'
                        AND d.role = 'focal_point') AS "deciderLeads"
       FROM activity_reports r JOIN commitments c ON c.id = r.commitment_id JOIN agencies a ON a.id = r.agency_id
       LEFT JOIN users d ON d.id = r.decided_by
       WHERE r.state IN ('accepted', 'returned') ORDER BY 1, 2`,
    );
    expect(decided.length).toBeGreaterThan(0);
    expect(decided.filter((report) => report.decider === null || !report.deciderLeads)).toEqual([]);
  });

  it('writes each report’s history to the change feed, as the workflow would: started, submitted, accepted or returned', async () => {
    const events: { reference: string; agency: string; state: string; actions: string[]; actors: string[] }[] = await dataSource.query(
      `SELECT c.reference, a.code AS agency, r.state,
              array_agg(e.action ORDER BY e.id) AS actions, array_agg(ea.code ORDER BY e.id) AS actors
         FROM activity_reports r JOIN commitments c ON c.id = r.commitment_id JOIN agencies a ON a.id = r.agency_id
         JOIN change_events e ON e.entity_type = 'activity_report' AND e.entity_id = r.id
         JOIN agencies ea ON ea.id = e.actor_agency_id
        GROUP BY c.reference, a.code, r.state`,
    );
    const [{ reports }]: { reports: number }[] = await dataSource.query('SELECT count(*)::int AS reports FROM activity_reports');
    expect(events).toHaveLength(reports);
    const expected = { draft: ['created'], submitted: ['created', 'submitted'], accepted: ['created', 'submitted', 'accepted'], returned: ['created', 'submitted', 'returned'] };
    for (const report of events) {
      expect(report.actions).toEqual(expected[report.state as keyof typeof expected]);
      expect(report.actors.slice(0, 2).every((code) => code === report.agency)).toBe(true);
    }
    const [returned]: { summary: string }[] = await dataSource.query(
      `SELECT e.summary FROM change_events e JOIN activity_reports r ON r.id = e.entity_id JOIN commitments c ON c.id = r.commitment_id
        WHERE e.action = 'returned' AND c.reference = 'BPoA-1'`,
    );
    expect(returned.summary).toMatch(/^[A-Z]+ returned UNDP's 2007-H1 activity report on BPoA-1: Para\. 32\(b\)/);
  });

  it('creates the demo users of §7: focal and staff per demo agency, and the secretariat', async () => {
    const users: { email: string; role: string; agency: string; demo: boolean; hash: string }[] = await dataSource.query(
      `SELECT u.email, u.role, a.code AS agency, u.demo, u.password_hash AS hash FROM users u JOIN agencies a ON a.id = u.agency_id`,
    );
    const byEmail = new Map(users.map((user) => [user.email, user]));
    expect(byEmail.get('focal@fao.example')).toMatchObject({ role: 'focal_point', agency: 'FAO', demo: true });
    expect(byEmail.get('staff@fao.example')).toMatchObject({ role: 'staff', agency: 'FAO', demo: true });
    expect(byEmail.get('focal@wfp.example')).toMatchObject({ role: 'focal_point', agency: 'WFP', demo: true });
    expect(byEmail.get('focal@ifad.example')).toMatchObject({ role: 'focal_point', agency: 'IFAD', demo: true });
    expect(byEmail.get('secretariat@ceb.example')).toMatchObject({ role: 'secretariat', demo: true });
    for (const user of users) {
      expect(user.demo).toBe(true);
      expect(user.email).toMatch(/^(focal|staff|secretariat)@[a-z0-9-]+\.example$/);
      expect(user.email.split('@')[1]).toBe(`${user.agency.toLowerCase()}.example`);
      // Hashed, never the password itself.
      expect(user.hash).toMatch(/^\$argon2id\$/);
      expect(user.hash).not.toContain(DEMO_PASSWORD);
    }
  });

  it('does nothing the second time, and says so', async () => {
    const before = await rowCounts(dataSource);
    const [focalBefore]: { hash: string; version: number }[] = await dataSource.query(
      `SELECT password_hash AS hash, version FROM users WHERE email = 'focal@fao.example'`,
    );
    expect(before.agencies).toBeGreaterThan(0);

    await expect(loadDemoData(dataSource, 'another-password')).resolves.toBe(false);

    expect(await rowCounts(dataSource)).toEqual(before);
    const [focalAfter]: { hash: string; version: number }[] = await dataSource.query(
      `SELECT password_hash AS hash, version FROM users WHERE email = 'focal@fao.example'`,
    );
    expect(focalAfter).toEqual(focalBefore);
  });

  it('loads once when two loads start at the same time', async () => {
    const other = await createTestDatabase();
    const first = await open(other.url);
    const second = await open(other.url);
    try {
      const results = await Promise.all([loadDemoData(first, DEMO_PASSWORD), loadDemoData(second, DEMO_PASSWORD)]);
      expect([...results].sort()).toEqual([false, true]);
      const counts = await rowCounts(first);
      const reference = await rowCounts(dataSource);
      expect(counts).toEqual(reference);
    } finally {
      await first.destroy();
      await second.destroy();
      await other.drop();
    }
  });

  describe('logging in to the real app', () => {
    it('lets focal@fao.example in with the demo password, and shows the Brussels Programme', async () => {
      const { app, client } = await serve(testConfig(), database.url);
      try {
        const focal = client();
        const login = await focal.post('/api/auth/login', { email: 'focal@fao.example', password: DEMO_PASSWORD });
        expect(login.status).toBe(200);
        expect(login.body).toMatchObject({ user: { email: 'focal@fao.example', role: 'focal_point' }, agency: { code: 'FAO' } });
        expect((await focal.get('/api/auth/me')).status).toBe(200);

        const wrong = await client().post('/api/auth/login', { email: 'focal@fao.example', password: 'not-the-demo-password' });
        expect(wrong.status).toBe(401);

        const frameworks = await focal.get('/api/frameworks');
        expect(frameworks.status).toBe(200);
        const bpoa = (frameworks.body.items as { id: string; code: string }[]).find((framework) => framework.code === 'BPoA');
        expect(bpoa).toBeDefined();
        const commitments = await focal.get(`/api/commitments?frameworkId=${bpoa!.id}`);
        expect(commitments.status).toBe(200);
        expect(commitments.body.total).toBe(7);
        expect((commitments.body.items as { reference: string }[]).map((c) => c.reference).sort()).toEqual([
          'BPoA-1',
          'BPoA-2',
          'BPoA-3',
          'BPoA-4',
          'BPoA-5',
          'BPoA-6',
          'BPoA-7',
        ]);
      } finally {
        await app.close();
      }
    });

    it('refuses the demo accounts when NODE_ENV=production, but not real accounts', async () => {
      const { app, client } = await serve(testConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }), database.url);
      try {
        const refused = await client().post('/api/auth/login', { email: 'focal@fao.example', password: DEMO_PASSWORD });
        expect(refused.status).toBe(401);
        expect(refused.headers.getSetCookie().some((cookie) => cookie.startsWith('concert.sid='))).toBe(false);
        const secretariat = await client().post('/api/auth/login', { email: 'secretariat@ceb.example', password: DEMO_PASSWORD });
        expect(secretariat.status).toBe(401);
        // The same answer as a wrong password, so that it tells nobody the account exists.
        const wrong = await client().post('/api/auth/login', { email: 'focal@fao.example', password: 'not-the-demo-password' });
        expect(refused.body.error.message).toBe(wrong.body.error.message);

        const real = await new Factory(dataSource).user({ agency: 'FAO', role: 'focal_point' });
        const allowed = await client().post('/api/auth/login', { email: real.email, password: Factory.PASSWORD });
        expect(allowed.status).toBe(200);
      } finally {
        await app.close();
      }
    });
  });
});
