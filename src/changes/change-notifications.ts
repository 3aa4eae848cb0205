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
    await this.notifications.listen(CHANGE_EVENTS_CHANNEL, (id) => void this.deliver(id));
  }

  private async deliver(id: string): Promise<void> {
    if (this.subscribers.size === 0 || !/^\d+$/.test(id)) return;
    try {
      const [change] = await this.changes.list(this.transactions.db, { id, limit: 1 });
      if (!change) return;
      for (const subscriber of this.subscribers) subscriber(change);
    } catch (error) {
      this.logger.error(`Delivering change event ${id} failed: ${String(error)}`);
    }
  }
}
