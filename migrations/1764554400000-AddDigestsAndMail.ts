import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Digests and mail: what users follow, how often they want a digest, which (user, period) digests are done, and
 * the outbox every outgoing mail goes through. pg-boss keeps its own schema (`pgboss`), created when it starts.
 */
export class AddDigestsAndMail1764554400000 implements MigrationInterface {
  name = 'AddDigestsAndMail1764554400000';

  async up(db: QueryRunner): Promise<void> {
    // following = false is an explicit unfollow: it wins over the default follow of the user's agency's commitments.
    await db.query(`
      CREATE TABLE follows (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        target_type varchar(20) NOT NULL CHECK (target_type IN ('framework','commitment')),
        target_id uuid NOT NULL,
        following boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, target_type, target_id)
      )`);
    await db.query(`CREATE INDEX follows_target_idx ON follows (target_type, target_id)`);

    await db.query(`
      CREATE TABLE digest_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        frequency varchar(10) NOT NULL CHECK (frequency IN ('off','daily','weekly')),
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        time_zone varchar(64) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX digest_preferences_frequency_idx ON digest_preferences (frequency)`);

    await db.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(20) NOT NULL CHECK (kind IN ('digest','reminder','invitation','password_reset')),
        dedupe_key varchar(200) NOT NULL,
        recipient_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        to_address varchar(254) NOT NULL,
        subject varchar(300) NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','held')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        message_id varchar(300),
        sent_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The once-only guarantee: one mail per key (a digest's key is its recipient and period).
    await db.query(`CREATE UNIQUE INDEX mail_outbox_dedupe_key ON mail_outbox (dedupe_key)`);
    await db.query(`CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC, id)`);

    // One row per (user, frequency, period), mail or not: a re-run finds the period done and builds nothing.
    await db.query(`
      CREATE TABLE digest_periods (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        frequency varchar(10) NOT NULL CHECK (frequency IN ('daily','weekly')),
        period_end timestamptz NOT NULL,
        period_start timestamptz NOT NULL,
        mail_id uuid REFERENCES mail_outbox (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, frequency, period_end)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE digest_periods`);
    await db.query(`DROP TABLE mail_outbox`);
    await db.query(`DROP TABLE digest_preferences`);
    await db.query(`DROP TABLE follows`);
  }
}
