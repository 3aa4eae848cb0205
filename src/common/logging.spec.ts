import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { loggerOptions, requestLogOptions } from './logging';

/** A pino logger with Concert's options writing JSON records into an array. */
function capture(logLevel: 'info' | 'debug') {
  const records: { level: number; msg: string; context?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      records.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string; context?: string });
      done();
    },
  });
  return { logger: pino(loggerOptions({ logLevel, logFormat: 'json' }), stream), records };
}

// nestjs-pino's Logger calls pino as `logger.info({ context }, message)`.
describe("Nest's start-up lines are debug", () => {
  it('drops the route table and module wiring at info, keeps what the application says', () => {
    const { logger, records } = capture('info');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/health, GET} route');
    logger.info({ context: 'RoutesResolver' }, 'HealthController {/api/health}:');
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.info({ context: 'DigestScheduler' }, 'digest schedule started');
    logger.warn({ context: 'RouterExplorer' }, 'a warning is never demoted');
    expect(records.map((record) => [record.level, record.msg])).toEqual([
      [30, 'digest schedule started'],
      [40, 'a warning is never demoted'],
    ]);
  });

  it('shows the route table at debug, as debug records', () => {
    const { logger, records } = capture('debug');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/health, GET} route');
    logger.info('No DATABASE_URL: starting an embedded PostgreSQL …');
    expect(records.map((record) => [record.level, record.msg, record.context])).toEqual([
      [20, 'Mapped {/api/health, GET} route', 'RouterExplorer'],
      [30, 'No DATABASE_URL: starting an embedded PostgreSQL …', undefined],
    ]);
  });
});

describe('the request log', () => {
  /** A real HTTP server behind Concert's request logger; the records it writes. */
  async function logged(url: string): Promise<{ req: { url: string; headers: Record<string, unknown> }; res: { statusCode: number } }[]> {
    const records: { req: { url: string; headers: Record<string, unknown> }; res: { statusCode: number } }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        records.push(JSON.parse(chunk.toString('utf8')) as (typeof records)[number]);
        done();
      },
    });
    const log = pinoHttp(requestLogOptions({ logLevel: 'info', logFormat: 'json' }), stream);
    const server = createServer((request, response) => {
      log(request, response);
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${url}`, { headers: { cookie: 'concert.sid=s%3Asession-secret' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    return records;
  }

  it('keeps no secret of a URL: an invitation, an unsubscribe token, a sign-in code and state', async () => {
    const [invitation] = await logged('/api/auth/sso/options?invitation=k7Jx-invitation-secret&agency=FAO');
    expect(invitation.req.url).toBe('/api/auth/sso/options?invitation=[redacted]&agency=FAO');
    expect(invitation.res.statusCode).toBe(200);
    const [callback] = await logged('/api/auth/sso/callback?code=one-time-code&state=opaque-state&iss=https%3A%2F%2Fid.fao.example');
    expect(callback.req.url).toBe('/api/auth/sso/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fid.fao.example');
    const [unsubscribe] = await logged('/api/digests/unsubscribe?token=unsubscribe-secret');
    expect(JSON.stringify(unsubscribe)).not.toContain('unsubscribe-secret');
    expect(JSON.stringify(invitation)).not.toContain('session-secret');
  });

  it('keeps a URL without secrets as it came', async () => {
    const [record] = await logged('/api/commitments?framework=BPoA&limit=5');
    expect(record.req.url).toBe('/api/commitments?framework=BPoA&limit=5');
  });
});
