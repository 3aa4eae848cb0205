import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrate } from '../../src/database/migrate';
import { createDatabaseIfMissing } from '../../src/database/open-database';
import { testState } from './test-state';

/**
 * One PostgreSQL server for the run: TEST_DATABASE_URL when set (CI points it at the machine's server), else an
 * embedded one in a temporary folder. A template database is migrated once; each test file then gets its own copy.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'concert-test-'));
    // mkdtemp makes it 0700; run as root, the server runs as `postgres` and must be able to enter it.
    await chmod(folder, 0o755);
    const embedded = await startEmbeddedPostgres(path.join(folder, 'postgres'));
    testState.embedded = embedded;
    serverUrl = embedded.url;
  }
  const template = `concert_template_${process.pid}_${Date.now()}`;
  const templateUrl = withDatabase(serverUrl, template);
  await createDatabaseIfMissing(serverUrl, template);
  const dataSource = await new DataSource(dataSourceOptions(templateUrl, 2)).initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.CONCERT_TEST_SERVER_URL = serverUrl;
  process.env.CONCERT_TEST_TEMPLATE = template;
  testState.serverUrl = serverUrl;
  testState.template = template;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
