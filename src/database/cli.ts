import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { loadDemoData } from './demo/load-demo-data';
import { migrate, revertLastMigration } from './migrate';
import { openDatabase } from './open-database';

/** `npm run db:migrate | db:revert | seed:demo`, against DATABASE_URL or, without it, the embedded database. */
async function run(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'revert' && command !== 'seed') {
    throw new Error('usage: cli.js migrate | revert | seed');
  }
  const config = AppConfig.fromEnvironment();
  const database = await openDatabase(config, () => undefined);
  const dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
  try {
    if (command === 'migrate') {
      const applied = await migrate(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to migrate.');
    } else if (command === 'revert') {
      await revertLastMigration(dataSource);
      console.log('Reverted the last migration.');
    } else {
      if (config.production) throw new Error('Demo accounts are refused when NODE_ENV=production; not loading them.');
      await migrate(dataSource);
      const loaded = await loadDemoData(dataSource, config.demoPassword);
      console.log(loaded ? 'Loaded the demo data.' : 'The database already holds data; the demo data was not loaded again.');
    }
  } finally {
    await dataSource.destroy();
    await database.embedded?.stop();
  }
}

run(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
