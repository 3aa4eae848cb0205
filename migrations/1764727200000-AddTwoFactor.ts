import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in (issue 6): one TOTP secret per user, encrypted at rest (AES-256-GCM), confirmed once the user has
 * typed a first code, with the last time step accepted so that no code is accepted twice (RFC 6238 §5.2); and the
 * recovery codes, stored only as SHA-256 hashes, each usable once.
 */
export class AddTwoFactor1764727200000 implements MigrationInterface {
  name = 'AddTwoFactor1764727200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        secret_ciphertext text NOT NULL,
        confirmed_at timestamptz,
        last_used_step bigint NOT NULL DEFAULT 0 CHECK (last_used_step >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash char(64) NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE recovery_codes`);
    await db.query(`DROP TABLE user_second_factors`);
  }
}
