import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Db } from './transactions';

/** Statement names by their text: a list query has a few texts (one per combination of filters), each named once. */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `concert_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * A read the API serves at every page view, as a prepared statement: each pooled connection has PostgreSQL plan it
 * once, not at every request (planning the commitments list took longer than running it: npm run bench:api), and
 * it goes to the pool without TypeORM's query runner around it. Inside a transaction it is an ordinary query on the
 * transaction's connection.
 */
export async function preparedRead<Row>(db: Db, text: string, values: unknown[]): Promise<Row[]> {
  if (db.queryRunner !== undefined) return db.query<Row[]>(text, values);
  const pool = (db.connection.driver as PostgresDriver).master as Pool;
  const result = await pool.query<Row & object>({ name: statementName(text), text, values });
  return result.rows;
}
