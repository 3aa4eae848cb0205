/**
 * `npm run bench:api`: the API benchmark of issue #2 (item 14). Not a timed test: it prints figures and the aims.
 *
 * 1. A database: a fresh one on the server of DATABASE_URL when set (dropped at the end), else an embedded
 *    PostgreSQL in a temporary folder (removed at the end).
 * 2. 2,000 commitments over 4 frameworks and 40 agencies, 5,000 activity reports over 3 cycles per framework, one
 *    focal point per agency; loaded with set-based SQL.
 * 3. The real server (dist/src/main.js) in a child process, so that the load generator does not share its event loop.
 * 4. autocannon on loopback: the floor (GET /api/health: one trivial query, no session), a list page of 50
 *    commitments of one framework, and one commitment by id; each scenario repeated and interleaved.
 *
 * Settings (environment): BENCH_DURATION seconds per run (10), BENCH_REPEATS (3), BENCH_CONNECTIONS (50),
 * BENCH_WARMUP seconds per scenario (3), BENCH_QUERY_STATS=0 to skip pg_stat_statements, BENCH_STRICT=1 to exit 2
 * when an aim is not met, BENCH_KEEP_DATABASE=1 to keep the database made on the DATABASE_URL server (to inspect it).
 * Run from the repository root after `nest build`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { hashPassword } from '../src/accounts/passwords';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { createDatabaseIfMissing } from '../src/database/open-database';
import { prepareDatabase } from '../src/database/prepare';
import { BenchError, cleanUp, freePort, intSetting, logIn, message, onCleanup, postmasterPid, table, Tail } from './support';

// ---------------------------------------------------------------------------------------------------------------
// Settings


const COMMITMENTS = 2_000;
const ACTIVITY_REPORTS = 5_000;
const FRAMEWORKS = 4;
const PAGE_SIZE = 50;
const DETAIL_IDS = 200;
/** The aims of issue #2: the list page at ≥ 0.6× the floor's requests/s, with p99 under 50 ms. */
const AIM_RATIO = 0.6;
const AIM_P99_MS = 50;

/** 40 agencies of the UN system (their codes; kinds as the schema knows them). */
const AGENCIES: [string, string][] = [
  ['FAO', 'specialized_agency'], ['ILO', 'specialized_agency'], ['UNESCO', 'specialized_agency'], ['WHO', 'specialized_agency'],
  ['IFAD', 'specialized_agency'], ['UNIDO', 'specialized_agency'], ['ICAO', 'specialized_agency'], ['IMO', 'specialized_agency'],
  ['ITU', 'specialized_agency'], ['UPU', 'specialized_agency'], ['WMO', 'specialized_agency'], ['WIPO', 'specialized_agency'],
  ['UNWTO', 'specialized_agency'], ['WBG', 'specialized_agency'], ['IMF', 'specialized_agency'], ['UNICEF', 'fund'],
  ['UNFPA', 'fund'], ['UNCDF', 'fund'], ['UNDP', 'programme'], ['WFP', 'programme'],
  ['UNEP', 'programme'], ['UN-HABITAT', 'programme'], ['UNHCR', 'programme'], ['UNRWA', 'programme'],
  ['UNODC', 'programme'], ['UN-WOMEN', 'programme'], ['UNAIDS', 'programme'], ['UNOPS', 'programme'],
  ['UNCTAD', 'programme'], ['ITC', 'programme'], ['DESA', 'department'], ['OCHA', 'office'],
  ['OHCHR', 'office'], ['DPPA', 'department'], ['UNITAR', 'related_organization'], ['UNU', 'related_organization'],
  ['IAEA', 'related_organization'], ['WTO', 'related_organization'], ['IOM', 'related_organization'], ['CEB', 'office'],
];

interface Settings {
  duration: number;
  repeats: number;
  connections: number;
  warmup: number;
  queryStats: boolean;
  strict: boolean;
}

function readSettings(): Settings {
  const duration = intSetting('BENCH_DURATION', 10, 1, 300);
  return {
    duration,
    repeats: intSetting('BENCH_REPEATS', 3, 1, 20),
    connections: intSetting('BENCH_CONNECTIONS', 50, 1, 1_000),
    warmup: intSetting('BENCH_WARMUP', Math.min(3, duration), 0, 60),
    queryStats: process.env.BENCH_QUERY_STATS !== '0',
    strict: process.env.BENCH_STRICT === '1',
  };
}

