import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

/** `?limit=&offset=` on every list; the defaults give the first 50. */
export class PageQuery {
  /** How many items, 1 to 200. */
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  /** How many items to skip. */
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Every update names the version it was read at; a stale one is a 409. */
export class VersionedUpdate {
  /** The `version` the client last read. */
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}
