import { existsSync } from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import session from 'express-session';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import passport from 'passport';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AccountSessions } from './accounts/account-sessions';
import { ApiTokens } from './accounts/api-tokens.service';
import { bearerAuthentication } from './accounts/bearer-authentication';
import { CachedPgSessionStore } from './accounts/session-store';
import { AppModule } from './app.module';
import { CollabIoAdapter } from './collaboration/collab-io.adapter';
import { SocketLimits } from './collaboration/socket-limits';
import { contentSecurityPolicy, refuseCrossSiteWrites } from './common/csrf';
import { AllExceptionsFilter } from './common/exception.filter';
import { refuseHostileJson } from './common/json-body';
import { createValidationPipe, refuseNulCharacters } from './common/validation';
import { type AppConfig } from './config/app-config';
import { Metrics } from './metrics/metrics';
import { openApiDocument } from './openapi/openapi-document';

export const SESSION_COOKIE = 'concert.sid';

/** The built browser client (`web/dist`, made by `npm start` or `npm run build:web`). */
const WEB_ROOT = path.resolve(process.cwd(), 'web', 'dist');

/**
 * Serves the browser client from the same origin as the API (so the session cookie and the socket need no CORS):
 * its files, and its index.html for every other page address, so that a shared URL opens its page.
 */
function serveBrowserClient(app: NestExpressApplication): void {
  const index = path.join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return;
  // The build names every script and stylesheet by a hash of its content: a browser keeps them for a year and never
  // asks again. Nothing else is cached without asking, so a new build's index.html is seen at once.
  // Each is sent as the build compressed it (brotli, else gzip: web/vite.config.mts), not compressed at each request.
  app.use(
    '/assets',
    expressStaticGzip(path.join(WEB_ROOT, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, maxAge: '365d', immutable: true, fallthrough: false },
    }),
  );
  // Nothing else is served from disk: the build is index.html and assets/ (a static folder at the root looked every
  // API request up on disk before passing it on).
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage = request.method === 'GET' && !request.path.startsWith('/api') && !request.path.startsWith('/socket.io');
    if (isPage && request.accepts('html')) return response.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
    next();
  });
}

/** The whole HTTP application, ready to listen: used by main.ts, the tests and the benchmark alike. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
    bodyParser: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // TRUST_PROXY: which proxies may say who the client is (the login throttle and the audit trail key on it).
  app.set('trust proxy', config.trustProxy);
  // First: times every request, and answers GET /metrics before the sessions and the browser client's page route.
  app.use(app.get(Metrics).middleware());
  // Field offices often work over slow links: JSON and the client's files go gzip-compressed to browsers that accept it.
  app.use(compression());
  // Before JSON.parse: too deep a body, a key reaching a prototype, a key twice, an inexact integer, half a character.
  // Not an inline literal: Nest's types leave `verify` out because its `rawBody` option replaces it, which this app
  // does not use; body-parser receives it as given.
  const jsonBodies = { limit: '1mb', verify: refuseHostileJson };
  app.useBodyParser('json', jsonBodies);
  app.use(refuseNulCharacters);
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config.publicUrl) },
      // Swagger UI and the client load nothing cross-origin; HSTS only where the cookies are Secure (HTTPS).
      hsts: config.secureCookies,
    }),
  );
  app.use(refuseCrossSiteWrites(config.publicUrl));

  const pool = (app.get(DataSource).driver as PostgresDriver).master as Pool;
  const sessionStore = new CachedPgSessionStore(pool);
  app.get(AccountSessions).useStore(sessionStore);
  const sessions = session({
    name: SESSION_COOKIE,
    store: sessionStore,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/' },
  });
  const authentication = [sessions, passport.initialize(), passport.session()];
  for (const middleware of authentication) app.use(middleware);
  // After the session: a Bearer token decides who the request is. Not in `authentication`: sockets never take tokens.
  app.use(bearerAuthentication(app.get(ApiTokens)));

  // The live rooms authenticate their handshake with the same session cookie.
  const sockets = new CollabIoAdapter(app, config, authentication as never, app.get(SocketLimits));
  await sockets.connectRedis();
  app.useWebSocketAdapter(sockets);

  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  serveBrowserClient(app);

  SwaggerModule.setup('api/docs', app, () => openApiDocument(app, SESSION_COOKIE));
  return app;
}