const say = (message = '') => process.stdout.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: everything started is registered here and undone once, whatever happens, each step bounded in time.

/**
 * Interruption is cooperative: a signal stops the load in progress and `checkpoint()` ends the run at the next step,
 * so that nothing is started after the cleanup has begun. A second signal, or 30 s without an end, cleans up at once.
 */
let interrupted = false;
let stopLoad: (() => void) | undefined;

function checkpoint(): void {
  if (interrupted) throw new BenchError('interrupted');
}



// ---------------------------------------------------------------------------------------------------------------
// Database

interface BenchDatabase {
  url: string;
  describe: string;
  /** Whether pg_stat_statements can be preloaded (only for our own embedded server). */
  embedded: boolean;
}

/** A connected client whose connection errors (the server stopping under it) reject its queries, never crash us. */
async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function openDatabase(settings: Settings, postgresLog: Tail): Promise<BenchDatabase> {
  const name = `concert_bench_${process.pid}_${Date.now()}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    // A fresh database beside the one named, so the benchmark never writes into a database that holds real data.
    await createDatabaseIfMissing(given, name);
    const keep = process.env.BENCH_KEEP_DATABASE === '1';
    onCleanup(`drop database ${name}`, async () => {
      if (keep) {
        say(`  kept database ${name} (BENCH_KEEP_DATABASE=1)`);
        return;
      }
      const client = await connect(given);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    const url = withDatabaseName(given, name);
    return { url, describe: `database ${name} on the server of DATABASE_URL (dropped at the end)`, embedded: false };
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), 'concert-bench-'));
  // mkdtemp makes it 0700; run as root, the server runs as `postgres` and must be able to enter it.
  await chmod(folder, 0o755);
  onCleanup(`remove ${folder}`, () => rm(folder, { recursive: true, force: true }));
  const directory = path.join(folder, 'postgres');
  const log = (line: string) => postgresLog.push(line);
  let embedded: EmbeddedDatabase = await startEmbeddedPostgres(directory, log);
  let stop = () => embedded.stop();
  onCleanup('stop embedded PostgreSQL', () => stop());
  checkpoint();
  if (settings.queryStats) {
    // pg_stat_statements must be preloaded: set it, then start the cluster again (startEmbeddedPostgres reuses it).
    const client = await connect(embedded.url);
    try {
      await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    } finally {
      await client.end();
    }
    await embedded.stop();
    stop = async () => undefined;
    embedded = await startEmbeddedPostgres(directory, log);
    stop = () => embedded.stop();
    checkpoint();
  }
  await createDatabaseIfMissing(embedded.url, name);
  return { url: embedded.urlFor(name), describe: `embedded PostgreSQL in ${folder} (removed at the end)`, embedded: true };
}

interface LoadedData {
  email: string;
  password: string;
  frameworkId: string;
  frameworkCode: string;
  commitmentIds: string[];
  counts: Record<string, number>;
}

/** The data set, in one transaction of set-based statements. */
async function loadData(url: string): Promise<LoadedData> {
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const client = await connect(url);
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO agencies (code, name, kind)
       SELECT code, code || ' (benchmark agency)', kind FROM unnest($1::text[], $2::text[]) AS t(code, kind)`,
      [AGENCIES.map(([code]) => code), AGENCIES.map(([, kind]) => kind)],
    );
    // One focal point per agency: they author their agency's reports; the first one is the benchmark's login.
    await client.query(
      `INSERT INTO users (email, display_name, agency_id, role, password_hash)
       SELECT 'focal@' || lower(code) || '.bench.example', code || ' focal point', id, 'focal_point', $1 FROM agencies`,
      [passwordHash],
    );
    await client.query(
      `INSERT INTO frameworks (code, kind, title, description)
       SELECT 'BENCH-' || chr(64 + i), (ARRAY['programme','theme_group','strategy','decisions'])[1 + (i - 1) % 4],
              'Benchmark framework ' || chr(64 + i), 'Commitments made for the API benchmark.'
         FROM generate_series(1, $1::int) AS i`,
      [FRAMEWORKS],
    );

    // Commitments with their report documents: ids are drawn first, so each commitment knows its document.
    await client.query(
      `CREATE TEMP TABLE bench_c ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS document_id FROM generate_series(1, $1::int) AS n`,
      [COMMITMENTS],
    );
    await client.query(`INSERT INTO documents (id, kind) SELECT document_id, 'commitment_report' FROM bench_c`);
    await client.query(
      `WITH f AS (SELECT id, code, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM frameworks)
       INSERT INTO commitments (id, framework_id, reference, title, description, status, due_date, report_document_id)
       SELECT c.id, f.id, 'B' || chr(65 + f.k) || '-' || c.n,
              'Commitment ' || c.n || ': strengthen joint delivery of services in the programme countries',
              repeat('The agencies will plan, fund and report on this outcome together. ', 4),
              (ARRAY['not_started','on_track','at_risk','off_track','achieved'])[1 + c.n % 5],
              DATE '2026-01-01' + (c.n % 730), c.document_id
         FROM bench_c c JOIN f ON f.k = c.n % $1::int`,
      [FRAMEWORKS],
    );
    // 1–2 lead and 0–3 contributing agencies each; the offsets are distinct modulo 40, so no agency appears twice.
    await client.query(
      `WITH a AS (SELECT id, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM agencies)
       INSERT INTO commitment_agencies (commitment_id, agency_id, participation)
       SELECT c.id, a.id, o.participation
         FROM bench_c c
        CROSS JOIN LATERAL (VALUES (0, 'lead', true), (13, 'lead', c.n % 3 = 0), (5, 'contributing', c.n % 4 >= 1),
                                   (21, 'contributing', c.n % 4 >= 2), (29, 'contributing', c.n % 4 >= 3))
              AS o(offset_, participation, keep)
         JOIN a ON a.k = (c.n * 7 + o.offset_) % $1::int
        WHERE o.keep`,
      [AGENCIES.length],
    );
    await client.query(
      `INSERT INTO indicators (commitment_id, name, unit, baseline, target, target_date)
       SELECT c.id, 'Indicator ' || i, 'entities', 0, 10 * i, DATE '2027-12-31'
         FROM bench_c c CROSS JOIN generate_series(1, 2) AS i WHERE i <= c.n % 3`,
    );
    await client.query(
      `INSERT INTO reporting_cycles (framework_id, label, opens_on, due_on, closes_on)
       SELECT f.id, l.label, l.opens_on, l.due_on, l.closes_on
         FROM frameworks f
        CROSS JOIN (VALUES ('2025-H2', DATE '2025-07-01', DATE '2025-12-31', DATE '2026-01-31'),
                           ('2026-H1', DATE '2026-01-01', DATE '2026-06-30', DATE '2026-07-31'),
                           ('2026-H2', DATE '2026-07-01', DATE '2026-12-31', DATE '2027-01-31'))
              AS l(label, opens_on, due_on, closes_on)`,
    );

    // Reports: a deterministic pick among (participating agency × cycle); one per commitment, agency and cycle.
    await client.query(
      `CREATE TEMP TABLE bench_r ON COMMIT DROP AS
       SELECT gen_random_uuid() AS id, gen_random_uuid() AS document_id, x.*,
              (ARRAY['draft','submitted','accepted','returned','accepted'])[1 + (row_number() OVER (ORDER BY x.pick))::int % 5] AS state
         FROM (SELECT ca.commitment_id, ca.agency_id, cy.id AS cycle_id,
                      md5(c.reference || '/' || ca.agency_id || '/' || cy.label) AS pick
                 FROM commitment_agencies ca
                 JOIN commitments c ON c.id = ca.commitment_id
                 JOIN reporting_cycles cy ON cy.framework_id = c.framework_id
                ORDER BY pick
                LIMIT $1::int) AS x`,
      [ACTIVITY_REPORTS],
    );
    await client.query(`INSERT INTO documents (id, kind) SELECT document_id, 'activity_narrative' FROM bench_r`);
    await client.query(
      `INSERT INTO activity_reports (id, commitment_id, agency_id, cycle_id, state, summary, document_id, return_reason,
                                     submitted_at, submitted_by, decided_at, decided_by, created_by)
       SELECT r.id, r.commitment_id, r.agency_id, r.cycle_id, r.state,
              'Progress made this cycle: two joint missions, one workshop, the indicator values attached.',
              r.document_id,
              CASE WHEN r.state = 'returned' THEN 'Please add the indicator values.' END,
              CASE WHEN r.state <> 'draft' THEN now() - interval '10 days' END,
              CASE WHEN r.state <> 'draft' THEN u.id END,
              CASE WHEN r.state IN ('accepted', 'returned') THEN now() - interval '5 days' END,
              CASE WHEN r.state IN ('accepted', 'returned') THEN
                (SELECT lu.id FROM commitment_agencies l JOIN users lu ON lu.agency_id = l.agency_id
                  WHERE l.commitment_id = r.commitment_id AND l.participation = 'lead' ORDER BY lu.email LIMIT 1) END,
              u.id
         FROM bench_r r JOIN users u ON u.agency_id = r.agency_id`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');

    const counts: Record<string, number> = {};
    for (const table of ['agencies', 'users', 'frameworks', 'commitments', 'commitment_agencies', 'indicators', 'reporting_cycles', 'activity_reports', 'documents']) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = Number(rows[0]?.n ?? 0);
    }
    if (counts.commitments !== COMMITMENTS || counts.activity_reports !== ACTIVITY_REPORTS) {
      throw new BenchError(`the data set is wrong: ${JSON.stringify(counts)}`);
    }
    const states = await client.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM activity_reports GROUP BY state ORDER BY state',
    );
    for (const row of states.rows) counts[`reports ${row.state}`] = Number(row.n);

    const framework = await client.query<{ id: string; code: string }>(`SELECT id, code FROM frameworks ORDER BY code LIMIT 1`);
    const ids = await client.query<{ id: string }>(`SELECT id FROM commitments ORDER BY md5(id::text) LIMIT $1`, [DETAIL_IDS]);
    const user = await client.query<{ email: string }>(`SELECT email FROM users ORDER BY email LIMIT 1`);
    return {
      email: user.rows[0].email,
      password,
      frameworkId: framework.rows[0].id,
      frameworkCode: framework.rows[0].code,
      commitmentIds: ids.rows.map((row) => row.id),
      counts,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Query statistics: pg_stat_statements, reset before each measured run and read after it.

interface StatementStats {
  query: string;
  calls: number;
  totalMs: number;
}

class QueryStats {
  private constructor(
    private readonly client: Client,
    private readonly databaseOid: number,
  ) {}

  /** null, with the reason said, when pg_stat_statements cannot be used on this server. */
  static async open(url: string): Promise<QueryStats | null> {
    const client = await connect(url);
    try {
      const { rows } = await client.query<{ preload: string }>(`SELECT current_setting('shared_preload_libraries') AS preload`);
      if (!rows[0]?.preload.split(',').map((s) => s.trim()).includes('pg_stat_statements')) {
        throw new BenchError('pg_stat_statements is not in shared_preload_libraries on this server');
      }
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      const oid = await client.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()');
      return new QueryStats(client, oid.rows[0].oid);
    } catch (error) {
      await client.end();
      say(`  (no queries per request: ${message(error)})`);
      return null;
    }
  }

  /** Only this database's statistics: the server may be shared. */
  async reset(): Promise<void> {
    await this.client.query('SELECT pg_stat_statements_reset(0, $1::oid, 0)', [this.databaseOid]);
  }

  async read(): Promise<StatementStats[]> {
    const { rows } = await this.client.query<{ query: string; calls: string; total: number }>(
      `SELECT query, calls, total_exec_time AS total FROM pg_stat_statements
        WHERE dbid = $1::oid AND query NOT ILIKE '%pg_stat_statements%'`,
      [this.databaseOid],
    );
    return rows.map((row) => ({ query: row.query, calls: Number(row.calls), totalMs: row.total }));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CPU time of the server and of PostgreSQL, from /proc (Linux only): where the time of a request goes.

const CLOCK_TICKS_PER_SECOND = 100;

function procStat(pid: number): { ppid: number; cpuSeconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state ppid … utime stime (fields 3, 4, 14 and 15 of proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds of a process and its direct children (PostgreSQL's postmaster and its backends). */
function cpuOfTree(rootPid: number): number | null {
  const root = procStat(rootPid);
  if (!root) return null;
  let total = root.cpuSeconds;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === rootPid) total += stat.cpuSeconds;
  }
  return total;
}

/** The postmaster's pid when the database server runs on this machine and its data folder is readable. */
interface CpuMeter {
  server: number;
  postgres: number | null;
  self: NodeJS.CpuUsage;
}

function readCpu(serverPid: number, postgresPid: number | null): CpuMeter {
  return {
    server: procStat(serverPid)?.cpuSeconds ?? NaN,
    postgres: postgresPid === null ? null : cpuOfTree(postgresPid),
    self: process.cpuUsage(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server, in its own process

interface Server {
  baseUrl: string;
  child: ChildProcess;
  output: Tail;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const entry = path.join(process.cwd(), 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new BenchError(`${entry} is missing: run from the repository root, after \`npx nest build\`.`);
  const port = await freePort();
  const output = new Tail();
  checkpoint();
  const child = spawn(process.execPath, [entry], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(36).toString('base64url'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onCleanup('stop the server', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(8_000).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new BenchError(`the server stopped (code ${child.exitCode}) before it served:\n${output.toString()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { baseUrl, child, output };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new BenchError(`GET /api/health did not answer 200 within 60 s:\n${output.toString()}`);
    checkpoint();
    await sleep(200);
  }
}

/** One request of each kind before the load, so that a wrong answer stops the benchmark before it measures it. */
async function checkAnswers(baseUrl: string, cookie: string, data: LoadedData): Promise<void> {
  const get = async (route: string, withCookie: boolean) => {
    const response = await fetch(`${baseUrl}${route}`, { headers: withCookie ? { cookie } : {} });
    const body: unknown = await response.json();
    if (response.status !== 200) throw new BenchError(`GET ${route} answered ${response.status}: ${JSON.stringify(body)}`);
    return body as Record<string, unknown>;
  };
  await get('/api/auth/me', true);
  const page = await get(`/api/commitments?frameworkId=${data.frameworkId}&limit=${PAGE_SIZE}`, true);
  const items = page.items as unknown[];
  const expectedTotal = COMMITMENTS / FRAMEWORKS;
  if (items.length !== PAGE_SIZE || page.total !== expectedTotal) {
    throw new BenchError(`the list page has ${items.length} items of ${String(page.total)}; expected ${PAGE_SIZE} of ${expectedTotal}`);
  }
  const detail = await get(`/api/commitments/${data.commitmentIds[0]}`, true);
  if (detail.id !== data.commitmentIds[0] || !Array.isArray(detail.indicators)) {
    throw new BenchError(`GET /api/commitments/:id answered an unexpected body: ${JSON.stringify(detail).slice(0, 300)}`);
  }
  const anonymous = await fetch(`${baseUrl}/api/commitments?frameworkId=${data.frameworkId}`);
  if (anonymous.status !== 401) throw new BenchError(`without a session the list answered ${anonymous.status}, not 401`);
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface Scenario {
  key: 'floor' | 'list' | 'detail';
  label: string;
  options: Omit<autocannon.Options, 'duration' | 'connections'>;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: string;
  statements: StatementStats[];
  /** CPU milliseconds per request: the server process, PostgreSQL (all its processes), this load generator. */
  serverCpuMs: number;
  postgresCpuMs: number | null;
  loadCpuMs: number;
}

function scenarios(baseUrl: string, cookie: string, data: LoadedData): Scenario[] {
  let next = 0;
  return [
    { key: 'floor', label: 'GET /api/health (floor)', options: { url: `${baseUrl}/api/health` } },
    {
      key: 'list',
      label: `GET /api/commitments?frameworkId&limit=${PAGE_SIZE}`,
      options: { url: `${baseUrl}/api/commitments?frameworkId=${data.frameworkId}&limit=${PAGE_SIZE}`, headers: { cookie } },
    },
    {
      key: 'detail',
      label: 'GET /api/commitments/:id',
      options: {
        url: baseUrl,
        headers: { cookie },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: `/api/commitments/${data.commitmentIds[next++ % data.commitmentIds.length]}` }),
          },
        ],
      },
    },
  ];
}

async function fire(scenario: Scenario, settings: Settings, duration: number): Promise<autocannon.Result> {
  checkpoint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...scenario.options, connections: settings.connections, duration, timeout: 10 }, (error, done) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done),
    );
    stopLoad = () => instance.stop();
  });
  stopLoad = undefined;
  checkpoint();
  return result;
}

interface Processes {
  server: number;
  postgres: number | null;
}

async function measure(scenario: Scenario, settings: Settings, stats: QueryStats | null, pids: Processes): Promise<Run> {
  await stats?.reset();
  const before = readCpu(pids.server, pids.postgres);
  const result = await fire(scenario, settings, settings.duration);
  const after = readCpu(pids.server, pids.postgres);
  const statements = (await stats?.read()) ?? [];
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total);
  const self = process.cpuUsage(before.self);
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count ?? 0}`)
    .join(' ');
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    statements,
    serverCpuMs: perRequest(after.server - before.server),
    postgresCpuMs: after.postgres === null || before.postgres === null ? null : perRequest(after.postgres - before.postgres),
    loadCpuMs: perRequest((self.user + self.system) / 1e6),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Summary {
  scenario: Scenario;
  runs: Run[];
  rps: number;
  p50: number;
  p99: number;
}

function summarise(scenario: Scenario, runs: Run[]): Summary {
  return {
    scenario,
    runs,
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
  };
}

interface QueryCost {
  perRequest: number;
  /** Execution time in the database per request (pg_stat_statements' total_exec_time). */
  dbMsPerRequest: number;
  top: { query: string; perRequest: number; meanMs: number }[];
}

function queriesPerRequest(runs: Run[]): QueryCost | null {
  if (runs.every((run) => run.statements.length === 0)) return null;
  const requests = runs.reduce((sum, run) => sum + run.total, 0);
  const byQuery = new Map<string, { calls: number; totalMs: number }>();
  for (const statement of runs.flatMap((run) => run.statements)) {
    const key = statement.query.replace(/\s+/g, ' ').trim();
    const entry = byQuery.get(key) ?? { calls: 0, totalMs: 0 };
    entry.calls += statement.calls;
    entry.totalMs += statement.totalMs;
    byQuery.set(key, entry);
  }
  const all = [...byQuery.entries()].map(([query, entry]) => ({
    query,
    perRequest: entry.calls / Math.max(1, requests),
    meanMs: entry.totalMs / Math.max(1, entry.calls),
  }));
  return {
    perRequest: all.reduce((sum, entry) => sum + entry.perRequest, 0),
    dbMsPerRequest: all.reduce((sum, entry) => sum + entry.perRequest * entry.meanMs, 0),
    top: all.filter((entry) => entry.perRequest >= 0.001).sort((a, b) => b.perRequest - a.perRequest),
  };
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const settings = readSettings();
  const scenarioCount = 3;
  const budgetSeconds = 240 + scenarioCount * (settings.warmup + 2 + settings.repeats * (settings.duration + 4));
  const watchdog = setTimeout(() => {
    process.stderr.write(`\nbench: FAILED — still running after ${budgetSeconds} s; stopping.\n`);
    void cleanUp().finally(() => process.exit(3));
  }, budgetSeconds * 1000);

  const started = Date.now();
  const postgresLog = new Tail();
  say('Concert API benchmark (issue #2, item 14)');
  say(`  ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  say(`  autocannon: ${settings.connections} connections on loopback, ${settings.duration} s per run, ${settings.repeats} runs per scenario (interleaved), ${settings.warmup} s warm-up each`);
  const loadBefore = os.loadavg()[0];
  say(`  load average before: ${fmt(loadBefore, 2)}`);
  if (loadBefore > os.cpus().length / 2) {
    say(`  WARNING: the machine is busy (load ${fmt(loadBefore, 2)} on ${os.cpus().length} CPUs): the figures will be low and noisy.`);
  }

  const database = await openDatabase(settings, postgresLog).catch((error: unknown) => {
    throw new BenchError(`the database did not start: ${message(error)}\n${postgresLog.toString()}`);
  });
  say(`  database: ${database.describe}`);
  checkpoint();
  const prepared = await prepareDatabase(database.url, null);
  checkpoint();
  say(`  migrated: ${prepared.migrations.join(', ') || 'nothing pending'}`);

  let phase = Date.now();
  const data = await loadData(database.url);
  checkpoint();
  say(
    `  loaded in ${fmt((Date.now() - phase) / 1000, 1)} s: ` +
      Object.entries(data.counts)
        .map(([table, count]) => `${fmt(count)} ${table}`)
        .join(', '),
  );
  const version = await (async () => {
    const client = await connect(database.url);
    try {
      return (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? '?';
    } finally {
      await client.end();
    }
  })();
  say(`  PostgreSQL ${version}`);

  const stats = settings.queryStats ? await QueryStats.open(database.url) : null;
  if (stats) onCleanup('close the statistics connection', () => stats.close());

  phase = Date.now();
  const server = await startServer(database.url);
  say(`  server: node dist/src/main.js (pid ${server.child.pid}) at ${server.baseUrl}, ready in ${fmt((Date.now() - phase) / 1000, 1)} s`);
  const pids: Processes = { server: server.child.pid!, postgres: await postmasterPid(database.url) };
  const cookie = await logIn(server.baseUrl, data.email, data.password);
  await checkAnswers(server.baseUrl, cookie, data);
  say(`  logged in as ${data.email}; list page of ${data.frameworkCode} (${COMMITMENTS / FRAMEWORKS} commitments); detail cycles through ${data.commitmentIds.length} ids`);
  say();

  const all = scenarios(server.baseUrl, cookie, data);
  if (settings.warmup > 0) {
    for (const scenario of all) {
      const result = await fire(scenario, settings, settings.warmup);
      say(`  warm-up ${scenario.label}: ${fmt(result.requests.average)} req/s${result.non2xx ? `, ${result.non2xx} non-2xx` : ''}`);
    }
  }

  const runs = new Map<Scenario, Run[]>(all.map((scenario) => [scenario, []]));
  for (let repeat = 0; repeat < settings.repeats; repeat++) {
    // Rotate the order, so that no scenario always runs first (or always right after the heaviest one).
    const order = all.map((_, i) => all[(i + repeat) % all.length]);
    for (const scenario of order) {
      await sleep(500);
      const run = await measure(scenario, settings, stats, pids);
      runs.get(scenario)!.push(run);
      say(
        `  run ${repeat + 1}/${settings.repeats} ${scenario.label}: ${fmt(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms` +
          (run.non2xx || run.errors ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : ''),
      );
      if (server.child.exitCode !== null) throw new BenchError(`the server stopped during the load:\n${server.output.toString()}`);
    }
  }

  const summaries = all.map((scenario) => summarise(scenario, runs.get(scenario)!));
  const floor = summaries.find((summary) => summary.scenario.key === 'floor')!;
  const list = summaries.find((summary) => summary.scenario.key === 'list')!;
  say();
  say(`Results (median of ${settings.repeats} runs; spread = min–max of the runs)`);
  say();
  say(
    table(
      ['scenario', 'req/s', 'spread', '× floor', 'p50 ms', 'p99 ms', 'p99 max', 'requests', 'non-2xx', 'errors'],
      summaries.map((summary) => {
        const rps = summary.runs.map((run) => run.rps);
        return [
          summary.scenario.label,
          fmt(summary.rps),
          `${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))}`,
          `${fmt(summary.rps / floor.rps, 2)}×`,
          fmt(summary.p50),
          fmt(summary.p99),
          fmt(Math.max(...summary.runs.map((run) => run.p99))),
          fmt(summary.runs.reduce((sum, run) => sum + run.total, 0)),
          fmt(summary.runs.reduce((sum, run) => sum + run.non2xx, 0)),
          fmt(summary.runs.reduce((sum, run) => sum + run.errors, 0)),
        ];
      }),
      [false, true, true, true, true, true, true, true, true, true],
    ),
  );

  say();
  say('Cost per request (medians of the runs; CPU from /proc, database time from pg_stat_statements)');
  say();
  const optional = (value: number | null, digits: number) => (value === null || Number.isNaN(value) ? 'n/a' : fmt(value, digits));
  say(
    table(
      ['scenario', 'queries', 'db exec ms', 'server CPU ms', 'postgres CPU ms', 'autocannon CPU ms'],
      summaries.map((summary) => {
        const q = queriesPerRequest(summary.runs);
        const postgres = summary.runs.map((run) => run.postgresCpuMs);
        return [
          summary.scenario.label,
          optional(q?.perRequest ?? null, 2),
          optional(q?.dbMsPerRequest ?? null, 3),
          optional(median(summary.runs.map((run) => run.serverCpuMs)), 3),
          optional(postgres.includes(null) ? null : median(postgres as number[]), 3),
          optional(median(summary.runs.map((run) => run.loadCpuMs)), 3),
        ];
      }),
      [false, true, true, true, true, true],
    ),
  );

  if (stats) {
    say();
    say('Statements per request (pg_stat_statements over the measured runs; mean execution time in the database)');
    for (const summary of summaries) {
      const q = queriesPerRequest(summary.runs);
      if (!q) continue;
      say(`  ${summary.scenario.label}`);
      for (const entry of q.top) {
        const text = entry.query.length > 110 ? `${entry.query.slice(0, 107)}...` : entry.query;
        say(`    ${fmt(entry.perRequest, 3).padStart(6)} × ${fmt(entry.meanMs, 3).padStart(7)} ms  ${text}`);
      }
    }
  }

  const ratio = list.rps / floor.rps;
  const ratioMet = ratio >= AIM_RATIO;
  const p99Met = list.p99 < AIM_P99_MS;
  say();
  say('Aims of issue #2 for the list page (medians):');
  say(`  req/s ≥ ${AIM_RATIO}× the floor: ${fmt(list.rps)} / ${fmt(floor.rps)} = ${fmt(ratio, 2)}× — ${ratioMet ? 'met' : 'NOT MET'}`);
  say(`  p99 < ${AIM_P99_MS} ms: ${fmt(list.p99)} ms — ${p99Met ? 'met' : 'NOT MET'}`);

  const bad = summaries.flatMap((summary) =>
    summary.runs
      .filter((run) => run.non2xx > 0 || run.errors > 0 || run.timeouts > 0)
      .map((run) => `${summary.scenario.label}: ${run.non2xx} non-2xx (${run.statuses}), ${run.errors} errors, ${run.timeouts} timeouts`),
  );
  say();
  say(`Finished in ${fmt((Date.now() - started) / 1000)} s; load average after: ${fmt(os.loadavg()[0], 2)}.`);
  clearTimeout(watchdog);
  if (bad.length > 0) {
    process.stderr.write(`\nbench: FAILED — not every answer was a 2xx, so these figures are not to be trusted:\n  ${bad.join('\n  ')}\n`);
    process.stderr.write(`Last lines of the server:\n${server.output.toString()}\n`);
    return 1;
  }
  if (settings.strict && !(ratioMet && p99Met)) return 2;
  return 0;
}

// embedded-postgres (through async-exit-hook) answers these signals by stopping its clusters and exiting at once,
// before the server child is stopped, the temporary folder removed or the DATABASE_URL database dropped. Our cleanup
// stops the cluster itself, so its handlers are replaced by ours.
function cleanUpAndExit(code: number): void {
  void cleanUp().finally(() => process.exit(code));
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    if (interrupted) return cleanUpAndExit(130);
    interrupted = true;
    process.stderr.write(`\nbench: ${signal}: stopping and cleaning up …\n`);
    stopLoad?.();
    setTimeout(() => cleanUpAndExit(130), 30_000).unref();
  });
}
process.on('uncaughtException', (error) => {
  if (!interrupted) process.stderr.write(`\nbench: FAILED — ${error.stack ?? error.message}\n`);
  cleanUpAndExit(interrupted ? 130 : 1);
});

void main()
  .catch((error: unknown) => {
    if (interrupted) return 130;
    process.stderr.write(`\nbench: FAILED — ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });
