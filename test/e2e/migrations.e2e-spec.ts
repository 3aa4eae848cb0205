import { DataSource, QueryFailedError } from 'typeorm';
import type { ActivityReportState } from '../../src/reporting/activity-report-state';
import type { CommitmentStatus } from '../../src/frameworks/domain';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source';
import { migrate, revertLastMigration } from '../../src/database/migrate';
import { Factory } from '../support/factory';
import { createTestDatabase } from '../support/test-app';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const MIGRATION_NAMES = MIGRATIONS.map((migration) => migration.name);

const DOMAIN_TABLES = [
  'activity_reports',
  'agencies',
  'change_events',
  'commitment_agencies',
  'commitments',
  'documents',
  'frameworks',
  'indicator_values',
  'indicators',
  'reporting_cycles',
  'sessions',
  'users',
];

async function open(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, 4)).initialize();
}

async function tables(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.name);
}

/** Tables, columns, constraints, indexes, functions and triggers of the public schema, to compare two states. */
async function schema(dataSource: DataSource): Promise<unknown> {
  const [columns, constraints, indexes, functions, triggers, compression] = await Promise.all([
    dataSource.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    ),
    dataSource.query(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 2`,
    ),
    dataSource.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    ownFunctions(dataSource),
    dataSource.query(`SELECT event_object_table, trigger_name, event_manipulation FROM information_schema.triggers ORDER BY 1, 2, 3`),
    compressedColumns(dataSource),
  ]);
  return { columns, constraints, indexes, functions, triggers, compression };
}

/** Functions of the public schema that are ours, not an extension's (TypeORM installs uuid-ossp when it connects). */
async function ownFunctions(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/** The columns of the public schema whose large values are compressed otherwise than the server's default. */
async function compressedColumns(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT c.relname || '.' || a.attname || ' ' || a.attcompression::text AS name
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attcompression <> ''::"char"
      ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
  return rows.map((row) => row.name);
}

/** The Postgres error a write fails with (fails the test when the write succeeds). */
async function databaseError(write: Promise<unknown>): Promise<{ code: string; constraint?: string }> {
  let thrown: unknown;
  try {
    await write;
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(QueryFailedError);
  const driverError = (thrown as QueryFailedError & { driverError: { code: string; constraint?: string } }).driverError;
  return { code: driverError.code, constraint: driverError.constraint };
}

const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const FOREIGN_KEY_VIOLATION = '23503';

describe('migrations on an empty database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await open(database.url);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('go up, down (every table gone), and up again to the same schema', async () => {
    expect(await tables(dataSource)).toEqual([]);

    expect(await migrate(dataSource)).toEqual(MIGRATION_NAMES);
    expect(await tables(dataSource)).toEqual(expect.arrayContaining([...DOMAIN_TABLES, 'migrations']));
    expect(await appliedMigrations(dataSource)).toEqual(MIGRATION_NAMES);
    expect(await ownFunctions(dataSource)).toEqual(expect.arrayContaining(['change_events_append_only']));
    const firstSchema = await schema(dataSource);

    expect(await migrate(dataSource)).toEqual([]);

    for (let i = MIGRATION_NAMES.length - 1; i >= 0; i--) {
      await revertLastMigration(dataSource);
      expect(await appliedMigrations(dataSource)).toEqual(MIGRATION_NAMES.slice(0, i));
    }
    // Only TypeORM's own bookkeeping table is left, and it records nothing.
    expect(await tables(dataSource)).toEqual(['migrations']);
    expect(await ownFunctions(dataSource)).toEqual([]);

    expect(await migrate(dataSource)).toEqual(MIGRATION_NAMES);
    expect(await appliedMigrations(dataSource)).toEqual(MIGRATION_NAMES);
    expect(await schema(dataSource)).toEqual(firstSchema);
  });

  it('take the newest migration down and up again to the same schema', async () => {
    const before = await schema(dataSource);
    await revertLastMigration(dataSource);
    expect(await appliedMigrations(dataSource)).toEqual(MIGRATION_NAMES.slice(0, -1));
    expect(await migrate(dataSource)).toEqual(MIGRATION_NAMES.slice(-1));
    expect(await schema(dataSource)).toEqual(before);
  });

  it('compresses mails, live documents and accepted reports with lz4 where PostgreSQL has it, and keeps pglz where not', async () => {
    const [{ lz4 }]: { lz4: boolean }[] = await dataSource.query(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const large = [
      'activity_reports.accepted_html',
      'activity_reports.accepted_text',
      'consolidated_report_editions.html',
      'consolidated_report_editions.text',
      'documents.html',
      'documents.snapshot',
      'documents.text',
      'mail_outbox.html_body',
      'mail_outbox.text_body',
    ];
    expect(await compressedColumns(dataSource)).toEqual(lz4 ? large.map((column) => `${column} l`) : []);
    // A mail as a digest writes it: tens of kilobytes, stored compressed by that method.
    const body = Array.from({ length: 2_000 }, (_, i) => `<li><a href="https://concert.example/commitments/${i}">BPoA-${i % 7} changed</a></li>`).join('\n');
    await dataSource.query(
      `INSERT INTO mail_outbox (kind, dedupe_key, to_address, subject, text_body, html_body) VALUES ('digest', 'lz4-check', 'a@fao.example', 'Digest', $1, $1)`,
      [body],
    );
    const [stored]: { method: string; html: string }[] = await dataSource.query(
      `SELECT pg_column_compression(html_body) AS method, html_body AS html FROM mail_outbox WHERE dedupe_key = 'lz4-check'`,
    );
    expect(stored).toEqual({ method: lz4 ? 'lz4' : 'pglz', html: body });
  });
});

describe('several processes starting at once', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    for (let i = 0; i < 3; i++) dataSources.push(await open(database.url));
  });
  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await database?.drop();
  });

  it('apply a pending migration once', async () => {
    const results = await Promise.all(dataSources.map((dataSource) => migrate(dataSource)));

    const appliers = results.filter((applied) => applied.length > 0);
    expect(appliers).toEqual([MIGRATION_NAMES]);
    expect(results.filter((applied) => applied.length === 0)).toHaveLength(2);

    const rows: { name: string; count: number }[] = await dataSources[0].query(
      'SELECT name, count(*)::int AS count FROM migrations GROUP BY name ORDER BY name',
    );
    expect(rows).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name, count: 1 })));
    expect(await tables(dataSources[1])).toEqual(expect.arrayContaining([...DOMAIN_TABLES, 'migrations']));
  });
});

describe('constraints the domain relies on', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let factory: Factory;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await open(database.url);
    await migrate(dataSource);
    factory = new Factory(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps one activity report per commitment, agency and cycle', async () => {
    const framework = await factory.framework();
    const commitment = await factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await factory.cycle(framework, { label: '2007-H1' });
    const otherCycle = await factory.cycle(framework, { label: '2007-H2' });
    await factory.activityReport({ commitment, cycle, agency: 'WFP' });

    const error = await databaseError(factory.activityReport({ commitment, cycle, agency: 'WFP', state: 'submitted' }));
    expect(error).toEqual({ code: UNIQUE_VIOLATION, constraint: 'activity_reports_one_per_cycle' });

    // The same agency in another cycle, and another agency in the same cycle, are separate reports.
    await expect(factory.activityReport({ commitment, cycle: otherCycle, agency: 'WFP' })).resolves.toMatchObject({ cycleId: otherCycle.id });
    await expect(factory.activityReport({ commitment, cycle, agency: 'FAO' })).resolves.toMatchObject({ cycleId: cycle.id });
    const [{ count }]: { count: number }[] = await dataSource.query(
      'SELECT count(*)::int AS count FROM activity_reports WHERE commitment_id = $1',
      [commitment.id],
    );
    expect(count).toBe(3);
  });

  it('refuses an activity report in a state the workflow does not know', async () => {
    const framework = await factory.framework();
    const commitment = await factory.commitment({ framework, lead: ['FAO'] });
    const cycle = await factory.cycle(framework);
    const error = await databaseError(
      factory.activityReport({ commitment, cycle, agency: 'FAO', state: 'archived' as ActivityReportState }),
    );
    expect(error).toEqual({ code: CHECK_VIOLATION, constraint: 'activity_reports_state_check' });

    const report = await factory.activityReport({ commitment, cycle, agency: 'FAO' });
    const update = await databaseError(dataSource.query(`UPDATE activity_reports SET state = 'approved' WHERE id = $1`, [report.id]));
    expect(update).toEqual({ code: CHECK_VIOLATION, constraint: 'activity_reports_state_check' });
  });

  it('refuses a returned report without a reason', async () => {
    const framework = await factory.framework();
    const commitment = await factory.commitment({ framework, lead: ['FAO'] });
    const report = await factory.activityReport({ commitment, cycle: await factory.cycle(framework), agency: 'FAO', state: 'submitted' });
    const error = await databaseError(
      dataSource.query(`UPDATE activity_reports SET state = 'returned', return_reason = NULL WHERE id = $1`, [report.id]),
    );
    expect(error).toEqual({ code: CHECK_VIOLATION, constraint: 'activity_reports_returned_has_reason' });
  });

  it('refuses a commitment status outside not_started, on_track, at_risk, off_track, achieved', async () => {
    const error = await databaseError(factory.commitment({ lead: ['FAO'], status: 'done' as CommitmentStatus }));
    expect(error).toEqual({ code: CHECK_VIOLATION, constraint: 'commitments_status_check' });

    const commitment = await factory.commitment({ lead: ['FAO'], status: 'achieved' });
    const update = await databaseError(dataSource.query(`UPDATE commitments SET status = 'late' WHERE id = $1`, [commitment.id]));
    expect(update).toEqual({ code: CHECK_VIOLATION, constraint: 'commitments_status_check' });
  });

  it('refuses a reporting cycle due before it opens, or closing before it is due', async () => {
    const framework = await factory.framework();
    const dueBeforeOpen = await databaseError(factory.cycle(framework, { opensOn: '2007-06-01', dueOn: '2007-05-31', closesOn: '2007-07-31' }));
    expect(dueBeforeOpen).toEqual({ code: CHECK_VIOLATION, constraint: 'reporting_cycles_dates_ordered' });
    const closesBeforeDue = await databaseError(factory.cycle(framework, { opensOn: '2007-01-01', dueOn: '2007-06-30', closesOn: '2007-06-29' }));
    expect(closesBeforeDue).toEqual({ code: CHECK_VIOLATION, constraint: 'reporting_cycles_dates_ordered' });
    // Equal dates are a valid (one-day) cycle.
    await expect(factory.cycle(framework, { opensOn: '2007-06-30', dueOn: '2007-06-30', closesOn: '2007-06-30' })).resolves.toMatchObject({
      dueOn: '2007-06-30',
    });
  });

  it('refuses an activity report of an agency or cycle that does not exist', async () => {
    const framework = await factory.framework();
    const commitment = await factory.commitment({ framework, lead: ['FAO'] });
    const report = await factory.activityReport({ commitment, cycle: await factory.cycle(framework), agency: 'FAO' });
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await databaseError(dataSource.query(`UPDATE activity_reports SET agency_id = $2 WHERE id = $1`, [report.id, missing]))).toEqual({
      code: FOREIGN_KEY_VIOLATION,
      constraint: 'activity_reports_agency_id_fkey',
    });
    expect(await databaseError(dataSource.query(`UPDATE activity_reports SET cycle_id = $2 WHERE id = $1`, [report.id, missing]))).toEqual({
      code: FOREIGN_KEY_VIOLATION,
      constraint: 'activity_reports_cycle_id_fkey',
    });
  });

  it('keeps the change feed append-only', async () => {
    const agency = await factory.agency('FAO');
    const [{ id }]: { id: string }[] = await dataSource.query(
      `INSERT INTO change_events (entity_type, entity_id, action, summary) VALUES ('agency', $1, 'created', 'FAO created') RETURNING id`,
      [agency.id],
    );
    await expect(dataSource.query(`UPDATE change_events SET summary = 'rewritten' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM change_events WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    const [row]: { summary: string }[] = await dataSource.query('SELECT summary FROM change_events WHERE id = $1', [id]);
    expect(row.summary).toBe('FAO created');
  });
});
