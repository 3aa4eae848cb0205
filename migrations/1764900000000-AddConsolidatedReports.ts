import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consolidated progress reports (issue 11): one per framework and cycle, with a live summary (a new kind of
 * document), and its issued editions, whose DOCX and PDF bytes are kept so that a later download is byte-identical.
 */
export class AddConsolidatedReports1764900000000 implements MigrationInterface {
  name = 'AddConsolidatedReports1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await db.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('commitment_report','activity_narrative','consolidated_summary'))`,
    );

    await db.query(`
      CREATE TABLE consolidated_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework_id uuid NOT NULL REFERENCES frameworks (id),
        cycle_id uuid NOT NULL REFERENCES reporting_cycles (id),
        state varchar(10) NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','issued')),
        summary_document_id uuid NOT NULL UNIQUE REFERENCES documents (id),
        edition integer NOT NULL DEFAULT 0 CHECK (edition >= 0),
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consolidated_reports_issued_has_edition CHECK (state <> 'issued' OR edition > 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX consolidated_reports_one_per_cycle ON consolidated_reports (framework_id, cycle_id)`);
    await db.query(`CREATE INDEX consolidated_reports_cycle_idx ON consolidated_reports (cycle_id)`);

    await db.query(`
      CREATE TABLE consolidated_report_editions (
        report_id uuid NOT NULL REFERENCES consolidated_reports (id) ON DELETE CASCADE,
        edition integer NOT NULL CHECK (edition > 0),
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by uuid NOT NULL REFERENCES users (id),
        text text NOT NULL,
        html text NOT NULL,
        docx bytea NOT NULL,
        pdf bytea,
        PRIMARY KEY (report_id, edition)
      )`);
    await db.query(`CREATE INDEX consolidated_report_editions_issuer_idx ON consolidated_report_editions (issued_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE consolidated_report_editions`);
    const summaries = `SELECT id FROM documents WHERE kind = 'consolidated_summary'`;
    await db.query(`DROP TABLE consolidated_reports`);
    await db.query(`DELETE FROM documents WHERE id IN (${summaries})`);
    await db.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('commitment_report','activity_narrative'))`);
  }
}
