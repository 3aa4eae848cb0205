/**
 * `npm run bench:collab`: the live-document benchmark of issue #3 (item 12). Not a timed test: it prints figures,
 * the aims, and Concert's figures over those of @hocuspocus/server 4.x (default settings) under the same load.
 *
 * 1. A database: a fresh one on the server of DATABASE_URL when set (dropped at the end), else an embedded
 *    PostgreSQL in a temporary folder (removed at the end); migrated; 4 agencies, 8 users, the commitments whose
 *    report documents the workloads open, loaded with SQL.
 * 2. Each server in its own process, one after the other: Concert (node dist/src/main.js, NODE_ENV=production,
 *    LOG_LEVEL=warn; its clients log in over HTTP and use the session cookie), then Hocuspocus
 *    (dist/bench/hocuspocus-server.js, no extension: in memory only).
 * 3. The clients in load processes of their own (dist/bench/collab-load.js, forked), never in the server's event
 *    loop; the connections of a workload are dealt out to BENCH_LOADERS processes.
 * 4. Workloads, each measured for BENCH_DURATION seconds after BENCH_WARMUP seconds of the same load:
 *    (c) idle: 2,000 connections joined to 200 documents, no edits: RSS of the server process per connection;
 *    (a) hot document: 100, then 200 editors in one document, each typing one character 5 times a second and
 *        sending its awareness (caret) once a second;
 *    (b) agency mix: 200 documents × 10 editors, one character a second each.
 *    Fan-out latency: from the moment an editor makes an edit to the moment each other replica has received and
 *    decoded it (the sending time travels in the edit; all processes read the same monotonic clock), p50/p99.
 *    Server CPU per delivered update: utime+stime of the server process over the window (/proc/<pid>/stat) divided
 *    by the deliveries (an edit reaching one other replica) received in the window. Durable updates/s: rows added
 *    to document_updates in the window (its identity sequence, since compaction deletes rows) per second.
 *
 * Settings (environment): BENCH_DURATION seconds per window (10), BENCH_WARMUP seconds before each window (2),
 * BENCH_SCALE to shrink (or grow) every connection count (1), BENCH_LOADERS load processes (2),
 * BENCH_TARGETS (concert,hocuspocus), BENCH_WORKLOADS (idle,hot100,hot200,mix), BENCH_APPLY=1 to apply each update
 * to a Y.Doc per replica, BENCH_AWARENESS awareness updates per hot-document editor per second (1; 0 to see what
 * they cost), BENCH_CPU_PROF=<folder> to write each server's V8 CPU profile there (and print its top
 * functions), BENCH_STRICT=1 to exit 2 when an aim is not met. Run from the repository root after `nest build`.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { hashPassword } from '../src/accounts/passwords';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { createDatabaseIfMissing } from '../src/database/open-database';
import { prepareDatabase } from '../src/database/prepare';
import { type DocumentShare, type FromLoader, Histogram, type LoadPlan, type LoadStats, nowUs, type Target, type ToLoader } from './collab-shared';
import { summarizeCpuProfiles } from './cpu-profile';
import { BenchError, cleanUp, freePort, intSetting, logIn, message, onCleanup, postmasterPid, table, Tail, withTimeout } from './support';

// ---------------------------------------------------------------------------------------------------------------
// Settings


function listSetting<T extends string>(name: string, allowed: readonly T[]): T[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return [...allowed];
  const values = raw.split(',').map((value) => value.trim());
  const wrong = values.filter((value) => !(allowed as readonly string[]).includes(value));
  if (wrong.length > 0 || values.length === 0) throw new BenchError(`${name} takes a comma-separated list of ${allowed.join(', ')} (got "${raw}").`);
  return allowed.filter((value) => values.includes(value));
}

const TARGETS = ['concert', 'hocuspocus'] as const;
const WORKLOADS = ['idle', 'hot100', 'hot200', 'mix'] as const;
type WorkloadKey = (typeof WORKLOADS)[number];

interface Settings {
  duration: number;
  warmup: number;
  scale: number;
  loaders: number;
  targets: Target[];
  workloads: WorkloadKey[];
  apply: boolean;
  /** Awareness updates per editor per second in the hot document (1; 0 to see what they cost). */
  awarenessPerSecond: number;
  cpuProfileDir: string | null;
  strict: boolean;
}

function readSettings(): Settings {
  const rawScale = process.env.BENCH_SCALE;
  const scale = rawScale === undefined || rawScale === '' ? 1 : Number(rawScale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 4) throw new BenchError(`BENCH_SCALE must be a number above 0 and at most 4 (got "${rawScale}").`);
  const profile = process.env.BENCH_CPU_PROF;
  return {
    duration: intSetting('BENCH_DURATION', 10, 1, 300),
    warmup: intSetting('BENCH_WARMUP', 2, 0, 60),
    scale,
    loaders: intSetting('BENCH_LOADERS', 2, 1, 16),
    targets: listSetting('BENCH_TARGETS', TARGETS),
    workloads: listSetting('BENCH_WORKLOADS', WORKLOADS),
    apply: process.env.BENCH_APPLY === '1',
    awarenessPerSecond: intSetting('BENCH_AWARENESS', AWARENESS_PER_SECOND, 0, 10),
    cpuProfileDir: profile ? path.resolve(profile) : null,
    strict: process.env.BENCH_STRICT === '1',
  };
}

