import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live documents: an append-only log of Yjs updates per document, compacted into a snapshot; the materialized
 * text of each document; the text of an activity report kept when it is accepted; and a notification on every
 * change event so that every server process can push it to live dashboards once it is committed.
 */
export class AddLiveDocuments1764468000000 implements MigrationInterface {
  name = 'AddLiveDocuments1764468000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE documents
        ADD COLUMN snapshot bytea,
        ADD COLUMN snapshot_through bigint NOT NULL DEFAULT 0,
        ADD COLUMN text text NOT NULL DEFAULT '',
        ADD COLUMN html text NOT NULL DEFAULT '',
        ADD COLUMN materialized_at timestamptz,
        ADD COLUMN unavailable_reason text`);
    await db.query(`
      CREATE TABLE document_updates (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        update bytea NOT NULL,
        user_id uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX document_updates_document_idx ON document_updates (document_id, id)`);

    await db.query(`
      ALTER TABLE activity_reports
        ADD COLUMN accepted_text text,
        ADD COLUMN accepted_html text`);

    await db.query(`
      CREATE FUNCTION change_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('concert_change_events', NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER change_events_notify AFTER INSERT ON change_events
      FOR EACH ROW EXECUTE FUNCTION change_events_notify()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER change_events_notify ON change_events`);
    await db.query(`DROP FUNCTION change_events_notify()`);
    await db.query(`ALTER TABLE activity_reports DROP COLUMN accepted_text, DROP COLUMN accepted_html`);
    await db.query(`DROP TABLE document_updates`);
    await db.query(`
      ALTER TABLE documents
        DROP COLUMN snapshot, DROP COLUMN snapshot_through, DROP COLUMN text, DROP COLUMN html,
        DROP COLUMN materialized_at, DROP COLUMN unavailable_reason`);
  }
}
