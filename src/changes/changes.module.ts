import { Module } from '@nestjs/common';
import { ChangeNotifications } from './change-notifications';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';
import { LiveChangesGateway } from './live-changes.gateway';

/** The change feed: every feature records its writes here (importing this module), and dashboards follow it live. */
@Module({
  controllers: [ChangesController],
  providers: [ChangesRepository, ChangesService, ChangeNotifications, LiveChangesGateway],
  exports: [ChangesRepository, ChangeNotifications],
})
export class ChangesModule {}
