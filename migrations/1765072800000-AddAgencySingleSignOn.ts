import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Single sign-on per agency (issue 15): the agency's OpenID Connect provider (its client secret sealed with
 * AES-256-GCM, as the TOTP secrets), the email domains that send its people there, and whether they may still sign in
 * with a password; and which account each person at a provider is (agency, `sub`, with the issuer it came from: a
 * `sub` is unique only within its issuer), so that a changed email at the provider does not make a second account.
 */
export class AddAgencySingleSignOn1765072800000 implements MigrationInterface {
  name = 'AddAgencySingleSignOn1765072800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agency_sso (
        agency_id uuid PRIMARY KEY REFERENCES agencies (id) ON DELETE CASCADE,
        issuer varchar(2000) NOT NULL,
        client_id varchar(500) NOT NULL,
        client_secret_ciphertext text,
        email_domains varchar(253)[] NOT NULL CHECK (cardinality(email_domains) > 0),
        password_login varchar(10) NOT NULL DEFAULT 'allowed' CHECK (password_login IN ('allowed', 'disabled')),
        default_role varchar(20) NOT NULL DEFAULT 'staff' CHECK (default_role IN ('staff')),
        version integer NOT NULL DEFAULT 1,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX agency_sso_email_domains_idx ON agency_sso USING gin (email_domains)`);
    await db.query(`
      CREATE TABLE sso_identities (
        agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
        subject varchar(255) NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        issuer varchar(2000) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_signed_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, subject),
        UNIQUE (user_id, agency_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sso_identities`);
    await db.query(`DROP TABLE agency_sso`);
  }
}
