import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ChangeNotifications } from '../changes/change-notifications';
import type { ChangeView } from '../changes/changes.repository';
import { DocumentAccess, type DocumentOwner } from '../documents/document-access';
import type { CollabSocket } from './collab-socket';
import { DocumentRegistry } from './document-registry';
import type { LiveDocument } from './live-document';

/** What the watcher asks of the transport. */
export interface Seats {
  /** This process's sockets. */
  sockets(): Iterable<CollabSocket>;
  /** Takes the socket out of the document (edit rights withdrawn: joining again gives a view-only seat). */
  leave(socket: CollabSocket, documentId: string): Promise<void>;
}

/**
 * Access decided again when it may have moved: a committed change to a commitment or a report (its agencies, a
 * report submitted or accepted, a consolidated report issued or reopened) re-reads the owners of the open documents it
 * concerns, and every seat in them is decided again. Withdrawn edit rights take the socket out of the document at once (`access_revoked`); new ones
 * upgrade the seat. Text edits, the most frequent changes, move nobody's access and are passed over.
 */
@Injectable()
export class AccessWatcher implements OnModuleDestroy {
  private readonly logger = new Logger(AccessWatcher.name);
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly changes: ChangeNotifications,
    private readonly registry: DocumentRegistry,
    private readonly access: DocumentAccess,
  ) {}

  start(seats: Seats): void {
    this.unsubscribe = this.changes.subscribe((change) => void this.changed(change, seats));
  }

  private async changed(change: ChangeView, seats: Seats): Promise<void> {
    // A discussion's change moves nobody's access to the text.
    if (change.action === 'text_edited' || change.entityType === 'thread') return;
    for (const document of this.registry.loaded()) {
      if (!concerns(document.owner, change)) continue;
      try {
        document.ownerChanged(await this.access.owner(document.id));
      } catch (error) {
        this.logger.error(`Re-checking access to ${document.id} failed: ${String(error)}`);
        continue;
      }
      await this.reseat(document, seats);
    }
  }

  private async reseat(document: LiveDocument, seats: Seats): Promise<void> {
    for (const socket of seats.sockets()) {
      const membership = socket.data.documents?.get(document.id);
      if (!membership) continue;
      const decision = this.access.decide(socket.data.user, document.owner);
      if (decision.access === membership.access) continue;
      if (decision.access === 'view') {
        await seats.leave(socket, document.id);
        const details = decision.refusal && { details: decision.refusal };
        socket.emit('error', document.id, { code: 'access_revoked', message: decision.reason ?? 'You can no longer edit this document.', ...details });
        socket.emit('access', document.id, null, decision.reason ?? '', decision.refusal);
      } else {
        membership.access = 'edit';
        socket.emit('access', document.id, 'edit', 'You can edit this document now.');
      }
    }
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }
}

/**
 * Whether a change may move access to a document: a change of the document's commitment, or of what the document
 * belongs to (a consolidated report issued); for a document of a whole framework (a consolidated report's summary),
 * a change to one of the framework's commitments (its lead agencies may have moved).
 */
function concerns(owner: DocumentOwner, change: ChangeView): boolean {
  if (change.commitmentId && owner.commitmentId === change.commitmentId) return true;
  if (change.entityId && change.entityType === owner.entityType && change.entityId === owner.entityId) return true;
  return owner.commitmentId === null && !!change.frameworkId && change.frameworkId === owner.frameworkId && change.entityType === 'commitment';
}
