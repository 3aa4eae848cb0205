import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createClient } from 'redis';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import type { CollabFailure } from './collab-failure';
import type { SocketLimits } from './socket-limits';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** Largest socket.io message accepted, in bytes; a larger one closes that connection. */
export const MAX_MESSAGE_BYTES = 1_000_000;

/**
 * socket.io for the live rooms: the same session cookie as the REST API (express-session and passport run on the
 * handshake), browsers from other origins refused (cross-site WebSocket hijacking), and, with REDIS_URL, the Redis
 * adapter carrying broadcasts between server processes.
 */
export class CollabIoAdapter extends IoAdapter {
  private redisClients: { quit(): Promise<unknown> }[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly handshakeMiddleware: Middleware[],
    private readonly limits: SocketLimits,
  ) {
    super(app);
  }

  /** Connects to Redis before the server starts, when REDIS_URL is set. */
  async connectRedis(): Promise<void> {
    if (!this.config.redisUrl) return;
    const publisher = createClient({ url: this.config.redisUrl });
    const subscriber = publisher.duplicate();
    await Promise.all([publisher.connect(), subscriber.connect()]);
    this.redisClients = [publisher, subscriber];
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server = super.createIOServer(port, {
      ...options,
      serveClient: false,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      allowRequest: (request, callback) => {
        const origin = request.headers.origin;
        // Programs without a browser send no Origin; a browser always does, and only pages of this server may
        // connect: PUBLIC_URL's origin, or the very host the request came to (http://127.0.0.1:3000 beside the
        // default PUBLIC_URL http://localhost:3000).
        callback(null, origin === undefined || origin === this.config.publicOrigin || sameHost(origin, request.headers.host));
      },
    } as ServerOptions);
    for (const middleware of this.handshakeMiddleware) server.engine.use(onlyForHandshake(middleware));
    const [publisher, subscriber] = this.redisClients;
    // The adapter's parameter types lag behind node-redis 5's client type; the clients are what it expects.
    // A process that does not answer a server-side question within a second is not waited for longer.
    if (publisher && subscriber) server.adapter(createAdapter(publisher, subscriber, { requestsTimeout: 1_000 }));
    return server;
  }

  /**
   * Each socket's messages go straight to their handlers, with plain listeners. Nest's own binding keeps an rxjs
   * pipeline per handler per socket for the socket's lifetime, which measured ~24 KB per idle connection (as much as
   * socket.io itself) and ~9% of the CPU per message in `npm run bench:collab`. Same behaviour: the handler's result
   * is the ack (or an `{ event, data }` emitted back), and an error a handler lets through is logged, not fatal.
   *
   * Every event of every gateway on the namespace is counted here first (SocketLimits): past the socket's rate,
   * nothing runs, and the sender is told `rate_limited` as the gateways tell every refusal.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]) as { data: unknown; ack?: (response: unknown) => void };
        try {
          this.limits.spend(socket.id);
        } catch (error) {
          const refusal = { code: (error as CollabFailure).code, message: (error as CollabFailure).message };
          // Like every refusal of the protocol: in the ack when there is one, and as an error event when there is
          // none, or when the event is a sync (whose refusals are always both); naming the document when the event
          // concerns one the socket joined.
          if (typeof ack !== 'function' || message === 'sync') {
            const documents = (socket.data as { documents?: Map<string, unknown> }).documents;
            socket.emit('error', typeof args[0] === 'string' && documents?.has(args[0]) ? args[0] : null, refusal);
          }
          if (typeof ack === 'function') ack({ ok: false, error: refusal });
          return;
        }
        let result: Observable<unknown>;
        try {
          result = transform(callback(data, ack));
        } catch (error) {
          return this.logger.error(error);
        }
        result.subscribe({
          next: (response) => {
            if (response === undefined || response === null) return;
            const event = response as { event?: string; data?: unknown };
            if (event.event) return void socket.emit(event.event, event.data);
            if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: (error: unknown) => this.logger.error(error),
        });
      });
    }
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
    this.redisClients = [];
  }
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Runs a middleware only on the handshake request, not on every polling request that follows. */
function onlyForHandshake(middleware: Middleware): Middleware {
  return (request, response, next) => {
    const isHandshake = (request as IncomingMessage & { _query?: { sid?: string } })._query?.sid === undefined;
    if (isHandshake) middleware(request, response, next);
    else next();
  };
}
