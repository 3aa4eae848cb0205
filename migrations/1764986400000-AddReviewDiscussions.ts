import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Review discussions (issue 12): comment threads beside a live document's text, anchored by Yjs relative positions
 * (never marks in the document), their comments with mentions, an action item a thread may carry, each user's
 * notifications, and the preferences resource (mention mail). A new notification is announced on a channel so that
 * every server process can push it to that user's sockets.
 */
export class AddReviewDiscussions1764986400000 implements MigrationInterface {
  name = 'AddReviewDiscussions1764986400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE discussion_threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        anchor_start text,
        anchor_end text,
        quote text CHECK (length(quote) <= 2000),
        state varchar(10) NOT NULL DEFAULT 'open' CHECK (state IN ('open','resolved')),
        created_by uuid NOT NULL REFERENCES users (id),
        resolved_by uuid REFERENCES users (id),
        resolved_at timestamptz,
        action_agency_id uuid REFERENCES agencies (id),
        action_user_id uuid REFERENCES users (id),
        action_due_on date,
        action_set_by uuid REFERENCES users (id),
        action_done_at timestamptz,
        action_done_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT discussion_threads_anchor_whole CHECK ((anchor_start IS NULL) = (anchor_end IS NULL)),
        CONSTRAINT discussion_threads_resolved_by CHECK (state = 'open' OR resolved_by IS NOT NULL),
        CONSTRAINT discussion_threads_action_whole CHECK ((action_agency_id IS NULL) = (action_due_on IS NULL))
      )`);
    await db.query(`CREATE INDEX discussion_threads_document_idx ON discussion_threads (document_id, state, created_at)`);
    await db.query(`
      CREATE INDEX discussion_threads_action_idx ON discussion_threads (action_agency_id, action_due_on)
       WHERE action_agency_id IS NOT NULL`);
    await db.query(`CREATE INDEX discussion_threads_created_by_idx ON discussion_threads (created_by)`);

    await db.query(`
      CREATE TABLE discussion_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES discussion_threads (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (length(body) <= 10000),
        mentions uuid[] NOT NULL DEFAULT '{}',
        deleted_at timestamptz,
        edited_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX discussion_comments_thread_idx ON discussion_comments (thread_id, created_at, id)`);
    await db.query(`CREATE INDEX discussion_comments_author_idx ON discussion_comments (author_id)`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind varchar(20) NOT NULL CHECK (kind IN ('mention','reply','action_assigned','action_due')),
        thread_id uuid REFERENCES discussion_threads (id) ON DELETE CASCADE,
        comment_id uuid REFERENCES discussion_comments (id) ON DELETE CASCADE,
        summary text NOT NULL,
        url varchar(500) NOT NULL,
        dedupe_key varchar(200),
        mailed_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id)`);
    await db.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);
    // The mention mail of a burst takes every mention not mailed yet.
    await db.query(`CREATE INDEX notifications_unmailed_idx ON notifications (user_id) WHERE kind = 'mention' AND mailed_at IS NULL`);
    await db.query(`CREATE INDEX notifications_thread_idx ON notifications (thread_id)`);
    await db.query(`CREATE INDEX notifications_comment_idx ON notifications (comment_id)`);
    // An action item falling due is told once per (user, item, reminder day).
    await db.query(`CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await db.query(`
      CREATE FUNCTION notifications_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('concert_notifications', NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER notifications_notify AFTER INSERT ON notifications
      FOR EACH ROW EXECUTE FUNCTION notifications_notify()`);

    await db.query(`
      CREATE TABLE user_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        mention_mail varchar(12) NOT NULL DEFAULT 'immediately' CHECK (mention_mail IN ('immediately','digest','off')),
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check`);
    await db.query(`
      ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
        CHECK (kind IN ('digest','reminder','invitation','password_reset','mention','action_item'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM mail_outbox WHERE kind IN ('mention','action_item')`);
    await db.query(`ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check`);
    await db.query(`
      ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
        CHECK (kind IN ('digest','reminder','invitation','password_reset'))`);
    await db.query(`DROP TABLE user_preferences`);
    await db.query(`DROP TRIGGER notifications_notify ON notifications`);
    await db.query(`DROP FUNCTION notifications_notify()`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE discussion_comments`);
    await db.query(`DROP TABLE discussion_threads`);
  }
}
