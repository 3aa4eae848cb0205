import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { readTogether } from '../../src/database/transactions';
import { createTestDatabase } from '../support/test-app';

/** readTogether: independent reads at once over the pool, in turn on a transaction's one connection. */
describe('reads that do not depend on each other', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 4)).initialize();
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await dataSource?.destroy();
    await database?.drop();
  });

  const backend = (db: DataSource['manager']) => async () => Number((await db.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid);

  it('inside a transaction, see its own writes, in order, on its one connection, and queue nothing on it', async () => {
    let seen: { count: number; pids: number[] } | undefined;
    await expect(
      dataSource.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE written (x int) ON COMMIT DROP');
        await tx.query('INSERT INTO written VALUES (1), (2), (3)');
        const [count, first, second] = await readTogether(tx, [
          async () => Number((await tx.query<{ n: string }[]>('SELECT count(*) AS n FROM written'))[0].n),
          backend(tx),
          backend(tx),
        ]);
        seen = { count, pids: [first, second] };
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seen?.count).toBe(3);
    expect(new Set(seen?.pids).size).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((message) => message.includes('already executing a query'))).toEqual([]);
  });

  it('over the pool, run at once on connections of their own', async () => {
    const pids = await readTogether(dataSource.manager, [
      async () => (await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid, pg_sleep(0.2)'))[0].pid,
      async () => (await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid, pg_sleep(0.2)'))[0].pid,
    ]);
    expect(new Set(pids).size).toBe(2);
  });
});
