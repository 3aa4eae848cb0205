import { type DataSource } from 'typeorm';

/** An arbitrary constant that names "Concert's schema migration" among Postgres advisory locks. */
const MIGRATION_LOCK = 7_311_203_001;

/**
 * Applies pending migrations under a session-level advisory lock, so that several processes starting at once
 * apply each migration once: the first runs them, the others wait, then find nothing pending.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the last applied migration, under the same lock. */
export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  await withAdvisoryLock(dataSource, MIGRATION_LOCK, () => dataSource.undoLastMigration({ transaction: 'each' }));
}

export async function withAdvisoryLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
