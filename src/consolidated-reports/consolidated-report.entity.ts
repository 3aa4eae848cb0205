import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CONSOLIDATED_REPORT_STATES = ['draft', 'issued'] as const;
export type ConsolidatedReportState = (typeof CONSOLIDATED_REPORT_STATES)[number];

/** The consolidated progress report of a framework for one cycle: its live summary, its state, how many times issued. */
@Entity({ name: 'consolidated_reports' })
export class ConsolidatedReport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'framework_id', type: 'uuid' }) frameworkId!: string;
  @Column({ name: 'cycle_id', type: 'uuid' }) cycleId!: string;
  @Column({ type: 'varchar' }) state!: ConsolidatedReportState;
  @Column({ name: 'summary_document_id', type: 'uuid' }) summaryDocumentId!: string;
  /** How many times it was issued: 0 for a draft never issued, else the number of the latest edition. */
  @Column({ type: 'integer' }) edition!: number;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
