import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The UN's six languages (issue 16): an agency's official name in Arabic, Chinese, French, Russian and Spanish, beside
 * its English name in `agencies`. One row per agency and language; a language without a row falls back to English.
 */
export class AddAgencyNames1765245600000 implements MigrationInterface {
  name = 'AddAgencyNames1765245600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agency_names (
        agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
        locale varchar(2) NOT NULL CHECK (locale IN ('ar', 'es', 'fr', 'ru', 'zh')),
        name varchar(300) NOT NULL CHECK (length(btrim(name)) > 0),
        PRIMARY KEY (agency_id, locale)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE agency_names`);
  }
}
