import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';

@Module({
  imports: [ChangesModule],
  controllers: [AgenciesController],
  providers: [AgenciesRepository, AgenciesService],
  exports: [AgenciesRepository],
})
export class AgenciesModule {}
