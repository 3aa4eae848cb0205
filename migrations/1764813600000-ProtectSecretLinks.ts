import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Secret links readable by nobody after the fact (issue 10): the link of an invitation or password-reset mail is
 * sealed (AES-256-GCM under MAIL_SECRET_KEY) beside the mail until it is delivered, and its bodies keep only a
 * placeholder. The links already written in clear into the outbox are redacted: they stop being readable (the
 * invitee or user asks again). Invitations can be revoked (by a manager, or with their inviter's deactivation).
 */
export class ProtectSecretLinks1764813600000 implements MigrationInterface {
  name = 'ProtectSecretLinks1764813600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE mail_outbox ADD COLUMN sealed_secret text`);
    await db.query(`
      UPDATE mail_outbox
         SET text_body = regexp_replace(text_body, 'token=[^\\s"<&]+', 'token=[redacted]', 'g'),
             html_body = regexp_replace(html_body, 'token=[^\\s"<&]+', 'token=[redacted]', 'g')
       WHERE kind IN ('invitation', 'password_reset')`);

    await db.query(`ALTER TABLE invitations ADD COLUMN revoked_at timestamptz`);
    await db.query(`ALTER TABLE invitations ADD COLUMN revoked_by uuid REFERENCES users (id) ON DELETE SET NULL`);
    // The pending invitations of an agency (the managers' list) and of an inviter (cancelled when they are deactivated).
    await db.query(`CREATE INDEX invitations_pending_agency_idx ON invitations (agency_id, created_at) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await db.query(`CREATE INDEX invitations_pending_inviter_idx ON invitations (invited_by) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The redacted links stay redacted: they were secrets nobody should read back.
    await db.query(`DROP INDEX invitations_pending_inviter_idx`);
    await db.query(`DROP INDEX invitations_pending_agency_idx`);
    await db.query(`ALTER TABLE invitations DROP COLUMN revoked_by`);
    await db.query(`ALTER TABLE invitations DROP COLUMN revoked_at`);
    await db.query(`ALTER TABLE mail_outbox DROP COLUMN sealed_secret`);
  }
}