/** The aims of issue #3, item 12. */
const AIM = { hot100P99Ms: 15, hot200P99Ms: 50, mixP99Ms: 50, mixCpuRatio: 1.0, idleKb: 25 };
/** How long after the window edits may still arrive and count (later ones count as lost). */
const DRAIN_MS = 2_000;
const EDITS_PER_SECOND_HOT = 5;
const EDITS_PER_SECOND_MIX = 1;
const AWARENESS_PER_SECOND = 1;
const USERS = 8;

const say = (text = '') => process.stdout.write(`${text}\n`);
const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

// ---------------------------------------------------------------------------------------------------------------
// Cleanup: everything started is registered here and undone once, in reverse, each step bounded in time.


/**
 * The last resort, whatever ends this process (embedded-postgres stops its server and exits on SIGINT by itself,
 * possibly before the cleanup above is through): kill the children still running, remove the temporary folders.
 */
const children = new Set<ChildProcess>();
const folders = new Set<string>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});


/** Sends SIGTERM, then SIGKILL when the process has not left after `graceMs`. */
async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

// ---------------------------------------------------------------------------------------------------------------
// Database and data

async function openDatabase(): Promise<{ url: string; describe: string }> {
  const name = `concert_collab_bench_${process.pid}_${Date.now()}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    // A fresh database beside the one named: the benchmark never writes into a database that holds real data.
    await createDatabaseIfMissing(given, name);
    onCleanup(`drop database ${name}`, async () => {
      const client = new Client({ connectionString: given });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
    const url = new URL(given);
    url.pathname = `/${name}`;
    return { url: url.toString(), describe: `database ${name} on the server of DATABASE_URL (dropped at the end)` };
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'concert-collab-bench-'));
  // mkdtemp makes it 0700; run as root, the server runs as `postgres` and must be able to enter it.
  await chmod(folder, 0o755);
  folders.add(folder);
  onCleanup(`remove ${folder}`, async () => {
    await rm(folder, { recursive: true, force: true });
    folders.delete(folder);
  });
  const log = new Tail();
  const embedded = await startEmbeddedPostgres(path.join(folder, 'postgres'), (line) => log.push(line)).catch((error: unknown) => {
    throw new BenchError(`the embedded PostgreSQL did not start: ${message(error)}\n${log.toString()}`);
  });
  onCleanup('stop embedded PostgreSQL', () => embedded.stop());
  await createDatabaseIfMissing(embedded.url, name);
  return { url: embedded.urlFor(name), describe: `embedded PostgreSQL in ${folder} (removed at the end)` };
}

interface Data {
  password: string;
  emails: string[];
  /** Report documents of commitments all four agencies take part in, by use. */
  documents: Record<'warmup' | 'hot100' | 'hot200' | 'mix' | 'idle', string[]>;
}

async function loadData(url: string, counts: Record<keyof Data['documents'], number>): Promise<Data> {
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const uses = Object.keys(counts) as (keyof Data['documents'])[];
  const total = uses.reduce((sum, use) => sum + counts[use], 0);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO agencies (code, name, kind) VALUES
         ('FAO', 'Food and Agriculture Organization', 'specialized_agency'), ('WFP', 'World Food Programme', 'programme'),
         ('UNICEF', 'United Nations Children''s Fund', 'fund'), ('UNDP', 'United Nations Development Programme', 'programme')`,
    );
    const users = await client.query<{ email: string }>(
      `INSERT INTO users (email, display_name, agency_id, role, password_hash)
       SELECT 'editor' || n || '@' || lower(a.code) || '.bench.example', a.code || ' editor ' || n, a.id, 'staff', $1
         FROM agencies a CROSS JOIN generate_series(1, $2::int) AS n
       RETURNING email`,
      [passwordHash, USERS / 4],
    );
    await client.query(`INSERT INTO frameworks (code, kind, title) VALUES ('BENCH-LIVE', 'programme', 'Live documents benchmark')`);
    const rows = await client.query<{ document_id: string }>(
      `WITH c AS (SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS document_id FROM generate_series(1, $1::int) AS n),
            d AS (INSERT INTO documents (id, kind) SELECT document_id, 'commitment_report' FROM c),
            m AS (INSERT INTO commitments (id, framework_id, reference, title, report_document_id)
                  SELECT c.id, (SELECT id FROM frameworks WHERE code = 'BENCH-LIVE'), 'LIVE-' || c.n,
                         'Joint report ' || c.n || ' written together by four agencies', c.document_id FROM c)
       SELECT document_id FROM c ORDER BY n`,
      [total],
    );
    await client.query(
      `INSERT INTO commitment_agencies (commitment_id, agency_id, participation)
       SELECT c.id, a.id, CASE WHEN a.code IN ('FAO', 'WFP') THEN 'lead' ELSE 'contributing' END
         FROM commitments c CROSS JOIN agencies a`,
    );
    await client.query('COMMIT');
    const ids = rows.rows.map((row) => row.document_id);
    const documents = {} as Data['documents'];
    let next = 0;
    for (const use of uses) {
      documents[use] = ids.slice(next, next + counts[use]);
      next += counts[use];
    }
    return { password, emails: users.rows.map((row) => row.email), documents };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The last value of document_updates' identity: rows ever added (compaction deletes rows, never this). */
