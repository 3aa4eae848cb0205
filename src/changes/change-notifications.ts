import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PgNotifications } from '../database/notifications';
import { Transactions } from '../database/transactions';
import { ChangesRepository, type ChangeView } from './changes.repository';

/** The channel the change_events trigger notifies, with the new event's id, when its transaction commits. */
export const CHANGE_EVENTS_CHANNEL = 'concert_change_events';

type Subscriber = (change: ChangeView) => void;

/** Every committed change event, in this process, whichever process recorded it: for live dashboards and rooms. */
@Injectable()
export class ChangeNotifications implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChangeNotifications.name);
  private readonly subscribers = new Set<Subscriber>();
  /** The last delivery under way: events are read together but handed out in the order they committed. */
  private delivered: Promise<void> = Promise.resolve();

  constructor(
    private readonly notifications: PgNotifications,
    private readonly transactions: Transactions,
    private readonly changes: ChangesRepository,
  ) {}

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.notifications.listen(CHANGE_EVENTS_CHANNEL, (id) => this.deliver(id));
  }

  /**
   * PostgreSQL notifies in commit order; each event is read at once, but handed to the subscribers only after the one
   * notified before it, since two reads under way together may end in either order (a reply after its own edit).
   */
  private deliver(id: string): void {
    if (this.subscribers.size === 0 || !/^\d+$/.test(id)) return;
    const read = this.read(id);
    this.delivered = this.delivered.then(async () => {
      const change = await read;
      if (!change) return;
      for (const subscriber of this.subscribers) {
        try {
          subscriber(change);
        } catch (error) {
          this.logger.error(`Delivering change event ${id} failed: ${String(error)}`);
        }
      }
    });
  }

  /** Never rejects: a failure is logged, and the events after it are delivered all the same. */
  private async read(id: string): Promise<ChangeView | undefined> {
    try {
      const [change] = await this.changes.list(this.transactions.db, { id, limit: 1 });
      return change;
    } catch (error) {
      this.logger.error(`Delivering change event ${id} failed: ${String(error)}`);
      return undefined;
    }
  }
}
