import { spawnSync } from 'node:child_process';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers at `url`, decided before the suite is declared (Jest needs to know whether to skip it), so
 * synchronously: a child process tries the TCP connection.
 */
function reachable(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s = require('node:net').createConnection({ host: ${JSON.stringify(hostname)}, port: ${Number(port || 6379)} });
    s.setTimeout(1000); s.on('connect', () => process.exit(0)); s.on('error', () => process.exit(1)); s.on('timeout', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5_000 }).status === 0;
}

export const redisUp = reachable(REDIS_URL);

/**
 * `describe` for a suite of several server processes sharing Redis: skipped, with one line saying why, where Redis is
 * not reachable; with REQUIRE_REDIS=1 (CI) it runs, and its beforeAll must fail when Redis is missing
 * (`assertRedis()`), so that a CI image without Redis cannot pass silently.
 */
export function describeWithRedis(name: string, suite: () => void): void {
  if (redisUp || process.env.REQUIRE_REDIS === '1') {
    describe(name, suite);
    return;
  }
  // stderr: Jest drops console output of a file whose tests are all skipped.
  process.stderr.write(`"${name}" skipped: Redis is not reachable at ${REDIS_URL} (REQUIRE_REDIS=1 makes this a failure).\n`);
  describe.skip(name, suite);
}

export function assertRedis(): void {
  if (!redisUp) throw new Error(`REQUIRE_REDIS=1 but Redis is not reachable at ${REDIS_URL}`);
}
