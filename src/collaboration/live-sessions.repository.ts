import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';

/** A live socket's claim to be someone: the session it was opened with, and that session's user. */
export interface SocketSession {
  sessionId: string;
  userId: string;
}

/**
 * Whether the sessions behind live sockets still hold. It reads the accounts' and agencies' tables (sessions, users,
 * agencies): one query, kept in this one method so that it can move to the accounts module whole.
 */
@Injectable()
export class LiveSessionsRepository {
  constructor(private readonly transactions: Transactions) {}

  /** The session ids of `sockets` whose session is unexpired, still the user's, the user active and their agency not archived. */
  async stillValid(sockets: readonly SocketSession[]): Promise<Set<string>> {
    if (sockets.length === 0) return new Set();
    const rows: { sid: string }[] = await this.transactions.db.query(
      `SELECT DISTINCT t.sid
         FROM unnest($1::varchar[], $2::uuid[]) AS t (sid, user_id)
         JOIN sessions s ON s.sid = t.sid AND s.expire >= now() AND s.sess->'passport'->>'user' = t.user_id::text
         JOIN users u ON u.id = t.user_id AND u.active
         JOIN agencies a ON a.id = u.agency_id AND a.archived_at IS NULL`,
      [sockets.map((s) => s.sessionId), sockets.map((s) => s.userId)],
    );
    return new Set(rows.map((row) => row.sid));
  }
}
