import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';
import { IsOmittable } from '../common/validation';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind';

/** The agency's official name in the UN's other languages; on update, an empty string removes one. */
export class AgencyNamesDto {
  @IsOmittable() @IsString() @MaxLength(300) ar?: string;
  @IsOmittable() @IsString() @MaxLength(300) es?: string;
  @IsOmittable() @IsString() @MaxLength(300) fr?: string;
  @IsOmittable() @IsString() @MaxLength(300) ru?: string;
  @IsOmittable() @IsString() @MaxLength(300) zh?: string;
}

export class CreateAgencyDto {
  /** Upper-case code, e.g. FAO. */
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'code must be 2-20 upper-case letters, digits or hyphens, starting with a letter' })
  code!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @IsOmittable()
  @ValidateNested()
  @Type(() => AgencyNamesDto)
  names?: AgencyNamesDto;
}

export class UpdateAgencyDto extends VersionedUpdate {
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @IsOmittable()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @IsOmittable()
  @ValidateNested()
  @Type(() => AgencyNamesDto)
  names?: AgencyNamesDto;

  /** True archives the agency, false restores it. */
  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}

export class AgenciesQuery extends PageQuery {
  @IsOptional()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;
}
