import 'reflect-metadata';
import { createApp } from './app';
import { AppConfig, ConfigError } from './config/app-config';
import { demoAccounts } from './database/demo/load-demo-data';
import { openDatabase } from './database/open-database';
import { prepareDatabase } from './database/prepare';

/**
 * `npm start`: with DATABASE_URL, serve that database; without it, start an embedded PostgreSQL under DATA_DIR,
 * migrate, load the demo data once, and serve.
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

  const say = (message: string) => process.stdout.write(`${message}\n`);
  if (!config.databaseUrl) say(`No DATABASE_URL: starting an embedded PostgreSQL in ${config.dataDir}/postgres …`);
  const database = await openDatabase(config, () => undefined);
  const embedded = database.embedded;
  const prepared = await prepareDatabase(database.url, embedded ? { password: config.demoPassword } : null);
  if (prepared.migrations.length > 0) say(`Applied migrations: ${prepared.migrations.join(', ')}`);
  if (prepared.demoLoaded) say('Loaded the demo data of the CEB 2006 second regular session.');

  const app = await createApp(config, database.url);
  app.enableShutdownHooks();
  await app.listen(config.port);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: closing Concert …`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  say(`Concert is serving at ${config.publicUrl} (API ${config.publicUrl}/api, OpenAPI ${config.publicUrl}/api/docs)`);
  if (embedded && !config.production) {
    const accounts = demoAccounts();
    say(`Demo logins (password "${config.demoPassword}"):`);
    say(`  ${accounts.filter((a) => a.role !== 'staff').map((a) => a.email).join(', ')}`);
    say(`  and staff@<agency>.example for ${accounts.filter((a) => a.role === 'staff').map((a) => a.agency).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Concert failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
