import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateIf,
} from 'class-validator';
import path from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** One entry of TRUST_PROXY's list: a named range, an IPv4 or IPv6 address, optionally with a prefix length. */
const TRUST_PROXY_ENTRY = String.raw`(?:loopback|linklocal|uniquelocal|[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?:/[0-9]{1,2})?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*(?:/[0-9]{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(String.raw`^(?:[0-9]{1,2}|${TRUST_PROXY_ENTRY}(?:\s*,\s*${TRUST_PROXY_ENTRY})*)$`);

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

  // The development default serves only the embedded database: any real database (DATABASE_URL) gets a real secret.
  @ValidateIf((env: EnvironmentVariables) => env.NODE_ENV === 'production' || env.DATABASE_URL !== undefined || env.SESSION_SECRET !== undefined)
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  @IsString({ message: 'SESSION_SECRET is required when DATABASE_URL is set or NODE_ENV=production (at least 32 random characters)' })
  SESSION_SECRET?: string;

  /** Encrypts the two-factor (TOTP) secrets at rest; unset, a key derived from SESSION_SECRET. */
  @IsOptional()
  @MinLength(32, { message: 'TWO_FACTOR_KEY must be at least 32 characters' })
  TWO_FACTOR_KEY?: string;

  /** Seals the links of invitation and reset mails until they are delivered; unset, a key derived from SESSION_SECRET. */
  @IsOptional()
  @MinLength(32, { message: 'MAIL_SECRET_KEY must be at least 32 characters' })
  MAIL_SECRET_KEY?: string;

  /**
   * Which proxies' X-Forwarded-For to believe, as Express's `trust proxy` takes it: a hop count, or a comma-separated
   * list of addresses, subnets (CIDR) and the names loopback, linklocal, uniquelocal. Unset: none; the client is the
   * socket's own address.
   */
  @IsOptional()
  @Matches(TRUST_PROXY_PATTERN, {
    message: 'TRUST_PROXY must be a hop count (1) or a comma-separated list of addresses, CIDR subnets, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** Short human lines or JSON; unset: pretty on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(LOG_FORMATS, { message: 'LOG_FORMAT must be pretty or json' })
  LOG_FORMAT?: LogFormat;

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

  /** The stored size (snapshot and update log) past which a live document refuses further updates (`document_full`). */
  @Transform(({ value }: { value: unknown }) => (value === undefined || value === '' ? 10 * 1024 * 1024 : Number(value)))
  @IsInt({ message: 'DOCUMENT_MAX_BYTES must be an integer of at least 1024' })
  @Min(1024, { message: 'DOCUMENT_MAX_BYTES must be an integer of at least 1024' })
  DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** The Chromium that renders consolidated reports to PDF (headless); absent, PDF downloads answer 503. */
  @IsString()
  @MinLength(1, { message: 'CHROMIUM_PATH must be the path of a Chromium executable' })
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** The bearer token Prometheus sends for GET /metrics; unset, /metrics does not exist (404). */
  @IsOptional()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;
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
  /** Key material for sealing secret links in the mail outbox until delivery (AES-256-GCM, through HKDF). */
  readonly mailSecretKey: string;
  /** Express's `trust proxy`: false (the socket's address), a hop count, or the proxies' addresses. */
  readonly trustProxy: false | number | string[];
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly demoPassword: string;
  readonly redisUrl: string | undefined;
  /** Unset: no mail leaves; the outbox is the mailbox the secretariat reads (GET /api/admin/mail). */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Whether this process runs pg-boss (digest and reminder schedule) and the outbox delivery loop. */
  readonly jobs: boolean;
  /** Bytes a live document may take in storage before it refuses further updates. */
  readonly documentMaxBytes: number;
  /** Unset: no /metrics. */
  readonly metricsToken: string | undefined;
  /** Headless Chromium for PDF renderings of the consolidated reports. */
  readonly chromiumPath: string;

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
    this.mailSecretKey = env.MAIL_SECRET_KEY ?? this.sessionSecret;
    this.trustProxy = parseTrustProxy(env.TRUST_PROXY);
    this.logLevel = env.LOG_LEVEL;
    this.logFormat = env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
    this.demoPassword = env.DEMO_PASSWORD;
    this.redisUrl = env.REDIS_URL;
    this.smtpUrl = env.SMTP_URL;
    this.mailFrom = env.MAIL_FROM;
    this.jobs = (env.JOBS ?? (env.NODE_ENV === 'test' ? 'off' : 'on')) === 'on';
    this.documentMaxBytes = env.DOCUMENT_MAX_BYTES;
    this.metricsToken = env.METRICS_TOKEN;
    this.chromiumPath = env.CHROMIUM_PATH;
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

function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
