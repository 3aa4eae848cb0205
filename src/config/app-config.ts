import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import path from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const NODE_ENVS = ['development', 'production', 'test'] as const;

const DEV_SESSION_SECRET = 'concert-development-session-secret-not-for-production';

/** The environment as Concert reads it; every variable is validated here and nowhere else. */
class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be an integer between 0 and 65535' })
  @Min(0, { message: 'PORT must be an integer between 0 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 0 and 65535' })
  PORT = 3000;

  @IsOptional()
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true },
    { message: 'DATABASE_URL must be a postgres:// URL' },
  )
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = '.data';

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL?: string;

  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.SESSION_SECRET !== undefined)
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  @IsString({ message: 'SESSION_SECRET is required when NODE_ENV=production' })
  SESSION_SECRET?: string;

  /** Encrypts the two-factor (TOTP) secrets at rest; unset, a key derived from SESSION_SECRET. */
  @IsOptional()
  @MinLength(32, { message: 'TWO_FACTOR_KEY must be at least 32 characters' })
  TWO_FACTOR_KEY?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  @MinLength(8, { message: 'DEMO_PASSWORD must be at least 8 characters' })
  DEMO_PASSWORD = 'concert-demo';

  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true }, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true }, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3, { message: 'MAIL_FROM must be an address such as Concert <concert@example.org>' })
  MAIL_FROM = 'Concert <concert@localhost>';

  /** Background jobs (digest scheduler, reminders, mail delivery): on by default, off by default under NODE_ENV=test. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'JOBS must be on or off' })
  JOBS?: 'on' | 'off';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Settings after validation, with defaults filled in and derived values computed once. */
export class AppConfig {
  readonly production: boolean;
  readonly port: number;
  /** Unset: Concert starts an embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly publicOrigin: string;
  readonly secureCookies: boolean;
  readonly sessionSecret: string;
  /** Key material for the TOTP secrets' encryption (AES-256-GCM, through HKDF). Changing it requires re-enrolment. */
  readonly twoFactorKey: string;
  readonly logLevel: LogLevel;
  readonly demoPassword: string;
  readonly redisUrl: string | undefined;
  /** Unset: no mail leaves; the outbox is the mailbox the secretariat reads (GET /api/admin/mail). */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Whether this process runs pg-boss (digest and reminder schedule) and the outbox delivery loop. */
  readonly jobs: boolean;

  constructor(env: EnvironmentVariables) {
    this.production = env.NODE_ENV === 'production';
    this.port = env.PORT;
    this.databaseUrl = env.DATABASE_URL;
    this.dataDir = path.resolve(env.DATA_DIR);
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.publicOrigin = new URL(this.publicUrl).origin;
    this.secureCookies = this.publicUrl.startsWith('https:');
    this.sessionSecret = env.SESSION_SECRET ?? DEV_SESSION_SECRET;
    this.twoFactorKey = env.TWO_FACTOR_KEY ?? this.sessionSecret;
    this.logLevel = env.LOG_LEVEL;
    this.demoPassword = env.DEMO_PASSWORD;
    this.redisUrl = env.REDIS_URL;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.jobs = (env.JOBS ?? (env.NODE_ENV === 'test' ? 'off' : 'on')) === 'on';
  }

  /** Reads and validates the environment; throws ConfigError naming every bad variable. */
  static fromEnvironment(source: NodeJS.ProcessEnv = process.env, overrides: Record<string, string> = {}): AppConfig {
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...source, ...overrides })) {
      if (value !== undefined && value !== '') raw[key] = value;
    }
    const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
    const errors = validateSync(env, { stopAtFirstError: true });
    if (errors.length > 0) {
      throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? { [e.property]: `${e.property} is invalid` })));
    }
    return new AppConfig(env);
  }
}
