import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DocumentRegistry } from '../collaboration/document-registry';
import { DurableWrites } from '../collaboration/durable-writes';
import type { ErrorBody } from '../common/exception.filter';
import { AppConfig } from '../config/app-config';
import { MetricsRepository } from './metrics.repository';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Hashed before comparing: timingSafeEqual needs equal lengths, and the token's length is no one's business. */
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus metrics of this process, in its own registry (several apps share one test process). Gauges are read on
 * each scrape from the objects that hold the numbers, so nothing is counted twice or drifts.
 */
@Injectable()
export class Metrics implements OnApplicationBootstrap {
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly websockets: Gauge;

  constructor(
    readonly registry: Registry,
    private readonly config: AppConfig,
    repository: MetricsRepository,
    private readonly moduleRef: ModuleRef,
    private readonly http: HttpAdapterHost,
  ) {
    const registers = [registry];
    collectDefaultMetrics({ register: registry });
    this.httpDuration = new Histogram({
      name: 'concert_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (unmatched: client files, pages, 404s) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.websockets = new Gauge({
      name: 'concert_websocket_connections',
      help: 'WebSocket connections open to this process (socket.io upgrades; long-polling clients are not counted)',
      registers,
    });
    // Read lazily: the live-document objects belong to the collaboration module, which does not export them.
    const live = <T>(type: new (...args: never[]) => T): T => this.moduleRef.get(type, { strict: false });
    new Gauge({
      name: 'concert_live_documents',
      help: 'Documents loaded in memory in this process',
      registers,
      collect() {
        this.set(live(DocumentRegistry).loaded().length);
      },
    });
    new Gauge({
      name: 'concert_durable_writes_pending',
      help: 'Updates applied and relayed but not yet handed to an INSERT in this process',
      registers,
      collect() {
        this.set(live(DurableWrites).pending);
      },
    });
    new Gauge({
      name: 'concert_mail_outbox_pending',
      help: 'Mails in the outbox waiting for delivery (all processes)',
      registers,
      async collect() {
        this.set(await repository.pendingMails());
      },
    });
    new Gauge({
      name: 'concert_job_lag_seconds',
      help: 'Age of the oldest due pg-boss job no worker has started (0: none waiting; all processes)',
      registers,
      async collect() {
        this.set(await repository.oldestDueJobAgeSeconds());
      },
    });
  }

  /** Counts the WebSocket upgrades of socket.io's path until their connection closes. */
  onApplicationBootstrap(): void {
    // An application context without HTTP (the digests CLI, a benchmark) has no server to watch.
    const server = this.http.httpAdapter?.getHttpServer() as Server | undefined;
    server?.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
      if (!request.url?.startsWith('/socket.io/')) return;
      this.websockets.inc();
      socket.once('close', () => this.websockets.dec());
    });
  }

  /**
   * Express middleware, mounted before the browser client's page route: answers GET /metrics (404 without
   * METRICS_TOKEN, 401 without that bearer token) and times every other request by its route pattern.
   */
  middleware() {
    return (request: Request, response: Response, next: NextFunction): void => {
      if (request.path === '/metrics' && request.method === 'GET') {
        void this.scrape(request, response).catch(next);
        return;
      }
      const started = performance.now();
      response.once('finish', () => {
        // Express's matched route, so /api/commitments/:id and not each id; no route matched: one label for all.
        const route = request.route ? `${request.baseUrl}${(request.route as { path: string }).path}` : 'unmatched';
        const method = METHODS.has(request.method) ? request.method : 'OTHER';
        this.httpDuration.observe({ method, route, status: String(response.statusCode) }, (performance.now() - started) / 1000);
      });
      next();
    };
  }

  private async scrape(request: Request, response: Response): Promise<void> {
    const refuse = (statusCode: number, code: string, message: string) => {
      const body: ErrorBody = { statusCode, error: { code, message } };
      response.status(statusCode).json(body);
    };
    const token = this.config.metricsToken;
    if (token === undefined) return refuse(404, 'not_found', 'There is nothing here.');
    const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), digest(token))) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="concert-metrics"');
      return refuse(401, 'unauthenticated', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".');
    }
    response.setHeader('Content-Type', this.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await this.registry.metrics());
  }
}
