import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Accounts lifecycle and security (issue 6): invitations and password resets (tokens stored only as SHA-256 hashes,
 * single-use, expiring), personal API tokens, the audit trail, and the login throttle's counters (the table layout
 * rate-limiter-flexible's RateLimiterPostgres expects, so that it holds across processes and restarts).
 */
export class AddAccountsSecurity1764640800000 implements MigrationInterface {
  name = 'AddAccountsSecurity1764640800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies (id),
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        display_name varchar(120) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('staff','focal_point','secretariat')),
        token_hash char(64) NOT NULL UNIQUE,
        invited_by uuid NOT NULL REFERENCES users (id),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX invitations_email_idx ON invitations (email)`);

    await db.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id)`);

    await db.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)`);

    await db.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action varchar(40) NOT NULL,
        actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        subject_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        agency_id uuid REFERENCES agencies (id) ON DELETE SET NULL,
        email varchar(254),
        ip varchar(64),
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`);
    await db.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, id)`);
    await db.query(`CREATE INDEX audit_events_subject_idx ON audit_events (subject_user_id, id)`);

    await db.query(`
      CREATE TABLE login_throttle (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_throttle`);
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP TABLE api_tokens`);
    await db.query(`DROP TABLE password_resets`);
    await db.query(`DROP TABLE invitations`);
  }
}
