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
