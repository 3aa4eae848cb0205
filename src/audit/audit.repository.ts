import { Injectable } from '@nestjs/common';
import type { Db } from '../database/transactions';
import type { AuditAction } from './audit-action';
import type { AuditEventPage, AuditEventResponse } from './audit.responses';

export interface AuditRecord {
  action: AuditAction;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  agencyId?: string | null;
  email?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: AuditAction;
  actorUserId?: string;
  subjectUserId?: string;
  agency?: string;
  email?: string;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditRepository {
  async insert(db: Db, record: AuditRecord): Promise<void> {
    await db.query(
      `INSERT INTO audit_events (action, actor_user_id, subject_user_id, agency_id, email, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.action,
        record.actorUserId ?? null,
        record.subjectUserId ?? null,
        record.agencyId ?? null,
        record.email?.trim().toLowerCase().slice(0, 254) ?? null,
        record.ip?.slice(0, 64) ?? null,
        JSON.stringify(record.details ?? {}),
      ],
    );
  }

  /** Newest first. */
  async list(db: Db, filter: AuditFilter): Promise<AuditEventPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.action !== undefined) add('e.action = ?', filter.action);
    if (filter.actorUserId !== undefined) add('e.actor_user_id = ?', filter.actorUserId);
    if (filter.subjectUserId !== undefined) add('e.subject_user_id = ?', filter.subjectUserId);
    if (filter.agency !== undefined) add('ag.code = ?', filter.agency);
    if (filter.email !== undefined) add('e.email = ?', filter.email.trim().toLowerCase());
    if (filter.since !== undefined) add('e.occurred_at >= ?', filter.since);
    if (filter.until !== undefined) add('e.occurred_at < ?', filter.until);
    const from = `FROM audit_events e
      LEFT JOIN users actor ON actor.id = e.actor_user_id
      LEFT JOIN users subject ON subject.id = e.subject_user_id
      LEFT JOIN agencies ag ON ag.id = e.agency_id
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }]: { total: number }[] = await db.query(`SELECT count(*)::int AS total ${from}`, params);
    const items: AuditEventResponse[] = await db.query(
      `SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.action, e.actor_user_id AS "actorUserId",
              actor.email AS "actorEmail", e.subject_user_id AS "subjectUserId", subject.email AS "subjectEmail",
              ag.code AS "agencyCode", e.email, e.ip, e.details
         ${from}
        ORDER BY e.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }
}
