import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';

export type DocumentKind = 'commitment_report' | 'activity_narrative';

/** Live documents: every commitment has its report, every activity report its narrative. */
@Injectable()
export class DocumentsRepository {
  async create(tx: Db, kind: DocumentKind): Promise<string> {
    const [row]: { id: string }[] = await tx.query('INSERT INTO documents (kind) VALUES ($1) RETURNING id', [kind]);
    return row.id;
  }
}
