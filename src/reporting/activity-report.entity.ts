import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from '../database/numeric-column';
import type { ActivityReportState } from './activity-report-state';

@Entity({ name: 'activity_reports' })
export class ActivityReport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId!: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId!: string;
  @Column({ name: 'cycle_id', type: 'uuid' }) cycleId!: string;
  @Column({ type: 'varchar' }) state!: ActivityReportState;
  @Column({ type: 'text' }) summary!: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column({ name: 'return_reason', type: 'text', nullable: true }) returnReason!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'accepted_text', type: 'text', nullable: true, select: false }) acceptedText!: string | null;
  @Column({ name: 'accepted_html', type: 'text', nullable: true, select: false }) acceptedHtml!: string | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'indicator_values' })
export class IndicatorValue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'activity_report_id', type: 'uuid' }) activityReportId!: string;
  @Column({ name: 'indicator_id', type: 'uuid' }) indicatorId!: string;
  @Column(numericColumn()) value!: number;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
