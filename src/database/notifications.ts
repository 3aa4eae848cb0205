import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';

export const DATABASE_URL = Symbol('DATABASE_URL');

type Handler = (payload: string) => void;

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection: how every server process hears of a committed change event
 * or an ended session, whichever process caused it. A NOTIFY sent inside a transaction is delivered only if it
 * commits.
 */
@Injectable()
export class PgNotifications implements OnModuleDestroy {
  private readonly logger = new Logger(PgNotifications.name);
  private readonly handlers = new Map<string, Set<Handler>>();
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private closed = false;

  constructor(@Inject(DATABASE_URL) private readonly url: string) {}

  async listen(channel: string, handler: Handler): Promise<void> {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      const client = await this.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    }
    handlers.add(handler);
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.url, application_name: 'concert-listen' });
      client.on('notification', (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', (error) => {
        this.logger.error(`The LISTEN connection failed: ${error.message}; reconnecting.`);
        this.client = null;
        this.connecting = null;
        void client.end().catch(() => undefined);
        if (!this.closed) setTimeout(() => void this.relisten(), 1_000).unref();
      });
      await client.connect();
      this.client = client;
      return client;
    })();
    return this.connecting;
  }

  private async relisten(): Promise<void> {
    try {
      const client = await this.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      this.logger.error(`Listening again failed: ${String(error)}`);
      this.client = null;
      this.connecting = null;
      if (!this.closed) setTimeout(() => void this.relisten(), 2_000).unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => null));
    await client?.end().catch(() => undefined);
  }
}
