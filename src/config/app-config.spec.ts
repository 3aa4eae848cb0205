import path from 'node:path';
import { AppConfig, ConfigError } from './app-config';

/** The ConfigError fromEnvironment throws for these settings (fails the test when it does not throw one). */
function problemWith(source: NodeJS.ProcessEnv, overrides: Record<string, string> = {}): ConfigError {
  let thrown: unknown;
  try {
    AppConfig.fromEnvironment(source, overrides);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  return thrown as ConfigError;
}

const SECRET = 'a-session-secret-of-at-least-32-characters';

describe('AppConfig.fromEnvironment', () => {
  describe('with nothing set', () => {
    const config = AppConfig.fromEnvironment({});

    it('serves on port 3000 at http://localhost:3000', () => {
      expect(config.port).toBe(3000);
      expect(config.publicUrl).toBe('http://localhost:3000');
      expect(config.publicOrigin).toBe('http://localhost:3000');
      expect(config.secureCookies).toBe(false);
    });

    it('keeps its data in ./.data, resolved to an absolute path', () => {
      expect(path.isAbsolute(config.dataDir)).toBe(true);
      expect(config.dataDir).toBe(path.resolve('.data'));
    });

    it('starts the embedded database, in development, with the default demo password and log level', () => {
      expect(config.databaseUrl).toBeUndefined();
      expect(config.production).toBe(false);
      expect(config.demoPassword).toBe('concert-demo');
      expect(config.logLevel).toBe('info');
      expect(config.redisUrl).toBeUndefined();
      expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    });
  });

  it('reads every setting it is given', () => {
    const config = AppConfig.fromEnvironment({
      PORT: '8080',
      DATABASE_URL: 'postgres://concert@db.internal:5432/concert',
      DATA_DIR: '/var/lib/concert',
      PUBLIC_URL: 'https://concert.example.org/',
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: 'another-demo',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://concert@db.internal:5432/concert',
      dataDir: '/var/lib/concert',
      publicUrl: 'https://concert.example.org',
      publicOrigin: 'https://concert.example.org',
      production: true,
      sessionSecret: SECRET,
      logLevel: 'warn',
      demoPassword: 'another-demo',
      redisUrl: 'redis://cache:6379',
    });
  });

  it('derives the default public URL from PORT', () => {
    expect(AppConfig.fromEnvironment({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('resolves a relative DATA_DIR against the working directory', () => {
    expect(AppConfig.fromEnvironment({ DATA_DIR: 'var/concert' }).dataDir).toBe(path.resolve('var/concert'));
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(AppConfig.fromEnvironment({ DATABASE_URL: 'postgresql://localhost/concert', SESSION_SECRET: SECRET }).databaseUrl).toBe('postgresql://localhost/concert');
  });

  it('lets overrides win over the environment, and treats an empty value as unset', () => {
    expect(AppConfig.fromEnvironment({ PORT: '5000' }, { PORT: '5001' }).port).toBe(5001);
    expect(AppConfig.fromEnvironment({ PORT: '', LOG_LEVEL: '' }).port).toBe(3000);
    expect(AppConfig.fromEnvironment({ LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it('ignores variables it does not know', () => {
    expect(AppConfig.fromEnvironment({ HOME: '/root', PATH: '/usr/bin' }).port).toBe(3000);
  });

  describe('secure cookies', () => {
    it('are on for an https PUBLIC_URL', () => {
      expect(AppConfig.fromEnvironment({ PUBLIC_URL: 'https://concert.example.org' }).secureCookies).toBe(true);
    });

    it('are off for an http PUBLIC_URL', () => {
      expect(AppConfig.fromEnvironment({ PUBLIC_URL: 'http://concert.internal:8080' }).secureCookies).toBe(false);
    });
  });

  describe('refuses a bad value with a message naming the variable', () => {
    it.each([
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '70000' }],
      ['PORT', { PORT: '-1' }],
      ['PORT', { PORT: '80.5' }],
      ['DATABASE_URL', { DATABASE_URL: 'mysql://x', SESSION_SECRET: SECRET }],
      ['DATABASE_URL', { DATABASE_URL: 'not a url', SESSION_SECRET: SECRET }],
      ['PUBLIC_URL', { PUBLIC_URL: 'nope' }],
      ['PUBLIC_URL', { PUBLIC_URL: 'ftp://concert.example.org' }],
      ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
      ['NODE_ENV', { NODE_ENV: 'staging' }],
      ['SESSION_SECRET', { NODE_ENV: 'production' }],
      // The development default serves only the embedded database, whatever NODE_ENV says.
      ['SESSION_SECRET', { DATABASE_URL: 'postgres://db.internal/concert' }],
      ['SESSION_SECRET', { NODE_ENV: 'test', DATABASE_URL: 'postgres://db.internal/concert' }],
      ['MAIL_SECRET_KEY', { MAIL_SECRET_KEY: 'short' }],
      ['TRUST_PROXY', { TRUST_PROXY: 'yes' }],
      ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
      ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.1; rm -rf' }],
      ['SESSION_SECRET', { SESSION_SECRET: 'too-short' }],
      ['SESSION_SECRET', { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(31) }],
      ['DEMO_PASSWORD', { DEMO_PASSWORD: 'short' }],
      ['REDIS_URL', { REDIS_URL: 'http://cache:6379' }],
    ] as const)('%s in %j', (variable, source) => {
      const error = problemWith(source);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toContain(variable);
      expect(error.message).toContain(variable);
    });

    it('says that SESSION_SECRET is required in production', () => {
      expect(problemWith({ NODE_ENV: 'production' }).problems[0]).toMatch(/SESSION_SECRET is required when DATABASE_URL is set or NODE_ENV=production/);
    });

    it('says how long SESSION_SECRET must be', () => {
      expect(problemWith({ SESSION_SECRET: 'too-short' }).problems[0]).toMatch(/at least 32 characters/);
    });

    it('names every bad variable at once', () => {
      const error = problemWith({ PORT: 'abc', LOG_LEVEL: 'loud', PUBLIC_URL: 'nope' });
      expect(error.problems).toHaveLength(3);
      expect(error.message).toMatch(/PORT/);
      expect(error.message).toMatch(/LOG_LEVEL/);
      expect(error.message).toMatch(/PUBLIC_URL/);
    });

    it('refuses a bad override too', () => {
      expect(problemWith({ PORT: '3000' }, { PORT: 'abc' }).problems[0]).toContain('PORT');
    });
  });

  it('reads TRUST_PROXY as Express takes it: unset is none, a number is hops, a list is addresses', () => {
    expect(AppConfig.fromEnvironment({}).trustProxy).toBe(false);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('seals mail links under MAIL_SECRET_KEY, or under a key derived from SESSION_SECRET', () => {
    expect(AppConfig.fromEnvironment({ SESSION_SECRET: SECRET }).mailSecretKey).toBe(SECRET);
    expect(AppConfig.fromEnvironment({ SESSION_SECRET: SECRET, MAIL_SECRET_KEY: 'm'.repeat(32) }).mailSecretKey).toBe('m'.repeat(32));
  });

  it('accepts production with a long enough SESSION_SECRET, and uses it', () => {
    const config = AppConfig.fromEnvironment({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) });
    expect(config.production).toBe(true);
    expect(config.sessionSecret).toBe('x'.repeat(32));
  });
});
