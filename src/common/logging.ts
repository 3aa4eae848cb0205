import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { type Options as HttpLoggerOptions } from 'pino-http';
import pretty from 'pino-pretty';
import { type LogFormat, type LogLevel } from '../config/app-config';

/**
 * How Concert logs: JSON lines for machines (not a terminal, or LOG_FORMAT=json), short human lines on a terminal.
 * Nest's own start-up lines (every module, gateway message and mapped route) are `debug`, so that `info` says what
 * happened: the database, the migrations, requests, problems.
 */
export interface LogSettings {
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/** Nest's contexts whose `info` lines describe the wiring rather than events. */
const START_UP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestApplication']);
const INFO = pino.levels.values.info;

export function loggerOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.logLevel,
    hooks: {
      logMethod(args, method, level) {
        const [fields] = args as unknown[];
        const context = typeof fields === 'object' && fields !== null ? (fields as { context?: unknown }).context : undefined;
        if (level === INFO && typeof context === 'string' && START_UP_CONTEXTS.has(context)) {
          this.debug(...args);
          return;
        }
        method.apply(this, args);
      },
    },
  };
}

const streams = new Map<LogFormat, DestinationStream>();

/**
 * The process's one log stream: the start-up messages and Nest's loggers write through it, so their lines keep their
 * order. Pretty output is written synchronously, so that what main prints after it (the banner) comes after it.
 */
export function logStream(settings: LogSettings): DestinationStream {
  let stream = streams.get(settings.logFormat);
  if (!stream) {
    stream =
      settings.logFormat === 'pretty'
        ? pretty({
            sync: true,
            translateTime: 'SYS:HH:MM:ss',
            ignore: 'pid,hostname,context,req,res,responseTime,userId',
            singleLine: true,
            messageFormat: prettyMessage,
          })
        : pino.destination({ dest: 1, sync: false });
    streams.set(settings.logFormat, stream);
  }
  return stream;
}

export function createLogger(settings: LogSettings): Logger {
  return pino(loggerOptions(settings), logStream(settings));
}

/**
 * pino-http's `autoLogging`: every request in JSON; on a terminal, the API's requests only (not each file of the
 * browser client).
 */
export function requestLogging(settings: LogSettings): boolean | { ignore: (request: IncomingMessage) => boolean } {
  if (settings.logFormat === 'json') return true;
  return { ignore: (request) => !(request.url ?? '').startsWith('/api') };
}

/**
 * Query parameters that carry a secret: an invitation's (the invitation page asks which sign-ins it may use), an
 * unsubscribe link's, and OpenID Connect's one-time code and state. A log line keeps that they were there, not what.
 */
const SECRET_PARAMETERS = new Set(['invitation', 'token', 'code', 'state']);
const REDACTED = '[redacted]';

export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  let redacted = false;
  for (const name of new Set(params.keys())) {
    if (SECRET_PARAMETERS.has(name)) {
      params.set(name, REDACTED);
      redacted = true;
    }
  }
  return redacted ? `${url.slice(0, query)}?${params.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)}` : url;
}

interface LoggedRequest {
  url?: string;
  query?: Record<string, unknown>;
  [field: string]: unknown;
}

/** pino-http's options: every request (see requestLogging) with an id, its user, and no secret of its URL or headers. */
export function requestLogOptions(settings: LogSettings): HttpLoggerOptions {
  return {
    ...loggerOptions(settings),
    autoLogging: requestLogging(settings),
    // One id per request, taken from a proxy's X-Request-Id when it sends one, echoed in the answer.
    genReqId: (request, response) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (request) => ({ userId: (request as { user?: { userId?: string } }).user?.userId }),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: LoggedRequest) => {
        const query = request.query && Object.fromEntries(Object.entries(request.query).map(([name, value]) => [name, SECRET_PARAMETERS.has(name) ? REDACTED : value]));
        return { ...request, ...(request.url !== undefined && { url: redactUrl(request.url) }), ...(query && { query }) };
      },
    },
  };
}

/** One short line: `GET /api/commitments 200 12ms` for a request, `[Context] message` otherwise. */
function prettyMessage(log: Record<string, unknown>, messageKey: string): string {
  const request = log.req as { method?: string; url?: string } | undefined;
  const response = log.res as { statusCode?: number } | undefined;
  if (request && response) {
    return `${request.method} ${request.url} ${response.statusCode}${typeof log.responseTime === 'number' ? ` ${log.responseTime}ms` : ''}`;
  }
  const message = log[messageKey];
  const text = typeof message === 'string' ? message : message === undefined ? '' : JSON.stringify(message);
  return typeof log.context === 'string' ? `[${log.context}] ${text}` : text;
}
