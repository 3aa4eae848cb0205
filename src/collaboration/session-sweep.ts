import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { SESSION_ENDED_CHANNEL } from '../accounts/account-sessions';
import { PgNotifications } from '../database/notifications';
import { LiveSessionsRepository } from './live-sessions.repository';

/** How often the sessions behind live sockets are checked. */
export const SESSION_SWEEP_MS = 60_000;

/** What the sweep needs to know of a socket. */
export interface SweptSocket {
  data: { sessionId?: string; user?: { userId: string } };
}

/**
 * Drops live sockets whose session ended: at once on SESSION_ENDED_CHANNEL (logout, password resets); and every
 * SESSION_SWEEP_MS, in one query for all the sockets of this process, those whose session expired (or was deleted
 * without a notification), whose user was deactivated or whose agency was archived.
 */
@Injectable()
export class SessionSweep implements OnModuleDestroy {
  private readonly logger = new Logger(SessionSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private run: () => Promise<void> = async () => undefined;

  constructor(
    private readonly sessions: LiveSessionsRepository,
    private readonly notifications: PgNotifications,
  ) {}

  /** Hands `drop` each of `sockets()` whose session no longer holds: at once when it ends, else at the next sweep. */
  async start<S extends SweptSocket>(sockets: () => Iterable<S>, drop: (socket: S) => void, everyMs = SESSION_SWEEP_MS): Promise<void> {
    await this.notifications.listen(SESSION_ENDED_CHANNEL, (sessionId) => {
      for (const socket of sockets()) if (socket.data.sessionId === sessionId) drop(socket);
    });
    this.run = async () => {
      const swept = [...sockets()].filter((socket) => socket.data.user !== undefined);
      if (swept.length === 0) return;
      const valid = await this.sessions.stillValid(
        swept.flatMap(({ data }) => (data.sessionId ? [{ sessionId: data.sessionId, userId: data.user!.userId }] : [])),
      );
      for (const socket of swept) if (!socket.data.sessionId || !valid.has(socket.data.sessionId)) drop(socket);
    };
    this.every(everyMs);
  }

  /** Sweeps from now on every `everyMs` (tests shorten it). */
  every(everyMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.sweep(), everyMs);
    this.timer.unref();
  }

  /** One sweep now (a sweep already running is joined, not doubled). */
  sweep(): Promise<void> {
    this.sweeping ??= this.run()
      .catch((error: unknown) => this.logger.error(`Checking the sessions of live sockets failed: ${String(error)}`))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
