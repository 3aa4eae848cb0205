import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { ChangeNotifications } from '../changes/change-notifications';
import type { ChangeView } from '../changes/changes.repository';
// The wire protocol of the /collab namespace, which discussions share with live documents (types and names only).
import type { CollabNamespace } from '../collaboration/collab-socket';
import { COLLAB_NAMESPACE, documentRoom, type ThreadEventKind } from '../collaboration/protocol';
import { PgNotifications } from '../database/notifications';
import { Transactions } from '../database/transactions';
import type { ThreadAction } from './discussions.service';
import type { NotificationContent } from './notification-params';
import { NotificationsRepository } from './notifications.repository';
import { ThreadsRepository } from './threads.repository';

/** The channel the notifications trigger announces each new notification's id on, when its transaction commits. */
export const NOTIFICATIONS_CHANNEL = 'concert_notifications';

const KINDS: Record<ThreadAction, ThreadEventKind> = {
  thread_opened: 'created',
  comment_added: 'comment_added',
  comment_edited: 'comment_edited',
  comment_deleted: 'comment_deleted',
  thread_resolved: 'resolved',
  thread_reopened: 'reopened',
  action_set: 'action_set',
  action_cleared: 'action_cleared',
  action_done: 'action_done',
};

/**
 * Discussions, live, on the /collab namespace (docs/collaboration-protocol.md): a committed thread change (a change
 * event of entity `thread`, heard by every process) is sent as `thread` to each socket of this process that is joined
 * to the thread's document, checked per recipient (its seat in that document); a committed notification is sent as
 * `notification` to its user's own sockets only. Sends nothing a socket did not ask for by joining or signing in.
 */
@WebSocketGateway({ namespace: COLLAB_NAMESPACE })
export class LiveDiscussionsGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveDiscussionsGateway.name);
  @WebSocketServer() private readonly server!: CollabNamespace;
  private unsubscribe: (() => void) | undefined;
  /** Per document, the last thread event under way: each waits for the one before, so they go out in their order. */
  private readonly sending = new Map<string, Promise<void>>();

  constructor(
    private readonly changes: ChangeNotifications,
    private readonly pg: PgNotifications,
    private readonly transactions: Transactions,
    private readonly threads: ThreadsRepository,
    private readonly notifications: NotificationsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.changes.subscribe((change) => this.inOrder(change));
    await this.pg.listen(NOTIFICATIONS_CHANNEL, (id) => void this.notified(id));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * Sends a thread change after the previous one of its document: each reads the thread before sending it, and two
   * reads under way together may end in either order (a reply sent after its own edit).
   */
  private inOrder(change: ChangeView): void {
    const documentId = change.after?.documentId;
    if (change.entityType !== 'thread' || typeof documentId !== 'string') return;
    const kind = KINDS[change.action as ThreadAction];
    if (!kind) return;
    const sent = (this.sending.get(documentId) ?? Promise.resolve()).then(() => this.threadChanged(change, documentId, kind));
    this.sending.set(documentId, sent);
    void sent.then(() => {
      if (this.sending.get(documentId) === sent) this.sending.delete(documentId);
    });
  }

  /** Never rejects: a failure is logged, and the next event of the document goes out all the same. */
  private async threadChanged(change: ChangeView, documentId: string, kind: ThreadEventKind): Promise<void> {
    try {
      const room = this.server.adapter.rooms.get(documentRoom(documentId));
      if (!room || room.size === 0) return;
      const thread = await this.threads.find(this.transactions.db, change.entityId);
      if (!thread) return;
      // The socket's thread has its timestamps as the text they travel as (protocol.ts); the row's are Dates.
      const wire = { ...thread, createdAt: thread.createdAt.toISOString(), resolvedAt: thread.resolvedAt?.toISOString() ?? null };
      const event = { documentId, kind, actor: change.actor ? { userId: change.actor.userId, agencyCode: change.actor.agencyCode } : null, thread: wire };
      for (const socketId of room) {
        const socket = this.server.sockets.get(socketId);
        // Only a socket with a seat in the document (a join that succeeded) hears its discussions.
        if (socket?.data.documents?.has(documentId)) socket.emit('thread', event);
      }
    } catch (error) {
      this.logger.error(`Sending thread event ${change.id} failed: ${String(error)}`);
    }
  }

  private async notified(id: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return;
    try {
      const sockets = [...this.server.sockets.values()];
      const notification = await this.notifications.find(this.transactions.db, id);
      if (!notification) return;
      const own = sockets.filter((socket) => socket.data.user?.userId === notification.userId);
      if (own.length === 0) return;
      const unread = await this.notifications.unreadCount(this.transactions.db, notification.userId);
      const { kind, params, threadId, commentId, summary, url, read, createdAt } = notification;
      const live = { id, ...({ kind, params } as NotificationContent), threadId, commentId, summary, url, read, createdAt: new Date(createdAt).toISOString(), unread };
      for (const socket of own) socket.emit('notification', live);
    } catch (error) {
      this.logger.error(`Sending notification ${id} failed: ${String(error)}`);
    }
  }
}
