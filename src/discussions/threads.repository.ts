import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination.dto';
import type { Db } from '../database/transactions';
import type { DiscussionAction, DiscussionComment, DiscussionPerson, DiscussionThread } from '../collaboration/protocol';
import type { ThreadState } from './discussions.dto';

export type Person = DiscussionPerson;
export type CommentView = DiscussionComment;
export type ActionView = DiscussionAction;
/**
 * A thread as read: the socket's DiscussionThread, but its own timestamps are Dates (columns, which pg reads as
 * Dates), where its comments' and action's are strings (built in SQL as JSON). Both travel as ISO 8601 text.
 */
export type ThreadRow = Omit<DiscussionThread, 'createdAt' | 'resolvedAt'> & { createdAt: Date; resolvedAt: Date | null };

/**
 * An action item's wording, as SQL: the first comment of its thread that is not deleted ('' when none is left), for
 * the thread whose id is the column `threadId` names. The action items' list, the reminders and the digests say it.
 */
export const actionSummarySql = (threadId: string) =>
  `COALESCE((SELECT c.body FROM discussion_comments c WHERE c.thread_id = ${threadId} AND c.deleted_at IS NULL ORDER BY c.created_at, c.id LIMIT 1), '')`;

/** A comment with what its checks need: its thread and document. */
export interface CommentRef {
  id: string;
  threadId: string;
  documentId: string;
  authorId: string;
  body: string;
  deleted: boolean;
  version: number;
}

export interface ActionItemRow {
  threadId: string;
  documentId: string;
  assigneeAgency: string;
  /** For the policy's rule only: the API's item names the agency by code. */
  assigneeAgencyId: string;
  assigneeUser: Person | null;
  dueDate: string;
  done: boolean;
  doneAt: Date | null;
  overdue: boolean;
  quote: string | null;
  /** The thread's first comment: what is to be done. */
  summary: string;
  threadState: ThreadState;
}

