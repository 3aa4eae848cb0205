import { Global, Module } from '@nestjs/common';
import { ChangeNotifications } from './change-notifications';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';

/** Global: every feature records its writes here. */
@Global()
@Module({
  controllers: [ChangesController],
  providers: [ChangesRepository, ChangesService, ChangeNotifications],
  exports: [ChangesRepository, ChangeNotifications],
})
export class ChangesModule {}
