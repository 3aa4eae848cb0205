import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericColumn } from '../database/numeric-column';

@Entity({ name: 'indicators' })
export class Indicator {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) unit!: string;
  @Column(numericColumn()) baseline!: number;
  @Column(numericColumn()) target!: number;
  @Column({ name: 'target_date', type: 'date', nullable: true }) targetDate!: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
