import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The UN's six languages (issue 16): the language a person reads Concert and its mail in. Null until they choose:
 * the interface then follows their browser, and mail is in English.
 */
export class AddUserLocale1765332000000 implements MigrationInterface {
  name = 'AddUserLocale1765332000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN locale varchar(2) CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN locale`);
  }
}
