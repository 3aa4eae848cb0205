import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
// The wire protocol of the /collab namespace, which live dashboards share with live documents (types and names only).
import { COLLAB_NAMESPACE, frameworkRoom, type LiveChange, type WatchAck } from '../collaboration/protocol';
import { UUID } from '../collaboration/collab-socket';
import { ChangeNotifications } from './change-notifications';
import type { ChangeView } from './changes.repository';

/**
 * Live dashboards: a socket of the /collab namespace `watch`es a framework and receives its committed change events
 * as `change`, whichever process recorded them (each process pushes to its own sockets: ChangeNotifications hears
 * every commit through PostgreSQL). Reading the change feed is open to every signed-in user, as GET /api/changes is.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class LiveChangesGateway implements OnApplicationBootstrap, OnModuleDestroy {
  @WebSocketServer() private readonly server!: Namespace;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly changes: ChangeNotifications) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.changes.subscribe((change) => {
      if (change.frameworkId) this.server.local.to(frameworkRoom(change.frameworkId)).emit('change', toLiveChange(change));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  @SubscribeMessage('watch')
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() frameworkId: unknown): Promise<WatchAck> {
    if (typeof frameworkId !== 'string' || !UUID.test(frameworkId)) {
      return { ok: false, error: { code: 'bad_request', message: 'watch takes a framework id (a UUID).' } };
    }
    await socket.join(frameworkRoom(frameworkId));
    return { ok: true };
  }

  @SubscribeMessage('unwatch')
  async unwatch(@ConnectedSocket() socket: Socket, @MessageBody() frameworkId: unknown): Promise<void> {
    if (typeof frameworkId === 'string') await socket.leave(frameworkRoom(frameworkId));
  }
}

function toLiveChange(change: ChangeView): LiveChange {
  return {
    id: change.id,
    occurredAt: new Date(change.occurredAt).toISOString(),
    entityType: change.entityType,
    entityId: change.entityId,
    action: change.action,
    frameworkId: change.frameworkId,
    commitmentId: change.commitmentId,
    summary: change.summary,
    facts: change.facts,
    actor: change.actor ? { userId: change.actor.userId, agencyCode: change.actor.agencyCode } : null,
  };
}