async function updatesLogged(db: Client): Promise<number> {
  const { rows } = await db.query<{ name: string }>(`SELECT pg_get_serial_sequence('document_updates', 'id') AS name`);
  // The name comes from PostgreSQL itself, quoted where it needs to be.
  const sequence = await db.query<{ n: string }>(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${rows[0].name}`);
  return Number(sequence.rows[0].n);
}

// ---------------------------------------------------------------------------------------------------------------
// Processes: CPU and memory from /proc (Linux)

const CLOCK_TICKS_PER_SECOND = 100;

function procStat(pid: number): { ppid: number; cpuSeconds: number; reapedChildrenSeconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ": state ppid … utime stime cutime cstime (fields 3, 4, 14–17 of proc(5)).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
      reapedChildrenSeconds: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

/**
 * CPU seconds of a process and its children (PostgreSQL's postmaster and its backends): the live children's, plus
 * those of the children it has reaped, so that a backend that ends meanwhile does not take its time away.
 */
function cpuOfTree(rootPid: number): number {
  const root = procStat(rootPid);
  let total = root ? root.cpuSeconds + root.reapedChildrenSeconds : NaN;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === rootPid) total += stat.cpuSeconds;
  }
  return total;
}

/** The share of the last 10 s in which some runnable task waited for a CPU (Linux PSI), NaN when unknown. */
function cpuPressure(): number {
  try {
    const match = /^some avg10=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) / 100 : NaN;
  } catch {
    return NaN;
  }
}

function rssKb(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The servers

interface RunningServer {
  target: Target;
  /** Concert: http://…; Hocuspocus: ws://… */
  url: string;
  child: ChildProcess;
  output: Tail;
  cookies: string[];
  stop(): Promise<void>;
}

/** With BENCH_CPU_PROF: node's flags to write a CPU profile named after `name` when the process exits. */
function profileArgs(settings: Settings, name: string): string[] {
  if (!settings.cpuProfileDir) return [];
  mkdirSync(settings.cpuProfileDir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfileDir}`, `--cpu-prof-name=${name}-${process.pid}-${Date.now()}.cpuprofile`];
}

function watch(child: ChildProcess, label: string): { output: Tail; stop: () => Promise<void> } {
  children.add(child);
  child.once('exit', () => children.delete(child));
  const output = new Tail();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const forget = onCleanup(label, () => stopProcess(child));
  return {
    output,
    stop: async () => {
      await stopProcess(child);
      forget();
    },
  };
}

async function startConcert(settings: Settings, databaseUrl: string, data: Data, profileName: string): Promise<RunningServer> {
  const entry = path.join(process.cwd(), 'dist', 'src', 'main.js');
  if (!existsSync(entry)) throw new BenchError(`${entry} is missing: run from the repository root, after \`npx nest build\`.`);
  const port = await freePort();
  const child = spawn(process.execPath, [...profileArgs(settings, `concert-${profileName}`), entry], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(36).toString('base64url'),
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, stop } = watch(child, 'stop the Concert server');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new BenchError(`the Concert server stopped (code ${child.exitCode}) before it served:\n${output.toString()}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new BenchError(`GET /api/health did not answer 200 within 60 s:\n${output.toString()}`);
    await sleep(200);
  }
  const cookies: string[] = [];
  for (const email of data.emails) cookies.push(await logIn(url, email, data.password));
  return { target: 'concert', url, child, output, cookies, stop };
}

async function startHocuspocus(settings: Settings, profileName: string): Promise<RunningServer> {
  const entry = path.join(process.cwd(), 'dist', 'bench', 'hocuspocus-server.js');
  if (!existsSync(entry)) throw new BenchError(`${entry} is missing: run from the repository root, after \`npx nest build\`.`);
  const child = fork(entry, [], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'production', BENCH_HOCUSPOCUS_PORT: '0' },
    execArgv: profileArgs(settings, `hocuspocus-${profileName}`),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const { output, stop } = watch(child, 'stop the Hocuspocus server');
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      child.on('message', (received: { type?: string; port?: number }) => {
        if (received.type === 'listening' && typeof received.port === 'number') resolve(received.port);
      });
      child.once('exit', (code) => reject(new BenchError(`the Hocuspocus server stopped (code ${code}):\n${output.toString()}`)));
    }),
    30_000,
    'starting Hocuspocus',
  );
  return { target: 'hocuspocus', url: `ws://127.0.0.1:${port}`, child, output, cookies: [], stop };
}

// ---------------------------------------------------------------------------------------------------------------
// Load processes

class Loader {
  readonly output = new Tail();
  private readonly waiting = new Map<string, { resolve: (value: FromLoader) => void; reject: (error: Error) => void }>();
  private readonly forget: () => void;

  private constructor(readonly child: ChildProcess) {
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.on('message', (received: FromLoader) => {
      if (received.type === 'fatal') return this.failAll(new BenchError(`a load process failed: ${received.message}`));
      const waiter = this.waiting.get(received.type);
      this.waiting.delete(received.type);
      waiter?.resolve(received);
    });
    child.once('exit', (code, signal) => this.failAll(new BenchError(`a load process left (code ${code}, ${signal ?? 'no signal'}):\n${this.output.toString()}`)));
    this.forget = onCleanup('stop a load process', () => stopProcess(child, 3_000));
  }

