import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { CollabNamespace } from './collab-socket';

/** Awareness states relayed by another process, with the socket that sent each entry (awareness-claims.ts). */
export interface RelayedAwareness {
  payload: string;
  owners: unknown;
}

/** The namespace's server-to-server ask; typed loosely because its event map is the other processes', not ours. */
interface ServerSideAsker {
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]>;
}

export interface RelayHandlers {
  /** An update another process applied (and stores). */
  update(documentId: string, payload: string): void;
  awareness(documentId: string, relayed: Partial<RelayedAwareness>): void;
  /** Another process opening a document asks who is here: this process's sockets' states, or null. */
  whoIsThere(documentId: string): RelayedAwareness | null;
}

/**
 * What the server processes tell each other about live documents, over the socket.io Redis adapter's server-side
 * events: the updates each applied, their sockets' awareness, and who is present. Alone (no REDIS_URL) there is
 * nobody to tell, and nothing is sent.
 */
@Injectable()
export class CrossProcessRelay {
  private server: CollabNamespace | undefined;

  constructor(private readonly config: AppConfig) {}

  /** Binds the relay to the namespace and listens to the other processes. */
  listen(server: CollabNamespace, handlers: RelayHandlers): void {
    this.server = server;
    server.on('relay:update', (documentId: string, payload: string) => handlers.update(documentId, payload));
    server.on('relay:awareness', (documentId: string, payload: string, owners: unknown) => handlers.awareness(documentId, { payload, owners }));
    server.on('relay:awareness-query', (documentId: string, answer: (states: RelayedAwareness | null) => void) => answer(handlers.whoIsThere(documentId)));
  }

  get active(): boolean {
    return this.config.redisUrl !== undefined && this.server !== undefined;
  }

  update(documentId: string, payload: string): void {
    if (this.active) this.server!.serverSideEmit('relay:update', documentId, payload);
  }

  awareness(documentId: string, payload: string, owners: string[]): void {
    if (this.active) this.server!.serverSideEmit('relay:awareness', documentId, payload, owners);
  }

  /** Every other process's answer; none from a process that does not answer within the adapter's timeout. */
  async whoIsThere(documentId: string): Promise<Partial<RelayedAwareness>[]> {
    if (!this.active) return [];
    try {
      const answers = await (this.server as unknown as ServerSideAsker).serverSideEmitWithAck('relay:awareness-query', documentId);
      return answers.filter((answer): answer is Partial<RelayedAwareness> => answer !== null && typeof answer === 'object');
    } catch {
      // A process that does not answer in time: its users appear with their next presence renewal.
      return [];
    }
  }
}
