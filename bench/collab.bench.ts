/**
 * `npm run bench:collab`: the live-document benchmark. Not a timed test: it prints figures, the aims, and Concert's
 * figures over those of @hocuspocus/server 4.x (default settings) under the same load.
 *
 * 1. A database: a fresh one on the server of DATABASE_URL when set (dropped at the end), else an embedded
 *    PostgreSQL in a temporary folder (removed at the end); migrated; 4 agencies, at least 200 users (enough that no
 *    user holds more than the server's 20 sockets), the commitments whose report documents the workloads open.
 * 2. Each server in its own process, one after the other: Concert (node dist/src/main.js, NODE_ENV=production,
 *    LOG_LEVEL=warn; its clients log in over HTTP and use the session cookie), then Hocuspocus
 *    (dist/bench/hocuspocus-server.js, no extension: in memory only). Both start with dist/bench/server-loop-probe.js
 *    preloaded (`--require`) and an IPC channel: the probe measures the server's event loop over the window.
 * 3. The clients in load processes of their own (dist/bench/collab-load.js, forked), never in the server's event
 *    loop; the connections of a workload are dealt out to BENCH_LOADERS processes.
 * 4. Workloads, each on a freshly started server, measured for BENCH_DURATION seconds after BENCH_WARMUP seconds of
 *    the same load:
 *    (c) idle: 2,000 connections joined to 200 documents, no edits: RSS of the server process per connection;
 *    (a) hot document: 100, then 200 editors in one document, each typing one character 5 times a second and
 *        sending its awareness (caret) once a second;
 *    (b) agency mix: 200 documents × 10 editors, one character a second each;
 *    (d) write: 400 documents × 10 editors, 2 characters a second each (8,000 updates/s offered), no awareness;
 *    (e) ramp: the write workload on the same connections at each rate of BENCH_RAMP_RATES edits per connection per
 *        second in turn (BENCH_RAMP_DURATION seconds each, after BENCH_WARMUP seconds at that rate), up to the first
 *        step whose ack p99 passes 100 ms. (d) and (e) are Concert only: Hocuspocus stores nothing.
 *
 * Figures of an editing window (collab-results.ts prints them):
 *    Fan-out latency: from the moment an editor makes an edit to the moment each other replica has received and
 *    decoded it (the sending time travels in the edit; all processes read the same monotonic clock), p50/p99/p99.9;
 *    a delivery that never came within 2 s counts as infinitely late. Sender's ack: from sending an edit to its
 *    acknowledgement in the load process (Concert: `{ ok: true }` once the batch holding it is stored; Hocuspocus:
 *    SyncStatus once applied in memory), p50/p99/p99.9. Server event loop: perf_hooks.monitorEventLoopDelay (10 ms
 *    resolution, less the period) of the server process over the window, its p99 and worst stall, and its busy share
 *    (eventLoopUtilization). Server CPU per delivered update: utime+stime of the server process over the window
 *    (/proc/<pid>/stat) divided by the deliveries (an edit reaching one other replica) received in the window.
 *    Durable updates/s: rows added to document_updates in the window (its identity sequence, since compaction deletes
 *    rows) per second; server and PostgreSQL CPU (the postmaster and its backends, when on this machine) per durable
 *    update. Load processes: each one's CPU over the window (/proc) and its own event loop; one at 90% of a core or
 *    more (or its loop 90% busy, or 1% of its sends late) counts as saturated, and so does the server.
 *
 * Settings (environment): BENCH_DURATION seconds per window (10), BENCH_WARMUP seconds before each window (2),
 * BENCH_SCALE to shrink (or grow) every connection count (1), BENCH_LOADERS load processes (2),
 * BENCH_TARGETS (concert,hocuspocus), BENCH_WORKLOADS (idle,hot100,hot200,mix,write,ramp: all by default, about
 * 8 minutes, estimated, on an idle 2-core machine), BENCH_RAMP_RATES (1,2,4,6,8,10), BENCH_RAMP_DURATION seconds per
 * step (5), BENCH_APPLY=1 to apply each update to a Y.Doc per replica, BENCH_AWARENESS awareness updates per
 * hot-document editor per second (1; 0 to see what they cost), BENCH_CPU_PROF=<folder> to write each server's V8 CPU
 * profile there (and print its top functions), BENCH_STRICT=1 to exit 2 when an aim is not met. Run from the
 * repository root after `nest build`.
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
import { MAX_SOCKETS_PER_USER } from '../src/collaboration/socket-limits';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { createDatabaseIfMissing } from '../src/database/open-database';
import { prepareDatabase } from '../src/database/prepare';
import {
  type DocumentShare,
  type FromLoader,
  type FromServerProbe,
  Histogram,
  type LoadPlan,
  type LoadStats,
  type LoopFigures,
  nowUs,
  type Target,
  type ToLoader,
  type ToServerProbe,
} from './collab-shared';
import {
  CONCERT_ONLY,
  details,
  DRAIN_MS,
  type EditingResult,
  fmt,
  type IdleResult,
  keptUp,
  rampStepLine,
  rampTable,
  rampVerdict,
  type RampResult,
  report,
  type Result,
  type Results,
  say,
  summaryLine,
  type WorkloadKey,
  WORKLOADS,
} from './collab-results';
import { summarizeCpuProfiles } from './cpu-profile';
import { BenchError, cleanUp, freePort, intSetting, logIn, message, onCleanup, postmasterPid, Tail, withTimeout } from './support';

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
  /** The write ramp: edits per connection per second at each step, in increasing order, and seconds per step. */
  rampRates: number[];
  rampDuration: number;
}

