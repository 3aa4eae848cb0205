import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ENTITY_TYPES, type EntityType } from './changes.repository';

export class ChangesQuery {
  /** Only changes at or after this time (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @IsOptional()
  @IsUUID()
  frameworkId?: string;

  @IsOptional()
  @IsUUID()
  commitmentId?: string;

  @IsOptional()
  @IsIn(ENTITY_TYPES)
  entityType?: EntityType;

  @IsOptional()
  @IsUUID()
  entityId?: string;

  /** `desc`: newest first (the cursor then reads backwards). */
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}
