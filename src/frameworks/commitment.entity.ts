import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CommitmentStatus, Participation } from './domain';

@Entity({ name: 'commitments' })
export class Commitment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'framework_id', type: 'uuid' }) frameworkId!: string;
  @Column({ type: 'varchar' }) reference!: string;
  @Column({ type: 'varchar' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar' }) status!: CommitmentStatus;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ name: 'report_document_id', type: 'uuid' }) reportDocumentId!: string;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'commitment_agencies' })
export class CommitmentAgency {
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid' }) commitmentId!: string;
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' }) agencyId!: string;
  @Column({ type: 'varchar' }) participation!: Participation;
}
