import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { ChangesModule } from '../changes/changes.module';
import { DiscussionsModule } from '../discussions/discussions.module';
import { DocumentsModule } from '../documents/documents.module';
import { FrameworksModule } from '../frameworks/frameworks.module';
import { ActivityNarrativeRules } from './activity-narrative.rules';
import { ActivityReportsRepository } from './activity-reports.repository';
import { ActivityReportsService } from './activity-reports.service';
import { CyclesRepository } from './cycles.repository';
import { CyclesService } from './cycles.service';
import { AccountabilityController, ActivityReportsController, CyclesController } from './reporting.controller';

@Module({
  imports: [AgenciesModule, ChangesModule, DiscussionsModule, DocumentsModule, FrameworksModule],
  controllers: [CyclesController, AccountabilityController, ActivityReportsController],
  providers: [ActivityNarrativeRules, CyclesRepository, CyclesService, ActivityReportsRepository, ActivityReportsService],
  exports: [CyclesService],
})
export class ReportingModule {}
