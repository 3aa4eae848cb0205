import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { createApp } from './app';
import { createLogger } from './common/logging';
import { AppConfig, ConfigError } from './config/app-config';
import { demoAccounts } from './database/demo/load-demo-data';
import { type EmbeddedDatabase, EmbeddedDatabaseError } from './database/embedded-postgres';
import { openDatabase } from './database/open-database';
import { prepareDatabase } from './database/prepare';

/**
 * `npm start`: with DATABASE_URL, serve that database; without it, start an embedded PostgreSQL under DATA_DIR,
 * migrate, load the demo data once, and serve. The banner (where to go, how to log in) is the last thing printed
 * before requests; a start that fails says why in a line or two, without a stack.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Concert cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config);

  let app: NestExpressApplication | undefined;
  let embedded: EmbeddedDatabase | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing Concert …`);
    await app?.close();
    await embedded?.stop();
    process.exit(0);
  };
  // From the first moment: the embedded PostgreSQL runs in its own process group, so Ctrl-C reaches only this process.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(signal));

  try {
    if (!config.databaseUrl) log.info(`No DATABASE_URL: starting an embedded PostgreSQL for ${config.dataDir} …`);
    const database = await openDatabase(
      config,
      (output) => log.debug({ context: 'PostgreSQL' }, output),
      (notice) => log.info(notice),
    );
    embedded = database.embedded;
    const prepared = await prepareDatabase(database.url, embedded ? { password: config.demoPassword } : null);
    if (prepared.migrations.length > 0) log.info(`Applied migrations: ${prepared.migrations.join(', ')}`);
    if (prepared.demoLoaded) log.info('Loaded the demo data of the CEB 2006 second regular session.');

    // Not app.enableShutdownHooks(): its listeners raise the signal again once the app is closed, which would kill
    // this process before it stops the embedded PostgreSQL. `stop` above closes the app (and so runs its hooks) first.
    app = await createApp(config, database.url);
    await app.listen(config.port);
  } catch (error) {
    process.stderr.write(`Concert cannot start: ${explain(error, config)}\n`);
    if (!(error instanceof EmbeddedDatabaseError) && (config.logLevel === 'debug' || config.logLevel === 'trace')) {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.exit(1);
  }
  printBanner(config, log, embedded);
}

/** The banner: a few plain lines on a terminal, one record in JSON (with the same facts as fields). */
function printBanner(config: AppConfig, log: Logger, embedded: EmbeddedDatabase | undefined): void {
  const url = config.publicUrl;
  const database = embedded ? `embedded PostgreSQL in ${embedded.directory}` : `PostgreSQL at ${describeDatabaseUrl(config.databaseUrl)}`;
  const accounts = embedded && !config.production ? demoAccounts() : [];
  const secretariat = accounts.filter((account) => account.role === 'secretariat').map((account) => account.email);
  const agencies = [...new Set(accounts.filter((account) => account.role === 'focal_point').map((account) => account.agency.toLowerCase()))];
  if (config.logFormat === 'json') {
    log.info(
      {
        url,
        api: `${url}/api`,
        openApi: `${url}/api/docs`,
        database,
        ...(accounts.length > 0 ? { demoLogins: { password: config.demoPassword, accounts: accounts.map((account) => account.email) } } : {}),
      },
      `Concert is serving at ${url}`,
    );
    return;
  }
  const lines = ['', `  Concert is serving at ${url}`, `    API       ${url}/api  (OpenAPI: ${url}/api/docs)`, `    Database  ${database}`];
  const [first, ...others] = agencies;
  if (accounts.length > 0 && first) {
    lines.push(
      `    Demo logins, password "${config.demoPassword}":`,
      `      ${[...secretariat, `focal@${first}.example`, `staff@${first}.example`].join(', ')}`,
      `      and focal@… / staff@… of ${others.join(', ')}`,
    );
  }
  lines.push('    Ctrl-C stops it.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** host:port/database of a DATABASE_URL, without its credentials. */
function describeDatabaseUrl(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'DATABASE_URL';
  const parsed = new URL(databaseUrl);
  return `${parsed.host}${parsed.pathname}`;
}

/** One readable sentence, with what to do, for the failures a newcomer meets. */
function explain(error: unknown, config: AppConfig): string {
  if (error instanceof EmbeddedDatabaseError) return error.message;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const database = config.databaseUrl ? `the database at ${describeDatabaseUrl(config.databaseUrl)} (DATABASE_URL)` : 'the embedded database';
  switch (code) {
    case 'EADDRINUSE':
      return `port ${config.port} is already in use. Stop what listens there, or set PORT.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
      return `cannot reach ${database}: ${message}. Is it running?`;
    case '28P01':
    case '28000':
      return `${database} refused the credentials: ${message}.`;
    case '3D000':
      return `${database} does not exist: ${message}. Create it (createdb) or correct DATABASE_URL.`;
    default:
      return `${message}${config.logLevel === 'debug' || config.logLevel === 'trace' ? '' : ' (LOG_LEVEL=debug prints where it happened)'}`;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Concert cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
