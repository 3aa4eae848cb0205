import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export type DigestFrequency = Exclude<Frequency, 'off'>;

export class DigestPreferencesDto {
  /** off, daily or weekly (weekly digests leave on Mondays). */
  @IsIn(FREQUENCIES)
  frequency!: Frequency;

  /** The local hour the digest leaves at, 0 to 23. */
  @IsInt()
  @Min(0)
  @Max(23)
  hour!: number;

  /** An IANA time zone such as Europe/Rome; the hour is read in it, daylight saving included. */
  @IsString()
  @MaxLength(64)
  timeZone!: string;
}

export class RunDigestsDto {
  @IsIn(['daily', 'weekly'])
  frequency!: DigestFrequency;

  /** Build the periods that ended at or before this time (default: now). */
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

/** The token of an unsubscribe link (every digest mail carries one). */
export class UnsubscribeQuery {
  @IsString()
  @MaxLength(200)
  token!: string;
}
