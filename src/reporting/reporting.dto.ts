import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import { PageQuery, VersionedUpdate } from '../common/pagination.dto';
import { IsOmittable } from '../common/validation';
import { ACTIVITY_REPORT_STATES, type ActivityReportState } from './activity-report-state';

const DATE = { message: '$property must be a date (YYYY-MM-DD)' };

export class CyclesQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  frameworkId?: string;
}

export class CreateCycleDto {
  @IsUUID()
  frameworkId!: string;

  @Matches(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,39}$/, { message: 'label must be 1-40 letters, digits, spaces, dots or hyphens' })
  label!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  opensOn!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  dueOn!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  closesOn!: string;
}

export class UpdateCycleDto extends VersionedUpdate {
  @IsOmittable()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,39}$/, { message: 'label must be 1-40 letters, digits, spaces, dots or hyphens' })
  label?: string;

  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  opensOn?: string;

  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  dueOn?: string;

  @IsOmittable()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  @IsISO8601({ strict: true }, DATE)
  closesOn?: string;
}

export class IndicatorValueInput {
  @IsUUID()
  indicatorId!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2_000)
  note?: string | null;
}

export class ActivityReportsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  frameworkId?: string;

  @IsOptional()
  @IsUUID()
  commitmentId?: string;

  @IsOptional()
  @IsUUID()
  cycleId?: string;

  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,19}$/, { message: 'agency must be an agency code such as FAO' })
  agency?: string;

  @IsOptional()
  @IsIn(ACTIVITY_REPORT_STATES)
  state?: ActivityReportState;
}

/** The report is the creating user's agency's: nobody writes another agency's report. */
export class CreateActivityReportDto {
  @IsUUID()
  commitmentId!: string;

  @IsUUID()
  cycleId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  summary?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueInput)
  indicatorValues?: IndicatorValueInput[];
}

export class UpdateActivityReportDto extends VersionedUpdate {
  @IsOmittable()
  @IsString()
  @MaxLength(20_000)
  summary?: string;

  /** Sets these indicators' values; indicators not named keep theirs. */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueInput)
  indicatorValues?: IndicatorValueInput[];
}

export class TransitionDto extends VersionedUpdate {}

export class TransitionWithReasonDto extends VersionedUpdate {
  /** Why the report is returned or reopened; kept with the report and in the change feed. */
  @IsString()
  @MinLength(3)
  @MaxLength(5_000)
  reason!: string;
}

export class AccountabilityQuery {
  /** The cycle; by default the latest one of the framework that has opened. */
  @IsOptional()
  @IsUUID()
  cycleId?: string;
}
