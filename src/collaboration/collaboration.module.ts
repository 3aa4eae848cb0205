import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { DocumentsModule } from '../documents/documents.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AccessWatcher } from './access-watcher';
import { AwarenessBroadcaster } from './awareness-broadcaster';
import { CollabGateway } from './collab.gateway';
import { CrossProcessRelay } from './cross-process-relay';
import { DocumentRegistry } from './document-registry';
import { DurableWrites } from './durable-writes';
import { LiveSessionsRepository } from './live-sessions.repository';
import { PresenceController } from './presence.controller';
import { SessionSweep } from './session-sweep';
import { SocketLimits } from './socket-limits';

/**
 * Live documents carried over socket.io: the gateway, the documents open in this process, presence, the relay
 * between processes, the watch on access, and the socket limits. Storage and meaning are the documents module's.
 */
@Module({
  imports: [DocumentsModule, ChangesModule, MetricsModule],
  controllers: [PresenceController],
  providers: [
    DocumentRegistry,
    DurableWrites,
    AwarenessBroadcaster,
    CrossProcessRelay,
    AccessWatcher,
    SocketLimits,
    LiveSessionsRepository,
    SessionSweep,
    CollabGateway,
  ],
})
export class CollaborationModule {}
