import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The handle a repository writes through: the open transaction, or the pool outside one. */
export type Db = EntityManager;

/** The one way services open a transaction: everything done through `tx` commits or rolls back together. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Outside any transaction, for reads. */
  get db(): Db {
    return this.dataSource.manager;
  }
}

/**
 * Reads that do not depend on each other: at once over the pool (each on a connection of its own), one after another
 * inside a transaction, whose one connection would queue them anyway (pg warns of that, and pg 9 refuses it).
 */
export async function readTogether<T extends readonly unknown[]>(db: Db, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (db.queryRunner === undefined) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
