import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LiveSessionsRepository } from './live-sessions.repository';

/** How often the sessions behind live sockets are checked. */
export const SESSION_SWEEP_MS = 60_000;

/** What the sweep needs to know of a socket. */
export interface SweptSocket {
  data: { sessionId?: string; user?: { userId: string } };
}

/**
 * Drops live sockets whose session has expired (or was deleted without a notification), whose user was deactivated,
 * or whose agency was archived: every SESSION_SWEEP_MS, one query for all the sockets of this process. (Logout and
 * password resets drop their sockets at once, through SESSION_ENDED_CHANNEL; this catches what ends silently.)
 */
@Injectable()
export class SessionSweep implements OnModuleDestroy {
  private readonly logger = new Logger(SessionSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private run: () => Promise<void> = async () => undefined;

  constructor(private readonly sessions: LiveSessionsRepository) {}

  /** Sweeps `sockets()` every `everyMs`, handing `drop` each socket whose session no longer holds. */
  start<S extends SweptSocket>(sockets: () => Iterable<S>, drop: (socket: S) => void, everyMs = SESSION_SWEEP_MS): void {
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
