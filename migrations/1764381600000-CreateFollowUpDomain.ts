import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The follow-up domain: agencies and their users, frameworks with commitments and indicators, reporting
 * cycles with activity reports and indicator values, live documents, the change feed, and sessions.
 * The rules the domain depends on live here as constraints, not only in services.
 */
export class CreateFollowUpDomain1764381600000 implements MigrationInterface {
  name = 'CreateFollowUpDomain1764381600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(20) NOT NULL,
        name varchar(200) NOT NULL,
        kind varchar(30) NOT NULL CHECK (kind IN ('specialized_agency','fund','programme','department','office','related_organization')),
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agencies_code_format CHECK (code ~ '^[A-Z][A-Z0-9-]{1,19}$')
      )`);
    await db.query(`CREATE UNIQUE INDEX agencies_code_key ON agencies (code)`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        display_name varchar(120) NOT NULL,
        agency_id uuid NOT NULL REFERENCES agencies (id),
        role varchar(20) NOT NULL CHECK (role IN ('staff','focal_point','secretariat')),
        password_hash text,
        active boolean NOT NULL DEFAULT true,
        demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await db.query(`CREATE INDEX users_agency_idx ON users (agency_id)`);

    await db.query(`
      CREATE TABLE frameworks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('programme','theme_group','strategy','decisions')),
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        country varchar(100),
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX frameworks_code_key ON frameworks (code)`);

    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(30) NOT NULL CHECK (kind IN ('commitment_report','activity_narrative')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE commitments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework_id uuid NOT NULL REFERENCES frameworks (id),
        reference varchar(40) NOT NULL,
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'not_started'
          CHECK (status IN ('not_started','on_track','at_risk','off_track','achieved')),
        due_date date,
        report_document_id uuid NOT NULL UNIQUE REFERENCES documents (id),
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX commitments_reference_key ON commitments (reference)`);
    // The order the lists show (BPoA-2 before BPoA-10), so that a page of a framework stops after its rows.
    await db.query(
      `CREATE INDEX commitments_framework_order_idx ON commitments (framework_id, length(reference), reference) WHERE archived_at IS NULL`,
    );
    await db.query(`CREATE INDEX commitments_due_idx ON commitments (due_date)`);

    await db.query(`
      CREATE TABLE commitment_agencies (
        commitment_id uuid NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
        agency_id uuid NOT NULL REFERENCES agencies (id),
        participation varchar(20) NOT NULL CHECK (participation IN ('lead','contributing')),
        PRIMARY KEY (commitment_id, agency_id)
      )`);
    await db.query(`CREATE INDEX commitment_agencies_agency_idx ON commitment_agencies (agency_id, commitment_id)`);

    await db.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES commitments (id),
        name varchar(200) NOT NULL,
        unit varchar(40) NOT NULL,
        baseline numeric NOT NULL DEFAULT 0,
        target numeric NOT NULL,
        target_date date,
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX indicators_name_key ON indicators (commitment_id, name)`);

    await db.query(`
      CREATE TABLE reporting_cycles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework_id uuid NOT NULL REFERENCES frameworks (id),
        label varchar(40) NOT NULL,
        opens_on date NOT NULL,
        due_on date NOT NULL,
        closes_on date NOT NULL,
        archived_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reporting_cycles_dates_ordered CHECK (opens_on <= due_on AND due_on <= closes_on)
      )`);
    await db.query(`CREATE UNIQUE INDEX reporting_cycles_label_key ON reporting_cycles (framework_id, label)`);

    await db.query(`
      CREATE TABLE activity_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES commitments (id),
        agency_id uuid NOT NULL REFERENCES agencies (id),
        cycle_id uuid NOT NULL REFERENCES reporting_cycles (id),
        state varchar(20) NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','accepted','returned')),
        summary text NOT NULL DEFAULT '',
        document_id uuid NOT NULL UNIQUE REFERENCES documents (id),
        return_reason text,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users (id),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_reports_returned_has_reason CHECK (state <> 'returned' OR return_reason IS NOT NULL),
        CONSTRAINT activity_reports_submitted_has_submitter CHECK (state IN ('draft') OR submitted_at IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX activity_reports_one_per_cycle ON activity_reports (commitment_id, agency_id, cycle_id)`);
    await db.query(`CREATE INDEX activity_reports_cycle_idx ON activity_reports (cycle_id, commitment_id)`);
    await db.query(`CREATE INDEX activity_reports_agency_idx ON activity_reports (agency_id, cycle_id)`);

    await db.query(`
      CREATE TABLE indicator_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_report_id uuid NOT NULL REFERENCES activity_reports (id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL REFERENCES indicators (id),
        value numeric NOT NULL,
        note text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX indicator_values_one_per_report ON indicator_values (activity_report_id, indicator_id)`);
    await db.query(`CREATE INDEX indicator_values_indicator_idx ON indicator_values (indicator_id)`);

    await db.query(`
      CREATE TABLE change_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users (id),
        actor_agency_id uuid REFERENCES agencies (id),
        entity_type varchar(30) NOT NULL,
        entity_id uuid NOT NULL,
        action varchar(40) NOT NULL,
        framework_id uuid REFERENCES frameworks (id),
        commitment_id uuid REFERENCES commitments (id),
        summary text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await db.query(`CREATE INDEX change_events_framework_idx ON change_events (framework_id, id)`);
    await db.query(`CREATE INDEX change_events_commitment_idx ON change_events (commitment_id, id)`);
    await db.query(`CREATE INDEX change_events_entity_idx ON change_events (entity_type, entity_id, id)`);
    await db.query(`CREATE INDEX change_events_occurred_idx ON change_events (occurred_at)`);
    // The feed is never rewritten: refuse updates and deletes at the database itself.
    await db.query(`
      CREATE FUNCTION change_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'change_events is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER change_events_append_only BEFORE UPDATE OR DELETE ON change_events
      FOR EACH ROW EXECUTE FUNCTION change_events_append_only()`);
    await db.query(`
      CREATE TRIGGER change_events_no_truncate BEFORE TRUNCATE ON change_events
      FOR EACH STATEMENT EXECUTE FUNCTION change_events_append_only()`);

    // The session table of connect-pg-simple, created here rather than by the store at run time.
    await db.query(`
      CREATE TABLE sessions (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await db.query(`CREATE INDEX sessions_expire_idx ON sessions (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE change_events`);
    await db.query(`DROP FUNCTION change_events_append_only()`);
    await db.query(`DROP TABLE indicator_values`);
    await db.query(`DROP TABLE activity_reports`);
    await db.query(`DROP TABLE reporting_cycles`);
    await db.query(`DROP TABLE indicators`);
    await db.query(`DROP TABLE commitment_agencies`);
    await db.query(`DROP TABLE commitments`);
    await db.query(`DROP TABLE documents`);
    await db.query(`DROP TABLE frameworks`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE agencies`);
  }
}
