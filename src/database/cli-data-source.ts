import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

/**
 * For the TypeORM CLI only, e.g. generating a migration to prune by hand:
 * `DATABASE_URL=… npx typeorm migration:generate -d dist/src/database/cli-data-source.js migrations/VerbNoun`.
 */
const url = AppConfig.fromEnvironment().databaseUrl;
if (!url) throw new Error('DATABASE_URL must be set for the TypeORM CLI');
export default new DataSource(dataSourceOptions(url, 2));
