import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { FrameworkKind } from './domain';

@Entity({ name: 'frameworks' })
export class Framework {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) code!: string;
  @Column({ type: 'varchar' }) kind!: FrameworkKind;
  @Column({ type: 'varchar' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'varchar', nullable: true }) country!: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @Column({ type: 'integer' }) version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