function rampRatesSetting(): number[] {
  const raw = process.env.BENCH_RAMP_RATES;
  if (raw === undefined || raw === '') return [1, 2, 4, 6, 8, 10];
  const rates = raw.split(',').map((value) => Number(value.trim()));
  // The server allows a socket 100 messages a second.
  const valid = rates.every((rate, i) => Number.isInteger(rate) && rate >= 1 && rate <= 50 && (i === 0 || rate > rates[i - 1]));
  if (!valid) throw new BenchError(`BENCH_RAMP_RATES takes increasing integers from 1 to 50, comma-separated (got "${raw}").`);
  return rates;
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
    rampRates: rampRatesSetting(),
    rampDuration: intSetting('BENCH_RAMP_DURATION', 5, 1, 300),
  };
}

const EDITS_PER_SECOND_HOT = 5;
const EDITS_PER_SECOND_MIX = 1;
const EDITS_PER_SECOND_WRITE = 2;
const AWARENESS_PER_SECOND = 1;

/**
 * Users the connections are dealt over (in turn, across the load processes): the server allows each user
 * MAX_SOCKETS_PER_USER sockets, and a tenth more are spare for the warm-up's sockets still closing. At least 200.
 */
function usersFor(connections: number): number {
  return 4 * Math.ceil(Math.max(200, (connections * 1.1) / MAX_SOCKETS_PER_USER) / 4);
}

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
  documents: Record<'warmup' | 'hot100' | 'hot200' | 'mix' | 'idle' | 'write', string[]>;
}

async function loadData(url: string, counts: Record<keyof Data['documents'], number>, userCount: number): Promise<Data> {
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
      [passwordHash, userCount / 4],
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
  probe: LoopProbe;
  stop(): Promise<void>;
}

/** The server's event loop over the measured window, from the probe preloaded into it (server-loop-probe.ts). */
interface LoopProbe {
  reset(): void;
  /** NaN figures when the server does not answer within 10 s. */
  collect(): Promise<LoopFigures>;
}

/** node's flags that preload the probe; the server needs an IPC channel to answer it. */
function probeArgs(): string[] {
  const probe = path.join(process.cwd(), 'dist', 'bench', 'server-loop-probe.js');
  if (!existsSync(probe)) throw new BenchError(`${probe} is missing: run from the repository root, after \`npx nest build\`.`);
  return ['--require', probe];
}

function loopProbe(child: ChildProcess): LoopProbe {
  const ask = (command: ToServerProbe['command']) =>
    child.send({ type: 'loop-probe', command } satisfies ToServerProbe, (error) => {
      if (error) process.stderr.write(`bench: the server's event-loop probe is unreachable: ${error.message}\n`);
    });
  return {
    reset: () => ask('reset'),
    collect: async () => {
      let listener: ((received: FromServerProbe) => void) | undefined;
      const answer = new Promise<LoopFigures>((resolve) => {
        listener = (received) => {
          if (received.type === 'loop-figures') resolve(received.figures);
        };
        child.on('message', listener);
      });
      ask('collect');
      try {
        return await withTimeout(answer, 10_000, "the server's event-loop figures");
      } catch {
        return { delayP99Ms: NaN, delayMaxMs: NaN, utilization: NaN };
      } finally {
        child.off('message', listener!);
      }
    },
  };
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
  const child = spawn(process.execPath, [...profileArgs(settings, `concert-${profileName}`), ...probeArgs(), entry], {
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
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
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
  return { target: 'concert', url, child, output, cookies, probe: loopProbe(child), stop };
}

async function startHocuspocus(settings: Settings, profileName: string): Promise<RunningServer> {
  const entry = path.join(process.cwd(), 'dist', 'bench', 'hocuspocus-server.js');
  if (!existsSync(entry)) throw new BenchError(`${entry} is missing: run from the repository root, after \`npx nest build\`.`);
  const child = fork(entry, [], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'production', BENCH_HOCUSPOCUS_PORT: '0' },
    execArgv: [...profileArgs(settings, `hocuspocus-${profileName}`), ...probeArgs()],
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
  return { target: 'hocuspocus', url: `ws://127.0.0.1:${port}`, child, output, cookies: [], probe: loopProbe(child), stop };
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
  /** Per editor; the ramp's first step. */
  editsPerSecond: number;
  awarenessPerSecond: number;
}

/** The load processes of a workload, connected and synced. */
interface OpenedLoad {
  loaders: Loader[];
  connections: number;
  connectMs: number;
}

const connectionsOf = (workload: Workload) => workload.documents.reduce((sum, document) => sum + document.replicas, 0);

/** The list turned by `by` places: a load process's connections start where the previous one's stopped. */
const rotate = <T>(items: T[], by: number): T[] => {
  const at = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
};

/** Edits each editor makes ahead of time for one window at `editsPerSecond` (with the warm-up and some spare). */
const preparedFor = (settings: Settings, editsPerSecond: number, durationS: number) => Math.ceil(editsPerSecond * (settings.warmup + durationS + 2));

async function openLoaders(settings: Settings, server: RunningServer, workload: Workload, preparedEdits: number): Promise<OpenedLoad> {
  const connections = connectionsOf(workload);
  const shares = deal(workload.documents, Math.min(settings.loaders, connections)).filter((share) => share.length > 0);
  const loaders = shares.map((_, i) => Loader.fork(profileArgs(settings, `load-${server.target}-${workload.key}-${i + 1}`)));
  const connectTimeoutMs = 30_000;
  const budgetMs = 60_000 + connections * 40;
  try {
    let dealt = 0;
    const ready = await Promise.all(
      shares.map((documents, i) => {
        const plan: LoadPlan = {
          target: server.target,
          url: server.url,
          // Every user in turn over all the load processes, so that none holds more sockets than the server allows.
          cookies: rotate(server.cookies, dealt),
          documents,
          edits: workload.editsPerSecond > 0,
          awarenessPerSecond: workload.awarenessPerSecond,
          apply: settings.apply,
          preparedEdits,
          connectConcurrency: 32,
          connectTimeoutMs,
        };
        dealt += documents.reduce((sum, share) => sum + share.local, 0);
        return loaders[i].request({ type: 'plan', plan }, 'ready', budgetMs);
      }),
    );
    const failed = ready.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) {
      const first = ready.find((r) => r.firstError)?.firstError;
      throw new BenchError(`${failed} of ${connections} connections failed (first: ${first})\n${server.output.toString()}`);
    }
    return { loaders, connections, connectMs: Math.max(...ready.map((r) => r.connectMs)) };
  } catch (error) {
    await closeLoaders(loaders);
    throw error;
  }
}

const closeLoaders = (loaders: Loader[]) => Promise.all(loaders.map((loader) => loader.close()));

async function sleepUntil(us: number): Promise<void> {
  const ms = (us - nowUs()) / 1000;
  if (ms > 0) await sleep(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Context {
  settings: Settings;
  db: Client;
  postgresPid: number | null;
}

const cpuSecondsOf = (pid: number) => procStat(pid)?.cpuSeconds ?? NaN;

/** CPU seconds of the processes at one instant, and the rows logged so far. */
async function sample(context: Context, server: RunningServer, loaders: Loader[]) {
  return {
    server: cpuSecondsOf(server.child.pid!),
    loaders: loaders.map((loader) => cpuSecondsOf(loader.child.pid!)),
    postgres: context.postgresPid === null ? NaN : cpuOfTree(context.postgresPid),
    logged: server.target === 'concert' ? await updatesLogged(context.db) : NaN,
    pressure: cpuPressure(),
  };
}

/** The worst of each figure. */
const worstLoop = (figures: LoopFigures[]): LoopFigures => ({
  delayP99Ms: Math.max(...figures.map((f) => f.delayP99Ms)),
  delayMaxMs: Math.max(...figures.map((f) => f.delayMaxMs)),
  utilization: Math.max(...figures.map((f) => f.utilization)),
});

/** One window on connections already open: warm-up at the rate, then `durationS` measured, then the drain time. */
async function measureWindow(context: Context, server: RunningServer, load: OpenedLoad, editsPerSecond: number, durationS: number): Promise<EditingResult> {
  const { settings } = context;
  const { loaders } = load;
  const windowStartUs = nowUs() + settings.warmup * 1e6 + 200_000;
  const windowEndUs = windowStartUs + durationS * 1e6;
  for (const loader of loaders) loader.post({ type: 'start', windowStartUs, windowEndUs, editsPerSecond });
  await sleepUntil(windowStartUs);
  server.probe.reset();
  const before = await sample(context, server, loaders);
  await sleepUntil(windowEndUs);
  const after = await sample(context, server, loaders);
  const serverLoop = await server.probe.collect();
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
  const durable = server.target === 'concert' ? after.logged - before.logged : NaN;
  const serverCpu = after.server - before.server;
  const postgresCpu = after.postgres - before.postgres;
  const expectedDeliveries = sum((s) => s.expectedDeliveries);
  const perUnit = (cpuSeconds: number, count: number) => (cpuSeconds * 1e6) / Math.max(1, count);
  return {
    kind: 'editing',
    connections: load.connections,
    connectMs: load.connectMs,
    offeredPerConnection: editsPerSecond,
    latency,
    ack,
    expectedDeliveries,
    editsInWindow: sum((s) => s.editsInWindow),
    cpuPressure: after.pressure,
    completeness: latency.count / Math.max(1, expectedDeliveries),
    deliveriesPerSecond: delivered / durationS,
    editsPerSecond: sum((s) => s.editsInWindow) / durationS,
    durablePerSecond: Number.isNaN(durable) ? null : durable / durationS,
    serverCpuShare: serverCpu / durationS,
    serverCpuUsPerDelivery: perUnit(serverCpu, delivered),
    serverCpuUsPerDurable: perUnit(serverCpu, durable),
    serverLoop,
    postgresCpuShare: postgresCpu / durationS,
    postgresCpuUsPerDelivery: perUnit(postgresCpu, delivered),
    postgresCpuUsPerDurable: perUnit(postgresCpu, durable),
    updateMessagesPerSecond: sum((s) => s.updateMessages) / (durationS + settings.warmup),
    loaderCpuShares: after.loaders.map((seconds, i) => (seconds - before.loaders[i]) / durationS),
    loaderLoop: worstLoop(all.map((s) => s.loop)),
    lateSends: sum((s) => s.lateSends),
    disconnects: sum((s) => s.disconnects),
    ackFailed: sum((s) => s.ackFailed),
    errors: [...new Set(all.flatMap((s) => s.errors))].slice(0, 6),
  };
}

async function runEditing(context: Context, server: RunningServer, workload: Workload, durationS: number): Promise<EditingResult> {
  const load = await openLoaders(context.settings, server, workload, preparedFor(context.settings, workload.editsPerSecond, durationS));
  try {
    return await measureWindow(context, server, load, workload.editsPerSecond, durationS);
  } finally {
    await closeLoaders(load.loaders);
  }
}

/**
 * The write workload on the same connections at each rate of BENCH_RAMP_RATES in turn, each with its warm-up and
 * drain; it stops after the first step whose ack p99 passed the limit (the next ones would only be worse).
 */
async function runRamp(context: Context, server: RunningServer, workload: Workload): Promise<RampResult> {
  const { settings } = context;
  const prepared = settings.rampRates.reduce((sum, rate) => sum + preparedFor(settings, rate, settings.rampDuration), 0);
  const load = await openLoaders(settings, server, workload, prepared);
  const steps: EditingResult[] = [];
  try {
    for (const rate of settings.rampRates) {
      const step = await measureWindow(context, server, load, rate, settings.rampDuration);
      steps.push(step);
      say(`    ${rampStepLine(step)}`);
      if (!keptUp(step)) break;
    }
    return { kind: 'ramp', steps };
  } finally {
    await closeLoaders(load.loaders);
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
  const { loaders, connections, connectMs } = await openLoaders(context.settings, server, workload, 0);
  try {
    const cpuBefore = cpuSecondsOf(pid);
    await sleep(context.settings.duration * 1000);
    const cpuAfter = cpuSecondsOf(pid);
    const rssAfter = await medianRss(pid);
    const all = (await Promise.all(loaders.map((loader) => loader.request({ type: 'collect' }, 'stats', 30_000)))).map((r) => r.stats);
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
    await closeLoaders(loaders);
  }
}

function workloadsOf(settings: Settings, data: Data): Record<WorkloadKey | 'warmup', Workload> {
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * settings.scale));
  const hot100 = scaled(100, 2);
  const hot200 = scaled(200, 2);
  const idle = data.documents.idle.length;
  const idleConnections = scaled(2_000, 1);
  const write = data.documents.write.map((id) => ({ id, replicas: 10 }));
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
    write: {
      key: 'write',
      label: `(d) write-heavy, ${data.documents.write.length} docs × 10 at ${EDITS_PER_SECOND_WRITE}/s`,
      documents: write,
      editsPerSecond: EDITS_PER_SECOND_WRITE,
      awarenessPerSecond: 0,
    },
    ramp: {
      key: 'ramp',
      label: `(e) write ramp, ${data.documents.write.length} docs × 10 at ${settings.rampRates.join(', ')}/s`,
      documents: write,
      editsPerSecond: settings.rampRates[0],
      awarenessPerSecond: 0,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

const targetsOf = (settings: Settings, key: WorkloadKey) => (CONCERT_ONLY.includes(key) ? settings.targets.filter((target) => target === 'concert') : settings.targets);

/** How long the whole run may take before the watchdog ends it: generous, only to stop a run that hangs. */
function budgetSeconds(settings: Settings): number {
  const runs = settings.workloads.reduce((sum, key) => sum + targetsOf(settings, key).length, 0);
  // Opening 4,000 connections (the write workloads at scale 1) may take up to 40 ms each.
  const perRun = settings.warmup + settings.duration + 90 + 160 * settings.scale;
  const ramp = settings.workloads.includes('ramp') ? settings.rampRates.length * (settings.warmup + settings.rampDuration + DRAIN_MS / 1000 + 30) : 0;
  return 240 + (runs + 1) * perRun + ramp;
}

/** One workload on a server that has been warmed up. */
function runWorkload(context: Context, server: RunningServer, workload: Workload): Promise<Result> {
  if (workload.key === 'idle') return runIdle(context, server, workload);
  if (workload.key === 'ramp') return runRamp(context, server, workload);
  return runEditing(context, server, workload, context.settings.duration);
}

async function main(): Promise<number> {
  const settings = readSettings();
  const budget = budgetSeconds(settings);
  const watchdog = setTimeout(() => {
    process.stderr.write(`\nbench: FAILED — still running after ${budget} s; stopping.\n`);
    void cleanUp().finally(() => process.exit(3));
  }, budget * 1000);
  watchdog.unref();

  const started = Date.now();
  say('Concert live-document benchmark');
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
  const counts = { warmup: 1, hot100: 1, hot200: 1, mix: scaled(200), idle: Math.ceil(scaled(2_000) / 10), write: scaled(400) };
  const writes = settings.workloads.some((key) => CONCERT_ONLY.includes(key));
  const data = await loadData(database.url, counts, usersFor(Math.max(scaled(2_000), counts.mix * 10, writes ? counts.write * 10 : 0)));
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
  const results: Results = new Map(settings.targets.map((target) => [target, new Map<WorkloadKey, Result>()]));
  for (const key of settings.workloads) {
    const workload = workloads[key];
    say();
    say(`${workload.label}`);
    if (CONCERT_ONLY.includes(key) && settings.targets.includes('hocuspocus')) say('  Concert only: Hocuspocus keeps documents in memory, with no durable write to compare.');
    for (const target of targetsOf(settings, key)) {
      const name = target === 'concert' ? 'Concert' : 'Hocuspocus';
      const phase = Date.now();
      const server = target === 'concert' ? await startConcert(settings, database.url, data, key) : await startHocuspocus(settings, key);
      const byWorkload = results.get(target)!;
      try {
        await runEditing(context, server, workloads.warmup, Math.min(3, settings.duration));
        say(`  ${name} (pid ${server.child.pid}, started and warmed up in ${fmt((Date.now() - phase) / 1000, 1)} s, CPU pressure ${fmt(cpuPressure() * 100)}%):`);
        const result = await runWorkload(context, server, workload);
        byWorkload.set(key, result);
        const summary = summaryLine(result);
        if (summary) say(`    ${summary}`);
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
  const ramp = results.get('concert')?.get('ramp');
  if (ramp?.kind === 'ramp') {
    say();
    say(`Write ramp (Concert only): ${labels.ramp}, ${settings.rampDuration} s measured per step after ${settings.warmup} s at its rate`);
    say();
    say(rampTable(ramp));
    say();
    for (const line of rampVerdict(ramp)) say(line);
  }
  if (settings.targets.includes('hocuspocus')) {
    say();
    say('Hocuspocus runs with default settings and no extension: it keeps documents in memory only (no durable updates; the write workloads are Concert only).');
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
