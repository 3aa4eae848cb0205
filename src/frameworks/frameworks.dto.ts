import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';
import { IsOmittable } from '../common/validation';
import {
  COMMITMENT_STATUSES,
  type CommitmentStatus,
  FRAMEWORK_KINDS,
  type FrameworkKind,
  PARTICIPATIONS,
  type Participation,
} from './domain';

const AGENCY_CODE = /^[A-Z][A-Z0-9-]{1,19}$/;
const agencyCodes = { each: true, message: 'each agency code must be 2-20 upper-case letters, digits or hyphens' };

export class FrameworksQuery extends PageQuery {
  @IsOptional()
  @IsIn(FRAMEWORK_KINDS)
  kind?: FrameworkKind;
}

export class CreateFrameworkDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, { message: 'code must be 1-40 letters, digits or hyphens' })
  code!: string;

  @IsIn(FRAMEWORK_KINDS)
  kind!: FrameworkKind;

  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  /** Theme groups work in one country. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  country?: string;
}

export class UpdateFrameworkDto extends VersionedUpdate {
  @IsOmittable()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(100)
  country?: string | null;

  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}

export class CommitmentsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  frameworkId?: string;

  /** Agency code: commitments this agency leads or contributes to. */
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'agency must be an agency code such as FAO' })
  agency?: string;

  /** With `agency`: only where it leads, or only where it contributes. */
  @IsOptional()
  @IsIn(PARTICIPATIONS)
  participation?: Participation;

  @IsOptional()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  /** Due strictly before this date (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'dueBefore must be a date (YYYY-MM-DD)' })
  dueBefore?: string;
}

export class CreateCommitmentDto {
  @IsUUID()
  frameworkId!: string;

  @Matches(/^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$/, { message: 'reference must be 1-40 letters, digits, dots or hyphens' })
  reference!: string;

  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @IsOptional()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate?: string | null;

  @IsArray()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @Matches(AGENCY_CODE, agencyCodes)
  leadAgencies!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(AGENCY_CODE, agencyCodes)
  contributingAgencies?: string[];
}

/** Status is for the lead agencies' focal points; the rest of the definition is the secretariat's. */
export class UpdateCommitmentDto extends VersionedUpdate {
  @IsOmittable()
  @IsIn(COMMITMENT_STATUSES)
  status?: CommitmentStatus;

  @IsOmittable()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @IsOmittable()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'dueDate must be a date (YYYY-MM-DD)' })
  dueDate?: string | null;

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @Matches(AGENCY_CODE, agencyCodes)
  leadAgencies?: string[];

  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @Matches(AGENCY_CODE, agencyCodes)
  contributingAgencies?: string[];

  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}


export class CreateIndicatorDto {
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(40)
  unit!: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  target!: number;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  targetDate?: string | null;
}

export class UpdateIndicatorDto extends VersionedUpdate {
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  unit?: string;

  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baseline?: number;

  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, { message: 'targetDate must be a date (YYYY-MM-DD)' })
  targetDate?: string | null;

  @IsOmittable()
  @IsBoolean()
  archived?: boolean;
}

export class IndicatorValuesQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'agency must be an agency code such as FAO' })
  agency?: string;
}

