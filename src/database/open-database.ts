import path from 'node:path';
import { Client } from 'pg';
import { type AppConfig } from '../config/app-config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  url: string;
  /** Set when Concert started its own PostgreSQL; stop it after the app has closed. */
  embedded?: EmbeddedDatabase;
}

export const EMBEDDED_DATABASE_NAME = 'concert';

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL under DATA_DIR with a `concert` database. `log` receives
 * PostgreSQL's own output; `notice`, where the cluster or the binaries went when not where asked (see embedded-postgres.ts).
 */
export async function openDatabase(
  config: AppConfig,
  log: (message: string) => void,
  notice: (message: string) => void = () => undefined,
): Promise<OpenDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  const embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), log, { notice });
  await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE_NAME);
  return { url: embedded.urlFor(EMBEDDED_DATABASE_NAME), embedded };
}

export async function createDatabaseIfMissing(maintenanceUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const quoted = client.escapeIdentifier(name);
      await client.query(template ? `CREATE DATABASE ${quoted} TEMPLATE ${client.escapeIdentifier(template)}` : `CREATE DATABASE ${quoted}`);
    }
  } finally {
    await client.end();
  }
}
