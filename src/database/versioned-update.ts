import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NotFoundError, StaleVersionError } from '../common/errors';
import type { Db } from './transactions';

/**
 * Optimistic concurrency where it holds: the version is checked in the UPDATE's own WHERE clause, so two writers
 * that read the same version cannot both win (a read-then-save would let the second overwrite the first).
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  tx: Db,
  target: EntityTarget<E>,
  label: string,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<E>,
): Promise<E> {
  const repository = tx.getRepository(target);
  const result = await repository
    .createQueryBuilder()
    .update()
    .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  const current = await repository.findOneBy({ id } as never);
  if (!current) throw new NotFoundError(label, id);
  if (!result.affected) throw new StaleVersionError(label, id, expectedVersion, current.version);
  return current;
}

/** The fields whose values differ, as `{ before, after }` for the change feed. */
export function changedFields<T extends object>(before: T, after: T, fields: (keyof T)[]): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const field of fields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      was[field] = before[field];
      now[field] = after[field];
    }
  }
  return { before: was, after: now };
}
