import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AgencyKind } from './agency-kind';

@Entity({ name: 'agencies' })
export class Agency {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) code!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) kind!: AgencyKind;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