const person = (alias: string, agency: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name, 'agencyCode', ${agency}.code) END`;

const THREAD_SELECT = `
  SELECT t.id, t.document_id AS "documentId",
         CASE WHEN t.anchor_start IS NULL THEN NULL ELSE json_build_object('start', t.anchor_start, 'end', t.anchor_end) END AS anchor,
         t.quote, t.state, ${person('cu', 'ca')} AS "createdBy", t.created_at AS "createdAt",
         ${person('ru', 'ra')} AS "resolvedBy", t.resolved_at AS "resolvedAt",
         CASE WHEN t.action_agency_id IS NULL THEN NULL ELSE json_build_object(
           'assigneeAgency', aa.code, 'assigneeUser', ${person('au', 'aua')}, 'dueDate', to_char(t.action_due_on, 'YYYY-MM-DD'),
           'done', t.action_done_at IS NOT NULL, 'doneAt', t.action_done_at) END AS action,
         t.version,
         COALESCE((
           SELECT json_agg(json_build_object(
                    'id', c.id, 'threadId', c.thread_id,
                    'author', json_build_object('id', w.id, 'displayName', w.display_name, 'agencyCode', wa.code),
                    'body', CASE WHEN c.deleted_at IS NULL THEN c.body ELSE '' END,
                    'mentions', CASE WHEN c.deleted_at IS NULL THEN COALESCE((
                        SELECT json_agg(json_build_object('id', m.id, 'displayName', m.display_name, 'agencyCode', ma.code) ORDER BY m.display_name)
                          FROM users m JOIN agencies ma ON ma.id = m.agency_id WHERE m.id = ANY(c.mentions)), '[]') ELSE '[]' END,
                    'deleted', c.deleted_at IS NOT NULL, 'createdAt', c.created_at, 'editedAt', c.edited_at, 'version', c.version)
                  ORDER BY c.created_at, c.id)
             FROM discussion_comments c
             JOIN users w ON w.id = c.author_id
             JOIN agencies wa ON wa.id = w.agency_id
            WHERE c.thread_id = t.id), '[]') AS comments
    FROM discussion_threads t
    JOIN users cu ON cu.id = t.created_by
    JOIN agencies ca ON ca.id = cu.agency_id
    LEFT JOIN users ru ON ru.id = t.resolved_by
    LEFT JOIN agencies ra ON ra.id = ru.agency_id
    LEFT JOIN agencies aa ON aa.id = t.action_agency_id
    LEFT JOIN users au ON au.id = t.action_user_id
    LEFT JOIN agencies aua ON aua.id = au.agency_id`;

/** Threads, their comments and action items; comments keep their row when deleted. */
@Injectable()
export class ThreadsRepository {
  listByDocument(db: Db, documentId: string, state?: ThreadState): Promise<ThreadRow[]> {
    return db.query(`${THREAD_SELECT} WHERE t.document_id = $1 AND ($2::text IS NULL OR t.state = $2::text) ORDER BY t.created_at, t.id`, [
      documentId,
      state ?? null,
    ]);
  }

  async find(db: Db, id: string): Promise<ThreadRow | null> {
    const rows: ThreadRow[] = await db.query(`${THREAD_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The thread's row locked for this transaction: writes to one thread take turns. */
  async lock(tx: Db, id: string): Promise<{ id: string; documentId: string; createdBy: string; state: ThreadState; version: number } | null> {
    const rows: { id: string; documentId: string; createdBy: string; state: ThreadState; version: number }[] = await tx.query(
      `SELECT id, document_id AS "documentId", created_by AS "createdBy", state, version FROM discussion_threads WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertThread(
    tx: Db,
    thread: { documentId: string; anchor: { start: string; end: string } | null; quote: string | null; createdBy: string },
  ): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO discussion_threads (document_id, anchor_start, anchor_end, quote, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [thread.documentId, thread.anchor?.start ?? null, thread.anchor?.end ?? null, thread.quote, thread.createdBy],
    );
    return rows[0].id;
  }

  async insertComment(tx: Db, comment: { threadId: string; authorId: string; body: string; mentions: readonly string[] }): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO discussion_comments (thread_id, author_id, body, mentions) VALUES ($1, $2, $3, $4::uuid[]) RETURNING id`,
      [comment.threadId, comment.authorId, comment.body, comment.mentions],
    );
    await this.touch(tx, comment.threadId);
    return rows[0].id;
  }

  /** The thread's version moves with every change in it, so a client can tell which copy is newer. */
  async touch(tx: Db, threadId: string): Promise<void> {
    await tx.query(`UPDATE discussion_threads SET version = version + 1, updated_at = now() WHERE id = $1`, [threadId]);
  }

  async lockComment(tx: Db, id: string): Promise<CommentRef | null> {
    const rows: CommentRef[] = await tx.query(
      `SELECT c.id, c.thread_id AS "threadId", t.document_id AS "documentId", c.author_id AS "authorId", c.body,
              c.deleted_at IS NOT NULL AS deleted, c.version
         FROM discussion_comments c JOIN discussion_threads t ON t.id = c.thread_id
        WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** True when the comment was at `version` and is now changed. */
  async editComment(tx: Db, id: string, version: number, body: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `WITH changed AS (
         UPDATE discussion_comments SET body = $3, edited_at = now(), version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 AND deleted_at IS NULL RETURNING id
       ) SELECT id FROM changed`,
      [id, version, body],
    );
    return rows.length === 1;
  }

  async deleteComment(tx: Db, id: string): Promise<void> {
    // The text goes; the row stays, so the thread shows where a comment was.
    await tx.query(`UPDATE discussion_comments SET body = '', mentions = '{}', deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  async setState(tx: Db, id: string, state: ThreadState, by: string): Promise<void> {
    await tx.query(
      `UPDATE discussion_threads
          SET state = $2::varchar, resolved_by = CASE WHEN $2::varchar = 'resolved' THEN $3::uuid END,
              resolved_at = CASE WHEN $2::varchar = 'resolved' THEN now() END,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, state, by],
    );
  }

  async setAction(tx: Db, id: string, action: { agencyId: string; userId: string | null; dueOn: string; by: string } | null): Promise<void> {
    await tx.query(
      `UPDATE discussion_threads
          SET action_agency_id = $2, action_user_id = $3, action_due_on = $4::date, action_set_by = $5,
              action_done_at = NULL, action_done_by = NULL, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, action?.agencyId ?? null, action?.userId ?? null, action?.dueOn ?? null, action?.by ?? null],
    );
  }

  async completeAction(tx: Db, id: string, by: string): Promise<void> {
    await tx.query(
      `UPDATE discussion_threads SET action_done_at = now(), action_done_by = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, by],
    );
  }

  async actionOf(tx: Db, id: string): Promise<{ agencyId: string; agencyCode: string; done: boolean } | null> {
    const rows: { agencyId: string | null; agencyCode: string; done: boolean }[] = await tx.query(
      `SELECT t.action_agency_id AS "agencyId", a.code AS "agencyCode", t.action_done_at IS NOT NULL AS done
         FROM discussion_threads t LEFT JOIN agencies a ON a.id = t.action_agency_id WHERE t.id = $1`,
      [id],
    );
    return rows[0]?.agencyId ? (rows[0] as { agencyId: string; agencyCode: string; done: boolean }) : null;
  }

  /** Everyone who wrote in the thread (its author included), whose comments are not all deleted. */
  async participants(db: Db, threadId: string): Promise<string[]> {
    const rows: { userId: string }[] = await db.query(
      `SELECT created_by AS "userId" FROM discussion_threads WHERE id = $1
       UNION SELECT author_id FROM discussion_comments WHERE thread_id = $1 AND deleted_at IS NULL`,
      [threadId],
    );
    return rows.map((r) => r.userId);
  }

  async listActionItems(
    db: Db,
    filter: { agency?: string; state?: 'open' | 'done'; overdue?: boolean; today: string; limit: number; offset: number },
  ): Promise<Page<ActionItemRow>> {
    const where = `t.action_agency_id IS NOT NULL
      AND ($1::text IS NULL OR aa.code = $1)
      AND ($2::text IS NULL OR ($2 = 'done') = (t.action_done_at IS NOT NULL))
      AND (NOT $3::boolean OR (t.action_done_at IS NULL AND t.action_due_on < $4::date))`;
    const params = [filter.agency ?? null, filter.state ?? null, filter.overdue ?? false, filter.today];
    const [{ total }]: { total: number }[] = await db.query(
      `SELECT count(*)::int AS total FROM discussion_threads t JOIN agencies aa ON aa.id = t.action_agency_id WHERE ${where}`,
      params,
    );
    const items: ActionItemRow[] = await db.query(
      `SELECT t.id AS "threadId", t.document_id AS "documentId", aa.code AS "assigneeAgency", aa.id AS "assigneeAgencyId",
              ${person('au', 'aua')} AS "assigneeUser",
              to_char(t.action_due_on, 'YYYY-MM-DD') AS "dueDate", t.action_done_at IS NOT NULL AS done, t.action_done_at AS "doneAt",
              (t.action_done_at IS NULL AND t.action_due_on < $4::date) AS overdue, t.quote, t.state AS "threadState",
              ${actionSummarySql('t.id')} AS summary
         FROM discussion_threads t
         JOIN agencies aa ON aa.id = t.action_agency_id
         LEFT JOIN users au ON au.id = t.action_user_id
         LEFT JOIN agencies aua ON aua.id = au.agency_id
        WHERE ${where}
        ORDER BY t.action_done_at IS NOT NULL, t.action_due_on, t.id
        LIMIT $5 OFFSET $6`,
      [...params, filter.limit, filter.offset],
    );
    return { items, total };
  }
}