  static fork(execArgv: string[]): Loader {
    const entry = path.join(process.cwd(), 'dist', 'bench', 'collab-load.js');
    if (!existsSync(entry)) throw new BenchError(`${entry} is missing: run from the repository root, after \`npx nest build\`.`);
    return new Loader(fork(entry, [], { cwd: process.cwd(), execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
  }

  post(toLoader: ToLoader): void {
    this.child.send(toLoader);
  }

  async request<T extends FromLoader['type']>(toLoader: ToLoader, answer: T, timeoutMs: number): Promise<Extract<FromLoader, { type: T }>> {
    const reply = new Promise<FromLoader>((resolve, reject) => this.waiting.set(answer, { resolve, reject }));
    this.post(toLoader);
    return (await withTimeout(reply, timeoutMs, `waiting for "${answer}" from a load process`)) as Extract<FromLoader, { type: T }>;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      await this.request({ type: 'close' }, 'closed', 10_000).catch(() => undefined);
      // It leaves by itself (writing its CPU profile, when asked); only a process that hangs is stopped.
      await Promise.race([exited, sleep(5_000)]);
    }
    await stopProcess(this.child, 3_000);
    this.forget();
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** Deals the replicas of every document out to the load processes in turn. */
function deal(documents: { id: string; replicas: number }[], loaders: number): DocumentShare[][] {
  const shares: DocumentShare[][] = Array.from({ length: loaders }, () => []);
  let next = 0;
  for (const document of documents) {
    const local = new Array<number>(loaders).fill(0);
    for (let i = 0; i < document.replicas; i++) local[next++ % loaders]++;
    local.forEach((count, loader) => {
      if (count > 0) shares[loader].push({ id: document.id, replicas: document.replicas, local: count });
    });
  }
  return shares;
}

interface Workload {
  key: WorkloadKey | 'warmup';
  label: string;
  documents: { id: string; replicas: number }[];
  editsPerSecond: number;
  awarenessPerSecond: number;
}

async function openLoaders(
  settings: Settings,
  server: RunningServer,
  workload: Workload,
  durationS: number,
): Promise<{ loaders: Loader[]; connectMs: number }> {
  const connections = workload.documents.reduce((sum, document) => sum + document.replicas, 0);
  const shares = deal(workload.documents, Math.min(settings.loaders, connections)).filter((share) => share.length > 0);
  const loaders = shares.map((_, i) => Loader.fork(profileArgs(settings, `load-${server.target}-${workload.key}-${i + 1}`)));
  const connectTimeoutMs = 30_000;
  const budgetMs = 60_000 + connections * 40;
  try {
    const ready = await Promise.all(
      shares.map((documents, i) => {
        const plan: LoadPlan = {
          target: server.target,
          url: server.url,
          cookies: server.cookies,
          documents,
          editsPerSecond: workload.editsPerSecond,
          awarenessPerSecond: workload.awarenessPerSecond,
          apply: settings.apply,
          preparedEdits: Math.ceil(workload.editsPerSecond * (settings.warmup + durationS + 2)),
          connectConcurrency: 32,
          connectTimeoutMs,
        };
        return loaders[i].request({ type: 'plan', plan }, 'ready', budgetMs);
      }),
    );
    const failed = ready.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) {
      const first = ready.find((r) => r.firstError)?.firstError;
      throw new BenchError(`${failed} of ${connections} connections failed (first: ${first})\n${server.output.toString()}`);
    }
    return { loaders, connectMs: Math.max(...ready.map((r) => r.connectMs)) };
  } catch (error) {
    await Promise.all(loaders.map((loader) => loader.close()));
    throw error;
  }
}

async function sleepUntil(us: number): Promise<void> {
  const ms = (us - nowUs()) / 1000;
  if (ms > 0) await sleep(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface EditingResult {
  kind: 'editing';
  connections: number;
  latency: Histogram;
  ack: Histogram;
  /** Deliveries due for the edits sent in the window; those not received within the drain time count as lost. */
  expectedDeliveries: number;
  editsInWindow: number;
  /** The machine's CPU pressure (share of time some runnable task waited for a CPU) over the last 10 s of the window. */
  cpuPressure: number;
  completeness: number;
  deliveriesPerSecond: number;
  editsPerSecond: number;
  serverCpuUsPerDelivery: number;
  serverCpuShare: number;
  postgresCpuUsPerDelivery: number;
  durablePerSecond: number | null;
  updateMessagesPerSecond: number;
  awarenessReceivedPerSecond: number;
  loaderCpuShare: number;
  loaderLoopP99Ms: number;
  lateSends: number;
  disconnects: number;
  ackFailed: number;
  errors: string[];
  connectMs: number;
}

interface IdleResult {
  kind: 'idle';
  connections: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  kbPerConnection: number;
  serverCpuShare: number;
  disconnects: number;
  errors: string[];
  connectMs: number;
}

type Result = EditingResult | IdleResult | { kind: 'failed'; reason: string };

interface Context {
  settings: Settings;
  db: Client;
  postgresPid: number | null;
}

async function runEditing(context: Context, server: RunningServer, workload: Workload, durationS: number): Promise<EditingResult> {
  const { settings } = context;
  const { loaders, connectMs } = await openLoaders(settings, server, workload, durationS);
  try {
    const windowStartUs = nowUs() + settings.warmup * 1e6 + 200_000;
    const windowEndUs = windowStartUs + durationS * 1e6;
    for (const loader of loaders) loader.post({ type: 'start', windowStartUs, windowEndUs });
    const pid = server.child.pid!;
    const sample = async () => ({
      server: procStat(pid)?.cpuSeconds ?? NaN,
      postgres: context.postgresPid === null ? NaN : cpuOfTree(context.postgresPid),
      logged: server.target === 'concert' ? await updatesLogged(context.db) : NaN,
      pressure: cpuPressure(),
    });
    await sleepUntil(windowStartUs);
    const before = await sample();
    await sleepUntil(windowEndUs);
    const after = await sample();
    await sleep(DRAIN_MS);
    if (server.child.exitCode !== null) throw new BenchError(`the ${server.target} server stopped during the load:\n${server.output.toString()}`);
    const all: LoadStats[] = (await Promise.all(loaders.map((loader) => loader.request({ type: 'collect' }, 'stats', 30_000)))).map((r) => r.stats);
    const latency = new Histogram();
    const ack = new Histogram();
    for (const stats of all) {
      latency.add(stats.latency);
      ack.add(stats.ack);
    }
    const sum = (pick: (stats: LoadStats) => number) => all.reduce((total, stats) => total + pick(stats), 0);
    const delivered = sum((s) => s.deliveredInWindow);
    const serverCpu = after.server - before.server;
    const expectedDeliveries = sum((s) => s.expectedDeliveries);
    return {
      kind: 'editing',
      connections: workload.documents.reduce((total, document) => total + document.replicas, 0),
      latency,
      ack,
      expectedDeliveries,
      editsInWindow: sum((s) => s.editsInWindow),
      cpuPressure: after.pressure,
      completeness: latency.count / Math.max(1, expectedDeliveries),
      deliveriesPerSecond: delivered / durationS,
      editsPerSecond: sum((s) => s.editsInWindow) / durationS,
      serverCpuUsPerDelivery: (serverCpu * 1e6) / Math.max(1, delivered),
      serverCpuShare: serverCpu / durationS,
      postgresCpuUsPerDelivery: ((after.postgres - before.postgres) * 1e6) / Math.max(1, delivered),
      durablePerSecond: server.target === 'concert' ? (after.logged - before.logged) / durationS : null,
      updateMessagesPerSecond: sum((s) => s.updateMessages) / (durationS + settings.warmup),
      awarenessReceivedPerSecond: sum((s) => s.awarenessReceived) / (durationS + settings.warmup),
      loaderCpuShare: sum((s) => s.cpuSeconds) / durationS,
      loaderLoopP99Ms: Math.max(...all.map((s) => s.loopDelayP99Ms)),
      lateSends: sum((s) => s.lateSends),
      disconnects: sum((s) => s.disconnects),
      ackFailed: sum((s) => s.ackFailed),
      errors: [...new Set(all.flatMap((s) => s.errors))].slice(0, 6),
      connectMs,
    };
  } finally {
    await Promise.all(loaders.map((loader) => loader.close()));
  }
}

async function medianRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssKb(pid));
    await sleep(200);
  }
  return samples.sort((a, b) => a - b)[2];
}

async function runIdle(context: Context, server: RunningServer, workload: Workload): Promise<IdleResult> {
  const pid = server.child.pid!;
  await sleep(1_000);
  const rssBefore = await medianRss(pid);
  const { loaders, connectMs } = await openLoaders(context.settings, server, workload, context.settings.duration);
  try {
    const cpuBefore = procStat(pid)?.cpuSeconds ?? NaN;
    await sleep(context.settings.duration * 1000);
    const cpuAfter = procStat(pid)?.cpuSeconds ?? NaN;
    const rssAfter = await medianRss(pid);
    const all = (await Promise.all(loaders.map((loader) => loader.request({ type: 'collect' }, 'stats', 30_000)))).map((r) => r.stats);
    const connections = workload.documents.reduce((total, document) => total + document.replicas, 0);
    return {
      kind: 'idle',
      connections,
      rssBeforeMb: rssBefore / 1024,
      rssAfterMb: rssAfter / 1024,
      kbPerConnection: (rssAfter - rssBefore) / connections,
      serverCpuShare: (cpuAfter - cpuBefore) / context.settings.duration,
      disconnects: all.reduce((total, s) => total + s.disconnects, 0),
      errors: [...new Set(all.flatMap((s) => s.errors))].slice(0, 6),
      connectMs,
    };
  } finally {
    await Promise.all(loaders.map((loader) => loader.close()));
  }
}

function workloadsOf(settings: Settings, data: Data): Record<WorkloadKey | 'warmup', Workload> {
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * settings.scale));
  const hot100 = scaled(100, 2);
  const hot200 = scaled(200, 2);
  const idle = data.documents.idle.length;
  const idleConnections = scaled(2_000, 1);
  return {
    warmup: {
      key: 'warmup',
      label: 'warm-up',
      documents: data.documents.warmup.map((id) => ({ id, replicas: 20 })),
      editsPerSecond: EDITS_PER_SECOND_HOT,
      awarenessPerSecond: AWARENESS_PER_SECOND,
    },
    idle: {
      key: 'idle',
      label: `(c) ${fmt(idleConnections)} idle connections`,
      documents: data.documents.idle.map((id, i) => ({ id, replicas: Math.floor(idleConnections / idle) + (i < idleConnections % idle ? 1 : 0) })),
      editsPerSecond: 0,
      awarenessPerSecond: 0,
    },
    hot100: {
      key: 'hot100',
      label: `(a) hot doc, ${hot100} editors`,
      documents: data.documents.hot100.map((id) => ({ id, replicas: hot100 })),
      editsPerSecond: EDITS_PER_SECOND_HOT,
      awarenessPerSecond: settings.awarenessPerSecond,
    },
    hot200: {
      key: 'hot200',
      label: `(a) hot doc, ${hot200} editors`,
      documents: data.documents.hot200.map((id) => ({ id, replicas: hot200 })),
      editsPerSecond: EDITS_PER_SECOND_HOT,
      awarenessPerSecond: settings.awarenessPerSecond,
    },
    mix: {
      key: 'mix',
      label: `(b) agency mix, ${data.documents.mix.length} docs × 10`,
      documents: data.documents.mix.map((id) => ({ id, replicas: 10 })),
      editsPerSecond: EDITS_PER_SECOND_MIX,
      awarenessPerSecond: 0,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report

/** Milliseconds from µs; Infinity (some deliveries or acks never came within the drain time) shows as "lost". */
const ms = (us: number, digits = 1) => (us === Infinity ? `> ${fmt(DRAIN_MS / 1000)} s` : fmt(us / 1000, digits));
/** Fan-out latency quantile in µs, counting the deliveries that never came as infinitely late. */
const fanOut = (result: EditingResult, q: number) => result.latency.quantile(q, result.expectedDeliveries);
const acked = (result: EditingResult, q: number) => result.ack.quantile(q, result.editsInWindow);

interface Aim {
  text: string;
  met: (concert: number, hocuspocus: number) => boolean | null;
}

function report(settings: Settings, labels: Record<WorkloadKey, string>, results: Map<Target, Map<WorkloadKey, Result>>): { allMet: boolean; failures: string[] } {
  const get = (target: Target, key: WorkloadKey) => results.get(target)?.get(key);
  const failures: string[] = [];
  for (const [target, byWorkload] of results) {
    for (const [key, result] of byWorkload) if (result.kind === 'failed') failures.push(`${target} ${labels[key]}: ${result.reason}`);
  }
  const rows: string[][] = [];
  let allMet = true;
  const row = (label: string, metric: string, value: (result: Result) => number | null, digits: number, aim: Aim | null, key: WorkloadKey) => {
    const c = get('concert', key);
    const h = get('hocuspocus', key);
    const cv = c && c.kind !== 'failed' ? value(c) : null;
    const hv = h && h.kind !== 'failed' ? value(h) : null;
    const shown = (result: Result | undefined, v: number | null) =>
      result === undefined ? '—' : result.kind === 'failed' ? 'FAILED' : v === null ? 'n/a' : v === Infinity ? `> ${fmt(DRAIN_MS)}` : fmt(v, digits);
    const ratio = cv !== null && hv !== null && Number.isFinite(cv) && Number.isFinite(hv) && hv !== 0 ? `${fmt(cv / hv, 2)}×` : '';
    let verdict = '';
    if (aim) {
      const met = cv === null ? null : aim.met(cv, hv ?? NaN);
      verdict = met === null ? 'unmeasured' : met ? 'met' : 'NOT MET';
      if (met !== true) allMet = false;
    }
    rows.push([label, metric, shown(c, cv), shown(h, hv), ratio, aim?.text ?? '', verdict]);
  };
  const latency = (q: number) => (result: Result) => (result.kind === 'editing' ? fanOut(result, q) / 1000 : null);
  const cpu = (result: Result) => (result.kind === 'editing' ? result.serverCpuUsPerDelivery : null);
  const durable = (result: Result) => (result.kind === 'editing' ? result.durablePerSecond : null);
  const completeness = (result: Result) => (result.kind === 'editing' ? result.completeness * 100 : null);

  for (const key of settings.workloads) {
    const label = labels[key];
    if (key === 'idle') {
      row(label, 'server RSS KB per connection', (r) => (r.kind === 'idle' ? r.kbPerConnection : null), 1, { text: `≤ ${AIM.idleKb} KB`, met: (c) => c <= AIM.idleKb }, key);
      row('', 'server RSS with them, MB', (r) => (r.kind === 'idle' ? r.rssAfterMb : null), 0, null, key);
      continue;
    }
    const p99Aim = key === 'hot100' ? AIM.hot100P99Ms : key === 'hot200' ? AIM.hot200P99Ms : AIM.mixP99Ms;
    row(label, 'fan-out p50 ms', latency(0.5), 2, null, key);
    row('', 'fan-out p99 ms', latency(0.99), 2, { text: `≤ ${p99Aim} ms`, met: (c) => c <= p99Aim }, key);
    row(
      '',
      'server CPU µs per delivered update',
      cpu,
      2,
      key === 'mix' ? { text: `≤ ${fmt(AIM.mixCpuRatio, 1)}× Hocuspocus`, met: (c, h) => (Number.isFinite(h) ? c <= AIM.mixCpuRatio * h : null) } : null,
      key,
    );
    row('', 'durable updates/s', durable, 0, null, key);
    row('', 'deliveries received %', completeness, 1, null, key);
  }
  say(table(['workload', 'metric', 'Concert', 'Hocuspocus', 'Concert/HP', 'aim', 'aim met?'], rows, [false, false, true, true, true, false, false]));
  return { allMet, failures };
}

function details(settings: Settings, labels: Record<WorkloadKey, string>, results: Map<Target, Map<WorkloadKey, Result>>): void {
  const rows: string[][] = [];
  for (const key of settings.workloads) {
    for (const target of settings.targets) {
      const result = results.get(target)?.get(key);
      if (!result) continue;
      if (result.kind === 'failed') {
        rows.push([labels[key], target, 'FAILED', '', '', '', '', '', '', '', '', '', '', '']);
        continue;
      }
      if (result.kind === 'idle') {
        rows.push([
          labels[key],
          target,
          fmt(result.connections),
          fmt(result.connectMs / 1000, 1),
          '',
          '',
          '',
          '',
          `${fmt(result.rssBeforeMb, 0)}→${fmt(result.rssAfterMb, 0)} MB`,
          fmt(result.serverCpuShare * 100, 0),
          '',
          '',
          '',
          `${result.disconnects}`,
        ]);
        continue;
      }
      rows.push([
        labels[key],
        target,
        fmt(result.connections),
        fmt(result.connectMs / 1000, 1),
        fmt(result.editsPerSecond),
        fmt(result.deliveriesPerSecond),
        fmt(result.updateMessagesPerSecond),
        `${ms(fanOut(result, 0.999), 1)} / ${ms(result.latency.max, 0)}`,
        `${ms(acked(result, 0.5), 1)} / ${ms(acked(result, 0.99), 1)}`,
        fmt(result.serverCpuShare * 100, 0),
        Number.isFinite(result.postgresCpuUsPerDelivery) && result.durablePerSecond !== null ? fmt(result.postgresCpuUsPerDelivery, 2) : '',
        `${fmt(result.loaderCpuShare * 100, 0)} / ${fmt(result.loaderLoopP99Ms, 1)}`,
        fmt(result.cpuPressure * 100, 0),
        `${result.disconnects}${result.ackFailed ? `, ${result.ackFailed} acks failed` : ''}${result.lateSends ? `, ${result.lateSends} late sends` : ''}`,
      ]);
    }
  }
  say(
    table(
      ['workload', 'server', 'conns', 'connect s', 'edits/s', 'deliveries/s', 'update msgs rcvd/s', 'p99.9 / max ms', 'ack p50 / p99 ms', 'server CPU %', 'pg CPU µs/deliv', 'load CPU % / lag p99 ms', 'CPU pressure %', 'disconnects etc.'],
      rows,
      [false, false, true, true, true, true, true, true, true, true, true, true, true, false],
    ),
  );
  for (const key of settings.workloads) {
    for (const target of settings.targets) {
      const result = results.get(target)?.get(key);
      if (!result || result.kind === 'failed') continue;
      const where = `  ${target}, ${labels[key]}:`;
      if (result.errors.length > 0) say(`${where} ${result.errors.join(' | ')}`);
      if (result.kind !== 'editing') continue;
      if (result.completeness < 0.99) {
        say(`${where} only ${fmt(result.completeness * 100, 1)}% of the deliveries came within ${fmt(DRAIN_MS / 1000)} s of the window; the rest count as lost (latency "> ${fmt(DRAIN_MS)}").`);
      }
      if (result.lateSends > 0 || result.loaderLoopP99Ms > 20) {
        say(`${where} the load processes lagged (event-loop delay p99 ${fmt(result.loaderLoopP99Ms, 1)} ms, ${result.lateSends} sends over a period late): their own queueing is in these latencies.`);
      }
      if (result.cpuPressure > 0.5) {
        say(`${where} the machine's CPUs were contended: ${fmt(result.cpuPressure * 100)}% of the time some task waited for one (this benchmark's own processes included: the server, PostgreSQL and the load processes share the CPUs; with other work running, the figures are not representative).`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const settings = readSettings();
  const perWorkload = settings.warmup + settings.duration + 90;
  const budgetSeconds = 240 + settings.targets.length * (settings.workloads.length + 1) * perWorkload;
  const watchdog = setTimeout(() => {
    process.stderr.write(`\nbench: FAILED — still running after ${budgetSeconds} s; stopping.\n`);
    void cleanUp().finally(() => process.exit(3));
  }, budgetSeconds * 1000);
  watchdog.unref();

  const started = Date.now();
  say('Concert live-document benchmark (issue #3, item 12)');
  say(`  ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  say(
    `  ${settings.duration} s measured per workload after ${settings.warmup} s of warm-up; scale ${settings.scale}; ${settings.loaders} load process(es); ` +
      `latency measured ${settings.apply ? 'after applying each update to a Y.Doc per replica' : 'when each replica has received and decoded the update (decoded once per payload per load process)'}`,
  );
  const loadBefore = os.loadavg()[0];
  say(`  load average before: ${fmt(loadBefore, 2)}`);
  if (loadBefore > os.cpus().length / 2) say(`  WARNING: the machine is busy (load ${fmt(loadBefore, 2)}): the figures will be noisy.`);

  const database = await openDatabase();
  say(`  database: ${database.describe}`);
  const prepared = await prepareDatabase(database.url, null);
  say(`  migrated: ${prepared.migrations.join(', ') || 'nothing pending'}`);
  const scaled = (n: number) => Math.max(1, Math.round(n * settings.scale));
  const data = await loadData(database.url, { warmup: 1, hot100: 1, hot200: 1, mix: scaled(200), idle: Math.ceil(scaled(2_000) / 10) });
  say(`  data: 4 agencies, ${data.emails.length} users, ${Object.values(data.documents).flat().length} commitments with their report documents`);
  const db = new Client({ connectionString: database.url });
  // When PostgreSQL goes first (an interruption), the error must not end this process before it has cleaned up.
  db.on('error', (error) => process.stderr.write(`bench: the statistics connection failed: ${error.message}\n`));
  await db.connect();
  onCleanup('close the statistics connection', () => db.end());
  const context: Context = { settings, db, postgresPid: await postmasterPid(database.url) };
  const workloads = workloadsOf(settings, data);
  const labels = Object.fromEntries(WORKLOADS.map((key) => [key, workloads[key].label])) as Record<WorkloadKey, string>;

  // Each workload on a freshly started server (so that a backlog or the heap left by one workload cannot weigh on the
  // next), and the two servers in turn for each workload (so that a change in the machine's load weighs on both).
  const results = new Map<Target, Map<WorkloadKey, Result>>(settings.targets.map((target) => [target, new Map()]));
  for (const key of settings.workloads) {
    const workload = workloads[key];
    say();
    say(`${workload.label}`);
    for (const target of settings.targets) {
      const name = target === 'concert' ? 'Concert' : 'Hocuspocus';
      const phase = Date.now();
      const server = target === 'concert' ? await startConcert(settings, database.url, data, key) : await startHocuspocus(settings, key);
      const byWorkload = results.get(target)!;
      try {
        await runEditing(context, server, workloads.warmup, Math.min(3, settings.duration));
        say(`  ${name} (pid ${server.child.pid}, started and warmed up in ${fmt((Date.now() - phase) / 1000, 1)} s, CPU pressure ${fmt(cpuPressure() * 100)}%):`);
        const result = key === 'idle' ? await runIdle(context, server, workload) : await runEditing(context, server, workload, settings.duration);
        byWorkload.set(key, result);
        if (result.kind === 'idle') {
          say(`    ${fmt(result.kbPerConnection, 1)} KB per connection (RSS ${fmt(result.rssBeforeMb)} → ${fmt(result.rssAfterMb)} MB)`);
        } else {
          say(
            `    p50 ${ms(fanOut(result, 0.5), 2)} ms, p99 ${ms(fanOut(result, 0.99), 2)} ms, ` +
              `${fmt(result.serverCpuUsPerDelivery, 2)} µs server CPU per delivery, ${fmt(result.deliveriesPerSecond)} deliveries/s, ` +
              `${fmt(result.completeness * 100, 1)}% received` +
              (result.durablePerSecond === null ? '' : `, ${fmt(result.durablePerSecond)} durable updates/s`),
          );
        }
      } catch (error) {
        if (!(error instanceof BenchError)) throw error;
        byWorkload.set(key, { kind: 'failed', reason: error.message });
        say(`  ${name}: FAILED — ${error.message}`);
      } finally {
        await server.stop();
      }
    }
  }

  say();
  say(`Results: ${settings.duration} s per workload; fan-out latency = an editor's edit to each other replica having it; scale ${settings.scale}`);
  say();
  const { allMet, failures } = report(settings, labels, results);
  say();
  say('Details (rates over the window; "ack" = Concert: stored in PostgreSQL, Hocuspocus: applied in memory; load = the load processes)');
  say();
  details(settings, labels, results);
  if (settings.targets.includes('hocuspocus')) {
    say();
    say('Hocuspocus runs with default settings and no extension: it keeps documents in memory only (no durable updates).');
  }
  if (settings.cpuProfileDir) {
    say();
    say(`CPU profiles of the servers in ${settings.cpuProfileDir} (those of the load processes, load-*, are beside them):`);
    say(summarizeCpuProfiles(settings.cpuProfileDir, 25, (name) => !name.startsWith('load-')));
  }
  say();
  say(`Finished in ${fmt((Date.now() - started) / 1000)} s; load average after: ${fmt(os.loadavg()[0], 2)}.`);
  clearTimeout(watchdog);
  if (failures.length > 0) {
    process.stderr.write(`\nbench: FAILED — ${failures.length} workload(s) did not run through:\n  ${failures.join('\n  ')}\n`);
    return 1;
  }
  if (settings.strict && !allMet) return 2;
  return 0;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\nbench: ${signal}: cleaning up …\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

void main()
  .catch((error: unknown) => {
    if (!interrupted) {
      process.stderr.write(`\nbench: FAILED — ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });
