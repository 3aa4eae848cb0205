import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { createDatabaseIfMissing } from '../src/database/open-database';

/** What the benchmarks share: settings, bounded clean-up, the server's logs, ports, logins, /proc, tables. */

export class BenchError extends Error {}

export function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new BenchError(`${name} must be an integer from ${min} to ${max} (got "${raw}").`);
  return value;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Everything started is registered here and undone once, in reverse, each step bounded in time.
const cleanups: { label: string; run: () => Promise<void> }[] = [];
let cleanedUp: Promise<void> | undefined;

/** Registers a clean-up step; the returned function takes it back (once the work was undone another way). */
export function onCleanup(label: string, run: () => Promise<void>): () => void {
  const step = { label, run };
  cleanups.push(step);
  return () => {
    const index = cleanups.indexOf(step);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

export function cleanUp(): Promise<void> {
  cleanedUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await withTimeout(step.run(), 20_000, step.label);
      } catch (error) {
        process.stderr.write(`bench: cleanup "${step.label}" failed: ${message(error)}\n`);
      }
    }
  })();
  return cleanedUp;
}

export async function withTimeout<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchError(`${label} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The last lines a process wrote, to show when it fails. */
export class Tail {
  private readonly lines: string[] = [];
  constructor(private readonly max = 40) {}
  push(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
  toString(): string {
    return this.lines.map((line) => `    | ${line}`).join('\n');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new BenchError('no free port'))));
    });
  });
}

/** Logs in over HTTP; answers the session cookie. */
export async function logIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new BenchError(`login as ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  if (!cookie) throw new BenchError('login answered 200 without a session cookie');
  return cookie;
}

/** The postmaster's pid when the database server runs on this machine and its data folder is readable. */
export async function postmasterPid(url: string): Promise<number | null> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    const pid = Number(readFileSync(path.join(rows[0].dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return readFileSync(`/proc/${pid}/comm`, 'utf8').includes('postgres') ? pid : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * A fresh database for a benchmark, named after it: on DATABASE_URL's server when set (dropped at the end, so a
 * benchmark never writes into a database that holds real data), else in an embedded PostgreSQL in a temporary folder
 * (removed at the end).
 */
export async function openBenchDatabase(bench: string): Promise<{ url: string; describe: string }> {
  const name = `concert_bench_${bench}_${process.pid}_${Date.now()}`;
  const given = process.env.DATABASE_URL;
  if (given) {
    await createDatabaseIfMissing(given, name);
    onCleanup(`drop database ${name}`, async () => {
      const client = new Client({ connectionString: given });
      client.on('error', () => undefined);
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
  const folder = await mkdtemp(path.join(os.tmpdir(), `concert-bench-${bench}-`));
  // mkdtemp makes it 0700; run as root, the server runs as `postgres` and must be able to enter it.
  await chmod(folder, 0o755);
  onCleanup(`remove ${folder}`, () => rm(folder, { recursive: true, force: true }));
  const embedded = await startEmbeddedPostgres(path.join(folder, 'postgres'), () => undefined);
  onCleanup('stop embedded PostgreSQL', () => embedded.stop());
  await createDatabaseIfMissing(embedded.url, name);
  return { url: embedded.urlFor(name), describe: `embedded PostgreSQL in ${folder} (removed at the end)` };
}
