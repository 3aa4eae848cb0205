import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination';
import { IsOmittable } from '../common/validation';
import { AGENCY_KINDS, type AgencyKind } from './agency-kind';

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
