import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A notification's parameters as data (issue 16): who did what on which document, so that the bell says it in the
 * reader's language. Null on rows written before: those show their English summary.
 */
export class AddNotificationParams1765418400000 implements MigrationInterface {
  name = 'AddNotificationParams1765418400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notifications ADD COLUMN params jsonb CHECK (jsonb_typeof(params) = 'object')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE notifications DROP COLUMN params`);
  }
}
