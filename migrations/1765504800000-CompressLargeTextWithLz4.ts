import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The columns that hold texts of many kilobytes, each written often: mails, live documents, accepted reports. */
const LARGE = {
  mail_outbox: ['text_body', 'html_body'],
  documents: ['snapshot', 'text', 'html'],
  activity_reports: ['accepted_text', 'accepted_html'],
  consolidated_report_editions: ['text', 'html'],
};

const alterAll = (method: string) =>
  Object.entries(LARGE)
    .map(([table, columns]) => `ALTER TABLE ${table} ${columns.map((column) => `ALTER COLUMN ${column} SET COMPRESSION ${method}`).join(', ')};`)
    .join('\n');

/**
 * Large values of these columns are compressed with lz4 instead of PostgreSQL's default pglz, which compresses at
 * about a sixth of lz4's speed for the same size here: a day's digests (bench:digests, 1.1 GB of mail) spent seconds
 * of the database's CPU in pglz. Values written before keep their compression until rewritten.
 *
 * A PostgreSQL built without lz4 (the embedded one is) keeps pglz: the migration says so and changes nothing.
 */
export class CompressLargeTextWithLz41765504800000 implements MigrationInterface {
  name = 'CompressLargeTextWithLz41765504800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DO $$
BEGIN
  ${alterAll('lz4')}
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'This PostgreSQL is built without lz4: large texts stay compressed with pglz.';
END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(alterAll('default'));
  }
}
