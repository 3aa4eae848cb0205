import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import type { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';
import { addDays, demoCalendar, isoDate } from '../../src/database/demo/demo-calendar';
import { demoData } from '../../src/database/demo/demo-data';
import { loadDemoData } from '../../src/database/demo/load-demo-data';
import { type AccountabilityRow, ActivityReportsRepository } from '../../src/reporting/activity-reports.repository';
import { CyclesRepository } from '../../src/reporting/cycles.repository';
import { ApiClient } from '../support/api-client';
import { Factory } from '../support/factory';
import { createTestDatabase, testConfig } from '../support/test-app';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** DESIGN.md §7: the demo password is DEMO_PASSWORD, `concert-demo` unless set. */
const DEMO_PASSWORD = testConfig().demoPassword;

/**
 * The load date the tests pin: the demo's cycles are placed around it (src/database/demo/demo-calendar.ts). Half an
 * hour into the day, so that anything stamped with the time the tests load the data comes out after it.
 */
const NOW = new Date('2026-12-01T00:30:00Z');
const TODAY = '2026-12-01';

/** Whole days from `from` to `to` (ISO dates). */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

interface DashboardItem {
  framework: string;
  cycle: { label: string; dueOn: string };
  reference: string;
  agency: string;
  state: AccountabilityRow['state'];
}

/**
 * What an agency's dashboard lists (web/src/pages/DashboardPage.tsx), from each framework's current accountability
 * grid as the server computes it (CyclesRepository.findCurrent, ActivityReportsRepository.accountability) on `today`:
 * the agency's reports still to do, and the submitted reports on commitments it leads.
 */
async function dashboardOf(dataSource: DataSource, agency: string, today: string): Promise<{ due: DashboardItem[]; toReview: DashboardItem[]; all: DashboardItem[] }> {
  const frameworks: { id: string; code: string }[] = await dataSource.query('SELECT id, code FROM frameworks ORDER BY code');
  const all: (DashboardItem & { participation: string; reportId: string | null })[] = [];
  for (const framework of frameworks) {
    const cycle = await new CyclesRepository().findCurrent(dataSource.manager, framework.id, today);
    const cells = await new ActivityReportsRepository().accountability(dataSource.manager, framework.id, cycle!.id, today);
    all.push(
      ...cells.map((cell) => ({ framework: framework.code, cycle: { label: cycle!.label, dueOn: cycle!.dueOn }, ...cell })),
    );
  }
  const leads = new Set(all.filter((cell) => cell.agency === agency && cell.participation === 'lead').map((cell) => cell.reference));
  const item = ({ framework, cycle, reference, agency, state }: DashboardItem): DashboardItem => ({ framework, cycle, reference, agency, state });
  return {
    due: all.filter((cell) => cell.agency === agency && ['missing', 'draft', 'returned', 'overdue'].includes(cell.state)).map(item),
    toReview: all.filter((cell) => leads.has(cell.reference) && cell.state === 'submitted' && cell.reportId).map(item),
    all: all.map(item),
  };
}

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
    loaded = await loadDemoData(dataSource, DEMO_PASSWORD, NOW);
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

  it('names every agency in the UN’s six languages: English in agencies, the other five beside it', async () => {
    const missing = await column<string>(
      dataSource,
      `SELECT a.code || ' ' || l.locale AS value FROM agencies a CROSS JOIN unnest(ARRAY['ar', 'es', 'fr', 'ru', 'zh']) AS l(locale)
        WHERE NOT EXISTS (SELECT 1 FROM agency_names n WHERE n.agency_id = a.id AND n.locale = l.locale)`,
    );
    expect(missing).toEqual([]);
    const fao = await column<string>(
      dataSource,
      `SELECT n.name AS value FROM agency_names n JOIN agencies a ON a.id = n.agency_id WHERE a.code = 'FAO' ORDER BY n.locale`,
    );
    expect(fao).toEqual([
      'منظمة الأغذية والزراعة للأمم المتحدة',
      'Organización de las Naciones Unidas para la Alimentación y la Agricultura',
      "Organisation des Nations Unies pour l'alimentation et l'agriculture",
      'Продовольственная и сельскохозяйственная организация Объединенных Наций',
      '联合国粮食及农业组织',
    ]);
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

  it('places the reporting cycles around the load date, each labelled by the half-year it reports on', async () => {
    const cycles: { code: string; label: string; opens: string; due: string; closes: string }[] = await dataSource.query(
      `SELECT f.code, r.label, r.opens_on::text AS opens, r.due_on::text AS due, r.closes_on::text AS closes
       FROM reporting_cycles r JOIN frameworks f ON f.id = r.framework_id ORDER BY f.code, r.opens_on`,
    );
    // Loaded on 2026-12-01: 2026-H1 closed on its calendar (due a month after the half-year, closed a month later),
    // 2025-H2 before it, and 2026-H2 current, due in three weeks (2026-12-22) rather than on its calendar due date;
    // the theme group's 2026-H2 fell due six days ago and is still open.
    const current = { label: '2026-H2', opens: '2026-07-01', due: '2026-12-22', closes: '2027-01-21' };
    expect(cycles).toEqual([
      { code: 'BPoA', label: '2025-H2', opens: '2025-07-01', due: '2026-01-31', closes: '2026-02-28' },
      { code: 'BPoA', label: '2026-H1', opens: '2026-01-01', due: '2026-07-31', closes: '2026-08-31' },
      { code: 'BPoA', ...current },
      { code: 'CEB-2006-2', ...current },
      { code: 'FSTG', label: '2026-H2', opens: '2026-07-01', due: '2026-11-25', closes: '2026-12-25' },
      { code: 'GMS', ...current },
    ]);
  });

  it('follows the same rule whatever the load date: labels follow the dates, one cycle closed, one due in three weeks, one overdue', () => {
    expect(demoCalendar(new Date('2026-08-20T12:00:00Z'))).toEqual({
      today: '2026-08-20',
      // 2026-H1 closes on 2026-08-31 on its calendar: not closed yet, so it is the current cycle, its due date moved.
      earlier: { label: '2025-H1', opensOn: '2025-01-01', dueOn: '2025-07-31', closesOn: '2025-08-31' },
      closed: { label: '2025-H2', opensOn: '2025-07-01', dueOn: '2026-01-31', closesOn: '2026-02-28' },
      current: { label: '2026-H1', opensOn: '2026-01-01', dueOn: '2026-09-10', closesOn: '2026-10-10' },
      overdue: { label: '2026-H1', opensOn: '2026-01-01', dueOn: '2026-08-14', closesOn: '2026-09-13' },
    });
    // Every day of a leap year and the next (a second after midnight: nothing may be dated later that day), the
    // calendar and the reports' histories keep their promises; what breaks one is listed, with the day.
    const broken: string[] = [];
    const check = (holds: boolean, what: string) => holds || broken.push(what);
    for (let day = Date.parse('2028-01-01T00:00:00Z'); day < Date.parse('2030-01-01T00:00:00Z'); day += 86_400_000) {
      const now = new Date(day + 1000);
      const today = isoDate(now);
      const calendar = demoCalendar(now);
      for (const cycle of [calendar.earlier, calendar.closed, calendar.current, calendar.overdue]) {
        const [year, half] = cycle.label.split('-H');
        check(cycle.opensOn === `${year}-${half === '1' ? '01' : '07'}-01`, `${today}: ${cycle.label} opens on ${cycle.opensOn}`);
        check(cycle.opensOn <= cycle.dueOn && cycle.dueOn <= cycle.closesOn, `${today}: ${cycle.label}'s dates are out of order`);
      }
      check(calendar.closed.closesOn < today, `${today}: the closed cycle is not closed`);
      check(calendar.current.opensOn <= today, `${today}: the current cycle has not opened`);
      check(daysBetween(today, calendar.current.dueOn) === 21, `${today}: the current cycle is not due in 21 days`);
      check(daysBetween(today, calendar.overdue.dueOn) === -6 && calendar.overdue.closesOn > today, `${today}: no open cycle fell due 6 days ago`);

      const data = demoData(now);
      for (const report of data.activityReports) {
        const which = `${today}: ${report.agency} on ${report.commitment}`;
        const cycle = data.frameworks.find((f) => f.code === report.framework)!.cycles.find((c) => c.label === report.cycle)!;
        const when = report.history.map((step) => step.at.getTime());
        check(when.every((time, i) => i === 0 || time > when[i - 1]), `${which}: history out of order`);
        check(isoDate(report.history[0].at) >= cycle.opensOn, `${which}: started before its cycle opened`);
        check(Math.max(...when) < now.getTime(), `${which}: history after the load`);
        const submitted = report.history.filter((step) => step.action === 'submitted').at(-1);
        check(!submitted || isoDate(submitted.at) <= cycle.dueOn, `${which}: submitted late`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('loads activity reports in several states, each by an agency taking part, in a cycle of its framework', async () => {
    const states = await column<string>(dataSource, 'SELECT DISTINCT state AS value FROM activity_reports ORDER BY 1');
    expect(states).toEqual(['accepted', 'draft', 'submitted']);

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

  it('writes each report’s history to the change feed, as the workflow would: started, submitted, returned and answered, accepted', async () => {
    const events: { reference: string; agency: string; state: string; returnedOnce: boolean; actions: string[]; actors: string[] }[] =
      await dataSource.query(
        `SELECT c.reference, a.code AS agency, r.state, r.return_reason IS NOT NULL AS "returnedOnce",
                array_agg(e.action ORDER BY e.id) AS actions, array_agg(ea.code ORDER BY e.id) AS actors
           FROM activity_reports r JOIN commitments c ON c.id = r.commitment_id JOIN agencies a ON a.id = r.agency_id
           JOIN change_events e ON e.entity_type = 'activity_report' AND e.entity_id = r.id
           JOIN agencies ea ON ea.id = e.actor_agency_id
          GROUP BY r.id, c.reference, a.code, r.state, r.return_reason`,
      );
    const [{ reports }]: { reports: number }[] = await dataSource.query('SELECT count(*)::int AS reports FROM activity_reports');
    expect(events).toHaveLength(reports);
    const expected = {
      draft: ['created'],
      submitted: ['created', 'submitted'],
      accepted: ['created', 'submitted', 'accepted'],
      returned: ['created', 'submitted', 'returned'],
    };
    const answered = ['created', 'submitted', 'returned', 'submitted'];
    for (const report of events) {
      const state = report.state as keyof typeof expected;
      expect(report.actions).toEqual(report.returnedOnce ? [...answered, ...expected[state].slice(2)] : expected[state]);
      // The agency starts and submits its report; the lead agency returns and accepts it.
      report.actions.forEach((action, i) => {
        if (action === 'created' || action === 'submitted') expect(report.actors[i]).toBe(report.agency);
      });
    }
    expect(events.filter((report) => report.returnedOnce).map((report) => `${report.agency} ${report.reference} ${report.state}`).sort()).toEqual([
      'FAO FSTG-ETH-2 submitted',
      'UNDP BPoA-1 accepted',
    ]);
    const [returned]: { summary: string }[] = await dataSource.query(
      `SELECT e.summary FROM change_events e JOIN activity_reports r ON r.id = e.entity_id JOIN commitments c ON c.id = r.commitment_id
        WHERE e.action = 'returned' AND c.reference = 'BPoA-1'`,
    );
    expect(returned.summary).toMatch(/^OHRLLS returned UNDP's 2026-H1 activity report on BPoA-1: Para\. 32\(b\)/);
  });

  it('dates that history before the load, in the order of the feed, within each cycle; the reports say the same dates', async () => {
    const [feed]: { latest: Date; earliest: Date; outOfOrder: number; beforeTheCycle: number }[] = await dataSource.query(
      `SELECT max(e.occurred_at) AS latest, min(e.occurred_at) AS earliest,
              count(*) FILTER (WHERE e.occurred_at < lag)::int AS "outOfOrder",
              count(*) FILTER (WHERE e.occurred_at::date < y.opens_on)::int AS "beforeTheCycle"
         FROM (SELECT *, lag(occurred_at) OVER (ORDER BY id) AS lag FROM change_events) e
         JOIN activity_reports r ON r.id = e.entity_id JOIN reporting_cycles y ON y.id = r.cycle_id`,
    );
    expect(feed.latest.getTime()).toBeLessThan(NOW.getTime());
    expect(feed.earliest.getTime()).toBeGreaterThan(Date.parse('2025-07-01T00:00:00Z'));
    expect(feed).toMatchObject({ outOfOrder: 0, beforeTheCycle: 0 });
    // Nothing at all is dated after the load, whatever the table.
    const [{ future }]: { future: number }[] = await dataSource.query(
      `SELECT (SELECT count(*) FROM change_events WHERE occurred_at > $1)
            + (SELECT count(*) FROM activity_reports WHERE greatest(created_at, updated_at, submitted_at, decided_at) > $1)
            + (SELECT count(*) FROM indicator_values WHERE updated_at > $1) AS future`,
      [NOW],
    );
    expect(Number(future)).toBe(0);
    // Each report's own dates are those of its last steps in the feed.
    const mismatched = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r
        WHERE r.created_at <> (SELECT min(occurred_at) FROM change_events e WHERE e.entity_id = r.id)
           OR r.submitted_at IS DISTINCT FROM (SELECT max(occurred_at) FROM change_events e WHERE e.entity_id = r.id AND e.action = 'submitted')
           OR r.decided_at IS DISTINCT FROM (SELECT max(occurred_at) FROM change_events e WHERE e.entity_id = r.id AND e.action IN ('returned', 'accepted'))`,
    );
    expect(mismatched).toEqual([]);
    // Every report submitted was submitted by its cycle's due date.
    const late = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r JOIN reporting_cycles y ON y.id = r.cycle_id
        WHERE r.submitted_at IS NOT NULL AND (r.submitted_at AT TIME ZONE 'UTC')::date > y.due_on`,
    );
    expect(late).toEqual([]);
  });

  it("closes a cycle with every report accepted, its text kept, one of them returned and answered first", async () => {
    const closed: { label: string; agency: string; reference: string; state: string; kept: boolean; returnReason: string | null; text: string }[] =
      await dataSource.query(
        `SELECT y.label, a.code AS agency, c.reference, r.state, r.accepted_text = d.text AS kept, r.return_reason AS "returnReason", d.text
           FROM activity_reports r JOIN reporting_cycles y ON y.id = r.cycle_id JOIN agencies a ON a.id = r.agency_id
           JOIN commitments c ON c.id = r.commitment_id JOIN documents d ON d.id = r.document_id
          WHERE y.closes_on < $1::date ORDER BY y.label, c.reference, a.code`,
        [TODAY],
      );
    expect(new Set(closed.map((report) => report.label))).toEqual(new Set(['2025-H2', '2026-H1']));
    expect(closed.filter((report) => report.state !== 'accepted' || !report.kept)).toEqual([]);
    const answered = closed.filter((report) => report.returnReason !== null);
    expect(answered.map((report) => `${report.label} ${report.agency} ${report.reference}`)).toEqual(['2026-H1 UNDP BPoA-1']);
    expect(answered[0].text).toContain('Revised after the lead agency returned the first version');
  });

  it('spreads indicator values over the closed cycles: an indicator has values in both', async () => {
    const values: { label: string; values: number; indicators: string[] }[] = await dataSource.query(
      `SELECT y.label, count(*)::int AS values, array_agg(DISTINCT i.name ORDER BY i.name) AS indicators
         FROM indicator_values v JOIN activity_reports r ON r.id = v.activity_report_id
         JOIN reporting_cycles y ON y.id = r.cycle_id JOIN indicators i ON i.id = v.indicator_id
        WHERE y.closes_on < $1::date GROUP BY y.label ORDER BY y.label`,
      [TODAY],
    );
    expect(values.map((cycle) => cycle.label)).toEqual(['2025-H2', '2026-H1']);
    for (const cycle of values) expect(cycle.values).toBeGreaterThanOrEqual(3);
    expect(values[1].indicators).toEqual(expect.arrayContaining(values[0].indicators));
  });

  it("shows FAO's focal point something due within 7-21 days, one report to review and one overdue, and the overdue one only", async () => {
    const fao = await dashboardOf(dataSource, 'FAO', TODAY);
    const dueSoon = fao.due.filter((item) => item.state !== 'overdue' && daysBetween(TODAY, item.cycle.dueOn) >= 7 && daysBetween(TODAY, item.cycle.dueOn) <= 21);
    expect(dueSoon).toEqual(
      expect.arrayContaining([
        { framework: 'BPoA', cycle: { label: '2026-H2', dueOn: '2026-12-22' }, reference: 'BPoA-5', agency: 'FAO', state: 'draft' },
        { framework: 'BPoA', cycle: { label: '2026-H2', dueOn: '2026-12-22' }, reference: 'BPoA-4', agency: 'FAO', state: 'missing' },
      ]),
    );
    // The lead agency's review: IFAD's report on BPoA-4, submitted the day before the load.
    expect(fao.toReview).toEqual([{ framework: 'BPoA', cycle: { label: '2026-H2', dueOn: '2026-12-22' }, reference: 'BPoA-4', agency: 'IFAD', state: 'submitted' }]);
    // One report is late in the whole demo, FAO's draft in the theme group's cycle that fell due six days ago.
    expect(fao.all.filter((item) => item.state === 'overdue')).toEqual([
      { framework: 'FSTG', cycle: { label: '2026-H2', dueOn: '2026-11-25' }, reference: 'FSTG-ETH-3', agency: 'FAO', state: 'overdue' },
    ]);
    expect(fao.due.filter((item) => item.state === 'overdue')).toHaveLength(1);
    const [overdue]: { state: string }[] = await dataSource.query(
      `SELECT r.state FROM activity_reports r JOIN agencies a ON a.id = r.agency_id JOIN commitments c ON c.id = r.commitment_id
        WHERE a.code = 'FAO' AND c.reference = 'FSTG-ETH-3'`,
    );
    expect(overdue).toEqual({ state: 'draft' });

    // The Brussels Programme's current cycle: drafts, exactly one submitted, and FAO's report on BPoA-4 not started.
    const bpoa = fao.all.filter((item) => item.framework === 'BPoA');
    expect(bpoa.filter((item) => item.state === 'submitted').map((item) => `${item.agency} ${item.reference}`)).toEqual(['IFAD BPoA-4']);
    expect(bpoa.filter((item) => item.state === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(bpoa.find((item) => item.agency === 'FAO' && item.reference === 'BPoA-4')?.state).toBe('missing');
  });

  it('says where it is illustrative: every framework of its cycles, every report of itself', async () => {
    const frameworks = await column<string>(dataSource, `SELECT code AS value FROM frameworks WHERE description NOT LIKE '%reporting cycles and the activity reports are illustrative%'`);
    expect(frameworks).toEqual([]);
    const reports = await column<string>(
      dataSource,
      `SELECT r.id AS value FROM activity_reports r JOIN documents d ON d.id = r.document_id WHERE d.text NOT LIKE '%(Illustrative:%'`,
    );
    expect(reports).toEqual([]);
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

    it("loaded today, gives FAO's dashboard over the API a report due soon, one to review and one overdue", async () => {
      const today = await createTestDatabase();
      const loader = await open(today.url);
      try {
        expect(await loadDemoData(loader, DEMO_PASSWORD)).toBe(true);
      } finally {
        await loader.destroy();
      }
      const { app, client } = await serve(testConfig(), today.url);
      try {
        const fao = client();
        expect((await fao.post('/api/auth/login', { email: 'focal@fao.example', password: DEMO_PASSWORD })).status).toBe(200);
        const date = isoDate(new Date());
        const frameworks = (await fao.get('/api/frameworks')).body.items as { id: string; code: string }[];
        const cells: { framework: string; label: string; dueOn: string; reference: string; agency: string; participation: string; state: string }[] = [];
        for (const framework of frameworks) {
          const grid = await fao.get(`/api/frameworks/${framework.id}/accountability`);
          expect(grid.status).toBe(200);
          for (const row of grid.body.rows) {
            for (const cell of row.cells) {
              cells.push({ framework: framework.code, label: grid.body.cycle.label, dueOn: grid.body.cycle.dueOn, reference: row.reference, ...cell });
            }
          }
        }
        const fromToday = (day: string) => daysBetween(date, day);
        expect(cells.some((cell) => cell.agency === 'FAO' && cell.state === 'draft' && fromToday(cell.dueOn) >= 7 && fromToday(cell.dueOn) <= 21)).toBe(true);
        expect(cells.filter((cell) => cell.state === 'overdue').map((cell) => `${cell.agency} ${cell.reference} due ${cell.dueOn}`)).toEqual([
          `FAO FSTG-ETH-3 due ${addDays(date, -6)}`,
        ]);
        const faoLeads = new Set(cells.filter((cell) => cell.agency === 'FAO' && cell.participation === 'lead').map((cell) => cell.reference));
        expect(cells.filter((cell) => faoLeads.has(cell.reference) && cell.state === 'submitted').map((cell) => `${cell.agency} ${cell.reference} ${cell.label}`)).toEqual([
          `IFAD BPoA-4 ${demoCalendar(new Date()).current.label}`,
        ]);
      } finally {
        await app.close();
        await today.drop();
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
