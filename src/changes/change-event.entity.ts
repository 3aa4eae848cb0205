import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One meaningful change, as the feed, history pages and digests show it. Append-only (a trigger refuses the rest). */
@Entity({ name: 'change_events' })
export class ChangeEvent {
  /** bigint: ordered, so it doubles as the feed's cursor. Kept a string: it may exceed 2^53. */
  @PrimaryColumn({ type: 'bigint', insert: false }) id!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz', insert: false }) occurredAt!: Date;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ name: 'actor_agency_id', type: 'uuid', nullable: true }) actorAgencyId!: string | null;
  @Column({ name: 'entity_type', type: 'varchar' }) entityType!: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId!: string;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ name: 'framework_id', type: 'uuid', nullable: true }) frameworkId!: string | null;
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true }) commitmentId!: string | null;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
}
