import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { FrameworksModule } from '../frameworks/frameworks.module';
import { ActivityReportsRepository } from './activity-reports.repository';
import { ActivityReportsService } from './activity-reports.service';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';
import { AccountabilityController, ActivityReportsController, CyclesController } from './reporting.controller';

@Module({
  imports: [AgenciesModule, FrameworksModule],
  controllers: [CyclesController, AccountabilityController, ActivityReportsController],
  providers: [CyclesRepository, CyclesService, ActivityReportsRepository, ActivityReportsService],
})
export class ReportingModule {}
