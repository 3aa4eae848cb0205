import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiTokenDto {
  /** What the token is for ("FAO reporting system"). */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  /** When the token stops working; none: until revoked. */
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt must be a date-time' })
  expiresAt?: Date;
}
